import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.ts';
import { applyPublicationEvent } from './apply-publication-event.ts';
import type { Publication, PublicationEvent } from './publication.ts';
import { FIELDS, PUBLISHED_LOG, ROLES, approved, context, drafted, published } from './publication-test-support.ts';
import { replayPublicationEvents } from './replay-publication-events.ts';

describe('replayPublicationEvents', () => {
  it('gives what applying the same events gave, with version = number of events', () => {
    const applied = PUBLISHED_LOG.reduce<Publication | null>((p, event) => applyPublicationEvent(p, event, context(ROLES[event.actor] ?? [])), null);
    const replayed = replayPublicationEvents(PUBLISHED_LOG);
    expect(replayed).toEqual(applied);
    expect(replayed.version).toBe(6);
  });

  it('does not check roles or screening again: they were checked when recorded', () => {
    // Recorded under an earlier chain and checklist; today's settings and scan must not undo history.
    const log: PublicationEvent[] = [drafted(), { kind: 'submitted', actor: 'alice', at: '2025-03-04', chain: [{ role: 'director', label: '主任' }], checklist: [], acceptances: [] }, approved(0, 'zed'), published()];
    expect(replayPublicationEvents(log)).toMatchObject({ state: 'published', version: 4 });
  });

  it('normalises fields as applying does', () => {
    expect(replayPublicationEvents([drafted('alice', { ...FIELDS, documentNumber: '' })]).fields.documentNumber).toBeNull();
  });

  it('still refuses what the state logic refuses', () => {
    expect(() => replayPublicationEvents([drafted(), published()])).toThrow(DomainError);
    expect(() => replayPublicationEvents([drafted(), PUBLISHED_LOG[1] as PublicationEvent, approved(1, 'carol')])).toThrow(/approved refused|approved/);
    expect(() => replayPublicationEvents([])).toThrow(DomainError);
  });
});
