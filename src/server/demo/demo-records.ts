// Two years (2024, 2025) of records of a made-up municipal bureau, 示范市示范局, so that a
// fresh install has a report to show. Hand-made and fixed: no randomness, no clock.
//
// Counts by design (the tests check them against this table):
//   2024: 40 received (自然人 26, 商业企业 6, 科研机构 2, 社会公益组织 2, 法律服务机构 3, 其他 1);
//         37 concluded in 2024; 3 open on 31 December 2024 (carried into 2025).
//   2025: 42 received (自然人 28, 商业企业 5, 科研机构 2, 社会公益组织 2, 法律服务机构 4, 其他 1);
//         the 3 carried in and 40 of this year's concluded in 2025; 2 open on 31 December 2025.
//   Review and litigation: 行政复议 4, 直接起诉 1, 复议后起诉 1; two cases pending across
//         the end of 2024, one still pending at the end of 2025.
//   行政规范性文件: 6 issued 2019–2023; 2024 issued 3, repealed 2; 2025 issued 2, repealed 1.
//   No 规章: a municipal 局 has no 规章制定权 (立法法; domain.md §4.1, rule T2-AUTH).
import type { ApplicationRecord, DocumentRecord, ReportRecords, ReviewCaseRecord, YearlyFigures } from '../../domain/report/compute/report-records.ts';
import type { ApplicantType, OutcomeCode } from '../../domain/report/report-format.ts';

export const DEMO_AGENCY = { code: 'demo', name: '示范市示范局', level: 'municipal' } as const;

/** A made-up 统一社会信用代码 with a valid check character (机构编制, 机关, 350100 福州市): the 索引号 rule needs one. */
export const DEMO_CREDIT_CODE = '11350100MB0000000Y';

export const DEMO_YEARS = [2024, 2025] as const;

/** [applicant type, received on (MM-DD of the year), concluded on (full date) or null, outcome or null] */
type ApplicationRow = readonly [ApplicantType, string, string | null, OutcomeCode | null];

const APPLICATIONS_2024: readonly ApplicationRow[] = [
  ['natural_person', '01-08', '2024-01-19', 'disclosed'],
  ['natural_person', '01-15', '2024-02-02', 'disclosed'],
  ['business', '01-22', '2024-02-07', 'partially_disclosed'],
  ['natural_person', '02-19', '2024-03-06', 'unavailable_not_held'],
  ['natural_person', '02-26', '2024-03-12', 'disclosed'],
  ['legal_service_org', '03-04', '2024-03-22', 'withheld_third_party_rights'],
  ['natural_person', '03-11', '2024-03-25', 'disclosed'],
  ['natural_person', '03-18', '2024-04-03', 'not_processed_petition'],
  ['research_institution', '03-27', '2024-04-17', 'unavailable_needs_creation'],
  ['natural_person', '04-08', '2024-04-22', 'disclosed'],
  ['business', '04-15', '2024-05-10', 'partially_disclosed'],
  ['natural_person', '04-23', '2024-05-13', 'withheld_process_info'],
  ['natural_person', '05-06', '2024-05-20', 'disclosed'],
  ['public_interest_org', '05-13', '2024-05-31', 'disclosed'],
  ['natural_person', '05-20', '2024-06-07', 'unavailable_not_held'],
  ['natural_person', '05-27', '2024-06-14', 'not_processed_duplicate'],
  ['legal_service_org', '06-03', '2024-06-21', 'withheld_enforcement_file'],
  ['natural_person', '06-11', '2024-06-28', 'disclosed'],
  ['business', '06-17', '2024-07-05', 'disclosed'],
  ['natural_person', '06-24', '2024-07-26', 'other_no_correction'],
  ['natural_person', '07-02', '2024-07-16', 'disclosed'],
  ['natural_person', '07-09', '2024-07-30', 'partially_disclosed'],
  ['other_org', '07-16', '2024-08-02', 'withheld_internal_affairs'],
  ['natural_person', '07-23', '2024-08-09', 'not_processed_publication'],
  ['natural_person', '08-05', '2024-08-20', 'disclosed'],
  ['natural_person', '08-12', '2024-08-30', 'unavailable_not_held'],
  ['business', '08-19', '2024-09-06', 'withheld_inquiry_matter'],
  ['natural_person', '08-26', '2024-09-13', 'other'],
  ['natural_person', '09-03', '2024-09-20', 'disclosed'],
  ['legal_service_org', '09-10', '2024-10-12', 'partially_disclosed'],
  ['natural_person', '09-18', '2024-10-16', 'not_processed_confirmation'],
  ['natural_person', '10-08', '2024-10-25', 'disclosed'],
  ['research_institution', '10-14', '2024-11-01', 'disclosed'],
  ['natural_person', '10-21', '2024-11-08', 'unavailable_unclear_after_correction'],
  ['business', '10-28', '2024-11-15', 'withheld_prohibited_by_law'],
  ['natural_person', '11-04', '2024-11-22', 'disclosed'],
  ['public_interest_org', '11-18', '2024-12-06', 'partially_disclosed'],
  // Open on 31 December 2024: carried over into 2025, concluded in January.
  ['natural_person', '12-16', '2025-01-10', 'disclosed'],
  ['business', '12-23', '2025-01-17', 'other_fee_unpaid'],
  ['natural_person', '12-27', '2025-01-24', 'unavailable_not_held'],
];

