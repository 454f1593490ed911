import type { ReportSource, SourceFormat } from '../report-source.ts';
import type { ParsedReport } from './parsed-report.ts';
import { createEmptyReport } from '../annual-report.ts';

/**
 * Reads a report from its plain-text form: prose lines, and table rows as lines whose
 * cells are separated by tabs (the layout of text copied from a web page).
 */
export function parseAnnualReport(text: string, format: SourceFormat): ParsedReport {
  // STUB — being written.
  const source: ReportSource = { format, title: null, fullText: text, sections: [], labels: [], feeHeader: null, statisticsYear: null };
  return { report: createEmptyReport(), source, findings: [] };
}
