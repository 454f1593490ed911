import { describe, expect, it } from 'vitest';
import { computeAnnualReport } from './compute-annual-report.ts';
import type { ApplicationRecord, ReportRecords } from './report-records.ts';

const app = (id: string, applicantType: ApplicationRecord['applicantType'], receivedOn: string, concludedOn: string | null, outcome: ApplicationRecord['outcome']): ApplicationRecord => ({
  id,
  applicantType,
  receivedOn,
  concludedOn,
  outcome,
});

// Each record's place in the 2024 and 2025 tables was worked out by hand (see comments).
const records: ReportRecords = {
  agencyName: '测试局',
  applications: [
    app('a1', 'natural_person', '2023-12-20', '2024-01-10', 'disclosed'), // 2024: carriedIn, disclosed
    app('a2', 'business', '2023-11-01', '2023-12-01', 'disclosed'), // closed in 2023: not in 2024
    app('a3', 'natural_person', '2024-01-01', '2024-01-15', 'partially_disclosed'), // received, partially
    app('a4', 'legal_service_org', '2024-12-31', null, null), // received, carried over (and into 2025)
    app('a5', 'research_institution', '2024-12-20', '2025-01-05', 'unavailable_not_held'), // received, carried over
    app('a6', 'public_interest_org', '2024-05-05', '2024-05-20', 'other_no_correction'), // received, （六）1
    app('a7', 'other_org', '2025-01-02', null, null), // 2025 only
    app('a8', 'business', '2022-06-01', null, null), // carried in and over, every year
    app('a9', 'natural_person', '2023-12-31', '2024-01-01', 'not_processed_duplicate'), // carriedIn, （五）2
    app('a10', 'natural_person', '2023-12-31', '2023-12-31', 'disclosed'), // closed in 2023
  ],
  reviewCases: [
    { id: 'r1', kind: 'adminReview', filedOn: '2023-11-01', concludedOn: '2024-02-01', result: 'upheld' },
    { id: 'r2', kind: 'adminReview', filedOn: '2024-03-01', concludedOn: null, result: null },
    { id: 'r3', kind: 'litigationDirect', filedOn: '2024-04-01', concludedOn: '2024-10-01', result: 'corrected' },
    { id: 'r4', kind: 'litigationAfterReview', filedOn: '2023-05-01', concludedOn: '2023-09-01', result: 'upheld' },
    { id: 'r5', kind: 'litigationAfterReview', filedOn: '2024-06-01', concludedOn: '2025-02-01', result: 'otherResult' },
  ],
  documents: [
    { id: 'd1', kind: 'rules', issuedOn: '2020-01-01', repealedOn: null },
    { id: 'd2', kind: 'normativeDocuments', issuedOn: '2024-03-01', repealedOn: null },
    { id: 'd3', kind: 'normativeDocuments', issuedOn: '2019-01-01', repealedOn: '2024-06-30' },
    { id: 'd4', kind: 'normativeDocuments', issuedOn: '2024-02-01', repealedOn: '2024-12-31' },
    { id: 'd5', kind: 'normativeDocuments', issuedOn: '2025-01-01', repealedOn: null },
    { id: 'd6', kind: 'normativeDocuments', issuedOn: '2021-01-01', repealedOn: '2025-03-01' },
  ],
  yearlyFigures: [{ year: 2024, licensing: 39, penalty: 2, enforcement: 0, administrativeFees: '1.5' }],
};

const zeros = { natural_person: 0, business: 0, research_institution: 0, public_interest_org: 0, legal_service_org: 0, other_org: 0, total: 0 };

