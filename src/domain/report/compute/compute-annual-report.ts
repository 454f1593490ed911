// Builds tables 二, 三 and 四 of one year's report from the records.
// The statistics period is 1月1日 to 12月31日 of the year (条例第四十九条 "上一年度").
import type { AnnualReport, DocumentCounts, ReviewCounts, Table3Row } from '../annual-report.ts';
import type { ApplicationRecord, DocumentRecord, IsoDate, ReportRecords, ReviewCaseRecord } from './report-records.ts';
import type { Table3RowCode } from '../report-format.ts';
import { createEmptyReport } from '../annual-report.ts';

interface Period {
  start: IsoDate;
  end: IsoDate;
}

function periodOf(year: number): Period {
  return { start: `${year}-01-01`, end: `${year}-12-31` };
}

const isBefore = (date: IsoDate, other: IsoDate): boolean => date < other;
const isWithin = (date: IsoDate, period: Period): boolean => date >= period.start && date <= period.end;
/** Still open when `day` begins: not concluded before it. */
const isOpenOn = (concludedOn: IsoDate | null, day: IsoDate): boolean => concludedOn === null || concludedOn >= day;

function addToRow(row: Table3Row, record: ApplicationRecord): void {
  row[record.applicantType] = (row[record.applicantType] ?? 0) + 1;
  row.total = (row.total ?? 0) + 1;
}

/**
 * Table 3. A case received in the year counts in 一; a case received earlier and still open
 * on 1 January counts in 二 (last year's 四); a case concluded in the year counts once, in
 * its outcome row (表三 "区分处理的，只计这一情形"); a case open on 31 December counts in 四.
 * So 一 + 二 = （七）总计 + 四 holds by construction (the printed 勾稽关系).
 */
function computeTable3(report: AnnualReport, applications: readonly ApplicationRecord[], period: Period): void {
  const table3 = report.table3;
  for (const application of applications) {
    if (application.receivedOn > period.end) continue;
    const receivedThisYear = isWithin(application.receivedOn, period);
    const openAtStart = isBefore(application.receivedOn, period.start) && isOpenOn(application.concludedOn, period.start);
    if (!receivedThisYear && !openAtStart) continue;

    addToRow(table3[receivedThisYear ? 'received' : 'carriedIn'], application);
    if (application.concludedOn !== null && application.concludedOn <= period.end && application.outcome !== null) {
      addToRow(table3[application.outcome satisfies Table3RowCode], application);
      addToRow(table3.concludedTotal, application);
    } else {
      addToRow(table3.carriedOver, application);
    }
  }
}

/** Table 4: cases filed in the year and cases still pending from earlier years. */
function computeTable4(report: AnnualReport, reviewCases: readonly ReviewCaseRecord[], period: Period): void {
  for (const reviewCase of reviewCases) {
    if (reviewCase.filedOn > period.end) continue;
    const pendingAtStart = isBefore(reviewCase.filedOn, period.start) && isOpenOn(reviewCase.concludedOn, period.start);
    if (!isWithin(reviewCase.filedOn, period) && !pendingAtStart) continue;

    const counts: ReviewCounts = report.table4[reviewCase.kind];
    const concludedThisYear = reviewCase.concludedOn !== null && reviewCase.concludedOn <= period.end && reviewCase.result !== null;
    const column = concludedThisYear && reviewCase.result !== null ? reviewCase.result : 'pending';
    counts[column] = (counts[column] ?? 0) + 1;
    counts.total = (counts.total ?? 0) + 1;
  }
}

/** Still in force when `day` ends: neither repealed (废止) nor expired (失效) on or before it. */
const isInForceAt = (document: DocumentRecord, day: IsoDate): boolean =>
  document.issuedOn <= day && (document.repealedOn === null || document.repealedOn > day) && (document.expiredOn == null || document.expiredOn > day);

/**
 * Table 2 （一）: issued and repealed in the year; in force at 31 December. A document that
 * expired (失效) is not 废止: it leaves 现行有效 without counting in 本年废止件数.
 */
function computeDocumentCounts(counts: DocumentCounts, documents: readonly DocumentRecord[], period: Period): void {
  for (const document of documents) {
    if (isWithin(document.issuedOn, period)) counts.issued = (counts.issued ?? 0) + 1;
    if (document.repealedOn !== null && isWithin(document.repealedOn, period)) counts.repealed = (counts.repealed ?? 0) + 1;
    if (isInForceAt(document, period.end)) counts.inForce = (counts.inForce ?? 0) + 1;
  }
}

/** 万元 with 4 decimals: satisfies the templates that print "保留4位小数" and reads fine elsewhere. */
export function formatFeeAmount(amount: string | number): string {
  const value = typeof amount === 'number' ? amount : Number(amount);
  return value.toFixed(4);
}

export function computeAnnualReport(records: ReportRecords, year: number): AnnualReport {
  const period = periodOf(year);
  const report = createEmptyReport(0, records.agencyName, year);

  computeTable3(report, records.applications, period);
  computeTable4(report, records.reviewCases, period);
  computeDocumentCounts(report.table2.rules, records.documents.filter((d) => d.kind === 'rules'), period);
  computeDocumentCounts(report.table2.normativeDocuments, records.documents.filter((d) => d.kind === 'normativeDocuments'), period);

  const figures = records.yearlyFigures.find((f) => f.year === year);
  if (figures) {
    report.table2.licensing = figures.licensing;
    report.table2.penalty = figures.penalty;
    report.table2.enforcement = figures.enforcement;
    report.table2.administrativeFees = formatFeeAmount(figures.administrativeFees);
  } else {
    // Not entered for this year: blank cells, which the lint reports as missing (never a silent 0).
    report.table2.licensing = null;
    report.table2.penalty = null;
    report.table2.enforcement = null;
    report.table2.administrativeFees = null;
  }
  return report;
}
