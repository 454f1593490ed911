// Folds one event into a publication, following the transition table and the order of the
// review chain. No roles, checklist or screening: this is what replaying a stored log runs. The
// checks on new events are in apply-publication-event.ts, which ends by calling evolvePublication.
import { DomainError } from '../domain-error.ts';
import type { HitAcceptance, Publication, PublicationEvent } from './publication.ts';
import { PUBLICATION_EVENT_LABELS, PUBLICATION_STATES } from './publication.ts';
import type { PublicationStateOrNone } from './publication-transitions.ts';
import { findPublicationTransition } from './publication-transitions.ts';
import { normalizePublicationFields } from './validate-publication-fields.ts';

export function refusePublicationEvent(state: PublicationStateOrNone, event: PublicationEvent, reason: string): DomainError {
  return new DomainError('CONFLICT', `publication: ${String(event.kind)} refused in state ${state}`, `不能${PUBLICATION_EVENT_LABELS[event.kind] ?? '办理'}：${reason}`, { state, event: event.kind });
}

/** `第2个审核环节（科长）`: steps are 0-based in code, 1-based for people. */
export function describeStep(publication: Publication, step: number): string {
  const label = publication.chain[step]?.label;
  return `第${step + 1}个审核环节${label === undefined ? '' : `（${label}）`}`;
}

/** Existing acceptances first; a new one for the same kind and text replaces the reason. */
export function mergeAcceptances(existing: readonly HitAcceptance[], added: readonly HitAcceptance[]): HitAcceptance[] {
  const byKey = new Map<string, HitAcceptance>();
  for (const acceptance of [...existing, ...added]) byKey.set(`${acceptance.kind}\u0000${acceptance.text}`, acceptance);
  return [...byKey.values()];
}

/**
 * The step an approval or return must name: the one waiting for a decision. Throws CONFLICT when
 * every step has approved (the item waits for publishing) or another step is waiting.
 */
export function requireCurrentStep(publication: Publication, event: PublicationEvent & { step: number }): number {
  const current = publication.currentStep;
  if (current === null) throw refusePublicationEvent(publication.state, event, '各审核环节均已审核通过，等待发布');
  if (event.step !== current) {
    throw refusePublicationEvent(publication.state, event, `当前等待${describeStep(publication, current)}审核，不是第${Number(event.step) + 1}个环节`);
  }
  return current;
}

function start(event: PublicationEvent): Publication {
  const base = { author: event.actor, chain: [], currentStep: null, acceptances: [], withdrawnOn: null, corrections: [], version: 1 };
  switch (event.kind) {
    case 'drafted':
      return { ...base, state: 'draft', fields: normalizePublicationFields(event.fields), indexNumber: null, publishedOn: null };
    case 'imported':
      return { ...base, state: 'published', fields: normalizePublicationFields(event.fields), indexNumber: event.indexNumber.trim(), publishedOn: event.publishedOn };
    default:
      throw refusePublicationEvent('none', event, '信息须从起草或导入开始');
  }
}

/** The publication after `event`; throws CONFLICT when the table or the chain's order refuses it. */
export function evolvePublication(publication: Publication | null, event: PublicationEvent): Publication {
  const state: PublicationStateOrNone = publication?.state ?? 'none';
  const transition = findPublicationTransition(state, event.kind);
  if (!transition.allowed) throw refusePublicationEvent(state, event, transition.reason);
  if (publication === null) return start(event);

  const base: Publication = { ...publication, version: publication.version + 1 };
  let next: Publication;
  switch (event.kind) {
    case 'drafted':
    case 'imported':
      throw refusePublicationEvent(state, event, '该信息已经建立');
    case 'edited':
      if (publication.state === 'in_review' && publication.currentStep === null) {
        throw refusePublicationEvent(state, event, '各审核环节均已审核通过，等待发布，不能再修改');
      }
      next = { ...base, fields: normalizePublicationFields(event.fields) };
      break;
    case 'submitted':
      // The chain is copied: a later change to the agency's chain does not move items in review.
      next = { ...base, state: 'in_review', chain: [...event.chain], currentStep: 0, acceptances: mergeAcceptances([], event.acceptances) };
      break;
    case 'approved': {
      const step = requireCurrentStep(publication, event);
      const last = step + 1 >= publication.chain.length;
      // After the last step the item stays in review with no step waiting: only 'published' may follow.
      next = { ...base, currentStep: last ? null : step + 1, acceptances: mergeAcceptances(publication.acceptances, event.acceptances) };
      break;
    }
    case 'returned':
      requireCurrentStep(publication, event);
      next = { ...base, state: 'returned', currentStep: null, acceptances: [] };
      break;
    case 'published':
      if (publication.currentStep !== null) {
        throw refusePublicationEvent(state, event, `须经全部审核环节审核通过后才能发布，当前等待${describeStep(publication, publication.currentStep)}审核`);
      }
      next = { ...base, state: 'published', indexNumber: event.indexNumber.trim(), publishedOn: event.publishedOn };
      break;
    case 'withdrawn':
      next = { ...base, state: 'withdrawn', withdrawnOn: event.at };
      break;
    case 'corrected':
      next = { ...base, fields: normalizePublicationFields(event.fields), corrections: [...publication.corrections, { at: event.at, reason: event.reason.trim(), actor: event.actor }] };
      break;
    case 'validityChanged':
      next = { ...base, fields: { ...publication.fields, validity: event.validity } };
      break;
    default: {
      const unknown: never = event;
      throw new DomainError('BAD_INPUT', `unknown publication event ${JSON.stringify(unknown)}`, '无法识别的办理事项', { field: 'kind' });
    }
  }
  if (next.state !== transition.to) {
    // The table and this fold disagree: a programming error, never the user's.
    throw new Error(`publication transition table does not allow ${state} -> ${next.state} on ${event.kind} (${PUBLICATION_STATES[next.state]})`);
  }
  return next;
}
