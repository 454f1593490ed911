// gongkai import records after 定稿 (issue 5): the file replaces every year's imported records,
// so it is refused when a locked year's tables would change; repeating that year unchanged passes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../../test/capture-cli-io.ts';
import { createAgenciesRepository } from '../../server/agencies/agencies.repository.ts';
import { connectDatabase } from '../../server/db/connect-database.ts';
import { migrateToLatest } from '../../server/db/migrate-to-latest.ts';
import { runImportRecords } from './import-records.ts';

let dir: string;
let database: string;
let agencyId: number;

const a1 = { id: 'A1', applicantType: 'natural_person', receivedOn: '2024-03-01', concludedOn: '2024-03-20', outcome: 'disclosed' };
const a2 = { id: 'A2', applicantType: 'business', receivedOn: '2025-02-01', concludedOn: '2025-02-20', outcome: 'disclosed' };
const a3 = { id: 'A3', applicantType: 'natural_person', receivedOn: '2025-05-01', concludedOn: null, outcome: null };
const file = (name: string, applications: object[]) => {
  writeFileSync(join(dir, name), JSON.stringify({ agencyName: '示范市示范局', applications, reviewCases: [], documents: [], yearlyFigures: [] }));
  return name;
};

async function storedIds(): Promise<string[]> {
  const connection = await connectDatabase(database);
  try {
    return (await connection.db.selectFrom('report_applications').select('external_id').where('agency_id', '=', agencyId).orderBy('external_id').execute()).map((r) => r.external_id);
  } finally {
    await connection.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-records-lock-'));
  database = join(dir, 'records.db');
  const connection = await connectDatabase(database);
  await migrateToLatest(connection.db);
  agencyId = (await createAgenciesRepository(connection.db).createAgency({ code: 'city', name: '示范市示范局', level: 'municipal' })).id;
  await connection.close();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('gongkai import records with a locked year', () => {
  const run = (name: string, dryRun = false) => runImportRecords(name, { agency: 'city', dryRun, database }, captureIo(dir).io);

  it('imports 2024 and 2025, then 2024 is 定稿', async () => {
    expect(await run(file('first.json', [a1, a2]))).toBe(0);
    const connection = await connectDatabase(database);
    await connection.db.insertInto('annual_reports').values({ agency_id: agencyId, year: 2024, state: 'finalized', version: 1, final_json: null, published_json: null, published_at: null }).execute();
    await connection.close();
    expect(await storedIds()).toEqual(['A1', 'A2']);
  });

  it('accepts a file repeating 2024 unchanged and adding a 2025 case', async () => {
    expect(await run(file('second.json', [a1, a2, a3]))).toBe(0);
    expect(await storedIds()).toEqual(['A1', 'A2', 'A3']);
  });

  it('refuses a file changing a 2024 outcome, also on --dry-run, and keeps the records', async () => {
    const changed = file('changed.json', [{ ...a1, outcome: 'partially_disclosed' }, a2, a3]);
    await expect(run(changed, true)).rejects.toMatchObject({ code: 'CONFLICT', details: { year: 2024 } });
    await expect(run(changed)).rejects.toMatchObject({ code: 'CONFLICT', userMessage: expect.stringContaining('2024年度报告已定稿') });
    expect(await storedIds()).toEqual(['A1', 'A2', 'A3']);
  });

  it('refuses a file leaving out a 2024 case (its deletion changes 2024)', async () => {
    await expect(run(file('fewer.json', [a2, a3]))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await storedIds()).toEqual(['A1', 'A2', 'A3']);
  });
});
