// What lies behind one cell of a year's computed report (issue 5: "a click on a cell lists the
// cases or publications behind it"). Cells are named as in the report JSON: table2 row
// rules|normativeDocuments with a DocumentColumn, or licensing|penalty|enforcement|administrativeFees
// with column null; table3 row a Table3RowCode with a Table3Column; table4 row a ReviewGroup
// with a ReviewColumn.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

export interface ReportCellAddress {
  table: 'table2' | 'table3' | 'table4';
  row: string;
  column: string | null;
}

export interface ReportCellItem {
  /** Tracking number, publication id, review case number or imported record id. */
  id: string;
  title: string;
  /** The date that puts the item in this cell (received, concluded, issued, repealed, filed). */
  date: string;
  /** One short Chinese line, e.g. "自然人 · 予以公开 · 2025-03-02 办结". */
  detail: string;
  /** Console path when the item can be opened there ("/applications/DEMO-2025-000001"), else null. */
  consolePath: string | null;
}

export interface ReportCellContents {
  address: ReportCellAddress;
  /** Chinese description of the cell, e.g. "三、收到和处理政府信息公开申请情况 · 本年新收政府信息申请数量 · 自然人". */
  label: string;
  /** The item kind listed; 'figures' for cells entered as yearly figures (no items). */
  kind: 'applications' | 'reviewCases' | 'documents' | 'figures';
  /** Items behind the cell; its count equals the cell's value for computed cells. */
  items: ReportCellItem[];
  /** Set when items were cut at the limit. */
  truncated: boolean;
  /** For 'figures' cells: where the number comes from, in Chinese. */
  note: string | null;
}

/**
 * Throws DomainError BAD_INPUT for an address that names no cell. Lists at most `limit` items
 * (default 500), newest first.
 */
export async function findReportCellContents(
  db: Kysely<Database>,
  agencyId: number,
  year: number,
  address: ReportCellAddress,
  limit?: number,
): Promise<ReportCellContents> {
  void db;
  void agencyId;
  void year;
  void address;
  void limit;
  throw new Error('not implemented yet');
}
