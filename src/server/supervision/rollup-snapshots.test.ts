// Roll-up snapshots: the drawer of a summed cell, an agency's report and the exports answer from
// the view's roll-up when given its snapshot id (even after a new case), recompute without it or
// when it is unknown or expired, never use it for another root agency or year, and keep at most 16.
// Through the real app (route plumbing, access) and through the service on an injected clock.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../../../test/login-as.ts';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { createApplicationService } from '../applications/application.service.ts';
import { buildApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { createRecordsRepository } from '../records/records.repository.ts';
import { createRollupSnapshots, SNAPSHOT_ID_PATTERN } from './rollup-snapshots.ts';
import type { SubtreeRollup } from './subtree-rollup.ts';
import type { SupervisedReport, SupervisionCell, SupervisionView } from './supervision.service.ts';
import { chinaDateTime, createSupervisionService } from './supervision.service.ts';

const TODAY = '2026-02-10';
const ID_NUMBER = '11010519491231002X';
const RECEIVED = { table: 'table3', row: 'received', column: 'natural_person' } as const;

/**
 * `${p}` (市) with `${p}-a` (局) and `${p}-x` (区) over `${p}-x1` (镇), all live reports. 2025 自然人
 * received: 局 2 (imported records), 区 1, 市 and 镇 none: 3 in all. Nothing in 2024.
 */
async function makeTree(db: Kysely<Database>, p: string): Promise<void> {
  const agencies = createAgenciesRepository(db);
  const root = await agencies.createAgency({ code: p, name: `${p}市人民政府`, level: 'municipal' });
  const bureau = await agencies.createAgency({ code: `${p}-a`, name: `${p}市甲局`, level: 'municipal', parentId: root.id });
  const district = await agencies.createAgency({ code: `${p}-x`, name: `${p}市X区人民政府`, level: 'county', parentId: root.id });
  await agencies.createAgency({ code: `${p}-x1`, name: `${p}X1镇人民政府`, level: 'township', parentId: district.id });
  const records = createRecordsRepository(db);
  const person = (id: string, receivedOn: string, concludedOn: string) => ({ id, applicantType: 'natural_person' as const, receivedOn, concludedOn, outcome: 'disclosed' as const });
  await records.replaceRecords(bureau.id, { agencyName: bureau.name, applications: [person('A1', '2025-03-01', '2025-03-10'), person('A2', '2025-04-01', '2025-04-10')], reviewCases: [], documents: [], yearlyFigures: [] });
  await records.replaceRecords(district.id, { agencyName: district.name, applications: [person('X1', '2025-05-01', '2025-05-12')], reviewCases: [], documents: [], yearlyFigures: [] });
}

/** A new case received on the platform by the agency (its report is live, so it counts at once). */
async function receiveCase(db: Kysely<Database>, agencyCode: string, receivedOn: string): Promise<void> {
  const cases = createApplicationService({ db, today: () => TODAY });
  await cases.receiveApplication(agencyCode, { channel: 'online', receivedOn, applicant: { type: 'natural_person', name: '张三', idNumber: ID_NUMBER, creditCode: null }, requestedInformation: '某路段改造工程的批复文件' }, 'u-clerk', ['clerk']);
}

const sumOf = (cell: SupervisionCell): number => cell.contributions.reduce((sum, c) => sum + (typeof c.value === 'number' ? c.value : 0), 0);
const shares = (cell: SupervisionCell) => cell.contributions.map((c) => [c.code, c.value]);

describe('createRollupSnapshots', () => {
  const fake = (rootId: number, year = 2025) => ({ root: { id: rootId }, year, agencies: [], aggregate: {} }) as unknown as SubtreeRollup;

  it('keeps 16 snapshots, dropping the least recently used', () => {
    const t = new Date('2026-11-28T09:30:00Z');
    const cache = createRollupSnapshots({ now: () => t });
    const ids = Array.from({ length: 16 }, (_, i) => cache.put(fake(i + 1), t).id);
    expect(cache.size).toBe(16);
    for (const id of ids) expect(id).toMatch(SNAPSHOT_ID_PATTERN);
    expect(new Set(ids).size).toBe(16);
    // Reading the first makes the second the least recently used: the 17th put drops the second.
    expect(cache.get(1, 2025, ids[0]!)?.rollup.root.id).toBe(1);
    cache.put(fake(17), t);
    expect(cache.size).toBe(16);
    expect(cache.get(2, 2025, ids[1]!)).toBeUndefined();
    expect(cache.get(1, 2025, ids[0]!)).toBeDefined();
    // The 18th drops the third.
    cache.put(fake(18), t);
    expect(cache.size).toBe(16);
    expect(cache.get(3, 2025, ids[2]!)).toBeUndefined();
    expect(cache.get(4, 2025, ids[3]!)).toBeDefined();
  });

  it('finds a snapshot only under its own root and year, and not after 10 minutes', () => {
    let clock = new Date('2026-11-28T09:30:00Z');
    const cache = createRollupSnapshots({ now: () => clock });
    const { id, computedAt } = cache.put(fake(7, 2025), clock);
    expect(computedAt).toBe('2026-11-28T09:30:00.000Z');
    expect(cache.get(8, 2025, id)).toBeUndefined();
    expect(cache.get(7, 2024, id)).toBeUndefined();
    expect(cache.get(7, 2025, 'A'.repeat(22))).toBeUndefined();
    expect(cache.get(7, 2025, `${id}x`)).toBeUndefined();
    clock = new Date('2026-11-28T09:39:59.999Z');
    expect(cache.get(7, 2025, id)?.computedAt).toBe('2026-11-28T09:30:00.000Z');
    clock = new Date('2026-11-28T09:40:00.000Z');
    expect(cache.get(7, 2025, id)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('writes an instant in China time', () => {
    expect(chinaDateTime('2026-11-28T09:30:00.000Z')).toBe('2026-11-28 17:30');
    expect(chinaDateTime('2026-12-31T16:05:00.000Z')).toBe('2027-01-01 00:05');
  });
});

describeEachDatabase('roll-up snapshots', (database) => {
  describe('through the API', () => {
    let app: FastifyInstance;
    let supCity: Record<string, string> = {};
    let supX: Record<string, string> = {};

    beforeAll(async () => {
      await makeTree(database.db, 'rc');
      supCity = await loginAs(database.db, 'snap-city', { rc: ['supervisor'] });
      supX = await loginAs(database.db, 'snap-x', { 'rc-x': ['supervisor'] });
      app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: database.db, today: () => TODAY });
    });
    afterAll(async () => {
      await app?.close();
    });

    const get = async <T>(url: string, headers: Record<string, string>) => {
      const res = await app.inject({ url, headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<T>();
    };
    const cellUrl = (root: string, year: number, snapshot?: string) =>
      `/api/supervision/${root}/${year}/cells?table=table3&row=received&column=natural_person${snapshot === undefined ? '' : `&snapshot=${encodeURIComponent(snapshot)}`}`;

    it("answers the drawer from the view's snapshot after a new case, and afresh without it", async () => {
      const view = await get<SupervisionView>('/api/supervision/rc/2025', supCity);
      expect(view.snapshot.id).toMatch(SNAPSHOT_ID_PATTERN);
      expect(view.aggregate.table3.received.natural_person).toBe(3);
      // 局 receives a fourth 自然人 request after the screen was drawn.
      await receiveCase(database.db, 'rc-a', '2025-06-02');

      const kept = await get<SupervisionCell>(cellUrl('rc', 2025, view.snapshot.id), supCity);
      expect(kept.total).toBe(3);
      expect(shares(kept)).toEqual([['rc', 0], ['rc-a', 2], ['rc-x', 1], ['rc-x1', 0]]);
      expect(sumOf(kept)).toBe(view.aggregate.table3.received.natural_person);
      expect(kept.computedAt).toBe(view.snapshot.computedAt);

      const fresh = await get<SupervisionCell>(cellUrl('rc', 2025), supCity);
      expect(fresh.total).toBe(4);
      expect(shares(fresh)).toEqual([['rc', 0], ['rc-a', 3], ['rc-x', 1], ['rc-x1', 0]]);
      expect(Date.parse(fresh.computedAt)).toBeGreaterThanOrEqual(Date.parse(view.snapshot.computedAt));

      // The agency's report too: 2 from the snapshot, 3 computed now.
      const report = (snapshot?: string) => get<SupervisedReport>(`/api/supervision/rc/2025/agencies/rc-a${snapshot === undefined ? '' : `?snapshot=${snapshot}`}`, supCity);
      const keptReport = await report(view.snapshot.id);
      expect([keptReport.report?.table3.received.natural_person, keptReport.computedAt]).toEqual([2, view.snapshot.computedAt]);
      expect((await report()).report?.table3.received.natural_person).toBe(3);

      // The export says which roll-up it printed.
      const exported = await app.inject({ url: `/api/supervision/rc/2025/export.xlsx?snapshot=${view.snapshot.id}`, headers: supCity });
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['x-computed-at']).toBe(view.snapshot.computedAt);
      const docx = await app.inject({ url: '/api/supervision/rc/2025/export.docx', headers: supCity });
      expect(docx.statusCode).toBe(200);
      expect(Date.parse(String(docx.headers['x-computed-at']))).toBeGreaterThanOrEqual(Date.parse(view.snapshot.computedAt));
    });

    it('recomputes for an unknown snapshot id, and never serves one to another subtree or year', async () => {
      const view = await get<SupervisionView>('/api/supervision/rc/2025', supCity);
      // The case above counts now: 局 3, 区 1.
      expect(view.aggregate.table3.received.natural_person).toBe(4);
      await receiveCase(database.db, 'rc-x', '2025-07-01');
      expect((await get<SupervisionCell>(cellUrl('rc', 2025, 'no-such-snapshot'), supCity)).total).toBe(5);
      expect((await get<SupervisionCell>(cellUrl('rc', 2025, view.snapshot.id), supCity)).total).toBe(4);
      // X区's supervisor with the city's id, on X区: X区's own subtree computed now (区 2, 镇 0).
      const x = await get<SupervisionCell>(cellUrl('rc-x', 2025, view.snapshot.id), supX);
      expect(shares(x)).toEqual([['rc-x', 2], ['rc-x1', 0]]);
      expect(x.total).toBe(2);
      // …and on the city's route the access check refuses as before.
      expect((await app.inject({ url: cellUrl('rc', 2025, view.snapshot.id), headers: supX })).statusCode).toBe(403);
      expect((await app.inject({ url: `/api/supervision/rc/2025/agencies/rc-a?snapshot=${view.snapshot.id}`, headers: supX })).statusCode).toBe(403);
      // The city's 2025 id on 2024: the 2024 roll-up, where nobody received anything.
      const y2024 = await get<SupervisionCell>(cellUrl('rc', 2024, view.snapshot.id), supCity);
      expect([y2024.total, sumOf(y2024)]).toEqual([0, 0]);
      expect(y2024.computedAt).not.toBe(view.snapshot.computedAt);
    });
  });

  describe('through the service, on an injected clock', () => {
    let clock = new Date('2026-11-28T09:30:00.000Z');
    const at = (iso: string) => {
      clock = new Date(iso);
    };

    beforeAll(async () => {
      await makeTree(database.db, 'sv');
    });

    it('uses the snapshot for 10 minutes, then recomputes', async () => {
      const service = createSupervisionService({ db: database.db, today: () => TODAY, now: () => clock });
      at('2026-11-28T09:30:00.000Z');
      const view = await service.view('sv', 2025);
      expect(view.snapshot.computedAt).toBe('2026-11-28T09:30:00.000Z');
      await receiveCase(database.db, 'sv-a', '2025-08-01');

      at('2026-11-28T09:39:59.000Z');
      const kept = await service.cell('sv', 2025, { ...RECEIVED }, { snapshot: view.snapshot.id });
      expect([kept.total, sumOf(kept), kept.computedAt]).toEqual([3, 3, '2026-11-28T09:30:00.000Z']);

      at('2026-11-28T09:40:00.000Z');
      const expired = await service.cell('sv', 2025, { ...RECEIVED }, { snapshot: view.snapshot.id });
      expect([expired.total, sumOf(expired), expired.computedAt]).toEqual([4, 4, '2026-11-28T09:40:00.000Z']);
      const report = await service.agencyReport('sv', 2025, 'sv-a', { snapshot: view.snapshot.id });
      expect([report.report?.table3.received.natural_person, report.computedAt]).toEqual([3, '2026-11-28T09:40:00.000Z']);
    });

    it('answers from the snapshot of that root and year only', async () => {
      const service = createSupervisionService({ db: database.db, today: () => TODAY, now: () => clock });
      at('2026-11-28T10:00:00.000Z');
      const view = await service.view('sv', 2025);
      at('2026-11-28T10:01:00.000Z');
      const own = await service.cell('sv', 2025, { ...RECEIVED }, { snapshot: view.snapshot.id });
      expect(own.computedAt).toBe('2026-11-28T10:00:00.000Z');
      const other = await service.cell('sv-x', 2025, { ...RECEIVED }, { snapshot: view.snapshot.id });
      expect([other.computedAt, shares(other)]).toEqual(['2026-11-28T10:01:00.000Z', [['sv-x', 1], ['sv-x1', 0]]]);
      const otherYear = await service.cell('sv', 2024, { ...RECEIVED }, { snapshot: view.snapshot.id });
      expect([otherYear.computedAt, otherYear.total]).toEqual(['2026-11-28T10:01:00.000Z', 0]);
      const exported = await service.exportAggregate('sv', 2025, 'xlsx', { snapshot: view.snapshot.id });
      expect(exported.headers['x-computed-at']).toBe('2026-11-28T10:00:00.000Z');
      // An agency not in the snapshot (created since) is computed afresh rather than refused.
      const district = await createAgenciesRepository(database.db).getAgencyByCode('sv-x');
      await createAgenciesRepository(database.db).createAgency({ code: 'sv-x2', name: 'svX2镇人民政府', level: 'township', parentId: district.id });
      const added = await service.agencyReport('sv', 2025, 'sv-x2', { snapshot: view.snapshot.id });
      expect([added.agency.code, added.status, added.computedAt]).toEqual(['sv-x2', 'notStarted', '2026-11-28T10:01:00.000Z']);
    });

    it('keeps only as many snapshots as its bound', async () => {
      const snapshots = createRollupSnapshots({ now: () => clock, limit: 2 });
      const service = createSupervisionService({ db: database.db, today: () => TODAY, now: () => clock, snapshots });
      at('2026-11-28T11:00:00.000Z');
      const first = await service.view('sv', 2025);
      at('2026-11-28T11:00:01.000Z');
      const second = await service.view('sv', 2025);
      at('2026-11-28T11:00:02.000Z');
      const third = await service.view('sv-x', 2025);
      expect(snapshots.size).toBe(2);
      at('2026-11-28T11:00:03.000Z');
      expect((await service.cell('sv', 2025, { ...RECEIVED }, { snapshot: first.snapshot.id })).computedAt).toBe('2026-11-28T11:00:03.000Z');
      expect((await service.cell('sv', 2025, { ...RECEIVED }, { snapshot: second.snapshot.id })).computedAt).toBe('2026-11-28T11:00:01.000Z');
      expect((await service.cell('sv-x', 2025, { ...RECEIVED }, { snapshot: third.snapshot.id })).computedAt).toBe('2026-11-28T11:00:02.000Z');
    });
  });
});
