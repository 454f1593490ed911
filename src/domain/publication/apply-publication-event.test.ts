import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.ts';
import { applyPublicationEvent, unresolvedHits } from './apply-publication-event.ts';
import type { Publication, PublicationEvent, ScreeningHit } from './publication.ts';
import { ALL_CONFIRMED, FIELDS, HIT, PUBLISHED_LOG, QUESTION_IDS, ROLES, approved, context, drafted, published, submitted } from './publication-test-support.ts';

/** Applies each event with the actor's roles and the given hits. */
function run(events: readonly PublicationEvent[], hits: readonly ScreeningHit[] = []): Publication {
  return events.reduce<Publication | null>((p, event) => applyPublicationEvent(p, event, context(ROLES[event.actor] ?? [], hits)), null) as Publication;
}

function refusal(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const inReview = (): Publication => run([drafted(), submitted()]);

describe('applyPublicationEvent: the happy path', () => {
  it('drafts, reviews step by step, publishes', () => {
    const draft = run([drafted()]);
    expect(draft).toMatchObject({ state: 'draft', author: 'alice', version: 1, chain: [], currentStep: null, indexNumber: null });

    const afterSubmit = run(PUBLISHED_LOG.slice(0, 2));
    expect(afterSubmit).toMatchObject({ state: 'in_review', currentStep: 0, version: 2 });
    expect(afterSubmit.chain.map((step) => step.label)).toEqual(['信息员', '科长', '分管领导']);

    expect(run(PUBLISHED_LOG.slice(0, 3))).toMatchObject({ state: 'in_review', currentStep: 1 });
    expect(run(PUBLISHED_LOG.slice(0, 4))).toMatchObject({ state: 'in_review', currentStep: 2 });
    // After the last step nothing waits but publishing.
    expect(run(PUBLISHED_LOG.slice(0, 5))).toMatchObject({ state: 'in_review', currentStep: null, version: 5 });

    expect(run(PUBLISHED_LOG)).toMatchObject({ state: 'published', indexNumber: '11410100MB0000000X/2025-00012', publishedOn: '2025-03-06', version: 6 });
  });

  it('normalises fields: trimmed text, empty 文号 as null, one of each channel', () => {
    const p = run([drafted('alice', { ...FIELDS, title: '  通知 ', documentNumber: ' ', channels: ['website', 'wechat', 'website'] })]);
    expect(p.fields).toMatchObject({ title: '通知', documentNumber: null, channels: ['website', 'wechat'] });
  });
});

describe('applyPublicationEvent: refusals', () => {
  const p = inReview();
  // Each case: the item, the event, the context roles and hits, the code, and a phrase of the Chinese reason.
  const cases: { name: string; publication: () => Publication | null; event: PublicationEvent; roles: readonly string[]; hits?: ScreeningHit[]; code: string; message: RegExp }[] = [
    { name: 'edit before drafting', publication: () => null, event: { kind: 'edited', actor: 'alice', at: '2025-03-03', fields: FIELDS }, roles: ['clerk'], code: 'CONFLICT', message: /尚未起草/ },
    { name: 'draft twice', publication: () => run([drafted()]), event: drafted(), roles: ['clerk'], code: 'CONFLICT', message: /已经建立/ },
    { name: 'draft with an empty title', publication: () => null, event: drafted('alice', { ...FIELDS, title: ' ' }), roles: ['clerk'], code: 'BAD_INPUT', message: /标题（title）不能为空/ },
    { name: 'edit a draft by another user', publication: () => run([drafted()]), event: { kind: 'edited', actor: 'bob', at: '2025-03-03', fields: FIELDS }, roles: ['clerk'], code: 'FORBIDDEN', message: /只能由起草人修改/ },
    { name: 'submit by another user', publication: () => run([drafted()]), event: submitted('bob'), roles: ['clerk'], code: 'FORBIDDEN', message: /只有起草人/ },
    {
      name: 'submit with an empty chain',
      publication: () => run([drafted()]),
      event: { kind: 'submitted', actor: 'alice', at: '2025-03-04', chain: [], checklist: ALL_CONFIRMED, acceptances: [] },
      roles: ['clerk'],
      code: 'BAD_INPUT',
      message: /没有审核环节/,
    },
    {
      name: 'submit with a question unanswered',
      publication: () => run([drafted()]),
      event: { ...(submitted() as Extract<PublicationEvent, { kind: 'submitted' }>), checklist: ALL_CONFIRMED.slice(1) },
      roles: ['clerk'],
      code: 'BAD_INPUT',
      message: /“是否已确认不涉及国家秘密（条例第十四条）”尚未回答/,
    },
    {
      name: 'submit with a question not confirmed',
      publication: () => run([drafted()]),
      event: { ...(submitted() as Extract<PublicationEvent, { kind: 'submitted' }>), checklist: ALL_CONFIRMED.map((a) => (a.questionId === 'no-personal-info' ? { ...a, confirmed: false } : a)) },
      roles: ['clerk'],
      code: 'CONFLICT',
      message: /保密审查未通过，不能提交审核：“是否已确认不涉及个人隐私/,
    },
    { name: 'submit with a hit unresolved', publication: () => run([drafted()]), event: submitted(), roles: ['clerk'], hits: [HIT], code: 'CONFLICT', message: /还有1处自动检查发现的问题未处理（“13800138000”）/ },
    {
      name: 'submit accepting a hit without a reason',
      publication: () => run([drafted()]),
      event: { ...(submitted() as Extract<PublicationEvent, { kind: 'submitted' }>), acceptances: [{ kind: 'mobile', text: '13800138000', reason: ' ' }] },
      roles: ['clerk'],
      hits: [HIT],
      code: 'BAD_INPUT',
      message: /须写明理由/,
    },
    { name: 'approve own draft', publication: () => p, event: approved(0, 'alice'), roles: ['clerk'], code: 'FORBIDDEN', message: /不能审核自己起草的信息/ },
    { name: 'approve without the role', publication: () => p, event: approved(0, 'carol'), roles: ['sectionChief'], code: 'FORBIDDEN', message: /第1个审核环节（信息员）须由信息员审核，当前用户不是信息员/ },
    { name: 'approve the wrong step', publication: () => p, event: approved(1, 'carol'), roles: ['sectionChief'], code: 'CONFLICT', message: /当前等待第1个审核环节（信息员）审核/ },
    { name: 'approve with a hit unresolved', publication: () => p, event: approved(0, 'bob'), roles: ['clerk'], hits: [HIT, { ...HIT, text: '13900139000' }], code: 'CONFLICT', message: /还有2处/ },
    {
      name: 'approve with a question not confirmed',
      publication: () => p,
      event: { ...(approved(0, 'bob') as Extract<PublicationEvent, { kind: 'approved' }>), checklist: ALL_CONFIRMED.map((a) => ({ ...a, confirmed: a.questionId !== 'reviewed-by-law' })) },
      roles: ['clerk'],
      code: 'CONFLICT',
      message: /保密审查未通过，不能审核通过：“是否已按《中华人民共和国保守国家秘密法》/,
    },
    { name: 'return without an opinion', publication: () => p, event: { kind: 'returned', actor: 'bob', at: '2025-03-05', step: 0, opinion: '' }, roles: ['clerk'], code: 'BAD_INPUT', message: /须写明审核意见/ },
    { name: 'return without the role', publication: () => p, event: { kind: 'returned', actor: 'dan', at: '2025-03-05', step: 0, opinion: '改' }, roles: ['leader'], code: 'FORBIDDEN', message: /须由信息员审核/ },
    { name: 'publish before the last approval', publication: () => run(PUBLISHED_LOG.slice(0, 4)), event: published(), roles: ['leader'], code: 'CONFLICT', message: /须经全部审核环节审核通过后才能发布，当前等待第3个审核环节（分管领导）审核/ },
    { name: 'publish a draft', publication: () => run([drafted()]), event: published(), roles: ['leader'], code: 'CONFLICT', message: /未经审核的信息不能发布/ },
    { name: 'approve after the last step', publication: () => run(PUBLISHED_LOG.slice(0, 5)), event: approved(2, 'dan'), roles: ['leader'], code: 'CONFLICT', message: /各审核环节均已审核通过，等待发布/ },
    { name: 'author edits during review', publication: () => p, event: { kind: 'edited', actor: 'alice', at: '2025-03-05', fields: FIELDS }, roles: ['clerk'], code: 'FORBIDDEN', message: /起草人须待退回后修改/ },
    { name: 'edit a published item', publication: () => run(PUBLISHED_LOG), event: { kind: 'edited', actor: 'alice', at: '2025-03-07', fields: FIELDS }, roles: ['clerk'], code: 'CONFLICT', message: /请登记更正/ },
    { name: 'withdraw without a reason', publication: () => run(PUBLISHED_LOG), event: { kind: 'withdrawn', actor: 'dan', at: '2025-03-07', reason: '' }, roles: ['leader'], code: 'BAD_INPUT', message: /撤回须写明理由/ },
    { name: 'withdraw a draft', publication: () => run([drafted()]), event: { kind: 'withdrawn', actor: 'alice', at: '2025-03-07', reason: '错' }, roles: ['clerk'], code: 'CONFLICT', message: /尚未发布的信息不能撤回/ },
    { name: 'correct without a reason', publication: () => run(PUBLISHED_LOG), event: { kind: 'corrected', actor: 'alice', at: '2025-03-07', fields: FIELDS, reason: '' }, roles: ['clerk'], code: 'BAD_INPUT', message: /更正须写明理由/ },
    {
      name: 'correct with a 成文日期 after publishing',
      publication: () => run(PUBLISHED_LOG),
      event: { kind: 'corrected', actor: 'alice', at: '2025-03-07', fields: { ...FIELDS, writtenOn: '2025-03-10' }, reason: '日期' },
      roles: ['clerk'],
      code: 'BAD_INPUT',
      message: /发布日期（2025年3月6日）不能早于成文日期（2025年3月10日）/,
    },
    { name: 'correct a draft', publication: () => run([drafted()]), event: { kind: 'corrected', actor: 'alice', at: '2025-03-07', fields: FIELDS, reason: '错' }, roles: ['clerk'], code: 'CONFLICT', message: /不需要更正/ },
    {
      name: 'repeal before the 成文日期',
      publication: () => run(PUBLISHED_LOG),
      event: { kind: 'validityChanged', actor: 'alice', at: '2025-03-07', validity: { status: 'repealed', effectiveFrom: null, endedOn: '2025-03-02' }, reason: '废止' },
      roles: ['clerk'],
      code: 'BAD_INPUT',
      message: /废止日期（2025年3月2日）不能早于成文日期（2025年3月3日）/,
    },
    { name: 'import an item with no 索引号', publication: () => null, event: { kind: 'imported', actor: 'alice', at: '2025-04-01', fields: FIELDS, indexNumber: ' ', publishedOn: '2025-03-05' }, roles: ['admin'], code: 'BAD_INPUT', message: /索引号（indexNumber）不能为空/ },
    { name: 'import published before written', publication: () => null, event: { kind: 'imported', actor: 'alice', at: '2025-04-01', fields: FIELDS, indexNumber: 'X-1', publishedOn: '2025-03-01' }, roles: ['admin'], code: 'BAD_INPUT', message: /不能早于成文日期/ },
    { name: 'an event on an impossible date', publication: () => null, event: { ...(drafted() as Extract<PublicationEvent, { kind: 'drafted' }>), at: '2025-02-29' }, roles: ['clerk'], code: 'BAD_INPUT', message: /不是有效日期/ },
  ];

  it.each(cases)('refuses to $name', ({ publication, event, roles, hits, code, message }) => {
    const error = refusal(() => applyPublicationEvent(publication(), event, context(roles, hits ?? [])));
    expect(error.code).toBe(code);
    expect(error.userMessage).toMatch(message);
  });
});

describe('applyPublicationEvent: screening and the review chain', () => {
  it('lets a hit accepted at submission stay accepted through the chain', () => {
    const accepted = [{ kind: 'mobile' as const, text: '13800138000', reason: '单位公开的办公电话' }];
    const events: PublicationEvent[] = [drafted(), { ...(submitted() as Extract<PublicationEvent, { kind: 'submitted' }>), acceptances: accepted }, approved(0, 'bob')];
    const p = run(events, [HIT]);
    expect(p).toMatchObject({ currentStep: 1, acceptances: accepted });
  });

  it('lets a reviewer accept a new hit at their step, and fix the text in place', () => {
    let p = inReview();
    const fixed: PublicationEvent = { kind: 'edited', actor: 'bob', at: '2025-03-05', fields: { ...FIELDS, title: '更正后的标题' } };
    p = applyPublicationEvent(p, fixed, context(['clerk']));
    expect(p).toMatchObject({ state: 'in_review', currentStep: 0, fields: { title: '更正后的标题' } });
    const approval = { ...(approved(0, 'bob') as Extract<PublicationEvent, { kind: 'approved' }>), acceptances: [{ kind: 'mobile' as const, text: '13800138000', reason: '办公电话' }] };
    p = applyPublicationEvent(p, approval, context(['clerk'], [HIT]));
    expect(p.currentStep).toBe(1);
  });

  it('returns to the author, who edits and resubmits from the first step', () => {
    let p = run([drafted(), submitted(), approved(0, 'bob')]);
    p = applyPublicationEvent(p, { kind: 'returned', actor: 'carol', at: '2025-03-06', step: 1, opinion: '请补充依据' }, context(['sectionChief']));
    expect(p).toMatchObject({ state: 'returned', currentStep: null, acceptances: [] });
    p = applyPublicationEvent(p, { kind: 'edited', actor: 'alice', at: '2025-03-07', fields: { ...FIELDS, summary: '补充了依据' } }, context(['clerk']));
    p = applyPublicationEvent(p, submitted(), context(['clerk']));
    expect(p).toMatchObject({ state: 'in_review', currentStep: 0, version: 6 });
  });

  it('accepts a chain of one step, with any role names', () => {
    const chain = [{ role: 'director', label: '主任' }];
    let p = run([drafted()]);
    p = applyPublicationEvent(p, { kind: 'submitted', actor: 'alice', at: '2025-03-04', chain, checklist: ALL_CONFIRMED, acceptances: [] }, context(['clerk']));
    p = applyPublicationEvent(p, approved(0, 'erin'), context(['director']));
    expect(p).toMatchObject({ state: 'in_review', currentStep: null });
  });

  it('asks only the agency checklist, naming its own question', () => {
    const ctx = { actorRoles: ['clerk'], hits: [], checklistQuestionIds: ['own-1'], checklistQuestions: [{ id: 'own-1', question: '是否经法制机构审核' }] };
    const p = run([drafted()]);
    const event = { ...(submitted() as Extract<PublicationEvent, { kind: 'submitted' }>), checklist: [{ questionId: 'own-1', confirmed: false, note: '' }] };
    expect(refusal(() => applyPublicationEvent(p, event, ctx)).userMessage).toMatch(/“是否经法制机构审核”未予确认/);
    expect(applyPublicationEvent(p, { ...event, checklist: [{ questionId: 'own-1', confirmed: true, note: '已审' }] }, ctx).state).toBe('in_review');
  });

  it('refuses a category outside the agency catalogue when the codes are given', () => {
    const error = refusal(() => applyPublicationEvent(null, drafted('alice', { ...FIELDS, categoryCode: 'zz' }), { ...context(['clerk']), categoryCodes: ['a20-01'] }));
    expect(error.userMessage).toMatch(/目录分类（categoryCode）“zz”不在本机关的政府信息公开目录中/);
  });
});

describe('applyPublicationEvent: after publishing', () => {
  it('records withdrawal, corrections and validity on the item', () => {
    let p = run(PUBLISHED_LOG);
    p = applyPublicationEvent(p, { kind: 'corrected', actor: 'alice', at: '2025-03-10', fields: { ...FIELDS, title: '更正：通知' }, reason: '标题错字' }, context(['clerk']));
    expect(p).toMatchObject({ state: 'published', fields: { title: '更正：通知' }, corrections: [{ at: '2025-03-10', reason: '标题错字', actor: 'alice' }] });
    const repealed = { status: 'repealed' as const, effectiveFrom: null, endedOn: '2025-06-30' };
    p = applyPublicationEvent(p, { kind: 'validityChanged', actor: 'alice', at: '2025-06-30', validity: repealed, reason: '已废止' }, context(['clerk']));
    expect(p.fields.validity).toEqual(repealed);
    p = applyPublicationEvent(p, { kind: 'withdrawn', actor: 'dan', at: '2025-07-01', reason: '内容已过时' }, context(['leader']));
    expect(p).toMatchObject({ state: 'withdrawn', withdrawnOn: '2025-07-01', version: 9 });
    expect(refusal(() => applyPublicationEvent(p, { kind: 'withdrawn', actor: 'dan', at: '2025-07-02', reason: '再撤' }, context(['leader']))).code).toBe('CONFLICT');
  });

  it('imports an item already published, outside the chain', () => {
    const p = applyPublicationEvent(null, { kind: 'imported', actor: 'admin', at: '2025-04-01', fields: FIELDS, indexNumber: ' 11410100MB0000000X/2025-00001 ', publishedOn: '2025-03-05' }, context([]));
    expect(p).toMatchObject({ state: 'published', author: 'admin', indexNumber: '11410100MB0000000X/2025-00001', publishedOn: '2025-03-05', version: 1 });
  });
});

describe('unresolvedHits', () => {
  const other: ScreeningHit = { ...HIT, kind: 'id_number', text: '110101199003074514' };
  it.each([
    { name: 'none accepted', acceptances: [], left: [HIT, other] },
    { name: 'one accepted by kind and text', acceptances: [{ kind: 'mobile' as const, text: '13800138000', reason: '办公电话' }], left: [other] },
    { name: 'same text, other kind', acceptances: [{ kind: 'email' as const, text: '13800138000', reason: '办公电话' }], left: [HIT, other] },
    { name: 'accepted without a reason', acceptances: [{ kind: 'mobile' as const, text: '13800138000', reason: '  ' }], left: [HIT, other] },
  ])('$name', ({ acceptances, left }) => {
    expect(unresolvedHits([HIT, other], acceptances)).toEqual(left);
  });

  it('treats every occurrence of an accepted text as accepted', () => {
    expect(unresolvedHits([HIT, { ...HIT, start: 50, end: 61 }], [{ kind: 'mobile', text: '13800138000', reason: '办公电话' }])).toEqual([]);
  });
});

describe('checklist ids', () => {
  it('are the default six', () => {
    expect(QUESTION_IDS).toEqual(['no-state-secret', 'no-work-secret', 'no-personal-info', 'no-trade-secret', 'no-stability-risk', 'reviewed-by-law']);
  });
});
