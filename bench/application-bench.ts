// Benchmarks of 依申请公开 cases at scale (issue 3, Speed): one agency with `count` cases in
// SQLite (a file under .tmp/) and in PostgreSQL (a throw-away schema), inserted directly with
// multi-row INSERTs. For each engine: the year's tables 三 and 四 through the annual report
// service against a bare GROUP BY over the same rows in the same run, and the due-soon and
// overdue lists through listApplications.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Insertable, Kysely } from 'kysely';
import type { CaseEvent } from '../src/domain/application/case-events.ts';
import { deriveCaseClock } from '../src/domain/application/derive-case-clock.ts';
import { formatTrackingNumber } from '../src/domain/application/format-tracking-number.ts';
import { replayCaseEvents } from '../src/domain/application/replay-case-events.ts';
import { HOLIDAY_ARRANGEMENTS } from '../src/domain/calendar/holiday-arrangements.ts';
import { addDays } from '../src/domain/calendar/iso-date.ts';
import { createWorkingDayCalendar } from '../src/domain/calendar/working-day-calendar.ts';
import { APPLICANT_TYPES, OUTCOME_CODES, REVIEW_GROUPS } from '../src/domain/report/report-format.ts';
import { createAgenciesRepository } from '../src/server/agencies/agencies.repository.ts';
import type { Agency } from '../src/server/agencies/agencies.repository.ts';
import { createApplicationService } from '../src/server/applications/application.service.ts';
import { connectDatabase } from '../src/server/db/connect-database.ts';
import type { DatabaseConnection } from '../src/server/db/connect-database.ts';
import type { ApplicationEventsTable, ApplicationsTable, Database, ReviewCasesTable } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate-to-latest.ts';
import { createAnnualReportService } from '../src/server/reports/annual-report.service.ts';
import type { BenchLine } from './report-bench.ts';
import { median, percentile, random, timeOnce } from './bench-support.ts';

const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const AGENCY = 'bench';
const OTHER_AGENCIES = ['bench-a', 'bench-b', 'bench-c'];
const OTHER_AGENCY_CASES = 1_000;
const REPORT_YEAR = 2025;
/** The service's today: two weeks into the next year, so 2025 is closed but cases are open. */
const TODAY = '2026-01-15';
/** Receipts spread over five years up to the day before today. */
const FIRST_DAY = '2021-01-04';
const BATCH = 1_000;
const LIST_CALLS = 20;

const calendar = createWorkingDayCalendar(HOLIDAY_ARRANGEMENTS);


function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

interface GeneratedCase {
  row: Insertable<ApplicationsTable>;
  /** Events for open cases only (the list replays them); closed cases are read from the summary columns. */
  events: CaseEvent[];
}

/**
 * A case received on a random day; closed 3–30 days later with a random outcome when that day is
 * before today, otherwise open. 1 in 5,000 is never answered (overdue); 1 in 50 open cases waits
 * on a third party (paused). The clock cache is filled as writeClockCache would.
 */
function generateCase(next: () => number, agencyId: number, agencyCode: string, sequences: Map<number, number>): GeneratedCase {
  const span = daysBetween(FIRST_DAY, TODAY);
  const receivedOn = addDays(FIRST_DAY, Math.floor(next() * span));
  const year = Number(receivedOn.slice(0, 4));
  const sequence = (sequences.get(year) ?? 0) + 1;
  sequences.set(year, sequence);
  const applicantType = APPLICANT_TYPES[Math.floor(next() * APPLICANT_TYPES.length)]!.code;
  const concludedOn = next() < 1 / 5_000 ? null : addDays(receivedOn, 3 + Math.floor(next() * 28));
  const closed = concludedOn !== null && concludedOn < TODAY;
  const trackingNumber = formatTrackingNumber(agencyCode, year, sequence);
  const received: CaseEvent = { kind: 'received', at: receivedOn, actor: 'u-bench', channel: 'online', applicantType, rulesVersion: '2019-05-15' };
  const events: CaseEvent[] = [];
  let state = 'closed';
  let dueOn: string | null = null;
  let paused = 0;
  if (!closed) {
    events.push(received);
    if (next() < 1 / 50) events.push({ kind: 'consultationStarted', at: addDays(receivedOn, 2), actor: 'u-bench', party: 'thirdParty', addressees: ['某公司'] });
    const clock = deriveCaseClock(replayCaseEvents(trackingNumber, events), calendar, TODAY);
    state = events.length === 1 ? 'in_progress' : 'consulting';
    dueOn = clock.dueOn;
    paused = clock.paused ? 1 : 0;
  }
  return {
    row: {
      agency_id: agencyId,
      tracking_number: trackingNumber,
      query_code_hash: '0'.repeat(64),
      channel: 'online',
      applicant_type: applicantType,
      applicant_name: '申请人',
      id_number: null,
      credit_code: null,
      contact_phone: null,
      contact_email: null,
      contact_address: null,
      requested_information: '所需信息',
      requested_form: null,
      delivery_method: null,
      received_on: receivedOn,
      state,
      outcome: closed ? OUTCOME_CODES[Math.floor(next() * OUTCOME_CODES.length)]! : null,
      concluded_on: closed ? concludedOn : null,
      version: closed ? 2 : events.length,
      due_on: dueOn,
      paused,
      provisional: 0,
      clock_computed_at: `${TODAY}T00:00:00.000Z`,
    },
    events,
  };
}

