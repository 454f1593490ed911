// A year of 依申请公开 cases (2025) built through the real service, and the annual report's
// tables 三 and 四 checked cell by cell against figures counted by hand from the case list
// below (domain.md §8: received in the year → 一; open on 1 January → 二; concluded in the
// year → its one outcome row; open on 31 December → 四). Dates are real working days on the
// 2024/2025 arrangements (2025: 元旦 1 Jan, 春节 28 Jan – 4 Feb with 26 Jan and 8 Feb worked,
// 劳动节 1–5 May with 27 Apr worked); each 补正 notice is within 7 working days (第三十条).
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { CaseEventInput } from '../src/server/applications/application.service.ts';
import { createApplicationService } from '../src/server/applications/application.service.ts';
import type { ApplicationService } from '../src/server/applications/application.service.ts';
import { createAgenciesRepository } from '../src/server/agencies/agencies.repository.ts';
import type { Database } from '../src/server/db/database.ts';
import { createAnnualReportService } from '../src/server/reports/annual-report.service.ts';
import { HOLIDAY_ARRANGEMENTS } from '../src/domain/calendar/holiday-arrangements.ts';
import { createWorkingDayCalendar } from '../src/domain/calendar/working-day-calendar.ts';
import type { ApplicantType, OutcomeCode, ReviewGroup, ReviewResult } from '../src/domain/report/report-format.ts';
import { TABLE3_COLUMNS, TABLE3_ROW_CODES } from '../src/domain/report/report-format.ts';
import { describeEachDatabase } from './test-database.ts';

// GB 11643's own example (check digit X) and a GB 32100 code whose check character is right.
const ID_NUMBER = '11010519491231002X';
const CREDIT_CODE = '91350100M000100Y43';
const BASIS = '《中华人民共和国政府信息公开条例》第三十六条';

type Step = CaseEventInput & { leader?: true };

interface CaseSpec {
  /** Label used in the comments of the expected tables. */
  label: string;
  agency: 'city' | 'other';
  type: ApplicantType;
  receivedOn: string;
  steps: Step[];
}

const replied = (at: string, outcome: OutcomeCode): Step => ({ kind: 'replied', at, outcome, legalBasis: BASIS });

