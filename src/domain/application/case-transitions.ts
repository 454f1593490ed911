// The state machine of an application case (domain.md §I) as a table a lawyer can read:
// for each state, each kind of event either moves the case on or is refused, with the reason
// in plain Chinese. Rules on dates, counts and roles that the state alone cannot decide
// (7 working days for 补正, one extension of at most 20 days, …) are in apply-case-event.ts.
import type { OutcomeCode } from '../report/report-format.ts';
import type { CaseState } from './application-case.ts';
import type { CaseEventKind } from './case-events.ts';

export type CaseTransition =
  | {
      readonly allowed: true;
      /** Several states when the event's data decides (e.g. the 第三十五条 decision). */
      readonly to: CaseState | readonly CaseState[];
      readonly basis: string;
    }
  | { readonly allowed: false; readonly reason: string };

const to = (state: CaseState | readonly CaseState[], basis: string): CaseTransition => ({ allowed: true, to: state, basis });
const refuse = (reason: string): CaseTransition => ({ allowed: false, reason });

const ALREADY_RECEIVED = refuse('该申请已经登记，不能重复登记收到申请');
const NO_CORRECTION_ASKED = refuse('没有待补正的告知，不能登记补正情况');
const NO_CONSULTATION = refuse('没有正在征求的意见，不能登记收到意见');
const NO_FEE_NOTICE = refuse('没有待缴费的收费通知，不能登记缴费情况');
const NO_REASONS_ASKED = refuse('没有要求申请人说明理由，不能作出第三十五条决定');
const WITHDRAW = to('closed', '申请人撤回申请，按“其他”办结（表三（六）3）');

