// A year of cases, run through the state machine, counted by the annual report engine.
// Each case's place in table 三 of 2031 (and 2030, 2032) is worked out by hand in its comment.
import { describe, expect, it } from 'vitest';
import { computeAnnualReport } from '../report/compute/compute-annual-report.ts';
import type { ApplicationCase } from './application-case.ts';
import { buildCase, events as e, received } from './case-test-support.ts';
import { toReportRecord, toReportRecords } from './to-report-records.ts';

const cases: ApplicationCase[] = [
  // 2030 → 2031: carried in, 予以公开 in 2031.
  buildCase('c01', received('2030-12-20', 'natural_person'), [e.replied('2031-01-10', 'disclosed')]),
  // Received and concluded in 2030: not in 2031 at all.
  buildCase('c02', received('2030-11-03', 'business'), [e.replied('2030-11-20', 'partially_disclosed')]),
  // Consultation pause, reply: 2031 received, （三）4.
  buildCase('c03', received('2031-03-03', 'natural_person'), [e.consultationStarted('2031-03-07'), e.consultationAnswered('2031-03-21'), e.replied('2031-04-14', 'withheld_third_party_rights')]),
  // Extension of 20 working days (due 2 May), reply: 2031 received, （四）1.
  buildCase('c04', received('2031-03-03', 'research_institution'), [e.extensionApproved('2031-04-01'), e.replied('2031-05-02', 'unavailable_not_held')]),
  // Withdrawn: 2031 received, （六）3 其他.
  buildCase('c05', received('2031-06-02', 'public_interest_org'), [e.withdrawn('2031-06-05')]),
  // No correction: 2031 received, （六）1.
  buildCase('c06', received('2031-03-03', 'legal_service_org'), [e.correctionRequested('2031-03-05', '2031-03-25'), e.correctionLapsed('2031-03-26')]),
  // Fee not paid: 2031 received, （六）2.
  buildCase('c07', received('2031-04-01', 'other_org'), [e.feeNoticeSent('2031-04-03', '2031-04-30'), e.feeLapsed('2031-05-06')]),
  // 第三十五条 unreasonable: 2031 received, （五）4.
  buildCase('c08', received('2031-05-05', 'natural_person'), [e.article35ReasonsRequested('2031-05-06'), e.article35Decided('2031-05-12', false)]),
  // Still consulting on 31 December: 2031 received and carried over.
  buildCase('c09', received('2031-12-15', 'business'), [e.consultationStarted('2031-12-17', 'otherAgency')]),
  // Received on 29 December, open: received and carried over.
  buildCase('c10', received('2031-12-29', 'natural_person')),
  // 2030 → 2031 → 2032 under a 第三十五条 合理期限: carried in and carried over in 2031; replied 2032.
  buildCase('c11', received('2030-12-29', 'business', 'online'), [
    e.article35ReasonsRequested('2030-12-30'),
    e.article35Decided('2031-01-05', true, '2032-01-15'),
    e.replied('2032-01-10', 'disclosed'),
  ]),
  // 补正 restarts the clock but not the receipt date: 2031 received (3 Mar), （四）3.
  buildCase('c12', received('2031-03-03', 'research_institution'), [e.correctionRequested('2031-03-05', '2031-03-25'), e.correctionReceived('2031-03-20'), e.replied('2031-04-10', 'unavailable_unclear_after_correction')]),
  // 当场答复: 2031 received, 予以公开.
  buildCase('c13', received('2031-07-01', 'natural_person'), [e.replied('2031-07-01', 'disclosed')]),
  // Received in 2031, replied in 2032: carried over.
  buildCase('c14', received('2031-12-01', 'other_org', 'registered_mail'), [e.replied('2032-01-06', 'partially_disclosed')]),
  // Fee paid, then replied: 2031 received, 予以公开.
  buildCase('c15', received('2031-02-03', 'natural_person'), [e.feeNoticeSent('2031-02-05', '2031-02-28'), e.feePaid('2031-02-20'), e.replied('2031-03-17', 'disclosed')]),
];

const zeros = { natural_person: 0, business: 0, research_institution: 0, public_interest_org: 0, legal_service_org: 0, other_org: 0, total: 0 };