// Columns: 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 | 总计.
const CASES: CaseSpec[] = [
  // ---- received in 2024 ----
  // C1 自然人: open on 1 Jan 2025, replied 8 Jan → 2025 二 and （一）.
  { label: 'C1', agency: 'city', type: 'natural_person', receivedOn: '2024-12-16', steps: [replied('2025-01-08', 'disclosed')] },
  // C2 商业企业: due 21 Jan 2025, extended on 10 Jan, replied 10 Feb → 2025 二 and （二）.
  {
    label: 'C2',
    agency: 'city',
    type: 'business',
    receivedOn: '2024-12-23',
    steps: [{ kind: 'extensionApproved', at: '2025-01-10', workingDays: 20, reason: '需调取档案', leader: true }, replied('2025-02-10', 'partially_disclosed')],
  },
  // C3 自然人: 第三十五条 reasonable, 合理期限 to 27 Feb 2026 → 2025 二 and 四 (carried both ways).
  {
    label: 'C3',
    agency: 'city',
    type: 'natural_person',
    receivedOn: '2024-12-27',
    steps: [
      { kind: 'article35ReasonsRequested', at: '2025-01-06' },
      { kind: 'article35Decided', at: '2025-01-20', reasonable: true, delayedDueOn: '2026-02-27' },
    ],
  },
  // C4 自然人: received and replied in 2024 → nothing in 2025.
  { label: 'C4', agency: 'city', type: 'natural_person', receivedOn: '2024-11-04', steps: [replied('2024-11-20', 'disclosed')] },

  // ---- received in 2025: one case per outcome row ----
  // D1 自然人 （一）: 补正 asked 5 Mar (7th working day is 12 Mar), corrected 10 Mar.
  {
    label: 'D1',
    agency: 'city',
    type: 'natural_person',
    receivedOn: '2025-03-03',
    steps: [
      { kind: 'correctionRequested', at: '2025-03-05', items: ['请写明所需信息的名称或文号'], correctionDueOn: '2025-03-12' },
      { kind: 'correctionReceived', at: '2025-03-10' },
      replied('2025-03-20', 'disclosed'),
    ],
  },
  // D2 商业企业 （二）: fee notice and payment.
  {
    label: 'D2',
    agency: 'city',
    type: 'business',
    receivedOn: '2025-03-03',
    steps: [
      { kind: 'feeNoticeSent', at: '2025-03-10', amount: '100', basis: { method: 'by_pages', pages: 40 }, paymentDueOn: '2025-03-20' },
      { kind: 'feePaid', at: '2025-03-17' },
      replied('2025-03-31', 'partially_disclosed'),
    ],
  },
  // D3 科研机构 （三）1.
  { label: 'D3', agency: 'city', type: 'research_institution', receivedOn: '2025-03-04', steps: [replied('2025-03-20', 'withheld_state_secret')] },
  // D4 社会公益组织 （三）2.
  { label: 'D4', agency: 'city', type: 'public_interest_org', receivedOn: '2025-03-04', steps: [replied('2025-03-21', 'withheld_prohibited_by_law')] },
  // D5 法律服务机构 （三）3.
  { label: 'D5', agency: 'city', type: 'legal_service_org', receivedOn: '2025-03-05', steps: [replied('2025-03-21', 'withheld_security_stability')] },
  // D6 其他 （三）4: third party consulted (clock paused) and objected.
  {
    label: 'D6',
    agency: 'city',
    type: 'other_org',
    receivedOn: '2025-03-05',
    steps: [
      { kind: 'consultationStarted', at: '2025-03-07', party: 'thirdParty', addressees: ['某建设公司'] },
      { kind: 'consultationAnswered', at: '2025-03-24', party: 'thirdParty', answer: 'objected' },
      replied('2025-04-01', 'withheld_third_party_rights'),
    ],
  },
  // D7 自然人 （三）5.
  { label: 'D7', agency: 'city', type: 'natural_person', receivedOn: '2025-04-07', steps: [replied('2025-04-18', 'withheld_internal_affairs')] },
  // D8 自然人 （三）6: due 7 May (劳动节 off, 27 Apr worked), extended on 28 Apr, replied 20 May.
  {
    label: 'D8',
    agency: 'city',
    type: 'natural_person',
    receivedOn: '2025-04-07',
    steps: [{ kind: 'extensionApproved', at: '2025-04-28', workingDays: 20, reason: '涉及多个科室', leader: true }, replied('2025-05-20', 'withheld_process_info')],
  },
  // D9 商业企业 （三）7.
  { label: 'D9', agency: 'city', type: 'business', receivedOn: '2025-05-12', steps: [replied('2025-05-23', 'withheld_enforcement_file')] },
  // D10 商业企业 （三）8.
  { label: 'D10', agency: 'city', type: 'business', receivedOn: '2025-05-12', steps: [replied('2025-05-26', 'withheld_inquiry_matter')] },
  // D11 自然人 （四）1.
  { label: 'D11', agency: 'city', type: 'natural_person', receivedOn: '2025-06-03', steps: [replied('2025-06-13', 'unavailable_not_held')] },
  // D12 科研机构 （四）2.
  { label: 'D12', agency: 'city', type: 'research_institution', receivedOn: '2025-06-03', steps: [replied('2025-06-16', 'unavailable_needs_creation')] },
  // D13 自然人 （四）3: 补正 asked 11 Jun (7th working day is 18 Jun), corrected 18 Jun, still unclear.
  {
    label: 'D13',
    agency: 'city',
    type: 'natural_person',
    receivedOn: '2025-06-09',
    steps: [
      { kind: 'correctionRequested', at: '2025-06-11', items: ['请写明所需信息的时间范围'], correctionDueOn: '2025-06-20' },
      { kind: 'correctionReceived', at: '2025-06-18' },
      replied('2025-07-02', 'unavailable_unclear_after_correction'),
    ],
  },
  // D14 自然人 （五）1.
  { label: 'D14', agency: 'city', type: 'natural_person', receivedOn: '2025-07-07', steps: [replied('2025-07-10', 'not_processed_petition')] },
  // D15 自然人 （五）2.
  { label: 'D15', agency: 'city', type: 'natural_person', receivedOn: '2025-07-07', steps: [replied('2025-07-11', 'not_processed_duplicate')] },
  // D16 社会公益组织 （五）3.
  { label: 'D16', agency: 'city', type: 'public_interest_org', receivedOn: '2025-07-08', steps: [replied('2025-07-15', 'not_processed_publication')] },
  // D17 自然人 （五）4: 第三十五条, reasons found unreasonable.
  {
    label: 'D17',
    agency: 'city',
    type: 'natural_person',
    receivedOn: '2025-08-04',
    steps: [
      { kind: 'article35ReasonsRequested', at: '2025-08-06' },
      { kind: 'article35Decided', at: '2025-08-20', reasonable: false, delayedDueOn: null },
    ],
  },
  // D18 法律服务机构 （五）5.
  { label: 'D18', agency: 'city', type: 'legal_service_org', receivedOn: '2025-08-04', steps: [replied('2025-08-12', 'not_processed_confirmation')] },
  // D19 自然人 （六）1: 补正 asked 3 Sep, period to 12 Sep, lapsed 15 Sep.
  {
    label: 'D19',
    agency: 'city',
    type: 'natural_person',
    receivedOn: '2025-09-01',
    steps: [
      { kind: 'correctionRequested', at: '2025-09-03', items: ['请写明所需信息的名称'], correctionDueOn: '2025-09-12' },
      { kind: 'correctionLapsed', at: '2025-09-15' },
    ],
  },
  // D20 商业企业 （六）2: fee notice, payment due 22 Sep, lapsed 23 Sep.
  {
    label: 'D20',
    agency: 'city',
    type: 'business',
    receivedOn: '2025-09-01',
    steps: [
      { kind: 'feeNoticeSent', at: '2025-09-08', amount: '200', basis: { method: 'by_pages', pages: 50 }, paymentDueOn: '2025-09-22' },
      { kind: 'feeLapsed', at: '2025-09-23' },
    ],
  },
  // D21 其他 （六）3: withdrawn.
  { label: 'D21', agency: 'city', type: 'other_org', receivedOn: '2025-09-02', steps: [{ kind: 'withdrawn', at: '2025-09-05' }] },

  // ---- received in 2025, open on 31 December → 四 ----
  // D22 自然人: in progress.
  { label: 'D22', agency: 'city', type: 'natural_person', receivedOn: '2025-12-15', steps: [] },
  // D23 商业企业: other agency consulted on 24 Dec, no answer yet.
  {
    label: 'D23',
    agency: 'city',
    type: 'business',
    receivedOn: '2025-12-22',
    steps: [{ kind: 'consultationStarted', at: '2025-12-24', party: 'otherAgency', addressees: ['示范市财政局'] }],
  },
  // D24 自然人: replied 6 Jan 2026, after the year end.
  { label: 'D24', agency: 'city', type: 'natural_person', receivedOn: '2025-12-01', steps: [replied('2026-01-06', 'disclosed')] },
  // D25 科研机构: 补正 asked 31 Dec (2nd working day), waiting.
  {
    label: 'D25',
    agency: 'city',
    type: 'research_institution',
    receivedOn: '2025-12-29',
    steps: [{ kind: 'correctionRequested', at: '2025-12-31', items: ['请写明所需信息的名称'], correctionDueOn: '2026-01-09' }],
  },

  // ---- another agency's case: never in 示范市示范局's tables ----
  { label: 'X1', agency: 'other', type: 'natural_person', receivedOn: '2025-05-06', steps: [replied('2025-05-16', 'disclosed')] },
];

