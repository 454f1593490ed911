// The records an annual report is computed from. Until the case system exists they come
// from an import file (JSON or CSV); later from the application and publication tables.
import type { ApplicantType, DocumentKind, OutcomeCode, ReviewGroup, ReviewResult } from '../report-format.ts';

/** YYYY-MM-DD, a calendar date in China (no time, no zone). */
export type IsoDate = string;

/** One 政府信息公开申请. 收到申请之日 follows 条例第三十一条. */
export interface ApplicationRecord {
  id: string;
  applicantType: ApplicantType;
  receivedOn: IsoDate;
  /** null while the case is open. */
  concludedOn: IsoDate | null;
  /** Exactly one of the 21 outcome rows once concluded; null while open. */
  outcome: OutcomeCode | null;
}

/** One 行政复议 or 行政诉讼 about disclosure work. */
export interface ReviewCaseRecord {
  id: string;
  kind: ReviewGroup;
  filedOn: IsoDate;
  concludedOn: IsoDate | null;
  result: ReviewResult | null;
}

/** A 规章 or 行政规范性文件 the agency itself issued. */
export interface DocumentRecord {
  id: string;
  kind: DocumentKind;
  issuedOn: IsoDate;
  repealedOn: IsoDate | null;
  /**
   * 失效: the day it stopped being in force by its own terms (有效期届满). Not 废止, so never counted
   * as repealed; no longer 现行有效 from that day. Absent or null while in force.
   */
  expiredOn?: IsoDate | null;
}

/** Counts entered per year (第二十条第（五）（六）（八）项). */
export interface YearlyFigures {
  year: number;
  licensing: number;
  penalty: number;
  enforcement: number;
  /** 万元, decimal string. */
  administrativeFees: string;
}

export interface ReportRecords {
  agencyName: string;
  applications: ApplicationRecord[];
  reviewCases: ReviewCaseRecord[];
  documents: DocumentRecord[];
  yearlyFigures: YearlyFigures[];
}
