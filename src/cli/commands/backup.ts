// gongkai backup --out DIR — the database (SQLite online backup, or pg_dump in custom format),
// the server key file and manifest.json into a new folder. Safe while the server runs.
// Registered from main.ts with registerBackupCommand; the work is loaded only when it runs.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { parseConfigForCli } from './database-url.ts';

export const DATABASE_OPTION_HELP = '数据库 database: SQLite 文件路径或 postgres:// 地址 (默认 DATABASE_URL)';
export const SCHEMA_OPTION_HELP = 'PostgreSQL 的模式 schema (默认连接的当前模式，通常是 public default: the current schema)';

export interface BackupCommandOptions {
  out: string;
  database?: string;
  schema?: string;
  json?: boolean;
}

const BACKUP_HELP_AFTER = [
  '',
  '备份文件夹中有 The folder holds:',
  '  database.sqlite 或 database.pgdump  数据库副本 the database copy (PostgreSQL: pg_dump custom format)',
  '  secret.key      服务器密钥 the server key (SECRET_KEY_FILE)',
  '  manifest.json   各文件的校验值、各表的行数 checksums and every table\'s row count',
  '',
  '服务器密钥用于解密两步验证的密钥：没有它，还原后开启了两步验证的用户无法登录。',
  'The key decrypts the two-step verification secrets: keep it with the database.',
  '密钥来自环境变量 SECRET_KEY 时不会写入备份，请另行妥善保管。',
  'When the key comes from SECRET_KEY, it is not in the backup: keep it yourself.',
  '备份中有全部个人信息和密钥：请存放在只有管理员能读取的地方。',
  'The backup holds all personal data and the key: store it where only administrators can read it.',
  '',
  '附件存放在文件目录或 S3 存储（STORAGE）时，附件文件不在数据库中：请另行备份该目录或存储桶。',
  'With STORAGE=filesystem or s3 the attachment files are outside the database: back them up too.',
  '服务器运行时也可以备份 The server may keep running. PostgreSQL 需要 pg_dump（版本不低于服务器 at least the server\'s version）。',
  '示例 Example: gongkai backup --out /backup/gongkai-2026-11-28',
].join('\n');

export async function runBackup(options: BackupCommandOptions, io: CliIo): Promise<ExitCode> {
  const env = { ...io.env, ...(options.database === undefined ? {} : { DATABASE_URL: options.database }) };
  const config = parseConfigForCli(env);
  const { createBackup } = await import('../../server/db/backup/backup-database.ts');
  const { manifest, out } = await createBackup({
    databaseUrl: config.databaseUrl,
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    out: resolve(io.cwd, options.out),
    secretKey: config.secretKey,
    secretKeyFile: config.secretKeyFile,
  });
  const tables = Object.keys(manifest.tables).length;
  const rows = Object.values(manifest.tables).reduce((sum, count) => sum + count, 0);
  if (options.json === true) {
    writeLine(io.stdout, JSON.stringify({ out, ...manifest }, null, 2));
    return EXIT_OK;
  }
  writeLine(io.stdout, `已备份到 ${out}：${manifest.dialect === 'sqlite' ? 'SQLite' : `PostgreSQL 模式 ${manifest.schema ?? ''}`}，${tables} 个表，共 ${rows} 行。`);
  if (manifest.secretKeySource === 'file') writeLine(io.stdout, `服务器密钥已一并备份（${config.secretKeyFile}）。`);
  else if (manifest.secretKeySource === 'env') writeLine(io.stdout, '注意：服务器密钥来自环境变量 SECRET_KEY，没有写入备份，请另行妥善保管。');
  else writeLine(io.stdout, `注意：没有找到服务器密钥文件 ${config.secretKeyFile}；服务器首次启动时才会生成它。`);
  writeLine(io.stdout, '备份中有全部个人信息：请存放在只有管理员能读取的地方。');
  return EXIT_OK;
}

export function registerBackupCommand(program: Command, io: CliIo, setExitCode: (code: ExitCode) => void): void {
  program
    .command('backup')
    .description('备份数据库和服务器密钥到一个新文件夹（服务器运行时也可以）back up the database and the server key into a new folder (safe while the server runs)')
    .requiredOption('--out <dir>', '备份文件夹，须不存在或为空 backup folder, new or empty')
    .option('--database <url>', DATABASE_OPTION_HELP)
    .option('--schema <name>', SCHEMA_OPTION_HELP)
    .option('--json', '输出 JSON（清单）output JSON: the manifest')
    .addHelpText('after', BACKUP_HELP_AFTER)
    .action(async (options: BackupCommandOptions) => {
      setExitCode(await runBackup(options, io));
    });
}
