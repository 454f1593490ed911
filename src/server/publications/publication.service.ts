// 主动公开 over storage: drafts, attachments, screening (保密审查 checklist and the automatic scan),
// the agency's review chain, publishing with a 索引号 from the agency's rule, withdrawal,
// corrections and 有效性, with the 第二十六条 deadline derived on every read. The law lives in
// src/domain/publication; this file loads, replays, lets applyPublicationEvent decide and stores
// the event with the summary columns and the search entry, each change in one transaction.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { requirePermission } from '../../domain/account/permissions.ts';
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import { DomainError } from '../../domain/domain-error.ts';
import { applyPublicationEvent, unresolvedHits } from '../../domain/publication/apply-publication-event.ts';
import type { ChecklistQuestion } from '../../domain/publication/confidentiality-checklist.ts';
import { formatIndexNumber } from '../../domain/publication/format-index-number.ts';
import type { PublicationImportRow } from '../../domain/publication/parse-publication-import.ts';
import type {
  ChecklistAnswer,
  HitAcceptance,
  Publication,
  PublicationChannel,
  PublicationEvent,
  PublicationEventKind,
  PublicationFields,
  PublicationKind,
  PublicationState,
  ReviewStep,
  ScreeningHit,
  Validity,
  ValidityStatus,
} from '../../domain/publication/publication.ts';
import {
  ADMINISTRATOR,
  DEFAULT_REVIEW_CHAIN,
  PUBLICATION_CHANNELS,
  PUBLICATION_EVENT_LABELS,
  PUBLICATION_KINDS,
  PUBLICATION_STATES,
  VALIDITY_STATUSES,
} from '../../domain/publication/publication.ts';
import type { PublicationDeadline } from '../../domain/publication/publication-deadline.ts';
import { computePublicationDeadline } from '../../domain/publication/publication-deadline.ts';
import { replayPublicationEvents } from '../../domain/publication/replay-publication-events.ts';
import { toDocumentRecords } from '../../domain/publication/to-document-records.ts';
import { screenText } from '../../domain/publication/screen-text.ts';
import type { ScreeningTerm } from '../../domain/publication/screen-text.ts';
import { validatePublicationFields } from '../../domain/publication/validate-publication-fields.ts';
import type { IsoDate } from '../../domain/report/compute/report-records.ts';
import { extractAttachmentText } from '../../files/attachment/extract-attachment-text.ts';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, sniffAttachmentType } from '../../files/attachment/sniff-attachment-type.ts';
import { sanitizeBodyHtml } from '../../files/sanitize-body-html.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { toIsoTimestamp } from '../applications/application.repository.ts';
import type { CalendarProvider } from '../calendar/calendar-provider.ts';
import { createCalendarProvider } from '../calendar/calendar-provider.ts';
import { appendAuditEntry } from '../audit/audit.repository.ts';
import type { RecordsSlice } from '../annual-reports/report-locks.ts';
import { assertRecordsChangeAllowed } from '../annual-reports/report-locks.ts';
import type { Database } from '../db/database.ts';
import type { DisclosureSettings } from '../disclosure-settings/disclosure-settings.repository.ts';
import { findDisclosureSettings } from '../disclosure-settings/disclosure-settings.repository.ts';
import type { PublicationSearch, SearchDocument } from '../search/publication-search.ts';
import type { FileStorage } from '../storage/file-storage.ts';
import type { AttachmentRow, PublicationFilter, PublicationRow, StoredPublicationEvent } from './publication.repository.ts';
import {
  appendPublicationEvent,
  deleteAttachment,
  findAgencyCodeById,
  findAttachmentContent,
  findPublicationEvents,
  findPublicationRow,
  findTakenIndexNumbers,
  indexNumberExists,
  insertAttachment,
  insertPublication,
  listAttachments,
  listPublicationRows,
  nextIndexSequence,
  readAttachmentBytes,
  updatePublicationSummary,
} from './publication.repository.ts';

// ---------------------------------------------------------------- inputs

/** What an author types; the body is sanitised before anything else sees it. */
export interface PublicationInput {
  title: string;
  bodyHtml: string;
  summary?: string;
  documentNumber?: string | null;
  issuer: string;
  writtenOn: IsoDate;
  kind: PublicationKind;
  categoryCode: string;
  channels: readonly PublicationChannel[];
  /** Default: 有效 from publication. */
  validity?: Validity;
}

export interface ScreeningAnswers {
  checklist: readonly ChecklistAnswer[];
  acceptances: readonly HitAcceptance[];
}

export interface ApprovalInput extends ScreeningAnswers {
  /** 0-based index of the step being decided. */
  step: number;
  opinion: string;
}

export interface ListPublicationsOptions {
  state?: PublicationState;
  categoryCode?: string;
  kind?: PublicationKind;
  validity?: ValidityStatus;
  year?: number;
  q?: string;
  /** 第二十六条: only late (true) or only timely (false) items. */
  late?: boolean;
  /** 待我审核: items in review whose current step is one of these roles and whose author is not this user. */
  awaitingReviewBy?: { actor: string; roles: readonly string[] };
  limit?: number;
  offset?: number;
}

export const PUBLICATION_PAGE_SIZE = 50;
export const MAX_PUBLICATION_PAGE_SIZE = 500;

// ---------------------------------------------------------------- outputs

export interface HitView extends ScreeningHit {
  /** Accepted with a reason in this round of review. */
  accepted: boolean;
  acceptanceReason: string | null;
}

export interface ScreeningView {
  hits: HitView[];
  /** Hits neither fixed nor accepted: each must be resolved before an approval. */
  unresolvedCount: number;
  /** The agency's 保密审查 questions, to be answered at submission and at every step. */
  checklist: ChecklistQuestion[];
}

