import type { AnnualReport } from '../annual-report.ts';
import type { ReportRecords } from './report-records.ts';
import { createEmptyReport } from '../annual-report.ts';

export function computeAnnualReport(records: ReportRecords, year: number): AnnualReport {
  // STUB — being written.
  return createEmptyReport(0, records.agencyName, year);
}
