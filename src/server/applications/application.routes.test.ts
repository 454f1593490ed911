// 依申请公开 over HTTP on the real app, real SQLite and (with TEST_DATABASE_URL) PostgreSQL.
// Dates are counted by hand on the 2025 arrangement (国办发明电〔2024〕12号): 国庆节、中秋节
// 1–8 October off, Sunday 28 September and Saturday 11 October worked.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { loginAs } from '../../../test/login-as.ts';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { replayCaseEvents } from '../../domain/application/replay-case-events.ts';
import { toReportRecords } from '../../domain/application/to-report-records.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { buildApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import { findCaseReportRecords, findEvents } from './application.repository.ts';
import { listAuditEntries, verifyAuditTrail } from '../audit/audit.repository.ts';

// GB 11643's own example: Σ(ai×Wi) = 167, 167 mod 11 = 2 → X.
const ID_NUMBER = '11010519491231002X';
const CREDIT_CODE = '91350100M000100Y43';
// Signed in per database in beforeAll (test/login-as.ts); agencies made later are added to CLERK there.
let CLERK: Record<string, string> = {};
let LEADER: Record<string, string> = {};

function intake(overrides: Record<string, unknown> = {}, applicant: Record<string, unknown> = {}) {
  return {
    channel: 'in_person',
    receivedOn: '2025-09-15',
    applicant: { type: 'natural_person', name: '张三', idNumber: ID_NUMBER, phone: '13800000000', address: '示范市示范路1号', ...applicant },
    requestedInformation: '2024年示范路改造工程的招标文件',
    requestedForm: '纸质',
    deliveryMethod: '邮寄',
    ...overrides,
  };
}

interface Details {
  trackingNumber: string;
  state: string;
  version: number;
  outcome: string | null;
  clock: { correctionNoticeDueOn: string; startedOn: string | null; dueOn: string | null; workingDaysLeft: number | null; dueSoon: boolean; overdue: boolean; concludedLate: boolean | null };
  history: { seq: number; kind: string; label: string; at: string; actor: string; recordedAt: string }[];
}

