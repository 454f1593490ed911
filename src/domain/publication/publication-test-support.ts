// Builders for publication tests: an item drafted by 'alice' (clerk) and reviewed by the default
// chain 信息员 (bob) → 科长 (carol) → 分管领导 (dan).
import type { PublicationEventContext } from './apply-publication-event.ts';
import { DEFAULT_CONFIDENTIALITY_CHECKLIST } from './confidentiality-checklist.ts';
import type { ChecklistAnswer, PublicationEvent, PublicationFields, ScreeningHit } from './publication.ts';
import { DEFAULT_REVIEW_CHAIN } from './publication.ts';

export const FIELDS: PublicationFields = {
  title: '示范市示范局关于印发《行政执法公示办法》的通知',
  bodyHtml: '<p>各科室：现将办法印发给你们。</p>',
  summary: '行政执法公示办法',
  documentNumber: '示政办发〔2025〕3号',
  issuer: '示范市示范局',
  writtenOn: '2025-03-03',
  kind: 'normativeDocuments',
  categoryCode: 'a20-01',
  channels: ['website'],
  validity: { status: 'effective', effectiveFrom: null, endedOn: null },
};

export const QUESTION_IDS = DEFAULT_CONFIDENTIALITY_CHECKLIST.map((question) => question.id);
export const ALL_CONFIRMED: ChecklistAnswer[] = QUESTION_IDS.map((questionId) => ({ questionId, confirmed: true, note: '' }));

export const HIT: ScreeningHit = { kind: 'mobile', text: '13800138000', start: 10, end: 21, context: '联系电话13800138000', suggestion: '删除或去标识化', source: 'body' };

export function context(roles: readonly string[], hits: readonly ScreeningHit[] = []): PublicationEventContext {
  return { actorRoles: roles, hits, checklistQuestionIds: QUESTION_IDS };
}

export const drafted = (actor = 'alice', fields: PublicationFields = FIELDS): PublicationEvent => ({ kind: 'drafted', actor, at: '2025-03-03', fields });
export const submitted = (actor = 'alice'): PublicationEvent => ({ kind: 'submitted', actor, at: '2025-03-04', chain: DEFAULT_REVIEW_CHAIN, checklist: ALL_CONFIRMED, acceptances: [] });
export const approved = (step: number, actor: string): PublicationEvent => ({ kind: 'approved', actor, at: '2025-03-05', step, opinion: '同意', checklist: ALL_CONFIRMED, acceptances: [] });
export const published = (): PublicationEvent => ({ kind: 'published', actor: 'dan', at: '2025-03-06', indexNumber: '11410100MB0000000X/2025-00012', publishedOn: '2025-03-06' });

/** The whole happy path: drafted, submitted, three approvals, published. */
export const PUBLISHED_LOG: PublicationEvent[] = [drafted(), submitted(), approved(0, 'bob'), approved(1, 'carol'), approved(2, 'dan'), published()];

/** Roles of each test user. */
export const ROLES: Record<string, readonly string[]> = { alice: ['clerk'], bob: ['clerk'], carol: ['sectionChief'], dan: ['leader'] };
