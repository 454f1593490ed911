// What happened to an application case: an append-only log (architecture.md convention 1).
// `at` is the legal date of the fact (the date the law counts from), not the time it was typed in.
import type { ApplicantType, OutcomeCode } from '../report/report-format.ts';
import type { IsoDate } from '../report/compute/report-records.ts';
import type { DeadlineRulesVersion } from './deadline-rules.ts';
import type { IntakeChannel } from './intake-channels.ts';

interface CaseEventBase<Kind extends string> {
  readonly kind: Kind;
  /** The legal date of the fact. */
  readonly at: IsoDate;
  /** Id of the user who recorded it (for `extensionApproved`, the approver). */
  readonly actor: string;
}

/** `at` is 收到申请之日 under 条例第三十一条 (签收、确认之日 for post, internet and fax). */
export interface ReceivedEvent extends CaseEventBase<'received'> {
  readonly channel: IntakeChannel;
  readonly applicantType: ApplicantType;
  /** The deadline rules in force on the receipt date; fixed for the life of the case. */
  readonly rulesVersion: DeadlineRulesVersion;
}

/** 条例第三十条: one notice, listing every item and a reasonable period. `at` is the day it was sent. */
export interface CorrectionRequestedEvent extends CaseEventBase<'correctionRequested'> {
  readonly items: readonly string[];
  /** The last day of the 补正期限 given to the applicant. */
  readonly correctionDueOn: IsoDate;
}

/** `at` is the day the corrected application was received: the reply period restarts (第三十条). */
export type CorrectionReceivedEvent = CaseEventBase<'correctionReceived'>;

/** No correction within the period, without just cause: 视为放弃申请 (第三十条). */
export type CorrectionLapsedEvent = CaseEventBase<'correctionLapsed'>;

export type ConsultationParty = 'thirdParty' | 'otherAgency';

/** 条例第三十二条 (third party), 第三十四条 (co-making agency); the time is not counted (第三十三条第二款). */
export interface ConsultationStartedEvent extends CaseEventBase<'consultationStarted'> {
  readonly party: ConsultationParty;
  /** Who was asked: third parties' or agencies' names. */
  readonly addressees: readonly string[];
}

/** `noAnswer`: the 15 working days ran out (第三十二条: decide under the 条例; 第三十四条: 视为同意). */
export type ConsultationAnswer = 'consented' | 'objected' | 'noAnswer';

export interface ConsultationAnsweredEvent extends CaseEventBase<'consultationAnswered'> {
  readonly party: ConsultationParty;
  readonly answer: ConsultationAnswer;
}

/** 条例第三十三条第一款: approved by the head of the 工作机构, at most 20 working days, once. */
export interface ExtensionApprovedEvent extends CaseEventBase<'extensionApproved'> {
  readonly workingDays: number;
  readonly reason: string;
}

/** How the fee was counted (国办函〔2020〕109号 第三条: one standard per application). */
export type FeeBasis = { readonly method: 'by_count' } | { readonly method: 'by_pages'; readonly pages: number };

/** 国办函〔2020〕109号 收费通知. */
export interface FeeNoticeSentEvent extends CaseEventBase<'feeNoticeSent'> {
  /** 元, decimal string as printed on the notice; computed by the system from `basis`. */
  readonly amount: string;
  readonly basis?: FeeBasis;
  /** The last day to pay, as printed on the notice. */
  readonly paymentDueOn: IsoDate;
}

export type FeePaidEvent = CaseEventBase<'feePaid'>;

/** Not paid by the deadline: 不再处理 (table 3 （六）2). */
export type FeeLapsedEvent = CaseEventBase<'feeLapsed'>;

/** 条例第三十五条: volume or frequency clearly beyond reason; the applicant is asked why. */
export type Article35ReasonsRequestedEvent = CaseEventBase<'article35ReasonsRequested'>;

/**
 * 条例第三十五条: unreasonable → 不予处理 (（五）4); reasonable but not answerable within
 * 第三十三条's period → a 合理期限 set by the agency; reasonable otherwise → carry on.
 */
export interface Article35DecidedEvent extends CaseEventBase<'article35Decided'> {
  readonly reasonable: boolean;
  /** The 延迟答复的合理期限; null when unreasonable or when the usual period suffices. */
  readonly delayedDueOn: IsoDate | null;
}

/** The applicant withdraws: closed as （六）3 其他 (domain.md §8). */
export type WithdrawnEvent = CaseEventBase<'withdrawn'>;

/** The 答复 (条例第三十六条 to 第三十九条): exactly one of the 21 outcome rows. */
export interface RepliedEvent extends CaseEventBase<'replied'> {
  readonly outcome: OutcomeCode;
  /** The article and item the reply rests on, as printed in the 答复书. */
  readonly legalBasis: string;
}

export type CaseEvent =
  | ReceivedEvent
  | CorrectionRequestedEvent
  | CorrectionReceivedEvent
  | CorrectionLapsedEvent
  | ConsultationStartedEvent
  | ConsultationAnsweredEvent
  | ExtensionApprovedEvent
  | FeeNoticeSentEvent
  | FeePaidEvent
  | FeeLapsedEvent
  | Article35ReasonsRequestedEvent
  | Article35DecidedEvent
  | WithdrawnEvent
  | RepliedEvent;

export type CaseEventKind = CaseEvent['kind'];

/** Labels shown to staff (history, refusals). */
export const CASE_EVENT_LABELS: Record<CaseEventKind, string> = {
  received: '登记收到申请',
  correctionRequested: '告知补正',
  correctionReceived: '收到补正后的申请',
  correctionLapsed: '逾期未补正',
  consultationStarted: '征求意见',
  consultationAnswered: '收到意见',
  extensionApproved: '延长答复期限',
  feeNoticeSent: '发出收费通知',
  feePaid: '缴纳信息处理费',
  feeLapsed: '逾期未缴费',
  article35ReasonsRequested: '要求说明理由（第三十五条）',
  article35Decided: '作出第三十五条决定',
  withdrawn: '撤回申请',
  replied: '答复',
};

export const CASE_EVENT_KINDS = Object.keys(CASE_EVENT_LABELS) as CaseEventKind[];

export const CONSULTATION_PARTY_LABELS: Record<ConsultationParty, string> = {
  thirdParty: '第三方',
  otherAgency: '其他机关',
};
