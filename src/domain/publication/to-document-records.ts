// Table 二 第二十条第（一）项 from the publications: each published (or imported) 规章 and
// 行政规范性文件 becomes a DocumentRecord, issued on its 成文日期, repealed on its 废止 date.
//
// A withdrawn (撤回) item still counts: it was issued (制发) all the same, and taking it off the
// portal does not repeal it; its 有效性 says whether it is still in force (the transition table lets
// a withdrawn item's validity change for this reason). Drafts, items in review and returned ones
// were never issued and do not count.
import type { DocumentRecord, IsoDate } from '../report/compute/report-records.ts';
import type { PublicationKind, PublicationState, Validity } from './publication.ts';

export interface PublicationForReport {
  id: number;
  kind: PublicationKind;
  state: PublicationState;
  writtenOn: IsoDate;
  validity: Validity;
}

const ISSUED_STATES: readonly PublicationState[] = ['published', 'withdrawn'];

/** Ids are prefixed so they never collide with documents imported from a records file. */
export const publicationDocumentId = (id: number): string => `publication-${id}`;

export function toDocumentRecords(publications: readonly PublicationForReport[]): DocumentRecord[] {
  const records: DocumentRecord[] = [];
  for (const publication of publications) {
    if (!ISSUED_STATES.includes(publication.state)) continue;
    if (publication.kind !== 'rules' && publication.kind !== 'normativeDocuments') continue;
    const { status, endedOn } = publication.validity;
    records.push({
      id: publicationDocumentId(publication.id),
      kind: publication.kind,
      issuedOn: publication.writtenOn,
      // 废止 counts in 本年废止件数; 失效 only ends 现行有效 (report-records.ts).
      repealedOn: status === 'repealed' ? endedOn : null,
      expiredOn: status === 'expired' ? endedOn : null,
    });
  }
  return records;
}
