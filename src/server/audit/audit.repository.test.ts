// The audit trail on both engines: one chain per agency and one for the platform, serialized
// appends per chain, filters, export, and tampering done with plain SQL found by verifyAuditTrail
// in the right chain at the right seq.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-database.ts';
import type { AuditEntryInput, StoredAuditEntry } from '../../domain/audit/audit-entry.ts';
import { computeEntryHash, computeNextAuditEntry, GENESIS_HASH } from '../../domain/audit/audit-entry.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import type { AuditEntriesTable } from './audit.repository.ts';
import { appendAuditEntry, chinaDayEnd, chinaDayStart, exportAuditEntries, listAuditEntries, verifyAuditTrail } from './audit.repository.ts';
import { sha256Hex } from './sha256-hex.ts';

describe('chinaDayStart / chinaDayEnd', () => {
  it('turn a date in China (UTC+8) into the UTC instants that bound it', () => {
    expect(chinaDayStart('2026-11-28')).toBe('2026-11-27T16:00:00.000Z');
    expect(chinaDayEnd('2026-11-28')).toBe('2026-11-28T16:00:00.000Z');
    expect(chinaDayStart('2027-01-01')).toBe('2026-12-31T16:00:00.000Z');
    expect(() => chinaDayStart('2026-02-30')).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The promise's value, or a rejection after `ms` (a blocked append would otherwise hang the test). */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  return Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`still waiting after ${ms} ms`)))]);
}

describeEachDatabase('audit trail', (database) => {
  let city = 0;
  let town = 0;

  beforeAll(async () => {
    const agencies = createAgenciesRepository(database.db);
    city = (await agencies.createAgency({ code: 'city', name: '市政府办公室', level: 'municipal' })).id;
    town = (await agencies.createAgency({ code: 'town', name: '某镇人民政府', level: 'township' })).id;
  });

  const append = (input: AuditEntryInput) => database.db.transaction().execute((trx) => appendAuditEntry(trx, input));
  const clear = () => sql`delete from audit_entries`.execute(database.db);
  const entry = (n: number, over: Partial<AuditEntryInput> = {}): AuditEntryInput => ({
    at: `2026-11-28T0${Math.floor(n / 10)}:${String(n % 10).padStart(2, '0')}:00.000Z`,
    actor: 'u-clerk',
    agencyId: city,
    action: 'application.event',
    subject: `application:CITY-2025-00000${n}`,
    detail: { kind: 'received', 说明: `第${n}件` },
    ...over,
  });

  async function collect(lines: AsyncIterable<string>): Promise<string> {
    let text = '';
    for await (const line of lines) text += line;
    return text;
  }

  async function buildTrail(length: number): Promise<void> {
    await clear();
    for (let n = 1; n <= length; n += 1) await append(entry(n));
  }

  /** A chain's rows in seq order. */
  const chainRows = async (chainId: number) =>
    (await sql<{ seq: number; agency_id: number | null; prev_hash: string; hash: string }>`select seq, agency_id, prev_hash, hash from audit_entries where chain_id = ${chainId} order by seq`.execute(database.db)).rows;

  /** Each row links to the one before it, the first to the genesis value. */
  function expectLinked(rows: { prev_hash: string; hash: string }[]): void {
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
  }

  const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  /** Which entry: the number n that entry(n) put at the end of the subject. */
  const numbers = (page: { entries: { subject: string }[] }) => page.entries.map((e) => Number(/(\d+)$/.exec(e.subject)?.[1]));

  it('serializes 20 appends made at once in their own transactions: seq 1..20, one valid chain', async () => {
    await clear();
    const written = await Promise.all(Array.from({ length: 20 }, (_, i) => append(entry(i + 1, { actor: `u-${i + 1}` }))));
    expect(written.map((e) => e.seq).sort((a, b) => a - b)).toEqual(oneTo(20));
    expect(new Set(written.map((e) => e.chainId))).toEqual(new Set([city]));
    const rows = await chainRows(city);
    expect(rows.map((r) => r.seq)).toEqual(oneTo(20));
    expectLinked(rows);
    expect(await verifyAuditTrail(database.db)).toEqual({
      count: 20,
      chains: [{ chainId: city, agencyCode: 'city', agencyName: '市政府办公室', count: 20, lastSeq: 20, lastHash: rows[19]?.hash, findings: [] }],
      findings: [],
    });
  });

  it('keeps each chain gap-free under 30 appends at once for two agencies and the platform', async () => {
    await clear();
    const owners = [city, town, null];
    await Promise.all(Array.from({ length: 30 }, (_, i) => append(entry(i + 1, { agencyId: owners[i % 3] ?? null }))));
    for (const chainId of [city, town, 0]) {
      const rows = await chainRows(chainId);
      expect(rows.map((r) => r.seq), `chain ${chainId}`).toEqual(oneTo(10));
      expectLinked(rows);
    }
    expect((await verifyAuditTrail(database.db)).findings).toEqual([]);
  });

  it('gives each agency and the platform a chain of its own: seq 1..n from the genesis value in each', async () => {
    await clear();
    // City, town and platform-wide entries interleaved: city gets 1, 4, 6, 7; town 2, 5; the platform 3, 8.
    const owners = [city, town, null, city, town, city, city, null];
    const written: StoredAuditEntry[] = [];
    for (const [index, agencyId] of owners.entries()) written.push(await append(entry(index + 1, { agencyId })));
    expect(written.map((e) => `${e.chainId}:${e.seq}`)).toEqual([`${city}:1`, `${town}:1`, '0:1', `${city}:2`, `${town}:2`, `${city}:3`, `${city}:4`, '0:2']);
    const cityRows = await chainRows(city);
    const townRows = await chainRows(town);
    const platformRows = await chainRows(0);
    expect([cityRows.length, townRows.length, platformRows.length]).toEqual([4, 2, 2]);
    expect(cityRows.map((r) => r.seq)).toEqual(oneTo(4));
    expect(cityRows.every((r) => r.agency_id === city)).toBe(true);
    expect(townRows.every((r) => r.agency_id === town)).toBe(true);
    expect(platformRows.every((r) => r.agency_id === null)).toBe(true);
    for (const rows of [cityRows, townRows, platformRows]) expectLinked(rows);
    const report = await verifyAuditTrail(database.db);
    expect(report.count).toBe(8);
    expect(report.findings).toEqual([]);
    expect(report.chains.map((c) => [c.chainId, c.agencyCode, c.count, c.lastSeq, c.lastHash])).toEqual([
      [0, null, 2, 2, platformRows[1]?.hash],
      [city, 'city', 4, 4, cityRows[3]?.hash],
      [town, 'town', 2, 2, townRows[1]?.hash],
    ]);
  });

  it.runIf(database.dialect === 'postgres')('locks one chain, not the trail: town and the platform append while city’s lock is held; city’s next append waits for it', async () => {
    await clear();
    let release = (): void => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let signal = (): void => {};
    const appended = new Promise<void>((resolve) => {
      signal = resolve;
    });
    const holder = database.db.transaction().execute(async (trx) => {
      const first = await appendAuditEntry(trx, entry(1));
      signal();
      await held;
      return first;
    });
    try {
      await appended;
      // Under one lock for the whole trail these two would wait for the open transaction.
      expect(await within(5000, append(entry(2, { agencyId: town })))).toMatchObject({ chainId: town, seq: 1, prevHash: GENESIS_HASH });
      expect(await within(5000, append(entry(3, { agencyId: null })))).toMatchObject({ chainId: 0, seq: 1, prevHash: GENESIS_HASH });
      const waiting = append(entry(4));
      expect(await Promise.race([waiting.then(() => 'written'), sleep(300).then(() => 'waiting')])).toBe('waiting');
      release();
      const first = await holder;
      expect(first).toMatchObject({ chainId: city, seq: 1 });
      expect(await waiting).toMatchObject({ chainId: city, seq: 2, prevHash: first.hash });
    } finally {
      release();
      await holder.catch(() => undefined);
    }
    expect((await verifyAuditTrail(database.db)).findings).toEqual([]);
  });

  it('checks one chain when asked, and a chosen or expected chain with no entry left', async () => {
    await clear();
    await append(entry(1));
    await append(entry(2, { agencyId: town }));
    await append(entry(3, { agencyId: town }));
    const onlyTown = await verifyAuditTrail(database.db, { chainIds: [town] });
    expect(onlyTown.chains.map((c) => [c.chainId, c.count, c.lastSeq])).toEqual([[town, 2, 2]]);
    expect(onlyTown.count).toBe(2);
    // The platform's chain is empty: chosen, it reports no entry; expected to hold 2, both are missing.
    expect((await verifyAuditTrail(database.db, { chainIds: [0] })).chains).toEqual([{ chainId: 0, agencyCode: null, agencyName: null, count: 0, lastSeq: null, lastHash: null, findings: [] }]);
    const expected = new Map([[0, { count: 2 }]]);
    expect((await verifyAuditTrail(database.db, { expected })).findings).toEqual([
      { chainId: 0, kind: 'missing', seq: 1, toSeq: 2, message: '全平台链 第1至第2条（共2条）缺失：应至少有2条，而现在一条也没有，全部记录被删除。' },
    ]);
  });

  it('reads a trail longer than a page, across chains, in one pass', async () => {
    await clear();
    // 600 city entries, then 600 town entries, then 3 platform ones: the first page of 1000 rows
    // ends inside town's chain. Computed here and inserted in bulk (the writer is tested above).
    const rows: AuditEntriesTable[] = [];
    for (const [agencyId, length] of [[city, 600], [town, 600], [null, 3]] as const) {
      let previous: StoredAuditEntry | undefined;
      for (let n = 1; n <= length; n += 1) {
        const next = computeNextAuditEntry(previous, entry(1, { agencyId, subject: `bulk:${n}` }), sha256Hex);
        rows.push({ chain_id: next.chainId, seq: next.seq, at: next.at, actor: next.actor, agency_id: next.agencyId, action: next.action, subject: next.subject, detail: next.detailJson, prev_hash: next.prevHash, hash: next.hash });
        previous = next;
      }
    }
    const audit = database.db.withTables<{ audit_entries: AuditEntriesTable }>();
    for (let start = 0; start < rows.length; start += 100) await audit.insertInto('audit_entries').values(rows.slice(start, start + 100)).execute();
    const report = await verifyAuditTrail(database.db);
    expect(report.findings).toEqual([]);
    expect(report.chains.map((c) => [c.chainId, c.count, c.lastSeq])).toEqual([
      [0, 3, 3],
      [city, 600, 600],
      [town, 600, 600],
    ]);
    // Every entry has the same instant: the export walks (at, chain, seq) across the page boundary.
    const lines = (await collect(exportAuditEntries(database.db, {}, 'jsonl'))).trimEnd().split('\n');
    const keys = lines.map((line) => JSON.parse(line) as { chainId: number; seq: number }).map((row) => `${row.chainId}:${row.seq}`);
    expect(keys).toHaveLength(1203);
    expect(keys.slice(0, 4)).toEqual(['0:1', '0:2', '0:3', `${city}:1`]);
    expect(keys.slice(602, 604)).toEqual([`${city}:600`, `${town}:1`]);
    expect(keys.at(-1)).toBe(`${town}:600`);
    expect(new Set(keys).size).toBe(1203);
    // The console's second page of 1000, newest first: town's 600, city's 600, then the platform's 3.
    const second = await listAuditEntries(database.db, { limit: 1000, offset: 1000 });
    expect(second.entries.map((e) => `${e.chainId}:${e.seq}`).slice(-4)).toEqual([`${city}:1`, '0:3', '0:2', '0:1']);
  });

  it('writes nothing when the caller’s transaction rolls back, and leaves no gap', async () => {
    await buildTrail(2);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await appendAuditEntry(trx, entry(3));
        throw new Error('the audited change failed');
      }),
    ).rejects.toThrow('the audited change failed');
    expect(await append(entry(3))).toMatchObject({ chainId: city, seq: 3 });
    expect((await verifyAuditTrail(database.db)).findings).toEqual([]);
  });

  it('refuses to append outside a transaction', async () => {
    await expect(appendAuditEntry(database.db, entry(1))).rejects.toThrow('must run inside the transaction');
  });

  it('refuses an entry whose time is not a UTC instant, writing nothing', async () => {
    await buildTrail(1);
    await expect(append(entry(2, { at: '2026-11-28 08:00' }))).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect((await listAuditEntries(database.db)).total).toBe(1);
  });

  it('lists newest first with filters on agency, actor, action, subject and time, and pages', async () => {
    await clear();
    await append(entry(1));
    await append(entry(2, { agencyId: town, actor: 'u-town', subject: 'publication:2', action: 'publication.approved', detail: { 索引号: 'TOWN-2026-0007' } }));
    await append(entry(3, { agencyId: null, actor: 'u-admin', action: 'calendar.loaded', subject: 'calendar:3', detail: { year: 2027 } }));
    await append(entry(4, { actor: 'u-leader', action: 'settings.changed', subject: 'settings:4' }));

    const all = await listAuditEntries(database.db);
    expect(all.total).toBe(4);
    expect(numbers(all)).toEqual([4, 3, 2, 1]);
    // City's chain holds entries 1 and 4, town's entry 2, the platform's entry 3.
    expect(all.entries.map((e) => `${e.chainId}:${e.seq}`)).toEqual([`${city}:2`, '0:1', `${town}:1`, `${city}:1`]);
    expect(all.entries[1]).toMatchObject({ chainId: 0, seq: 1, agencyId: null, agencyCode: null, action: 'calendar.loaded', detail: { year: 2027 }, detailJson: '{"year":2027}' });
    expect(all.entries[2]).toMatchObject({ agencyCode: 'town', detail: { 索引号: 'TOWN-2026-0007' } });

    expect(numbers(await listAuditEntries(database.db, { agencyId: city }))).toEqual([4, 1]);
    expect(numbers(await listAuditEntries(database.db, { platformOnly: true }))).toEqual([3]);
    expect(numbers(await listAuditEntries(database.db, { actor: 'u-town' }))).toEqual([2]);
    expect(numbers(await listAuditEntries(database.db, { action: 'settings.changed' }))).toEqual([4]);
    expect(numbers(await listAuditEntries(database.db, { subject: 'calendar:3' }))).toEqual([3]);
    // Entries at 00:01, 00:02, 00:03, 00:04 UTC; from inclusive, to exclusive.
    expect(numbers(await listAuditEntries(database.db, { from: '2026-11-28T00:02:00.000Z', to: '2026-11-28T00:04:00.000Z' }))).toEqual([3, 2]);
    const page = await listAuditEntries(database.db, { limit: 2, offset: 2 });
    expect(page).toMatchObject({ total: 4 });
    expect(numbers(page)).toEqual([2, 1]);
    await expect(listAuditEntries(database.db, { from: '2026-11-28' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('orders entries of the same instant by chain, then seq: newest first in the list, oldest first in the export', async () => {
    await clear();
    expect(city).toBeLessThan(town);
    const at = '2026-11-28T00:05:00.000Z';
    await append(entry(1, { at, agencyId: town }));
    await append(entry(2, { at, agencyId: null }));
    await append(entry(3, { at, agencyId: city }));
    await append(entry(4, { at, agencyId: town }));
    // Chains: town's seq 1 and 2 (entries 1, 4), the platform's seq 1 (entry 2), city's seq 1 (entry 3).
    expect(numbers(await listAuditEntries(database.db))).toEqual([4, 1, 3, 2]);
    const exported = (await collect(exportAuditEntries(database.db, {}, 'jsonl'))).trimEnd().split('\n');
    expect(exported.map((line) => (JSON.parse(line) as { subject: string }).subject)).toEqual([
      'application:CITY-2025-000002',
      'application:CITY-2025-000003',
      'application:CITY-2025-000001',
      'application:CITY-2025-000004',
    ]);
  });

  it('exports CSV with a Chinese header and both hashes, quoting what needs it', async () => {
    await clear();
    const first = await append(entry(1, { detail: { reason: '说明, 含"引号"' } }));
    const second = await append(entry(2, { agencyId: null, actor: '=cmd', subject: 'user:u-admin', action: 'user.login', detail: {} }));
    const csv = await collect(exportAuditEntries(database.db, {}, 'csv'));
    // The platform-wide entry starts the platform's chain: seq 1 from the genesis value.
    expect(csv.split('\r\n')).toEqual([
      '\uFEFF序号,链,时间（UTC）,操作人,机关编号,机关代码,操作,对象,详情（JSON）,前一条哈希,本条哈希',
      `1,${city},2026-11-28T00:01:00.000Z,u-clerk,${city},city,application.event,application:CITY-2025-000001,"{""reason"":""说明, 含\\""引号\\""""}",${GENESIS_HASH},${first.hash}`,
      `1,0,2026-11-28T00:02:00.000Z,'=cmd,,全平台,user.login,user:u-admin,{},${GENESIS_HASH},${second.hash}`,
      '',
    ]);
    const onlyCity = await collect(exportAuditEntries(database.db, { agencyId: city }, 'csv'));
    expect(onlyCity.split('\r\n')).toHaveLength(3);
  });

  it('exports JSON lines from which every hash can be recomputed', async () => {
    await buildTrail(3);
    const lines = (await collect(exportAuditEntries(database.db, {}, 'jsonl'))).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    let previous = GENESIS_HASH;
    for (const [index, line] of lines.entries()) {
      const row = JSON.parse(line) as { chainId: number; seq: number; at: string; actor: string; agencyId: number | null; agencyCode: string | null; action: string; subject: string; detail: string; prevHash: string; hash: string };
      expect(row).toMatchObject({ chainId: city, seq: index + 1, agencyCode: 'city', detail: `{"kind":"received","说明":"第${index + 1}件"}`, prevHash: previous });
      expect(computeEntryHash({ ...row, detailJson: row.detail }, sha256Hex)).toBe(row.hash);
      previous = row.hash;
    }
  });

  describe('tampering with SQL', () => {
    const CITY = '市政府办公室（city）';

    it('finds a changed detail at its seq, in its chain', async () => {
      await buildTrail(6);
      await sql`update audit_entries set detail = ${'{"kind":"withdrawn","说明":"第3件"}'} where chain_id = ${city} and seq = 3`.execute(database.db);
      expect((await verifyAuditTrail(database.db)).findings).toEqual([{ chainId: city, kind: 'altered', seq: 3, message: `${CITY}第3条被改动：保存的哈希与按内容重新计算的哈希不符。` }]);
    });

    it('finds a detail that is no longer JSON, which the list shows as null', async () => {
      await buildTrail(2);
      await sql`update audit_entries set detail = ${'not json'} where chain_id = ${city} and seq = 2`.execute(database.db);
      expect((await verifyAuditTrail(database.db)).findings.map((f) => `${f.kind} ${f.seq}`)).toEqual(['altered 2']);
      expect((await listAuditEntries(database.db)).entries[0]).toMatchObject({ seq: 2, detail: null, detailJson: 'not json' });
    });

    it('finds a deleted middle entry as missing', async () => {
      await buildTrail(6);
      await sql`delete from audit_entries where chain_id = ${city} and seq = 4`.execute(database.db);
      expect((await verifyAuditTrail(database.db)).findings).toEqual([{ chainId: city, kind: 'missing', seq: 4, toSeq: 4, message: `${CITY}第4条缺失。` }]);
    });

    it('finds a changed prev_hash: the entry no longer hashes right and its link is broken', async () => {
      await buildTrail(6);
      await sql`update audit_entries set prev_hash = ${'0'.repeat(64)} where chain_id = ${city} and seq = 5`.execute(database.db);
      expect((await verifyAuditTrail(database.db)).findings.map((f) => `${f.kind} ${f.seq}`)).toEqual(['altered 5', 'broken_link 5']);
    });

    it('finds an entry changed with its hash recomputed, by the next entry’s link', async () => {
      await buildTrail(6);
      const row = (await sql<{ seq: number; at: string; agency_id: number; action: string; subject: string; detail: string; prev_hash: string }>`select * from audit_entries where chain_id = ${city} and seq = 2`.execute(database.db)).rows[0]!;
      const forged = computeEntryHash({ seq: 2, at: row.at, actor: 'u-forger', agencyId: row.agency_id, action: row.action, subject: row.subject, detailJson: row.detail, prevHash: row.prev_hash }, sha256Hex);
      await sql`update audit_entries set actor = ${'u-forger'}, hash = ${forged} where chain_id = ${city} and seq = 2`.execute(database.db);
      expect((await verifyAuditTrail(database.db)).findings).toEqual([{ chainId: city, kind: 'broken_link', seq: 3, message: `${CITY}第3条链接断开：其“前一条哈希”与第2条的哈希不符。` }]);
    });

    it('reports tampering in one agency’s chain for that chain only', async () => {
      await clear();
      for (let n = 1; n <= 6; n += 1) await append(entry(n, { agencyId: n % 2 === 0 ? town : city }));
      await append(entry(7, { agencyId: null }));
      // Town's chain holds entries 2, 4, 6 as seq 1, 2, 3; its seq 2 is changed.
      await sql`update audit_entries set actor = ${'u-mallory'} where chain_id = ${town} and seq = 2`.execute(database.db);
      const report = await verifyAuditTrail(database.db);
      expect(report.findings).toEqual([{ chainId: town, kind: 'altered', seq: 2, message: '某镇人民政府（town）第2条被改动：保存的哈希与按内容重新计算的哈希不符。' }]);
      expect(report.chains.map((c) => [c.chainId, c.count, c.findings.length])).toEqual([
        [0, 1, 0],
        [city, 3, 0],
        [town, 3, 1],
      ]);
    });

    it('finds an entry moved into another agency’s chain, though its hash and link are intact', async () => {
      await clear();
      await append(entry(1, { agencyId: town }));
      // Town's only entry, seq 1 from the genesis value, moved into city's empty chain.
      await sql`update audit_entries set chain_id = ${city} where chain_id = ${town}`.execute(database.db);
      expect((await verifyAuditTrail(database.db)).findings).toEqual([
        { chainId: city, kind: 'wrong_chain', seq: 1, message: `${CITY}第1条不属于这条链：它记录的机关编号是${town}，被移入了编号${city}的链。` },
      ]);
    });

    it('cannot see the newest entry deleted without a count or anchor kept elsewhere for its chain; with one it can', async () => {
      await buildTrail(6);
      const sixth = (await listAuditEntries(database.db, { limit: 1 })).entries[0]!;
      await sql`delete from audit_entries where chain_id = ${city} and seq = 6`.execute(database.db);
      expect((await verifyAuditTrail(database.db)).findings).toEqual([]);
      expect((await verifyAuditTrail(database.db, { expected: new Map([[city, { count: 6 }]]) })).findings.map((f) => `${f.kind} ${f.seq}-${f.toSeq}`)).toEqual(['missing 6-6']);
      expect((await verifyAuditTrail(database.db, { expected: new Map([[city, { anchor: { seq: 6, hash: sixth.hash } }]]) })).findings.map((f) => `${f.kind} ${f.seq}`)).toEqual(['missing 6']);
      // A count kept for another chain says nothing about city's.
      expect((await verifyAuditTrail(database.db, { expected: new Map([[town, { count: 0 }]]) })).findings).toEqual([]);
    });
  });
});
