// The life of a publication: which event may follow which (publication-transitions.ts), who may
// do it (roles of the review chain; nobody approves their own draft), and the screening gate
// (every hit resolved, every checklist question confirmed) before an approval.
import { formatChineseDate, isIsoDate } from '../calendar/iso-date.ts';
import { DomainError } from '../domain-error.ts';
import type { ChecklistQuestion } from './confidentiality-checklist.ts';
import { DEFAULT_CONFIDENTIALITY_CHECKLIST } from './confidentiality-checklist.ts';
import { describeStep, evolvePublication, mergeAcceptances, refusePublicationEvent, requireCurrentStep } from './evolve-publication.ts';
import type { ChecklistAnswer, HitAcceptance, Publication, PublicationEvent, ReviewStep, ScreeningHit } from './publication.ts';
import { PUBLICATION_EVENT_LABELS, SCREENING_HIT_KINDS } from './publication.ts';
import { findPublicationTransition } from './publication-transitions.ts';
import { validatePublicationFields, validateValidity } from './validate-publication-fields.ts';

export interface PublicationEventContext {
  /** Roles of the actor (e.g. ['clerk'], ['sectionChief']). */
  actorRoles: readonly string[];
  /** The current automatic scan of title, body and attachments (for submission and approval). */
  hits: readonly ScreeningHit[];
  /** The agency's 保密审查 checklist question ids: each must be answered and confirmed. */
  checklistQuestionIds: readonly string[];
  /** The questions themselves, to name an unconfirmed one; the default checklist's wording otherwise. */
  checklistQuestions?: readonly ChecklistQuestion[];
  /** The agency's catalogue codes; when given, a category outside them is refused. */
  categoryCodes?: readonly string[];
  /**
   * Who may withdraw, correct or change the validity of a published item (the last step of the
   * agency's chain, and the administrator); when absent, nobody is checked.
   */
  publishers?: readonly ReviewStep[];
}

/** Shown in a refusal: at most this many unresolved hits are quoted. */
const QUOTED_HITS = 5;

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function badInput(field: string, message: string, userMessage: string): DomainError {
  return new DomainError('BAD_INPUT', message, userMessage, { field });
}

function forbidden(event: PublicationEvent, message: string, userMessage: string): DomainError {
  return new DomainError('FORBIDDEN', `publication ${event.kind} by ${event.actor}: ${message}`, userMessage, { event: event.kind });
}

/** Hits not fixed and not accepted (by kind and text) among `acceptances`. */
export function unresolvedHits(hits: readonly ScreeningHit[], acceptances: Publication['acceptances']): ScreeningHit[] {
  // A fixed hit is gone from the scan; what is left must be accepted with a reason.
  return hits.filter((hit) => !acceptances.some((acceptance) => acceptance.kind === hit.kind && acceptance.text === hit.text && isText(acceptance.reason)));
}

function questionText(id: string, context: PublicationEventContext): string {
  const question = (context.checklistQuestions ?? DEFAULT_CONFIDENTIALITY_CHECKLIST).find((q) => q.id === id);
  return question?.question ?? id;
}

/** 条例第十七条: every question of the agency's 保密审查 checklist answered and confirmed at this step. */
function checkChecklist(answers: readonly ChecklistAnswer[], context: PublicationEventContext, event: PublicationEvent): void {
  if (!Array.isArray(answers)) throw badInput('checklist', 'checklist missing', '须回答保密审查清单的全部问题');
  for (const id of context.checklistQuestionIds) {
    const given = answers.filter((answer) => answer.questionId === id);
    if (given.length === 0) {
      throw badInput('checklist', `checklist question ${id} not answered`, `保密审查问题“${questionText(id, context)}”尚未回答`);
    }
    if (!given.every((answer) => answer.confirmed === true)) {
      throw new DomainError(
        'CONFLICT',
        `checklist question ${id} not confirmed`,
        `保密审查未通过，不能${PUBLICATION_EVENT_LABELS[event.kind]}：“${questionText(id, context)}”未予确认；不能确定是否可以公开的，应报有关主管部门或者保密行政管理部门确定（条例第十七条）`,
        { field: 'checklist', questionId: id },
      );
    }
  }
}