export interface ChainStepView {
  step: number;
  role: string;
  label: string;
  status: 'pending' | 'current' | 'approved' | 'returned';
  actor: string | null;
  at: IsoDate | null;
  opinion: string | null;
}

export interface ReviewView {
  step: number;
  label: string;
  decision: 'approved' | 'returned';
  actor: string;
  at: IsoDate;
  opinion: string;
  checklist: ChecklistAnswer[];
  acceptances: HitAcceptance[];
}

export interface AttachmentView {
  id: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdBy: string;
  createdAt: string;
}

export interface HistoryEntry {
  seq: number;
  kind: PublicationEventKind;
  label: string;
  /** One line in Chinese: the opinion, the reason, the file added. */
  detail: string;
  actor: string;
  at: IsoDate;
  recordedAt: string;
  event: PublicationEvent;
}

export interface PublicationDetails {
  id: number;
  agencyId: number;
  agencyCode: string;
  fields: PublicationFields;
  kindLabel: string;
  validityLabel: string;
  channelLabels: string[];
  state: PublicationState;
  stateLabel: string;
  author: string;
  indexNumber: string | null;
  publishedOn: IsoDate | null;
  currentStep: number | null;
  chain: ChainStepView[];
  reviews: ReviewView[];
  screening: ScreeningView;
  /** 条例第二十六条. */
  deadline: PublicationDeadline;
  corrections: { at: IsoDate; actor: string; reason: string }[];
  withdrawal: { on: IsoDate; actor: string; reason: string } | null;
  attachments: AttachmentView[];
  history: HistoryEntry[];
  version: number;
}

export interface PublicationListItem {
  id: number;
  title: string;
  state: PublicationState;
  stateLabel: string;
  indexNumber: string | null;
  documentNumber: string | null;
  issuer: string;
  writtenOn: IsoDate;
  publishedOn: IsoDate | null;
  kind: PublicationKind;
  categoryCode: string;
  validity: ValidityStatus;
  author: string;
  currentStep: number | null;
  dueOn: IsoDate;
  late: boolean;
  version: number;
}

export interface PublicationListPage {
  publications: PublicationListItem[];
  total: number;
  limit: number;
  offset: number;
}

export interface ImportResult {
  imported: number;
  /** In the order of the rows: the given 索引号, or the one generated. */
  indexNumbers: string[];
}

export interface PublicationServiceDeps {
  db: Kysely<Database>;
  today: () => IsoDate;
  search: PublicationSearch;
  /** Built-in years to count 第二十六条 with (loaded calendar_years win); ignored when `calendars` is given. */
  calendar?: WorkingDayCalendar;
  calendars?: CalendarProvider;
  /** The instant written in the audit trail (toISOString form); default the system clock. */
  now?: () => string;
  /** Where new attachments' bytes go (STORAGE=filesystem|s3); undefined: in the database row. */
  fileStorage?: FileStorage | undefined;
}

export const PUBLICATION_VERSION_CONFLICT_MESSAGE = '该信息已被他人修改，请刷新后重试';

const EFFECTIVE: Validity = { status: 'effective', effectiveFrom: null, endedOn: null };

function badInput(field: string, message: string): DomainError {
  return new DomainError('BAD_INPUT', `${field}: ${message}`, message, { field });
}

export function publicationNotFound(id: number): DomainError {
  return notFound(id);
}

function notFound(id: number): DomainError {
  return new DomainError('NOT_FOUND', `No publication ${id}`, `找不到编号为${id}的主动公开信息。`, { field: 'id' });
}

function versionConflict(id: number, expected: number, found: number): DomainError {
  return new DomainError('CONFLICT', `publication ${id}: expected version ${expected}, found ${found}`, PUBLICATION_VERSION_CONFLICT_MESSAGE, { field: 'expectedVersion' });
}

const labelOf = <T extends { code: string; label: string }>(list: readonly T[], code: string): string => list.find((item) => item.code === code)?.label ?? code;

/** The last path segment of an uploaded name, without control characters, at most 200 characters. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base.replace(/[\u0000-\u001f\u007f]/g, '').trim()].slice(-200).join('');
  return cleaned === '' ? '附件' : cleaned;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The agency's active catalogue codes, for the category check (none when it has no catalogue yet). */
/** Who acts on published items: the last step of the agency's chain, and the administrator. */
function publishersOf(settings: DisclosureSettings): ReviewStep[] {
  const last = settings.reviewChain[settings.reviewChain.length - 1];
  return [...(last === undefined ? [] : [last]), ADMINISTRATOR];
}

function categoryCodesOf(settings: DisclosureSettings): readonly string[] | undefined {
  const codes = settings.catalogue.filter((node) => node.active).map((node) => node.code);
  return codes.length === 0 ? undefined : codes;
}

/** Sanitises the body and checks the fields; returns the fields and the body's plain text. */
function toFields(input: PublicationInput, settings: DisclosureSettings, publishedOn: IsoDate | null = null): { fields: PublicationFields; bodyText: string } {
  if (typeof input.bodyHtml !== 'string') throw badInput('bodyHtml', '正文（bodyHtml）须为文本');
  const body = sanitizeBodyHtml(input.bodyHtml);
  const categoryCodes = categoryCodesOf(settings);
  const fields = validatePublicationFields(
    {
      title: input.title,
      bodyHtml: body.html,
      summary: input.summary ?? '',
      documentNumber: input.documentNumber ?? null,
      issuer: input.issuer,
      writtenOn: input.writtenOn,
      kind: input.kind,
      categoryCode: input.categoryCode,
      channels: [...input.channels],
      validity: input.validity ?? EFFECTIVE,
    },
    { publishedOn, ...(categoryCodes === undefined ? {} : { categoryCodes }) },
  );
  return { fields, bodyText: body.text };
}

