// Records a new fact on a case: checks what the law requires of it, then folds it in.
// The state-by-state rules are the transition table (case-transitions.ts); the rules here are
// those a state alone cannot decide: dates, counts, roles and the data each event must carry.
import { DomainError } from '../domain-error.ts';
import type { IsoDate } from '../report/compute/report-records.ts';
import { APPLICANT_TYPES, OUTCOME_CODES } from '../report/report-format.ts';
import { formatChineseDate, isIsoDate } from '../calendar/iso-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { addWorkingDays } from '../calendar/working-day-calendar.ts';
import type { ApplicationCase } from './application-case.ts';
import type { CaseEvent, ReceivedEvent } from './case-events.ts';
import { CASE_EVENT_LABELS, CONSULTATION_PARTY_LABELS } from './case-events.ts';
import { findCaseTransition } from './case-transitions.ts';
import type { DeadlineRules } from './deadline-rules.ts';
import { findDeadlineRules, findDeadlineRulesInForceOn } from './deadline-rules.ts';
import { isIntakeChannel } from './intake-channels.ts';
import { deriveCaseClock } from './derive-case-clock.ts';
import { evolveCase, startCase } from './evolve-case.ts';

export interface CaseEventContext {
  readonly calendar: WorkingDayCalendar;
  /** Roles of the user recording the event. */
  readonly actorRoles: readonly string[];
  /** Roles that act as the 政府信息公开工作机构负责人 approving an extension (第三十三条); see DEFAULT_EXTENSION_APPROVER_ROLES. */
  readonly approverRoles: readonly string[];
}

const cn = (date: IsoDate): string => formatChineseDate(date);

function badInput(field: string, message: string, userMessage: string): DomainError {
  return new DomainError('BAD_INPUT', message, userMessage, { field });
}

function conflict(applicationCase: ApplicationCase, event: CaseEvent, message: string, userMessage: string): DomainError {
  return new DomainError('CONFLICT', `case ${applicationCase.id}: ${event.kind}: ${message}`, userMessage, { caseId: applicationCase.id, state: applicationCase.state, event: event.kind });
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function requireDate(field: string, value: unknown, what: string): void {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw badInput(field, `${field} is not a date YYYY-MM-DD: ${String(value)}`, `${what}不是有效日期，应为“年-月-日”（如 2025-03-03）`);
  }
}

function requireCommon(event: CaseEvent): void {
  requireDate('at', event.at, `${CASE_EVENT_LABELS[event.kind] ?? '办理事项'}的日期`);
  if (!isText(event.actor)) throw badInput('actor', 'actor is empty', '缺少办理人');
}

/** A new case from its `received` event, with the deadline rules in force on the receipt date. */
export function openCase(id: string, event: ReceivedEvent): ApplicationCase {
  if (event.kind !== 'received') throw badInput('kind', `a case starts with received, not ${String(event.kind)}`, '办理记录须从“登记收到申请”开始');
  requireCommon(event);
  if (!isText(id)) throw badInput('id', 'case id is empty', '缺少申请编号');
  if (typeof event.channel !== 'string' || !isIntakeChannel(event.channel)) {
    throw badInput('channel', `unknown channel ${String(event.channel)}`, '申请渠道须为当面、邮寄、平常信函、网络、传真或口头代填之一');
  }
  if (!APPLICANT_TYPES.some((type) => type.code === event.applicantType)) {
    throw badInput('applicantType', `unknown applicant type ${String(event.applicantType)}`, '申请人类型须为自然人、商业企业、科研机构、社会公益组织、法律服务机构或其他之一');
  }
  const inForce = findDeadlineRulesInForceOn(event.at);
  if (inForce === undefined) throw badInput('at', `no deadline rules in force on ${event.at}`, `收到申请之日（${cn(event.at)}）早于现行《政府信息公开条例》施行之日，本系统不能办理`);
  if (findDeadlineRules(event.rulesVersion) === undefined || event.rulesVersion !== inForce.version) {
    throw badInput('rulesVersion', `rules version ${String(event.rulesVersion)} is not the one in force on ${event.at} (${inForce.version})`, `适用的期限规则应为收到申请之日施行的版本（${inForce.version}）`);
  }
  return startCase(id, event);
}

function rulesOf(applicationCase: ApplicationCase): DeadlineRules {
  const rules = findDeadlineRules(applicationCase.rulesVersion);
  if (rules === undefined) throw new Error(`unknown deadline rules version ${applicationCase.rulesVersion}`);
  return rules;
}

