import type { AnnualReport } from '../annual-report.ts';
import type { Finding } from '../finding.ts';
import type { ReportSource } from '../report-source.ts';

/** A published report read back into the model, with what the parser saw and could not read. */
export interface ParsedReport {
  report: AnnualReport;
  source: ReportSource;
  /** PARSE-* findings: no recognisable table, missing rows, unreadable cells. */
  findings: Finding[];
}
