// One connection function for both engines; DATABASE_URL decides which.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';

export type DatabaseDialect = 'sqlite' | 'postgres';

export interface DatabaseConnection {
  db: Kysely<Database>;
  dialect: DatabaseDialect;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** PostgreSQL only: the schema to put first on the search_path (the tests use one per suite). */
  schema?: string;
}

/** `postgres://…` or `postgresql://…` is PostgreSQL; anything else is a SQLite file path or ':memory:'. */
export function databaseDialectOf(url: string): DatabaseDialect {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite';
}

export async function connectDatabase(url: string, options: ConnectOptions = {}): Promise<DatabaseConnection> {
  return databaseDialectOf(url) === 'postgres' ? connectPostgres(url, options) : connectSqlite(url);
}

function connectSqlite(path: string): DatabaseConnection {
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL lets readers run while one writer writes; SQLite leaves foreign keys off unless asked.
  if (!inMemory) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    dialect: 'sqlite',
    async close() {
      await db.destroy();
      // Kysely closes the database only if it ever used it.
      if (sqlite.open) sqlite.close();
    },
  };
}

const PG_INT8 = 20;
const PG_DATE = 1082;
const PG_TIMESTAMP = 1114;
const PG_TIMESTAMPTZ = 1184;

/** Type parsers for this pool only (no global change to pg): rows look the same on both engines. */
function createTypeOverrides(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  // count(*) and sum() return int8, which pg gives as a string; our counts fit in a double.
  types.setTypeParser(PG_INT8, (value: string) => {
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed)) throw new RangeError(`int8 value ${value} does not fit in a JavaScript number`);
    return parsed;
  });
  // A calendar date has no zone: keep 'YYYY-MM-DD' instead of a Date at local midnight.
  types.setTypeParser(PG_DATE, (value: string) => value);
  types.setTypeParser(PG_TIMESTAMP, (value: string) => value);
  types.setTypeParser(PG_TIMESTAMPTZ, (value: string) => value);
  return types;
}

function connectPostgres(url: string, options: ConnectOptions): DatabaseConnection {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
    throw new Error(`Invalid schema name: ${options.schema}`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    types: createTypeOverrides(),
    max: 10,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  // An idle client that loses its server emits 'error' on the pool; without a listener the
  // process would crash. The pool drops that client and the next query reports the problem.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    dialect: 'postgres',
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      // Kysely ends the pool only if it ever used it.
      if (!pool.ended) await pool.end();
    },
  };
}
