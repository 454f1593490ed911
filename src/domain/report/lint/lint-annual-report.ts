import type { AnnualReport } from '../annual-report.ts';
import type { Finding } from '../finding.ts';
import type { ReportSource } from '../report-source.ts';
import type { ReportTemplateId } from '../report-templates.ts';

export interface LintOptions {
  template?: ReportTemplateId;
  /** Last year's report of the same agency, for the cross-year rules. */
  previous?: AnnualReport;
  /** What the parser saw, for the structural, year and label rules; absent for computed reports. */
  source?: ReportSource;
}

export function lintAnnualReport(_report: AnnualReport, _options: LintOptions = {}): Finding[] {
  // STUB — being written.
  return [];
}
