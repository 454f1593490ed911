// gongkai restore: puts a backup (backup-database.ts) into an empty database, then checks every
// table's row count against the manifest. Everything is checked before anything is written: the
// files' sha256, the engine, the schema version, an empty target (unless force), the key file.
// - SQLite: the online backup API from the backup file into the target file. Stop the server first.
// - PostgreSQL: pg_restore in one transaction (all or nothing) into the dumped schema's name,
//   created here, then renamed when another target schema is asked for. The schema entries of the
//   dump are left out (--use-list), so restoring into an existing empty schema works, `public`
//   included. A schema of the dumped name that holds tables blocks a restore under another name.
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { DomainError } from '../../../domain/domain-error.ts';
import { connectDatabase, databaseDialectOf } from '../connect-database.ts';
import { MIGRATIONS } from '../migrate-to-latest.ts';
import { parseSecretKey } from '../../accounts/secret-box.ts';
import type { BackupManifest } from './backup-manifest.ts';
import { readBackupManifest } from './backup-manifest.ts';
import { ALL_PAGES, checkSchemaName } from './backup-database.ts';
import { pgCommandTarget, runPgCommand } from './postgres-tools.ts';
import { countAllRows } from './table-digest.ts';

export interface RestoreOptions {
  /** The backup directory. */
  from: string;
  databaseUrl: string;
  /** PostgreSQL: the schema to restore into; default the dumped schema's name. */
  schema?: string;
  /** Replace a non-empty target database (and a different key file). */
  force: boolean;
  /** SECRET_KEY of the target's environment, if any (compared, never written). */
  secretKey: string | undefined;
  /** Where the target server reads its key file. */
  secretKeyFile: string;
}

export interface RestoreResult {
  manifest: BackupManifest;
  tables: number;
  rows: number;
  /** What happened to the key: written, already there, replaced, not in the backup, or SECRET_KEY differs. */
  secretKey: 'written' | 'same' | 'replaced' | 'none' | 'env_same' | 'env_differs';
}

function conflict(message: string, userMessage: string, field = 'database'): DomainError {
  return new DomainError('CONFLICT', message, userMessage, { field });
}

function checkCompatible(manifest: BackupManifest, dialect: 'sqlite' | 'postgres'): void {
  const names = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
  if (manifest.dialect !== dialect) {
    throw new DomainError('BAD_INPUT', `backup is ${manifest.dialect}, target is ${dialect}`, `该备份来自 ${names[manifest.dialect]} 数据库，不能还原到 ${names[dialect]} 数据库`, { field: 'database' });
  }
  const unknown = manifest.migrations.filter((name) => !(name in MIGRATIONS));
  if (unknown.length > 0) {
    throw new DomainError('BAD_INPUT', `backup has migrations this version does not know: ${unknown.join(', ')}`, `该备份来自更新版本的 Gongkai（含本版本没有的数据库迁移 ${unknown.join('、')}）：请先升级 Gongkai 再还原`, { field: 'backup' });
  }
}

/** Decides what to do with the key before anything is written. */
async function planSecretKey(manifest: BackupManifest, from: string, options: RestoreOptions): Promise<RestoreResult['secretKey']> {
  if (manifest.secretKey === null) return 'none';
  const key = parseSecretKey(await readFile(join(from, manifest.secretKey.name), 'utf8'));
  if (options.secretKey !== undefined) return parseSecretKey(options.secretKey).equals(key) ? 'env_same' : 'env_differs';
  if (!existsSync(options.secretKeyFile)) return 'written';
  let existing: Buffer | null = null;
  try {
    existing = parseSecretKey(await readFile(options.secretKeyFile, 'utf8'));
  } catch {
    existing = null;
  }
  if (existing !== null && existing.equals(key)) return 'same';
  if (!options.force) {
    throw conflict(
      `key file ${options.secretKeyFile} differs from the backup's`,
      `服务器密钥文件 ${options.secretKeyFile} 已存在，且与备份中的密钥不同：还原后须使用备份中的密钥，否则开启了两步验证的用户无法登录。确认要替换时加 --force（原文件改名保留）`,
      'secretKeyFile',
    );
  }
  return 'replaced';
}

async function writeSecretKey(plan: RestoreResult['secretKey'], manifest: BackupManifest, from: string, keyFile: string): Promise<void> {
  if ((plan !== 'written' && plan !== 'replaced') || manifest.secretKey === null) return;
  await mkdir(dirname(resolve(keyFile)), { recursive: true });
  if (plan === 'replaced') await rename(keyFile, `${keyFile}.replaced-${Date.now()}`);
  await copyFile(join(from, manifest.secretKey.name), keyFile);
  await chmod(keyFile, 0o600);
}

function sqliteTableCount(path: string): number {
  const db = new SQLite(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return (db.prepare("select count(*) as count from sqlite_master where type = 'table'").get() as { count: number }).count;
  } finally {
    db.close();
  }
}