const APPLICATIONS_2025: readonly ApplicationRow[] = [
  ['natural_person', '01-06', '2025-01-20', 'disclosed'],
  ['natural_person', '01-13', '2025-02-05', 'disclosed'],
  ['business', '02-10', '2025-02-26', 'partially_disclosed'],
  ['natural_person', '02-17', '2025-03-05', 'unavailable_not_held'],
  ['legal_service_org', '02-24', '2025-03-14', 'withheld_third_party_rights'],
  ['natural_person', '03-03', '2025-03-17', 'disclosed'],
  ['natural_person', '03-10', '2025-03-28', 'withheld_security_stability'],
  ['research_institution', '03-17', '2025-04-03', 'disclosed'],
  ['natural_person', '03-24', '2025-04-11', 'not_processed_excessive'],
  ['natural_person', '03-31', '2025-04-18', 'not_processed_excessive'],
  ['business', '04-07', '2025-04-25', 'disclosed'],
  ['natural_person', '04-14', '2025-04-30', 'partially_disclosed'],
  ['public_interest_org', '04-21', '2025-05-12', 'disclosed'],
  ['natural_person', '05-06', '2025-05-23', 'withheld_process_info'],
  ['natural_person', '05-12', '2025-05-30', 'disclosed'],
  ['natural_person', '05-19', '2025-06-06', 'not_processed_petition'],
  ['legal_service_org', '05-26', '2025-06-13', 'withheld_enforcement_file'],
  ['natural_person', '06-03', '2025-06-20', 'disclosed'],
  ['other_org', '06-09', '2025-06-27', 'unavailable_not_held'],
  ['natural_person', '06-16', '2025-07-04', 'withheld_state_secret'],
  ['natural_person', '06-23', '2025-07-11', 'disclosed'],
  ['business', '06-30', '2025-07-18', 'partially_disclosed'],
  ['natural_person', '07-07', '2025-07-25', 'other_no_correction'],
  ['natural_person', '07-14', '2025-08-01', 'disclosed'],
  ['natural_person', '07-21', '2025-08-08', 'unavailable_needs_creation'],
  ['research_institution', '07-28', '2025-08-15', 'partially_disclosed'],
  ['natural_person', '08-04', '2025-08-22', 'disclosed'],
  ['natural_person', '08-11', '2025-08-29', 'not_processed_duplicate'],
  ['legal_service_org', '08-18', '2025-09-05', 'withheld_internal_affairs'],
  ['natural_person', '08-25', '2025-09-12', 'disclosed'],
  ['business', '09-01', '2025-09-19', 'other_fee_unpaid'],
  ['natural_person', '09-08', '2025-09-26', 'disclosed'],
  ['natural_person', '09-15', '2025-10-17', 'unavailable_not_held'],
  ['natural_person', '09-22', '2025-10-24', 'other'],
  ['public_interest_org', '10-13', '2025-10-31', 'disclosed'],
  ['natural_person', '10-20', '2025-11-07', 'not_processed_confirmation'],
  ['natural_person', '10-27', '2025-11-14', 'disclosed'],
  ['business', '11-10', '2025-11-28', 'withheld_inquiry_matter'],
  ['natural_person', '11-17', '2025-12-05', 'disclosed'],
  ['natural_person', '12-08', '2025-12-26', 'partially_disclosed'],
  // Open on 31 December 2025: carried over into 2026.
  ['natural_person', '12-22', null, null],
  ['legal_service_org', '12-29', null, null],
];

