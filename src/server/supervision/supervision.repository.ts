// The reads of a supervisor's roll-up, each ONE statement for the whole subtree (grouped by
// agency_id) instead of one per agency: at 1 000 agencies that is the difference between a handful
// of queries and several thousand. Subtrees by the recursive CTE of agencies.repository.ts.
import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { ApplicationCounts, ReportCounts, ReviewCaseCounts } from '../../domain/report/compute/compute-annual-report-from-counts.ts';
import type { YearlyFigures } from '../../domain/report/compute/report-records.ts';
import type { ApplicantType, DocumentKind, OutcomeCode, ReviewGroup, ReviewResult } from '../../domain/report/report-format.ts';
import type { ReportState } from '../../domain/report/report-approval.ts';
import { withSubtree } from '../agencies/agencies.repository.ts';
import type { Database } from '../db/database.ts';

/** `agency_id in (…the subtree…)`; a CTE inside the subquery is valid on both engines. */
const inSubtree = (rootId: number): RawBuilder<number> => sql<number>`(${withSubtree(rootId)} select id from subtree)`;

const byAgency = <T>(map: Map<number, T[]>, agencyId: number, item: T): void => {
  const list = map.get(agencyId);
  if (list === undefined) map.set(agencyId, [item]);
  else list.push(item);
};

/** The year's rules of findReportCounts as sums, so that one pass over the rows serves two years. */
function yearSums(year: number, prefix: string, dates: { opened: RawBuilder<unknown>; closedOn: RawBuilder<unknown>; result: RawBuilder<unknown> }): RawBuilder<unknown>[] {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const { opened, closedOn, result } = dates;
  const inYear = sql`${opened} <= ${end} and (${opened} >= ${start} or ${closedOn} is null or ${closedOn} >= ${start})`;
  return [
    sql`sum(case when ${opened} >= ${start} and ${opened} <= ${end} then 1 else 0 end)`.as(`${prefix}_new`),
    sql`sum(case when ${opened} < ${start} and (${closedOn} is null or ${closedOn} >= ${start}) then 1 else 0 end)`.as(`${prefix}_carried_in`),
    sql`sum(case when ${inYear} and ${closedOn} <= ${end} and ${result} is not null then 1 else 0 end)`.as(`${prefix}_concluded`),
    sql`sum(case when ${inYear} then 1 else 0 end)`.as(`${prefix}_cases`),
  ] as unknown as RawBuilder<unknown>[];
}

export interface SubtreeReportCounts {
  current: Map<number, ReportCounts>;
  previous: Map<number, ReportCounts>;
}

/**
 * Tables 三/四 counts of the year and of the year before for every agency of the subtree, imported
 * records and the platform's own cases, with the rules of findReportCounts / countCaseReportRecords
 * plus agency_id: one grouped pass over each table serves both years (the previous year is for the
 * cross-year lint rules).
 */