/** Runs `fn`; a DomainError it throws names the import file's line. */
function atLine<T>(line: number, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError(error.code, `row ${line}: ${error.message}`, `第${line}行：${error.userMessage}`, { ...error.details, line });
    throw error;
  }
}

function toInput(fields: PublicationFields): PublicationInput {
  return { ...fields, channels: [...fields.channels] };
}

/** The automatic scan of everything that will be published: title, 内容概述, body, each attachment. */
function scan(fields: PublicationFields, bodyText: string, attachments: readonly AttachmentRow[], terms: readonly ScreeningTerm[]): ScreeningHit[] {
  return [
    ...screenText(fields.title, { terms, source: 'title' }),
    ...(fields.summary === '' ? [] : screenText(fields.summary, { terms, source: 'summary' })),
    ...screenText(bodyText, { terms, source: 'body' }),
    ...attachments.flatMap((attachment) => (attachment.text === '' ? [] : screenText(attachment.text, { terms, source: `attachment:${attachment.file_name}` }))),
  ];
}

function toAttachmentView(row: AttachmentRow): AttachmentView {
  return { id: row.id, fileName: row.file_name, mediaType: row.media_type, size: row.size, sha256: row.sha256, createdBy: row.created_by, createdAt: toIsoTimestamp(String(row.created_at)) };
}

function describeEvent(event: PublicationEvent, chainAt: (step: number) => string): string {
  switch (event.kind) {
    case 'drafted':
      return `起草“${event.fields.title}”`;
    case 'edited':
      if (event.attachment !== undefined) return `${event.attachment.change === 'added' ? '添加' : '删除'}附件“${event.attachment.fileName}”`;
      return `修改为“${event.fields.title}”`;
    case 'submitted':
      return `提交审核，已回答保密审查问题${event.checklist.length}项${event.acceptances.length === 0 ? '' : `，确认保留检查结果${event.acceptances.length}处`}`;
    case 'approved':
      return `${chainAt(event.step)}审核通过${event.opinion.trim() === '' ? '' : `：${event.opinion.trim()}`}`;
    case 'returned':
      return `${chainAt(event.step)}退回修改：${event.opinion.trim()}`;
    case 'published':
      return `发布，索引号 ${event.indexNumber}，发布日期 ${event.publishedOn}`;
    case 'withdrawn':
      return `撤回：${event.reason.trim()}`;
    case 'corrected':
      return `更正：${event.reason.trim()}`;
    case 'validityChanged':
      return `有效性变更为“${labelOf(VALIDITY_STATUSES, event.validity.status)}”：${event.reason.trim()}`;
    case 'imported':
      return `导入，索引号 ${event.indexNumber}，发布日期 ${event.publishedOn}`;
    default: {
      const unknown: never = event;
      return String((unknown as { kind?: unknown }).kind);
    }
  }
}

interface Loaded {
  row: PublicationRow;
  stored: StoredPublicationEvent[];
  publication: Publication;
  settings: DisclosureSettings;
  attachments: AttachmentRow[];
  hits: ScreeningHit[];
}

interface ChangeOptions {
  actor: string;
  actorRoles: readonly string[];
  /** Undefined: no check (an attachment added without a version). */
  expectedVersion: number | undefined;
}

/** What a change does besides its event: attachments written, and the body text of new fields. */
interface ChangePlan {
  event: PublicationEvent;
  /** The plain text of the new body, when the event carries new fields. */
  bodyText?: string;
  /** Runs inside the transaction after the event is stored. */
  afterEvent?: (trx: Kysely<Database>, publicationId: number) => Promise<void>;
}

/**
 * The item as a table 二 document (none for drafts and for kinds other than 规章/规范性文件):
 * what a change must leave alone in a locked year. Its 成文日期 puts it in 本年制发 and 现行有效,
 * a 废止 date in 本年废止; withdrawing (撤回) changes neither (to-document-records.ts).
 */
function documentSlice(id: number, publication: Pick<Publication, 'state' | 'fields'> | null): RecordsSlice {
  if (publication === null) return {};
  const { kind, writtenOn, validity } = publication.fields;
  return { documents: toDocumentRecords([{ id, kind, state: publication.state, writtenOn, validity }]) };
}

