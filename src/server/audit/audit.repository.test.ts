// The audit trail on both engines: serialized appends, filters, export, and tampering done with
// plain SQL found by verifyAuditTrail at the right seq.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-database.ts';
import type { AuditEntryInput } from '../../domain/audit/audit-entry.ts';
import { computeEntryHash, GENESIS_HASH } from '../../domain/audit/audit-entry.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
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

  async function buildTrail(length: number): Promise<void> {
    await clear();
    for (let n = 1; n <= length; n += 1) await append(entry(n));
  }

  it('serializes 20 appends made at once in their own transactions: seq 1..20, one valid chain', async () => {
    await clear();
    const written = await Promise.all(Array.from({ length: 20 }, (_, i) => append(entry(i + 1, { actor: `u-${i + 1}` }))));
    expect(written.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const rows = await sql<{ seq: number; prev_hash: string; hash: string }>`select seq, prev_hash, hash from audit_entries order by seq`.execute(database.db);
    expect(rows.rows.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(rows.rows[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < 20; i += 1) expect(rows.rows[i]?.prev_hash).toBe(rows.rows[i - 1]?.hash);
    expect(await verifyAuditTrail(database.db)).toEqual({ count: 20, lastSeq: 20, lastHash: rows.rows[19]?.hash, findings: [] });
  });

  it('writes nothing when the caller’s transaction rolls back, and leaves no gap', async () => {
    await buildTrail(2);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await appendAuditEntry(trx, entry(3));
        throw new Error('the audited change failed');
      }),
    ).rejects.toThrow('the audited change failed');
    expect((await append(entry(3))).seq).toBe(3);
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
    await append(entry(2, { agencyId: town, actor: 'u-town', subject: 'publication:7', action: 'publication.approved', detail: { 索引号: 'TOWN-2026-0007' } }));
    await append(entry(3, { agencyId: null, actor: 'u-admin', action: 'calendar.loaded', subject: 'calendar:2027', detail: { year: 2027 } }));
    await append(entry(4, { actor: 'u-leader', action: 'settings.changed', subject: 'settings:city' }));

    const all = await listAuditEntries(database.db);
    expect(all.total).toBe(4);
    expect(all.entries.map((e) => e.seq)).toEqual([4, 3, 2, 1]);
    expect(all.entries[1]).toMatchObject({ seq: 3, agencyId: null, agencyCode: null, action: 'calendar.loaded', detail: { year: 2027 }, detailJson: '{"year":2027}' });
    expect(all.entries[2]).toMatchObject({ agencyCode: 'town', detail: { 索引号: 'TOWN-2026-0007' } });

    expect((await listAuditEntries(database.db, { agencyId: city })).entries.map((e) => e.seq)).toEqual([4, 1]);
    expect((await listAuditEntries(database.db, { platformOnly: true })).entries.map((e) => e.seq)).toEqual([3]);
    expect((await listAuditEntries(database.db, { actor: 'u-town' })).entries.map((e) => e.seq)).toEqual([2]);
    expect((await listAuditEntries(database.db, { action: 'settings.changed' })).entries.map((e) => e.seq)).toEqual([4]);
    expect((await listAuditEntries(database.db, { subject: 'calendar:2027' })).entries.map((e) => e.seq)).toEqual([3]);
    // Entries at 00:01, 00:02, 00:03, 00:04 UTC; from inclusive, to exclusive.
    expect((await listAuditEntries(database.db, { from: '2026-11-28T00:02:00.000Z', to: '2026-11-28T00:04:00.000Z' })).entries.map((e) => e.seq)).toEqual([3, 2]);
    const page = await listAuditEntries(database.db, { limit: 2, offset: 2 });
    expect(page).toMatchObject({ total: 4 });
    expect(page.entries.map((e) => e.seq)).toEqual([2, 1]);
    await expect(listAuditEntries(database.db, { from: '2026-11-28' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  async function collect(lines: AsyncIterable<string>): Promise<string> {
    let text = '';
    for await (const line of lines) text += line;
    return text;
  }

  it('exports CSV with a Chinese header and both hashes, quoting what needs it', async () => {
    await clear();
    const first = await append(entry(1, { detail: { reason: '说明, 含"引号"' } }));
    const second = await append(entry(2, { agencyId: null, actor: '=cmd', subject: 'user:u-admin', action: 'user.login', detail: {} }));
    const csv = await collect(exportAuditEntries(database.db, {}, 'csv'));
    expect(csv.split('\r\n')).toEqual([
      '\uFEFF序号,时间（UTC）,操作人,机关编号,机关代码,操作,对象,详情（JSON）,前一条哈希,本条哈希',
      `1,2026-11-28T00:01:00.000Z,u-clerk,${city},city,application.event,application:CITY-2025-000001,"{""reason"":""说明, 含\\""引号\\""""}",${GENESIS_HASH},${first.hash}`,
      `2,2026-11-28T00:02:00.000Z,'=cmd,,全平台,user.login,user:u-admin,{},${first.hash},${second.hash}`,
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
      const row = JSON.parse(line) as { seq: number; at: string; actor: string; agencyId: number | null; agencyCode: string | null; action: string; subject: string; detail: string; prevHash: string; hash: string };
      expect(row).toMatchObject({ seq: index + 1, agencyCode: 'city', detail: `{"kind":"received","说明":"第${index + 1}件"}`, prevHash: previous });
      expect(computeEntryHash({ ...row, detailJson: row.detail }, sha256Hex)).toBe(row.hash);
      previous = row.hash;
    }
  });

  describe('tampering with SQL', () => {
    it('finds a changed detail at its seq', async () => {
      await buildTrail(6);
      await sql`update audit_entries set detail = ${'{"kind":"withdrawn","说明":"第3件"}'} where seq = 3`.execute(database.db);
      expect((await verifyAuditTrail(database.db)).findings).toEqual([{ kind: 'altered', seq: 3, message: '第3条被改动：保存的哈希与按内容重新计算的哈希不符。' }]);
    });

    it('finds a detail that is no longer JSON, which the list shows as null', async () => {
      await buildTrail(2);
      await sql`update audit_entries set detail = ${'not json'} where seq = 2`.execute(database.db);
      expect((await verifyAuditTrail(database.db)).findings.map((f) => `${f.kind} ${f.seq}`)).toEqual(['altered 2']);
      expect((await listAuditEntries(database.db)).entries[0]).toMatchObject({ seq: 2, detail: null, detailJson: 'not json' });
    });

    it('finds a deleted middle entry as missing', async () => {
      await buildTrail(6);
      await sql`delete from audit_entries where seq = 4`.execute(database.db);
      expect((await verifyAuditTrail(database.db)).findings).toEqual([{ kind: 'missing', seq: 4, toSeq: 4, message: '第4条缺失。' }]);
    });

    it('finds a changed prev_hash: the entry no longer hashes right and its link is broken', async () => {
      await buildTrail(6);
      await sql`update audit_entries set prev_hash = ${'0'.repeat(64)} where seq = 5`.execute(database.db);
      expect((await verifyAuditTrail(database.db)).findings.map((f) => `${f.kind} ${f.seq}`)).toEqual(['altered 5', 'broken_link 5']);
    });

    it('finds an entry changed with its hash recomputed, by the next entry’s link', async () => {
      await buildTrail(6);
      const row = (await sql<{ seq: number; at: string; agency_id: number; action: string; subject: string; detail: string; prev_hash: string }>`select * from audit_entries where seq = 2`.execute(database.db)).rows[0]!;
      const forged = computeEntryHash({ seq: 2, at: row.at, actor: 'u-forger', agencyId: row.agency_id, action: row.action, subject: row.subject, detailJson: row.detail, prevHash: row.prev_hash }, sha256Hex);
      await sql`update audit_entries set actor = ${'u-forger'}, hash = ${forged} where seq = 2`.execute(database.db);
      expect((await verifyAuditTrail(database.db)).findings).toEqual([{ kind: 'broken_link', seq: 3, message: '第3条链接断开：其“前一条哈希”与第2条的哈希不符。' }]);
    });

    it('cannot see the newest entry deleted without a count or anchor kept elsewhere; with one it can', async () => {
      await buildTrail(6);
      const sixth = (await listAuditEntries(database.db, { limit: 1 })).entries[0]!;
      await sql`delete from audit_entries where seq = 6`.execute(database.db);
      expect((await verifyAuditTrail(database.db)).findings).toEqual([]);
      expect((await verifyAuditTrail(database.db, { count: 6 })).findings.map((f) => `${f.kind} ${f.seq}-${f.toSeq}`)).toEqual(['missing 6-6']);
      expect((await verifyAuditTrail(database.db, { anchor: { seq: 6, hash: sixth.hash } })).findings.map((f) => `${f.kind} ${f.seq}`)).toEqual(['missing 6']);
    });
  });
});
