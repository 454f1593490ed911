// The three report tables as rows of merged cells in the official layout (the same structure as
// src/domain/report/render/report-table-grid.ts, which the printed report uses), so the console
// table looks like the report people will publish.
import type { ReportJson } from './report-api.ts';
import type { FindingLocation, ReportTableId } from './report-labels.ts';
import {
  DOCUMENT_COLUMNS,
  DOCUMENT_KINDS,
  OUTCOME_GROUPS,
  OUTCOMES,
  REVIEW_GROUPS,
  REVIEW_RESULTS,
  SINGLE_VALUE_COLUMN,
  SINGLE_VALUE_SUBTABLES,
  TABLE2_CONTENT_HEADER,
  TABLE3_APPLICANT_HEADER,
  TABLE3_COLUMN_LABELS,
  TABLE3_COLUMNS,
  TABLE3_GOUJI_NOTE,
  TABLE3_ORGANISATION_HEADER,
  TABLE3_RESULTS_LABEL,
  TABLE3_ROW_LABELS,
} from './report-labels.ts';

export interface GridDataCell {
  table: ReportTableId;
  row: string;
  /** The grid's column code ('value' for the one-value rows of table 二). */
  column: string;
  /** Printed value, '' when blank. */
  text: string;
}

export interface GridCell {
  kind: 'caption' | 'note' | 'header' | 'data';
  text: string;
  rowSpan: number;
  colSpan: number;
  data: GridDataCell | null;
}

export interface ReportGrid {
  table: ReportTableId;
  columnCount: number;
  /** Rows of the table head, then of the body. */
  head: GridCell[][];
  body: GridCell[][];
}

function label(kind: GridCell['kind'], text: string, rowSpan = 1, colSpan = 1): GridCell {
  return { kind, text, rowSpan, colSpan, data: null };
}

function data(table: ReportTableId, row: string, column: string, value: number | string | null | undefined, colSpan = 1): GridCell {
  const text = value === null || value === undefined ? '' : String(value);
  return { kind: 'data', text, rowSpan: 1, colSpan, data: { table, row, column, text } };
}

/** data-testid of a value cell, e.g. cell-table3-received-natural_person, cell-table2-licensing-value. */
export function cellTestId(cell: Pick<GridDataCell, 'table' | 'row' | 'column'>): string {
  return `cell-${cell.table}-${cell.row}-${cell.column}`;
}

/** The column the cells API expects: none for the one-value rows of table 二. */
export function apiColumnOf(cell: GridDataCell): string | null {
  return cell.column === SINGLE_VALUE_COLUMN ? null : cell.column;
}

export function buildTable2(report: ReportJson): ReportGrid {
  const t2 = report.table2;
  const body: GridCell[][] = [
    [label('caption', '第二十条第（一）项', 1, 4)],
    [label('header', TABLE2_CONTENT_HEADER), ...DOCUMENT_COLUMNS.map((c) => label('header', c.label))],
    ...DOCUMENT_KINDS.map((k) => [label('header', k.label), ...DOCUMENT_COLUMNS.map((c) => data('table2', k.code, c.code, t2[k.code][c.code]))]),
  ];
  for (const sub of SINGLE_VALUE_SUBTABLES) {
    body.push([label('caption', sub.caption, 1, 4)], [label('header', TABLE2_CONTENT_HEADER), label('header', sub.header, 1, 3)]);
    for (const row of sub.rows) body.push([label('header', row.label), data('table2', row.code, SINGLE_VALUE_COLUMN, t2[row.code], 3)]);
  }
  return { table: 'table2', columnCount: 4, head: [], body };
}

export function buildTable3(report: ReportJson): ReportGrid {
  const t3 = report.table3;
  const head: GridCell[][] = [
    [label('note', TABLE3_GOUJI_NOTE, 3, 3), label('header', TABLE3_APPLICANT_HEADER, 1, TABLE3_COLUMNS.length)],
    [label('header', TABLE3_COLUMN_LABELS.natural_person, 2), label('header', TABLE3_ORGANISATION_HEADER, 1, 5), label('header', TABLE3_COLUMN_LABELS.total, 2)],
    TABLE3_COLUMNS.slice(1, 6).map((c) => label('header', TABLE3_COLUMN_LABELS[c])),
  ];
  const values = (row: string) => TABLE3_COLUMNS.map((c) => data('table3', row, c, t3[row]?.[c]));
  const rowLabel = (row: string) => TABLE3_ROW_LABELS[row] ?? row;
  const body: GridCell[][] = [
    [label('header', rowLabel('received'), 1, 3), ...values('received')],
    [label('header', rowLabel('carriedIn'), 1, 3), ...values('carriedIn')],
  ];
  // 三、本年度办理结果 spans the 21 outcome rows and （七）总计.
  let lead: GridCell[] = [label('header', TABLE3_RESULTS_LABEL, OUTCOMES.length + 1)];
  for (const group of OUTCOME_GROUPS) {
    const outcomes = OUTCOMES.filter((o) => o.group === group.code);
    outcomes.forEach((outcome, index) => {
      const cells = [...lead];
      lead = [];
      if (outcome.item === '') {
        cells.push(label('header', group.ordinal + group.label, 1, 2));
      } else {
        if (index === 0) cells.push(label('header', group.ordinal + group.label, outcomes.length));
        cells.push(label('header', rowLabel(outcome.code)));
      }
      body.push([...cells, ...values(outcome.code)]);
    });
  }
  body.push([label('header', rowLabel('concludedTotal'), 1, 2), ...values('concludedTotal')]);
  body.push([label('header', rowLabel('carriedOver'), 1, 3), ...values('carriedOver')]);
  return { table: 'table3', columnCount: 10, head, body };
}

export function buildTable4(report: ReportJson): ReportGrid {
  const t4 = report.table4;
  const results = (rowSpan: number) => REVIEW_RESULTS.map((r) => label('header', r.label, rowSpan));
  const [review, ...lawsuits] = REVIEW_GROUPS;
  const head: GridCell[][] = [
    [label('header', review.label, 1, 5), label('header', '行政诉讼', 1, lawsuits.length * 5)],
    [...results(2), ...lawsuits.map((g) => label('header', g.label, 1, 5))],
    lawsuits.flatMap(() => results(1)),
  ];
  const body = [REVIEW_GROUPS.flatMap((g) => REVIEW_RESULTS.map((r) => data('table4', g.code, r.code, t4[g.code]?.[r.code])))];
  return { table: 'table4', columnCount: 15, head, body };
}

/** The outcome group a table 三 row belongs to ('withheld' for withheld_state_secret), else null. */
function outcomeGroupOf(row: string): string | null {
  return OUTCOMES.find((o) => o.code === row)?.group ?? null;
}

/** Whether a finding points at this value cell: its own cell, its whole row or column, or its outcome group. */
export function findingCovers(location: FindingLocation, cell: Pick<GridDataCell, 'table' | 'row' | 'column'>): boolean {
  if (location.table !== cell.table) return false;
  if (location.row === null && location.column === null) return false;
  const rowMatches = location.row === null || location.row === cell.row || (cell.table === 'table3' && outcomeGroupOf(cell.row) === location.row);
  const columnMatches = location.column === null || location.column === cell.column;
  return rowMatches && columnMatches;
}
