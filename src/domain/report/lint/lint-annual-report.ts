// Checks an annual report against every rule of domain.md §7: the tables' arithmetic, the
// printed structure and labels, last year's report, and what the prose says.
import type { AnnualReport } from '../annual-report.ts';
import type { Finding } from '../finding.ts';
import type { ReportSource } from '../report-source.ts';
import type { ReportTemplate, ReportTemplateId } from '../report-templates.ts';
import type { AgencyLevel } from './agency-level.ts';
import type { Table2LintSettings } from './table2-rules.ts';
import { findReportTemplate } from '../report-templates.ts';
import { resolveAgencyLevel } from './agency-level.ts';
import { lintCrossYear } from './cross-year-rules.ts';
import { lintFees } from './fee-rules.ts';
import { sortFindings } from './sort-findings.ts';
import { lintStructure } from './structure-rules.ts';
import { lintTable2 } from './table2-rules.ts';
import { lintTable3 } from './table3-rules.ts';
import { lintTable4 } from './table4-rules.ts';
import { lintText } from './text-rules.ts';

export type { AgencyLevel } from './agency-level.ts';

export interface LintOptions {
  template?: ReportTemplateId;
  /** Last year's report of the same agency, for the cross-year rules. */
  previous?: AnnualReport;
  /** What the parser saw, for the structural, year and label rules; absent for computed reports. */
  source?: ReportSource;
  /**
   * The reporting agency's level, for T2-AUTH (规章制定权). When absent, a 乡镇/街道 is
   * recognised from the agency name; other agencies are not guessed.
   */
  agencyLevel?: AgencyLevel;
}

export function lintAnnualReport(report: AnnualReport, options: LintOptions = {}): Finding[] {
  const template = options.template === undefined ? null : (findReportTemplate(options.template) ?? null);
  const findings: Finding[] = [
    ...lintTable2(report, table2Settings(report, options, template)),
    ...lintTable3(report),
    ...lintTable4(report),
    ...(options.source ? lintStructure(report, options.source) : []),
    ...(options.previous ? lintCrossYear(report, options.previous) : []),
    ...lintText(report),
    ...lintFees(report, template),
  ];
  return sortFindings(options.source ? findings.filter((f) => !isRowTheParserMissed(f, options.source as ReportSource)) : findings);
}

/**
 * A row the parser did not find at all is already reported by it (PARSE-MISSING-ROW) and
 * read as blank; saying again that its cells are blank (T2-INT, T3-INT) only repeats that.
 * Only when the parser reported row labels for that table, so a JSON source keeps them.
 */
function isRowTheParserMissed(finding: Finding, source: ReportSource): boolean {
  const { table, row } = finding.location;
  const blank = finding.numbers['blankCells'] !== undefined || (finding.ruleId === 'T2-INT' && finding.numbers['value'] === null);
  if (!blank || table === null || row === null || (finding.ruleId !== 'T2-INT' && finding.ruleId !== 'T3-INT')) return false;
  const rowLabels = source.labels.filter((l) => l.table === table && l.kind === 'row');
  return rowLabels.length > 0 && !rowLabels.some((l) => l.code === row);
}

function table2Settings(report: AnnualReport, options: LintOptions, template: ReportTemplate | null): Table2LintSettings {
  // “保留4位小数” is a template setting (domain.md §4.1): the chosen template's, else what the report prints.
  const printed = feeDecimalsPrinted(options.source?.feeHeader ?? null);
  let feeDecimals: number | null = null;
  let feeDecimalsSource: string | null = null;
  if (template && template.feeDecimals !== null) {
    feeDecimals = template.feeDecimals;
    feeDecimalsSource = template.name;
  } else if (printed !== null) {
    feeDecimals = printed;
    feeDecimalsSource = '表头';
  }
  return { feeDecimals, feeDecimalsSource, agencyLevel: resolveAgencyLevel(options.agencyLevel, report.agencyName) };
}

/** N of “保留N位小数” in the printed fee header (digits or 一…九). */
export function feeDecimalsPrinted(feeHeader: string | null): number | null {
  if (feeHeader === null) return null;
  const match = /保留([0-9一二三四五六七八九])位小数/.exec(feeHeader.normalize('NFKC').replace(/\s+/g, ''));
  if (!match) return null;
  const digit = match[1] ?? '';
  const chinese = '一二三四五六七八九'.indexOf(digit);
  return chinese >= 0 ? chinese + 1 : Number(digit);
}
