import { describe, expect, it } from 'vitest';
import type { GridCell, ReportTableGrid } from './report-table-grid.ts';
import { createSampleReport } from './create-sample-report.ts';
import { buildTable2Grid, buildTable3Grid, buildTable4Grid, gridCells } from './report-table-grid.ts';

const report = createSampleReport();

function cellWithText(grid: ReportTableGrid, text: string): GridCell {
  const found = gridCells(grid).filter((c) => c.text === text);
  expect(found, `exactly one cell "${text}"`).toHaveLength(1);
  return found[0]!;
}

function shape(cell: GridCell) {
  return { row: cell.row, column: cell.column, rowSpan: cell.rowSpan, colSpan: cell.colSpan };
}

describe.each([
  ['table2', buildTable2Grid(report), 14, 4],
  ['table3', buildTable3Grid(report), 28, 10],
  ['table4', buildTable4Grid(report), 4, 15],
])('%s grid', (_name, grid, rows, columns) => {
  it(`is ${rows} rows by ${columns} columns, every position covered by exactly one cell`, () => {
    expect(grid.rowCount).toBe(rows);
    expect(grid.columnCount).toBe(columns);
    const cover = new Map<string, number>();
    for (const cell of gridCells(grid)) {
      for (let r = cell.row; r < cell.row + cell.rowSpan; r += 1) {
        for (let c = cell.column; c < cell.column + cell.colSpan; c += 1) cover.set(`${r}:${c}`, (cover.get(`${r}:${c}`) ?? 0) + 1);
      }
    }
    expect(cover.size).toBe(rows * columns);
    expect([...cover.values()].every((n) => n === 1)).toBe(true);
  });
});

describe('table 2 (第二十条 four sub-tables)', () => {
  const grid = buildTable2Grid(report);

  it('heads each sub-table with a caption row across all 4 columns', () => {
    expect(shape(cellWithText(grid, '第二十条第（一）项'))).toEqual({ row: 0, column: 0, rowSpan: 1, colSpan: 4 });
    expect(shape(cellWithText(grid, '第二十条第（五）项'))).toEqual({ row: 4, column: 0, rowSpan: 1, colSpan: 4 });
    expect(shape(cellWithText(grid, '第二十条第（六）项'))).toEqual({ row: 7, column: 0, rowSpan: 1, colSpan: 4 });
    expect(shape(cellWithText(grid, '第二十条第（八）项'))).toEqual({ row: 11, column: 0, rowSpan: 1, colSpan: 4 });
    expect(grid.groups).toHaveLength(4);
  });

  it('spans the single values of （五）（六）（八） over three columns', () => {
    const data = gridCells(grid).filter((c) => c.kind === 'data');
    expect(data).toHaveLength(10);
    const single = data.filter((c) => c.colSpan === 3).map((c) => [c.location?.row, c.text, c.row]);
    expect(single).toEqual([
      ['licensing', '7', 6],
      ['penalty', '8', 9],
      ['enforcement', '9', 10],
      ['administrativeFees', '10.1234', 13],
    ]);
    expect(shape(cellWithText(grid, '本年收费金额（单位：万元）'))).toEqual({ row: 12, column: 1, rowSpan: 1, colSpan: 3 });
  });

  it('keeps a blank cell blank', () => {
    const blank = gridCells(grid).find((c) => c.location?.row === 'normativeDocuments' && c.location.column === 'repealed');
    expect(blank).toMatchObject({ kind: 'data', text: '', value: null, row: 3, column: 2 });
  });
});