export function createPublicationService(deps: PublicationServiceDeps) {
  const { db, today, search, fileStorage } = deps;
  const calendars = deps.calendars ?? createCalendarProvider(db, deps.calendar === undefined ? undefined : [...deps.calendar.arrangements.values()]);
  const agencies = createAgenciesRepository(db);
  const now = deps.now ?? (() => new Date().toISOString());

  /** One hash-chained audit entry per event, in the event's transaction. */
  async function audit(trx: Kysely<Database>, agencyId: number, publicationId: number, event: PublicationEvent, version: number): Promise<void> {
    const detail: { at: string; version: number; indexNumber?: string } = { at: event.at, version };
    if (event.kind === 'published' || event.kind === 'imported') detail.indexNumber = event.indexNumber;
    await appendAuditEntry(trx, { at: now(), actor: event.actor, agencyId, action: `publication.${event.kind}`, subject: `publication:${publicationId}`, detail });
  }

  async function requireRow(trx: Kysely<Database>, id: number): Promise<PublicationRow> {
    const row = await findPublicationRow(trx, id);
    if (row === undefined) throw notFound(id);
    return row;
  }

  async function load(trx: Kysely<Database>, id: number): Promise<Loaded> {
    const row = await requireRow(trx, id);
    // One after the other: trx may be a transaction, i.e. one connection.
    const stored = await findPublicationEvents(trx, id);
    const settings = await findDisclosureSettings(trx, row.agency_id);
    const attachments = await listAttachments(trx, id);
    const publication = replayPublicationEvents(stored.map((s) => s.event));
    return { row, stored, publication, settings, attachments, hits: scan(publication.fields, row.body_text, attachments, settings.screeningTerms) };
  }

  function context(loaded: Pick<Loaded, 'settings' | 'hits'>, actorRoles: readonly string[]) {
    const categoryCodes = categoryCodesOf(loaded.settings);
    return {
      actorRoles,
      hits: loaded.hits,
      checklistQuestionIds: loaded.settings.checklist.map((question) => question.id),
      checklistQuestions: loaded.settings.checklist,
      ...(categoryCodes === undefined ? {} : { categoryCodes }),
      publishers: publishersOf(loaded.settings),
    };
  }

  /** A 索引号 by the agency's rule that no item on the platform holds yet (an imported number may sit on the sequence). */
  async function allocateIndexNumber(
    trx: Kysely<Database>,
    agency: { id: number; code: string },
    settings: DisclosureSettings,
    categoryCode: string,
    year: number,
    reserved: ReadonlySet<string> = new Set(),
  ): Promise<string> {
    for (let attempt = 0; attempt < 10_000; attempt += 1) {
      const sequence = await nextIndexSequence(trx, agency.id, year);
      const indexNumber = formatIndexNumber(settings.indexNumberPattern, { creditCode: settings.creditCode, agencyCode: agency.code, year, categoryCode, sequence });
      if (!reserved.has(indexNumber) && !(await indexNumberExists(trx, indexNumber))) return indexNumber;
    }
    throw new DomainError('CONFLICT', 'no free index number', '按本机关的索引号规则生成的索引号均已被占用，请检查索引号规则', { field: 'indexNumberPattern' });
  }

  async function searchDocument(trx: Kysely<Database>, publicationId: number): Promise<SearchDocument> {
    const row = await requireRow(trx, publicationId);
    const attachments = await listAttachments(trx, publicationId);
    if (row.index_number === null || row.published_on === null) throw new Error(`publication ${publicationId} is not published`);
    return {
      publicationId,
      agencyId: row.agency_id,
      title: row.title,
      bodyText: row.body_text,
      attachmentsText: attachments.map((a) => a.text).filter((text) => text !== '').join('\n'),
      indexNumber: row.index_number,
      documentNumber: row.document_number,
      issuer: row.issuer,
      categoryCode: row.category_code,
      kind: row.kind,
      validity: row.validity,
      publishedOn: row.published_on,
    };
  }

  /**
   * One change in one transaction: load and replay, check the version, let the domain apply the
   * event (and 'published' after the last approval), store the events and the summary under the
   * version check, and keep the search index in step.
   */
  async function change(id: number, options: ChangeOptions, plan: (loaded: Loaded) => ChangePlan | Promise<ChangePlan>): Promise<PublicationDetails> {
    await db.transaction().execute(async (trx) => {
      const loaded = await load(trx, id);
      const { publication, row } = loaded;
      const expected = options.expectedVersion ?? publication.version;
      if (publication.version !== expected) throw versionConflict(id, expected, publication.version);
      const { event, bodyText, afterEvent } = await plan(loaded);
      const ctx = context(loaded, options.actorRoles);
      let next = applyPublicationEvent(publication, event, ctx);
      const events: PublicationEvent[] = [event];
      // After the last step's approval the item is published at once (条例第二十六条: no delay).
      if (event.kind === 'approved' && next.state === 'in_review' && next.currentStep === null) {
        const publishedOn = today();
        const agencyCode = (await findAgencyCodeById(trx, row.agency_id)) ?? '';
        const indexNumber = await allocateIndexNumber(trx, { id: row.agency_id, code: agencyCode }, loaded.settings, next.fields.categoryCode, Number(publishedOn.slice(0, 4)));
        const published: PublicationEvent = { kind: 'published', actor: options.actor, at: publishedOn, indexNumber, publishedOn };
        next = applyPublicationEvent(next, published, ctx);
        events.push(published);
      }
      await assertRecordsChangeAllowed(trx, row.agency_id, { before: documentSlice(id, publication), after: documentSlice(id, next) });
      if (!(await updatePublicationSummary(trx, id, expected, next, bodyText ?? row.body_text))) throw versionConflict(id, expected, -1);
      for (const [index, stored] of events.entries()) {
        await appendPublicationEvent(trx, row.agency_id, id, publication.version + 1 + index, stored);
        await audit(trx, row.agency_id, id, stored, publication.version + 1 + index);
      }
      if (afterEvent !== undefined) await afterEvent(trx, id);
      // Only published items are in the search index (publication-search.ts).
      const kinds = new Set(events.map((e) => e.kind));
      if (kinds.has('withdrawn')) await search.removePublication(trx, id);
      else if (next.state === 'published' && (kinds.has('published') || kinds.has('corrected') || kinds.has('validityChanged'))) {
        await search.indexPublication(trx, await searchDocument(trx, id));
      }
    });
    return getPublication(id);
  }

  function hitViews(hits: readonly ScreeningHit[], acceptances: readonly HitAcceptance[]): { hits: HitView[]; unresolvedCount: number } {
    const key = (hit: ScreeningHit) => `${hit.source}\u0000${hit.start}\u0000${hit.kind}\u0000${hit.text}`;
    const unresolved = new Set(unresolvedHits(hits, acceptances).map(key));
    return {
      hits: hits.map((hit) => {
        const acceptance = unresolved.has(key(hit)) ? undefined : acceptances.find((a) => a.kind === hit.kind && a.text === hit.text);
        return { ...hit, accepted: acceptance !== undefined, acceptanceReason: acceptance?.reason ?? null };
      }),
      unresolvedCount: unresolved.size,
    };
  }

  function chainViews(publication: Publication, stored: readonly StoredPublicationEvent[], settings: DisclosureSettings): { chain: ChainStepView[]; reviews: ReviewView[] } {
    const chain = publication.chain.length > 0 ? publication.chain : settings.reviewChain.length > 0 ? settings.reviewChain : DEFAULT_REVIEW_CHAIN;
    const reviews: ReviewView[] = [];
    let lastSubmission = -1;
    let roundChain = chain;
    for (const [index, { event }] of stored.entries()) {
      if (event.kind === 'submitted') {
        lastSubmission = index;
        roundChain = event.chain;
      }
      if (event.kind === 'approved' || event.kind === 'returned') {
        reviews.push({
          step: event.step,
          label: roundChain[event.step]?.label ?? `第${event.step + 1}步`,
          decision: event.kind,
          actor: event.actor,
          at: event.at,
          opinion: event.opinion,
          checklist: event.kind === 'approved' ? [...event.checklist] : [],
          acceptances: event.kind === 'approved' ? [...event.acceptances] : [],
        });
      }
    }
    const views: ChainStepView[] = chain.map((step, index) => ({ step: index, role: step.role, label: step.label, status: 'pending', actor: null, at: null, opinion: null }));
    if (lastSubmission >= 0) {
      for (const { event } of stored.slice(lastSubmission + 1)) {
        if (event.kind !== 'approved' && event.kind !== 'returned') continue;
        const view = views[event.step];
        if (view !== undefined) Object.assign(view, { status: event.kind, actor: event.actor, at: event.at, opinion: event.opinion });
      }
    }
    if (publication.state === 'in_review' && publication.currentStep !== null) {
      const current = views[publication.currentStep];
      if (current !== undefined) current.status = 'current';
    }
    return { chain: views, reviews };
  }

  async function details(id: number): Promise<PublicationDetails> {
    const loaded = await load(db, id);
    const { row, stored, publication, settings, attachments, hits } = loaded;
    const calendar = await calendars.current();
    const agencyCode = (await findAgencyCodeById(db, row.agency_id)) ?? '';
    const { chain, reviews } = chainViews(publication, stored, settings);
    const chainAt = (step: number) => `第${step + 1}个审核环节${chain[step] === undefined ? '' : `（${chain[step].label}）`}`;
    const withdrawn = [...stored].reverse().find((s) => s.event.kind === 'withdrawn')?.event;
    return {
      id: row.id,
      agencyId: row.agency_id,
      agencyCode,
      fields: { ...publication.fields, channels: [...publication.fields.channels], validity: { ...publication.fields.validity } },
      kindLabel: labelOf(PUBLICATION_KINDS, publication.fields.kind),
      validityLabel: labelOf(VALIDITY_STATUSES, publication.fields.validity.status),
      channelLabels: publication.fields.channels.map((channel) => labelOf(PUBLICATION_CHANNELS, channel)),
      state: publication.state,
      stateLabel: PUBLICATION_STATES[publication.state],
      author: publication.author,
      indexNumber: publication.indexNumber,
      publishedOn: publication.publishedOn,
      currentStep: publication.currentStep,
      chain,
      reviews,
      screening: { ...hitViews(hits, publication.acceptances), checklist: [...settings.checklist] },
      deadline: computePublicationDeadline(publication.fields.writtenOn, publication.publishedOn, calendar, today()),
      corrections: publication.corrections.map((c) => ({ at: c.at, actor: c.actor, reason: c.reason })),
      withdrawal: withdrawn?.kind === 'withdrawn' && publication.withdrawnOn !== null ? { on: publication.withdrawnOn, actor: withdrawn.actor, reason: withdrawn.reason } : null,
      attachments: attachments.map(toAttachmentView),
      history: stored.map((s) => ({
        seq: s.seq,
        kind: s.event.kind,
        label: PUBLICATION_EVENT_LABELS[s.event.kind],
        detail: describeEvent(s.event, chainAt),
        actor: s.event.actor,
        at: s.event.at,
        recordedAt: s.recordedAt,
        event: s.event,
      })),
      version: publication.version,
    };
  }

  async function getPublication(id: number): Promise<PublicationDetails> {
    return details(id);
  }

  return {
    /** A new draft; the author is the actor, who may not approve it later. */
    async createDraft(agencyCode: string, input: PublicationInput, actor: string, actorRoles: readonly string[]): Promise<PublicationDetails> {
      requirePermission(actorRoles, 'publication.draft');
      const agency = await agencies.getAgencyByCode(agencyCode);
      const id = await db.transaction().execute(async (trx) => {
        const settings = await findDisclosureSettings(trx, agency.id);
        const { fields, bodyText } = toFields(input, settings);
        const event: PublicationEvent = { kind: 'drafted', actor, at: today(), fields };
        const hits = scan(fields, bodyText, [], settings.screeningTerms);
        const publication = applyPublicationEvent(null, event, context({ settings, hits }, actorRoles));
        const publicationId = await insertPublication(trx, agency.id, publication, bodyText);
        await appendPublicationEvent(trx, agency.id, publicationId, publication.version, event);
        await audit(trx, agency.id, publicationId, event, publication.version);
        return publicationId;
      });
      return getPublication(id);
    },

    /** The author before submission or after a return; a reviewer at their step (fixing a hit). */
    async editDraft(id: number, expectedVersion: number, input: PublicationInput, actor: string, actorRoles: readonly string[]): Promise<PublicationDetails> {
      requirePermission(actorRoles, 'publication.edit');
      return change(id, { actor, actorRoles, expectedVersion }, ({ settings }) => {
        const { fields, bodyText } = toFields(input, settings);
        return { event: { kind: 'edited', actor, at: today(), fields }, bodyText };
      });
    },

    /**
     * An attachment, typed by its bytes (never its name), its text extracted for screening and
     * search. Recorded as an edit naming the file, so the same people may do it and it is in the trail.
     */
    async addAttachment(
      id: number,
      expectedVersion: number | undefined,
      file: { fileName: string; bytes: Uint8Array },
      actor: string,
      actorRoles: readonly string[],
    ): Promise<PublicationDetails> {
      requirePermission(actorRoles, 'publication.edit');
      const fileName = cleanFileName(file.fileName);
      const accepted = Object.values(ATTACHMENT_TYPES)
        .map((type) => type.label)
        .join('、');
      if (file.bytes.length > MAX_ATTACHMENT_BYTES) {
        throw new DomainError('TOO_LARGE', `attachment ${file.bytes.length} bytes`, `附件（file）“${fileName}”过大：每个附件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`, { field: 'file' });
      }
      if (file.bytes.length === 0) throw badInput('file', `附件（file）“${fileName}”是空文件`);
      const type = await sniffAttachmentType(file.bytes);
      if (type === undefined) {
        throw badInput('file', `附件（file）“${fileName}”的类型不受支持：只接受${accepted}（按文件内容识别，与扩展名无关）`);
      }
      const text = await extractAttachmentText(file.bytes, type);
      const digest = sha256(file.bytes);
      const mediaType = ATTACHMENT_TYPES[type].mediaType;
      // Outside the database, the bytes are put before the transaction (no transaction held open
      // during an upload), under a key of their own, so a rollback may delete them without
      // touching another row's file; a failed put leaves no row.
      let storageKey: string | undefined;
      if (fileStorage !== undefined) {
        const { agency_id: agencyId } = await requireRow(db, id);
        storageKey = `attachments/${agencyId}/${digest}-${randomBytes(8).toString('hex')}`;
        await fileStorage.put(storageKey, file.bytes, mediaType);
      }
      try {
        return await change(id, { actor, actorRoles, expectedVersion }, ({ publication, row }) => ({
          event: { kind: 'edited', actor, at: today(), fields: publication.fields, attachment: { change: 'added', fileName, sha256: digest } },
          afterEvent: async (trx) => {
            await insertAttachment(trx, {
              agencyId: row.agency_id,
              publicationId: id,
              fileName,
              mediaType,
              size: file.bytes.length,
              sha256: digest,
              ...(storageKey === undefined ? { content: file.bytes } : { content: new Uint8Array(0), storageKey }),
              text,
              createdBy: actor,
            });
          },
        }));
      } catch (error) {
        // The row was never committed: take the bytes back out. Should that fail too, the file is
        // an orphan no row points to (space, not data); the caller hears of the first error.
        if (storageKey !== undefined) await fileStorage?.delete(storageKey).catch(() => undefined);
        throw error;
      }
    },

    async removeAttachment(id: number, attachmentId: number, expectedVersion: number | undefined, actor: string, actorRoles: readonly string[]): Promise<PublicationDetails> {
      requirePermission(actorRoles, 'publication.edit');
      let storageKey: string | null = null;
      const details = await change(id, { actor, actorRoles, expectedVersion }, ({ publication, attachments }) => {
        const attachment = attachments.find((a) => a.id === attachmentId);
        if (attachment === undefined) throw new DomainError('NOT_FOUND', `No attachment ${attachmentId} on ${id}`, `找不到编号为${attachmentId}的附件。`, { field: 'attachmentId' });
        storageKey = attachment.storage_key;
        return {
          event: { kind: 'edited', actor, at: today(), fields: publication.fields, attachment: { change: 'removed', fileName: attachment.file_name, sha256: attachment.sha256 } },
          afterEvent: async (trx) => {
            await deleteAttachment(trx, id, attachmentId);
          },
        };
      });
      // Only after the commit: deleting first and then rolling back would leave a row without its
      // bytes. A failed delete leaves an orphan file (space, not data); the removal itself stands.
      if (storageKey !== null) await fileStorage?.delete(storageKey).catch(() => undefined);
      return details;
    },

    /** The bytes for download, with the type detected at upload. */
    async getAttachment(id: number, attachmentId: number): Promise<{ fileName: string; mediaType: string; size: number; sha256: string; bytes: Uint8Array }> {
      await requireRow(db, id);
      const row = await findAttachmentContent(db, id, attachmentId);
      if (row === undefined) throw new DomainError('NOT_FOUND', `No attachment ${attachmentId} on ${id}`, `找不到编号为${attachmentId}的附件。`, { field: 'attachmentId' });
      return { fileName: row.file_name, mediaType: row.media_type, size: row.size, sha256: row.sha256, bytes: await readAttachmentBytes(fileStorage, row) };
    },

    /** The current scan (title, 内容概述, body, each attachment) and the 保密审查 questions. */
    async screen(id: number): Promise<ScreeningView> {
      const { publication, settings, hits } = await load(db, id);
      return { ...hitViews(hits, publication.acceptances), checklist: [...settings.checklist] };
    },

    /** Into the agency's chain, with the checklist answered and every hit fixed or accepted with a reason. */
    async submit(id: number, expectedVersion: number, answers: ScreeningAnswers, actor: string, actorRoles: readonly string[]): Promise<PublicationDetails> {
      requirePermission(actorRoles, 'publication.submit');
      return change(id, { actor, actorRoles, expectedVersion }, ({ settings }) => ({
        event: {
          kind: 'submitted',
          actor,
          at: today(),
          chain: settings.reviewChain.length > 0 ? [...settings.reviewChain] : [...DEFAULT_REVIEW_CHAIN],
          checklist: [...answers.checklist],
          acceptances: [...answers.acceptances],
        },
      }));
    },

    /** One step's approval; after the last step the item is published in the same transaction. */
    async approve(id: number, expectedVersion: number, input: ApprovalInput, actor: string, actorRoles: readonly string[]): Promise<PublicationDetails> {
      requirePermission(actorRoles, 'publication.approve');
      return change(id, { actor, actorRoles, expectedVersion }, () => ({
        event: { kind: 'approved', actor, at: today(), step: input.step, opinion: input.opinion, checklist: [...input.checklist], acceptances: [...input.acceptances] },
      }));
    },

    /** Back to the author with an opinion; after resubmission the chain starts again at its first step. */
    async returnToAuthor(id: number, expectedVersion: number, input: { step: number; opinion: string }, actor: string, actorRoles: readonly string[]): Promise<PublicationDetails> {
      requirePermission(actorRoles, 'publication.approve');
      if (input.opinion.trim() === '') throw badInput('opinion', '退回修改须写明审核意见（opinion）');
      return change(id, { actor, actorRoles, expectedVersion }, () => ({ event: { kind: 'returned', actor, at: today(), step: input.step, opinion: input.opinion.trim() } }));
    },

    /** 撤回: off the portal and out of search; kept in the record with the reason. */
    async withdraw(id: number, expectedVersion: number, reason: string, actor: string, actorRoles: readonly string[]): Promise<PublicationDetails> {
      // The table (科长、分管领导、系统管理员) and the domain (the chain's last role or 系统管理员): both must allow it.
      requirePermission(actorRoles, 'publication.withdraw');
      if (reason.trim() === '') throw badInput('reason', '撤回须写明理由（reason）');
      return change(id, { actor, actorRoles, expectedVersion }, () => ({ event: { kind: 'withdrawn', actor, at: today(), reason: reason.trim() } }));
    },

    /** 更正 after publishing: the changed fields (the rest kept) and why; shown on the item and re-indexed. */
    async correct(id: number, expectedVersion: number, changes: Partial<PublicationInput>, reason: string, actor: string, actorRoles: readonly string[]): Promise<PublicationDetails> {
      requirePermission(actorRoles, 'publication.correct');
      if (reason.trim() === '') throw badInput('reason', '更正须写明理由（reason）');
      return change(id, { actor, actorRoles, expectedVersion }, ({ publication, settings }) => {
        const { fields, bodyText } = toFields({ ...toInput(publication.fields), ...changes }, settings, publication.publishedOn);
        return { event: { kind: 'corrected', actor, at: today(), fields, reason: reason.trim() }, bodyText };
      });
    },

    /** 有效 → 失效 or 废止 (or back), with the dates; re-indexed so a search by 有效性 stays right. */
    async changeValidity(id: number, expectedVersion: number, validity: Validity, reason: string, actor: string, actorRoles: readonly string[]): Promise<PublicationDetails> {
      requirePermission(actorRoles, 'publication.changeValidity');
      if (reason.trim() === '') throw badInput('reason', '变更有效性须写明理由（reason）');
      return change(id, { actor, actorRoles, expectedVersion }, ({ publication, settings }) => {
        // The whole field set is checked, so the dates of the new 有效性 are held to the 成文日期.
        const categoryCodes = categoryCodesOf(settings);
        validatePublicationFields({ ...publication.fields, validity }, categoryCodes === undefined ? {} : { categoryCodes });
        return { event: { kind: 'validityChanged', actor, at: today(), validity, reason: reason.trim() } };
      });
    },

    getPublication,

    /** The code of the agency an item belongs to (routes check the user's roles there); NOT_FOUND when none. */
    async agencyCodeOf(id: number): Promise<string> {
      const row = await findPublicationRow(db, id);
      if (row === undefined) throw notFound(id);
      return (await findAgencyCodeById(db, row.agency_id)) ?? '';
    },

    async listPublications(agencyCode: string, options: ListPublicationsOptions = {}): Promise<PublicationListPage> {
      const limit = options.limit ?? PUBLICATION_PAGE_SIZE;
      const offset = options.offset ?? 0;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PUBLICATION_PAGE_SIZE) throw badInput('limit', `每页件数（limit）须为1至${MAX_PUBLICATION_PAGE_SIZE}之间的整数`);
      if (!Number.isInteger(offset) || offset < 0) throw badInput('offset', '起始位置（offset）须为不小于0的整数');
      const agency = await agencies.getAgencyByCode(agencyCode);
      const filter: PublicationFilter = {};
      if (options.state !== undefined) filter.state = options.state;
      if (options.categoryCode !== undefined) filter.categoryCode = options.categoryCode;
      if (options.kind !== undefined) filter.kind = options.kind;
      if (options.validity !== undefined) filter.validity = options.validity;
      if (options.year !== undefined) filter.year = options.year;
      if (options.q !== undefined && options.q.trim() !== '') filter.search = options.q.trim();
      const calendar = await calendars.current();
      const day = today();
      const reviewer = options.awaitingReviewBy;
      if (reviewer !== undefined) filter.state = 'in_review';
      // The late flag is derived (第二十六条 counts working days), and so is whose step it is (the chain
      // copied at submission is in the events): a list filtered by either is paged after deriving.
      const derived = options.late !== undefined || reviewer !== undefined;
      const found = await listPublicationRows(db, agency.id, filter, derived ? null : { limit, offset });
      let rows = found.rows;
      if (reviewer !== undefined) {
        const waiting: PublicationRow[] = [];
        for (const row of rows) {
          const publication = replayPublicationEvents((await findPublicationEvents(db, row.id)).map((s) => s.event));
          const step = publication.currentStep === null ? undefined : publication.chain[publication.currentStep];
          if (step !== undefined && reviewer.roles.includes(step.role) && publication.author !== reviewer.actor) waiting.push(row);
        }
        rows = waiting;
      }
      const items = rows.map((row): PublicationListItem => {
        const deadline = computePublicationDeadline(row.written_on, row.published_on, calendar, day);
        const state = row.state as PublicationState;
        return {
          id: row.id,
          title: row.title,
          state,
          stateLabel: PUBLICATION_STATES[state],
          indexNumber: row.index_number,
          documentNumber: row.document_number,
          issuer: row.issuer,
          writtenOn: row.written_on,
          publishedOn: row.published_on,
          kind: row.kind as PublicationKind,
          categoryCode: row.category_code,
          validity: row.validity as ValidityStatus,
          author: row.author,
          currentStep: row.current_step,
          dueOn: deadline.dueOn,
          late: deadline.late,
          version: row.version,
        };
      });
      if (!derived) return { publications: items, total: found.total, limit, offset };
      const matching = options.late === undefined ? items : items.filter((item) => item.late === options.late);
      return { publications: matching.slice(offset, offset + limit), total: matching.length, limit, offset };
    },

    /**
     * Items published before Gongkai (or elsewhere): all rows or none, in one transaction. A given
     * 索引号 is kept (one already taken, or given twice, refuses the whole file naming the rows);
     * a missing one is generated by the agency's rule. With dryRun everything is checked and
     * numbered, then rolled back.
     */
    async importPublications(agencyCode: string, rows: readonly PublicationImportRow[], actor: string, options: { dryRun: boolean; actorRoles: readonly string[] }): Promise<ImportResult> {
      // Items arrive already published: whoever imports them both drafts and approves (信息员、科长).
      requirePermission(options.actorRoles, 'publication.draft');
      requirePermission(options.actorRoles, 'publication.approve');
      const agency = await agencies.getAgencyByCode(agencyCode);
      const rollback = new Error('dry run');
      let result: ImportResult = { imported: 0, indexNumbers: [] };
      try {
        await db.transaction().execute(async (trx) => {
          const settings = await findDisclosureSettings(trx, agency.id);
          const prepared = rows.map((row) =>
            atLine(row.line, () => ({ row, ...toFields(toInput(row.fields), settings, row.publishedOn), indexNumber: row.indexNumber?.trim() || null })),
          );
          // 索引号 are unique on the platform: given twice in the file, or already taken.
          const given = prepared.flatMap((p) => (p.indexNumber === null ? [] : [{ line: p.row.line, indexNumber: p.indexNumber }]));
          const taken = await findTakenIndexNumbers(trx, given.map((g) => g.indexNumber));
          const seen = new Map<string, number>();
          const problems: { line: number; field: string; message: string }[] = [];
          for (const { line, indexNumber } of given) {
            const first = seen.get(indexNumber);
            if (taken.has(indexNumber)) problems.push({ line, field: 'indexNumber', message: `索引号“${indexNumber}”已被使用` });
            else if (first !== undefined) problems.push({ line, field: 'indexNumber', message: `索引号“${indexNumber}”与第${first}行重复` });
            else seen.set(indexNumber, line);
          }
          if (problems.length > 0) {
            throw new DomainError(
              'BAD_INPUT',
              `duplicate index numbers on lines ${problems.map((p) => p.line).join(', ')}`,
              `索引号重复，未导入任何信息：${problems.map((p) => `第${p.line}行${p.message}`).join('；')}`,
              { field: 'indexNumber', rows: problems },
            );
          }
          // Imported 规章 and 规范性文件 count in table 二 of their 成文 (and 废止) years.
          await assertRecordsChangeAllowed(trx, agency.id, {
            before: {},
            after: { documents: prepared.flatMap((p, i) => documentSlice(-1 - i, { state: 'published', fields: p.fields }).documents ?? []) },
          });
          const reserved = new Set(seen.keys());
          const indexNumbers: string[] = [];
          for (const item of prepared) {
            const indexNumber = item.indexNumber ?? (await allocateIndexNumber(trx, agency, settings, item.fields.categoryCode, Number(item.row.publishedOn.slice(0, 4)), reserved));
            reserved.add(indexNumber);
            const event: PublicationEvent = { kind: 'imported', actor, at: today(), fields: item.fields, indexNumber, publishedOn: item.row.publishedOn };
            const hits = scan(item.fields, item.bodyText, [], settings.screeningTerms);
            const publication = atLine(item.row.line, () => applyPublicationEvent(null, event, context({ settings, hits }, [])));
            const id = await insertPublication(trx, agency.id, publication, item.bodyText);
            await appendPublicationEvent(trx, agency.id, id, publication.version, event);
            await audit(trx, agency.id, id, event, publication.version);
            await search.indexPublication(trx, await searchDocument(trx, id));
            indexNumbers.push(indexNumber);
          }
          result = { imported: indexNumbers.length, indexNumbers };
          if (options.dryRun) throw rollback;
        });
      } catch (error) {
        if (error !== rollback) throw error;
      }
      return result;
    },
  };
}

export type PublicationService = ReturnType<typeof createPublicationService>;
