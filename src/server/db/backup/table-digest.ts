// Every table of a database with its row count and a content hash (rows in primary-key order),
// to show that a restored copy holds exactly what was backed up. Tables are found by asking the
// database, not from database.ts: the hash must cover tables the types do not list (accounts,
// the audit trail, Kysely's migration tables, SQLite's full-text shadow tables).
import { createHash } from 'node:crypto';
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

export interface TableDigest {
  rows: number;
  /** sha256 (hex) of the rows, one canonical JSON line each, in primary-key order. */
  sha256: string;
}

function isPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The tables of the connection's schema (PostgreSQL) or file (SQLite), sorted by name. */
export async function listTables<DB>(db: Kysely<DB>): Promise<string[]> {
  if (isPostgres(db)) {
    const { rows } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() order by tablename`.execute(db);
    return rows.map((row) => row.name);
  }
  // sqlite_sequence and the like belong to SQLite; a backup copies them, a digest compares ours.
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
  return rows.map((row) => row.name);
}

export async function countRows<DB>(db: Kysely<DB>, table: string): Promise<number> {
  const { rows } = await sql<{ count: number | string }>`select count(*) as count from ${sql.id(table)}`.execute(db);
  return Number(rows[0]?.count ?? 0);
}

/** Row counts of every table: what the manifest records and restore checks. */
export async function countAllRows<DB>(db: Kysely<DB>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await listTables(db)) counts[table] = await countRows(db, table);
  return counts;
}

async function orderColumns<DB>(db: Kysely<DB>, table: string): Promise<string[]> {
  if (isPostgres(db)) {
    const { rows } = await sql<{ name: string }>`
      select a.attname as name
      from pg_index i
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = ${sql.lit(`"${table}"`)}::regclass and i.indisprimary
      order by array_position(i.indkey, a.attnum)`.execute(db);
    if (rows.length > 0) return rows.map((row) => row.name);
    // No primary key: every column, in table order.
    const { rows: columns } = await sql<{ name: string }>`
      select column_name as name from information_schema.columns
      where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db);
    return columns.map((row) => row.name);
  }
  const { rows } = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table}) where pk > 0 order by pk`.execute(db);
  // rowid: tables without a declared key, and FTS5 virtual tables.
  return rows.length > 0 ? rows.map((row) => row.name) : ['rowid'];
}

function canonicalValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString('hex') };
  if (typeof value === 'bigint') return { bigint: value.toString() };
  if (value instanceof Date) return { date: value.toISOString() };
  return value;
}

export async function digestTable<DB>(db: Kysely<DB>, table: string): Promise<TableDigest> {
  const order = await orderColumns(db, table);
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.id(table)} order by ${sql.join(order.map((column) => sql.id(column)))}`.execute(db);
  const hash = createHash('sha256');
  for (const row of rows) {
    const entries = Object.keys(row)
      .sort()
      .map((key) => [key, canonicalValue(row[key])]);
    hash.update(`${JSON.stringify(entries)}\n`);
  }
  return { rows: rows.length, sha256: hash.digest('hex') };
}

/** Every table's digest. Reads each table whole: meant for tests and small databases. */
export async function digestAllTables<DB>(db: Kysely<DB>): Promise<Record<string, TableDigest>> {
  const digests: Record<string, TableDigest> = {};
  for (const table of await listTables(db)) digests[table] = await digestTable(db, table);
  return digests;
}
