// Loading a 节假日安排 year over HTTP, and the clock cache behind the due-soon/overdue list, on
// both engines. The 2027 arrangement below is HYPOTHETICAL test data (no 2027 notice is
// built in): 元旦 1–3 January off; 春节 6–13 February off, Sunday 14 February worked.
// Dates counted by hand on the 2025 and 2026 arrangements (holiday-arrangements.ts).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginAs } from '../../../test/login-as.ts';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { buildApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import { listAuditEntries } from '../audit/audit.repository.ts';

const ID_NUMBER = '11010519491231002X';
// Signed in per database in beforeAll (test/login-as.ts).
let CLERK: Record<string, string> = {};
let LEADER: Record<string, string> = {};
let ADMIN: Record<string, string> = {};

const YEAR_2027 = {
  year: 2027,
  source: '测试用假想安排',
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-01-02', name: '元旦' },
    { date: '2027-01-03', name: '元旦' },
    ...['06', '07', '08', '09', '10', '11', '12', '13'].map((day) => ({ date: `2027-02-${day}`, name: '春节' })),
  ],
  makeupWorkdays: [{ date: '2027-02-14', name: '春节' }],
};

const ICS_2028 = [
  'BEGIN:VCALENDAR',
  'X-WR-CALNAME:测试日历',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20280101',
  'DTEND;VALUE=DATE:20280104',
  'SUMMARY:元旦(休)',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

function intake(receivedOn: string) {
  return {
    channel: 'in_person',
    receivedOn,
    applicant: { type: 'natural_person', name: '李四', idNumber: ID_NUMBER },
    requestedInformation: '示范路改造工程的招标文件',
  };
}

interface Clock {
  dueOn: string | null;
  provisional: boolean;
  dueSoon: boolean;
  overdue: boolean;
  paused: boolean;
  workingDaysLeft: number | null;
}
interface Details {
  version: number;
  clock: Clock;
  history: { source: string; kind: string; actor: string; detail?: Record<string, unknown> }[];
}
interface ListItem {
  trackingNumber: string;
  dueOn: string | null;
  dueSoon: boolean;
  overdue: boolean;
  paused: boolean;
  workingDaysLeft: number | null;
}

describeEachDatabase('calendar years and the clock cache', (database) => {
  let app: FastifyInstance;
  let today = '2026-12-20';

  beforeAll(async () => {
    const agencies = createAgenciesRepository(database.db);
    await agencies.createAgency({ code: 'cal', name: '日历测试局', level: 'county' });
    await agencies.createAgency({ code: 'due', name: '期限测试局', level: 'county' });
    CLERK = await loginAs(database.db, 'u-clerk', { cal: ['clerk'], due: ['clerk'] });
    LEADER = await loginAs(database.db, 'u-leader', { cal: ['leader'], due: ['leader'] });
    ADMIN = await loginAs(database.db, 'u-admin', { cal: ['clerk', 'admin'], due: ['clerk', 'admin'] });
    app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: database.db, today: () => today });
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = CLERK) => app.inject({ method: 'POST', url, payload: payload as object, headers });
  const receive = async (agency: string, receivedOn: string): Promise<string> => {
    const res = await post(`/api/agencies/${agency}/applications`, intake(receivedOn));
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ trackingNumber: string }>().trackingNumber;
  };
  const details = async (trackingNumber: string) => (await app.inject({ url: `/api/applications/${trackingNumber}`, headers: CLERK })).json<Details>();
  const cachedDueOn = async (trackingNumber: string) =>
    (await database.db.selectFrom('applications').select(['due_on', 'provisional']).where('tracking_number', '=', trackingNumber).executeTakeFirstOrThrow());

  it('loading 2027 makes provisional dates firm and moves them where 2027 holidays fall, with a history entry on each moved case only', async () => {
    today = '2026-12-20';
    // A: 20 working days from Tue 15 Dec 2026: 16–18 (3), 21–25 (8), 28–31 (12); without a 2027
    // arrangement weekends only: Fri 1 Jan (13), 4–8 (18), 11–12 → Tue 12 Jan, provisional.
    const a = await receive('cal', '2026-12-15');
    // D: the same day, extended by 20: 40 days. Weekends only: Dec 12, January's 21 weekdays → 33,
    // 1–5 Feb → 38, 8–9 Feb → 40: Tue 9 Feb, provisional.
    const d = await receive('cal', '2026-12-15');
    expect((await post(`/api/applications/${d}/events`, { expectedVersion: 1, event: { kind: 'extensionApproved', at: '2026-12-18', workingDays: 20, reason: '需调取档案' } }, LEADER)).statusCode).toBe(200);
    // B: received Mon 2 March 2026, due in March 2026: its count never reaches 2027.
    const b = await receive('cal', '2026-03-02');

    expect((await details(a)).clock).toMatchObject({ dueOn: '2027-01-12', provisional: true });
    expect((await details(d)).clock).toMatchObject({ dueOn: '2027-02-09', provisional: true });
    expect(await cachedDueOn(a)).toEqual({ due_on: '2027-01-12', provisional: 1 });
    const bBefore = (await details(b)).clock.dueOn;

    const refused = await post('/api/calendar/years', YEAR_2027, CLERK);
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ message: string }>().message).toContain('管理员');

    const loaded = await post('/api/calendar/years', YEAR_2027, ADMIN);
    expect(loaded.statusCode, loaded.body).toBe(200);
    const result = loaded.json<{ year: number; loadedBy: string; changedCases: { trackingNumber: string }[] }>();
    expect(result).toMatchObject({ year: 2027, loadedBy: 'u-admin' });
    // A: 1 Jan is now off: 28–31 Dec (12), 4–8 Jan (17), 11–13 → Wed 13 Jan, firm.
    // D: January loses 1 Jan (32 by 29 Jan), 1–5 Feb (37), 6–13 off, Sun 14 worked (38), 15–16 → Tue 16 Feb.
    expect(result.changedCases).toEqual([
      { trackingNumber: a, oldDueOn: '2027-01-12', newDueOn: '2027-01-13', oldProvisional: true, newProvisional: false },
      { trackingNumber: d, oldDueOn: '2027-02-09', newDueOn: '2027-02-16', oldProvisional: true, newProvisional: false },
    ]);
    // The load is one platform-wide entry of the audit trail (no agency: the arrangement binds all).
    const trail = await listAuditEntries(database.db, { action: 'calendar.loaded', platformOnly: true });
    expect(trail.entries.map((e) => [e.actor, e.subject, e.detail])).toEqual([['u-admin', 'calendar:2027', { year: 2027, source: '测试用假想安排', changedCases: 2 }]]);

    const aAfter = await details(a);
    expect(aAfter.clock).toMatchObject({ dueOn: '2027-01-13', provisional: false });
    expect(await cachedDueOn(a)).toEqual({ due_on: '2027-01-13', provisional: 0 });
    const audit = aAfter.history.filter((entry) => entry.source === 'audit');
    expect(audit).toEqual([
      expect.objectContaining({
        kind: 'calendar_changed',
        actor: 'u-admin',
        detail: { year: 2027, source: '测试用假想安排', oldDueOn: '2027-01-12', newDueOn: '2027-01-13', oldProvisional: true, newProvisional: false },
      }),
    ]);
    // The event log itself is untouched: legal events only, version unchanged.
    expect(aAfter.version).toBe(1);
    expect(aAfter.history.filter((entry) => entry.source === 'event').map((entry) => entry.kind)).toEqual(['received']);
    expect((await details(d)).clock).toMatchObject({ dueOn: '2027-02-16', provisional: false });

    const bAfter = await details(b);
    expect(bAfter.clock.dueOn).toBe(bBefore);
    expect(bAfter.history.filter((entry) => entry.source === 'audit')).toEqual([]);
  });

  it('loads an ICS year sent as text/calendar, lists loaded years, and refuses a bad arrangement naming the problem', async () => {
    const ics = await app.inject({ method: 'POST', url: '/api/calendar/years', payload: ICS_2028, headers: { ...ADMIN, 'content-type': 'text/calendar' } });
    expect(ics.statusCode, ics.body).toBe(200);
    expect(ics.json()).toMatchObject({ year: 2028, source: 'ICS 文件：测试日历', changedCases: [] });

    const years = (await app.inject({ url: '/api/calendar/years' })).json<{ loaded: { year: number; loadedBy: string }[]; builtInYears: number[] }>();
    expect(years.loaded.map((y) => [y.year, y.loadedBy])).toEqual([
      [2028, 'u-admin'],
      [2027, 'u-admin'],
    ]);
    expect(years.builtInYears).toContain(2026);

    // 2027-02-15 is a Monday: a make-up working day must be a weekend day.
    const bad = await post('/api/calendar/years', { ...YEAR_2027, makeupWorkdays: [{ date: '2027-02-15', name: '春节' }] }, ADMIN);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toContain('不是周末');
    const { source: _source, ...noSource } = YEAR_2027;
    const incomplete = await post('/api/calendar/years', noSource, ADMIN);
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json<{ message: string }>().message).toContain('字段 source 缺失或类型不对');
    // Still admin only, whatever the body.
    expect((await post('/api/calendar/years', noSource, CLERK)).statusCode).toBe(403);
  });

  it('lists due-soon and overdue cases in agreement with the derived clock', async () => {
    today = '2025-11-10';
    const received = ['2025-09-22', '2025-09-26', '2025-09-30', '2025-10-09', '2025-10-10', '2025-10-13', '2025-10-15', '2025-10-17', '2025-10-20', '2025-10-27', '2025-11-03', '2025-11-07'];
    const numbers: Record<string, string> = {};
    for (const day of received) numbers[day] = await receive('due', day);
    // A paused case (consultation out) and a closed one.
    const paused = await receive('due', '2025-10-14');
    expect((await post(`/api/applications/${paused}/events`, { expectedVersion: 1, event: { kind: 'consultationStarted', at: '2025-11-05', party: 'thirdParty', addressees: ['某公司'] } })).statusCode).toBe(200);
    const closed = await receive('due', '2025-10-09');
    expect((await post(`/api/applications/${closed}/events`, { expectedVersion: 1, event: { kind: 'withdrawn', at: '2025-10-20' } })).statusCode).toBe(200);

    const list = async (query: string) => (await app.inject({ url: `/api/agencies/due/applications${query}`, headers: CLERK })).json<{ applications: ListItem[] }>().applications;
    const all = await list('');
    expect(all).toHaveLength(received.length + 2);
    // Each flag as deriveCaseClock gives it on the case page.
    const clocks = new Map<string, Clock>();
    for (const item of all) clocks.set(item.trackingNumber, (await details(item.trackingNumber)).clock);
    const numbersWhere = (pick: (clock: Clock) => boolean) => [...clocks].filter(([, clock]) => pick(clock)).map(([number]) => number).sort();
    const numbersOf = (items: ListItem[]) => items.map((item) => item.trackingNumber).sort();

    const dueSoon = await list('?dueSoon=true');
    const overdue = await list('?overdue=true');
    expect(numbersOf(dueSoon)).toEqual(numbersWhere((clock) => clock.dueSoon));
    expect(numbersOf(overdue)).toEqual(numbersWhere((clock) => clock.overdue));
    // Both flags: the clerk's working list, due soon or overdue.
    expect(numbersOf(await list('?dueSoon=true&overdue=true'))).toEqual(numbersWhere((clock) => clock.dueSoon || clock.overdue));
    expect(numbersOf(await list('?dueSoon=false'))).toEqual(numbersWhere((clock) => !clock.dueSoon));

    // By hand (2025: 1–8 Oct off, Sat 11 Oct worked). Received Mon 13 Oct: 14–17 (4), 20–24 (9),
    // 27–31 (14), 3–7 Nov (19), Mon 10 Nov (20) → due today, 0 left: due soon, not overdue.
    expect(dueSoon.find((item) => item.trackingNumber === numbers['2025-10-13'])).toMatchObject({ dueOn: '2025-11-10', workingDaysLeft: 0 });
    // Received Fri 10 Oct: Sat 11 (1), 13–17 (6), 20–24 (11), 27–31 (16), 3–6 Nov (20) → Thu 6 Nov: overdue by 2 (7, 10 Nov).
    expect(overdue.find((item) => item.trackingNumber === numbers['2025-10-10'])).toMatchObject({ dueOn: '2025-11-06', workingDaysLeft: -2 });
    // Received Mon 20 Oct: 21–24 (4), 27–31 (9), 3–7 Nov (14), 10–14 (19), Mon 17 Nov (20): 5 left → due soon.
    expect(dueSoon.find((item) => item.trackingNumber === numbers['2025-10-20'])).toMatchObject({ dueOn: '2025-11-17', workingDaysLeft: 5 });
    // Received Tue 14 Oct → Tue 11 Nov; the consultation went out Wed 5 Nov with 4 days left
    // (6, 7, 10, 11 Nov), frozen while paused: due soon, though its cached date is stale.
    expect(dueSoon.find((item) => item.trackingNumber === paused)).toMatchObject({ paused: true, workingDaysLeft: 4 });
    // Received Mon 27 Oct → Mon 24 Nov: 10 left, neither.
    expect(numbersOf([...dueSoon, ...overdue])).not.toContain(numbers['2025-10-27']);
    expect(numbersOf([...dueSoon, ...overdue])).not.toContain(closed);
    expect(dueSoon.length + overdue.length).toBeGreaterThan(3);

    // A row written without the cache (a bulk load, or before the cache existed) is filled, not missed.
    const uncached = numbers['2025-10-20']!;
    await database.db.updateTable('applications').set({ due_on: null, clock_computed_at: null }).where('tracking_number', '=', uncached).execute();
    expect(numbersOf(await list('?dueSoon=true'))).toContain(uncached);
    expect(await cachedDueOn(uncached)).toEqual({ due_on: '2025-11-17', provisional: 0 });
  });
}, {});
