// Building findings and naming table places in the words a clerk sees on the printed form.
import type { Cell, ReportTableId } from '../annual-report.ts';
import type { Finding, FindingLocation, Severity } from '../finding.ts';
import type { ReviewColumn, ReviewGroup, SectionOrdinal, Table3Column, Table3RowCode } from '../report-format.ts';
import { OUTCOME_GROUPS, OUTCOMES, REVIEW_GROUPS, REVIEW_RESULTS, SECTIONS, TABLE3_COLUMN_LABELS } from '../report-format.ts';

export function createFinding(
  ruleId: string,
  severity: Severity,
  message: string,
  location: Partial<FindingLocation>,
  numbers: Finding['numbers'] = {},
): Finding {
  return {
    ruleId,
    severity,
    message,
    location: { section: location.section ?? null, table: location.table ?? null, row: location.row ?? null, column: location.column ?? null },
    numbers,
  };
}

/** The section a table is printed in. */
export const SECTION_OF_TABLE: Readonly<Record<ReportTableId, SectionOrdinal>> = { table2: '二', table3: '三', table4: '四' };

/** A count cell the rules can add up: an integer ≥ 0. Blank, fractional or negative cells are reported by *-INT. */
export function isCount(cell: Cell | undefined): cell is number {
  return typeof cell === 'number' && Number.isInteger(cell) && cell >= 0;
}

/** All cells are counts (so sums are meaningful). */
export function allCounts(cells: readonly (Cell | undefined)[]): cells is number[] {
  return cells.every(isCount);
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** e.g. 第一部分“总体情况” */
export function sectionName(ordinal: SectionOrdinal): string {
  const section = SECTIONS.find((s) => s.ordinal === ordinal);
  return `第${ordinal}部分“${section?.heading ?? ''}”`;
}

export function table3ColumnName(column: Table3Column): string {
  return `“${TABLE3_COLUMN_LABELS[column]}”`;
}

/** A table-3 row as the clerk sees it, e.g. “（三）不予公开 2.其他法律行政法规禁止公开”. */
export function table3RowName(row: Table3RowCode): string {
  switch (row) {
    case 'received':
      return '“一、本年新收政府信息公开申请数量”';
    case 'carriedIn':
      return '“二、上年结转政府信息公开申请数量”';
    case 'concludedTotal':
      return '“三、本年度办理结果（七）总计”';
    case 'carriedOver':
      return '“四、结转下年度继续办理”';
    default: {
      const outcome = OUTCOMES.find((o) => o.code === row);
      const group = OUTCOME_GROUPS.find((g) => g.code === outcome?.group);
      if (!outcome || !group) return `“${row}”`;
      if (outcome.item === '') return `“${group.ordinal}${outcome.code === 'partially_disclosed' ? '部分公开' : group.label}”`;
      return `“${group.ordinal}${group.label} ${outcome.item}${outcome.label}”`;
    }
  }
}

/** e.g. “行政复议” or “行政诉讼·未经复议直接起诉”. */
export function reviewGroupName(group: ReviewGroup): string {
  const found = REVIEW_GROUPS.find((g) => g.code === group);
  if (!found) return `“${group}”`;
  return found.parent ? `“${found.parent}·${found.label}”` : `“${found.label}”`;
}

export function reviewColumnName(column: ReviewColumn): string {
  return `“${REVIEW_RESULTS.find((r) => r.code === column)?.label ?? column}”`;
}

