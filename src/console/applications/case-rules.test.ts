import { describe, expect, it } from 'vitest';
import type { CaseHistoryEntry } from './application-api.ts';
import { missingPlaceholders } from './application-api.ts';
import { availableActions, extensionNeedsApprover, openConsultations } from './case-rules.ts';
import { availableNotices } from './reply-grounds.ts';

const CLERK = ['application.receive', 'application.recordEvent', 'application.read', 'notice.download'];
const CHIEF = [...CLERK, 'application.approveExtension'];
const LEADER = ['application.approveExtension', 'application.read', 'notice.download'];

const event = (kind: string, fields: Record<string, unknown> = {}): CaseHistoryEntry => ({ source: 'event', kind, label: kind, at: '2026-10-08', actor: 'x', recordedAt: '', event: { kind, ...fields } });
const received = event('received', { channel: 'in_person' });

describe('availableActions', () => {
  it('offers a clerk the in-progress actions but not the extension, which needs the approver', () => {
    const facts = { state: 'in_progress', history: [received] };
    expect(availableActions(facts, CLERK)).toEqual(['correctionRequested', 'consultationStarted', 'feeNoticeSent', 'article35ReasonsRequested', 'withdrawn', 'replied']);
    expect(extensionNeedsApprover(facts, CLERK)).toBe(true);
    expect(availableActions(facts, CHIEF)).toContain('extensionApproved');
    expect(extensionNeedsApprover(facts, CHIEF)).toBe(false);
  });

  it('gives a leader (approves, does not enter cases) only the extension', () => {
    expect(availableActions({ state: 'in_progress', history: [received] }, LEADER)).toEqual(['extensionApproved']);
  });

  it('offers the one-time actions once: no second 补正 notice, extension or fee notice', () => {
    const history = [received, event('correctionRequested'), event('correctionReceived'), event('extensionApproved'), event('feeNoticeSent'), event('feePaid')];
    expect(availableActions({ state: 'in_progress', history }, CHIEF)).toEqual(['consultationStarted', 'article35ReasonsRequested', 'withdrawn', 'replied']);
    expect(extensionNeedsApprover({ state: 'in_progress', history }, CLERK)).toBe(false);
  });

  it('while awaiting 补正 offers only 收到补正, 逾期未补正 and withdrawal', () => {
    expect(availableActions({ state: 'awaiting_correction', history: [received, event('correctionRequested')] }, CHIEF)).toEqual(['correctionReceived', 'correctionLapsed', 'withdrawn']);
  });

  it('while consulting both parties offers no third letter, and answers for the open ones', () => {
    const history = [received, event('consultationStarted', { party: 'thirdParty' }), event('consultationStarted', { party: 'otherAgency' }), event('consultationAnswered', { party: 'thirdParty' })];
    expect(openConsultations({ state: 'consulting', history })).toEqual(['otherAgency']);
    expect(availableActions({ state: 'consulting', history }, CLERK)).toEqual(['consultationStarted', 'consultationAnswered', 'withdrawn']);
    const both = history.slice(0, 3);
    expect(availableActions({ state: 'consulting', history: both }, CLERK)).toEqual(['consultationAnswered', 'withdrawn']);
  });

  it('offers nothing on a closed case', () => {
    expect(availableActions({ state: 'closed', history: [received, event('replied', { outcome: 'disclosed' })] }, CHIEF)).toEqual([]);
  });
});

describe('availableNotices', () => {
  it('lists the notices the record can fill, the 答复书 of each ground of the outcome', () => {
    const history = [received, event('correctionRequested'), event('correctionReceived'), event('consultationStarted', { party: 'otherAgency' }), event('extensionApproved'), event('replied', { outcome: 'disclosed' })];
    expect(availableNotices(history).map((n) => n.kind)).toEqual(['correction', 'agency_consultation', 'extension', 'reply.already_published', 'reply.disclosable']);
  });

  it('offers only the 答复书 of the ground whose legal basis the reply recorded', () => {
    const replied = event('replied', { outcome: 'unavailable_not_held', legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（五）项' });
    expect(availableNotices([received, replied])).toEqual([{ kind: 'reply.not_this_agency', label: '答复书（所申请公开信息不属于本行政机关负责公开）' }]);
  });

  it('has none right after receipt', () => {
    expect(availableNotices([received])).toEqual([]);
  });
});

describe('missingPlaceholders', () => {
  it('reads the placeholders a 422 names', () => {
    expect(missingPlaceholders('缺少“联系人及联系电话”（{{contact}}）、“救济途径”（{{remedies}}），无法生成文书。')).toEqual(['contact', 'remedies']);
  });
});
