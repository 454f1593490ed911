import type { AnnualReport } from '../domain/report/annual-report.ts';

export async function renderReportDocx(_report: AnnualReport): Promise<Uint8Array> {
  throw new Error('renderReportDocx is not written yet');
}