async function insertInBatches<T>(db: Kysely<Database>, items: readonly T[], insert: (trx: Kysely<Database>, batch: readonly T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) await insert(db, items.slice(i, i + BATCH));
}

interface Generated {
  ms: number;
  openCases: number;
  events: number;
  reviewCases: number;
}

/** Inserts the agencies, `count` cases of the bench agency (in chunks, one transaction) and a few other agencies' rows. */
async function generate(db: Kysely<Database>, count: number): Promise<Generated> {
  const start = performance.now();
  const agencies = createAgenciesRepository(db);
  const agency = await agencies.createAgency({ code: AGENCY, name: '基准测试局', level: 'municipal' });
  const others: Agency[] = [];
  for (const code of OTHER_AGENCIES) others.push(await agencies.createAgency({ code, name: `其他机关${code}`, level: 'county' }));

  let openCases = 0;
  let eventCount = 0;
  let reviewCount = 0;
  await db.transaction().execute(async (trx) => {
    const next = random(20250101);
    const plan: { agencyId: number; code: string; count: number }[] = [
      { agencyId: agency.id, code: agency.code, count },
      ...others.map((other) => ({ agencyId: other.id, code: other.code, count: OTHER_AGENCY_CASES })),
    ];
    for (const { agencyId, code, count: total } of plan) {
      const sequences = new Map<number, number>();
      // Chunks keep memory flat at a million rows.
      for (let done = 0; done < total; done += 50_000) {
        const cases: GeneratedCase[] = [];
        for (let i = done; i < Math.min(total, done + 50_000); i += 1) cases.push(generateCase(next, agencyId, code, sequences));
        const rows = cases.map((c) => c.row);
        const ids: number[] = [];
        await insertInBatches(trx, rows, async (t, batch) => {
          const inserted = await t.insertInto('applications').values([...batch]).returning('id').execute();
          for (const row of inserted) ids.push(row.id);
        });
        const events: Insertable<ApplicationEventsTable>[] = [];
        cases.forEach((c, index) => {
          if (c.events.length > 0) openCases += 1;
          c.events.forEach((event, seq) => {
            events.push({ agency_id: agencyId, application_id: ids[index]!, seq: seq + 1, kind: event.kind, at: event.at, actor: event.actor, data: JSON.stringify(event) });
          });
        });
        eventCount += events.length;
        await insertInBatches(trx, events, (t, batch) => t.insertInto('application_events').values([...batch]).execute());
      }
      for (const [year, last] of sequences) await trx.insertInto('tracking_sequences').values({ agency_id: agencyId, year, last_value: last }).execute();

      // 行政复议/诉讼: one per thousand cases, a tenth still pending.
      const reviews: Insertable<ReviewCasesTable>[] = [];
      for (let i = 0; i < Math.max(10, Math.floor(total / 1_000)); i += 1) {
        const filedOn = addDays(FIRST_DAY, Math.floor(next() * daysBetween(FIRST_DAY, TODAY)));
        const concludedOn = next() < 0.1 ? null : addDays(filedOn, 30 + Math.floor(next() * 150));
        const open = concludedOn === null || concludedOn >= TODAY;
        reviews.push({
          agency_id: agencyId,
          application_id: null,
          kind: REVIEW_GROUPS[Math.floor(next() * REVIEW_GROUPS.length)]!.code,
          body: '示范市人民政府',
          filed_on: filedOn,
          concluded_on: open ? null : concludedOn,
          result: open ? null : (['upheld', 'corrected', 'otherResult'] as const)[Math.floor(next() * 3)]!,
        });
      }
      reviewCount += reviews.length;
      await insertInBatches(trx, reviews, (t, batch) => t.insertInto('review_cases').values([...batch]).execute());
    }
  });
  return { ms: performance.now() - start, openCases, events: eventCount, reviewCases: reviewCount };
}



