import type { ReportSource, SourceFormat } from '../report-source.ts';
import type { ParsedReport } from './parsed-report.ts';
import { createEmptyReport } from '../annual-report.ts';
import { collectSectionText } from './collect-section-text.ts';
import { agencyOfTitle, findReportSections, findReportTitle, findStatisticsYear, yearOfTitle } from './find-report-sections.ts';
import { readReportTables } from './read-report-tables.ts';
import { tokenizeReportText } from './tokenize-report-text.ts';

/**
 * Reads a report from its plain-text form: prose lines, and table rows as lines whose
 * cells are separated by tabs (the layout of text copied from a web page), or by pipes,
 * or one cell per line (domain.md §9). Never throws: what it cannot read is a PARSE-* finding.
 */
export function parseAnnualReport(text: string, format: SourceFormat): ParsedReport {
  const tokenized = tokenizeReportText(text);
  const sections = findReportSections(tokenized);
  const firstSection = sections[0]?.line ?? null;
  const found = findReportTitle(tokenized, firstSection);
  const title = found?.title ?? null;
  const statisticsYear = findStatisticsYear(tokenized.fullText);
  const report = createEmptyReport(null, agencyOfTitle(title), yearOfTitle(title) ?? statisticsYear);
  const tables = readReportTables(tokenized, sections, report);
  report.text = collectSectionText(tokenized, sections, found?.line ?? null);
  const source: ReportSource = {
    format,
    title,
    fullText: tokenized.fullText,
    sections: sections.map(({ ordinal, heading, offset }) => ({ ordinal, heading, offset })),
    labels: tables.found ? tables.labels : [],
    feeHeader: tables.feeHeader,
    statisticsYear,
  };
  if (!tables.found) {
    return {
      report,
      source,
      findings: [
        {
          ruleId: 'PARSE-NO-TABLE',
          severity: 'error',
          message: '没有在文件中找到年度报告的统计表（第二、三、四部分的表格）。请确认这是政府信息公开工作年度报告，且表格是文字而不是图片。',
          location: { section: null, table: null, row: null, column: null },
          numbers: {},
        },
      ],
    };
  }
  return { report, source, findings: tables.findings };
}