interface ReviewSpec {
  label: string;
  agency: 'city' | 'other';
  kind: ReviewGroup;
  filedOn: string;
  concluded?: { on: string; result: ReviewResult };
  /** Label of the case it is about. */
  about?: string;
}

const REVIEWS: ReviewSpec[] = [
  // 行政复议
  { label: 'A1', agency: 'city', kind: 'adminReview', filedOn: '2024-10-10', concluded: { on: '2024-12-20', result: 'upheld' } }, // closed in 2024: not in 2025
  { label: 'A2', agency: 'city', kind: 'adminReview', filedOn: '2024-11-15', concluded: { on: '2025-02-14', result: 'corrected' } }, // 纠正
  { label: 'A3', agency: 'city', kind: 'adminReview', filedOn: '2025-04-10', concluded: { on: '2025-06-10', result: 'upheld' }, about: 'D6' }, // 维持
  { label: 'A4', agency: 'city', kind: 'adminReview', filedOn: '2025-04-01', concluded: { on: '2025-06-01', result: 'otherResult' } }, // 其他
  { label: 'A5', agency: 'city', kind: 'adminReview', filedOn: '2025-11-20', concluded: { on: '2026-01-15', result: 'upheld' } }, // 尚未审结 at 31 Dec
  { label: 'A6', agency: 'city', kind: 'adminReview', filedOn: '2025-05-01' }, // 尚未审结
  // 未经复议直接起诉
  { label: 'L1', agency: 'city', kind: 'litigationDirect', filedOn: '2024-12-02' }, // filed 2024, still pending: 尚未审结
  { label: 'L2', agency: 'city', kind: 'litigationDirect', filedOn: '2025-02-01', concluded: { on: '2025-08-01', result: 'upheld' } }, // 维持
  { label: 'L3', agency: 'city', kind: 'litigationDirect', filedOn: '2025-03-01', concluded: { on: '2025-09-01', result: 'corrected' } }, // 纠正
  { label: 'L4', agency: 'city', kind: 'litigationDirect', filedOn: '2025-03-15', concluded: { on: '2025-10-15', result: 'otherResult' } }, // 其他
  { label: 'L5', agency: 'city', kind: 'litigationDirect', filedOn: '2025-04-20', concluded: { on: '2025-11-20', result: 'upheld' } }, // 维持
  // 复议后起诉
  { label: 'M1', agency: 'city', kind: 'litigationAfterReview', filedOn: '2025-06-01', concluded: { on: '2025-12-01', result: 'upheld' }, about: 'D8' }, // 维持
  { label: 'M2', agency: 'city', kind: 'litigationAfterReview', filedOn: '2025-06-15', concluded: { on: '2025-12-31', result: 'corrected' } }, // 纠正 on the last day
  { label: 'M3', agency: 'city', kind: 'litigationAfterReview', filedOn: '2025-07-01', concluded: { on: '2025-12-15', result: 'otherResult' } }, // 其他
  { label: 'M4', agency: 'city', kind: 'litigationAfterReview', filedOn: '2025-12-31', concluded: { on: '2026-01-20', result: 'corrected' } }, // 尚未审结 at 31 Dec
  { label: 'M5', agency: 'city', kind: 'litigationAfterReview', filedOn: '2024-09-01', concluded: { on: '2025-01-01', result: 'upheld' } }, // open on 1 Jan, 维持
  // Another agency's review: not counted.
  { label: 'XR', agency: 'other', kind: 'adminReview', filedOn: '2025-06-01', concluded: { on: '2025-07-01', result: 'upheld' } },
];

