import { describe, expect, it } from 'vitest';
import type { ReportJson } from './report-api.ts';
import type { GridCell, ReportGrid } from './report-grid.ts';
import { apiColumnOf, buildTable2, buildTable3, buildTable4, cellTestId, findingCovers } from './report-grid.ts';

const counts = (keys: string[], value: number) => Object.fromEntries(keys.map((k) => [k, value]));
const T3 = ['natural_person', 'business', 'research_institution', 'public_interest_org', 'legal_service_org', 'other_org', 'total'];

function report(): ReportJson {
  return {
    agencyName: '示范市示范局',
    year: 2026,
    table2: { rules: counts(['issued', 'repealed', 'inForce'], 0), normativeDocuments: { issued: 3, repealed: 1, inForce: 12 }, licensing: 40, penalty: 7, enforcement: null, administrativeFees: '0.0000' },
    table3: new Proxy({}, { get: () => counts(T3, 0) }) as Record<string, Record<string, number>>,
    table4: new Proxy({}, { get: () => counts(['upheld', 'corrected', 'otherResult', 'pending', 'total'], 0) }) as Record<string, Record<string, number>>,
    text: {},
  };
}

/** Column slots each row fills, counting cells that reach down from rows above. */
function slotsPerRow(rows: GridCell[][]): number[] {
  const carried: number[] = rows.map(() => 0);
  return rows.map((row, index) => {
    let slots = carried[index] ?? 0;
    for (const cell of row) {
      slots += cell.colSpan;
      for (let below = 1; below < cell.rowSpan; below += 1) carried[index + below] = (carried[index + below] ?? 0) + cell.colSpan;
    }
    return slots;
  });
}

function dataCells(grid: ReportGrid) {
  return [...grid.head, ...grid.body].flat().filter((c) => c.kind === 'data');
}

describe('report grids in the official layout', () => {
  it('table 三: 3 header rows and 25 data rows, every row 10 columns wide, 25 × 7 value cells', () => {
    const grid = buildTable3(report());
    expect(grid.head).toHaveLength(3);
    expect(grid.body).toHaveLength(25);
    expect(new Set(slotsPerRow([...grid.head, ...grid.body]))).toEqual(new Set([10]));
    expect(dataCells(grid)).toHaveLength(175);
    // （三）不予公开 spans its 8 items; its second item row holds only the item label and 7 values.
    expect(grid.body[4]?.[0]).toMatchObject({ text: '（三）不予公开', rowSpan: 8 });
    expect(grid.body[5]?.map((c) => c.text).slice(0, 1)).toEqual(['2.其他法律行政法规禁止公开']);
    expect(grid.body[5]).toHaveLength(8);
  });

  it('table 二: four sub-tables of 4 columns; one-value rows span 3 columns and ask the API without a column', () => {
    const grid = buildTable2(report());
    expect(new Set(slotsPerRow(grid.body))).toEqual(new Set([4]));
    const cells = dataCells(grid);
    expect(cells).toHaveLength(6 + 4);
    const licensing = cells.find((c) => c.data?.row === 'licensing');
    expect(licensing).toMatchObject({ text: '40', colSpan: 3 });
    expect(licensing?.data && cellTestId(licensing.data)).toBe('cell-table2-licensing-value');
    expect(licensing?.data && apiColumnOf(licensing.data)).toBeNull();
    expect(cells.find((c) => c.data?.row === 'enforcement')?.text).toBe('');
    expect(cells.find((c) => c.data?.row === 'normativeDocuments' && c.data.column === 'inForce')?.text).toBe('12');
  });

  it('table 四: 3 header rows 15 columns wide over one row of 15 values', () => {
    const grid = buildTable4(report());
    expect(new Set(slotsPerRow(grid.head))).toEqual(new Set([15]));
    expect(grid.body).toHaveLength(1);
    expect(grid.body[0]).toHaveLength(15);
    expect(grid.body[0]?.[5]?.data).toMatchObject({ row: 'litigationDirect', column: 'upheld' });
  });
});

describe('findingCovers', () => {
  it('an outcome group location covers its items in that column only', () => {
    const location = { section: '三' as const, table: 'table3' as const, row: 'withheld', column: 'total' };
    expect(findingCovers(location, { table: 'table3', row: 'withheld_state_secret', column: 'total' })).toBe(true);
    expect(findingCovers(location, { table: 'table3', row: 'withheld_state_secret', column: 'business' })).toBe(false);
    expect(findingCovers(location, { table: 'table3', row: 'disclosed', column: 'total' })).toBe(false);
  });

  it('a whole-column location covers the column; a table-only location covers no cell', () => {
    expect(findingCovers({ section: null, table: 'table4', row: null, column: 'pending' }, { table: 'table4', row: 'adminReview', column: 'pending' })).toBe(true);
    expect(findingCovers({ section: null, table: 'table4', row: null, column: null }, { table: 'table4', row: 'adminReview', column: 'pending' })).toBe(false);
    expect(findingCovers({ section: '三', table: 'table3', row: 'received', column: null }, { table: 'table4', row: 'received', column: 'total' })).toBe(false);
  });
});
