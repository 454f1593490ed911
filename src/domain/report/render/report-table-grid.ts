// The three report tables as grids of merged cells, in the official structure
// (国办公开办函〔2021〕30号; domain.md §4). HTML, DOCX and XLSX all draw from this one
// layout, so the merges cannot differ between formats.
import type { AnnualReport, Cell, ReportTableId } from '../annual-report.ts';
import type { SectionOrdinal } from '../report-format.ts';
import {
  APPLICANT_TYPES,
  DECISION_ROWS,
  DOCUMENT_COLUMNS,
  DOCUMENT_KINDS,
  FEE_HEADER,
  FEE_ROW,
  OUTCOME_GROUPS,
  OUTCOMES,
  REVIEW_GROUPS,
  REVIEW_RESULTS,
  TABLE2_CAPTIONS,
  TABLE3_COLUMN_LABELS,
  TABLE3_COLUMNS,
  SINGLE_VALUE_COLUMN,
  TABLE2_CONTENT_HEADER,
  TABLE3_APPLICANT_HEADER,
  TABLE3_GOUJI_NOTE,
  TABLE3_ORGANISATION_HEADER,
  TABLE3_RESULTS_LABEL,
  TABLE3_ROWS,
} from '../report-format.ts';


export { SINGLE_VALUE_COLUMN } from '../report-format.ts';

export type GridCellKind = 'caption' | 'note' | 'columnHeader' | 'rowHeader' | 'data';

/** Where a cell sits in the model; row or column is null for header cells that label a whole column or row. */
export interface GridLocation {
  table: ReportTableId;
  row: string | null;
  column: string | null;
}

export interface GridCell {
  kind: GridCellKind;
  /** The label, or the printed value of a data cell ('' when blank). */
  text: string;
  /** Data cells only: the model value, null when blank. */
  value: Cell | string;
  /** Top-left corner in the table grid, 0-based. */
  row: number;
  column: number;
  rowSpan: number;
  colSpan: number;
  location: GridLocation | null;
}

export interface GridRowGroup {
  /** thead (column headers) or tbody. */
  header: boolean;
  rows: GridCell[][];
}

export interface ReportTableGrid {
  table: ReportTableId;
  section: SectionOrdinal;
  columnCount: number;
  rowCount: number;
  groups: GridRowGroup[];
}

type CellSpec = Omit<GridCell, 'row' | 'column'>;

function spec(kind: GridCellKind, text: string, options: Partial<Pick<GridCell, 'rowSpan' | 'colSpan' | 'location'>> = {}): CellSpec {
  return { kind, text, value: null, rowSpan: options.rowSpan ?? 1, colSpan: options.colSpan ?? 1, location: options.location ?? null };
}

function dataSpec(table: ReportTableId, row: string, column: string, value: Cell | string, colSpan = 1): CellSpec {
  return { kind: 'data', text: formatCellValue(value), value, rowSpan: 1, colSpan, location: { table, row, column } };
}

/** Numbers as plain digits; the fee string exactly as stored; blank as ''. */
export function formatCellValue(value: Cell | string): string {
  if (value === null) return '';
  return typeof value === 'number' ? String(value) : value;
}

/** Places row specs on the grid: each cell goes to the first column not covered by a rowspan from above. */
function place(table: ReportTableId, section: SectionOrdinal, columnCount: number, groups: { header: boolean; rows: CellSpec[][] }[]): ReportTableGrid {
  const covered = new Set<string>();
  let rowIndex = 0;
  const placed: GridRowGroup[] = groups.map((group) => ({
    header: group.header,
    rows: group.rows.map((specs) => {
      let column = 0;
      const cells = specs.map((s) => {
        while (covered.has(`${rowIndex}:${column}`)) column += 1;
        const cell: GridCell = { ...s, row: rowIndex, column };
        for (let r = 0; r < s.rowSpan; r += 1) for (let c = 0; c < s.colSpan; c += 1) covered.add(`${rowIndex + r}:${column + c}`);
        column += s.colSpan;
        return cell;
      });
      rowIndex += 1;
      return cells;
    }),
  }));
  return { table, section, columnCount, rowCount: rowIndex, groups: placed };
}