// Table 三 for 2025, counted by hand from the comments above.
// Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
const EXPECTED_TABLE3_2025: Record<(typeof TABLE3_ROW_CODES)[number], number[]> = {
  // 自然人 D1 D7 D8 D11 D13 D14 D15 D17 D19 D22 D24 = 11; 商业企业 D2 D9 D10 D20 D23 = 5;
  // 科研机构 D3 D12 D25 = 3; 社会公益组织 D4 D16; 法律服务机构 D5 D18; 其他 D6 D21.
  received: [11, 5, 3, 2, 2, 2, 25],
  carriedIn: [2, 1, 0, 0, 0, 0, 3], // C1, C3 自然人; C2 商业企业 (C4 closed in 2024)
  disclosed: [2, 0, 0, 0, 0, 0, 2], // C1, D1 (D24 is replied in 2026)
  partially_disclosed: [0, 2, 0, 0, 0, 0, 2], // C2, D2
  withheld_state_secret: [0, 0, 1, 0, 0, 0, 1], // D3
  withheld_prohibited_by_law: [0, 0, 0, 1, 0, 0, 1], // D4
  withheld_security_stability: [0, 0, 0, 0, 1, 0, 1], // D5
  withheld_third_party_rights: [0, 0, 0, 0, 0, 1, 1], // D6
  withheld_internal_affairs: [1, 0, 0, 0, 0, 0, 1], // D7
  withheld_process_info: [1, 0, 0, 0, 0, 0, 1], // D8
  withheld_enforcement_file: [0, 1, 0, 0, 0, 0, 1], // D9
  withheld_inquiry_matter: [0, 1, 0, 0, 0, 0, 1], // D10
  unavailable_not_held: [1, 0, 0, 0, 0, 0, 1], // D11
  unavailable_needs_creation: [0, 0, 1, 0, 0, 0, 1], // D12
  unavailable_unclear_after_correction: [1, 0, 0, 0, 0, 0, 1], // D13
  not_processed_petition: [1, 0, 0, 0, 0, 0, 1], // D14
  not_processed_duplicate: [1, 0, 0, 0, 0, 0, 1], // D15
  not_processed_publication: [0, 0, 0, 1, 0, 0, 1], // D16
  not_processed_excessive: [1, 0, 0, 0, 0, 0, 1], // D17
  not_processed_confirmation: [0, 0, 0, 0, 1, 0, 1], // D18
  other_no_correction: [1, 0, 0, 0, 0, 0, 1], // D19
  other_fee_unpaid: [0, 1, 0, 0, 0, 0, 1], // D20
  other: [0, 0, 0, 0, 0, 1, 1], // D21
  // 自然人 C1 D1 D7 D8 D11 D13 D14 D15 D17 D19 = 10; 商业企业 C2 D2 D9 D10 D20 = 5; 科研机构 D3 D12.
  concludedTotal: [10, 5, 2, 2, 2, 2, 23],
  carriedOver: [3, 1, 1, 0, 0, 0, 5], // C3 D22 D24 自然人; D23 商业企业; D25 科研机构
};

