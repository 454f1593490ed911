import { describe, expect, it } from 'vitest';
import type { CaseState } from './application-case.ts';
import { CASE_STATES } from './application-case.ts';
import { CASE_EVENT_KINDS } from './case-events.ts';
import { CASE_TRANSITIONS, transitionTargets } from './case-transitions.ts';

const allowedFrom = (state: CaseState) => CASE_EVENT_KINDS.filter((kind) => CASE_TRANSITIONS[state][kind].allowed);

describe('CASE_TRANSITIONS (domain.md §I)', () => {
  it('decides every event in every state, refusals with a Chinese reason', () => {
    for (const state of CASE_STATES) {
      for (const kind of CASE_EVENT_KINDS) {
        const transition = CASE_TRANSITIONS[state][kind];
        if (transition.allowed) {
          expect(transition.basis).toMatch(/第.+条|表三|国办函/);
          for (const target of transitionTargets(transition)) expect(CASE_STATES).toContain(target);
        } else {
          expect(transition.reason).toMatch(/[\u4e00-\u9fff]/);
        }
      }
    }
  });

  it('allows nothing once closed', () => {
    expect(allowedFrom('closed')).toEqual([]);
  });

  it('lets the applicant withdraw in every open state', () => {
    for (const state of CASE_STATES.filter((s) => s !== 'closed')) expect(CASE_TRANSITIONS[state].withdrawn).toMatchObject({ allowed: true, to: 'closed' });
  });

  it('replies only when nothing is awaited', () => {
    expect(CASE_STATES.filter((state) => CASE_TRANSITIONS[state].replied.allowed)).toEqual(['in_progress', 'delayed_article35']);
  });

  it('allows an extension only while the 第三十三条 period runs', () => {
    expect(CASE_STATES.filter((state) => CASE_TRANSITIONS[state].extensionApproved.allowed)).toEqual(['in_progress', 'consulting', 'awaiting_fee', 'awaiting_article35_reasons']);
  });

  it('asks for 补正 only from in progress', () => {
    expect(CASE_STATES.filter((state) => CASE_TRANSITIONS[state].correctionRequested.allowed)).toEqual(['in_progress']);
  });

  it('reaches every state from receipt, and can close from every state', () => {
    const reached = new Set<CaseState>(['in_progress']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const state of [...reached]) {
        for (const kind of allowedFrom(state)) {
          const transition = CASE_TRANSITIONS[state][kind];
          if (!transition.allowed) continue;
          for (const target of transitionTargets(transition)) {
            if (reached.has(target)) continue;
            reached.add(target);
            grew = true;
          }
        }
      }
    }
    expect([...reached].sort()).toEqual([...CASE_STATES].sort());
  });
});
