// 主动公开 JSON API: drafts, attachments, screening, the review chain, publishing, withdrawal,
// corrections and 有效性. Every route declares zod schemas for params, query, body and response
// (they also make /api/docs); a failed check is a Chinese 400 naming the field. Changes carry
// the version the client saw (expectedVersion): a stale one is answered 409.
// Every route needs a session (staff-access.ts); the acting user's roles are those held in the
// item's agency, and another agency's item is answered 404. Reads need publication.read; the
// service checks the permission table for each change, the domain its review-chain rules.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, isDomainError } from '../../domain/domain-error.ts';
import { PUBLICATION_CHANNELS, PUBLICATION_KINDS, PUBLICATION_STATES, SCREENING_HIT_KINDS, VALIDITY_STATUSES } from '../../domain/publication/publication.ts';
import type { PublicationState } from '../../domain/publication/publication.ts';
import { PUBLICATION_FIELD_LABELS } from '../../domain/publication/validate-publication-fields.ts';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from '../../files/attachment/sniff-attachment-type.ts';
import type { StaffAccess } from '../accounts/staff-access.ts';
import { STAFF_SECURITY } from '../accounts/staff-access.ts';
import { ErrorResponse } from '../applications/application.routes.ts';
import { enumOf, IsoDate } from '../applications/application.schemas.ts';
import { contentDisposition } from '../reports/content-disposition.ts';
import type { PublicationDetails, PublicationInput, PublicationService } from './publication.service.ts';
import { MAX_PUBLICATION_PAGE_SIZE, publicationNotFound } from './publication.service.ts';
import { createRequestCheck } from '../request-check.ts';

export interface PublicationRoutesOptions {
  service: PublicationService;
  access: StaffAccess;
}

const TAG = '主动公开';
const MAX_ATTACHMENT_MB = MAX_ATTACHMENT_BYTES / 1024 / 1024;

const AgencyCode = z.string().min(1).max(64);
const Id = z.coerce.number().int().min(1).max(2_147_483_647);
const StateSchema = enumOf(Object.keys(PUBLICATION_STATES) as PublicationState[]);
const KindSchema = enumOf(PUBLICATION_KINDS.map((k) => k.code));
const ValiditySchema = enumOf(VALIDITY_STATUSES.map((v) => v.code));
const ChannelSchema = enumOf(PUBLICATION_CHANNELS.map((c) => c.code));
const HitKindSchema = enumOf(SCREENING_HIT_KINDS);
const ExpectedVersion = z.number().int().min(1);

const ValidityBody = z.object({ status: ValiditySchema, effectiveFrom: IsoDate.nullish(), endedOn: IsoDate.nullish() });

// Lengths and emptiness are checked by validatePublicationFields, with messages naming the field.
const FieldsShape = {
  title: z.string().max(1000),
  bodyHtml: z.string().max(5_000_000),
  summary: z.string().max(10_000).optional(),
  documentNumber: z.string().max(1000).nullish(),
  issuer: z.string().max(1000),
  writtenOn: IsoDate,
  kind: KindSchema,
  categoryCode: z.string().max(200),
  channels: z.array(ChannelSchema).max(20),
  validity: ValidityBody.optional(),
};
const FieldsBody = z.object(FieldsShape);
const ChecklistBody = z.array(z.object({ questionId: z.string().min(1).max(100), confirmed: z.boolean(), note: z.string().max(2000).optional() })).max(200);
const AcceptancesBody = z.array(z.object({ kind: HitKindSchema, text: z.string().min(1).max(500), reason: z.string().max(2000) })).max(1000);

