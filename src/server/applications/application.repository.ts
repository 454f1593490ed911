// 依申请公开 storage: applications (with summary columns), their append-only event log, the
// tracking-number sequences and review cases. SQL only. Events are inserted, never updated
// or deleted; the summary columns are rewritten with each event, under the version check.
import { sql } from 'kysely';
import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import type { CaseEvent } from '../../domain/application/case-events.ts';
import type { ReportCounts } from '../../domain/report/compute/compute-annual-report-from-counts.ts';
import type { ApplicationRecord, ReviewCaseRecord } from '../../domain/report/compute/report-records.ts';
import type { ApplicantType, OutcomeCode, ReviewGroup, ReviewResult } from '../../domain/report/report-format.ts';
import type { ApplicationsTable, Database, ReviewCasesTable } from '../db/database.ts';

export type ApplicationRow = Selectable<ApplicationsTable>;
export type ReviewCaseRow = Selectable<ReviewCasesTable>;

export interface StoredEvent {
  seq: number;
  event: CaseEvent;
  recordedAt: string;
}

export interface NewApplicationRow {
  agencyId: number;
  trackingNumber: string;
  queryCodeHash: string;
  channel: string;
  applicantType: string;
  applicantName: string;
  idNumber: string | null;
  creditCode: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  contactAddress: string | null;
  requestedInformation: string;
  requestedForm: string | null;
  deliveryMethod: string | null;
  receivedOn: string;
  state: string;
}

export interface CaseSummary {
  state: string;
  outcome: string | null;
  concludedOn: string | null;
  version: number;
}

export interface ApplicationFilter {
  state?: string;
  /** Cases received in this year. */
  year?: number;
  /** Part of the tracking number or of the applicant's name, any case. */
  search?: string;
}

/** A LIKE pattern matching `text` anywhere, with % _ and the escape character taken literally. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type ApplicationsQuery = SelectQueryBuilder<Database, 'applications', object>;

function applyFilter<Q extends ApplicationsQuery>(query: Q, filter: ApplicationFilter): Q {
  let q: ApplicationsQuery = query;
  if (filter.state !== undefined) q = q.where('state', '=', filter.state);
  if (filter.year !== undefined) q = q.where('received_on', '>=', `${filter.year}-01-01`).where('received_on', '<=', `${filter.year}-12-31`);
  const search = filter.search?.trim() ?? '';
  if (search !== '') {
    const pattern = containsPattern(search);
    q = q.where((eb) => eb.or([sql<boolean>`lower(tracking_number) like ${pattern} escape '\\'`, sql<boolean>`lower(applicant_name) like ${pattern} escape '\\'`]));
  }
  return q as Q;
}

/**
 * A database timestamp as ISO 8601 UTC: SQLite's CURRENT_TIMESTAMP is 'YYYY-MM-DD HH:MM:SS' in
 * UTC, PostgreSQL's timestamptz text carries its zone ('…+00', '…+08').
 */