/** 二、主动公开政府信息情况: four sub-tables, each headed by a caption row across all 4 columns. */
export function buildTable2Grid(report: AnnualReport): ReportTableGrid {
  const t2 = report.table2;
  const caption = (item: string): CellSpec => {
    const text = TABLE2_CAPTIONS.find((c) => c.includes(item)) ?? `第二十条第${item}项`;
    return spec('caption', text, { colSpan: 4 });
  };
  const documents = [
    [caption('（一）')],
    [spec('columnHeader', TABLE2_CONTENT_HEADER), ...DOCUMENT_COLUMNS.map((c) => spec('columnHeader', c.label, { location: { table: 'table2', row: null, column: c.code } }))],
    ...DOCUMENT_KINDS.map((k) => [
      spec('rowHeader', k.label, { location: { table: 'table2', row: k.code, column: null } }),
      ...DOCUMENT_COLUMNS.map((c) => dataSpec('table2', k.code, c.code, t2[k.code][c.code])),
    ]),
  ];
  const items = [...new Set(DECISION_ROWS.map((d) => d.item))];
  const decisions = items.map((item) => {
    const rows = DECISION_ROWS.filter((d) => d.item === item);
    return [
      [caption(item)],
      [spec('columnHeader', TABLE2_CONTENT_HEADER), spec('columnHeader', rows[0]?.header ?? '', { colSpan: 3 })],
      ...rows.map((d) => [
        spec('rowHeader', d.label, { location: { table: 'table2', row: d.code, column: null } }),
        dataSpec('table2', d.code, SINGLE_VALUE_COLUMN, t2[d.code], 3),
      ]),
    ];
  });
  const fees = [
    [caption(FEE_ROW.item)],
    [spec('columnHeader', TABLE2_CONTENT_HEADER), spec('columnHeader', FEE_HEADER, { colSpan: 3 })],
    [
      spec('rowHeader', FEE_ROW.label, { location: { table: 'table2', row: FEE_ROW.code, column: null } }),
      dataSpec('table2', FEE_ROW.code, SINGLE_VALUE_COLUMN, t2.administrativeFees, 3),
    ],
  ];
  return place('table2', '二', 4, [documents, ...decisions, fees].map((rows) => ({ header: false, rows })));
}