function checkAcceptances(acceptances: readonly HitAcceptance[]): void {
  if (!Array.isArray(acceptances)) throw badInput('acceptances', 'acceptances missing', '缺少对自动检查问题的处理意见');
  for (const acceptance of acceptances) {
    if (!SCREENING_HIT_KINDS.includes(acceptance.kind)) throw badInput('acceptances', `unknown hit kind ${String(acceptance.kind)}`, '无法识别的自动检查问题类型');
    if (!isText(acceptance.reason)) {
      throw badInput('acceptances', `acceptance of ${acceptance.text} without a reason`, `接受自动检查发现的“${acceptance.text}”须写明理由`);
    }
  }
}

/** Every hit of the current scan fixed or accepted with a reason (issue 4: screening before submission and at every step). */
function checkHits(context: PublicationEventContext, acceptances: readonly HitAcceptance[], event: PublicationEvent): void {
  const left = unresolvedHits(context.hits, acceptances);
  if (left.length === 0) return;
  const quoted = left
    .slice(0, QUOTED_HITS)
    .map((hit) => `“${hit.text}”`)
    .join('、');
  throw new DomainError(
    'CONFLICT',
    `${left.length} screening hits unresolved`,
    `还有${left.length}处自动检查发现的问题未处理（${quoted}${left.length > QUOTED_HITS ? '等' : ''}），须逐一修改或写明理由后接受，才能${PUBLICATION_EVENT_LABELS[event.kind]}`,
    { field: 'acceptances', unresolved: left.length },
  );
}

function checkChain(chain: readonly ReviewStep[]): void {
  if (!Array.isArray(chain) || chain.length === 0) throw badInput('chain', 'empty review chain', '本机关的审核流程没有审核环节，请先设置审核流程');
  chain.forEach((step, index) => {
    if (!isText(step.role) || !isText(step.label)) throw badInput('chain', `step ${index} without role or label`, `审核流程第${index + 1}个环节缺少角色或名称`);
  });
}

/** The reviewer at the current step: holds its role (and, for an approval, is not the author). */
function checkReviewer(publication: Publication, event: PublicationEvent & { step: number }, context: PublicationEventContext): void {
  const current = requireCurrentStep(publication, event);
  const step = publication.chain[current];
  if (step === undefined) throw refusePublicationEvent(publication.state, event, `审核流程中没有${describeStep(publication, current)}`);
  if (!context.actorRoles.includes(step.role)) {
    throw forbidden(event, `lacks role ${step.role}`, `${describeStep(publication, current)}须由${step.label}审核，当前用户不是${step.label}`);
  }
}

/** Acts on a published item are the publisher's: the role that gives the last approval, or an administrator. */
function checkPublisher(event: PublicationEvent, context: PublicationEventContext): void {
  const publishers = context.publishers;
  if (publishers === undefined || publishers.some((step) => context.actorRoles.includes(step.role))) return;
  const who = publishers.map((step) => step.label).join('或');
  throw forbidden(event, `lacks a publisher role (${publishers.map((step) => step.role).join(', ')})`, `已发布的信息，${PUBLICATION_EVENT_LABELS[event.kind]}须由${who}办理`);
}

function requirePublishedOn(publishedOn: unknown, writtenOn: string): void {
  if (typeof publishedOn !== 'string' || !isIsoDate(publishedOn)) {
    throw badInput('publishedOn', `publishedOn is not a date: ${String(publishedOn)}`, '发布日期（publishedOn）不是有效日期，应为“年-月-日”（如 2025-03-03）');
  }
  if (publishedOn < writtenOn) {
    throw badInput('publishedOn', 'publishedOn before writtenOn', `发布日期（${formatChineseDate(publishedOn)}）不能早于成文日期（${formatChineseDate(writtenOn)}）`);
  }
}

function requireIndexNumber(indexNumber: unknown): void {
  if (!isText(indexNumber)) throw badInput('indexNumber', 'indexNumber empty', '索引号（indexNumber）不能为空');
}