export function toIsoTimestamp(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(value);
  if (match === null) return value;
  const fraction = (match[3] ?? '').slice(0, 4);
  const zone = match[4] ?? 'Z';
  const normalizedZone = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(3).replace(':', '').padEnd(2, '0')}`;
  return new Date(`${match[1]}T${match[2]}${fraction}${normalizedZone}`).toISOString();
}

/** The next tracking sequence of (agency, year): one atomic upsert, row-locked until the transaction ends. */
export async function nextTrackingSequence(trx: Kysely<Database>, agencyId: number, year: number): Promise<number> {
  const row = await trx
    .insertInto('tracking_sequences')
    .values({ agency_id: agencyId, year, last_value: 1 })
    .onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet({ last_value: sql<number>`tracking_sequences.last_value + 1` }))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

export async function insertApplication(trx: Kysely<Database>, row: NewApplicationRow): Promise<number> {
  const inserted = await trx
    .insertInto('applications')
    .values({
      agency_id: row.agencyId,
      tracking_number: row.trackingNumber,
      query_code_hash: row.queryCodeHash,
      channel: row.channel,
      applicant_type: row.applicantType,
      applicant_name: row.applicantName,
      id_number: row.idNumber,
      credit_code: row.creditCode,
      contact_phone: row.contactPhone,
      contact_email: row.contactEmail,
      contact_address: row.contactAddress,
      requested_information: row.requestedInformation,
      requested_form: row.requestedForm,
      delivery_method: row.deliveryMethod,
      received_on: row.receivedOn,
      state: row.state,
      outcome: null,
      concluded_on: null,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function appendEvent(trx: Kysely<Database>, agencyId: number, applicationId: number, seq: number, event: CaseEvent): Promise<void> {
  await trx
    .insertInto('application_events')
    .values({ agency_id: agencyId, application_id: applicationId, seq, kind: event.kind, at: event.at, actor: event.actor, data: JSON.stringify(event) })
    .execute();
}

/**
 * Writes the summary only if the stored version is still `expectedVersion`: false when someone
 * else recorded an event in between (on PostgreSQL the second writer waits for the first, then
 * finds the version moved).
 */
export async function updateSummary(trx: Kysely<Database>, applicationId: number, expectedVersion: number, summary: CaseSummary): Promise<boolean> {
  const result = await trx
    .updateTable('applications')
    .set({ state: summary.state, outcome: summary.outcome, concluded_on: summary.concludedOn, version: summary.version })
    .where('id', '=', applicationId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findApplicationByTrackingNumber(db: Kysely<Database>, trackingNumber: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('tracking_number', '=', trackingNumber).executeTakeFirst();
}

export async function findApplicationById(db: Kysely<Database>, agencyId: number, id: number): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('agency_id', '=', agencyId).where('id', '=', id).executeTakeFirst();
}

/** Every matching case of an agency in order of receipt (for lists filtered after the clock is derived). */
export async function listAllApplicationRows(db: Kysely<Database>, agencyId: number, filter: ApplicationFilter): Promise<ApplicationRow[]> {
  return applyFilter(db.selectFrom('applications').where('agency_id', '=', agencyId), filter).selectAll().orderBy('received_on').orderBy('id').execute();
}

/** One page of an agency's cases in order of receipt, and how many match in all. */
export async function listApplicationRows(
  db: Kysely<Database>,
  agencyId: number,
  filter: ApplicationFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: ApplicationRow[]; total: number }> {
  const matching = () => applyFilter(db.selectFrom('applications').where('agency_id', '=', agencyId), filter);
  const [rows, count] = await Promise.all([
    matching().selectAll().orderBy('received_on').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    matching().select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export async function findEvents(db: Kysely<Database>, applicationIds: readonly number[]): Promise<Map<number, StoredEvent[]>> {
  const byApplication = new Map<number, StoredEvent[]>();
  if (applicationIds.length === 0) return byApplication;
  const rows = await db
    .selectFrom('application_events')
    .select(['application_id', 'seq', 'data', 'recorded_at'])
    .where('application_id', 'in', applicationIds)
    .orderBy('application_id')
    .orderBy('seq')
    .execute();
  for (const row of rows) {
    const list = byApplication.get(row.application_id) ?? [];
    list.push({ seq: row.seq, event: JSON.parse(row.data) as CaseEvent, recordedAt: toIsoTimestamp(String(row.recorded_at)) });
    byApplication.set(row.application_id, list);
  }
  return byApplication;
}

export async function insertReviewCase(
  db: Kysely<Database>,
  row: { agencyId: number; applicationId: number | null; kind: string; body: string; filedOn: string },
): Promise<ReviewCaseRow> {
  return db
    .insertInto('review_cases')
    .values({ agency_id: row.agencyId, application_id: row.applicationId, kind: row.kind, body: row.body, filed_on: row.filedOn, concluded_on: null, result: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function concludeReviewCaseRow(db: Kysely<Database>, agencyId: number, id: number, concludedOn: string, result: string): Promise<ReviewCaseRow | undefined> {
  return db
    .updateTable('review_cases')
    .set({ concluded_on: concludedOn, result })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function findReviewCaseRow(db: Kysely<Database>, agencyId: number, id: number): Promise<ReviewCaseRow | undefined> {
  return db.selectFrom('review_cases').selectAll().where('agency_id', '=', agencyId).where('id', '=', id).executeTakeFirst();
}

export async function listReviewCaseRows(db: Kysely<Database>, agencyId: number): Promise<ReviewCaseRow[]> {
  return db.selectFrom('review_cases').selectAll().where('agency_id', '=', agencyId).orderBy('filed_on').orderBy('id').execute();
}

/**
 * The agency's cases and review cases as report records (table 三 and 四). Read from the summary
 * columns, which hold what toReportRecord gives for the replayed case (a test checks this), so
 * a year's tables need no replay of a million logs.
 */
export async function findCaseReportRecords(db: Kysely<Database>, agencyId: number): Promise<{ applications: ApplicationRecord[]; reviewCases: ReviewCaseRecord[] }> {
  const [applications, reviewCases] = await Promise.all([
    db
      .selectFrom('applications')
      .select(['tracking_number', 'applicant_type', 'received_on', 'state', 'concluded_on', 'outcome'])
      .where('agency_id', '=', agencyId)
      .orderBy('id')
      .execute(),
    db.selectFrom('review_cases').select(['id', 'kind', 'filed_on', 'concluded_on', 'result']).where('agency_id', '=', agencyId).orderBy('id').execute(),
  ]);
  return {
    applications: applications.map((row) => {
      const closed = row.state === 'closed';
      return {
        id: row.tracking_number,
        applicantType: row.applicant_type as ApplicantType,
        receivedOn: row.received_on,
        concludedOn: closed ? row.concluded_on : null,
        outcome: closed ? (row.outcome as OutcomeCode | null) : null,
      };
    }),
    // Prefixed so they never collide with an imported record's id.
    reviewCases: reviewCases.map((row) => ({
      id: `review-case-${row.id}`,
      kind: row.kind as ReviewGroup,
      filedOn: row.filed_on,
      concludedOn: row.concluded_on,
      result: row.result as ReviewResult | null,
    })),
  };
}

/**
 * The year's counts for tables 三 and 四 from the agency's cases, grouped in SQL with
 * computeAnnualReport's rules (countReportRecords is the reference): only the rows received by
 * 31 December and received in the year or still open on 1 January. As in findCaseReportRecords,
 * a case counts as concluded only once closed.
 */
export async function countCaseReportRecords(db: Kysely<Database>, agencyId: number, year: number): Promise<ReportCounts> {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const concludedOn = sql<string | null>`case when state = 'closed' then concluded_on end`;
  const outcome = sql<string | null>`case when state = 'closed' then outcome end`;
  const [applications, reviewCases] = await Promise.all([
    db
      .selectFrom('applications')
      .select([
        'applicant_type',
        outcome.as('outcome'),
        sql<number>`sum(case when received_on >= ${start} then 1 else 0 end)`.as('received'),
        sql<number>`sum(case when received_on < ${start} then 1 else 0 end)`.as('carried_in'),
        sql<number>`sum(case when ${concludedOn} <= ${end} and ${outcome} is not null then 1 else 0 end)`.as('concluded'),
      ])
      .select((eb) => eb.fn.countAll<number>().as('cases'))
      .where('agency_id', '=', agencyId)
      .where('received_on', '<=', end)
      // Spelt on the raw columns so the planner can use them: open means not closed, or no date.
      .where((eb) => eb.or([eb('received_on', '>=', start), eb('state', '<>', 'closed'), eb('concluded_on', 'is', null), eb('concluded_on', '>=', start)]))
      .groupBy(['applicant_type', outcome])
      .execute(),
    db
      .selectFrom('review_cases')
      .select(['kind', 'result', sql<number>`sum(case when concluded_on <= ${end} and result is not null then 1 else 0 end)`.as('concluded')])
      .select((eb) => eb.fn.countAll<number>().as('cases'))
      .where('agency_id', '=', agencyId)
      .where('filed_on', '<=', end)
      .where((eb) => eb.or([eb('filed_on', '>=', start), eb('concluded_on', 'is', null), eb('concluded_on', '>=', start)]))
      .groupBy(['kind', 'result'])
      .execute(),
  ]);
  return {
    applications: applications.map((row) => ({
      applicantType: row.applicant_type as ApplicantType,
      outcome: row.outcome as OutcomeCode | null,
      received: Number(row.received),
      carriedIn: Number(row.carried_in),
      concluded: Number(row.concluded),
      carriedOver: Number(row.cases) - Number(row.concluded),
    })),
    reviewCases: reviewCases.map((row) => ({
      kind: row.kind as ReviewGroup,
      result: row.result as ReviewResult | null,
      concluded: Number(row.concluded),
      pending: Number(row.cases) - Number(row.concluded),
    })),
  };
}

// ---------------------------------------------------------------- clock cache and audit history

export interface ClockCache {
  dueOn: string | null;
  paused: boolean;
  provisional: boolean;
}

/** Rewrites the cached clock (a derived value, never read as truth). Same transaction as the change. */
export async function writeClockCache(trx: Kysely<Database>, applicationId: number, cache: ClockCache): Promise<void> {
  await trx
    .updateTable('applications')
    .set({ due_on: cache.dueOn, paused: cache.paused ? 1 : 0, provisional: cache.provisional ? 1 : 0, clock_computed_at: new Date().toISOString() })
    .where('id', '=', applicationId)
    .execute();
}

export interface ClockCandidateFilter extends ApplicationFilter {
  /** Cached due date from (inclusive); null for no lower bound. */
  dueFrom: string | null;
  /** Cached due date up to (inclusive). */
  dueTo: string;
  openStates: readonly string[];
}

/**
 * Open cases whose cached due date lies in [dueFrom, dueTo] (index agency_id, state, due_on),
 * plus every paused open case (its date moves daily while paused). The caller derives the
 * exact clock for these rows.
 */
export async function findClockCandidateRows(db: Kysely<Database>, agencyId: number, filter: ClockCandidateFilter): Promise<ApplicationRow[]> {
  const states = filter.state === undefined ? filter.openStates : filter.openStates.filter((state) => state === filter.state);
  if (states.length === 0) return [];
  const { state: _state, ...rest } = filter;
  const base = () => applyFilter(db.selectFrom('applications').selectAll().where('agency_id', '=', agencyId).where('state', 'in', states), rest);
  // Two queries, not one with OR: each can walk the (agency_id, state, due_on) index, where an OR
  // of the due-date range and "paused" made both engines read every row of the agency.
  const inRange = base().where('due_on', '<=', filter.dueTo);
  const [dueRows, pausedRows] = await Promise.all([
    (filter.dueFrom === null ? inRange : inRange.where('due_on', '>=', filter.dueFrom)).execute(),
    base().where('paused', '=', 1).execute(),
  ]);
  const seen = new Set(dueRows.map((row) => row.id));
  const rows = [...dueRows, ...pausedRows.filter((row) => !seen.has(row.id))];
  return rows.sort((a, b) => (a.received_on < b.received_on ? -1 : a.received_on > b.received_on ? 1 : a.id - b.id));
}

/** Open cases (every agency) whose count may run into `year`: not finished before it, or provisional or paused. */
export async function findOpenRowsTouchingYear(trx: Kysely<Database>, year: number, openStates: readonly string[]): Promise<ApplicationRow[]> {
  return trx
    .selectFrom('applications')
    .selectAll()
    .where('state', 'in', openStates)
    .where('received_on', '<=', `${year}-12-31`)
    .where((eb) => eb.or([eb('due_on', 'is', null), eb('due_on', '>=', `${year}-01-01`), eb('provisional', '=', 1), eb('paused', '=', 1)]))
    .orderBy('id')
    .execute();
}

/** Rows whose clock cache was never written (index applications_uncached_clock_idx); optionally one agency's open ones. */
export async function findRowsWithoutClockCache(db: Kysely<Database>, limit: number, scope?: { agencyId: number; states: readonly string[] }): Promise<ApplicationRow[]> {
  let query = db.selectFrom('applications').selectAll().where('clock_computed_at', 'is', null);
  if (scope !== undefined) query = query.where('agency_id', '=', scope.agencyId).where('state', 'in', scope.states);
  return query.orderBy('id').limit(limit).execute();
}

export interface AuditEntryRow {
  id: number;
  actor: string;
  kind: string;
  recordedAt: string;
  detail: unknown;
}

export async function insertAuditEntry(
  trx: Kysely<Database>,
  entry: { agencyId: number; applicationId: number; actor: string; kind: string; detail: unknown },
): Promise<void> {
  await trx
    .insertInto('application_history')
    .values({ agency_id: entry.agencyId, application_id: entry.applicationId, actor: entry.actor, kind: entry.kind, detail: JSON.stringify(entry.detail) })
    .execute();
}

export async function findAuditEntries(db: Kysely<Database>, applicationId: number): Promise<AuditEntryRow[]> {
  const rows = await db.selectFrom('application_history').selectAll().where('application_id', '=', applicationId).orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, actor: row.actor, kind: row.kind, recordedAt: toIsoTimestamp(String(row.at)), detail: JSON.parse(row.detail) as unknown }));
}

/** The ID proof an online application came with (application_id_proofs), without its bytes. */
export async function findIdProofSummary(db: Kysely<Database>, applicationId: number): Promise<{ mediaType: string; size: number } | null> {
  const row = await db.selectFrom('application_id_proofs').select(['media_type', 'size']).where('application_id', '=', applicationId).executeTakeFirst();
  return row === undefined ? null : { mediaType: row.media_type, size: Number(row.size) };
}
