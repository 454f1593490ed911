// The report as a Word document laid out like a 党政机关公文 (GB/T 9704-2012, gongwen-docx-style.ts),
// headings in 黑体. Tables keep the official merged structure.
import { AlignmentType, BorderStyle, LineRuleType, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType } from 'docx';
import type { AnnualReport } from '../domain/report/annual-report.ts';
import type { GridCell, ReportTableGrid } from '../domain/report/render/report-table-grid.ts';
import { SECTIONS } from '../domain/report/report-format.ts';
import { buildReportTableGrids } from '../domain/report/render/report-table-grid.ts';
import { reportTitle } from '../domain/report/render/report-title.ts';
import { splitParagraphs } from '../domain/report/render/split-paragraphs.ts';
import { DOCX_TEXT_WIDTH, FONTS, LANGUAGE, SIZE, bodyParagraph, mm, packGongwenDocx, titleParagraph } from './gongwen-docx-style.ts';

/** Column widths in twips; they add up to the text width, so every table fits portrait A4. */
function columnWidths(grid: ReportTableGrid): number[] {
  const spread = (fixed: number[], rest: number) => {
    const left = DOCX_TEXT_WIDTH - fixed.reduce((a, b) => a + b, 0);
    const each = Math.floor(left / rest);
    return [...fixed, ...Array.from({ length: rest }, (_, i) => (i === rest - 1 ? left - each * (rest - 1) : each))];
  };
  switch (grid.table) {
    case 'table2':
      return spread([mm(44)], 3);
    case 'table3': {
      // 三、本年度办理结果 | （三）不予公开 | item label | 7 applicant columns, each wide enough
      // for five digits and two characters of 小五 a line (商业/企业), so headers wrap evenly.
      const data = Array.from({ length: grid.columnCount - 3 }, () => mm(10.5));
      const fixed = [mm(9), mm(17)];
      return [...fixed, DOCX_TEXT_WIDTH - [...fixed, ...data].reduce((a, b) => a + b, 0), ...data];
    }
    case 'table4':
      return spread([], grid.columnCount);
  }
}

function cellParagraph(cell: GridCell, size: number): Paragraph {
  const left = cell.kind === 'rowHeader' || cell.kind === 'note';
  return new Paragraph({
    alignment: left && !(cell.rowSpan > 1 && cell.column === 0) ? AlignmentType.LEFT : AlignmentType.CENTER,
    spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
    indent: { firstLine: 0 },
    children: cell.text === '' ? [] : [new TextRun({ text: cell.text, font: FONTS.table, size, language: LANGUAGE, bold: cell.kind === 'caption' })],
  });
}

function renderTable(grid: ReportTableGrid): Table {
  const widths = columnWidths(grid);
  const size = grid.table === 'table2' ? SIZE.wuhao : SIZE.xiaowu;
  const rows = grid.groups.flatMap((group) =>
    group.rows.map(
      (cells) =>
        new TableRow({
          tableHeader: group.header,
          cantSplit: true,
          children: cells.map(
            (cell) =>
              new TableCell({
                rowSpan: cell.rowSpan,
                columnSpan: cell.colSpan,
                verticalAlign: VerticalAlignTable.CENTER,
                width: { size: widths.slice(cell.column, cell.column + cell.colSpan).reduce((a, b) => a + b, 0), type: WidthType.DXA },
                children: [cellParagraph(cell, size)],
              }),
          ),
        }),
    ),
  );
  const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    rows,
    columnWidths: widths,
    width: { size: DOCX_TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    margins: { top: 30, bottom: 30, left: 45, right: 45 },
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
  });
}

/** `options.title` replaces the report's own title (a supervisor's 汇总表). */
export async function renderReportDocx(report: AnnualReport, options: { title?: string } = {}): Promise<Uint8Array> {
  const grids = buildReportTableGrids(report);
  const title = options.title ?? reportTitle(report);
  const children: (Paragraph | Table)[] = [titleParagraph(title)];
  for (const section of SECTIONS) {
    // A heading never ends a page: it stays with its text or table.
    children.push(bodyParagraph(`${section.ordinal}、${section.heading}`, { font: FONTS.heading, keepNext: true }));
    for (const paragraph of splitParagraphs(report.text[section.code])) children.push(bodyParagraph(paragraph));
    const grid = grids.find((g) => g.section === section.ordinal);
    if (grid) {
      children.push(renderTable(grid));
      // A little air between a table and the next heading.
      children.push(new Paragraph({ spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO }, children: [] }));
    }
  }
  return packGongwenDocx(title, children);
}