export async function findSubtreeReportCounts(db: Kysely<Database>, rootId: number, year: number): Promise<SubtreeReportCounts> {
  const previousStart = `${year - 1}-01-01`;
  const end = `${year}-12-31`;
  const subtree = inSubtree(rootId);
  const ref = (column: string) => sql.ref(column);
  const ownClosedOn = sql`case when state = 'closed' then concluded_on end`;
  const ownOutcome = sql`case when state = 'closed' then outcome end`;
  const importedDates = { opened: ref('received_on'), closedOn: ref('concluded_on'), result: ref('outcome') };
  const ownDates = { opened: ref('received_on'), closedOn: ownClosedOn, result: ownOutcome };
  const reviewDates = { opened: ref('filed_on'), closedOn: ref('concluded_on'), result: ref('result') };
  const sums = (dates: typeof importedDates) => [...yearSums(year, 'c', dates), ...yearSums(year - 1, 'p', dates)];
  type Row = Record<string, unknown>;
  // Imported and the platform's own review cases have the same columns: one grouped query each.
  const reviewCounts = (table: 'report_review_cases' | 'review_cases') =>
    db
      .selectFrom(table)
      .select(['agency_id', 'kind', 'result'])
      .select(sums(reviewDates) as never)
      .where('agency_id', 'in', subtree)
      .where('filed_on', '<=', end)
      .where((eb) => eb.or([eb('filed_on', '>=', previousStart), eb('concluded_on', 'is', null), eb('concluded_on', '>=', previousStart)]))
      .groupBy(['agency_id', 'kind', 'result'])
      .execute() as Promise<Row[]>;
  const [imported, own, importedReviews, ownReviews] = await Promise.all([
    db
      .selectFrom('report_applications')
      .select(['agency_id', 'applicant_type', 'outcome'])
      .select(sums(importedDates) as never)
      .where('agency_id', 'in', subtree)
      .where('received_on', '<=', end)
      .where((eb) => eb.or([eb('received_on', '>=', previousStart), eb('concluded_on', 'is', null), eb('concluded_on', '>=', previousStart)]))
      .groupBy(['agency_id', 'applicant_type', 'outcome'])
      .execute() as Promise<Row[]>,
    db
      .selectFrom('applications')
      .select(['agency_id', 'applicant_type', sql`${ownOutcome}`.as('outcome')])
      .select(sums(ownDates) as never)
      .where('agency_id', 'in', subtree)
      .where('received_on', '<=', end)
      // Spelt on the raw columns so the planner can use them: open means not closed, or no date.
      .where((eb) => eb.or([eb('received_on', '>=', previousStart), eb('state', '<>', 'closed'), eb('concluded_on', 'is', null), eb('concluded_on', '>=', previousStart)]))
      .groupBy(['agency_id', 'applicant_type', sql`${ownOutcome}`])
      .execute() as Promise<Row[]>,
    reviewCounts('report_review_cases'),
    reviewCounts('review_cases'),
  ]);
  const collect = (prefix: 'c' | 'p'): Map<number, ReportCounts> => {
    const n = (row: Row, name: string): number => Number(row[`${prefix}_${name}`] ?? 0);
    const applications = new Map<number, ApplicationCounts[]>();
    for (const row of [...imported, ...own]) {
      if (n(row, 'cases') === 0) continue;
      byAgency(applications, Number(row['agency_id']), {
        applicantType: row['applicant_type'] as ApplicantType,
        outcome: (row['outcome'] ?? null) as OutcomeCode | null,
        received: n(row, 'new'),
        carriedIn: n(row, 'carried_in'),
        concluded: n(row, 'concluded'),
        carriedOver: n(row, 'cases') - n(row, 'concluded'),
      });
    }
    const reviewCases = new Map<number, ReviewCaseCounts[]>();
    for (const row of [...importedReviews, ...ownReviews]) {
      if (n(row, 'cases') === 0) continue;
      byAgency(reviewCases, Number(row['agency_id']), {
        kind: row['kind'] as ReviewGroup,
        result: (row['result'] ?? null) as ReviewResult | null,
        concluded: n(row, 'concluded'),
        pending: n(row, 'cases') - n(row, 'concluded'),
      });
    }
    const result = new Map<number, ReportCounts>();
    for (const agencyId of new Set([...applications.keys(), ...reviewCases.keys()])) {
      result.set(agencyId, { applications: applications.get(agencyId) ?? [], reviewCases: reviewCases.get(agencyId) ?? [] });
    }
    return result;
  };
  return { current: collect('c'), previous: collect('p') };
}

/** 第二十条第（一）项 of one agency for one year: as computeAnnualReport counts its documents. */
export interface DocumentYearCounts {
  issued: number;
  repealed: number;
  inForce: number;
}

export type SubtreeDocumentCounts = Map<number, Partial<Record<DocumentKind, { current: DocumentYearCounts; previous: DocumentYearCounts }>>>;

/**
 * Imported documents and the agency's own published or withdrawn 规章/规范性文件 (toDocumentRecords'
 * rules: 废止 ends it and counts as repealed, 失效 only ends 现行有效), counted per agency and kind
 * for the year and the year before, in one statement.
 */
export async function findSubtreeDocumentCounts(db: Kysely<Database>, rootId: number, year: number): Promise<SubtreeDocumentCounts> {
  // From the counts the triggers keep (migration 2026-11-28T12-30), not the documents themselves:
  // a few rows per agency and year instead of every 规章 and 规范性文件 ever issued.
  const counts = (y: number, name: string): RawBuilder<unknown> =>
    sql`sum(case when issued_year = ${y} then items else 0 end) as ${sql.ref(`${name}_issued`)},
      sum(case when ended = 'repealed' and ended_year = ${y} then items else 0 end) as ${sql.ref(`${name}_repealed`)},
      sum(case when issued_year <= ${y} and (ended = '' or ended_year > ${y}) then items else 0 end) as ${sql.ref(`${name}_in_force`)}`;
  const { rows } = await sql<Record<string, number | string>>`
    select agency_id, kind, ${counts(year, 'cur')}, ${counts(year - 1, 'prev')}
    from report_document_counts
    where agency_id in ${inSubtree(rootId)} and issued_year <= ${year}
    group by agency_id, kind`.execute(db);
  const result: SubtreeDocumentCounts = new Map();
  for (const row of rows) {
    const agencyId = Number(row['agency_id']);
    const entry = result.get(agencyId) ?? {};
    entry[row['kind'] as DocumentKind] = {
      current: { issued: Number(row['cur_issued']), repealed: Number(row['cur_repealed']), inForce: Number(row['cur_in_force']) },
      previous: { issued: Number(row['prev_issued']), repealed: Number(row['prev_repealed']), inForce: Number(row['prev_in_force']) },
    };
    result.set(agencyId, entry);
  }
  return result;
}

