// What may be done on a case now, for this user: a copy of the domain's state machine
// (src/domain/application/case-transitions.ts: the allowed cells) and of the once-only rules of
// apply-case-event.ts (one 补正 notice, one extension, one fee notice, one 第三十五条 request).
// The console is built apart from src/domain, so it keeps this short copy; the server checks
// everything again and its refusal is shown as it comes.
import type { CaseHistoryEntry } from './application-api.ts';

export type ActionKind =
  | 'correctionRequested'
  | 'correctionReceived'
  | 'correctionLapsed'
  | 'consultationStarted'
  | 'consultationAnswered'
  | 'extensionApproved'
  | 'feeNoticeSent'
  | 'feePaid'
  | 'feeLapsed'
  | 'article35ReasonsRequested'
  | 'article35Decided'
  | 'withdrawn'
  | 'replied';

/** The button text of each action: stable, later tests click them by name. */
export const ACTION_BUTTONS: Record<ActionKind, string> = {
  correctionRequested: '告知补正',
  correctionReceived: '登记收到补正',
  correctionLapsed: '登记逾期未补正',
  consultationStarted: '征求意见',
  consultationAnswered: '登记收到意见',
  extensionApproved: '批准延长答复期限',
  feeNoticeSent: '发出收费通知',
  feePaid: '登记已缴费',
  feeLapsed: '登记逾期未缴费',
  article35ReasonsRequested: '要求说明理由',
  article35Decided: '作出第三十五条决定',
  withdrawn: '登记撤回申请',
  replied: '登记答复',
};

/** The allowed cells of CASE_TRANSITIONS, by state. */
const ALLOWED: Record<string, readonly ActionKind[]> = {
  in_progress: ['correctionRequested', 'consultationStarted', 'extensionApproved', 'feeNoticeSent', 'article35ReasonsRequested', 'withdrawn', 'replied'],
  awaiting_correction: ['correctionReceived', 'correctionLapsed', 'withdrawn'],
  consulting: ['consultationStarted', 'consultationAnswered', 'extensionApproved', 'withdrawn'],
  awaiting_fee: ['extensionApproved', 'feePaid', 'feeLapsed', 'withdrawn'],
  awaiting_article35_reasons: ['extensionApproved', 'article35Decided', 'withdrawn'],
  delayed_article35: ['withdrawn', 'replied'],
  closed: [],
};

export type ConsultationParty = 'thirdParty' | 'otherAgency';

export interface CaseFacts {
  state: string;
  history: readonly CaseHistoryEntry[];
}

const happened = (facts: CaseFacts, kind: string) => facts.history.some((entry) => entry.source === 'event' && entry.kind === kind);

/** Consultations sent and not yet answered, by party (a party answered closes its letter). */
export function openConsultations(facts: CaseFacts): ConsultationParty[] {
  const open = new Set<ConsultationParty>();
  for (const entry of facts.history) {
    if (entry.source !== 'event') continue;
    const party = entry.event?.party as ConsultationParty | undefined;
    if (party === undefined) continue;
    if (entry.kind === 'consultationStarted') open.add(party);
    if (entry.kind === 'consultationAnswered') open.delete(party);
  }
  return [...open];
}

/**
 * The actions the state allows now and the user may do: 延长 needs application.approveExtension
 * (条例第三十三条: the 负责人's decision), every other one application.recordEvent.
 */
export function availableActions(facts: CaseFacts, userActions: readonly string[]): ActionKind[] {
  const mayRecord = userActions.includes('application.recordEvent');
  const mayApprove = userActions.includes('application.approveExtension');
  return (ALLOWED[facts.state] ?? []).filter((kind) => {
    if (kind === 'extensionApproved' ? !mayApprove : !mayRecord) return false;
    switch (kind) {
      case 'correctionRequested':
        return !happened(facts, 'correctionRequested');
      case 'extensionApproved':
        return !happened(facts, 'extensionApproved');
      case 'feeNoticeSent':
        return !happened(facts, 'feeNoticeSent');
      case 'article35ReasonsRequested':
        return !happened(facts, 'article35ReasonsRequested');
      case 'consultationStarted':
        return openConsultations(facts).length < 2;
      case 'consultationAnswered':
        return openConsultations(facts).length > 0;
      default:
        return true;
    }
  });
}

/** An extension the clerk cannot approve but the state allows: the page says who approves it. */
export function extensionNeedsApprover(facts: CaseFacts, userActions: readonly string[]): boolean {
  return (
    !userActions.includes('application.approveExtension') &&
    userActions.includes('application.recordEvent') &&
    (ALLOWED[facts.state] ?? []).includes('extensionApproved') &&
    !happened(facts, 'extensionApproved')
  );
}
