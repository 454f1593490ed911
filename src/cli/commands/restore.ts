// gongkai restore DIR — a backup (gongkai backup) into an empty database: refuses a database that
// holds tables unless --force, then checks every table's row count against the manifest.
// Registered from main.ts with registerRestoreCommand; the work is loaded only when it runs.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { DATABASE_OPTION_HELP } from './backup.ts';
import { parseConfigForCli } from './database-url.ts';

export interface RestoreCommandOptions {
  database?: string;
  schema?: string;
  force?: boolean;
  secretKeyFile?: string;
  json?: boolean;
}

const RESTORE_HELP_AFTER = [
  '',
  '还原前请先停止服务器 Stop the server(s) first.',
  '目标数据库须为空（SQLite 文件不存在或没有表；PostgreSQL 模式不存在或没有表），否则须加 --force，',
  '此时原有数据全部删除。The target must be empty, or --force deletes what it holds.',
  '还原后逐表核对行数 Every table\'s row count is checked against the backup afterwards.',
  '',
  '服务器密钥写到 SECRET_KEY_FILE（默认数据库文件旁的 secret.key）；已有不同的密钥文件时须加 --force，',
  '原文件改名保留。The key goes to SECRET_KEY_FILE; a different existing key needs --force (kept renamed).',
  '使用环境变量 SECRET_KEY 的，请确认它与备份时的密钥相同。With SECRET_KEY, make sure it is the backed-up key.',
  '',
  'PostgreSQL：备份只能还原到同类数据库；需要 pg_restore。还原到另一个模式时（--schema），',
  '目标数据库中不能有与备份来源同名且有表的模式：请还原到一个新数据库。',
  'PostgreSQL: restoring under another --schema needs a database without the source schema: use a new database.',
  '示例 Example: gongkai restore /backup/gongkai-2026-11-28 --database postgres://gongkai@db/gongkai_new',
].join('\n');

const KEY_MESSAGES = {
  written: '服务器密钥已写入',
  same: '服务器密钥与备份中的相同，未改动',
  replaced: '服务器密钥已替换为备份中的密钥（原文件改名保留）',
  none: '备份中没有服务器密钥：请使用备份时的 SECRET_KEY 或密钥文件',
  env_same: '环境变量 SECRET_KEY 与备份中的密钥相同',
  env_differs: '注意：环境变量 SECRET_KEY 与备份中的密钥不同，开启了两步验证的用户将无法登录；请改用备份中的密钥',
} as const;

export async function runRestore(from: string, options: RestoreCommandOptions, io: CliIo): Promise<ExitCode> {
  const env = {
    ...io.env,
    ...(options.database === undefined ? {} : { DATABASE_URL: options.database }),
    ...(options.secretKeyFile === undefined ? {} : { SECRET_KEY_FILE: resolve(io.cwd, options.secretKeyFile) }),
  };
  const config = parseConfigForCli(env);
  const { restoreBackup } = await import('../../server/db/backup/restore-database.ts');
  const result = await restoreBackup({
    from: resolve(io.cwd, from),
    databaseUrl: config.databaseUrl,
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    force: options.force === true,
    secretKey: config.secretKey,
    secretKeyFile: config.secretKeyFile,
  });
  if (options.json === true) {
    writeLine(io.stdout, JSON.stringify({ tables: result.tables, rows: result.rows, secretKey: result.secretKey, secretKeyFile: config.secretKeyFile, backupCreatedAt: result.manifest.createdAt }, null, 2));
    return EXIT_OK;
  }
  writeLine(io.stdout, `已还原 ${result.manifest.createdAt} 的备份：${result.tables} 个表，共 ${result.rows} 行，各表行数与备份一致。`);
  writeLine(io.stdout, `${KEY_MESSAGES[result.secretKey]}${result.secretKey === 'written' || result.secretKey === 'replaced' ? `：${config.secretKeyFile}` : ''}。`);
  writeLine(io.stdout, '可运行 gongkai audit verify 校验审计记录，然后启动服务器（启动时自动迁移到最新版本）。');
  return EXIT_OK;
}

export function registerRestoreCommand(program: Command, io: CliIo, setExitCode: (code: ExitCode) => void): void {
  program
    .command('restore')
    .description('把备份还原到一个空数据库，并核对各表行数 restore a backup into an empty database and check every table\'s row count')
    .argument('<dir>', 'gongkai backup 生成的备份文件夹 the folder made by gongkai backup')
    .option('--database <url>', DATABASE_OPTION_HELP)
    .option('--schema <name>', 'PostgreSQL：还原到的模式 the schema to restore into (默认备份来源的模式名 default: the backed-up schema\'s name)')
    .option('--force', '目标数据库不为空或密钥文件不同时仍然还原（删除原有数据）restore over a non-empty target or a different key file (deletes what it holds)')
    .option('--secret-key-file <file>', '服务器密钥写到哪里 where to write the server key (默认 SECRET_KEY_FILE)')
    .option('--json', '输出 JSON output JSON')
    .addHelpText('after', RESTORE_HELP_AFTER)
    .action(async (from: string, options: RestoreCommandOptions) => {
      setExitCode(await runRestore(from, options, io));
    });
}
