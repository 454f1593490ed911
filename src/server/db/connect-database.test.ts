import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { connectDatabase, databaseDialectOf } from './connect-database.ts';
import { migrateToLatest } from './migrate-to-latest.ts';

describe('databaseDialectOf', () => {
  it.each([
    ['postgres://postgres@127.0.0.1:5432/test', 'postgres'],
    ['postgresql://u:p@db.example:6543/gongkai?sslmode=require', 'postgres'],
    ['POSTGRES://host/db', 'postgres'],
    ['./data/gongkai.db', 'sqlite'],
    [':memory:', 'sqlite'],
    ['/var/lib/gongkai/postgres.db', 'sqlite'],
  ])('%s is %s', (url, dialect) => {
    expect(databaseDialectOf(url)).toBe(dialect);
  });
});

describe('connectDatabase on a SQLite file', () => {
  let folder: string | undefined;
  afterEach(() => {
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  });

  it('creates the parent folders, uses WAL and enforces foreign keys', async () => {
    folder = mkdtempSync(join(tmpdir(), 'gongkai-db-'));
    const path = join(folder, 'nested', 'data', 'gongkai.db');
    const connection = await connectDatabase(path);
    try {
      expect(connection.dialect).toBe('sqlite');
      await migrateToLatest(connection.db);
      expect(existsSync(path)).toBe(true);
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(connection.db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      // Agency 999 does not exist.
      await expect(
        connection.db
          .insertInto('report_yearly_figures')
          .values({ agency_id: 999, year: 2024, licensing: 1, penalty: 0, enforcement: 0, administrative_fees: '0' })
          .execute(),
      ).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await connection.close();
    }
  });

  it('can be closed without ever being used', async () => {
    const connection = await connectDatabase(':memory:');
    await connection.close();
  });
});

describeEachDatabase('connectDatabase row types', (database) => {
  it('gives counts as numbers and dates as YYYY-MM-DD strings', async () => {
    const { db } = database;
    const agency = await db.insertInto('agencies').values({ code: 'types', name: '类型测试局', level: 'county', parent_id: null }).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('report_applications')
      .values([
        { agency_id: agency.id, external_id: 'T1', applicant_type: 'natural_person', received_on: '2024-02-29', concluded_on: '2024-03-01', outcome: 'disclosed' },
        { agency_id: agency.id, external_id: 'T2', applicant_type: 'business', received_on: '2024-12-31', concluded_on: null, outcome: null },
      ])
      .execute();
    const counted = await db
      .selectFrom('report_applications')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('agency_id', '=', agency.id)
      .executeTakeFirstOrThrow();
    expect(counted.count).toBe(2);
    const rows = await db.selectFrom('report_applications').select(['received_on', 'concluded_on']).where('agency_id', '=', agency.id).orderBy('id').execute();
    expect(rows).toEqual([
      { received_on: '2024-02-29', concluded_on: '2024-03-01' },
      { received_on: '2024-12-31', concluded_on: null },
    ]);
    const created = await db.selectFrom('agencies').select('created_at').where('id', '=', agency.id).executeTakeFirstOrThrow();
    expect(typeof created.created_at).toBe('string');
  });

  it('orders dates as calendar dates', async () => {
    const rows = await database.db
      .selectFrom('report_applications')
      .select('external_id')
      .where('received_on', '>=', '2024-03-01')
      .where('received_on', '<=', '2024-12-31')
      .execute();
    expect(rows.map((r) => r.external_id)).toEqual(['T2']);
  });
});
