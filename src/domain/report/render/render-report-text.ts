import type { AnnualReport } from '../annual-report.ts';

/** The plain-text tab layout used on government websites. */
export function renderReportText(_report: AnnualReport): string {
  throw new Error('renderReportText is not written yet');
}
