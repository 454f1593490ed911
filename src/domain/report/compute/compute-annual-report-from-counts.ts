// Tables 三 and 四 from counts grouped by the database instead of from every record: the
// same numbers as computeAnnualReport, without loading an agency's million cases.
import type { AnnualReport } from '../annual-report.ts';
import type { ApplicantType, OutcomeCode, ReviewGroup, ReviewResult } from '../report-format.ts';
import { computeAnnualReport } from './compute-annual-report.ts';
import type { ReportRecords } from './report-records.ts';

/**
 * Applications of one applicant type and outcome (null while open) that count in a year:
 * received in it (一) or received earlier and open on 1 January (二); of those, concluded in
 * the year with an outcome (its outcome row and （七）) or not (四).
 */
export interface ApplicationCounts {
  applicantType: ApplicantType;
  outcome: OutcomeCode | null;
  received: number;
  carriedIn: number;
  concluded: number;
  carriedOver: number;
}

/** Review cases of one kind and result that count in a year: concluded in it with a result, or pending on 31 December. */
export interface ReviewCaseCounts {
  kind: ReviewGroup;
  result: ReviewResult | null;
  concluded: number;
  pending: number;
}

export interface ReportCounts {
  applications: readonly ApplicationCounts[];
  reviewCases: readonly ReviewCaseCounts[];
}

/** What the report needs besides the cases: small enough to load whole. */
export type ReportRecordsWithoutCases = Omit<ReportRecords, 'applications' | 'reviewCases'>;

const isOpenOn = (concludedOn: string | null, day: string): boolean => concludedOn === null || concludedOn >= day;

/**
 * The counts the database groups, computed here from records: the reference the SQL is tested
 * against, with computeAnnualReport's rules (a case concluded without an outcome stays in 四).
 */
export function countReportRecords(records: Pick<ReportRecords, 'applications' | 'reviewCases'>, year: number): ReportCounts {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const applications = new Map<string, ApplicationCounts>();
  for (const a of records.applications) {
    if (a.receivedOn > end || (a.receivedOn < start && !isOpenOn(a.concludedOn, start))) continue;
    const key = `${a.applicantType}|${a.outcome ?? ''}`;
    const counts = applications.get(key) ?? { applicantType: a.applicantType, outcome: a.outcome, received: 0, carriedIn: 0, concluded: 0, carriedOver: 0 };
    if (a.receivedOn >= start) counts.received += 1;
    else counts.carriedIn += 1;
    if (a.concludedOn !== null && a.concludedOn <= end && a.outcome !== null) counts.concluded += 1;
    else counts.carriedOver += 1;
    applications.set(key, counts);
  }
  const reviewCases = new Map<string, ReviewCaseCounts>();
  for (const c of records.reviewCases) {
    if (c.filedOn > end || (c.filedOn < start && !isOpenOn(c.concludedOn, start))) continue;
    const key = `${c.kind}|${c.result ?? ''}`;
    const counts = reviewCases.get(key) ?? { kind: c.kind, result: c.result, concluded: 0, pending: 0 };
    if (c.concludedOn !== null && c.concludedOn <= end && c.result !== null) counts.concluded += 1;
    else counts.pending += 1;
    reviewCases.set(key, counts);
  }
  return { applications: [...applications.values()], reviewCases: [...reviewCases.values()] };
}

/** Table 三 and 四 from the year's counts; table 二 from the documents and figures as computeAnnualReport does. */
export function computeAnnualReportFromCounts(counts: ReportCounts, year: number, rest: ReportRecordsWithoutCases): AnnualReport {
  const report = computeAnnualReport({ ...rest, applications: [], reviewCases: [] }, year);
  const table3 = report.table3;
  const add = (row: keyof typeof table3, applicantType: ApplicantType, n: number): void => {
    if (n === 0) return;
    const cells = table3[row];
    cells[applicantType] = (cells[applicantType] ?? 0) + n;
    cells.total = (cells.total ?? 0) + n;
  };
  for (const c of counts.applications) {
    add('received', c.applicantType, c.received);
    add('carriedIn', c.applicantType, c.carriedIn);
    add('carriedOver', c.applicantType, c.carriedOver);
    // A group without an outcome has nothing concluded; the guard keeps bad input out of the rows.
    if (c.outcome !== null) {
      add(c.outcome, c.applicantType, c.concluded);
      add('concludedTotal', c.applicantType, c.concluded);
    }
  }
  for (const c of counts.reviewCases) {
    const cells = report.table4[c.kind];
    const add4 = (column: ReviewResult | 'pending', n: number): void => {
      if (n === 0) return;
      cells[column] = (cells[column] ?? 0) + n;
      cells.total = (cells.total ?? 0) + n;
    };
    if (c.result !== null) add4(c.result, c.concluded);
    add4('pending', c.pending);
  }
  return report;
}