describe('toReportRecord', () => {
  it.each([
    ['c06', { receivedOn: '2031-03-03', concludedOn: '2031-03-26', outcome: 'other_no_correction' }], // the lapse closes it
    ['c07', { receivedOn: '2031-04-01', concludedOn: '2031-05-06', outcome: 'other_fee_unpaid' }],
    ['c05', { receivedOn: '2031-06-02', concludedOn: '2031-06-05', outcome: 'other' }],
    ['c08', { receivedOn: '2031-05-05', concludedOn: '2031-05-12', outcome: 'not_processed_excessive' }],
    ['c12', { receivedOn: '2031-03-03', concludedOn: '2031-04-10', outcome: 'unavailable_unclear_after_correction' }], // not 20 Mar
    ['c09', { receivedOn: '2031-12-15', concludedOn: null, outcome: null }],
  ])('%s', (id, expected) => {
    const found = cases.find((c) => c.id === id);
    if (found === undefined) throw new Error(id);
    expect(toReportRecord(found)).toEqual({ id, applicantType: found.applicantType, ...expected });
  });
});

describe('table 三 from cases', () => {
  const records = { agencyName: '测试局', applications: toReportRecords(cases), reviewCases: [], documents: [], yearlyFigures: [] };

  it('2031: received, carried in, each outcome, carried over', () => {
    const t = computeAnnualReport(records, 2031).table3;
    // c03 c08 c10 c13 c15 | c09 | c04 c12 | c05 | c06 | c07 c14
    expect(t.received).toEqual({ natural_person: 5, business: 1, research_institution: 2, public_interest_org: 1, legal_service_org: 1, other_org: 2, total: 12 });
    // c01 | c11
    expect(t.carriedIn).toEqual({ ...zeros, natural_person: 1, business: 1, total: 2 });
    expect(t.disclosed).toEqual({ ...zeros, natural_person: 3, total: 3 }); // c01 c13 c15
    expect(t.partially_disclosed).toEqual(zeros); // c02 was 2030, c14 is 2032
    expect(t.withheld_third_party_rights).toEqual({ ...zeros, natural_person: 1, total: 1 }); // c03
    expect(t.unavailable_not_held).toEqual({ ...zeros, research_institution: 1, total: 1 }); // c04
    expect(t.unavailable_unclear_after_correction).toEqual({ ...zeros, research_institution: 1, total: 1 }); // c12
    expect(t.not_processed_excessive).toEqual({ ...zeros, natural_person: 1, total: 1 }); // c08
    expect(t.other_no_correction).toEqual({ ...zeros, legal_service_org: 1, total: 1 }); // c06
    expect(t.other_fee_unpaid).toEqual({ ...zeros, other_org: 1, total: 1 }); // c07
    expect(t.other).toEqual({ ...zeros, public_interest_org: 1, total: 1 }); // c05
    for (const row of ['withheld_state_secret', 'withheld_process_info', 'unavailable_needs_creation', 'not_processed_petition', 'not_processed_duplicate'] as const) expect(t[row]).toEqual(zeros);
    // c01 c03 c08 c13 c15 | c04 c12 | c05 | c06 | c07
    expect(t.concludedTotal).toEqual({ natural_person: 5, business: 0, research_institution: 2, public_interest_org: 1, legal_service_org: 1, other_org: 1, total: 10 });
    // c10 | c09 c11 | c14
    expect(t.carriedOver).toEqual({ ...zeros, natural_person: 1, business: 2, other_org: 1, total: 4 });
  });

  it('2030 and 2032: the carry-overs meet', () => {
    const t2030 = computeAnnualReport(records, 2030).table3;
    expect(t2030.received).toEqual({ ...zeros, natural_person: 1, business: 2, total: 3 }); // c01 | c02 c11
    expect(t2030.partially_disclosed).toEqual({ ...zeros, business: 1, total: 1 }); // c02
    expect(t2030.carriedOver).toEqual({ ...zeros, natural_person: 1, business: 1, total: 2 }); // c01 | c11

    const t2032 = computeAnnualReport(records, 2032).table3;
    expect(t2032.carriedIn).toEqual({ ...zeros, natural_person: 1, business: 2, other_org: 1, total: 4 }); // = 2031 四
    expect(t2032.disclosed).toEqual({ ...zeros, business: 1, total: 1 }); // c11
    expect(t2032.partially_disclosed).toEqual({ ...zeros, other_org: 1, total: 1 }); // c14
    expect(t2032.carriedOver).toEqual({ ...zeros, natural_person: 1, business: 1, total: 2 }); // c10 | c09
  });
});