describe('table 3 (merged header, nested row labels)', () => {
  const grid = buildTable3Grid(report);

  it('has the 3×3 勾稽关系 note, 申请人情况 over 7 columns, 自然人/总计 over two rows', () => {
    expect(shape(cellWithText(grid, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'))).toEqual({ row: 0, column: 0, rowSpan: 3, colSpan: 3 });
    expect(shape(cellWithText(grid, '申请人情况'))).toEqual({ row: 0, column: 3, rowSpan: 1, colSpan: 7 });
    expect(shape(cellWithText(grid, '自然人'))).toEqual({ row: 1, column: 3, rowSpan: 2, colSpan: 1 });
    expect(shape(cellWithText(grid, '法人或其他组织'))).toEqual({ row: 1, column: 4, rowSpan: 1, colSpan: 5 });
    expect(shape(cellWithText(grid, '总计'))).toEqual({ row: 1, column: 9, rowSpan: 2, colSpan: 1 });
    expect(gridCells(grid).filter((c) => c.row === 2).map((c) => c.text)).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
  });

  it('nests the row labels: 三、本年度办理结果 over 22 rows, group labels over their items', () => {
    expect(shape(cellWithText(grid, '一、本年新收政府信息公开申请数量'))).toEqual({ row: 3, column: 0, rowSpan: 1, colSpan: 3 });
    expect(shape(cellWithText(grid, '三、本年度办理结果'))).toEqual({ row: 5, column: 0, rowSpan: 22, colSpan: 1 });
    expect(shape(cellWithText(grid, '（一）予以公开'))).toEqual({ row: 5, column: 1, rowSpan: 1, colSpan: 2 });
    expect(shape(cellWithText(grid, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'))).toEqual({ row: 6, column: 1, rowSpan: 1, colSpan: 2 });
    expect(shape(cellWithText(grid, '（三）不予公开'))).toEqual({ row: 7, column: 1, rowSpan: 8, colSpan: 1 });
    expect(shape(cellWithText(grid, '1.属于国家秘密'))).toEqual({ row: 7, column: 2, rowSpan: 1, colSpan: 1 });
    expect(shape(cellWithText(grid, '（四）无法提供'))).toEqual({ row: 15, column: 1, rowSpan: 3, colSpan: 1 });
    expect(shape(cellWithText(grid, '（五）不予处理'))).toEqual({ row: 18, column: 1, rowSpan: 5, colSpan: 1 });
    expect(shape(cellWithText(grid, '（六）其他处理'))).toEqual({ row: 23, column: 1, rowSpan: 3, colSpan: 1 });
    expect(shape(cellWithText(grid, '3.其他'))).toEqual({ row: 25, column: 2, rowSpan: 1, colSpan: 1 });
    expect(shape(cellWithText(grid, '（七）总计'))).toEqual({ row: 26, column: 1, rowSpan: 1, colSpan: 2 });
    expect(shape(cellWithText(grid, '四、结转下年度继续办理'))).toEqual({ row: 27, column: 0, rowSpan: 1, colSpan: 3 });
  });

  it('puts row i, column j of the sample (100 + 10i + j) at grid (3 + i, 3 + j)', () => {
    const data = gridCells(grid).filter((c) => c.kind === 'data');
    expect(data).toHaveLength(25 * 7);
    const at = (row: number, column: number) => data.find((c) => c.row === row && c.column === column);
    expect(at(3, 3)).toMatchObject({ text: '100', location: { table: 'table3', row: 'received', column: 'natural_person' } });
    expect(at(7, 4)).toMatchObject({ text: '141', location: { row: 'withheld_state_secret', column: 'business' } });
    expect(at(27, 9)).toMatchObject({ text: '346', location: { row: 'carriedOver', column: 'total' } });
    expect(at(4, 5)).toMatchObject({ text: '', value: null, location: { row: 'carriedIn', column: 'research_institution' } });
  });
});

describe('table 4 (three-level header)', () => {
  const grid = buildTable4Grid(report);

  it('groups 行政复议 (5) and 行政诉讼 (10), the latter split into 未经复议直接起诉 and 复议后起诉', () => {
    expect(shape(cellWithText(grid, '行政复议'))).toEqual({ row: 0, column: 0, rowSpan: 1, colSpan: 5 });
    expect(shape(cellWithText(grid, '行政诉讼'))).toEqual({ row: 0, column: 5, rowSpan: 1, colSpan: 10 });
    expect(shape(cellWithText(grid, '未经复议直接起诉'))).toEqual({ row: 1, column: 5, rowSpan: 1, colSpan: 5 });
    expect(shape(cellWithText(grid, '复议后起诉'))).toEqual({ row: 1, column: 10, rowSpan: 1, colSpan: 5 });
  });

  it('lets the 行政复议 result headers span two rows', () => {
    const results = gridCells(grid).filter((c) => c.row === 1 && c.rowSpan === 2);
    expect(results.map((c) => c.text)).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']);
    expect(gridCells(grid).filter((c) => c.row === 2).map((c) => c.text)).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计']);
  });

  it('has one row of 15 numbers in group order', () => {
    const data = gridCells(grid).filter((c) => c.kind === 'data');
    expect(data.map((c) => c.text)).toEqual(['500', '501', '502', '503', '504', '510', '511', '512', '513', '514', '520', '521', '522', '', '524']);
    expect(data[13]?.location).toEqual({ table: 'table4', row: 'litigationAfterReview', column: 'pending' });
  });
});
