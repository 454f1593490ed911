// What the law allows and refuses. Dates are on the made-up 2031 calendar of case-test-support.ts:
// received Mon 3 Mar 2031 → the 补正 notice is due by 18 Mar (7th working day), the reply by 4 Apr (20th).
import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.ts';
import type { ApplicationCase } from './application-case.ts';
import type { CaseEventContext } from './apply-case-event.ts';
import { applyCaseEvent, openCase } from './apply-case-event.ts';
import type { CaseEvent, ReceivedEvent } from './case-events.ts';
import { buildCase, CLERK, events as e, LEADER, received } from './case-test-support.ts';
import { replayCaseEvents } from './replay-case-events.ts';

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, got none');
}

const base = (rest: CaseEvent[] = []) => buildCase('c1', received('2031-03-03'), rest);

describe('openCase', () => {
  it('opens in progress with the facts of receipt', () => {
    const c = openCase('c1', received('2031-03-03', 'business', 'online'));
    expect(c).toMatchObject({ state: 'in_progress', receivedOn: '2031-03-03', applicantType: 'business', channel: 'online', rulesVersion: '2019-05-15', version: 1, outcome: null, concludedOn: null });
  });

  it.each<[string, ReceivedEvent, string]>([
    ['a date that does not exist', { ...received('2031-03-03'), at: '2031-02-29' }, 'at'],
    ['an unknown applicant type', { ...received('2031-03-03'), applicantType: 'company' as never }, 'applicantType'],
    ['an unknown channel', { ...received('2031-03-03'), channel: 'wechat' as never }, 'channel'],
    ['a rules version that does not exist', { ...received('2031-03-03'), rulesVersion: '2008-05-01' as never }, 'rulesVersion'],
    ['a receipt date before the 2019 条例', received('2019-05-14'), 'at'],
    ['no actor', { ...received('2031-03-03'), actor: ' ' }, 'actor'],
  ])('refuses %s', (_name, event, field) => {
    const error = refusal(() => openCase('c1', event));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.details['field']).toBe(field);
  });
});

