// The audit API on the real app and both engines: list with filters, export, verify, and the
// roles that may (auditor, leader) or may not (clerk) see the trail.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginAs } from '../../../test/login-as.ts';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { buildApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import { appendAuditEntry } from './audit.repository.ts';
import { auditActionLabel } from './audit.routes.ts';

let AUDITOR: Record<string, string> = {};
let LEADER: Record<string, string> = {};
let CLERK: Record<string, string> = {};

interface Listed {
  total: number;
  entries: { chainId: number; seq: number; agencyCode: string | null; at: string; actor: string; action: string; actionLabel: string; subject: string; detail: unknown; hash: string }[];
}

describeEachDatabase('audit API', (database) => {
  let app: FastifyInstance;
  let city = 0;
  let town = 0;

  beforeAll(async () => {
    const agencies = createAgenciesRepository(database.db);
    city = (await agencies.createAgency({ code: 'city', name: '示范市示范局', level: 'municipal' })).id;
    town = (await agencies.createAgency({ code: 'town', name: '示范镇人民政府', level: 'township' })).id;
    // Four entries at chosen instants: 15:59:59Z is 23:59:59 of 27 Nov in China, 16:00Z is 0:00 of 28 Nov.
    await database.db.transaction().execute(async (trx) => {
      await appendAuditEntry(trx, { at: '2026-11-27T15:59:59.000Z', actor: 'zhang', agencyId: city, action: 'application.received', subject: 'application:CITY-1', detail: { version: 1 } });
      await appendAuditEntry(trx, { at: '2026-11-27T16:00:00.000Z', actor: 'li', agencyId: city, action: 'publication.published', subject: 'publication:1', detail: { title: '通知' } });
      await appendAuditEntry(trx, { at: '2026-11-28T03:00:00.000Z', actor: 'zhang', agencyId: city, action: 'settings.changed', subject: 'settings:catalogue', detail: { note: '=1+1' } });
      await appendAuditEntry(trx, { at: '2026-11-28T04:00:00.000Z', actor: 'wang', agencyId: town, action: 'application.received', subject: 'application:TOWN-1', detail: { version: 1 } });
    });
    // Creating and signing in users writes platform-wide account entries after those four (chain 0).
    AUDITOR = await loginAs(database.db, 'u-auditor', { city: ['auditor'] });
    LEADER = await loginAs(database.db, 'u-leader', { city: ['leader'] });
    CLERK = await loginAs(database.db, 'u-clerk', { city: ['clerk'] });
    await loginAs(database.db, 'u-town', { town: ['clerk'] });
    app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: database.db });
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (url: string, headers: Record<string, string> = AUDITOR) => app.inject({ method: 'GET', url, headers });

  it('labels actions in Chinese by code or prefix, and leaves an unknown one as it is', () => {
    expect(auditActionLabel('application.received')).toBe('登记收到申请');
    expect(auditActionLabel('publication.published')).toBe('发布');
    expect(auditActionLabel('settings.changed')).toBe('修改设置');
    expect(auditActionLabel('settings.somethingNew')).toBe('修改设置');
    expect(auditActionLabel('mystery.thing')).toBe('mystery.thing');
  });

  it('lists the agency’s entries newest first, with Chinese labels, to an auditor and a leader', async () => {
    const response = await get('/api/agencies/city/audit');
    expect(response.statusCode).toBe(200);
    const page = response.json<Listed>();
    // The three chosen entries of this agency, and six account entries of its users (another test).
    expect(page.total).toBe(9);
    page.entries = page.entries.filter((entry) => !entry.subject.startsWith('user:'));
    expect(page.entries.map((entry) => [entry.actor, entry.action, entry.actionLabel, entry.subject])).toEqual([
      ['zhang', 'settings.changed', '修改设置', 'settings:catalogue'],
      ['li', 'publication.published', '发布', 'publication:1'],
      ['zhang', 'application.received', '登记收到申请', 'application:CITY-1'],
    ]);
    expect(page.entries.map((entry) => [entry.chainId, entry.seq, entry.agencyCode])).toEqual([
      [city, 3, 'city'],
      [city, 2, 'city'],
      [city, 1, 'city'],
    ]);
    expect(page.entries[0]?.detail).toEqual({ note: '=1+1' });
    expect(page.entries[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await get('/api/agencies/city/audit', LEADER)).statusCode).toBe(200);
  });

  it('filters by actor, action and China days, and pages', async () => {
    const byActor = (await get('/api/agencies/city/audit?actor=zhang')).json<Listed>();
    expect(byActor.entries.map((entry) => entry.subject)).toEqual(['settings:catalogue', 'application:CITY-1']);
    const byAction = (await get('/api/agencies/city/audit?action=publication.published')).json<Listed>();
    expect(byAction.entries.map((entry) => entry.subject)).toEqual(['publication:1']);
    // 27 Nov in China ends at 2026-11-27T16:00:00Z (exclusive); 28 Nov starts there.
    const day27 = (await get('/api/agencies/city/audit?from=2026-11-27&to=2026-11-27')).json<Listed>();
    expect(day27.entries.map((entry) => entry.subject)).toEqual(['application:CITY-1']);
    const day28 = (await get('/api/agencies/city/audit?from=2026-11-28&to=2026-11-28')).json<Listed>();
    day28.entries = day28.entries.filter((entry) => !entry.subject.startsWith('user:'));
    expect(day28.entries.map((entry) => entry.subject)).toEqual(['settings:catalogue', 'publication:1']);
    const paged = (await get('/api/agencies/city/audit?limit=1&offset=7')).json<Listed>();
    expect(paged).toMatchObject({ total: 9, entries: [{ subject: 'publication:1' }] });
    const bad = await get('/api/agencies/city/audit?from=2026-02-30');
    expect(bad.statusCode).toBe(400);
  });

  it('shows an agency the sign-ins and account changes of its own users, not of other agencies\' users', async () => {
    const accounts = (await get('/api/agencies/city/audit?limit=100')).json<Listed>().entries.filter((entry) => entry.subject.startsWith('user:'));
    expect(accounts.map((entry) => [entry.action, entry.subject]).sort()).toEqual(
      [
        ['user.created', 'user:u-auditor'],
        ['user.login', 'user:u-auditor'],
        ['user.created', 'user:u-leader'],
        ['user.login', 'user:u-leader'],
        ['user.created', 'user:u-clerk'],
        ['user.login', 'user:u-clerk'],
      ].sort(),
    );
    expect(new Set(accounts.map((entry) => `${entry.chainId} ${entry.agencyCode}`))).toEqual(new Set(['0 null']));
    expect(accounts.find((entry) => entry.action === 'user.created' && entry.subject === 'user:u-clerk')?.detail).toEqual({ displayName: 'u-clerk', roles: [{ agencyCode: 'city', roles: ['clerk'] }] });
    const town = await loginAs(database.db, 'u-town-auditor', { town: ['auditor'] });
    const townAccounts = (await get('/api/agencies/town/audit?limit=100', town)).json<Listed>().entries.filter((entry) => entry.subject.startsWith('user:'));
    expect(new Set(townAccounts.map((entry) => entry.subject))).toEqual(new Set(['user:u-town', 'user:u-town-auditor']));
  });

  it('refuses a clerk (403) and an anonymous caller (401)', async () => {
    expect((await get('/api/agencies/city/audit', CLERK)).statusCode).toBe(403);
    expect((await get('/api/agencies/city/audit/export', CLERK)).statusCode).toBe(403);
    expect((await get('/api/audit/verify', CLERK)).statusCode).toBe(403);
    expect((await get('/api/agencies/town/audit')).statusCode).toBe(403);
    expect((await get('/api/agencies/city/audit', {})).statusCode).toBe(401);
    // A leader reads but does not export.
    expect((await get('/api/agencies/city/audit/export', LEADER)).statusCode).toBe(403);
  });

  it('exports CSV with the Chinese header, a Chinese file name and both hashes', async () => {
    const listed = (await get('/api/agencies/city/audit')).json<Listed>();
    listed.entries = listed.entries.filter((entry) => !entry.subject.startsWith('user:'));
    const response = await get('/api/agencies/city/audit/export?format=csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="city-audit.csv"; filename*=UTF-8''${encodeURIComponent('示范市示范局审计记录.csv')}`);
    const lines = response.body.split('\r\n');
    expect(lines[0]).toBe('\uFEFF序号,链,时间（UTC）,操作人,机关编号,机关代码,操作,对象,详情（JSON）,前一条哈希,本条哈希');
    expect(lines).toHaveLength(11); // header, three entries, six account entries, and the empty string after the last CRLF
    const oldest = listed.entries[2];
    expect(lines[1]?.startsWith(`1,${city},2026-11-27T15:59:59.000Z,zhang,${city},city,application.received,`)).toBe(true);
    expect(lines[1]?.endsWith(`,${oldest?.hash ?? ''}`)).toBe(true);
    // The formula-looking detail is stored as JSON text starting with {, so it needs no guard.
    expect(lines[3]).toContain('"{""note"":""=1+1""}"');
    const jsonl = await get('/api/agencies/city/audit/export?format=jsonl&actor=li');
    expect(jsonl.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const rows = jsonl.body.trim().split('\n').map((line) => JSON.parse(line) as { actor: string; hash: string });
    expect(rows.map((row) => row.actor)).toEqual(['li']);
    expect(rows[0]?.hash).toBe(listed.entries[1]?.hash);
  });

  it('verifies each chain, then names the entry altered behind the application’s back, in its chain', async () => {
    const clean = await get('/api/audit/verify', LEADER);
    expect(clean.statusCode).toBe(200);
    interface Report {
      count: number;
      chains: { chainId: number; agencyCode: string | null; agencyName: string | null; count: number; lastSeq: number | null; lastHash: string | null; findings: unknown[] }[];
      findings: { chainId: number; kind: string; seq: number; message: string }[];
    }
    const report = clean.json<Report>();
    // The three city entries written in beforeAll, and the platform's chain (each user's creation and
    // sign-in, five users): city is a top agency. Town's chain is town's data: not shown to city.
    expect(report.count).toBe(13);
    expect(report.findings).toEqual([]);
    expect(report.chains.map((c) => [c.chainId, c.agencyCode, c.agencyName, c.count, c.lastSeq, c.findings])).toEqual([
      [0, null, null, 10, 10, []],
      [city, 'city', '示范市示范局', 3, 3, []],
    ]);
    for (const chain of report.chains) expect(chain.lastHash).toMatch(/^[0-9a-f]{64}$/);
    // City's second entry (publication.published) rewritten behind the application's back.
    await sql`update audit_entries set actor = 'mallory' where chain_id = ${city} and seq = 2`.execute(database.db);
    const tampered = (await get('/api/audit/verify')).json<Report>();
    expect(tampered.findings).toEqual([{ chainId: city, kind: 'altered', seq: 2, message: '示范市示范局（city）第2条被改动：保存的哈希与按内容重新计算的哈希不符。' }]);
    expect(tampered.chains.map((c) => c.findings.length)).toEqual([0, 1]);
    // Town's auditor (created by an earlier test; signing in again adds a platform entry, its roles
    // set again add one to town's chain) sees town's chain and the platform's, nothing of city's.
    const townAuditor = await loginAs(database.db, 'u-town-auditor', { town: ['auditor'] });
    const townReport = (await get('/api/audit/verify', townAuditor)).json<Report>();
    expect(townReport.chains.map((c) => [c.chainId, c.agencyCode, c.count])).toEqual([
      [0, null, 11],
      [town, 'town', 2],
    ]);
    expect(townReport.findings).toEqual([]);
  });
});
