// Real databases for tests: SQLite in memory always, PostgreSQL too when TEST_DATABASE_URL is
// set (or CI=true), each suite in a schema of its own that is dropped afterwards.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe } from 'vitest';
import { connectDatabase } from '../src/server/db/connect-database.ts';
import type { DatabaseConnection, DatabaseDialect } from '../src/server/db/connect-database.ts';
import type { Database } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate-to-latest.ts';

const CI_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The PostgreSQL URL the tests use, or undefined when only SQLite runs. */
export function testPostgresUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.TEST_DATABASE_URL) return env.TEST_DATABASE_URL;
  return env.CI === 'true' ? CI_DATABASE_URL : undefined;
}

export interface TestDatabase extends DatabaseConnection {
  /** For a PostgreSQL test database, the schema it lives in; null for SQLite. */
  schema: string | null;
}

export interface OpenTestDatabaseOptions {
  /** Run the migrations (default true). */
  migrate?: boolean;
}

/**
 * A fresh empty database: SQLite ':memory:', or a new schema gk_test_<random> in the
 * PostgreSQL test database. close() drops the schema.
 */
export async function openTestDatabase(dialect: DatabaseDialect, options: OpenTestDatabaseOptions = {}): Promise<TestDatabase> {
  let connection: DatabaseConnection;
  let schema: string | null = null;
  let dropSchema = async (): Promise<void> => {};

  if (dialect === 'sqlite') {
    connection = await connectDatabase(':memory:');
  } else {
    const url = testPostgresUrl();
    if (url === undefined) throw new Error('PostgreSQL tests need TEST_DATABASE_URL (or CI=true)');
    const name = `gk_test_${randomBytes(6).toString('hex')}`;
    schema = name;
    const admin = await connectDatabase(url);
    try {
      await sql`create schema ${sql.id(name)}`.execute(admin.db);
    } finally {
      await admin.close();
    }
    connection = await connectDatabase(url, { schema: name });
    dropSchema = async () => {
      const cleanup = await connectDatabase(url);
      try {
        await sql`drop schema if exists ${sql.id(name)} cascade`.execute(cleanup.db);
      } finally {
        await cleanup.close();
      }
    };
  }

  if (options.migrate ?? true) await migrateToLatest(connection.db);
  const { db } = connection;
  const closeConnection = connection.close;
  return {
    db,
    dialect,
    schema,
    async close() {
      await closeConnection();
      await dropSchema();
    },
  };
}

/** The engines this run tests on: always SQLite; PostgreSQL when configured. */
export function testDialects(): DatabaseDialect[] {
  return testPostgresUrl() === undefined ? ['sqlite'] : ['sqlite', 'postgres'];
}

/** What a suite body gets: the database of the engine under test, available once beforeAll has run. */
export interface DatabaseUnderTest {
  readonly dialect: DatabaseDialect;
  readonly db: Kysely<Database>;
  readonly connection: TestDatabase;
}

/**
 * Runs `fn` once per engine (describe blocks named "<name> [sqlite]" and "<name> [postgres]"),
 * with a fresh migrated database shared by the tests of that block.
 */
export function describeEachDatabase(name: string, fn: (database: DatabaseUnderTest) => void, options: OpenTestDatabaseOptions = {}): void {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => {
      let connection: TestDatabase | undefined;
      const requireConnection = (): TestDatabase => {
        if (connection === undefined) throw new Error('The test database is opened in beforeAll; use it inside tests and hooks');
        return connection;
      };
      beforeAll(async () => {
        connection = await openTestDatabase(dialect, options);
      });
      afterAll(async () => {
        await connection?.close();
      });
      fn({
        dialect,
        get db() {
          return requireConnection().db;
        },
        get connection() {
          return requireConnection();
        },
      });
    });
  }
}
