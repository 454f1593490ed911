// The report as an Excel workbook: a 说明 sheet (agency, year, format marker, prose) and one
// sheet per table with the official merged headers. readReportXlsx reads such a workbook back.
import ExcelJS from 'exceljs';
import type { AnnualReport, Cell } from '../domain/report/annual-report.ts';
import type { GridCell, ReportTableGrid } from '../domain/report/render/report-table-grid.ts';
import type { SectionCode } from '../domain/report/report-format.ts';
import { createEmptyReport } from '../domain/report/annual-report.ts';
import { DomainError } from '../domain/domain-error.ts';
import { FEE_PATTERN, REPORT_JSON_SCHEMA_NAME, REPORT_JSON_SCHEMA_VERSION } from '../domain/report/render/report-json-schema.ts';
import { buildReportTableGrids } from '../domain/report/render/report-table-grid.ts';
import { reportTitle } from '../domain/report/render/report-title.ts';
import { SECTIONS } from '../domain/report/report-format.ts';

export const METADATA_SHEET = '说明';
const META_LABELS = { format: '格式', version: '格式版本', agency: '机关名称', year: '年度' } as const;
/** The grid starts below a title row and a blank row. */
const GRID_TOP = 3;

const sheetName = (grid: ReportTableGrid) => {
  const section = SECTIONS.find((s) => s.ordinal === grid.section);
  return section ? `${section.ordinal}、${section.heading}` : grid.table;
};
const sectionLabel = (code: SectionCode) => {
  const section = SECTIONS.find((s) => s.code === code);
  return section ? `${section.ordinal}、${section.heading}` : code;
};

const COLUMN_WIDTHS: Record<ReportTableGrid['table'], (count: number) => number[]> = {
  table2: () => [22, 18, 18, 18],
  table3: (count) => [7, 14, 48, ...Array.from({ length: count - 3 }, () => 10)],
  table4: (count) => Array.from({ length: count }, () => 9),
};

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFF2F2F2' } };
const FONT = { name: '宋体', size: 10 };

/** Decimals shown by a number format such as "0.0000"; null for anything else. */
function formatDecimals(numFmt: string | undefined): number | null {
  const match = /^0(?:\.(0+))?$/.exec(numFmt ?? '');
  return match ? (match[1]?.length ?? 0) : null;
}