describe('applyCaseEvent: the law refuses', () => {
  it.each<[string, () => ApplicationCase, CaseEvent, CaseEventContext, DomainError['code'], string]>([
    // 第三十条: within 7 working days, once.
    ['补正 after the 7th working day (19 Mar)', () => base(), e.correctionRequested('2031-03-19', '2031-04-02'), CLERK, 'CONFLICT', '补正只能在收到申请之日起7个工作日内一次性告知（第三十条）：本申请收到于2031年3月3日，告知期限已于2031年3月18日届满'],
    ['a second 补正 while awaiting the first', () => base([e.correctionRequested('2031-03-05', '2031-03-25')]), e.correctionRequested('2031-03-06', '2031-03-25'), CLERK, 'CONFLICT', '补正只能在收到申请之日起7个工作日内一次性告知'],
    ['a second 补正 after the corrected application', () => base([e.correctionRequested('2031-03-05', '2031-03-25'), e.correctionReceived('2031-03-06')]), e.correctionRequested('2031-03-07', '2031-03-25'), CLERK, 'CONFLICT', '本申请已于2031年3月5日告知过补正'],
    ['补正 of a replied case', () => base([e.replied('2031-03-04')]), e.correctionRequested('2031-03-05', '2031-03-25'), CLERK, 'CONFLICT', '已答复或已办结的申请不能再补正'],
    ['逾期未补正 before the period ends', () => base([e.correctionRequested('2031-03-05', '2031-03-25')]), e.correctionLapsed('2031-03-25'), CLERK, 'CONFLICT', '补正期限至2031年3月25日，尚未届满'],
    ['收到补正 without a notice', () => base(), e.correctionReceived('2031-03-05'), CLERK, 'CONFLICT', '没有待补正的告知'],
    ['a reply while awaiting correction', () => base([e.correctionRequested('2031-03-05', '2031-03-25')]), e.replied('2031-03-06'), CLERK, 'CONFLICT', '等待补正期间不能答复'],
    // 第三十三条: ≤ 20 working days, once, approved by the head of the 工作机构, within the period.
    ['an extension by a clerk', () => base(), e.extensionApproved('2031-03-20'), CLERK, 'FORBIDDEN', '延长答复期限须经政府信息公开工作机构负责人同意（第三十三条）'],
    ['an extension of 21 working days', () => base(), e.extensionApproved('2031-03-20', 21), LEADER, 'BAD_INPUT', '延长答复期限最多20个工作日且只能延长一次（第三十三条）'],
    ['an extension of 0 working days', () => base(), e.extensionApproved('2031-03-20', 0), LEADER, 'BAD_INPUT', '延长天数须为1至20的整数'],
    ['a second extension', () => base([e.extensionApproved('2031-03-20', 5)]), e.extensionApproved('2031-03-21', 5), LEADER, 'CONFLICT', '延长答复期限最多20个工作日且只能延长一次（第三十三条），本申请已于2031年3月20日延长5个工作日'],
    ['an extension after the period ended (4 Apr)', () => base(), e.extensionApproved('2031-04-07'), LEADER, 'CONFLICT', '答复期限已于2031年4月4日届满，不能再延长'],
    ['an extension while awaiting correction', () => base([e.correctionRequested('2031-03-05', '2031-03-25')]), e.extensionApproved('2031-03-06'), LEADER, 'CONFLICT', '等待补正期间答复期限尚未起算'],
    // Consultations (第三十二条至第三十四条).
    ['a reply during a consultation', () => base([e.consultationStarted('2031-03-05')]), e.replied('2031-03-20'), CLERK, 'CONFLICT', '征求意见尚未结束，不能答复'],
    ['the same party asked twice at once', () => base([e.consultationStarted('2031-03-05')]), e.consultationStarted('2031-03-06'), CLERK, 'CONFLICT', '正在征求第三方意见'],
    ['an answer from a party not asked', () => base([e.consultationStarted('2031-03-05')]), e.consultationAnswered('2031-03-06', 'otherAgency'), CLERK, 'CONFLICT', '没有正在征求的其他机关意见'],
    // Fees (109号文).
    ['a reply while the fee is unpaid', () => base([e.feeNoticeSent('2031-03-05', '2031-03-31')]), e.replied('2031-03-20'), CLERK, 'CONFLICT', '等待缴费期间不能答复'],
    ['逾期未缴费 on the last day to pay', () => base([e.feeNoticeSent('2031-03-05', '2031-03-31')]), e.feeLapsed('2031-03-31'), CLERK, 'CONFLICT', '缴费期限至2031年3月31日，尚未届满'],
    ['a second fee notice after payment', () => base([e.feeNoticeSent('2031-03-05', '2031-03-31'), e.feePaid('2031-03-06')]), e.feeNoticeSent('2031-03-07', '2031-03-31'), CLERK, 'CONFLICT', '同一申请不能重复收费'],
    ['a fee of 0 元', () => base(), { ...(e.feeNoticeSent('2031-03-05', '2031-03-31') as Extract<CaseEvent, { kind: 'feeNoticeSent' }>), amount: '0' }, CLERK, 'BAD_INPUT', '收费金额须为大于0的金额'],
    // 第三十五条.
    ['a delayed date not after the statutory one (4 Apr)', () => base([e.article35ReasonsRequested('2031-03-04')]), e.article35Decided('2031-03-06', true, '2031-04-04'), CLERK, 'BAD_INPUT', '延迟答复的合理期限应晚于第三十三条规定的答复期限（2031年4月4日）'],
    ['a delayed date with an unreasonable decision', () => base([e.article35ReasonsRequested('2031-03-04')]), e.article35Decided('2031-03-06', false, '2031-05-30'), CLERK, 'BAD_INPUT', '理由不合理的，告知申请人不予处理'],
    ['an extension once a 合理期限 is set', () => base([e.article35ReasonsRequested('2031-03-04'), e.article35Decided('2031-03-06', true, '2031-05-30')]), e.extensionApproved('2031-03-07'), LEADER, 'CONFLICT', '不再适用第三十三条的延长'],
    // The reply: exactly one outcome, with its basis.
    ['two outcomes', () => base(), { ...(e.replied('2031-03-05') as Extract<CaseEvent, { kind: 'replied' }>), outcome: ['disclosed', 'other'] as never }, CLERK, 'BAD_INPUT', '须选择且只能选择一个办理结果'],
    ['no legal basis', () => base(), { ...(e.replied('2031-03-05') as Extract<CaseEvent, { kind: 'replied' }>), legalBasis: '' }, CLERK, 'BAD_INPUT', '答复须写明法律依据'],
    ['a reply recorded as 逾期不补正', () => base(), e.replied('2031-03-05', 'other_no_correction'), CLERK, 'CONFLICT', '逾期不补正的申请应登记“逾期未补正”'],
    ['补正后仍不明确 without a 补正', () => base(), e.replied('2031-03-05', 'unavailable_unclear_after_correction'), CLERK, 'CONFLICT', '只能在告知补正并收到补正后的申请后答复'],
    ['a second reply', () => base([e.replied('2031-03-05')]), e.replied('2031-03-06'), CLERK, 'CONFLICT', '每件申请只有一个办理结果'],
    // Nothing after closed; dates never go backwards.
    ['withdrawal of a withdrawn case', () => base([e.withdrawn('2031-03-05')]), e.withdrawn('2031-03-06'), CLERK, 'CONFLICT', '申请已办结，不能再撤回'],
    ['an event dated before the last one', () => base([e.consultationStarted('2031-03-07')]), e.consultationAnswered('2031-03-06'), CLERK, 'BAD_INPUT', '日期不能早于上一项办理事项的日期（2031年3月7日）'],
    ['an event dated before receipt', () => base(), e.replied('2031-03-02'), CLERK, 'BAD_INPUT', '日期不能早于上一项办理事项的日期（2031年3月3日）'],
    ['a second receipt', () => base(), received('2031-03-04'), CLERK, 'CONFLICT', '该申请已经登记'],
  ])('refuses %s', (_name, build, event, context, code, message) => {
    const before = build();
    const error = refusal(() => applyCaseEvent(before, event, context));
    expect(error.code).toBe(code);
    expect(error.userMessage).toContain(message);
    expect(before.version).toBe(before.events.length); // the case passed in is never changed
  });

  it('lets an agency choose who approves extensions', () => {
    const context: CaseEventContext = { ...CLERK, actorRoles: ['director'], approverRoles: ['director'] };
    expect(applyCaseEvent(base(), e.extensionApproved('2031-03-20'), context).extension?.workingDays).toBe(20);
    // A leader is no approver where the agency names only its director.
    expect(refusal(() => applyCaseEvent(base(), e.extensionApproved('2031-03-20'), { ...LEADER, approverRoles: ['director'] })).code).toBe('FORBIDDEN');
  });
});

