// Cases to the records the annual report engine counts (table 三, domain.md §8): the legal
// receipt date (第三十一条, not the date of a corrected application), and once closed the
// date of the closing event and the one outcome row.
import type { ApplicationRecord } from '../report/compute/report-records.ts';
import type { ApplicationCase } from './application-case.ts';

export function toReportRecord(applicationCase: ApplicationCase): ApplicationRecord {
  const closed = applicationCase.state === 'closed';
  return {
    id: applicationCase.id,
    applicantType: applicationCase.applicantType,
    receivedOn: applicationCase.receivedOn,
    concludedOn: closed ? applicationCase.concludedOn : null,
    outcome: closed ? applicationCase.outcome : null,
  };
}

export function toReportRecords(cases: readonly ApplicationCase[]): ApplicationRecord[] {
  return cases.map(toReportRecord);
}
