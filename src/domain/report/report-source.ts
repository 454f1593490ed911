// What a parser saw in a published report besides the numbers: the evidence that the
// structural, year and text-versus-table rules need. A computed report has no source.
import type { ReportTableId } from './annual-report.ts';
import type { SectionOrdinal } from './report-format.ts';

export type SourceFormat = 'txt' | 'html' | 'docx' | 'pdf' | 'json' | 'xlsx';

export interface FoundSection {
  ordinal: SectionOrdinal;
  /** The heading as printed, e.g. 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况 */
  heading: string;
  /** Position of the heading in `fullText`, for ordering checks. */
  offset: number;
}

/** A row or column label as printed, matched to its official code. */
export interface FoundLabel {
  table: ReportTableId;
  /** Row code (table 3: Table3RowCode; table 2: DocumentKind / DecisionKind / administrativeFees) or column code. */
  code: string;
  kind: 'row' | 'column';
  printed: string;
}

export interface ReportSource {
  format: SourceFormat;
  /** The report title as printed (first heading-like line), if any. */
  title: string | null;
  /** The whole document as plain text, after NFKC normalisation. */
  fullText: string;
  sections: FoundSection[];
  labels: FoundLabel[];
  /** The column header of 第二十条第（八）项 as printed (it may say 保留4位小数). */
  feeHeader: string | null;
  /** The statistics period stated in the text (…年1月1日至12月31日), if found. */
  statisticsYear: number | null;
}
