// The typed model of one annual report (政府信息公开工作年度报告).
// A blank cell is `null` — missing, never 0 (domain.md §7 T3-INT).
import type { DocumentColumn, DocumentKind, ReviewColumn, ReviewGroup, Table3Column, Table3RowCode } from './report-format.ts';
import { DOCUMENT_COLUMNS, DOCUMENT_KINDS, REVIEW_GROUPS, REVIEW_RESULTS, TABLE3_COLUMNS, TABLE3_ROW_CODES } from './report-format.ts';

export type Cell = number | null;

export type DocumentCounts = Record<DocumentColumn, Cell>;
export type Table3Row = Record<Table3Column, Cell>;
export type ReviewCounts = Record<ReviewColumn, Cell>;

/** 二、主动公开政府信息情况: the four sub-tables of 第二十条（一）（五）（六）（八）. */
export interface Table2 {
  rules: DocumentCounts;
  normativeDocuments: DocumentCounts;
  licensing: Cell;
  penalty: Cell;
  enforcement: Cell;
  /** 万元, as a decimal string exactly as printed ("162", "0.0000"), so the decimals can be checked. */
  administrativeFees: string | null;
}

export type Table3 = Record<Table3RowCode, Table3Row>;
export type Table4 = Record<ReviewGroup, ReviewCounts>;

/** Prose sections 一、五、六 (and any prose found before the tables of 二、三、四). */
export interface ReportText {
  overview: string;
  proactive: string;
  applications: string;
  reviewLitigation: string;
  problems: string;
  otherMatters: string;
}

export interface AnnualReport {
  agencyName: string | null;
  year: number | null;
  table2: Table2;
  table3: Table3;
  table4: Table4;
  text: ReportText;
}

export type ReportTableId = 'table2' | 'table3' | 'table4';

export function createEmptyDocumentCounts(fill: Cell = null): DocumentCounts {
  return Object.fromEntries(DOCUMENT_COLUMNS.map((c) => [c.code, fill])) as DocumentCounts;
}

export function createEmptyTable3Row(fill: Cell = null): Table3Row {
  return Object.fromEntries(TABLE3_COLUMNS.map((c) => [c, fill])) as Table3Row;
}

export function createEmptyReviewCounts(fill: Cell = null): ReviewCounts {
  return Object.fromEntries(REVIEW_RESULTS.map((c) => [c.code, fill])) as ReviewCounts;
}

/** A report with every cell blank (`fill` = null) or zero (`fill` = 0). */
export function createEmptyReport(fill: Cell = null, agencyName: string | null = null, year: number | null = null): AnnualReport {
  const documents = Object.fromEntries(DOCUMENT_KINDS.map((k) => [k.code, createEmptyDocumentCounts(fill)])) as Record<DocumentKind, DocumentCounts>;
  return {
    agencyName,
    year,
    table2: {
      ...documents,
      licensing: fill,
      penalty: fill,
      enforcement: fill,
      administrativeFees: fill === null ? null : fill.toFixed(4),
    },
    table3: Object.fromEntries(TABLE3_ROW_CODES.map((r) => [r, createEmptyTable3Row(fill)])) as Table3,
    table4: Object.fromEntries(REVIEW_GROUPS.map((g) => [g.code, createEmptyReviewCounts(fill)])) as Table4,
    text: { overview: '', proactive: '', applications: '', reviewLitigation: '', problems: '', otherMatters: '' },
  };
}