describe('computeAnnualReport', () => {
  const r2024 = computeAnnualReport(records, 2024);

  it('counts applications received, carried in, concluded by outcome and carried over', () => {
    const t = r2024.table3;
    expect(t.received).toEqual({ ...zeros, natural_person: 1, research_institution: 1, public_interest_org: 1, legal_service_org: 1, total: 4 });
    expect(t.carriedIn).toEqual({ ...zeros, natural_person: 2, business: 1, total: 3 });
    expect(t.disclosed).toEqual({ ...zeros, natural_person: 1, total: 1 });
    expect(t.partially_disclosed).toEqual({ ...zeros, natural_person: 1, total: 1 });
    expect(t.not_processed_duplicate).toEqual({ ...zeros, natural_person: 1, total: 1 });
    expect(t.other_no_correction).toEqual({ ...zeros, public_interest_org: 1, total: 1 });
    expect(t.unavailable_not_held).toEqual(zeros);
    expect(t.concludedTotal).toEqual({ ...zeros, natural_person: 3, public_interest_org: 1, total: 4 });
    expect(t.carriedOver).toEqual({ ...zeros, business: 1, research_institution: 1, legal_service_org: 1, total: 3 });
  });

  it("carries last year's 四 into this year's 二, column by column", () => {
    const r2025 = computeAnnualReport(records, 2025);
    expect(r2025.table3.carriedIn).toEqual(r2024.table3.carriedOver);
    expect(r2025.table3.received).toEqual({ ...zeros, other_org: 1, total: 1 });
    expect(r2025.table3.unavailable_not_held).toEqual({ ...zeros, research_institution: 1, total: 1 });
    expect(r2025.table3.carriedOver).toEqual({ ...zeros, business: 1, legal_service_org: 1, other_org: 1, total: 3 });
  });

  it('counts review and litigation cases by result, pending across the year end', () => {
    expect(r2024.table4.adminReview).toEqual({ upheld: 1, corrected: 0, otherResult: 0, pending: 1, total: 2 });
    expect(r2024.table4.litigationDirect).toEqual({ upheld: 0, corrected: 1, otherResult: 0, pending: 0, total: 1 });
    expect(r2024.table4.litigationAfterReview).toEqual({ upheld: 0, corrected: 0, otherResult: 0, pending: 1, total: 1 });
    expect(computeAnnualReport(records, 2025).table4.litigationAfterReview).toEqual({ upheld: 0, corrected: 0, otherResult: 1, pending: 0, total: 1 });
  });

  it('counts documents issued, repealed and in force at 31 December', () => {
    expect(r2024.table2.rules).toEqual({ issued: 0, repealed: 0, inForce: 1 });
    expect(r2024.table2.normativeDocuments).toEqual({ issued: 2, repealed: 2, inForce: 2 });
  });

  it('takes the yearly figures, fees with 4 decimals; leaves them blank when not entered', () => {
    expect(r2024.table2).toMatchObject({ licensing: 39, penalty: 2, enforcement: 0, administrativeFees: '1.5000' });
    expect(computeAnnualReport(records, 2023).table2).toMatchObject({ licensing: null, penalty: null, enforcement: null, administrativeFees: null });
  });

  it('names the agency and year', () => {
    expect(r2024.agencyName).toBe('测试局');
    expect(r2024.year).toBe(2024);
  });
});

describe('computeAnnualReport: documents that expired (失效), not repealed (废止)', () => {
  const documents: ReportRecords['documents'] = [
    { id: 'e1', kind: 'normativeDocuments', issuedOn: '2023-05-01', repealedOn: null, expiredOn: '2024-06-30' },
    { id: 'e2', kind: 'normativeDocuments', issuedOn: '2024-02-01', repealedOn: null, expiredOn: '2025-01-31' },
    { id: 'e3', kind: 'normativeDocuments', issuedOn: '2024-03-01', repealedOn: null, expiredOn: '2024-12-31' },
    { id: 'e4', kind: 'normativeDocuments', issuedOn: '2022-01-01', repealedOn: null, expiredOn: null },
    { id: 'e5', kind: 'normativeDocuments', issuedOn: '2022-01-01', repealedOn: '2024-05-01' },
  ];
  const counts = (year: number) => computeAnnualReport({ ...records, documents }, year).table2.normativeDocuments;

  it('leaves 现行有效 from the expiry day without counting as 废止', () => {
    // 2023: issued e1; in force e1, e4, e5.
    expect(counts(2023)).toEqual({ issued: 1, repealed: 0, inForce: 3 });
    // 2024: issued e2, e3; repealed e5; in force e2 (expires 2025), e4. e1 and e3 (expired 12-31) are out.
    expect(counts(2024)).toEqual({ issued: 2, repealed: 1, inForce: 2 });
    // 2025: e2 expired in January; only e4 is left.
    expect(counts(2025)).toEqual({ issued: 0, repealed: 0, inForce: 1 });
  });
});
