// A stored publication is its events replayed: no check of roles or screening (they were
// checked when each event was recorded), only the state each event leaves.
import { DomainError } from '../domain-error.ts';
import { evolvePublication } from './evolve-publication.ts';
import type { Publication, PublicationEvent } from './publication.ts';

/** The publication its log leaves; version = number of events. Throws CONFLICT on a log the table refuses. */
export function replayPublicationEvents(events: readonly PublicationEvent[]): Publication {
  const publication = events.reduce<Publication | null>((current, event) => evolvePublication(current, event), null);
  if (publication === null) throw new DomainError('BAD_INPUT', 'publication log is empty', '信息的办理记录为空，须从起草或导入开始');
  return publication;
}
