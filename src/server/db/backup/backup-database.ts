// gongkai backup: a directory with the database copy, the server key file and manifest.json.
// - SQLite: the online backup API (better-sqlite3's backup()), safe while the server writes: the
//   copy is one consistent state of the file. The copy is switched to a single file (no WAL).
// - PostgreSQL: pg_dump in custom format of the connection's schema, inside a snapshot that this
//   module exports (pg_export_snapshot): the row counts in the manifest are read in the very
//   snapshot that pg_dump copies, while the servers go on writing.
// The key file (SECRET_KEY_FILE) decrypts the TOTP secrets in the database: a copy without it
// cannot log in users with two-step verification, so it is copied beside the database.
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { DomainError } from '../../../domain/domain-error.ts';
import { databaseDialectOf } from '../connect-database.ts';
import type { BackupFile, BackupManifest } from './backup-manifest.ts';
import { MANIFEST_FILE, POSTGRES_FILE, SECRET_KEY_FILE, SQLITE_FILE, sha256OfFile } from './backup-manifest.ts';
import { pgCommandTarget, runPgCommand } from './postgres-tools.ts';
import { countAllRows } from './table-digest.ts';

export interface BackupOptions {
  databaseUrl: string;
  /** PostgreSQL: the schema to back up; default the connection's current schema (public). */
  schema?: string;
  /** The directory to create; it must not exist or be empty. */
  out: string;
  /** SECRET_KEY from the environment (not copied) and SECRET_KEY_FILE (copied when it exists). */
  secretKey: string | undefined;
  secretKeyFile: string;
  now?: () => Date;
}

/** sqlite3_backup_step's largest page count (better-sqlite3 caps the rate at 2^31 - 1). */
export const ALL_PAGES = 0x7fffffff;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

export function checkSchemaName(schema: string | undefined): void {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new DomainError('BAD_INPUT', `invalid schema name ${schema}`, `模式名（--schema）只能由小写字母、数字和下划线组成，且不以数字开头（收到：${schema}）`, { field: 'schema' });
  }
}

async function prepareOutDir(out: string): Promise<void> {
  if (existsSync(out)) {
    const entries = await readdir(out).catch(() => {
      throw new DomainError('BAD_INPUT', `${out} is not a directory`, `备份位置 ${out} 已存在且不是文件夹`, { field: 'out' });
    });
    if (entries.length > 0) throw new DomainError('CONFLICT', `${out} is not empty`, `备份文件夹 ${out} 不是空的：请换一个新文件夹，以免覆盖以前的备份`, { field: 'out' });
  }
  // Owner only: the folder holds the whole database and the key.
  await mkdir(out, { recursive: true, mode: 0o700 });
}

async function describeFile(dir: string, name: string): Promise<BackupFile> {
  const path = join(dir, name);
  return { name, size: (await stat(path)).size, sha256: await sha256OfFile(path) };
}

async function backupSqlite(path: string, out: string): Promise<{ migrations: string[]; tables: Record<string, number> }> {
  if (path === ':memory:') throw new DomainError('BAD_INPUT', 'cannot back up an in-memory database', '内存数据库（:memory:）无法备份', { field: 'database' });
  if (!existsSync(path)) throw new DomainError('NOT_FOUND', `no database file ${path}`, `找不到数据库文件 ${path}`, { field: 'database' });
  const target = join(out, SQLITE_FILE);
  const source = new SQLite(path, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // All remaining pages in one step, one read transaction: a step-by-step copy restarts whenever
    // another connection writes, and on a busy server might never finish. In WAL mode the read
    // does not block the server's writers.
    await source.backup(target, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  const copy = new SQLite(target);
  // One self-contained file: no -wal beside it to forget.
  copy.pragma('journal_mode = DELETE');
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: copy }) });
  try {
    return { migrations: await readMigrations(db), tables: await countAllRows(db) };
  } finally {
    await db.destroy();
    if (copy.open) copy.close();
  }
}

