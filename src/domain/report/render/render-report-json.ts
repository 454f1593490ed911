import type { AnnualReport } from '../annual-report.ts';

export function renderReportJson(_report: AnnualReport): string {
  throw new Error('renderReportJson is not written yet');
}

/** Throws DomainError('UNREADABLE_FILE') with a Chinese message when the JSON is not a report. */
export function parseReportJson(_text: string): AnnualReport {
  throw new Error('parseReportJson is not written yet');
}
