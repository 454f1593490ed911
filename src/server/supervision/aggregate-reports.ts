// Sums of annual reports (the 政务公开办's 汇总 of its subtree, issue 7) and each report's share of
// one cell. Pure. A blank cell (null) adds nothing; a sum cell stays blank only when every report
// left it blank. Fees (万元, decimal strings) are added exactly, digit by digit, not as floats.
import type { AnnualReport, Cell } from '../../domain/report/annual-report.ts';
import { createEmptyReport } from '../../domain/report/annual-report.ts';
import { DomainError } from '../../domain/domain-error.ts';
import type { DocumentColumn, DocumentKind, ReviewColumn, ReviewGroup, Table3Column, Table3RowCode } from '../../domain/report/report-format.ts';
import {
  DECISION_ROWS,
  DOCUMENT_COLUMNS,
  DOCUMENT_KINDS,
  FEE_ROW,
  REVIEW_GROUPS,
  REVIEW_RESULTS,
  SINGLE_VALUE_COLUMN,
  TABLE3_COLUMN_LABELS,
  TABLE3_COLUMNS,
  TABLE3_ROW_CODES,
  table3RowLabel,
} from '../../domain/report/report-format.ts';

const addCell = (a: Cell, b: Cell): Cell => (a === null ? b : b === null ? a : a + b);

/** Exact sum of decimal strings ("162", "0.5000", "12.3"): the result has the most decimals seen, at least 4. */
export function sumFees(values: readonly (string | null)[]): string | null {
  const present = values.filter((v): v is string => v !== null && /^-?\d+(\.\d+)?$/.test(v.trim()));
  if (present.length === 0) return null;
  const scale = Math.max(4, ...present.map((v) => (v.split('.')[1] ?? '').length));
  let total = 0n;
  for (const value of present) {
    const trimmed = value.trim();
    const negative = trimmed.startsWith('-');
    const [whole = '0', fraction = ''] = trimmed.replace('-', '').split('.');
    const units = BigInt(whole + fraction.padEnd(scale, '0'));
    total += negative ? -units : units;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Tables 二 三 四 added up; prose left empty (the caller writes its own). */
export function sumReports(reports: readonly AnnualReport[], agencyName: string | null, year: number | null): AnnualReport {
  const sum = createEmptyReport(null, agencyName, year);
  for (const report of reports) {
    for (const kind of DOCUMENT_KINDS) {
      for (const column of DOCUMENT_COLUMNS) sum.table2[kind.code][column.code] = addCell(sum.table2[kind.code][column.code], report.table2[kind.code][column.code]);
    }
    for (const row of DECISION_ROWS) sum.table2[row.code] = addCell(sum.table2[row.code], report.table2[row.code]);
    for (const row of TABLE3_ROW_CODES) {
      for (const column of TABLE3_COLUMNS) sum.table3[row][column] = addCell(sum.table3[row][column], report.table3[row][column]);
    }
    for (const group of REVIEW_GROUPS) {
      for (const column of REVIEW_RESULTS) sum.table4[group.code][column.code] = addCell(sum.table4[group.code][column.code], report.table4[group.code][column.code]);
    }
  }
  sum.table2.administrativeFees = sumFees(reports.map((r) => r.table2.administrativeFees));
  return sum;
}

export interface AggregateCellAddress {
  table: 'table2' | 'table3' | 'table4';
  row: string;
  column: string | null;
}

/** One cell of a report, found from its address, with its Chinese name. */
export interface AggregateCell {
  label: string;
  read(report: AnnualReport): number | string | null;
}

function badCell(address: AggregateCellAddress, message: string): DomainError {
  return new DomainError('BAD_INPUT', `no report cell ${address.table}/${address.row}/${address.column ?? ''}`, message, { ...address });
}

/** The same addresses as the report view's cells (report-cells.ts): table2 rules|normativeDocuments × issued|repealed|inForce, … */
export function findAggregateCell(address: AggregateCellAddress): AggregateCell {
  const { table, row, column } = address;
  if (table === 'table2') {
    const kind = DOCUMENT_KINDS.find((k) => k.code === row);
    if (kind !== undefined) {
      const documentColumn = DOCUMENT_COLUMNS.find((c) => c.code === column);
      if (documentColumn === undefined) throw badCell(address, `表二“${kind.label}”没有这一栏，栏目应为：${DOCUMENT_COLUMNS.map((c) => c.label).join('、')}。`);
      return { label: `表二 · ${kind.label} · ${documentColumn.label}`, read: (r) => r.table2[kind.code as DocumentKind][documentColumn.code as DocumentColumn] };
    }
    if (column !== null && column !== '' && column !== SINGLE_VALUE_COLUMN) throw badCell(address, '表二的行政许可、行政处罚、行政强制和行政事业性收费只有一个数字，不分栏目。');
    const decision = DECISION_ROWS.find((r) => r.code === row);
    if (decision !== undefined) return { label: `表二 · ${decision.label} · ${decision.header}`, read: (r) => r.table2[decision.code] };
    if (row === FEE_ROW.code) return { label: `表二 · ${FEE_ROW.label} · 本年收费金额（万元）`, read: (r) => r.table2.administrativeFees };
    throw badCell(address, '表二没有这一行。');
  }
  if (table === 'table3') {
    const rowCode = TABLE3_ROW_CODES.find((r) => r === row);
    if (rowCode === undefined) throw badCell(address, '表三没有这一行。');
    const table3Column = TABLE3_COLUMNS.find((c) => c === column);
    if (table3Column === undefined) throw badCell(address, `表三没有这一栏，栏目应为：${TABLE3_COLUMNS.map((c) => TABLE3_COLUMN_LABELS[c]).join('、')}。`);
    return { label: `表三 · ${table3RowLabel(rowCode)} · ${TABLE3_COLUMN_LABELS[table3Column]}`, read: (r) => r.table3[rowCode as Table3RowCode][table3Column as Table3Column] };
  }
  const group = REVIEW_GROUPS.find((g) => g.code === row);
  if (group === undefined) throw badCell(address, '表四没有这一行，应为行政复议（adminReview）、未经复议直接起诉（litigationDirect）或复议后起诉（litigationAfterReview）。');
  const result = REVIEW_RESULTS.find((r) => r.code === column);
  if (result === undefined) throw badCell(address, `表四没有这一栏，栏目应为：${REVIEW_RESULTS.map((r) => r.label).join('、')}。`);
  const groupLabel = group.parent === null ? group.label : `${group.parent} · ${group.label}`;
  return { label: `表四 · ${groupLabel} · ${result.label}`, read: (r) => r.table4[group.code as ReviewGroup][result.code as ReviewColumn] };
}
