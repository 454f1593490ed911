// After 定稿 a year's records are locked (issue 5): every service that changes a record dated in
// a year calls this in the same transaction, before it writes. An unlock (audited) opens them.
//
// Two checks: assertReportYearsOpen for changes that name their years (yearly figures, the date
// of a case event), and assertRecordsChangeAllowed for a change of records, which recomputes the
// locked years' tables from the records before and after the change: a case received in 2024 and
// concluded in 2026 also changes 2025 (二、上年结转 and 四、结转下年度), which no single date says.
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';
import { isReportLocked, REPORT_STATE_LABELS } from '../../domain/report/report-approval.ts';
import type { ReportState } from '../../domain/report/report-approval.ts';
import { computeAnnualReport } from '../../domain/report/compute/compute-annual-report.ts';
import type { ApplicationRecord, DocumentRecord, ReviewCaseRecord, YearlyFigures } from '../../domain/report/compute/report-records.ts';
import { DomainError } from '../../domain/domain-error.ts';
import type { Database } from '../db/database.ts';

/** The year of a 'YYYY-MM-DD' date. */
export function yearOfDate(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}

export interface LockedReportYear {
  year: number;
  state: ReportState;
}

/** The refusal, with the Chinese message staff see (HTTP 409). */
export function reportLockedError(locked: LockedReportYear): DomainError {
  return new DomainError(
    'CONFLICT',
    `annual report ${locked.year} is ${locked.state}; records of that year are locked`,
    `${locked.year}年度报告已${REPORT_STATE_LABELS[locked.state].replace(/^已/, '')}，该年度的数据已锁定。如确需修改，请由分管领导在“年度报告”中解除锁定（须填写理由）。`,
    { year: locked.year, state: locked.state, reportLocked: true },
  );
}

/**
 * The agency's locked years, oldest first. On PostgreSQL every report row of the agency (the
 * given years) is read FOR SHARE, whatever its state: a 定稿 (which updates its row, then
 * freezes the report in the same transaction) or 解除锁定 waits until the change being checked
 * has committed, so a change cannot slip in between the check and the freeze. SQLite runs one
 * writer at a time.
 */
export async function findLockedReportYears(db: Kysely<Database>, agencyId: number, years?: readonly number[]): Promise<LockedReportYear[]> {
  if (years !== undefined && years.length === 0) return [];
  let query = db.selectFrom('annual_reports').select(['year', 'state']).where('agency_id', '=', agencyId).orderBy('year');
  if (years !== undefined) query = query.where('year', 'in', [...years]);
  if (db.getExecutor().adapter instanceof PostgresAdapter) query = query.forShare();
  const rows = await query.execute();
  return rows.map((row) => ({ year: Number(row.year), state: row.state as ReportState })).filter((row) => isReportLocked(row.state));
}

/**
 * Throws DomainError CONFLICT when any of the years' reports of the agency is 定稿 or 发布.
 * Pass every year the change touches (e.g. the date of a case event, the year of figures).
 */
export async function assertReportYearsOpen(db: Kysely<Database>, agencyId: number, years: readonly number[]): Promise<void> {
  const distinct = [...new Set(years.filter((y) => Number.isInteger(y)))];
  if (distinct.length === 0) return;
  const first = (await findLockedReportYears(db, agencyId, distinct))[0];
  if (first !== undefined) throw reportLockedError(first);
}

/** Records of one agency as far as a change concerns them; absent lists are empty. */
export interface RecordsSlice {
  applications?: readonly ApplicationRecord[];
  reviewCases?: readonly ReviewCaseRecord[];
  documents?: readonly DocumentRecord[];
  yearlyFigures?: readonly YearlyFigures[];
}

function tablesOf(slice: RecordsSlice, year: number): string {
  const report = computeAnnualReport(
    {
      agencyName: '',
      applications: [...(slice.applications ?? [])],
      reviewCases: [...(slice.reviewCases ?? [])],
      documents: [...(slice.documents ?? [])],
      yearlyFigures: [...(slice.yearlyFigures ?? [])],
    },
    year,
  );
  return JSON.stringify([report.table2, report.table3, report.table4]);
}

/**
 * Whether tables 二、三、四 of `year` differ between the records before and after a change. The
 * tables are sums over records, so the records the change leaves alone can be left out of both.
 */
export function changesReportYear(before: RecordsSlice, after: RecordsSlice, year: number): boolean {
  return tablesOf(before, year) !== tablesOf(after, year);
}

/**
 * Throws DomainError CONFLICT (the oldest locked year first) when the change of records from
 * `before` to `after` would change a locked year's tables, or when `years` names a locked year
 * (e.g. the date of a case event, refused even when it moves no number: the year's file is closed).
 */
export async function assertRecordsChangeAllowed(
  db: Kysely<Database>,
  agencyId: number,
  change: { before: RecordsSlice; after: RecordsSlice; years?: readonly number[] },
): Promise<void> {
  const locked = await findLockedReportYears(db, agencyId);
  for (const entry of locked) {
    if ((change.years ?? []).includes(entry.year) || changesReportYear(change.before, change.after, entry.year)) throw reportLockedError(entry);
  }
}