function toApplications(year: number, rows: readonly ApplicationRow[]): ApplicationRecord[] {
  return rows.map(([applicantType, receivedMonthDay, concludedOn, outcome], index) => ({
    id: `YSQ-${year}-${String(index + 1).padStart(3, '0')}`,
    applicantType,
    receivedOn: `${year}-${receivedMonthDay}`,
    concludedOn,
    outcome,
  }));
}

const REVIEW_CASES: readonly ReviewCaseRecord[] = [
  { id: 'FY-2024-01', kind: 'adminReview', filedOn: '2024-04-22', concludedOn: '2024-06-18', result: 'upheld' },
  { id: 'FY-2024-02', kind: 'adminReview', filedOn: '2024-07-29', concludedOn: '2024-09-20', result: 'corrected' },
  // Both pending on 31 December 2024, decided in 2025.
  { id: 'FY-2024-03', kind: 'adminReview', filedOn: '2024-11-25', concludedOn: '2025-02-14', result: 'upheld' },
  { id: 'SS-2024-01', kind: 'litigationDirect', filedOn: '2024-10-15', concludedOn: '2025-03-28', result: 'upheld' },
  { id: 'FY-2025-01', kind: 'adminReview', filedOn: '2025-05-19', concludedOn: '2025-07-10', result: 'upheld' },
  { id: 'SS-2025-01', kind: 'litigationAfterReview', filedOn: '2025-08-04', concludedOn: '2025-11-21', result: 'otherResult' },
  // Pending on 31 December 2025.
  { id: 'FY-2025-02', kind: 'adminReview', filedOn: '2025-11-24', concludedOn: null, result: null },
];

const DOCUMENTS: readonly DocumentRecord[] = [
  { id: '示范规〔2019〕1号', kind: 'normativeDocuments', issuedOn: '2019-03-15', repealedOn: '2024-06-30' },
  { id: '示范规〔2020〕1号', kind: 'normativeDocuments', issuedOn: '2020-05-20', repealedOn: null },
  { id: '示范规〔2021〕1号', kind: 'normativeDocuments', issuedOn: '2021-04-12', repealedOn: '2025-03-31' },
  { id: '示范规〔2022〕1号', kind: 'normativeDocuments', issuedOn: '2022-08-08', repealedOn: null },
  { id: '示范规〔2022〕2号', kind: 'normativeDocuments', issuedOn: '2022-11-30', repealedOn: '2024-12-20' },
  { id: '示范规〔2023〕1号', kind: 'normativeDocuments', issuedOn: '2023-06-16', repealedOn: null },
  { id: '示范规〔2024〕1号', kind: 'normativeDocuments', issuedOn: '2024-03-28', repealedOn: null },
  { id: '示范规〔2024〕2号', kind: 'normativeDocuments', issuedOn: '2024-09-13', repealedOn: null },
  { id: '示范规〔2024〕3号', kind: 'normativeDocuments', issuedOn: '2024-12-10', repealedOn: null },
  { id: '示范规〔2025〕1号', kind: 'normativeDocuments', issuedOn: '2025-04-18', repealedOn: null },
  { id: '示范规〔2025〕2号', kind: 'normativeDocuments', issuedOn: '2025-10-09', repealedOn: null },
];

const YEARLY_FIGURES: readonly YearlyFigures[] = [
  { year: 2024, licensing: 1286, penalty: 57, enforcement: 4, administrativeFees: '3.2150' },
  { year: 2025, licensing: 1342, penalty: 49, enforcement: 6, administrativeFees: '2.8760' },
];

/** A fresh copy each call, so callers may change it. */
export function createDemoRecords(): ReportRecords {
  return {
    agencyName: DEMO_AGENCY.name,
    applications: [...toApplications(2024, APPLICATIONS_2024), ...toApplications(2025, APPLICATIONS_2025)],
    reviewCases: REVIEW_CASES.map((c) => ({ ...c })),
    documents: DOCUMENTS.map((d) => ({ ...d })),
    yearlyFigures: YEARLY_FIGURES.map((f) => ({ ...f })),
  };
}
