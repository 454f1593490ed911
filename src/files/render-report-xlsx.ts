import type { AnnualReport } from '../domain/report/annual-report.ts';

export async function renderReportXlsx(_report: AnnualReport): Promise<Uint8Array> {
  throw new Error('renderReportXlsx is not written yet');
}

export async function readReportXlsx(_bytes: Uint8Array): Promise<AnnualReport> {
  throw new Error('readReportXlsx is not written yet');
}