async function restoreSqlite(manifest: BackupManifest, from: string, options: RestoreOptions, afterChecks: () => Promise<void>): Promise<void> {
  const path = options.databaseUrl;
  if (path === ':memory:') throw new DomainError('BAD_INPUT', 'cannot restore into :memory:', '不能还原到内存数据库（:memory:）：请给出数据库文件路径', { field: 'database' });
  if (existsSync(path) && sqliteTableCount(path) > 0 && !options.force) {
    throw conflict(`${path} is not empty`, `目标数据库 ${path} 不是空的：还原会覆盖其中的全部数据。请先停止服务器；确认要覆盖时加 --force`);
  }
  await afterChecks();
  await mkdir(dirname(resolve(path)), { recursive: true });
  const source = new SQLite(join(from, manifest.database.name), { readonly: true, fileMustExist: true });
  try {
    // Page by page into the target through SQLite itself, which keeps the target's WAL consistent.
    await source.backup(path, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
}

interface SchemaState {
  exists: boolean;
  relations: number;
}

async function schemaState(client: pg.Client, schema: string): Promise<SchemaState> {
  const { rows } = await client.query<{ exists: boolean; relations: string }>(
    `select exists(select 1 from pg_namespace where nspname = $1) as exists,
            (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1) as relations`,
    [schema],
  );
  return { exists: rows[0]?.exists ?? false, relations: Number(rows[0]?.relations ?? 0) };
}

const quoteId = (name: string): string => `"${name.replaceAll('"', '""')}"`;

async function restorePostgres(manifest: BackupManifest, from: string, options: RestoreOptions, afterChecks: () => Promise<void>): Promise<string> {
  const source = manifest.schema ?? 'public';
  const target = options.schema ?? source;
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const targetState = await schemaState(client, target);
    if (targetState.relations > 0 && !options.force) {
      throw conflict(`schema ${target} is not empty`, `目标数据库的模式 ${target} 不是空的（有 ${targetState.relations} 个表、索引或序列）：还原会删除其中的全部数据。确认要覆盖时加 --force`);
    }
    if (source !== target) {
      const sourceState = await schemaState(client, source);
      // Never dropped, even with --force: it is most likely the live data the backup came from.
      if (sourceState.relations > 0) {
        throw conflict(`schema ${source} exists in the target database`, `目标数据库中已有模式 ${source}（备份所来自的模式）且不是空的：只能还原到另一个数据库，或还原回模式 ${source} 本身`);
      }
    }
    await afterChecks();
    if (targetState.exists && (targetState.relations > 0 || source !== target)) await client.query(`drop schema ${quoteId(target)} cascade`);
    if (source !== target) await client.query(`drop schema if exists ${quoteId(source)}`);
    for (const extension of manifest.extensions) await client.query(`create extension if not exists ${quoteId(extension)}`);
    await client.query(`create schema if not exists ${quoteId(source)}`);
    // The dump's own schema entries are left out: the schema now exists (possibly `public`).
    const command = pgCommandTarget(options.databaseUrl);
    const dumpFile = join(from, manifest.database.name);
    const toc = await runPgCommand('pg_restore', ['--list', dumpFile], command.env);
    const kept = toc.split('\n').filter((line) => !/^\d+; \d+ \d+ (SCHEMA - |COMMENT - SCHEMA |ACL - SCHEMA )/.test(line));
    const work = await mkdtemp(join(tmpdir(), 'gongkai-restore-'));
    try {
      const listFile = join(work, 'restore.list');
      await writeFile(listFile, kept.join('\n'));
      await runPgCommand('pg_restore', ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--use-list=${listFile}`, `--dbname=${command.url}`, dumpFile], command.env);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    if (source !== target) await client.query(`alter schema ${quoteId(source)} rename to ${quoteId(target)}`);
    return target;
  } finally {
    await client.end();
  }
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  checkSchemaName(options.schema);
  const dialect = databaseDialectOf(options.databaseUrl);
  if (dialect === 'sqlite' && options.schema !== undefined) throw new DomainError('BAD_INPUT', '--schema is for PostgreSQL', '--schema 只用于 PostgreSQL', { field: 'schema' });
  const manifest = await readBackupManifest(options.from);
  checkCompatible(manifest, dialect);
  let keyPlan: RestoreResult['secretKey'] = 'none';
  const afterChecks = async (): Promise<void> => {
    keyPlan = await planSecretKey(manifest, options.from, options);
  };
  let schema: string | undefined;
  if (dialect === 'sqlite') await restoreSqlite(manifest, options.from, options, afterChecks);
  else schema = await restorePostgres(manifest, options.from, options, afterChecks);
  await writeSecretKey(keyPlan, manifest, options.from, options.secretKeyFile);

  const connection = await connectDatabase(options.databaseUrl, schema === undefined ? {} : { schema });
  let counts: Record<string, number>;
  try {
    counts = await countAllRows(connection.db);
  } finally {
    await connection.close();
  }
  const expected = JSON.stringify(Object.entries(manifest.tables).sort());
  if (JSON.stringify(Object.entries(counts).sort()) !== expected) {
    throw new Error(`restored row counts differ from the backup's manifest: expected ${expected}, found ${JSON.stringify(counts)}`);
  }
  return { manifest, tables: Object.keys(counts).length, rows: Object.values(counts).reduce((sum, count) => sum + count, 0), secretKey: keyPlan };
}
