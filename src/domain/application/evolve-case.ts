// Folds one event into a case, following the transition table. No calendar and no roles:
// this is what replaying a stored log runs. The legal checks on new events are in
// apply-case-event.ts, which ends by calling evolveCase.
import { DomainError } from '../domain-error.ts';
import type { ApplicationCase, CasePause, CaseState, PauseKind } from './application-case.ts';
import { CASE_STATE_LABELS } from './application-case.ts';
import type { CaseEvent, ConsultationParty, ReceivedEvent } from './case-events.ts';
import { CASE_EVENT_LABELS, CONSULTATION_PARTY_LABELS } from './case-events.ts';
import { CLOSING_OUTCOMES, findCaseTransition, transitionTargets } from './case-transitions.ts';

export const CONSULTATION_PAUSE_KINDS: Record<ConsultationParty, PauseKind> = {
  thirdParty: 'thirdPartyConsultation',
  otherAgency: 'agencyConsultation',
};

export function startCase(id: string, event: ReceivedEvent): ApplicationCase {
  return {
    id,
    events: [event],
    version: 1,
    state: 'in_progress',
    receivedOn: event.at,
    applicantType: event.applicantType,
    channel: event.channel,
    rulesVersion: event.rulesVersion,
    correction: null,
    pauses: [],
    openConsultations: [],
    extension: null,
    fee: null,
    article35: null,
    outcome: null,
    concludedOn: null,
    lastEventOn: event.at,
  };
}

function endOpenPause(pauses: readonly CasePause[], kind: PauseKind, on: string): CasePause[] {
  return pauses.map((pause) => (pause.kind === kind && pause.to === null ? { ...pause, to: on } : pause));
}

function conflict(applicationCase: ApplicationCase, event: CaseEvent, reason: string): DomainError {
  return new DomainError(
    'CONFLICT',
    `case ${applicationCase.id}: ${event.kind} refused in state ${applicationCase.state}`,
    `不能${CASE_EVENT_LABELS[event.kind]}：${reason}`,
    { caseId: applicationCase.id, state: applicationCase.state, event: event.kind },
  );
}

/** The case after `event`; throws CONFLICT when the table refuses it. */
export function evolveCase(applicationCase: ApplicationCase, event: CaseEvent): ApplicationCase {
  const transition = findCaseTransition(applicationCase.state, event.kind);
  if (!transition.allowed) throw conflict(applicationCase, event, transition.reason);

  const base = { ...applicationCase, events: [...applicationCase.events, event], version: applicationCase.version + 1, lastEventOn: event.at };
  let next: ApplicationCase;
  switch (event.kind) {
    case 'received':
      // The table refuses `received` in every state; a case starts with startCase.
      throw conflict(applicationCase, event, '该申请已经登记');
    case 'correctionRequested':
      next = { ...base, state: 'awaiting_correction', correction: { requestedOn: event.at, items: event.items, correctionDueOn: event.correctionDueOn, receivedOn: null } };
      break;
    case 'correctionReceived':
      if (applicationCase.correction === null) throw conflict(applicationCase, event, '没有待补正的告知');
      next = { ...base, state: 'in_progress', correction: { ...applicationCase.correction, receivedOn: event.at } };
      break;
    case 'correctionLapsed':
      next = { ...base, state: 'closed', outcome: CLOSING_OUTCOMES.correctionLapsed, concludedOn: event.at };
      break;
    case 'consultationStarted': {
      if (applicationCase.openConsultations.includes(event.party)) {
        throw conflict(applicationCase, event, `正在征求${CONSULTATION_PARTY_LABELS[event.party]}意见，收到意见后才能再次征求`);
      }
      const pause: CasePause = { kind: CONSULTATION_PAUSE_KINDS[event.party], from: event.at, to: null };
      next = { ...base, state: 'consulting', pauses: [...applicationCase.pauses, pause], openConsultations: [...applicationCase.openConsultations, event.party] };
      break;
    }
    case 'consultationAnswered': {
      if (!applicationCase.openConsultations.includes(event.party)) {
        throw conflict(applicationCase, event, `没有正在征求的${CONSULTATION_PARTY_LABELS[event.party]}意见`);
      }
      const openConsultations = applicationCase.openConsultations.filter((party) => party !== event.party);
      const state: CaseState = openConsultations.length > 0 ? 'consulting' : 'in_progress';
      next = { ...base, state, openConsultations, pauses: endOpenPause(applicationCase.pauses, CONSULTATION_PAUSE_KINDS[event.party], event.at) };
      break;
    }
    case 'extensionApproved':
      next = { ...base, extension: { approvedOn: event.at, approvedBy: event.actor, workingDays: event.workingDays, reason: event.reason } };
      break;
    case 'feeNoticeSent':
      next = {
        ...base,
        state: 'awaiting_fee',
        fee: { noticeSentOn: event.at, amount: event.amount, paymentDueOn: event.paymentDueOn, paidOn: null },
        pauses: [...applicationCase.pauses, { kind: 'fee', from: event.at, to: null }],
      };
      break;
    case 'feePaid':
      if (applicationCase.fee === null) throw conflict(applicationCase, event, '没有收费通知');
      next = { ...base, state: 'in_progress', fee: { ...applicationCase.fee, paidOn: event.at }, pauses: endOpenPause(applicationCase.pauses, 'fee', event.at) };
      break;
    case 'feeLapsed':
      // The fee pause stays open (never paid); the clock ends it at the closing date.
      next = { ...base, state: 'closed', outcome: CLOSING_OUTCOMES.feeLapsed, concludedOn: event.at };
      break;
    case 'article35ReasonsRequested':
      next = { ...base, state: 'awaiting_article35_reasons', article35: { reasonsRequestedOn: event.at, decidedOn: null, reasonable: null, delayedDueOn: null } };
      break;
    case 'article35Decided': {
      if (applicationCase.article35 === null) throw conflict(applicationCase, event, '没有要求申请人说明理由');
      const article35 = { ...applicationCase.article35, decidedOn: event.at, reasonable: event.reasonable, delayedDueOn: event.reasonable ? event.delayedDueOn : null };
      if (!event.reasonable) {
        next = { ...base, state: 'closed', article35, outcome: CLOSING_OUTCOMES.article35Decided, concludedOn: event.at };
      } else {
        next = { ...base, state: event.delayedDueOn === null ? 'in_progress' : 'delayed_article35', article35 };
      }
      break;
    }
    case 'withdrawn':
      next = { ...base, state: 'closed', outcome: CLOSING_OUTCOMES.withdrawn, concludedOn: event.at };
      break;
    case 'replied':
      next = { ...base, state: 'closed', outcome: event.outcome, concludedOn: event.at };
      break;
    default: {
      const unknown: never = event;
      throw new DomainError('BAD_INPUT', `unknown case event ${JSON.stringify(unknown)}`, '无法识别的办理事项');
    }
  }
  if (!transitionTargets(transition).includes(next.state)) {
    // The table and this fold disagree: a programming error, never the user's.
    throw new Error(`transition table does not allow ${applicationCase.state} -> ${next.state} on ${event.kind} (${CASE_STATE_LABELS[next.state]})`);
  }
  return next;
}