/** 三、收到和处理政府信息公开申请情况: 3 label columns + 7 applicant columns, 3 header rows, 25 data rows. */
export function buildTable3Grid(report: AnnualReport): ReportTableGrid {
  const t3 = report.table3;
  const columnHeader = (code: (typeof TABLE3_COLUMNS)[number], rowSpan = 1) =>
    spec('columnHeader', TABLE3_COLUMN_LABELS[code], { rowSpan, location: { table: 'table3', row: null, column: code } });
  const organisations = APPLICANT_TYPES.slice(1);
  const header = [
    [spec('note', TABLE3_GOUJI_NOTE, { rowSpan: 3, colSpan: 3 }), spec('columnHeader', TABLE3_APPLICANT_HEADER, { colSpan: TABLE3_COLUMNS.length })],
    [columnHeader('natural_person', 2), spec('columnHeader', TABLE3_ORGANISATION_HEADER, { colSpan: organisations.length }), columnHeader('total', 2)],
    organisations.map((a) => columnHeader(a.code)),
  ];
  const values = (row: (typeof TABLE3_ROWS)[number]['code']) => TABLE3_COLUMNS.map((c) => dataSpec('table3', row, c, t3[row][c]));
  const rowHeader = (code: string, label: string, colSpan: number) => spec('rowHeader', label, { colSpan, location: { table: 'table3', row: code, column: null } });
  const labelOf = (code: string) => TABLE3_ROWS.find((r) => r.code === code)?.label ?? code;

  const body: CellSpec[][] = [];
  for (const code of ['received', 'carriedIn'] as const) body.push([rowHeader(code, labelOf(code), 3), ...values(code)]);
  // 三、本年度办理结果 spans the 21 outcome rows and （七）总计.
  let results: CellSpec[] = [spec('rowHeader', TABLE3_RESULTS_LABEL, { rowSpan: OUTCOMES.length + 1 })];
  for (const group of OUTCOME_GROUPS) {
    const outcomes = OUTCOMES.filter((o) => o.group === group.code);
    outcomes.forEach((outcome, index) => {
      const lead = results;
      results = [];
      if (outcome.item === '') {
        // （一）（二）: one row, the group label spans both label columns.
        body.push([...lead, rowHeader(outcome.code, group.ordinal + group.label, 2), ...values(outcome.code)]);
        return;
      }
      // （三）…（六）: a row-spanning group label, no subtotal row of its own.
      const groupCell = index === 0 ? [spec('rowHeader', group.ordinal + group.label, { rowSpan: outcomes.length, location: { table: 'table3', row: group.code, column: null } })] : [];
      body.push([...lead, ...groupCell, rowHeader(outcome.code, labelOf(outcome.code), 1), ...values(outcome.code)]);
    });
  }
  body.push([rowHeader('concludedTotal', labelOf('concludedTotal'), 2), ...values('concludedTotal')]);
  body.push([rowHeader('carriedOver', labelOf('carriedOver'), 3), ...values('carriedOver')]);
  return place('table3', '三', 3 + TABLE3_COLUMNS.length, [
    { header: true, rows: header },
    { header: false, rows: body },
  ]);
}

/** 四、行政复议、行政诉讼: a 3-level header over one row of 15 numbers. */
export function buildTable4Grid(report: AnnualReport): ReportTableGrid {
  const t4 = report.table4;
  const results = (rowSpan: number) =>
    REVIEW_RESULTS.map((r) => spec('columnHeader', r.label, { rowSpan, location: { table: 'table4', row: null, column: r.code } }));
  const groupHeader = (g: (typeof REVIEW_GROUPS)[number], rowSpan: number) =>
    spec('columnHeader', g.label, { rowSpan, colSpan: REVIEW_RESULTS.length, location: { table: 'table4', row: g.code, column: null } });
  const top: CellSpec[] = [];
  const middle: CellSpec[] = [];
  const bottom: CellSpec[] = [];
  const parents = new Set<string>();
  for (const g of REVIEW_GROUPS) {
    if (g.parent === null) {
      // 行政复议: its result headers span the two lower header rows.
      top.push(groupHeader(g, 1));
      middle.push(...results(2));
      continue;
    }
    if (!parents.has(g.parent)) {
      parents.add(g.parent);
      const children = REVIEW_GROUPS.filter((c) => c.parent === g.parent).length;
      top.push(spec('columnHeader', g.parent, { colSpan: children * REVIEW_RESULTS.length }));
    }
    middle.push(groupHeader(g, 1));
    bottom.push(...results(1));
  }
  const data = REVIEW_GROUPS.flatMap((g) => REVIEW_RESULTS.map((r) => dataSpec('table4', g.code, r.code, t4[g.code][r.code])));
  return place('table4', '四', REVIEW_GROUPS.length * REVIEW_RESULTS.length, [
    { header: true, rows: [top, middle, bottom] },
    { header: false, rows: [data] },
  ]);
}

export function buildReportTableGrids(report: AnnualReport): ReportTableGrid[] {
  return [buildTable2Grid(report), buildTable3Grid(report), buildTable4Grid(report)];
}

/** Every cell of a grid, in reading order. */
export function gridCells(grid: ReportTableGrid): GridCell[] {
  return grid.groups.flatMap((g) => g.rows.flat());
}