/** The figures of one engine, on a freshly generated and analysed database. */
async function measure(engine: string, db: Kysely<Database>, count: number): Promise<BenchLine[]> {
  const generated = await generate(db, count);
  // Fresh statistics, as a live database would have them.
  await sql`analyze`.execute(db);
  const lines: BenchLine[] = [
    {
      name: `${engine}: generate ${count.toLocaleString('en')} cases (+${(OTHER_AGENCIES.length * OTHER_AGENCY_CASES).toLocaleString('en')} other agencies'; ${generated.openCases.toLocaleString('en')} open with ${generated.events.toLocaleString('en')} events; ${generated.reviewCases.toLocaleString('en')} review cases)`,
      value: generated.ms / 1000,
      unit: 's',
    },
  ];

  // (a) against (b): three runs each, interleaved, medians.
  const reports = createAnnualReportService({ db });
  const start = `${REPORT_YEAR}-01-01`;
  const end = `${REPORT_YEAR}-12-31`;
  const agencyId = (await createAgenciesRepository(db).getAgencyByCode(AGENCY)).id;
  const bareGroupBy = () =>
    db
      .selectFrom('applications')
      .select(['applicant_type', 'outcome', (eb) => eb.fn.countAll<number>().as('cases')])
      .where('agency_id', '=', agencyId)
      .where('received_on', '<=', end)
      .where((eb) => eb.or([eb('received_on', '>=', start), eb('concluded_on', 'is', null), eb('concluded_on', '>=', start)]))
      .groupBy(['applicant_type', 'outcome'])
      .execute();
  const reportRuns: number[] = [];
  const groupByRuns: number[] = [];
  let groupedCases = 0;
  let tableTotal = 0;
  for (let run = 0; run < 3; run += 1) {
    const report = await timeOnce(() => reports.getAnnualReport(AGENCY, REPORT_YEAR));
    reportRuns.push(report.ms);
    tableTotal = (report.value.report.table3.received.total ?? 0) + (report.value.report.table3.carriedIn.total ?? 0);
    const grouped = await timeOnce(bareGroupBy);
    groupByRuns.push(grouped.ms);
    groupedCases = grouped.value.reduce((sum, row) => sum + Number(row.cases), 0);
  }
  // The two must have counted the same cases, or the ratio means nothing.
  if (groupedCases !== tableTotal) throw new Error(`${engine}: GROUP BY counted ${groupedCases} cases, table 三 一+二 = ${tableTotal}`);
  const reportMs = median(reportRuns);
  const groupByMs = median(groupByRuns);
  lines.push({
    name: `${engine}: ${REPORT_YEAR} tables 三 and 四 through the annual report service (${tableTotal.toLocaleString('en')} cases in the year; median of 3)`,
    value: reportMs,
    unit: 'ms',
    baseline: { name: 'bare GROUP BY applicant_type, outcome over the same year', value: groupByMs, unit: 'ms' },
    ratio: reportMs / groupByMs,
    floor: '< 2,000 ms and ≤ 3×',
  });

  // For reference: the service reads every year of the agency, not only this one.
  const allYears = await timeOnce(() =>
    db
      .selectFrom('applications')
      .select(['applicant_type', 'outcome', (eb) => eb.fn.countAll<number>().as('cases')])
      .where('agency_id', '=', agencyId)
      .groupBy(['applicant_type', 'outcome'])
      .execute(),
  );
  lines.push({
    name: `${engine}: for reference, the same GROUP BY over all the agency's years (${allYears.value.reduce((sum, row) => sum + Number(row.cases), 0).toLocaleString('en')} cases, what the service reads)`,
    value: allYears.ms,
    unit: 'ms',
  });

  // (c) due-soon and overdue lists through listApplications.
  const service = createApplicationService({ db, calendar, today: () => TODAY });
  for (const which of ['dueSoon', 'overdue'] as const) {
    const runs: number[] = [];
    let size = 0;
    await service.listApplications(AGENCY, { [which]: true, limit: 1_000 }); // warm up
    for (let call = 0; call < LIST_CALLS; call += 1) {
      const listed = await timeOnce(() => service.listApplications(AGENCY, { [which]: true, limit: 1_000 }));
      runs.push(listed.ms);
      size = listed.value.total;
    }
    lines.push({
      name: `${engine}: ${which === 'dueSoon' ? 'due-soon' : 'overdue'} list through listApplications (${size.toLocaleString('en')} cases), p50 over ${LIST_CALLS} calls`,
      value: median(runs),
      unit: 'ms',
      floor: '< 50 ms',
    });
    lines.push({ name: `${engine}: same, p95`, value: percentile(runs, 0.95), unit: 'ms' });
  }
  return lines;
}

async function benchSqlite(count: number): Promise<BenchLine[]> {
  const dir = join(import.meta.dirname, '..', '.tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-applications-${process.pid}.sqlite`);
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  };
  remove();
  const connection = await connectDatabase(file);
  try {
    await migrateToLatest(connection.db);
    return await measure('SQLite', connection.db, count);
  } finally {
    await connection.close();
    remove();
  }
}

async function benchPostgres(count: number): Promise<BenchLine[]> {
  let admin: DatabaseConnection;
  try {
    admin = await connectDatabase(POSTGRES_URL);
    await sql`select 1`.execute(admin.db);
  } catch (error) {
    console.log(`(PostgreSQL skipped: ${POSTGRES_URL} is not reachable — ${(error as Error).message})`);
    return [];
  }
  const schema = `gk_bench_${randomBytes(6).toString('hex')}`;
  try {
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    const connection = await connectDatabase(POSTGRES_URL, { schema });
    try {
      await migrateToLatest(connection.db);
      return await measure('PostgreSQL', connection.db, count);
    } finally {
      await connection.close();
    }
  } finally {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
    await admin.close();
  }
}

/** `count` cases for the bench agency (default 1,000,000), on SQLite and then PostgreSQL. */
export async function benchApplications(count = 1_000_000): Promise<BenchLine[]> {
  return [...(await benchSqlite(count)), ...(await benchPostgres(count))];
}
