// After 定稿 a year's records are locked (issue 5): every service that changes a record dated in
// a year calls this in the same transaction, before it writes. An unlock (audited) opens them.
import type { Kysely } from 'kysely';
import { isReportLocked, REPORT_STATE_LABELS } from '../../domain/report/report-approval.ts';
import type { ReportState } from '../../domain/report/report-approval.ts';
import { DomainError } from '../../domain/domain-error.ts';
import type { Database } from '../db/database.ts';

/** The year of a 'YYYY-MM-DD' date. */
export function yearOfDate(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}

/**
 * Throws DomainError CONFLICT when any of the years' reports of the agency is 定稿 or 发布.
 * Pass every year the change touches (e.g. the date of a case event, the year of figures).
 */
export async function assertReportYearsOpen(db: Kysely<Database>, agencyId: number, years: readonly number[]): Promise<void> {
  const distinct = [...new Set(years.filter((y) => Number.isInteger(y)))];
  if (distinct.length === 0) return;
  const rows = await db
    .selectFrom('annual_reports')
    .select(['year', 'state'])
    .where('agency_id', '=', agencyId)
    .where('year', 'in', distinct)
    .execute();
  const locked = rows.filter((row) => isReportLocked(row.state as ReportState)).sort((a, b) => a.year - b.year);
  const first = locked[0];
  if (first === undefined) return;
  throw new DomainError(
    'CONFLICT',
    `annual report ${first.year} is ${first.state}; records of that year are locked`,
    `${first.year}年度报告已${REPORT_STATE_LABELS[first.state as ReportState].replace(/^已/, '')}，该年度的数据已锁定。如确需修改，请由分管领导在“年度报告”中解除锁定（须填写理由）。`,
    { year: first.year, state: first.state, reportLocked: true },
  );
}
