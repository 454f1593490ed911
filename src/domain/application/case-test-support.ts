// Test support for the case tests: a made-up 2031 calendar easy to count by hand, and event
// builders. Not used by production code.
//
// March 2031 (Monday 3 March): 测试节 keeps Mon 10 – Fri 14 March off, and Saturday 15 March is
// its make-up working day. Working days counted after Monday 3 March:
//   1 Mar 4 · 2 Mar 5 · 3 Mar 6 · 4 Mar 7 · 5 Mar 15 (Sat) · 6 Mar 17 · 7 Mar 18 · 8 Mar 19 ·
//   9 Mar 20 · 10 Mar 21 · 11–15 Mar 24–28 · 16 Mar 31 · 17–20 Apr 1–4 · 21–25 Apr 7–11 ·
//   26–30 Apr 14–18 · 31–35 Apr 21–25 · 36–38 Apr 28–30 · 39 May 1 · 40 May 2 (no 劳动节 in this made-up year).
import type { IntakeChannel } from './intake-channels.ts';
import type { ApplicantType, OutcomeCode } from '../report/report-format.ts';
import type { IsoDate } from '../report/compute/report-records.ts';
import type { YearArrangement } from '../calendar/working-day-calendar.ts';
import { createWorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { ApplicationCase } from './application-case.ts';
import type { CaseEventContext } from './apply-case-event.ts';
import { applyCaseEvent, openCase } from './apply-case-event.ts';
import type { CaseEvent, ConsultationAnswer, ConsultationParty, ReceivedEvent } from './case-events.ts';
import { DEFAULT_EXTENSION_APPROVER_ROLES } from './deadline-rules.ts';

export const TEST_ARRANGEMENT_2031: YearArrangement = {
  year: 2031,
  source: '测试用虚构安排',
  holidays: ['2031-03-10', '2031-03-11', '2031-03-12', '2031-03-13', '2031-03-14'].map((date) => ({ date, name: '测试节' })),
  makeupWorkdays: [{ date: '2031-03-15', name: '测试节' }],
};

export const TEST_CALENDAR = createWorkingDayCalendar([TEST_ARRANGEMENT_2031]);

export const CLERK: CaseEventContext = { calendar: TEST_CALENDAR, actorRoles: ['clerk'], approverRoles: DEFAULT_EXTENSION_APPROVER_ROLES };
export const LEADER: CaseEventContext = { ...CLERK, actorRoles: ['leader'] };

export const received = (at: IsoDate, applicantType: ApplicantType = 'natural_person', channel: IntakeChannel = 'in_person'): ReceivedEvent => ({
  kind: 'received',
  at,
  actor: 'u-clerk',
  channel,
  applicantType,
  rulesVersion: '2019-05-15',
});

const by = 'u-clerk';
export const events = {
  correctionRequested: (at: IsoDate, correctionDueOn: IsoDate): CaseEvent => ({ kind: 'correctionRequested', at, actor: by, items: ['请写明所需信息的名称或文号'], correctionDueOn }),
  correctionReceived: (at: IsoDate): CaseEvent => ({ kind: 'correctionReceived', at, actor: by }),
  correctionLapsed: (at: IsoDate): CaseEvent => ({ kind: 'correctionLapsed', at, actor: by }),
  consultationStarted: (at: IsoDate, party: ConsultationParty = 'thirdParty'): CaseEvent => ({ kind: 'consultationStarted', at, actor: by, party, addressees: ['某公司'] }),
  consultationAnswered: (at: IsoDate, party: ConsultationParty = 'thirdParty', answer: ConsultationAnswer = 'objected'): CaseEvent => ({ kind: 'consultationAnswered', at, actor: by, party, answer }),
  extensionApproved: (at: IsoDate, workingDays = 20): CaseEvent => ({ kind: 'extensionApproved', at, actor: 'u-leader', workingDays, reason: '需调取档案' }),
  feeNoticeSent: (at: IsoDate, paymentDueOn: IsoDate): CaseEvent => ({ kind: 'feeNoticeSent', at, actor: by, amount: '100', paymentDueOn }),
  feePaid: (at: IsoDate): CaseEvent => ({ kind: 'feePaid', at, actor: by }),
  feeLapsed: (at: IsoDate): CaseEvent => ({ kind: 'feeLapsed', at, actor: by }),
  article35ReasonsRequested: (at: IsoDate): CaseEvent => ({ kind: 'article35ReasonsRequested', at, actor: by }),
  article35Decided: (at: IsoDate, reasonable: boolean, delayedDueOn: IsoDate | null = null): CaseEvent => ({ kind: 'article35Decided', at, actor: by, reasonable, delayedDueOn }),
  withdrawn: (at: IsoDate): CaseEvent => ({ kind: 'withdrawn', at, actor: by }),
  replied: (at: IsoDate, outcome: OutcomeCode = 'disclosed'): CaseEvent => ({ kind: 'replied', at, actor: by, outcome, legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（二）项' }),
};

/** Opens a case and applies each event as a leader would (so extensions pass the role check). */
export function buildCase(id: string, first: ReceivedEvent, rest: readonly CaseEvent[] = [], context: CaseEventContext = LEADER): ApplicationCase {
  return rest.reduce((applicationCase, event) => applyCaseEvent(applicationCase, event, context), openCase(id, first));
}