const ListQuery = z.object({
  state: StateSchema.optional(),
  category: z.string().max(200).optional(),
  kind: KindSchema.optional(),
  validity: ValiditySchema.optional(),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  q: z.string().max(100).optional(),
  late: z.enum(['true', 'false']).optional(),
  awaitingMe: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PUBLICATION_PAGE_SIZE).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

const FIELD_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(PUBLICATION_FIELD_LABELS)),
  agencyCode: '机关代码',
  id: '信息编号',
  attachmentId: '附件编号',
  'validity.status': '有效性',
  'validity.effectiveFrom': '生效日期',
  'validity.endedOn': '失效或废止日期',
  expectedVersion: '版本号',
  checklist: '保密审查问题的回答',
  'checklist.questionId': '保密审查问题编号',
  'checklist.confirmed': '保密审查问题的确认',
  'checklist.note': '保密审查问题的说明',
  acceptances: '检查结果的保留说明',
  'acceptances.kind': '检查结果类型',
  'acceptances.text': '检查结果文字',
  'acceptances.reason': '保留理由',
  step: '审核环节',
  opinion: '审核意见',
  reason: '理由',
  fields: '更正内容',
  state: '状态',
  category: '目录分类',
  year: '年度',
  q: '标题关键词',
  late: '是否超期',
  awaitingMe: '待我审核',
  limit: '每页件数',
  offset: '起始位置',
};
for (const [key, label] of Object.entries(PUBLICATION_FIELD_LABELS)) FIELD_LABELS[`fields.${key}`] = label;
for (const key of ['status', 'effectiveFrom', 'endedOn']) FIELD_LABELS[`fields.validity.${key}`] = FIELD_LABELS[`validity.${key}`] ?? key;

/** A failed schema check as a Chinese 400 naming this API's field. */
const checkRequest = createRequestCheck({ labels: FIELD_LABELS });

type FieldsBodyValue = z.infer<typeof FieldsBody>;

function toValidity(validity: z.infer<typeof ValidityBody>) {
  return { status: validity.status, effectiveFrom: validity.effectiveFrom ?? null, endedOn: validity.endedOn ?? null };
}

function toInput(body: FieldsBodyValue): PublicationInput {
  const { validity, ...rest } = body;
  return { ...rest, ...(validity === undefined ? {} : { validity: toValidity(validity) }) };
}

function toPartialInput(body: Partial<FieldsBodyValue>): Partial<PublicationInput> {
  const { validity, ...rest } = body;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as Partial<PublicationInput>;
  return { ...defined, ...(validity === undefined ? {} : { validity: toValidity(validity) }) };
}

function checklistOf(checklist: z.infer<typeof ChecklistBody> | undefined) {
  return (checklist ?? []).map((answer) => ({ questionId: answer.questionId, confirmed: answer.confirmed, note: answer.note ?? '' }));
}

// ---------------------------------------------------------------- responses

const FieldsResponse = z.object({
  title: z.string(),
  bodyHtml: z.string(),
  summary: z.string(),
  documentNumber: z.string().nullable(),
  issuer: z.string(),
  writtenOn: IsoDate,
  kind: KindSchema,
  categoryCode: z.string(),
  channels: z.array(ChannelSchema),
  validity: z.object({ status: ValiditySchema, effectiveFrom: IsoDate.nullable(), endedOn: IsoDate.nullable() }),
});
const HitResponse = z.object({
  kind: HitKindSchema,
  text: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  context: z.string(),
  suggestion: z.string(),
  source: z.string(),
  accepted: z.boolean(),
  acceptanceReason: z.string().nullable(),
});
const ChecklistAnswerResponse = z.object({ questionId: z.string(), confirmed: z.boolean(), note: z.string() });
const AcceptanceResponse = z.object({ kind: HitKindSchema, text: z.string(), reason: z.string() });
const ScreeningResponse = z.object({
  hits: z.array(HitResponse),
  unresolvedCount: z.number().int(),
  checklist: z.array(z.object({ id: z.string(), question: z.string() })),
});
const DetailsResponse = z.object({
  id: z.number().int(),
  agencyId: z.number().int(),
  agencyCode: z.string(),
  fields: FieldsResponse,
  kindLabel: z.string(),
  validityLabel: z.string(),
  channelLabels: z.array(z.string()),
  state: StateSchema,
  stateLabel: z.string(),
  author: z.string(),
  indexNumber: z.string().nullable(),
  publishedOn: IsoDate.nullable(),
  currentStep: z.number().int().nullable(),
  chain: z.array(
    z.object({
      step: z.number().int(),
      role: z.string(),
      label: z.string(),
      status: z.enum(['pending', 'current', 'approved', 'returned']),
      actor: z.string().nullable(),
      at: IsoDate.nullable(),
      opinion: z.string().nullable(),
    }),
  ),
  reviews: z.array(
    z.object({
      step: z.number().int(),
      label: z.string(),
      decision: z.enum(['approved', 'returned']),
      actor: z.string(),
      at: IsoDate,
      opinion: z.string(),
      checklist: z.array(ChecklistAnswerResponse),
      acceptances: z.array(AcceptanceResponse),
    }),
  ),
  screening: ScreeningResponse,
  deadline: z.object({ dueOn: IsoDate, provisional: z.boolean(), late: z.boolean(), explanation: z.string() }),
  corrections: z.array(z.object({ at: IsoDate, actor: z.string(), reason: z.string() })),
  withdrawal: z.object({ on: IsoDate, actor: z.string(), reason: z.string() }).nullable(),
  attachments: z.array(
    z.object({ id: z.number().int(), fileName: z.string(), mediaType: z.string(), size: z.number().int(), sha256: z.string(), createdBy: z.string(), createdAt: z.string() }),
  ),
  history: z.array(
    z.object({
      seq: z.number().int(),
      kind: z.string(),
      label: z.string(),
      detail: z.string(),
      actor: z.string(),
      at: IsoDate,
      recordedAt: z.string(),
      event: z.record(z.string(), z.unknown()),
    }),
  ),
  version: z.number().int(),
});
const ListItemResponse = z.object({
  id: z.number().int(),
  title: z.string(),
  state: StateSchema,
  stateLabel: z.string(),
  indexNumber: z.string().nullable(),
  documentNumber: z.string().nullable(),
  issuer: z.string(),
  writtenOn: IsoDate,
  publishedOn: IsoDate.nullable(),
  kind: KindSchema,
  categoryCode: z.string(),
  validity: ValiditySchema,
  author: z.string(),
  currentStep: z.number().int().nullable(),
  dueOn: IsoDate,
  late: z.boolean(),
  version: z.number().int(),
});

