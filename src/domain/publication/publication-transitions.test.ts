import { describe, expect, it } from 'vitest';
import type { PublicationEventKind, PublicationState } from './publication.ts';
import { PUBLICATION_EVENT_LABELS, PUBLICATION_STATES } from './publication.ts';
import type { PublicationStateOrNone } from './publication-transitions.ts';
import { PUBLICATION_TRANSITIONS } from './publication-transitions.ts';

const STATES = ['none', ...Object.keys(PUBLICATION_STATES)] as PublicationStateOrNone[];
const KINDS = Object.keys(PUBLICATION_EVENT_LABELS) as PublicationEventKind[];
const allowedFrom = (state: PublicationStateOrNone) => KINDS.filter((kind) => PUBLICATION_TRANSITIONS[state][kind].allowed);
const statesAllowing = (kind: PublicationEventKind) => STATES.filter((state) => PUBLICATION_TRANSITIONS[state][kind].allowed);

describe('PUBLICATION_TRANSITIONS', () => {
  it('decides every event in every state: a basis citing the regulation, or a Chinese reason', () => {
    for (const state of STATES) {
      for (const kind of KINDS) {
        const transition = PUBLICATION_TRANSITIONS[state][kind];
        if (transition.allowed) {
          expect(transition.basis).toMatch(/条例第.+条|审核|起草人/);
          expect(Object.keys(PUBLICATION_STATES)).toContain(transition.to);
        } else {
          expect(transition.reason).toMatch(/[\u4e00-\u9fff]/);
        }
      }
    }
  });

  // The rules of issue 4, one row each: the states an event is allowed from.
  it.each<[PublicationEventKind, PublicationStateOrNone[]]>([
    ['drafted', ['none']],
    ['imported', ['none']],
    ['edited', ['draft', 'in_review', 'returned']],
    ['submitted', ['draft', 'returned']],
    ['approved', ['in_review']],
    ['returned', ['in_review']],
    ['published', ['in_review']],
    ['withdrawn', ['published']],
    ['corrected', ['published']],
    ['validityChanged', ['published', 'withdrawn']],
  ])('allows %s only from %j', (kind, states) => {
    expect(statesAllowing(kind)).toEqual(states);
  });

  it.each<[PublicationStateOrNone, PublicationEventKind, PublicationState]>([
    ['none', 'drafted', 'draft'],
    ['none', 'imported', 'published'],
    ['draft', 'submitted', 'in_review'],
    ['returned', 'submitted', 'in_review'],
    ['in_review', 'approved', 'in_review'],
    ['in_review', 'returned', 'returned'],
    ['in_review', 'published', 'published'],
    ['published', 'withdrawn', 'withdrawn'],
    ['published', 'corrected', 'published'],
    ['withdrawn', 'validityChanged', 'withdrawn'],
  ])('%s + %s -> %s', (state, kind, target) => {
    expect(PUBLICATION_TRANSITIONS[state][kind]).toMatchObject({ allowed: true, to: target });
  });

  it('leaves a withdrawn item only its validity to change', () => {
    expect(allowedFrom('withdrawn')).toEqual(['validityChanged']);
  });

  it('reaches every state from nothing', () => {
    const reached = new Set<PublicationStateOrNone>(['none']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const state of [...reached]) {
        for (const kind of allowedFrom(state)) {
          const transition = PUBLICATION_TRANSITIONS[state][kind];
          if (transition.allowed && !reached.has(transition.to)) {
            reached.add(transition.to);
            grew = true;
          }
        }
      }
    }
    expect([...reached].sort()).toEqual([...STATES].sort());
  });
});