// Table 四 for 2025: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
const EXPECTED_TABLE4_2025: Record<ReviewGroup, number[]> = {
  adminReview: [1, 1, 1, 2, 5], // A3 | A2 | A4 | A5 A6 (A1 closed in 2024)
  litigationDirect: [2, 1, 1, 1, 5], // L2 L5 | L3 | L4 | L1
  litigationAfterReview: [2, 1, 1, 1, 5], // M1 M5 | M2 | M3 | M4
};
const TABLE4_COLUMNS = ['upheld', 'corrected', 'otherResult', 'pending', 'total'] as const;

async function buildYear(db: Kysely<Database>, service: ApplicationService): Promise<Map<string, string>> {
  const agencies = createAgenciesRepository(db);
  await agencies.createAgency({ code: 'city', name: '示范市示范局', level: 'municipal' });
  await agencies.createAgency({ code: 'other', name: '示范市另一局', level: 'municipal' });
  const numbers = new Map<string, string>();
  for (const spec of CASES) {
    const person = spec.type === 'natural_person';
    const { trackingNumber } = await service.receiveApplication(
      spec.agency,
      {
        channel: 'online',
        receivedOn: spec.receivedOn,
        applicant: { type: spec.type, name: person ? '张三' : '示范有限公司', idNumber: person ? ID_NUMBER : null, creditCode: person ? null : CREDIT_CODE },
        requestedInformation: `案例${spec.label}所需信息`,
      },
      'u-clerk',
      ['clerk'],
    );
    numbers.set(spec.label, trackingNumber);
    let version = 1;
    for (const { leader, ...event } of spec.steps) {
      const roles = leader ? ['leader'] : ['clerk'];
      const details = await service.recordEvent(trackingNumber, event as CaseEventInput, { actor: leader ? 'u-leader' : 'u-clerk', actorRoles: roles, expectedVersion: version });
      version = details.version;
    }
  }
  for (const review of REVIEWS) {
    const created = await service.createReviewCase(review.agency, {
      kind: review.kind,
      body: review.kind === 'adminReview' ? '示范市人民政府' : '示范区人民法院',
      filedOn: review.filedOn,
      trackingNumber: review.about === undefined ? null : numbers.get(review.about)!,
    }, 'u-clerk', ['clerk']);
    if (review.concluded) await service.concludeReviewCase(review.agency, created.id, { concludedOn: review.concluded.on, result: review.concluded.result }, 'u-clerk', ['clerk']);
  }
  return numbers;
}