describe('applyCaseEvent: the law allows', () => {
  it('补正 on the 7th working day, and the case waits for it', () => {
    const c = base([e.correctionRequested('2031-03-18', '2031-04-01')]);
    expect(c.state).toBe('awaiting_correction');
    expect(c.correction).toEqual({ requestedOn: '2031-03-18', items: ['请写明所需信息的名称或文号'], correctionDueOn: '2031-04-01', receivedOn: null });
  });

  it.each<[string, CaseEvent[], ApplicationCase['state'], ApplicationCase['outcome'], string | null]>([
    ['当场答复 on the day of receipt', [e.replied('2031-03-03')], 'closed', 'disclosed', '2031-03-03'],
    ['逾期未补正 → （六）1', [e.correctionRequested('2031-03-05', '2031-03-25'), e.correctionLapsed('2031-03-26')], 'closed', 'other_no_correction', '2031-03-26'],
    ['补正 then 补正后仍不明确 → （四）3', [e.correctionRequested('2031-03-05', '2031-03-25'), e.correctionReceived('2031-03-20'), e.replied('2031-04-10', 'unavailable_unclear_after_correction')], 'closed', 'unavailable_unclear_after_correction', '2031-04-10'],
    ['逾期未缴费 → （六）2', [e.feeNoticeSent('2031-03-05', '2031-03-31'), e.feeLapsed('2031-04-01')], 'closed', 'other_fee_unpaid', '2031-04-01'],
    ['fee paid, back in progress', [e.feeNoticeSent('2031-03-05', '2031-03-31'), e.feePaid('2031-03-10')], 'in_progress', null, null],
    ['第三十五条 unreasonable → （五）4', [e.article35ReasonsRequested('2031-03-04'), e.article35Decided('2031-03-10', false)], 'closed', 'not_processed_excessive', '2031-03-10'],
    ['第三十五条 reasonable, answerable in time', [e.article35ReasonsRequested('2031-03-04'), e.article35Decided('2031-03-10', true)], 'in_progress', null, null],
    ['第三十五条 reasonable with a 合理期限', [e.article35ReasonsRequested('2031-03-04'), e.article35Decided('2031-03-10', true, '2031-05-30')], 'delayed_article35', null, null],
    ['withdrawal while awaiting correction → （六）3', [e.correctionRequested('2031-03-05', '2031-03-25'), e.withdrawn('2031-03-07')], 'closed', 'other', '2031-03-07'],
    ['withdrawal during a consultation', [e.consultationStarted('2031-03-05'), e.withdrawn('2031-03-07')], 'closed', 'other', '2031-03-07'],
    ['two consultations at once, one answered', [e.consultationStarted('2031-03-05'), e.consultationStarted('2031-03-06', 'otherAgency'), e.consultationAnswered('2031-03-07')], 'consulting', null, null],
    ['both answered', [e.consultationStarted('2031-03-05'), e.consultationStarted('2031-03-06', 'otherAgency'), e.consultationAnswered('2031-03-07'), e.consultationAnswered('2031-03-07', 'otherAgency')], 'in_progress', null, null],
    ['extension during a consultation', [e.consultationStarted('2031-03-05'), e.extensionApproved('2031-03-20')], 'consulting', null, null],
    ['extension on the due date itself', [e.extensionApproved('2031-04-04')], 'in_progress', null, null],
  ])('%s', (_name, rest, state, outcome, concludedOn) => {
    const c = base(rest);
    expect(c.state).toBe(state);
    expect(c.outcome).toBe(outcome);
    expect(c.concludedOn).toBe(concludedOn);
    expect(c.version).toBe(rest.length + 1);
  });
});

describe('replayCaseEvents', () => {
  it('rebuilds the same case from the stored log', () => {
    const c = base([e.correctionRequested('2031-03-05', '2031-03-25'), e.correctionReceived('2031-03-20'), e.consultationStarted('2031-03-21'), e.consultationAnswered('2031-03-28'), e.extensionApproved('2031-04-01'), e.replied('2031-04-20', 'partially_disclosed')]);
    expect(replayCaseEvents('c1', c.events)).toEqual(c);
  });

  it('does not re-check the calendar: history stays valid when a new arrangement moves the 7-day limit', () => {
    // Recorded under a calendar where 18 Mar was the 7th working day; replay needs no calendar at all.
    const c = base([e.correctionRequested('2031-03-18', '2031-04-01')]);
    expect(replayCaseEvents('c1', c.events).state).toBe('awaiting_correction');
  });

  it('still applies the transition table', () => {
    expect(refusal(() => replayCaseEvents('c1', [received('2031-03-03'), e.replied('2031-03-04'), e.withdrawn('2031-03-05')])).code).toBe('CONFLICT');
    expect(refusal(() => replayCaseEvents('c1', [e.replied('2031-03-04')])).code).toBe('BAD_INPUT');
  });
});
