// A notice template as an agency stores and edits it: plain text with `{{placeholders}}`
// (notice-placeholders.ts). The signature block (agency name, date) is not part of it: every
// notice prints it the same way, from `agencyName` and `issuedOn`.
import type { IsoDate } from '../../report/compute/report-records.ts';

export interface NoticeTemplate {
  readonly title: string;
  /** The 文号-like line under the title, e.g. 申请编号：{{trackingNumber}}; null for none. */
  readonly documentNumber: string | null;
  /** The 称谓 line, flush left, e.g. {{applicantName}}：. */
  readonly addressee: string;
  /** Body paragraphs, each indented two characters; a list placeholder stands alone in one. */
  readonly paragraphs: readonly string[];
}

/** A notice ready to print: no placeholders left. */
export interface FilledNotice {
  readonly title: string;
  readonly documentNumber: string | null;
  readonly addressee: string;
  readonly paragraphs: readonly string[];
  readonly agencyName: string;
  readonly issuedOn: IsoDate;
}