function checkEvent(publication: Publication | null, event: PublicationEvent, context: PublicationEventContext): void {
  const fieldOptions = context.categoryCodes === undefined ? {} : { categoryCodes: context.categoryCodes };
  if (publication === null) {
    // The table admits only drafted and imported here.
    if (event.kind === 'drafted') validatePublicationFields(event.fields, fieldOptions);
    if (event.kind === 'imported') {
      const fields = validatePublicationFields(event.fields, { ...fieldOptions, publishedOn: event.publishedOn });
      requireIndexNumber(event.indexNumber);
      requirePublishedOn(event.publishedOn, fields.writtenOn);
    }
    return;
  }
  switch (event.kind) {
    case 'drafted':
    case 'imported':
      return; // refused by the table once the item exists
    case 'edited':
      if (publication.state === 'in_review') {
        // A fix during review: only the reviewer of the current step, never the author.
        const current = publication.currentStep;
        const step = current === null ? undefined : publication.chain[current];
        if (step !== undefined && (!context.actorRoles.includes(step.role) || event.actor === publication.author)) {
          throw forbidden(event, 'not the reviewer of the current step', `审核中的信息只能由${describeStep(publication, current ?? 0)}的审核人修改；起草人须待退回后修改`);
        }
      } else if (event.actor !== publication.author) {
        throw forbidden(event, 'not the author', '草稿和退回修改的信息只能由起草人修改');
      }
      validatePublicationFields(event.fields, fieldOptions);
      return;
    case 'submitted':
      if (event.actor !== publication.author) throw forbidden(event, 'not the author', '只有起草人可以提交审核');
      checkChain(event.chain);
      checkChecklist(event.checklist, context, event);
      checkAcceptances(event.acceptances);
      checkHits(context, event.acceptances, event);
      return;
    case 'approved':
      checkReviewer(publication, event, context);
      if (event.actor === publication.author) throw forbidden(event, 'approving own draft', '不能审核自己起草的信息');
      if (typeof event.opinion !== 'string') throw badInput('opinion', 'opinion is not text', '审核意见须为文本');
      checkChecklist(event.checklist, context, event);
      checkAcceptances(event.acceptances);
      checkHits(context, mergeAcceptances(publication.acceptances, event.acceptances), event);
      return;
    case 'returned':
      checkReviewer(publication, event, context);
      if (!isText(event.opinion)) throw badInput('opinion', 'return without an opinion', '退回修改须写明审核意见');
      return;
    case 'published':
      requireIndexNumber(event.indexNumber);
      requirePublishedOn(event.publishedOn, publication.fields.writtenOn);
      return;
    case 'withdrawn':
      checkPublisher(event, context);
      if (!isText(event.reason)) throw badInput('reason', 'withdrawal without a reason', '撤回须写明理由，理由将记录在信息上');
      return;
    case 'corrected':
      checkPublisher(event, context);
      if (!isText(event.reason)) throw badInput('reason', 'correction without a reason', '更正须写明理由，理由将在信息上公示');
      validatePublicationFields(event.fields, { ...fieldOptions, publishedOn: publication.publishedOn });
      return;
    case 'validityChanged':
      checkPublisher(event, context);
      validateValidity(event.validity, publication.fields.writtenOn);
      return;
    default: {
      const unknown: never = event;
      throw badInput('kind', `unknown event ${JSON.stringify(unknown)}`, '无法识别的办理事项');
    }
  }
}

/** The publication after `event`, or a DomainError (CONFLICT, FORBIDDEN, BAD_INPUT) with a Chinese reason. */
export function applyPublicationEvent(publication: Publication | null, event: PublicationEvent, context: PublicationEventContext): Publication {
  if (!(event.kind in PUBLICATION_EVENT_LABELS)) throw badInput('kind', `unknown event kind ${String(event.kind)}`, '无法识别的办理事项');
  if (typeof event.at !== 'string' || !isIsoDate(event.at)) throw badInput('at', `at is not a date: ${String(event.at)}`, `${PUBLICATION_EVENT_LABELS[event.kind]}的日期不是有效日期，应为“年-月-日”`);
  if (!isText(event.actor)) throw badInput('actor', 'actor is empty', '缺少办理人');
  const state = publication?.state ?? 'none';
  const transition = findPublicationTransition(state, event.kind);
  if (!transition.allowed) throw refusePublicationEvent(state, event, transition.reason);
  checkEvent(publication, event, context);
  return evolvePublication(publication, event);
}

export type { ChecklistAnswer };
