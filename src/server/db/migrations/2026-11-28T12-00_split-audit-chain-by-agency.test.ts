// An upgraded database: audit entries written by the one-chain writer before migration 2026-11-28T12-00
// (built here on the schema of 2026-11-28T11-30), then the migration. The old chain must verify
// as chain 0 with the hashes it was written with; new entries go to their agency's chain.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../../../../test/test-database.ts';
import type { TestDatabase } from '../../../../test/test-database.ts';
import type { AuditEntryInput, StoredAuditEntry } from '../../../domain/audit/audit-entry.ts';
import { computeNextAuditEntry, GENESIS_HASH } from '../../../domain/audit/audit-entry.ts';
import { createAgenciesRepository } from '../../agencies/agencies.repository.ts';
import { appendAuditEntry, verifyAuditTrail } from '../../audit/audit.repository.ts';
import { sha256Hex } from '../../audit/sha256-hex.ts';
import { auditVerificationJob } from '../../jobs/audit-verification.ts';
import { createJobRunner } from '../../jobs/job-runner.ts';
import { createMigrator, migrateToLatest } from '../migrate-to-latest.ts';

const BEFORE_SPLIT = '2026-11-28T11-30_index-publication-search-by-agency';
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

for (const dialect of testDialects()) {
  describe(`splitting the audit chain by agency on an upgraded database [${dialect}]`, () => {
    let database: TestDatabase;
    let city = 0;
    /** The old chain: seq 1 to 4, city's entries and platform-wide ones in one chain. */
    let legacy: StoredAuditEntry[] = [];

    beforeEach(async () => {
      database = await openTestDatabase(dialect, { migrate: false });
      const { error } = await (await createMigrator(database.db)).migrateTo(BEFORE_SPLIT);
      expect(error).toBeUndefined();
      city = (await createAgenciesRepository(database.db).createAgency({ code: 'city', name: '示范市人民政府', level: 'municipal' })).id;
      const inputs: AuditEntryInput[] = [
        { at: '2026-11-01T01:00:00.000Z', actor: 'u-clerk', agencyId: city, action: 'application.event', subject: 'application:CITY-2026-000001', detail: { kind: 'received' } },
        { at: '2026-11-01T02:00:00.000Z', actor: 'u-clerk', agencyId: null, action: 'user.login', subject: 'user:u-clerk', detail: {} },
        { at: '2026-11-02T01:00:00.000Z', actor: 'u-leader', agencyId: city, action: 'settings.changed', subject: 'settings:city', detail: { field: '名称' } },
        { at: '2026-11-03T01:00:00.000Z', actor: 'system:calendar', agencyId: null, action: 'calendar.loaded', subject: 'calendar:2027', detail: { year: 2027 } },
      ];
      // The old writer chained every entry to the one before it, whatever the agency.
      legacy = [];
      for (const input of inputs) legacy.push(computeNextAuditEntry(legacy.at(-1), input, sha256Hex));
      for (const e of legacy) {
        await sql`insert into audit_entries (seq, at, actor, agency_id, action, subject, detail, prev_hash, hash)
          values (${e.seq}, ${e.at}, ${e.actor}, ${e.agencyId}, ${e.action}, ${e.subject}, ${e.detailJson}, ${e.prevHash}, ${e.hash})`.execute(database.db);
      }
      // Last night's check, as the one-chain job wrote it.
      await sql`insert into audit_verifications (period, verified_at, entry_count, last_seq, last_hash, findings, ok)
        values ('2026-11-28', '2026-11-27T18:00:00.000Z', 4, 4, ${legacy[3]?.hash ?? ''}, '[]', 1)`.execute(database.db);
      expect(await migrateToLatest(database.db)).toContain('2026-11-28T12-00_split-audit-chain-by-agency');
    });
    afterEach(async () => {
      await database.close();
    });

    const append = (input: AuditEntryInput) => database.db.transaction().execute((trx) => appendAuditEntry(trx, input));

    it('keeps the old chain as chain 0 with its hashes, and starts an agency’s new entries at seq 1', async () => {
      // The first entry's hash, from its canonical text written out by hand.
      const firstText = `{"action":"application.event","actor":"u-clerk","agencyId":${city},"at":"2026-11-01T01:00:00.000Z","detail":"{\\"kind\\":\\"received\\"}","prevHash":"${GENESIS_HASH}","seq":1,"subject":"application:CITY-2026-000001"}`;
      expect(legacy[0]?.hash).toBe(sha256Hex(firstText));
      const { rows } = await sql<{ chain_id: number; seq: number; agency_id: number | null; prev_hash: string; hash: string }>`select chain_id, seq, agency_id, prev_hash, hash from audit_entries order by chain_id, seq`.execute(database.db);
      expect(rows).toEqual([
        { chain_id: 0, seq: 1, agency_id: city, prev_hash: GENESIS_HASH, hash: legacy[0]?.hash },
        { chain_id: 0, seq: 2, agency_id: null, prev_hash: legacy[0]?.hash, hash: legacy[1]?.hash },
        { chain_id: 0, seq: 3, agency_id: city, prev_hash: legacy[1]?.hash, hash: legacy[2]?.hash },
        { chain_id: 0, seq: 4, agency_id: null, prev_hash: legacy[2]?.hash, hash: legacy[3]?.hash },
      ]);
      expect(await verifyAuditTrail(database.db)).toEqual({
        count: 4,
        chains: [{ chainId: 0, agencyCode: null, agencyName: null, count: 4, lastSeq: 4, lastHash: legacy[3]?.hash, findings: [] }],
        findings: [],
      });

      const cityFirst = await append({ at: '2026-11-28T10:00:00.000Z', actor: 'u-clerk', agencyId: city, action: 'application.event', subject: 'application:CITY-2026-000002', detail: { kind: 'received' } });
      expect(cityFirst).toMatchObject({ chainId: city, seq: 1, prevHash: GENESIS_HASH });
      const platformNext = await append({ at: '2026-11-28T10:01:00.000Z', actor: 'u-clerk', agencyId: null, action: 'user.logout', subject: 'user:u-clerk', detail: {} });
      expect(platformNext).toMatchObject({ chainId: 0, seq: 5, prevHash: legacy[3]?.hash });
      const report = await verifyAuditTrail(database.db);
      expect(report.findings).toEqual([]);
      expect(report.chains.map((c) => [c.chainId, c.agencyCode, c.count, c.lastSeq, c.lastHash])).toEqual([
        [0, null, 5, 5, platformNext.hash],
        [city, 'city', 1, 1, cityFirst.hash],
      ]);
    });

    it('checks chain 0 on the first night against the anchor the one-chain job left', async () => {
      await sql`delete from audit_entries where chain_id = 0 and seq = 4`.execute(database.db);
      const runner = createJobRunner({ db: database.db, jobs: [auditVerificationJob], log: quiet, now: () => new Date('2026-11-28T18:30:00.000Z'), claimant: 'p1' });
      expect((await runner.runDue()).map((run) => [run.period, run.summary])).toEqual([['2026-11-29', { count: 3, chains: 1, findings: 1 }]]);
      const row = await database.db.selectFrom('audit_verifications').selectAll().where('period', '=', '2026-11-29').executeTakeFirstOrThrow();
      expect(JSON.parse(row.findings)).toEqual([{ chainId: 0, kind: 'missing', seq: 4, toSeq: 4, message: '全平台链 第4条缺失：应至少有4条，而最后一条是第3条，末尾的记录被删除。' }]);
      expect(row).toMatchObject({ entry_count: 3, last_seq: null, last_hash: null, ok: 0 });
      expect(JSON.parse(row.chains ?? 'null')).toEqual([{ chainId: 0, agencyCode: null, count: 3, lastSeq: 3, lastHash: legacy[2]?.hash }]);
    });

    it('migrates down to the one chain while chain 0 is the only one, and refuses once an agency has its own', async () => {
      const migrator = await createMigrator(database.db);
      expect((await migrator.migrateTo(BEFORE_SPLIT)).error).toBeUndefined();
      const { rows } = await sql<{ seq: number; hash: string }>`select seq, hash from audit_entries order by seq`.execute(database.db);
      expect(rows).toEqual(legacy.map((e) => ({ seq: e.seq, hash: e.hash })));
      // seq alone is the key again.
      await expect(sql`insert into audit_entries (seq, at, actor, agency_id, action, subject, detail, prev_hash, hash) values (4, 'x', 'x', null, 'x', 'x', 'x', 'x', 'x')`.execute(database.db)).rejects.toThrow();

      await migrateToLatest(database.db);
      await append({ at: '2026-11-28T10:00:00.000Z', actor: 'u-clerk', agencyId: city, action: 'application.event', subject: 'application:CITY-2026-000002', detail: { kind: 'received' } });
      const refused = await (await createMigrator(database.db)).migrateTo(BEFORE_SPLIT);
      expect(String(refused.error)).toContain('1 audit entries are in agencies\' chains');
      expect((await verifyAuditTrail(database.db)).chains.map((c) => [c.chainId, c.count])).toEqual([
        [0, 4],
        [city, 1],
      ]);
    });
  });
}