export const CASE_TRANSITIONS: Record<CaseState, Record<CaseEventKind, CaseTransition>> = {
  in_progress: {
    received: ALREADY_RECEIVED,
    correctionRequested: to('awaiting_correction', '第三十条：申请内容不明确的，自收到申请之日起7个工作日内一次性告知补正'),
    correctionReceived: NO_CORRECTION_ASKED,
    correctionLapsed: NO_CORRECTION_ASKED,
    consultationStarted: to('consulting', '第三十二条、第三十四条：书面征求第三方或其他机关意见，所需时间不计算在答复期限内（第三十三条第二款）'),
    consultationAnswered: NO_CONSULTATION,
    extensionApproved: to('in_progress', '第三十三条第一款：经政府信息公开工作机构负责人同意，延长最长不超过20个工作日'),
    feeNoticeSent: to('awaiting_fee', '第四十二条、国办函〔2020〕109号：数量、频次明显超过合理范围的，可以收取信息处理费'),
    feePaid: NO_FEE_NOTICE,
    feeLapsed: NO_FEE_NOTICE,
    article35ReasonsRequested: to('awaiting_article35_reasons', '第三十五条：数量、频次明显超过合理范围的，可以要求申请人说明理由'),
    article35Decided: NO_REASONS_ASKED,
    withdrawn: WITHDRAW,
    replied: to('closed', '第三十六条至第三十九条：按办理结果答复'),
  },
  awaiting_correction: {
    received: ALREADY_RECEIVED,
    correctionRequested: refuse('补正只能在收到申请之日起7个工作日内一次性告知（第三十条），本申请已经告知过补正'),
    correctionReceived: to('in_progress', '第三十条：答复期限自收到补正的申请之日起计算'),
    correctionLapsed: to('closed', '第三十条：无正当理由逾期不补正的，视为放弃申请，不再处理（表三（六）1）'),
    consultationStarted: refuse('等待补正期间答复期限尚未起算，收到补正后的申请后才能征求意见'),
    consultationAnswered: NO_CONSULTATION,
    extensionApproved: refuse('等待补正期间答复期限尚未起算，不能延长答复期限'),
    feeNoticeSent: refuse('等待补正期间申请内容尚不明确，不能发出收费通知'),
    feePaid: NO_FEE_NOTICE,
    feeLapsed: NO_FEE_NOTICE,
    article35ReasonsRequested: refuse('等待补正期间不能要求申请人说明理由，请在收到补正后的申请后办理'),
    article35Decided: NO_REASONS_ASKED,
    withdrawn: WITHDRAW,
    replied: refuse('等待补正期间不能答复：收到补正后的申请后再答复，逾期未补正的登记“逾期未补正”（第三十条）'),
  },
  consulting: {
    received: ALREADY_RECEIVED,
    correctionRequested: refuse('征求意见期间不能告知补正：补正应在收到申请之日起7个工作日内一次性告知（第三十条）'),
    correctionReceived: NO_CORRECTION_ASKED,
    correctionLapsed: NO_CORRECTION_ASKED,
    consultationStarted: to('consulting', '第三十二条、第三十四条：可同时征求第三方和其他机关意见'),
    consultationAnswered: to(['consulting', 'in_progress'], '收到意见或答复期满后恢复计算答复期限（第三十三条第二款）'),
    extensionApproved: to('consulting', '第三十三条第一款：经政府信息公开工作机构负责人同意，延长最长不超过20个工作日'),
    feeNoticeSent: refuse('征求意见期间不能发出收费通知，请在收到意见后办理'),
    feePaid: NO_FEE_NOTICE,
    feeLapsed: NO_FEE_NOTICE,
    article35ReasonsRequested: refuse('征求意见期间不能要求申请人说明理由，请在收到意见后办理'),
    article35Decided: NO_REASONS_ASKED,
    withdrawn: WITHDRAW,
    replied: refuse('征求意见尚未结束，不能答复：请先登记收到意见（逾期未提出意见的，登记为“未提出意见”）'),
  },
  awaiting_fee: {
    received: ALREADY_RECEIVED,
    correctionRequested: refuse('等待缴费期间不能告知补正：补正应在收到申请之日起7个工作日内一次性告知（第三十条）'),
    correctionReceived: NO_CORRECTION_ASKED,
    correctionLapsed: NO_CORRECTION_ASKED,
    consultationStarted: refuse('等待缴费期间不能征求意见，请在缴费后办理'),
    consultationAnswered: NO_CONSULTATION,
    extensionApproved: to('awaiting_fee', '第三十三条第一款：经政府信息公开工作机构负责人同意，延长最长不超过20个工作日'),
    feeNoticeSent: refuse('已经发出收费通知，同一申请不能重复发出收费通知'),
    feePaid: to('in_progress', '国办函〔2020〕109号：缴费后恢复计算答复期限'),
    feeLapsed: to('closed', '国办函〔2020〕109号：逾期未按收费通知缴纳费用的，不再处理（表三（六）2）'),
    article35ReasonsRequested: refuse('等待缴费期间不能要求申请人说明理由'),
    article35Decided: NO_REASONS_ASKED,
    withdrawn: WITHDRAW,
    replied: refuse('等待缴费期间不能答复：请先登记缴费或逾期未缴费'),
  },
  awaiting_article35_reasons: {
    received: ALREADY_RECEIVED,
    correctionRequested: refuse('已要求申请人说明理由，不能再告知补正（第三十条）'),
    correctionReceived: NO_CORRECTION_ASKED,
    correctionLapsed: NO_CORRECTION_ASKED,
    consultationStarted: refuse('等待申请人说明理由期间不能征求意见，请先作出第三十五条决定'),
    consultationAnswered: NO_CONSULTATION,
    extensionApproved: to('awaiting_article35_reasons', '第三十三条第一款：经政府信息公开工作机构负责人同意，延长最长不超过20个工作日'),
    feeNoticeSent: refuse('等待申请人说明理由期间不能发出收费通知，请先作出第三十五条决定'),
    feePaid: NO_FEE_NOTICE,
    feeLapsed: NO_FEE_NOTICE,
    article35ReasonsRequested: refuse('已经要求申请人说明理由，不能重复要求'),
    article35Decided: to(['closed', 'delayed_article35', 'in_progress'], '第三十五条：理由不合理的不予处理（表三（五）4）；理由合理但无法按期答复的，确定延迟答复的合理期限'),
    withdrawn: WITHDRAW,
    replied: refuse('已要求申请人说明理由，请先作出第三十五条决定再答复'),
  },
  delayed_article35: {
    received: ALREADY_RECEIVED,
    correctionRequested: refuse('已确定延迟答复的合理期限，不能再告知补正（第三十条）'),
    correctionReceived: NO_CORRECTION_ASKED,
    correctionLapsed: NO_CORRECTION_ASKED,
    consultationStarted: refuse('已依第三十五条确定延迟答复的合理期限，征求意见所需时间应计入该期限'),
    consultationAnswered: NO_CONSULTATION,
    extensionApproved: refuse('已依第三十五条确定延迟答复的合理期限，不再适用第三十三条的延长'),
    feeNoticeSent: refuse('已依第三十五条确定延迟答复的合理期限，收费通知应在作出该决定前发出'),
    feePaid: NO_FEE_NOTICE,
    feeLapsed: NO_FEE_NOTICE,
    article35ReasonsRequested: refuse('已经作出第三十五条决定，不能再要求说明理由'),
    article35Decided: refuse('已经作出第三十五条决定，不能重复决定'),
    withdrawn: WITHDRAW,
    replied: to('closed', '第三十五条：在确定的合理期限内答复'),
  },
  closed: {
    received: ALREADY_RECEIVED,
    correctionRequested: refuse('已答复或已办结的申请不能再补正'),
    correctionReceived: refuse('申请已办结，不能再登记补正'),
    correctionLapsed: refuse('申请已办结，不能再登记逾期未补正'),
    consultationStarted: refuse('申请已办结，不能再征求意见'),
    consultationAnswered: refuse('申请已办结，不能再登记收到意见'),
    extensionApproved: refuse('申请已办结，不能再延长答复期限'),
    feeNoticeSent: refuse('申请已办结，不能再发出收费通知'),
    feePaid: refuse('申请已办结，不能再登记缴费'),
    feeLapsed: refuse('申请已办结，不能再登记逾期未缴费'),
    article35ReasonsRequested: refuse('申请已办结，不能再要求说明理由'),
    article35Decided: refuse('申请已办结，不能再作出第三十五条决定'),
    withdrawn: refuse('申请已办结，不能再撤回'),
    replied: refuse('申请已办结，每件申请只有一个办理结果，不能再次答复'),
  },
};

/** The table-3 outcome an event closes a case with, when the event itself does not carry one. */
export const CLOSING_OUTCOMES = {
  correctionLapsed: 'other_no_correction', // 条例第三十条, 表三（六）1
  feeLapsed: 'other_fee_unpaid', // 国办函〔2020〕109号, 表三（六）2
  withdrawn: 'other', // 表三（六）3 (domain.md §8: 申请人撤回申请)
  article35Decided: 'not_processed_excessive', // 条例第三十五条, 表三（五）4
} as const satisfies Partial<Record<CaseEventKind, OutcomeCode>>;

export function findCaseTransition(state: CaseState, kind: CaseEventKind): CaseTransition {
  return CASE_TRANSITIONS[state][kind];
}

/** The states a transition may lead to, as a list. */
export function transitionTargets(transition: Extract<CaseTransition, { allowed: true }>): readonly CaseState[] {
  return typeof transition.to === 'string' ? [transition.to] : transition.to;
}
