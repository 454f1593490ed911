// A stored publication is its events replayed: no check of roles or screening (they were
// checked when each event was recorded), only the state each event leaves.
import { DomainError } from '../domain-error.ts';
import type { Publication, PublicationEvent } from './publication.ts';

export function replayPublicationEvents(events: readonly PublicationEvent[]): Publication {
  void events;
  throw new DomainError('BAD_INPUT', 'replayPublicationEvents: not built yet', '尚未实现');
}