/** Plain objects for the response schema (readonly arrays and events copied). */
function toResponse(details: PublicationDetails) {
  return {
    ...details,
    fields: { ...details.fields, channels: [...details.fields.channels] },
    screening: { ...details.screening, checklist: details.screening.checklist.map((q) => ({ id: q.id, question: q.question })) },
    history: details.history.map((entry) => ({ ...entry, event: { ...entry.event } as Record<string, unknown> })),
  };
}

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

// ---------------------------------------------------------------- uploads

/** Multipart's own errors as DomainErrors with Chinese messages. */
function toUploadError(error: unknown): unknown {
  if (isDomainError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new DomainError('TOO_LARGE', 'attachment over the limit', `附件（file）过大：每个附件不能超过 ${MAX_ATTACHMENT_MB} MB`, { field: 'file' });
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new DomainError('BAD_INPUT', `multipart limit: ${String(code)}`, '一次只能上传一个附件（file）', { field: 'file' });
  }
  if (code === 'FST_MP_PREMATURE_CLOSE' || code === 'FST_PROTO_VIOLATION' || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new DomainError('BAD_INPUT', `bad multipart request: ${String(code)}`, '上传没有完成或格式不正确，请以 multipart/form-data 重新上传附件（file）', { field: 'file' });
  }
  return error;
}

/** Reads the upload form: one part `file`, and optionally `expectedVersion`. Every part is read to the end. */
async function readAttachmentUpload(request: FastifyRequest): Promise<{ fileName: string; bytes: Uint8Array; expectedVersion: number | undefined }> {
  if (!request.isMultipart()) throw new DomainError('BAD_INPUT', 'not multipart', '请以 multipart/form-data 上传附件（file）', { field: 'file' });
  let file: { fileName: string; bytes: Uint8Array } | null = null;
  let expectedVersion: number | undefined;
  let tooLarge = false;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.file.truncated) tooLarge = true;
        else if (part.fieldname === 'file') file = { fileName: part.filename, bytes: new Uint8Array(bytes) };
      } else if (part.fieldname === 'expectedVersion') {
        const text = String(part.value).trim();
        if (!/^[1-9]\d{0,9}$/.test(text)) throw new DomainError('BAD_INPUT', `expectedVersion ${text}`, '版本号（expectedVersion）须为正整数', { field: 'expectedVersion' });
        expectedVersion = Number(text);
      }
    }
  } catch (error) {
    throw toUploadError(error);
  }
  if (tooLarge) throw new DomainError('TOO_LARGE', 'attachment over the limit', `附件（file）过大：每个附件不能超过 ${MAX_ATTACHMENT_MB} MB`, { field: 'file' });
  if (file === null) throw new DomainError('BAD_INPUT', 'no file part', '请选择要上传的附件（表单字段 file）', { field: 'file' });
  return { ...file, expectedVersion };
}

