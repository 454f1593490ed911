import { describe, expect, it } from 'vitest';
import { computeAnnualReport } from './compute-annual-report.ts';
import type { ApplicationCounts, ReviewCaseCounts } from './compute-annual-report-from-counts.ts';
import { computeAnnualReportFromCounts, countReportRecords } from './compute-annual-report-from-counts.ts';
import type { ApplicationRecord, ReportRecords, ReviewCaseRecord } from './report-records.ts';

type Flags = Pick<ApplicationCounts, 'received' | 'carriedIn' | 'concluded' | 'carriedOver'>;
const none: Flags = { received: 0, carriedIn: 0, concluded: 0, carriedOver: 0 };

// Each application's place in the 2025 tables, worked out by hand from domain.md §8.
const APPLICATIONS: { record: ApplicationRecord; in2025: Flags }[] = [
  { record: { id: 'a1', applicantType: 'natural_person', receivedOn: '2025-01-01', concludedOn: null, outcome: null }, in2025: { ...none, received: 1, carriedOver: 1 } },
  { record: { id: 'a2', applicantType: 'business', receivedOn: '2025-12-31', concludedOn: '2025-12-31', outcome: 'disclosed' }, in2025: { ...none, received: 1, concluded: 1 } },
  // Open on 1 January (concluded that day): carried in, concluded.
  { record: { id: 'a3', applicantType: 'natural_person', receivedOn: '2024-12-31', concludedOn: '2025-01-01', outcome: 'other' }, in2025: { ...none, carriedIn: 1, concluded: 1 } },
  // Concluded on 31 December of the year before: not in 2025 at all.
  { record: { id: 'a4', applicantType: 'natural_person', receivedOn: '2024-12-31', concludedOn: '2024-12-31', outcome: 'disclosed' }, in2025: none },
  { record: { id: 'a5', applicantType: 'other_org', receivedOn: '2023-06-01', concludedOn: null, outcome: null }, in2025: { ...none, carriedIn: 1, carriedOver: 1 } },
  // Concluded on 1 January of the next year: open on 31 December.
  { record: { id: 'a6', applicantType: 'legal_service_org', receivedOn: '2025-12-31', concludedOn: '2026-01-01', outcome: 'partially_disclosed' }, in2025: { ...none, received: 1, carriedOver: 1 } },
  { record: { id: 'a7', applicantType: 'business', receivedOn: '2026-01-01', concludedOn: null, outcome: null }, in2025: none },
  // A date without an outcome is not a conclusion: it stays in 四.
  { record: { id: 'a8', applicantType: 'research_institution', receivedOn: '2025-03-01', concludedOn: '2025-03-05', outcome: null }, in2025: { ...none, received: 1, carriedOver: 1 } },
  { record: { id: 'a9', applicantType: 'business', receivedOn: '2025-02-01', concludedOn: '2025-02-20', outcome: 'disclosed' }, in2025: { ...none, received: 1, concluded: 1 } },
];

const REVIEW_CASES: { record: ReviewCaseRecord; in2025: { concluded: number; pending: number } }[] = [
  { record: { id: 'r1', kind: 'adminReview', filedOn: '2024-11-01', concludedOn: '2025-01-01', result: 'upheld' }, in2025: { concluded: 1, pending: 0 } },
  { record: { id: 'r2', kind: 'adminReview', filedOn: '2024-11-01', concludedOn: '2024-12-31', result: 'corrected' }, in2025: { concluded: 0, pending: 0 } },
  { record: { id: 'r3', kind: 'litigationDirect', filedOn: '2025-12-31', concludedOn: null, result: null }, in2025: { concluded: 0, pending: 1 } },
  { record: { id: 'r4', kind: 'litigationAfterReview', filedOn: '2025-06-01', concludedOn: '2026-01-01', result: 'otherResult' }, in2025: { concluded: 0, pending: 1 } },
  { record: { id: 'r5', kind: 'adminReview', filedOn: '2026-01-01', concludedOn: null, result: null }, in2025: { concluded: 0, pending: 0 } },
];

const records: ReportRecords = {
  agencyName: '测试局',
  applications: APPLICATIONS.map((a) => a.record),
  reviewCases: REVIEW_CASES.map((c) => c.record),
  documents: [{ id: 'd1', kind: 'rules', issuedOn: '2025-03-01', repealedOn: null }],
  yearlyFigures: [{ year: 2025, licensing: 3, penalty: 2, enforcement: 1, administrativeFees: '0.5' }],
};
const rest = { agencyName: records.agencyName, documents: records.documents, yearlyFigures: records.yearlyFigures };

describe('countReportRecords', () => {
  it.each(APPLICATIONS)('places application $record.id as counted by hand', ({ record, in2025 }) => {
    const counts = countReportRecords({ applications: [record], reviewCases: [] }, 2025);
    if (in2025 === none) expect(counts.applications).toEqual([]);
    else expect(counts.applications).toEqual([{ applicantType: record.applicantType, outcome: record.outcome, ...in2025 }]);
  });

  it.each(REVIEW_CASES)('places review case $record.id as counted by hand', ({ record, in2025 }) => {
    const counts = countReportRecords({ applications: [], reviewCases: [record] }, 2025);
    if (in2025.concluded + in2025.pending === 0) expect(counts.reviewCases).toEqual([]);
    else expect(counts.reviewCases).toEqual([{ kind: record.kind, result: record.result, ...in2025 }]);
  });
});

describe('computeAnnualReportFromCounts', () => {
  it.each([2023, 2024, 2025, 2026])('gives computeAnnualReport’s report for %i', (year) => {
    expect(computeAnnualReportFromCounts(countReportRecords(records, year), year, rest)).toEqual(computeAnnualReport(records, year));
  });

  it('fills the cells from hand-made counts, summing groups of the same row', () => {
    const applications: ApplicationCounts[] = [
      { applicantType: 'natural_person', outcome: 'disclosed', received: 2, carriedIn: 1, concluded: 3, carriedOver: 0 },
      { applicantType: 'natural_person', outcome: null, received: 4, carriedIn: 0, concluded: 0, carriedOver: 4 },
      { applicantType: 'business', outcome: 'disclosed', received: 1, carriedIn: 0, concluded: 0, carriedOver: 1 },
    ];
    const reviewCases: ReviewCaseCounts[] = [
      { kind: 'adminReview', result: 'upheld', concluded: 2, pending: 1 },
      { kind: 'adminReview', result: null, concluded: 0, pending: 3 },
    ];
    const report = computeAnnualReportFromCounts({ applications, reviewCases }, 2025, rest);
    expect(report.table3.received).toMatchObject({ natural_person: 6, business: 1, total: 7 });
    expect(report.table3.carriedIn).toMatchObject({ natural_person: 1, business: 0, total: 1 });
    expect(report.table3.disclosed).toMatchObject({ natural_person: 3, business: 0, total: 3 });
    expect(report.table3.concludedTotal.total).toBe(3);
    expect(report.table3.carriedOver).toMatchObject({ natural_person: 4, business: 1, total: 5 });
    expect(report.table3.other.total).toBe(0);
    expect(report.table4.adminReview).toEqual({ upheld: 2, corrected: 0, otherResult: 0, pending: 4, total: 6 });
    expect(report.table4.litigationDirect.total).toBe(0);
    // Table 二 as computeAnnualReport gives it.
    expect(report.table2.rules.issued).toBe(1);
    expect(report.table2.administrativeFees).toBe('0.5000');
  });
});
