// The report as a Word document laid out like a 党政机关公文 (GB/T 9704-2012): A4, margins
// top 37 mm / bottom 35 mm / left 28 mm / right 26 mm, title in 方正小标宋简体 二号, body in
// 仿宋_GB2312 三号 on a ~28.9 pt line (22 lines a page), headings in 黑体, page numbers
// “— 1 —” in 四号宋体 outside the text block. Tables keep the official merged structure.
import { AlignmentType, BorderStyle, Document, Footer, LineRuleType, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType, PageNumber } from 'docx';
import type { IFontAttributesProperties } from 'docx';
import type { AnnualReport } from '../domain/report/annual-report.ts';
import type { GridCell, ReportTableGrid } from '../domain/report/render/report-table-grid.ts';
import { SECTIONS } from '../domain/report/report-format.ts';
import { buildReportTableGrids } from '../domain/report/render/report-table-grid.ts';
import { reportTitle } from '../domain/report/render/report-title.ts';
import { splitParagraphs } from '../domain/report/render/split-paragraphs.ts';

const TWIPS_PER_MM = 1440 / 25.4;
const mm = (value: number) => Math.round(value * TWIPS_PER_MM);

const PAGE = { width: mm(210), height: mm(297), top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
export const DOCX_TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

// Font sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt, 小五 9 pt.
const SIZE = { erhao: 44, sanhao: 32, sihao: 28, wuhao: 21, xiaowu: 18 } as const;
/** 版心 225 mm / 22 lines ≈ 28.9 pt. */
const BODY_LINE = 578;
/** 首行缩进两字: 2 × 16 pt. */
const INDENT_TWO_CHARS = 2 * 16 * 20;

const font = (eastAsia: string, latin = 'Times New Roman'): IFontAttributesProperties => ({ ascii: latin, hAnsi: latin, cs: latin, eastAsia });
const FONTS = {
  title: font('方正小标宋简体'),
  heading: font('黑体'),
  body: font('仿宋_GB2312'),
  table: font('宋体'),
  pageNumber: font('宋体'),
};
const LANGUAGE = { value: 'zh-CN', eastAsia: 'zh-CN' };

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

function bodyParagraph(text: string, runFont: IFontAttributesProperties = FONTS.body, keepNext = false): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    keepNext,
    spacing: { before: 0, after: 0, line: BODY_LINE, lineRule: LineRuleType.EXACT },
    indent: { firstLine: INDENT_TWO_CHARS },
    children: [new TextRun({ text, font: runFont, size: SIZE.sanhao, language: LANGUAGE })],
  });
}

/** 公文 page numbers: odd pages right, even pages left, each one character in from the edge. */
function pageNumberFooter(side: 'right' | 'left'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: 280 } : { left: 280 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: FONTS.pageNumber, size: SIZE.sihao })],
      }),
    ],
  });
}

export async function renderReportDocx(report: AnnualReport): Promise<Uint8Array> {
  const grids = buildReportTableGrids(report);
  const title = reportTitle(report);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: BODY_LINE, line: 700, lineRule: LineRuleType.AT_LEAST },
      children: [new TextRun({ text: title, font: FONTS.title, size: SIZE.erhao, language: LANGUAGE })],
    }),
  ];
  for (const section of SECTIONS) {
    // A heading never ends a page: it stays with its text or table.
    children.push(bodyParagraph(`${section.ordinal}、${section.heading}`, FONTS.heading, true));
    for (const paragraph of splitParagraphs(report.text[section.code])) children.push(bodyParagraph(paragraph));
    const grid = grids.find((g) => g.section === section.ordinal);
    if (grid) {
      children.push(renderTable(grid));
      // A little air between a table and the next heading.
      children.push(new Paragraph({ spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO }, children: [] }));
    }
  }
  const document = new Document({
    title,
    creator: 'gongkai',
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FONTS.body, size: SIZE.sanhao, language: LANGUAGE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            // 页码 sits 7 mm below the text block (GB/T 9704 §7.5).
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: mm(15), footer: mm(22) },
          },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
