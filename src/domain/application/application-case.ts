// An application case (依申请公开, 条例第二十七条 to 第四十五条): the event log, and a summary
// folded from it. Only the events are facts; everything else here is rebuilt from them
// (replayCaseEvents), and dates such as the reply due date are derived on read (deriveCaseClock).
import type { ApplicantType, OutcomeCode } from '../report/report-format.ts';
import type { IsoDate } from '../report/compute/report-records.ts';
import type { CaseEvent, ConsultationParty } from './case-events.ts';
import type { DeadlineRulesVersion } from './deadline-rules.ts';
import type { IntakeChannel } from './intake-channels.ts';

/** domain.md §I. `in_progress` is also the state right after receipt. */
export type CaseState =
  | 'in_progress'
  | 'awaiting_correction'
  | 'consulting'
  | 'awaiting_fee'
  | 'awaiting_article35_reasons'
  | 'delayed_article35'
  | 'closed';

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  in_progress: '办理中',
  awaiting_correction: '等待补正',
  consulting: '征求意见中',
  awaiting_fee: '等待缴费',
  awaiting_article35_reasons: '等待申请人说明理由',
  delayed_article35: '延迟答复（第三十五条）',
  closed: '已办结',
};

export const CASE_STATES = Object.keys(CASE_STATE_LABELS) as CaseState[];

/** Periods not counted in the reply period (条例第三十三条第二款; 国办函〔2020〕109号). */
export type PauseKind = 'thirdPartyConsultation' | 'agencyConsultation' | 'fee';

export interface CasePause {
  readonly kind: PauseKind;
  /** The day the letter or notice went out. */
  readonly from: IsoDate;
  /** The day the answer or payment came in; null if none came (still waiting, or closed without it). */
  readonly to: IsoDate | null;
}

export interface CaseCorrection {
  readonly requestedOn: IsoDate;
  readonly items: readonly string[];
  readonly correctionDueOn: IsoDate;
  /** The day the corrected application came in: the reply period restarts (第三十条). */
  readonly receivedOn: IsoDate | null;
}

export interface CaseExtension {
  readonly approvedOn: IsoDate;
  readonly approvedBy: string;
  readonly workingDays: number;
  readonly reason: string;
}

export interface CaseFee {
  readonly noticeSentOn: IsoDate;
  readonly amount: string;
  readonly paymentDueOn: IsoDate;
  readonly paidOn: IsoDate | null;
}

export interface CaseArticle35 {
  readonly reasonsRequestedOn: IsoDate;
  readonly decidedOn: IsoDate | null;
  readonly reasonable: boolean | null;
  readonly delayedDueOn: IsoDate | null;
}

export interface ApplicationCase {
  readonly id: string;
  /** Oldest first; the first is always `received`. */
  readonly events: readonly CaseEvent[];
  /** = events.length; lets storage detect two people editing one case at once. */
  readonly version: number;
  readonly state: CaseState;
  /** 收到申请之日 (第三十一条): the legal receipt date, also the date table 3 counts. */
  readonly receivedOn: IsoDate;
  readonly applicantType: ApplicantType;
  readonly channel: IntakeChannel;
  readonly rulesVersion: DeadlineRulesVersion;
  readonly correction: CaseCorrection | null;
  readonly pauses: readonly CasePause[];
  /** Consultations sent and not yet answered, one per party at most. */
  readonly openConsultations: readonly ConsultationParty[];
  readonly extension: CaseExtension | null;
  readonly fee: CaseFee | null;
  readonly article35: CaseArticle35 | null;
  /** Set once closed: the table-3 outcome row and the date of the closing event. */
  readonly outcome: OutcomeCode | null;
  readonly concludedOn: IsoDate | null;
  /** The date of the latest event: the next one may not be earlier. */
  readonly lastEventOn: IsoDate;
}
