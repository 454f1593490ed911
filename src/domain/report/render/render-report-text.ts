// The plain-text layout of reports copied from government websites: title, section
// headings, prose paragraphs separated by blank lines, tables as tab-separated rows with
// merged cells as empty fields. It follows the published 漯河 2021 report field for field
// (fixtures/reports/2021-luohe-shangwuju.txt), because that is what the parser reads.
import type { AnnualReport, Table3Row } from '../annual-report.ts';
import type { ReportTableGrid } from './report-table-grid.ts';
import { OUTCOME_GROUPS, OUTCOMES, SECTIONS, TABLE3_COLUMN_LABELS, TABLE3_COLUMNS, TABLE3_GOUJI_NOTE, TABLE3_RESULTS_LABEL, TABLE3_ROWS } from '../report-format.ts';
import { buildTable2Grid, buildTable4Grid, formatCellValue } from './report-table-grid.ts';
import { TABLE3_APPLICANT_HEADER, TABLE3_ORGANISATION_HEADER } from '../report-format.ts';
import { reportTitle } from './report-title.ts';
import { splitParagraphs } from './split-paragraphs.ts';

/** The plain-text tab layout used on government websites. */
export function renderReportText(report: AnnualReport): string {
  const blocks: string[] = [reportTitle(report)];
  for (const section of SECTIONS) {
    blocks.push(`${section.ordinal}、${section.heading}`);
    blocks.push(...splitParagraphs(report.text[section.code]));
    const table = tableLines(report, section.ordinal);
    if (table.length > 0) blocks.push(table.map((fields) => fields.join('\t')).join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}

function tableLines(report: AnnualReport, ordinal: string): string[][] {
  switch (ordinal) {
    case '二':
      return gridLines(buildTable2Grid(report));
    case '三':
      return table3Lines(report);
    case '四':
      return gridLines(buildTable4Grid(report));
    default:
      return [];
  }
}

/** One line per grid row; a cell's text at its column, covered positions empty. */
function gridLines(grid: ReportTableGrid): string[][] {
  return grid.groups.flatMap((group) =>
    group.rows.map((cells) => {
      const fields = new Array<string>(grid.columnCount).fill('');
      for (const cell of cells) fields[cell.column] = cell.text;
      return fields;
    }),
  );
}

/**
 * Table 3 as the 漯河 page flattens it: ten fields a line, but rows whose label spans
 * columns put their numbers one field further left and end in an empty field.
 */
function table3Lines(report: AnnualReport): string[][] {
  const numbers = (row: Table3Row) => TABLE3_COLUMNS.map((c) => formatCellValue(row[c]));
  const label = (code: string) => TABLE3_ROWS.find((r) => r.code === code)?.label ?? code;
  const t3 = report.table3;
  const organisations = TABLE3_COLUMNS.filter((c) => c !== 'natural_person' && c !== 'total').map((c) => TABLE3_COLUMN_LABELS[c]);
  const lines: string[][] = [
    [TABLE3_GOUJI_NOTE, '', TABLE3_APPLICANT_HEADER, '', '', '', '', '', TABLE3_COLUMN_LABELS.total, ''],
    ['', '', TABLE3_COLUMN_LABELS.natural_person, TABLE3_ORGANISATION_HEADER, '', '', '', '', '', ''],
    ['', '', '', ...organisations, '', ''],
    [label('received'), '', ...numbers(t3.received), ''],
    [label('carriedIn'), '', ...numbers(t3.carriedIn), ''],
  ];
  // 三、本年度办理结果 is printed once, on the first outcome row.
  let results = TABLE3_RESULTS_LABEL;
  for (const group of OUTCOME_GROUPS) {
    OUTCOMES.filter((o) => o.group === group.code).forEach((outcome, index) => {
      const values = numbers(t3[outcome.code]);
      if (outcome.item === '') {
        lines.push([results, group.ordinal + group.label, ...values, '']);
        results = '';
      } else {
        lines.push(['', index === 0 ? group.ordinal + group.label : '', label(outcome.code), ...values]);
      }
    });
  }
  lines.push(['', '', label('concludedTotal'), ...numbers(t3.concludedTotal)]);
  lines.push([label('carriedOver'), '', '', ...numbers(t3.carriedOver)]);
  return lines;
}
