// Where a finding is, in the words of the printed report: section, row label, column label.
import type { ReportTableId } from '../annual-report.ts';
import type { FindingLocation } from '../finding.ts';
import { DECISION_ROWS, DOCUMENT_COLUMNS, DOCUMENT_KINDS, FEE_ROW, OUTCOME_GROUPS, REVIEW_GROUPS, REVIEW_RESULTS, SECTIONS, TABLE3_COLUMN_LABELS, TABLE3_ROWS } from '../report-format.ts';
import type { SectionOrdinal } from '../report-format.ts';

export const TABLE_SECTIONS: Record<ReportTableId, SectionOrdinal> = { table2: '二', table3: '三', table4: '四' };

export function sectionTitle(ordinal: SectionOrdinal): string {
  const section = SECTIONS.find((s) => s.ordinal === ordinal);
  return section ? `${section.ordinal}、${section.heading}` : ordinal;
}

export function rowLabel(table: ReportTableId, row: string): string {
  switch (table) {
    case 'table2':
      return [...DOCUMENT_KINDS, ...DECISION_ROWS, FEE_ROW].find((r) => r.code === row)?.label ?? row;
    case 'table3': {
      const group = OUTCOME_GROUPS.find((g) => g.code === row);
      return TABLE3_ROWS.find((r) => r.code === row)?.label ?? (group ? group.ordinal + group.label : row);
    }
    case 'table4': {
      const group = REVIEW_GROUPS.find((g) => g.code === row);
      if (!group) return row;
      return group.parent === null ? group.label : `${group.parent}·${group.label}`;
    }
  }
}

export function columnLabel(table: ReportTableId, column: string): string | null {
  switch (table) {
    case 'table2':
      return DOCUMENT_COLUMNS.find((c) => c.code === column)?.label ?? null;
    case 'table3':
      return (TABLE3_COLUMN_LABELS as Record<string, string>)[column] ?? column;
    case 'table4':
      return REVIEW_RESULTS.find((r) => r.code === column)?.label ?? column;
  }
}

/** e.g. 三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量 › 总计 */
export function describeFindingLocation(location: FindingLocation): string {
  const parts: string[] = [];
  const section = location.section ?? (location.table ? TABLE_SECTIONS[location.table] : null);
  if (section) parts.push(sectionTitle(section));
  if (location.table) {
    if (location.row !== null) parts.push(rowLabel(location.table, location.row));
    if (location.column !== null) {
      const label = columnLabel(location.table, location.column);
      if (label !== null) parts.push(location.row === null ? `${label}列` : label);
    }
  }
  return parts.length > 0 ? parts.join(' › ') : '全文';
}