/** Yearly figures of the year and the year before, per agency. */
export async function findSubtreeYearlyFigures(db: Kysely<Database>, rootId: number, year: number): Promise<Map<number, YearlyFigures[]>> {
  const rows = await db
    .selectFrom('report_yearly_figures')
    .select(['agency_id', 'year', 'licensing', 'penalty', 'enforcement', 'administrative_fees'])
    .where('agency_id', 'in', inSubtree(rootId))
    .where('year', 'in', [year, year - 1])
    .execute();
  const result = new Map<number, YearlyFigures[]>();
  for (const row of rows) {
    byAgency(result, Number(row.agency_id), { year: row.year, licensing: row.licensing, penalty: row.penalty, enforcement: row.enforcement, administrativeFees: row.administrative_fees });
  }
  return result;
}

export interface ReportTextRow {
  overview: string;
  problems: string;
  otherMatters: string;
}

export async function findSubtreeReportTexts(db: Kysely<Database>, rootId: number, year: number): Promise<Map<number, ReportTextRow>> {
  const rows = await db
    .selectFrom('annual_report_texts')
    .select(['agency_id', 'overview', 'problems', 'other_matters'])
    .where('agency_id', 'in', inSubtree(rootId))
    .where('year', '=', year)
    .execute();
  return new Map(rows.map((row) => [Number(row.agency_id), { overview: row.overview, problems: row.problems, otherMatters: row.other_matters }]));
}

export interface SubtreeReportRow {
  state: ReportState;
  finalJson: string | null;
  publishedJson: string | null;
  publishedAt: string | null;
}

/** Timestamps come back as Date (pg) or text (SQLite). */
export function toIsoTimestamp(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  const text = String(value);
  const date = new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

export async function findSubtreeReportRows(db: Kysely<Database>, rootId: number, year: number): Promise<Map<number, SubtreeReportRow>> {
  const rows = await db
    .selectFrom('annual_reports')
    .select(['agency_id', 'state', 'final_json', 'published_json', 'published_at'])
    .where('agency_id', 'in', inSubtree(rootId))
    .where('year', '=', year)
    .execute();
  return new Map(
    rows.map((row) => [Number(row.agency_id), { state: row.state as ReportState, finalJson: row.final_json, publishedJson: row.published_json, publishedAt: toIsoTimestamp(row.published_at) }]),
  );
}

export interface ExternalReportRow {
  agencyId: number;
  fileName: string;
  reportJson: string;
  findingsJson: string;
  errorCount: number;
  warningCount: number;
  importedBy: string;
  importedAt: string;
}

export async function findSubtreeExternalReports(db: Kysely<Database>, rootId: number, year: number): Promise<Map<number, ExternalReportRow>> {
  const rows = await db.selectFrom('external_reports').selectAll().where('agency_id', 'in', inSubtree(rootId)).where('year', '=', year).execute();
  return new Map(
    rows.map((row) => [
      Number(row.agency_id),
      {
        agencyId: Number(row.agency_id),
        fileName: row.file_name,
        reportJson: row.report_json,
        findingsJson: row.findings_json,
        errorCount: row.error_count,
        warningCount: row.warning_count,
        importedBy: row.imported_by,
        importedAt: toIsoTimestamp(row.imported_at) ?? String(row.imported_at),
      },
    ]),
  );
}

/** Replaces the agency's imported report of the year (one per agency and year). */
export async function saveExternalReport(db: Kysely<Database>, row: ExternalReportRow & { year: number }): Promise<void> {
  const values = {
    file_name: row.fileName,
    report_json: row.reportJson,
    findings_json: row.findingsJson,
    error_count: row.errorCount,
    warning_count: row.warningCount,
    imported_by: row.importedBy,
    imported_at: row.importedAt,
  };
  await db
    .insertInto('external_reports')
    .values({ agency_id: row.agencyId, year: row.year, ...values })
    .onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet(values))
    .execute();
}

/** Deadlines set for the year on the given agencies (the subtree and its ancestors). */
export async function findDeadlines(db: Kysely<Database>, agencyIds: readonly number[], year: number): Promise<Map<number, string>> {
  if (agencyIds.length === 0) return new Map();
  const rows = await db.selectFrom('supervision_deadlines').select(['agency_id', 'due_on']).where('agency_id', 'in', [...agencyIds]).where('year', '=', year).execute();
  return new Map(rows.map((row) => [Number(row.agency_id), String(row.due_on).slice(0, 10)]));
}

export async function saveDeadline(db: Kysely<Database>, agencyId: number, year: number, dueOn: string | null, setBy: string): Promise<void> {
  if (dueOn === null) {
    await db.deleteFrom('supervision_deadlines').where('agency_id', '=', agencyId).where('year', '=', year).execute();
    return;
  }
  await db
    .insertInto('supervision_deadlines')
    .values({ agency_id: agencyId, year, due_on: dueOn, set_by: setBy })
    .onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet({ due_on: dueOn, set_by: setBy, set_at: sql<string>`CURRENT_TIMESTAMP` }))
    .execute();
}