/** The fee as a number whose format shows the printed decimals, or as text when a number cannot hold it. */
function feeCellValue(fee: string): { value: number | string; numFmt?: string } {
  const decimals = fee.split('.')[1]?.length ?? 0;
  const value = Number(fee);
  if (decimals <= 15 && value.toFixed(decimals) === fee) return { value, numFmt: decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}` };
  return { value: fee };
}

function writeGrid(sheet: ExcelJS.Worksheet, grid: ReportTableGrid): void {
  COLUMN_WIDTHS[grid.table](grid.columnCount).forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
  sheet.getCell(1, 1).value = sheetName(grid);
  sheet.getCell(1, 1).font = { ...FONT, size: 14, bold: true };
  sheet.mergeCells(1, 1, 1, grid.columnCount);
  for (let r = 0; r < grid.rowCount; r += 1) {
    for (let c = 0; c < grid.columnCount; c += 1) {
      const target = sheet.getCell(GRID_TOP + r, c + 1);
      target.border = BORDER;
      target.font = FONT;
    }
  }
  for (const group of grid.groups) {
    for (const cell of group.rows.flat()) {
      const target = sheet.getCell(GRID_TOP + cell.row, cell.column + 1);
      if (cell.kind === 'data') {
        if (typeof cell.value === 'string') {
          const fee = feeCellValue(cell.value);
          target.value = fee.value;
          if (fee.numFmt) target.numFmt = fee.numFmt;
        } else {
          target.value = cell.value;
        }
      } else {
        target.value = cell.text;
        target.fill = HEADER_FILL;
      }
      const left = (cell.kind === 'rowHeader' && !(cell.rowSpan > 1 && cell.column === 0)) || cell.kind === 'note';
      target.alignment = { vertical: 'middle', horizontal: left ? 'left' : 'center', wrapText: true };
      if (cell.rowSpan > 1 || cell.colSpan > 1) {
        sheet.mergeCells(GRID_TOP + cell.row, cell.column + 1, GRID_TOP + cell.row + cell.rowSpan - 1, cell.column + cell.colSpan);
      }
    }
    if (group.header) for (const cells of group.rows) if (cells[0]) sheet.getRow(GRID_TOP + cells[0].row).height = 30;
  }
  sheet.pageSetup = { paperSize: 9, orientation: grid.table === 'table4' ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

/** `options.title` replaces the report's own title (a supervisor's 汇总表). */
export async function renderReportXlsx(report: AnnualReport, options: { title?: string } = {}): Promise<Uint8Array> {
  const title = options.title ?? reportTitle(report);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'gongkai';
  workbook.title = title;

  const meta = workbook.addWorksheet(METADATA_SHEET);
  meta.getColumn(1).width = 36;
  meta.getColumn(2).width = 90;
  const rows: [string, string | number | null][] = [
    ['项目', '内容'],
    [META_LABELS.format, REPORT_JSON_SCHEMA_NAME],
    [META_LABELS.version, REPORT_JSON_SCHEMA_VERSION],
    [META_LABELS.agency, report.agencyName],
    [META_LABELS.year, report.year],
    ...SECTIONS.map((s): [string, string | null] => [sectionLabel(s.code), report.text[s.code] === '' ? null : report.text[s.code]]),
  ];
  rows.forEach(([label, value], index) => {
    const row = meta.getRow(index + 1);
    row.getCell(1).value = label;
    row.getCell(2).value = value;
    row.getCell(1).font = { ...FONT, bold: true };
    row.getCell(2).font = FONT;
    row.getCell(2).alignment = { vertical: 'top', wrapText: true };
  });
  meta.getRow(rows.length + 2).getCell(1).value = `本工作簿由 gongkai 导出（${title}）。修改数字即可重新导入；请勿改动表格结构和标签。`;

  for (const grid of buildReportTableGrids(report)) writeGrid(workbook.addWorksheet(sheetName(grid)), grid);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

// ------------------------------------------------------------------ reading back

function unreadable(reason: string, userReason: string): DomainError {
  return new DomainError('UNREADABLE_FILE', `Not a gongkai annual report workbook: ${reason}`, `无法读取年度报告工作簿：${userReason}`);
}

/** A cell's value as plain data: rich text joined, formulas replaced by their result. */
function plainValue(value: ExcelJS.CellValue): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('result' in value) return plainValue((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return null;
}

function readCount(sheet: ExcelJS.Worksheet, address: string, raw: string | number | boolean | null): Cell {
  if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return null;
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string' && FEE_PATTERN.test(raw.trim())) return Number(raw.trim());
  throw unreadable(`${sheet.name}!${address} is ${JSON.stringify(raw)}`, `工作表“${sheet.name}”单元格 ${address} 的内容“${String(raw)}”不是数字`);
}

function readFee(sheet: ExcelJS.Worksheet, address: string, raw: string | number | boolean | null, numFmt: string | undefined): string | null {
  if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return null;
  if (typeof raw === 'number') {
    const decimals = formatDecimals(numFmt);
    return decimals === null ? String(raw) : raw.toFixed(decimals);
  }
  if (typeof raw === 'string' && FEE_PATTERN.test(raw.trim())) return raw.trim();
  throw unreadable(`${sheet.name}!${address} is ${JSON.stringify(raw)}`, `工作表“${sheet.name}”单元格 ${address} 的收费金额“${String(raw)}”不是数字`);
}

function readGrid(sheet: ExcelJS.Worksheet, grid: ReportTableGrid, report: AnnualReport): void {
  const cells: GridCell[] = grid.groups.flatMap((g) => g.rows.flat());
  for (const cell of cells) {
    const target = sheet.getCell(GRID_TOP + cell.row, cell.column + 1);
    const raw = plainValue(target.value);
    if (cell.kind !== 'data') {
      if (String(raw ?? '').trim() !== cell.text) {
        throw unreadable(`${sheet.name}!${target.address} should be ${cell.text}`, `工作表“${sheet.name}”单元格 ${target.address} 应为“${cell.text}”，表格结构已被改动`);
      }
      continue;
    }
    const { row, column } = cell.location ?? { row: null, column: null };
    if (grid.table === 'table2') {
      const t2 = report.table2;
      if (row === 'administrativeFees') t2.administrativeFees = readFee(sheet, target.address, raw, target.numFmt);
      else if (row === 'licensing' || row === 'penalty' || row === 'enforcement') t2[row] = readCount(sheet, target.address, raw);
      else if ((row === 'rules' || row === 'normativeDocuments') && (column === 'issued' || column === 'repealed' || column === 'inForce')) t2[row][column] = readCount(sheet, target.address, raw);
    } else {
      const rows: Record<string, Record<string, Cell>> = grid.table === 'table3' ? report.table3 : report.table4;
      const values = rows[row ?? ''];
      if (values && column !== null) values[column] = readCount(sheet, target.address, raw);
    }
  }
}

export async function readReportXlsx(bytes: Uint8Array): Promise<AnnualReport> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw unreadable(`cannot open (${(error as Error).message})`, '文件不是有效的 Excel 工作簿（.xlsx）');
  }
  const meta = workbook.getWorksheet(METADATA_SHEET);
  const metaValues = new Map<string, string | number | boolean | null>();
  meta?.eachRow((row) => {
    const label = plainValue(row.getCell(1).value);
    if (typeof label === 'string') metaValues.set(label.trim(), plainValue(row.getCell(2).value));
  });
  if (!meta || metaValues.get(META_LABELS.format) !== REPORT_JSON_SCHEMA_NAME) {
    throw unreadable('no format marker', `不是本系统导出的年度报告工作簿（缺少“${METADATA_SHEET}”工作表中的格式标记）`);
  }
  const version = metaValues.get(META_LABELS.version);
  if (version !== REPORT_JSON_SCHEMA_VERSION) {
    throw unreadable(`unsupported version ${String(version)}`, `不支持的工作簿格式版本“${String(version)}”（本系统读取版本 ${REPORT_JSON_SCHEMA_VERSION}）`);
  }

  const agency = metaValues.get(META_LABELS.agency);
  const year = metaValues.get(META_LABELS.year);
  if (year !== null && year !== undefined && !(typeof year === 'number' && Number.isInteger(year))) {
    throw unreadable(`year is ${JSON.stringify(year)}`, `“${METADATA_SHEET}”工作表中的年度“${String(year)}”不是整数`);
  }
  const report = createEmptyReport(null, agency === null || agency === undefined ? null : String(agency), typeof year === 'number' ? year : null);
  for (const section of SECTIONS) {
    const text = metaValues.get(sectionLabel(section.code));
    report.text[section.code] = text === null || text === undefined ? '' : String(text);
  }

  for (const grid of buildReportTableGrids(report)) {
    const sheet = workbook.getWorksheet(sheetName(grid));
    if (!sheet) throw unreadable(`missing sheet ${sheetName(grid)}`, `缺少工作表“${sheetName(grid)}”`);
    readGrid(sheet, grid, report);
  }
  return report;
}
