// Small hand-made record sets for storage and server tests.
import type { ReportRecords } from '../src/domain/report/compute/report-records.ts';

/** Three applications (one open), two review cases (one pending), two documents, two years of figures. */
export function createSampleRecords(agencyName: string, idPrefix = 'S'): ReportRecords {
  return {
    agencyName,
    applications: [
      { id: `${idPrefix}-A1`, applicantType: 'natural_person', receivedOn: '2024-03-04', concludedOn: '2024-03-20', outcome: 'disclosed' },
      { id: `${idPrefix}-A2`, applicantType: 'business', receivedOn: '2024-12-27', concludedOn: null, outcome: null },
      { id: `${idPrefix}-A3`, applicantType: 'legal_service_org', receivedOn: '2024-06-11', concludedOn: '2024-07-02', outcome: 'withheld_process_info' },
    ],
    reviewCases: [
      { id: `${idPrefix}-R1`, kind: 'adminReview', filedOn: '2024-04-15', concludedOn: '2024-06-30', result: 'upheld' },
      { id: `${idPrefix}-R2`, kind: 'litigationDirect', filedOn: '2024-11-02', concludedOn: null, result: null },
    ],
    documents: [
      { id: `${idPrefix}-D1`, kind: 'normativeDocuments', issuedOn: '2021-05-10', repealedOn: '2024-08-01' },
      { id: `${idPrefix}-D2`, kind: 'normativeDocuments', issuedOn: '2024-02-29', repealedOn: null },
    ],
    yearlyFigures: [
      { year: 2023, licensing: 120, penalty: 7, enforcement: 0, administrativeFees: '0.0000' },
      { year: 2024, licensing: 131, penalty: 9, enforcement: 2, administrativeFees: '1.2500' },
    ],
  };
}
