// The life of a publication: which event may follow which (publication-transitions.ts), who may
// do it (roles of the review chain; nobody approves their own draft), and the screening gate
// (every hit resolved, every checklist question confirmed) before an approval.
import { DomainError } from '../domain-error.ts';
import type { ChecklistAnswer, Publication, PublicationEvent, ScreeningHit } from './publication.ts';

export interface PublicationEventContext {
  /** Roles of the actor (e.g. ['clerk'], ['sectionChief']). */
  actorRoles: readonly string[];
  /** The current automatic scan of title, body and attachments (for submission and approval). */
  hits: readonly ScreeningHit[];
  /** The agency's 保密审查 checklist question ids: each must be answered and confirmed. */
  checklistQuestionIds: readonly string[];
}

/** The publication after `event`, or a DomainError (CONFLICT, FORBIDDEN, BAD_INPUT) with a Chinese reason. */
export function applyPublicationEvent(publication: Publication | null, event: PublicationEvent, context: PublicationEventContext): Publication {
  void publication;
  void event;
  void context;
  throw new DomainError('BAD_INPUT', 'applyPublicationEvent: not built yet', '尚未实现');
}

/** Hits not fixed and not accepted (by kind and text) among `acceptances`. */
export function unresolvedHits(hits: readonly ScreeningHit[], acceptances: Publication['acceptances']): ScreeningHit[] {
  void hits;
  void acceptances;
  throw new DomainError('BAD_INPUT', 'unresolvedHits: not built yet', '尚未实现');
}

export type { ChecklistAnswer };