async function readMigrations(db: Kysely<unknown>): Promise<string[]> {
  const { rows: found } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(db);
  if (found.length === 0) return [];
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((row) => row.name);
}

async function backupPostgres(url: string, schemaOption: string | undefined, out: string): Promise<{ schema: string; extensions: string[]; migrations: string[]; tables: Record<string, number> }> {
  const client = new pg.Client({ connectionString: url, ...(schemaOption === undefined ? {} : { options: `-c search_path=${schemaOption}` }) });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]?.id ?? '';
    const schema = (await client.query<{ schema: string | null }>('select current_schema() as schema')).rows[0]?.schema ?? null;
    if (schema === null) throw new DomainError('NOT_FOUND', `schema ${schemaOption ?? ''} does not exist`, `数据库中没有模式 ${schemaOption ?? '(search_path)'}`, { field: 'schema' });
    const extensions = (await client.query<{ name: string }>("select extname as name from pg_extension where extname <> 'plpgsql' order by extname")).rows.map((row) => row.name);
    // The counts, read in the snapshot pg_dump copies.
    const tables: Record<string, number> = {};
    const names = (await client.query<{ name: string }>('select tablename as name from pg_tables where schemaname = current_schema() order by tablename')).rows.map((row) => row.name);
    for (const name of names) tables[name] = Number((await client.query<{ count: string }>(`select count(*) as count from "${name.replaceAll(`"`, `""`)}"`)).rows[0]?.count ?? 0);
    const migrations = names.includes('kysely_migration') ? (await client.query<{ name: string }>('select name from kysely_migration order by name')).rows.map((row) => row.name) : [];
    const target = pgCommandTarget(url);
    await runPgCommand('pg_dump', ['--format=custom', `--schema=${schema}`, `--snapshot=${snapshot}`, `--file=${join(out, POSTGRES_FILE)}`, `--dbname=${target.url}`], target.env);
    await client.query('commit');
    return { schema, extensions, migrations, tables };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

export interface BackupResult {
  manifest: BackupManifest;
  out: string;
}

export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  checkSchemaName(options.schema);
  const dialect = databaseDialectOf(options.databaseUrl);
  if (dialect === 'sqlite' && options.schema !== undefined) throw new DomainError('BAD_INPUT', '--schema is for PostgreSQL', '--schema 只用于 PostgreSQL', { field: 'schema' });
  await prepareOutDir(options.out);
  try {
    const copied = dialect === 'sqlite' ? { ...(await backupSqlite(options.databaseUrl, options.out)), schema: null, extensions: [] } : await backupPostgres(options.databaseUrl, options.schema, options.out);
    let secretKey: BackupFile | null = null;
    let secretKeySource: BackupManifest['secretKeySource'] = 'none';
    if (options.secretKey !== undefined) secretKeySource = 'env';
    else if (existsSync(options.secretKeyFile)) {
      await copyFile(options.secretKeyFile, join(options.out, SECRET_KEY_FILE));
      await chmod(join(options.out, SECRET_KEY_FILE), 0o600);
      secretKey = await describeFile(options.out, SECRET_KEY_FILE);
      secretKeySource = 'file';
    }
    const manifest: BackupManifest = {
      format: 'gongkai-backup',
      version: 1,
      createdAt: (options.now ?? (() => new Date()))().toISOString(),
      dialect,
      schema: copied.schema,
      extensions: copied.extensions,
      migrations: copied.migrations,
      tables: copied.tables,
      database: await describeFile(options.out, dialect === 'sqlite' ? SQLITE_FILE : POSTGRES_FILE),
      secretKey,
      secretKeySource,
    };
    await writeFile(join(options.out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    return { manifest, out: options.out };
  } catch (error) {
    // No half-made backup left to be mistaken for a good one.
    await rm(options.out, { recursive: true, force: true });
    throw error;
  }
}