// ---------------------------------------------------------------- routes

export async function publicationRoutes(app: FastifyInstance, options: PublicationRoutesOptions): Promise<void> {
  const { service, access } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  if (!app.hasContentTypeParser('multipart/form-data')) {
    // One file per request, a little over the limit so an oversize file is seen as truncated and answered 413.
    await app.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024 } });
  }

  const IdParams = z.object({ id: Id });
  /** The actor in the item's agency; another agency's item is not found. */
  const inItemAgency = (request: FastifyRequest, id: number, action?: 'publication.read') =>
    access.inAgency(request, () => service.agencyCodeOf(id), { hidden: () => publicationNotFound(id), ...(action === undefined ? {} : { action }) });

  api.post(
    '/api/agencies/:agencyCode/publications',
    {
      attachValidation: true,
      schema: {
        summary: '起草主动公开信息（正文为富文本，保存前清理为安全的 HTML）',
        tags: [TAG],
        params: z.object({ agencyCode: AgencyCode }),
        security: STAFF_SECURITY,
        body: FieldsBody,
        response: { 201: DetailsResponse, ...errors },
      },
    },
    async (request, reply) => {
      checkRequest(request);
      const { actor, actorRoles } = await access.inAgency(request, request.params.agencyCode);
      return reply.code(201).send(toResponse(await service.createDraft(request.params.agencyCode, toInput(request.body), actor, actorRoles)));
    },
  );

  api.get(
    '/api/agencies/:agencyCode/publications',
    {
      attachValidation: true,
      schema: {
        summary: '本机关的主动公开信息列表（可按状态、目录分类、文件类型、有效性、年度、是否超期筛选，按标题查找，分页）',
        description:
          'year 按发布日期所在年度筛选，尚未发布的按成文日期。late 为条例第二十六条的超期标记：自成文日期起20个工作日内未发布的为超期。awaitingMe=true 只列当前审核环节由本人角色审核、且不是本人起草的审核中信息（待我审核）。每页默认50件，最多500件；total 为符合条件的总件数。',
        tags: [TAG],
        params: z.object({ agencyCode: AgencyCode }),
        security: STAFF_SECURITY,
        querystring: ListQuery,
        response: { 200: z.object({ publications: z.array(ListItemResponse), total: z.number().int(), limit: z.number().int(), offset: z.number().int() }), ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      const { actor, actorRoles } = await access.inAgency(request, request.params.agencyCode, { action: 'publication.read' });
      const { state, category, kind, validity, year, q, late, awaitingMe, limit, offset } = request.query;
      return service.listPublications(request.params.agencyCode, {
        ...(state === undefined ? {} : { state }),
        ...(category === undefined ? {} : { categoryCode: category }),
        ...(kind === undefined ? {} : { kind }),
        ...(validity === undefined ? {} : { validity }),
        ...(year === undefined ? {} : { year }),
        ...(q === undefined ? {} : { q }),
        ...(late === undefined ? {} : { late: late === 'true' }),
        ...(awaitingMe === 'true' ? { awaitingReviewBy: { actor, roles: actorRoles } } : {}),
        ...(limit === undefined ? {} : { limit }),
        ...(offset === undefined ? {} : { offset }),
      });
    },
  );

  api.get(
    '/api/publications/:id',
    {
      attachValidation: true,
      schema: {
        summary: '一件主动公开信息：内容、审核环节及意见、检查结果、公开期限（条例第二十六条）、更正、撤回、附件和办理记录',
        tags: [TAG],
        params: IdParams,
        security: STAFF_SECURITY,
        response: { 200: DetailsResponse, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      await inItemAgency(request, request.params.id, 'publication.read');
      return toResponse(await service.getPublication(request.params.id));
    },
  );

  api.put(
    '/api/publications/:id',
    {
      attachValidation: true,
      schema: {
        summary: '修改草稿（起草人在提交前或退回后修改；审核人可在本环节修改，须带上所见的版本号）',
        tags: [TAG],
        params: IdParams,
        security: STAFF_SECURITY,
        body: z.object({ ...FieldsShape, expectedVersion: ExpectedVersion }),
        response: { 200: DetailsResponse, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      const { actor, actorRoles } = await inItemAgency(request, request.params.id);
      const { expectedVersion, ...fields } = request.body;
      return toResponse(await service.editDraft(request.params.id, expectedVersion, toInput(fields), actor, actorRoles));
    },
  );

  api.post(
    '/api/publications/:id/attachments',
    {
      attachValidation: true,
      schema: {
        summary: `上传附件（multipart/form-data，字段 file，可带 expectedVersion；按文件内容识别类型：${Object.values(ATTACHMENT_TYPES)
          .map((t) => t.label)
          .join('、')}；每个不超过 ${MAX_ATTACHMENT_MB} MB）`,
        tags: [TAG],
        consumes: ['multipart/form-data'],
        params: IdParams,
        security: STAFF_SECURITY,
        response: { 201: DetailsResponse, ...errors, 413: ErrorResponse },
      },
    },
    async (request, reply) => {
      checkRequest(request);
      const { actor, actorRoles } = await inItemAgency(request, request.params.id);
      const upload = await readAttachmentUpload(request);
      const details = await service.addAttachment(request.params.id, upload.expectedVersion, { fileName: upload.fileName, bytes: upload.bytes }, actor, actorRoles);
      return reply.code(201).send(toResponse(details));
    },
  );

  // The bytes are sent as they are: no response schema for 200 (the serializer would refuse a Buffer).
  app.get<{ Params: { id: number; attachmentId: number } }>(
    '/api/publications/:id/attachments/:attachmentId',
    {
      attachValidation: true,
      schema: {
        summary: '下载附件（按上传时识别的文件类型）',
        tags: [TAG],
        params: z.object({ id: Id, attachmentId: Id }),
        security: STAFF_SECURITY,
        response: errors,
      },
    },
    async (request, reply) => {
      checkRequest(request);
      await inItemAgency(request, request.params.id, 'publication.read');
      const attachment = await service.getAttachment(request.params.id, request.params.attachmentId);
      const extension = Object.values(ATTACHMENT_TYPES).find((t) => t.mediaType === attachment.mediaType)?.extension ?? 'bin';
      return reply
        .headers({
          'content-type': attachment.mediaType,
          'content-disposition': contentDisposition(attachment.fileName, `attachment-${request.params.attachmentId}.${extension}`),
          'x-content-type-options': 'nosniff',
        })
        .send(Buffer.from(attachment.bytes));
    },
  );

  api.delete(
    '/api/publications/:id/attachments/:attachmentId',
    {
      attachValidation: true,
      schema: {
        summary: '删除附件（可带 expectedVersion 查询参数检查版本）',
        tags: [TAG],
        params: z.object({ id: Id, attachmentId: Id }),
        querystring: z.object({ expectedVersion: z.coerce.number().int().min(1).optional() }),
        security: STAFF_SECURITY,
        response: { 200: DetailsResponse, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      const { actor, actorRoles } = await inItemAgency(request, request.params.id);
      return toResponse(await service.removeAttachment(request.params.id, request.params.attachmentId, request.query.expectedVersion, actor, actorRoles));
    },
  );

  api.get(
    '/api/publications/:id/screening',
    {
      attachValidation: true,
      schema: {
        summary: '发布前检查：自动检查标题、正文和附件文字的结果（每处附上下文和修改建议）及保密审查问题',
        tags: [TAG],
        params: IdParams,
        security: STAFF_SECURITY,
        response: { 200: ScreeningResponse, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      await inItemAgency(request, request.params.id, 'publication.read');
      const screening = await service.screen(request.params.id);
      return { ...screening, checklist: screening.checklist.map((q) => ({ id: q.id, question: q.question })) };
    },
  );

  api.post(
    '/api/publications/:id/submit',
    {
      attachValidation: true,
      schema: {
        summary: '提交审核（须回答全部保密审查问题，并修改或说明理由保留每一处检查结果）',
        tags: [TAG],
        params: IdParams,
        security: STAFF_SECURITY,
        body: z.object({ expectedVersion: ExpectedVersion, checklist: ChecklistBody.optional(), acceptances: AcceptancesBody.optional() }),
        response: { 200: DetailsResponse, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      const { actor, actorRoles } = await inItemAgency(request, request.params.id);
      const { expectedVersion, checklist, acceptances } = request.body;
      return toResponse(await service.submit(request.params.id, expectedVersion, { checklist: checklistOf(checklist), acceptances: acceptances ?? [] }, actor, actorRoles));
    },
  );

  api.post(
    '/api/publications/:id/approve',
    {
      attachValidation: true,
      schema: {
        summary: '本环节审核通过（本人起草的不能审核；最后一个环节通过后即发布，生成索引号）',
        tags: [TAG],
        params: IdParams,
        security: STAFF_SECURITY,
        body: z.object({
          expectedVersion: ExpectedVersion,
          step: z.number().int().min(0).max(100),
          opinion: z.string().max(2000).optional(),
          checklist: ChecklistBody.optional(),
          acceptances: AcceptancesBody.optional(),
        }),
        response: { 200: DetailsResponse, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      const { actor, actorRoles } = await inItemAgency(request, request.params.id);
      const { expectedVersion, step, opinion, checklist, acceptances } = request.body;
      return toResponse(
        await service.approve(request.params.id, expectedVersion, { step, opinion: opinion ?? '', checklist: checklistOf(checklist), acceptances: acceptances ?? [] }, actor, actorRoles),
      );
    },
  );

  api.post(
    '/api/publications/:id/return',
    {
      attachValidation: true,
      schema: {
        summary: '退回修改（须写明审核意见）',
        tags: [TAG],
        params: IdParams,
        security: STAFF_SECURITY,
        body: z.object({ expectedVersion: ExpectedVersion, step: z.number().int().min(0).max(100), opinion: z.string().max(2000) }),
        response: { 200: DetailsResponse, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      const { actor, actorRoles } = await inItemAgency(request, request.params.id);
      const { expectedVersion, step, opinion } = request.body;
      return toResponse(await service.returnToAuthor(request.params.id, expectedVersion, { step, opinion }, actor, actorRoles));
    },
  );

  api.post(
    '/api/publications/:id/withdraw',
    {
      attachValidation: true,
      schema: {
        summary: '撤回已发布的信息（须写明理由；从门户和检索中下架，记录保留）',
        tags: [TAG],
        params: IdParams,
        security: STAFF_SECURITY,
        body: z.object({ expectedVersion: ExpectedVersion, reason: z.string().max(2000) }),
        response: { 200: DetailsResponse, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      const { actor, actorRoles } = await inItemAgency(request, request.params.id);
      return toResponse(await service.withdraw(request.params.id, request.body.expectedVersion, request.body.reason, actor, actorRoles));
    },
  );

  api.post(
    '/api/publications/:id/corrections',
    {
      attachValidation: true,
      schema: {
        summary: '更正已发布的信息（给出要改的内容并写明理由；更正记录在信息上公示）',
        tags: [TAG],
        params: IdParams,
        security: STAFF_SECURITY,
        body: z.object({ expectedVersion: ExpectedVersion, fields: FieldsBody.partial(), reason: z.string().max(2000) }),
        response: { 200: DetailsResponse, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      const { actor, actorRoles } = await inItemAgency(request, request.params.id);
      const { expectedVersion, fields, reason } = request.body;
      return toResponse(await service.correct(request.params.id, expectedVersion, toPartialInput(fields), reason, actor, actorRoles));
    },
  );

  api.post(
    '/api/publications/:id/validity',
    {
      attachValidation: true,
      schema: {
        summary: '变更有效性（有效、失效、废止，附日期和理由）',
        tags: [TAG],
        params: IdParams,
        security: STAFF_SECURITY,
        body: z.object({ expectedVersion: ExpectedVersion, validity: ValidityBody, reason: z.string().max(2000) }),
        response: { 200: DetailsResponse, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      const { actor, actorRoles } = await inItemAgency(request, request.params.id);
      const { expectedVersion, validity, reason } = request.body;
      return toResponse(await service.changeValidity(request.params.id, expectedVersion, toValidity(validity), reason, actor, actorRoles));
    },
  );
}