/** The checks specific to each kind of event; the state was already checked against the table. */
function checkEvent(applicationCase: ApplicationCase, event: CaseEvent, context: CaseEventContext): void {
  const rules = rulesOf(applicationCase);
  switch (event.kind) {
    case 'received':
      return; // refused by the table in every state
    case 'correctionRequested': {
      if (applicationCase.correction !== null) {
        throw conflict(applicationCase, event, 'correction already requested', `补正只能在收到申请之日起${rules.correctionNoticeWorkingDays}个工作日内一次性告知（第三十条），本申请已于${cn(applicationCase.correction.requestedOn)}告知过补正`);
      }
      const noticeDueOn = addWorkingDays(context.calendar, applicationCase.receivedOn, rules.correctionNoticeWorkingDays).dueOn;
      if (event.at > noticeDueOn) {
        throw conflict(
          applicationCase,
          event,
          `correction notice after ${noticeDueOn}`,
          `补正只能在收到申请之日起${rules.correctionNoticeWorkingDays}个工作日内一次性告知（第三十条）：本申请收到于${cn(applicationCase.receivedOn)}，告知期限已于${cn(noticeDueOn)}届满`,
        );
      }
      if (!Array.isArray(event.items) || event.items.length === 0 || !event.items.every(isText)) {
        throw badInput('items', 'correction items missing', '补正告知须一次性列明需要补正的事项（第三十条）');
      }
      requireDate('correctionDueOn', event.correctionDueOn, '补正期限');
      if (event.correctionDueOn <= event.at) throw badInput('correctionDueOn', 'correction period ends before it starts', '须给出合理的补正期限（第三十条）：补正期限应晚于告知补正之日');
      return;
    }
    case 'correctionReceived':
      return;
    case 'correctionLapsed': {
      const dueOn = applicationCase.correction?.correctionDueOn;
      if (dueOn !== undefined && event.at <= dueOn) {
        throw conflict(applicationCase, event, `correction period runs to ${dueOn}`, `补正期限至${cn(dueOn)}，尚未届满，不能按逾期未补正处理（第三十条）`);
      }
      return;
    }
    case 'consultationStarted':
      if (!(event.party in CONSULTATION_PARTY_LABELS)) throw badInput('party', `unknown party ${String(event.party)}`, '征求意见的对象须为第三方或其他机关');
      if (!Array.isArray(event.addressees) || event.addressees.length === 0 || !event.addressees.every(isText)) {
        throw badInput('addressees', 'no addressees', '须写明征求意见的对象（第三方或机关名称）');
      }
      return;
    case 'consultationAnswered':
      if (!(event.party in CONSULTATION_PARTY_LABELS)) throw badInput('party', `unknown party ${String(event.party)}`, '征求意见的对象须为第三方或其他机关');
      if (!['consented', 'objected', 'noAnswer'].includes(event.answer)) throw badInput('answer', `unknown answer ${String(event.answer)}`, '意见须为同意公开、不同意公开或未提出意见之一');
      return;
    case 'extensionApproved': {
      if (!context.actorRoles.some((role) => context.approverRoles.includes(role))) {
        throw new DomainError('FORBIDDEN', `user ${event.actor} may not approve an extension`, '延长答复期限须经政府信息公开工作机构负责人同意（第三十三条），当前用户没有审批权限', {
          caseId: applicationCase.id,
        });
      }
      if (applicationCase.extension !== null) {
        throw conflict(
          applicationCase,
          event,
          'already extended',
          `延长答复期限最多${rules.maxExtensionWorkingDays}个工作日且只能延长一次（第三十三条），本申请已于${cn(applicationCase.extension.approvedOn)}延长${applicationCase.extension.workingDays}个工作日`,
        );
      }
      if (!Number.isInteger(event.workingDays) || event.workingDays < 1 || event.workingDays > rules.maxExtensionWorkingDays) {
        throw badInput('workingDays', `extension of ${String(event.workingDays)} working days`, `延长答复期限最多${rules.maxExtensionWorkingDays}个工作日且只能延长一次（第三十三条）：延长天数须为1至${rules.maxExtensionWorkingDays}的整数`);
      }
      if (!isText(event.reason)) throw badInput('reason', 'extension without a reason', '延长答复期限须写明理由');
      const dueOn = deriveCaseClock(applicationCase, context.calendar, event.at).dueOn;
      if (dueOn !== null && event.at > dueOn) {
        throw conflict(applicationCase, event, `period ended on ${dueOn}`, `答复期限已于${cn(dueOn)}届满，不能再延长：延长须在期限内经负责人同意并告知申请人（第三十三条）`);
      }
      return;
    }
    case 'feeNoticeSent':
      if (applicationCase.fee !== null) throw conflict(applicationCase, event, 'fee notice already sent', `本申请已于${cn(applicationCase.fee.noticeSentOn)}发出收费通知，同一申请不能重复收费`);
      if (typeof event.amount !== 'string' || !/^\d+(\.\d{1,2})?$/.test(event.amount) || Number(event.amount) <= 0) {
        throw badInput('amount', `bad fee amount ${String(event.amount)}`, '收费金额须为大于0的金额（元，最多两位小数）');
      }
      requireDate('paymentDueOn', event.paymentDueOn, '缴费期限');
      if (event.paymentDueOn <= event.at) throw badInput('paymentDueOn', 'payment due before the notice', '缴费期限应晚于发出收费通知之日');
      return;
    case 'feePaid':
      return;
    case 'feeLapsed': {
      const dueOn = applicationCase.fee?.paymentDueOn;
      if (dueOn !== undefined && event.at <= dueOn) {
        throw conflict(applicationCase, event, `payment period runs to ${dueOn}`, `缴费期限至${cn(dueOn)}，尚未届满，不能按逾期未缴费处理`);
      }
      return;
    }
    case 'article35ReasonsRequested':
      if (applicationCase.article35 !== null) throw conflict(applicationCase, event, 'reasons already requested', `本申请已于${cn(applicationCase.article35.reasonsRequestedOn)}要求申请人说明理由，不能重复要求（第三十五条）`);
      return;
    case 'article35Decided': {
      if (typeof event.reasonable !== 'boolean') throw badInput('reasonable', 'reasonable is not a boolean', '须选择申请理由是否合理（第三十五条）');
      if (event.delayedDueOn === null) return;
      if (!event.reasonable) throw badInput('delayedDueOn', 'delayed date with an unreasonable decision', '理由不合理的，告知申请人不予处理，不确定延迟答复期限（第三十五条）');
      requireDate('delayedDueOn', event.delayedDueOn, '延迟答复的合理期限');
      const statutoryDueOn = deriveCaseClock(applicationCase, context.calendar, event.at).statutoryDueOn;
      if (statutoryDueOn !== null && event.delayedDueOn <= statutoryDueOn) {
        throw badInput('delayedDueOn', `delayed date not after ${statutoryDueOn}`, `延迟答复的合理期限应晚于第三十三条规定的答复期限（${cn(statutoryDueOn)}）；能按期答复的，不需确定延迟期限（第三十五条）`);
      }
      return;
    }
    case 'withdrawn':
      return;
    case 'replied':
      if (!OUTCOME_CODES.includes(event.outcome)) throw badInput('outcome', `not one outcome code: ${JSON.stringify(event.outcome)}`, '须选择且只能选择一个办理结果（年度报告表三的21类之一）');
      if (event.outcome === 'other_no_correction') throw conflict(applicationCase, event, 'use correctionLapsed', '逾期不补正的申请应登记“逾期未补正”，不能作为答复结果（第三十条）');
      if (event.outcome === 'other_fee_unpaid') throw conflict(applicationCase, event, 'use feeLapsed', '逾期未缴费的申请应登记“逾期未缴费”，不能作为答复结果');
      if (event.outcome === 'unavailable_unclear_after_correction' && applicationCase.correction?.receivedOn == null) {
        throw conflict(applicationCase, event, 'no corrected application', '“补正后申请内容仍不明确”只能在告知补正并收到补正后的申请后答复（第三十条）');
      }
      if (!isText(event.legalBasis)) throw badInput('legalBasis', 'reply without a legal basis', '答复须写明法律依据（条款及项）');
      return;
    default: {
      const unknown: never = event;
      throw badInput('kind', `unknown event ${JSON.stringify(unknown)}`, '无法识别的办理事项');
    }
  }
}

/**
 * The case after `event`. Throws DomainError: BAD_INPUT (the event's data is wrong; `details.field`
 * names it), CONFLICT (the law does not allow it now), FORBIDDEN (the user may not approve).
 */
export function applyCaseEvent(applicationCase: ApplicationCase, event: CaseEvent, context: CaseEventContext): ApplicationCase {
  if (!(event.kind in CASE_EVENT_LABELS)) throw badInput('kind', `unknown event kind ${String(event.kind)}`, '无法识别的办理事项');
  requireCommon(event);
  const transition = findCaseTransition(applicationCase.state, event.kind);
  if (!transition.allowed) {
    throw conflict(applicationCase, event, `refused in state ${applicationCase.state}`, `不能${CASE_EVENT_LABELS[event.kind]}：${transition.reason}`);
  }
  if (event.at < applicationCase.lastEventOn) {
    throw badInput('at', `${event.at} is before the last event (${applicationCase.lastEventOn})`, `日期不能早于上一项办理事项的日期（${cn(applicationCase.lastEventOn)}）`);
  }
  checkEvent(applicationCase, event, context);
  return evolveCase(applicationCase, event);
}