describeEachDatabase('applications API', (database) => {
  let app: FastifyInstance;
  let today = '2025-09-15';

  beforeAll(async () => {
    const agencies = createAgenciesRepository(database.db);
    await agencies.createAgency({ code: 'city', name: '示范市示范局', level: 'municipal' });
    await agencies.createAgency({ code: 'town', name: '示范镇人民政府', level: 'township' });
    await agencies.createAgency({ code: 'tx', name: '事务测试局', level: 'county' });
    CLERK = await loginAs(database.db, 'u-clerk', { city: ['clerk'], town: ['clerk'], tx: ['clerk'] });
    LEADER = await loginAs(database.db, 'u-leader', { city: ['leader'], town: ['leader'], tx: ['leader'] });
    app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: database.db, today: () => today });
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = CLERK) => app.inject({ method: 'POST', url, payload: payload as object, headers });
  const receive = (agency: string, body: unknown = intake(), headers = CLERK) => post(`/api/agencies/${agency}/applications`, body, headers);
  const record = (trackingNumber: string, expectedVersion: number, event: unknown, headers = CLERK) => post(`/api/applications/${trackingNumber}/events`, { expectedVersion, event }, headers);

  it('registers an application: tracking number, a query code shown once and stored only as a hash', async () => {
    today = '2025-09-15';
    const res = await receive('city');
    expect(res.statusCode).toBe(201);
    const { trackingNumber, queryCode } = res.json<{ trackingNumber: string; queryCode: string }>();
    expect(trackingNumber).toBe('CITY-2025-000001');
    expect(queryCode).toMatch(/^[A-Z2-9]{12}$/);
    const row = await database.db.selectFrom('applications').selectAll().where('tracking_number', '=', trackingNumber).executeTakeFirstOrThrow();
    expect(row.query_code_hash).not.toContain(queryCode);
    expect(row.query_code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row).toMatchObject({ applicant_name: '张三', id_number: ID_NUMBER, state: 'in_progress', version: 1, received_on: '2025-09-15' });

    const details = (await app.inject({ url: `/api/applications/${trackingNumber}`, headers: CLERK })).json<Details>();
    expect(details.history).toEqual([expect.objectContaining({ seq: 1, kind: 'received', label: '登记收到申请', at: '2025-09-15', actor: 'u-clerk' })]);
    expect(details.history[0]!.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('gives 20 parallel intakes 20 distinct numbers in sequence', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => receive('city')));
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => r.json<{ trackingNumber: string }>().trackingNumber).sort();
    // 000001 was taken by the first test.
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `CITY-2025-${String(i + 2).padStart(6, '0')}`));
  });

  it('refuses a wrong 身份证 or 统一社会信用代码, and missing or bad fields, with 400 naming the field', async () => {
    const badId = await receive('city', intake({}, { idNumber: '110105194912310021' }));
    expect(badId.statusCode).toBe(400);
    expect(badId.json<{ message: string }>().message).toContain('身份证号码');
    expect(badId.json<{ message: string }>().message).toContain('校验码');

    const noId = await receive('city', intake({}, { idNumber: null }));
    expect(noId.statusCode).toBe(400);
    expect(noId.json<{ message: string }>().message).toContain('身份证号码（applicant.idNumber）');

    const badCode = await receive('city', intake({}, { type: 'business', name: '某公司', idNumber: null, creditCode: '91350100M000100Y44' }));
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json<{ message: string }>().message).toContain('统一社会信用代码');
    expect((await receive('city', intake({}, { type: 'business', name: '某公司', idNumber: null, creditCode: CREDIT_CODE }))).statusCode).toBe(201);

    const { requestedInformation: _, ...missing } = intake();
    const res = await receive('city', missing);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toContain('所需政府信息的描述（requestedInformation）');

    const channel = await receive('city', intake({ channel: 'pigeon' }));
    expect(channel.statusCode).toBe(400);
    expect(channel.json<{ message: string }>().message).toContain('申请渠道（channel）');

    const notADay = await receive('city', intake({ receivedOn: '2025-02-30' }));
    expect(notADay.statusCode).toBe(400);
    expect(notADay.json<{ message: string }>().message).toBe('收到申请之日（receivedOn）不是有效的日期（应为“年-月-日”，如 2025-03-03）');

    const future = await receive('city', intake({ receivedOn: '2025-09-16' }));
    expect(future.statusCode).toBe(400);
    expect(future.json<{ message: string }>().message).toContain('收到申请之日');

    const noUser = await receive('city', intake(), {});
    expect(noUser.statusCode).toBe(401);
    expect(noUser.json()).toEqual({ error: 'FORBIDDEN', message: '请先登录。' });

    expect((await receive('nobody')).statusCode).toBe(404);
  });

  it('follows a case through correction, extension by a leader and reply, with the due dates counted by hand', async () => {
    today = '2025-09-15';
    const { trackingNumber } = (await receive('city')).json<{ trackingNumber: string }>();

    // 补正 notice due: 7 working days after Mon 15 Sep = 16,17,18,19,22,23,24 → 24 September.
    today = '2025-09-17';
    let res = await record(trackingNumber, 1, { kind: 'correctionRequested', at: '2025-09-17', items: ['请写明工程名称'], correctionDueOn: '2025-09-30' });
    expect(res.statusCode).toBe(200);
    let details = res.json<Details>();
    expect(details).toMatchObject({ state: 'awaiting_correction', version: 2 });
    expect(details.clock).toMatchObject({ correctionNoticeDueOn: '2025-09-24', startedOn: null, dueOn: null });

    // Corrected application on Mon 22 Sep: day 0. 23,24,25,26,28(Sun, worked),29,30 = 7;
    // 1–8 Oct off; 9,10,11(Sat, worked) = 10; 13–17 = 15; 20–24 = 20 → Friday 24 October.
    today = '2025-09-22';
    res = await record(trackingNumber, 2, { kind: 'correctionReceived', at: '2025-09-22' });
    details = res.json<Details>();
    expect(details).toMatchObject({ state: 'in_progress', version: 3 });
    expect(details.clock).toMatchObject({ startedOn: '2025-09-22', dueOn: '2025-10-24' });

    // A clerk may not approve an extension (第三十三条).
    today = '2025-10-20';
    const extension = { kind: 'extensionApproved', at: '2025-10-20', workingDays: 20, reason: '需调取档案' };
    const refused = await record(trackingNumber, 3, extension, CLERK);
    expect(refused.statusCode).toBe(403);
    // The permission table (application.approveExtension) refuses first; the domain's approver-roles rule stays behind it.
    expect(refused.json<{ message: string }>().message).toBe('您没有权限批准延长答复期限：只有科长、分管领导可以办理。');

    // 20 more: 27–31 Oct = 25; 3–7 Nov = 30; 10–14 = 35; 17–21 = 40 → Friday 21 November.
    res = await record(trackingNumber, 3, extension, LEADER);
    expect(res.statusCode).toBe(200);
    expect(res.json<Details>().clock).toMatchObject({ dueOn: '2025-11-21' });

    // On Fri 14 Nov: 17,18,19,20,21 left = 5 → due soon.
    today = '2025-11-14';
    details = (await app.inject({ url: `/api/applications/${trackingNumber}`, headers: CLERK })).json<Details>();
    expect(details.clock).toMatchObject({ dueOn: '2025-11-21', workingDaysLeft: 5, dueSoon: true, overdue: false });
    const dueSoon = (await app.inject({ url: '/api/agencies/city/applications?dueSoon=true', headers: CLERK })).json<{ applications: { trackingNumber: string; dueOn: string }[] }>();
    expect(dueSoon.applications).toEqual([expect.objectContaining({ trackingNumber, dueOn: '2025-11-21' })]);

    res = await record(trackingNumber, 4, { kind: 'replied', at: '2025-11-14', outcome: 'disclosed', legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（二）项' });
    details = res.json<Details>();
    expect(details).toMatchObject({ state: 'closed', outcome: 'disclosed', version: 5 });
    expect(details.clock.concludedLate).toBe(false);
    expect(details.history.map((h) => [h.seq, h.kind, h.actor])).toEqual([
      [1, 'received', 'u-clerk'],
      [2, 'correctionRequested', 'u-clerk'],
      [3, 'correctionReceived', 'u-clerk'],
      [4, 'extensionApproved', 'u-leader'],
      [5, 'replied', 'u-clerk'],
    ]);
    const row = await database.db.selectFrom('applications').select(['state', 'outcome', 'concluded_on', 'version']).where('tracking_number', '=', trackingNumber).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'closed', outcome: 'disclosed', concluded_on: '2025-11-14', version: 5 });
    // The same acts in the hash-chained audit trail (no personal data in it), and the chain verifies.
    const trail = await listAuditEntries(database.db, { subject: `application:${trackingNumber}` });
    expect(trail.entries.map((e) => [e.action, e.actor]).reverse()).toEqual([
      ['application.received', 'u-clerk'],
      ['application.correctionRequested', 'u-clerk'],
      ['application.correctionReceived', 'u-clerk'],
      ['application.extensionApproved', 'u-leader'],
      ['application.replied', 'u-clerk'],
    ]);
    expect(JSON.stringify(trail.entries)).not.toContain('张三');
    expect((await verifyAuditTrail(database.db)).findings).toEqual([]);

    // A closed case takes no more events: the domain's reason, as 409.
    const late = await record(trackingNumber, 5, { kind: 'correctionReceived', at: '2025-11-14' });
    expect(late.statusCode).toBe(409);
    expect(late.json<{ message: string }>().message).toBe('不能收到补正后的申请：申请已办结，不能再登记补正');
  });

  it('refuses a transition the law does not allow (409) and bad event data (400)', async () => {
    today = '2025-09-15';
    const { trackingNumber } = (await receive('city')).json<{ trackingNumber: string }>();
    const res = await record(trackingNumber, 1, { kind: 'correctionReceived', at: '2025-09-16' });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ message: string }>().message).toBe('不能收到补正后的申请：没有待补正的告知，不能登记补正情况');

    const tooLong = await record(trackingNumber, 1, { kind: 'extensionApproved', at: '2025-09-15', workingDays: 21, reason: '复杂' }, LEADER);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json<{ message: string }>().message).toContain('1至20');

    const noKind = await record(trackingNumber, 1, { kind: 'teleported', at: '2025-09-15' });
    expect(noKind.statusCode).toBe(400);
    expect(noKind.json<{ message: string }>().message).toContain('办理事项类型');

    expect((await record('CITY-2025-999999', 1, { kind: 'withdrawn', at: '2025-09-15' })).statusCode).toBe(404);
  });

  it('detects two writers with the same version: one wins, the other gets 409', async () => {
    today = '2025-09-15';
    const { trackingNumber } = (await receive('city')).json<{ trackingNumber: string }>();
    const [a, b] = await Promise.all([
      record(trackingNumber, 1, { kind: 'consultationStarted', at: '2025-09-15', party: 'thirdParty', addressees: ['某公司'] }),
      record(trackingNumber, 1, { kind: 'withdrawn', at: '2025-09-15' }),
    ]);
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([200, 409]);
    const loser = a!.statusCode === 409 ? a! : b!;
    expect(loser.json<{ message: string }>().message).toBe('该申请已被他人修改，请刷新后重试');
    const details = (await app.inject({ url: `/api/applications/${trackingNumber}`, headers: CLERK })).json<Details>();
    expect(details.version).toBe(2);
    expect(details.history).toHaveLength(2);

    // A stale version is refused the same way, without parallelism.
    const stale = await record(trackingNumber, 1, { kind: 'withdrawn', at: '2025-09-16' });
    expect(stale.statusCode).toBe(409);
  });

  it('leaves nothing half-written when an insert fails inside the transaction', async () => {
    today = '2025-09-15';
    const { trackingNumber } = (await receive('tx')).json<{ trackingNumber: string }>();
    // A trigger makes the event insert fail for one user, after the other writes of the transaction.
    if (database.dialect === 'sqlite') {
      await sql`create trigger gk_sabotage before insert on application_events when new.actor = 'saboteur' begin select raise(abort, 'sabotage'); end`.execute(database.db);
    } else {
      await sql`create function gk_sabotage() returns trigger language plpgsql as $$ begin if new.actor = 'saboteur' then raise exception 'sabotage'; end if; return new; end $$`.execute(database.db);
      await sql`create trigger gk_sabotage before insert on application_events for each row execute function gk_sabotage()`.execute(database.db);
    }
    const saboteur = await loginAs(database.db, 'saboteur', { tx: ['clerk'] });
    try {
      expect((await receive('tx', intake(), saboteur)).statusCode).toBe(500);
      const tx = await database.db.selectFrom('agencies').select('id').where('code', '=', 'tx').executeTakeFirstOrThrow();
      const rows = await database.db.selectFrom('applications').select('tracking_number').where('agency_id', '=', tx.id).execute();
      expect(rows.map((r) => r.tracking_number)).toEqual([trackingNumber]);
      // The sequence increment was rolled back too: the next number is 000002, not 000003.
      const sequence = await database.db.selectFrom('tracking_sequences').select('last_value').where('agency_id', '=', tx.id).executeTakeFirstOrThrow();
      expect(sequence.last_value).toBe(1);

      expect((await record(trackingNumber, 1, { kind: 'withdrawn', at: '2025-09-15' }, saboteur)).statusCode).toBe(500);
      const row = await database.db.selectFrom('applications').select(['state', 'version', 'concluded_on']).where('tracking_number', '=', trackingNumber).executeTakeFirstOrThrow();
      expect(row).toEqual({ state: 'in_progress', version: 1, concluded_on: null });
    } finally {
      await sql`drop trigger gk_sabotage${database.dialect === 'postgres' ? sql` on application_events` : sql``}`.execute(database.db);
    }
    expect((await receive('tx')).json<{ trackingNumber: string }>().trackingNumber).toBe('TX-2025-000002');
  });

  it('shows the applicant the steps and the due date by query code, and nothing personal', async () => {
    today = '2025-09-15';
    const { trackingNumber, queryCode } = (await receive('city')).json<{ trackingNumber: string; queryCode: string }>();
    const status = await post(`/api/applications/${trackingNumber}/status`, { queryCode }, {});
    expect(status.statusCode).toBe(200);
    // 20 working days after Mon 15 Sep: 16–19 = 4, 22–26 = 9, 28 (Sun) = 10, 29, 30 = 12, 9, 10, 11 (Sat) = 15, 13–17 = 20 → 17 October.
    expect(status.json()).toEqual({
      trackingNumber,
      receivedOn: '2025-09-15',
      state: 'in_progress',
      stateLabel: '办理中',
      dueOn: '2025-10-17',
      paused: false,
      concludedOn: null,
      outcomeLabel: null,
      steps: [{ at: '2025-09-15', label: '登记收到申请' }],
    });
    for (const personal of ['张三', ID_NUMBER, '13800000000', '示范路1号', 'u-clerk', '招标文件']) expect(status.body).not.toContain(personal);

    const wrong = await post(`/api/applications/${trackingNumber}/status`, { queryCode: 'AAAAAAAAAAAA' }, {});
    expect(wrong.statusCode).toBe(404);
    const unknown = await post('/api/applications/CITY-2025-999999/status', { queryCode }, {});
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ message: string }>().message).toBe(wrong.json<{ message: string }>().message);
    expect((await post(`/api/applications/${trackingNumber}/status`, {}, {})).json<{ message: string }>().message).toContain('查询码（queryCode）');
  });

  it('keeps agencies apart: own numbering, own lists, no linking another agency’s case', async () => {
    today = '2025-09-15';
    const town = (await receive('town')).json<{ trackingNumber: string }>();
    expect(town.trackingNumber).toBe('TOWN-2025-000001');
    const list = (await app.inject({ url: '/api/agencies/town/applications', headers: CLERK })).json<{ applications: { trackingNumber: string }[] }>();
    expect(list.applications.map((a) => a.trackingNumber)).toEqual(['TOWN-2025-000001']);
    const cityList = (await app.inject({ url: '/api/agencies/city/applications?year=2025', headers: CLERK })).json<{ applications: { trackingNumber: string }[] }>();
    expect(cityList.applications.length).toBeGreaterThan(20);
    expect(cityList.applications.every((a) => a.trackingNumber.startsWith('CITY-'))).toBe(true);

    const linked = await post('/api/agencies/town/review-cases', { kind: 'adminReview', body: '示范市人民政府', filedOn: '2025-10-01', trackingNumber: 'CITY-2025-000001' });
    expect(linked.statusCode).toBe(404);
  });

  it('finds cases by part of the tracking number or the applicant’s name, a page at a time', async () => {
    await createAgenciesRepository(database.db).createAgency({ code: 'find', name: '查找测试局', level: 'county' });
    CLERK = await loginAs(database.db, 'u-clerk', { find: ['clerk'] });
    today = '2025-09-15';
    const names = ['王小明', '李四', '王五', '示范100%公司'];
    const numbers: string[] = [];
    for (const name of names) numbers.push((await receive('find', intake({}, { name }))).json<{ trackingNumber: string }>().trackingNumber);
    expect(numbers).toEqual(['FIND-2025-000001', 'FIND-2025-000002', 'FIND-2025-000003', 'FIND-2025-000004']);
    type Page = { applications: { trackingNumber: string; applicantName: string }[]; total: number; limit: number; offset: number };
    const list = async (query: string) => (await app.inject({ url: `/api/agencies/find/applications?${query}`, headers: CLERK })).json<Page>();

    expect((await list(`q=${encodeURIComponent('王')}`)).applications.map((a) => a.applicantName)).toEqual(['王小明', '王五']);
    // Part of the number, any case; another agency's cases are never searched.
    expect((await list('q=find-2025-000003')).applications.map((a) => a.trackingNumber)).toEqual(['FIND-2025-000003']);
    expect((await list('q=CITY-2025')).total).toBe(0);
    // % and _ are characters, not wildcards.
    expect((await list(`q=${encodeURIComponent('100%')}`)).applications.map((a) => a.applicantName)).toEqual(['示范100%公司']);
    expect((await list('q=%25')).applications.map((a) => a.applicantName)).toEqual(['示范100%公司']);
    expect((await list('q=_')).total).toBe(0);

    const first = await list('limit=3');
    expect(first).toMatchObject({ total: 4, limit: 3, offset: 0 });
    expect(first.applications.map((a) => a.trackingNumber)).toEqual(numbers.slice(0, 3));
    const second = await list('limit=3&offset=3');
    expect(second).toMatchObject({ total: 4, offset: 3 });
    expect(second.applications.map((a) => a.trackingNumber)).toEqual(numbers.slice(3));

    for (const bad of ['limit=0', 'limit=1001', 'offset=-1', 'limit=x']) {
      const res = await app.inject({ url: `/api/agencies/find/applications?${bad}`, headers: CLERK });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json<{ message: string }>().message, bad).toContain(bad.split('=')[0]);
    }
  });

  it('lists cases due soon or overdue together when both are asked for', async () => {
    await createAgenciesRepository(database.db).createAgency({ code: 'both', name: '到期测试局', level: 'county' });
    CLERK = await loginAs(database.db, 'u-clerk', { both: ['clerk'] });
    // Received Mon 1 Sep 2025: 2–5 = 4, 8–12 = 9, 15–19 = 14, 22–26 = 19, 28 (Sun, worked) = 20 → due Sun 28 Sep.
    today = '2025-09-01';
    const late = (await receive('both', intake({ receivedOn: '2025-09-01' }))).json<{ trackingNumber: string }>().trackingNumber;
    // Received Mon 15 Sep: due 17 October (see the public status test).
    today = '2025-09-15';
    const soon = (await receive('both', intake({ receivedOn: '2025-09-15' }))).json<{ trackingNumber: string }>().trackingNumber;
    // Received Fri 10 Oct: 11 (Sat, worked) = 1, 13–17 = 6, 20–24 = 11, 27–31 = 16, 3–6 Nov = 20 → due 6 November.
    today = '2025-10-10';
    const calm = (await receive('both', intake({ receivedOn: '2025-10-10' }))).json<{ trackingNumber: string }>().trackingNumber;
    // On Mon 13 Oct: the first is overdue; the second has 14,15,16,17 = 4 left; the third 18 (14–17, 20–24, 27–31, 3–6 Nov).
    today = '2025-10-13';
    type Page = { applications: { trackingNumber: string; dueOn: string; overdue: boolean; dueSoon: boolean }[]; total: number };
    const list = async (query: string) => (await app.inject({ url: `/api/agencies/both/applications?${query}`, headers: CLERK })).json<Page>();
    expect((await list('overdue=true')).applications.map((a) => [a.trackingNumber, a.dueOn])).toEqual([[late, '2025-09-28']]);
    expect((await list('dueSoon=true')).applications.map((a) => [a.trackingNumber, a.dueOn])).toEqual([[soon, '2025-10-17']]);
    const both = await list('dueSoon=true&overdue=true');
    expect(both.applications.map((a) => a.trackingNumber)).toEqual([late, soon]);
    expect(both.total).toBe(2);
    const all = await list('');
    expect(all.applications.map((a) => [a.trackingNumber, a.dueOn])).toEqual([[late, '2025-09-28'], [soon, '2025-10-17'], [calm, '2025-11-06']]);
  });

  it('records review and litigation cases, linked to a case or not, and their results', async () => {
    const created = await post('/api/agencies/town/review-cases', { kind: 'adminReview', body: '示范市人民政府', filedOn: '2025-10-09', trackingNumber: 'town-2025-000001' });
    expect(created.statusCode).toBe(201);
    const review = created.json<{ id: number }>();
    expect(created.json()).toMatchObject({ trackingNumber: 'TOWN-2025-000001', kind: 'adminReview', concludedOn: null, result: null });
    const lawsuit = await post('/api/agencies/town/review-cases', { kind: 'litigationDirect', body: '示范市中级人民法院', filedOn: '2025-11-03' });
    expect(lawsuit.json()).toMatchObject({ trackingNumber: null, result: null });

    const early = await post(`/api/agencies/town/review-cases/${review.id}/conclusion`, { concludedOn: '2025-10-01', result: 'upheld' });
    expect(early.statusCode).toBe(400);
    const done = await post(`/api/agencies/town/review-cases/${review.id}/conclusion`, { concludedOn: '2025-12-01', result: 'corrected' });
    expect(done.json()).toMatchObject({ concludedOn: '2025-12-01', result: 'corrected' });
    expect((await post(`/api/agencies/town/review-cases/${review.id}/conclusion`, { concludedOn: '2025-12-02', result: 'upheld' })).statusCode).toBe(409);
    // Filed and concluded: two entries of the audit trail; the refused second conclusion wrote none.
    const trail = await listAuditEntries(database.db, { subject: `review:${review.id}` });
    expect(trail.entries.map((e) => [e.action, e.detail]).reverse()).toEqual([
      ['review.filed', { kind: 'adminReview', filedOn: '2025-10-09', trackingNumber: 'TOWN-2025-000001' }],
      ['review.concluded', { concludedOn: '2025-12-01', result: 'corrected' }],
    ]);
    // Another agency cannot conclude it.
    expect((await post(`/api/agencies/city/review-cases/${review.id}/conclusion`, { concludedOn: '2025-12-02', result: 'upheld' })).statusCode).toBe(404);
    const badResult = await post(`/api/agencies/town/review-cases/${review.id}/conclusion`, { concludedOn: '2025-12-02', result: 'maybe' });
    expect(badResult.json<{ message: string }>().message).toContain('审理结果（result）');

    const list = (await app.inject({ url: '/api/agencies/town/review-cases', headers: CLERK })).json<{ reviewCases: { kind: string; result: string | null }[] }>();
    expect(list.reviewCases.map((c) => [c.kind, c.result])).toEqual([
      ['adminReview', 'corrected'],
      ['litigationDirect', null],
    ]);
  });

  it('feeds the cases and review cases into the annual report’s tables 三 and 四', async () => {
    today = '2025-12-30';
    const open = async (receivedOn: string, applicant: Record<string, unknown> = {}) =>
      (await receive('rpt', intake({ receivedOn }, applicant))).json<{ trackingNumber: string }>().trackingNumber;
    await createAgenciesRepository(database.db).createAgency({ code: 'rpt', name: '报表测试局', level: 'county' });
    CLERK = await loginAs(database.db, 'u-clerk', { rpt: ['clerk'] });
    const disclosed = await open('2025-03-03');
    expect((await record(disclosed, 1, { kind: 'replied', at: '2025-03-10', outcome: 'disclosed', legalBasis: '第三十六条第（二）项' })).statusCode).toBe(200);
    const withdrawn = await open('2025-03-03', { type: 'business', name: '某公司', idNumber: null, creditCode: CREDIT_CODE });
    expect((await record(withdrawn, 1, { kind: 'withdrawn', at: '2025-03-05' })).statusCode).toBe(200);
    const lapsed = await open('2025-03-03');
    expect((await record(lapsed, 1, { kind: 'correctionRequested', at: '2025-03-04', items: ['请写明文号'], correctionDueOn: '2025-03-14' })).statusCode).toBe(200);
    expect((await record(lapsed, 2, { kind: 'correctionLapsed', at: '2025-03-17' })).statusCode).toBe(200);
    await open('2025-12-29');
    await post('/api/agencies/rpt/review-cases', { kind: 'adminReview', body: '某县人民政府', filedOn: '2025-04-01', trackingNumber: disclosed });

    // The summary columns say what the replayed log says.
    const rpt = await database.db.selectFrom('agencies').select('id').where('code', '=', 'rpt').executeTakeFirstOrThrow();
    const { applications } = await findCaseReportRecords(database.db, rpt.id);
    const events = await findEvents(
      database.db,
      (await database.db.selectFrom('applications').select('id').where('agency_id', '=', rpt.id).orderBy('id').execute()).map((r) => r.id),
    );
    const replayed = [...events.entries()].map(([, stored], i) => replayCaseEvents(applications[i]!.id, stored.map((e) => e.event)));
    expect(applications).toEqual(toReportRecords(replayed));

    // The live report as staff see it (the portal shows only published reports).
    const res = await app.inject({ url: '/api/agencies/rpt/annual-reports/2025', headers: CLERK });
    expect(res.statusCode).toBe(200);
    const { table3, table4 } = res.json<{ report: { table3: Record<string, Record<string, number | null>>; table4: Record<string, Record<string, number | null>> } }>().report;
    expect(table3.received).toMatchObject({ natural_person: 3, business: 1, total: 4 });
    expect(table3.disclosed).toMatchObject({ natural_person: 1, business: 0, total: 1 });
    expect(table3.other).toMatchObject({ natural_person: 0, business: 1, total: 1 });
    expect(table3.other_no_correction).toMatchObject({ natural_person: 1, total: 1 });
    expect(table3.concludedTotal).toMatchObject({ natural_person: 2, business: 1, total: 3 });
    expect(table3.carriedOver).toMatchObject({ natural_person: 1, business: 0, total: 1 });
    expect(table4.adminReview).toMatchObject({ upheld: 0, corrected: 0, pending: 1, total: 1 });
  });
});