describeEachDatabase('a year of cases in tables 三 and 四', (database) => {
  let numbers: Map<string, string>;
  beforeAll(async () => {
    const calendar = createWorkingDayCalendar(HOLIDAY_ARRANGEMENTS);
    const service = createApplicationService({ db: database.db, calendar, today: () => '2026-02-02' });
    numbers = await buildYear(database.db, service);
  });

  it('builds every case through the service, with the states the events lead to', async () => {
    expect(numbers.size).toBe(CASES.length);
    const calendar = createWorkingDayCalendar(HOLIDAY_ARRANGEMENTS);
    const service = createApplicationService({ db: database.db, calendar, today: () => '2026-02-02' });
    expect((await service.getApplication(numbers.get('C3')!)).state).toBe('delayed_article35');
    expect((await service.getApplication(numbers.get('D23')!)).state).toBe('consulting');
    expect((await service.getApplication(numbers.get('D25')!)).state).toBe('awaiting_correction');
    expect((await service.getApplication(numbers.get('D17')!)).outcome).toBe('not_processed_excessive');
    expect((await service.getApplication(numbers.get('D19')!)).outcome).toBe('other_no_correction');
    expect((await service.getApplication(numbers.get('D20')!)).outcome).toBe('other_fee_unpaid');
    expect((await service.getApplication(numbers.get('D21')!)).outcome).toBe('other');
  });

  it('gives every cell of table 三 for 2025 as counted by hand', async () => {
    const { report } = await createAnnualReportService({ db: database.db }).getAnnualReport('city', 2025);
    const actual = Object.fromEntries(TABLE3_ROW_CODES.map((row) => [row, TABLE3_COLUMNS.map((column) => report.table3[row][column])]));
    expect(TABLE3_ROW_CODES).toHaveLength(25);
    expect(actual).toEqual(EXPECTED_TABLE3_2025);
  });

  it('gives every cell of table 四 for 2025 as counted by hand', async () => {
    const { report } = await createAnnualReportService({ db: database.db }).getAnnualReport('city', 2025);
    const actual = Object.fromEntries(Object.keys(EXPECTED_TABLE4_2025).map((group) => [group, TABLE4_COLUMNS.map((column) => report.table4[group as ReviewGroup][column])]));
    expect(actual).toEqual(EXPECTED_TABLE4_2025);
  });

  it("carries 2024's 结转下年度 into 2025's 上年结转", async () => {
    const reports = createAnnualReportService({ db: database.db });
    const { report: report2024 } = await reports.getAnnualReport('city', 2024);
    const { report: report2025, findings } = await reports.getAnnualReport('city', 2025);
    // 2024: received C1 C2 C3 C4 (自然人 3, 商业企业 1); C1 C2 C3 still open on 31 December.
    expect(TABLE3_COLUMNS.map((c) => report2024.table3.received[c])).toEqual([3, 1, 0, 0, 0, 0, 4]);
    expect(TABLE3_COLUMNS.map((c) => report2024.table3.carriedOver[c])).toEqual([2, 1, 0, 0, 0, 0, 3]);
    expect(report2025.table3.carriedIn).toEqual(report2024.table3.carriedOver);
    expect(findings.filter((f) => f.ruleId.startsWith('XY-CARRY'))).toEqual([]);
  });

  it("keeps another agency's cases out", async () => {
    const { report } = await createAnnualReportService({ db: database.db }).getAnnualReport('other', 2025);
    expect(report.table3.disclosed.natural_person).toBe(1);
    expect(report.table3.received.total).toBe(1);
    expect(report.table4.adminReview.upheld).toBe(1);
    expect(report.table4.adminReview.total).toBe(1);
  });
});
