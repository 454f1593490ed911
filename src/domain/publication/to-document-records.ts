// Table 二 第二十条第（一）项 from the publications: each published (or imported) 规章 and
// 行政规范性文件 becomes a DocumentRecord, issued on its 成文日期, repealed on its 废止 date.
import { DomainError } from '../domain-error.ts';
import type { DocumentRecord, IsoDate } from '../report/compute/report-records.ts';
import type { PublicationKind, PublicationState, Validity } from './publication.ts';

export interface PublicationForReport {
  id: number;
  kind: PublicationKind;
  state: PublicationState;
  writtenOn: IsoDate;
  validity: Validity;
}

export function toDocumentRecords(publications: readonly PublicationForReport[]): DocumentRecord[] {
  void publications;
  throw new DomainError('BAD_INPUT', 'toDocumentRecords: not built yet', '尚未实现');
}