describe('GET /api/docs', () => {
  it('lists the application and review routes in the OpenAPI document', async () => {
    const { connectDatabase } = await import('../db/connect-database.ts');
    const connection = await connectDatabase(':memory:');
    const app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: connection.db });
    try {
      const res = await app.inject({ url: '/api/docs' });
      expect(res.statusCode).toBe(200);
      const doc = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths['/api/agencies/{agencyCode}/applications'] ?? {}).sort()).toEqual(['get', 'post']);
      expect(Object.keys(doc.paths['/api/applications/{trackingNumber}'] ?? {})).toEqual(['get']);
      expect(Object.keys(doc.paths['/api/applications/{trackingNumber}/events'] ?? {})).toEqual(['post']);
      expect(Object.keys(doc.paths['/api/applications/{trackingNumber}/status'] ?? {})).toEqual(['post']);
      expect(Object.keys(doc.paths['/api/agencies/{agencyCode}/review-cases'] ?? {}).sort()).toEqual(['get', 'post']);
      expect(doc.paths['/api/agencies/{agencyCode}/review-cases/{id}/conclusion']).toBeDefined();
      // Staff routes declare the session (cookie or bearer); the applicant's status query does not.
      const security = (path: string, method: string) => (doc.paths[path]?.[method] as { security?: unknown } | undefined)?.security;
      expect(security('/api/applications/{trackingNumber}/events', 'post')).toEqual([{ sessionCookie: [] }, { bearerToken: [] }]);
      expect(security('/api/applications/{trackingNumber}/status', 'post')).toBeUndefined();
      const schemes = (doc as { components?: { securitySchemes?: Record<string, { type: string; name?: string; scheme?: string }> } }).components?.securitySchemes;
      expect(schemes?.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'gongkai_session' });
      expect(schemes?.bearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(res.body).toContain('expectedVersion');
    } finally {
      await app.close();
      await connection.close();
    }
  });
});
