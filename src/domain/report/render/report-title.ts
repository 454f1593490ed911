import type { AnnualReport } from '../annual-report.ts';

/** The usual title of a published report: 漯河市商务局2021年政府信息公开工作年度报告. */
export function reportTitle(report: Pick<AnnualReport, 'agencyName' | 'year'>): string {
  const year = report.year === null ? '' : `${report.year}年`;
  return `${report.agencyName ?? ''}${year}政府信息公开工作年度报告`;
}
