// 依申请公开 JSON API: intake, lists, one case with its clock and history, events under a
// version check, the applicant's status by query code, and 行政复议/行政诉讼 cases.
// Every route declares zod schemas for params, body and response (they also make /api/docs).
// Invalid requests are answered 400 with a Chinese message naming the field (checkRequest).
// Staff routes need a session (staff-access.ts); the acting user's roles are those held in the
// case's agency, and another agency's case is answered 404 (its existence is not disclosed).
// The service checks the permission table again.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_STATES } from '../../domain/application/application-case.ts';
import { REVIEW_GROUPS } from '../../domain/report/report-format.ts';
export { IsoDate } from './application.schemas.ts';
import { ApplicationBody, enumOf, EVENT_FIELD_LABELS, EventBody, INTAKE_FIELD_LABELS, IsoDate, Text } from './application.schemas.ts';
import { createRequestCheck } from '../request-check.ts';
import type { StaffAccess } from '../accounts/staff-access.ts';
import { STAFF_SECURITY } from '../accounts/staff-access.ts';
import type { ApplicationDetails, ApplicationService, CaseEventInput } from './application.service.ts';
import { MAX_LIST_PAGE_SIZE, normalizeTrackingNumber, notFound } from './application.service.ts';

export interface ApplicationRoutesOptions {
  service: ApplicationService;
  access: StaffAccess;
}


const AgencyCode = z.string().min(1).max(64);
const TrackingNumber = z.string().min(1).max(80);
const CaseStateSchema = enumOf(CASE_STATES);
const ReviewKindSchema = enumOf(REVIEW_GROUPS.map((g) => g.code));
const ReviewResultSchema = z.enum(['upheld', 'corrected', 'otherResult']);

const FIELD_LABELS: Record<string, string> = {
  agencyCode: '机关代码',
  trackingNumber: '申请编号',
  ...INTAKE_FIELD_LABELS,
  expectedVersion: '版本号',
  event: '办理事项',
  ...Object.fromEntries(Object.entries(EVENT_FIELD_LABELS).map(([key, label]) => [`event.${key}`, label])),
  queryCode: '查询码',
  state: '办理状态',
  dueSoon: '即将到期',
  overdue: '已超期',
  year: '年度',
  id: '案件编号',
  kind: '案件类型',
  body: '复议机关或法院',
  filedOn: '提起之日',
  concludedOn: '审结之日',
  result: '审理结果',
};

/** With attachValidation, a failed schema check arrives here and becomes a Chinese 400 naming the field. */
export const checkRequest = createRequestCheck({ labels: FIELD_LABELS });

// ---------------------------------------------------------------- request bodies

const RecordEventBody = z.object({ expectedVersion: z.number().int().min(1), event: EventBody });

const ListQuery = z.object({
  state: CaseStateSchema.optional(),
  dueSoon: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  year: z.coerce.number().int().min(2019).max(2100).optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIST_PAGE_SIZE).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

const ReviewCaseBody = z.object({ kind: ReviewKindSchema, body: Text, filedOn: IsoDate, trackingNumber: TrackingNumber.nullish() });
const ConcludeReviewBody = z.object({ concludedOn: IsoDate, result: ReviewResultSchema });

// ---------------------------------------------------------------- responses

export const ErrorResponse = z.object({ error: z.string(), message: z.string() });
const ClockSchema = z.object({
  state: CaseStateSchema,
  rulesVersion: z.string(),
  receivedOn: IsoDate,
  correctionNoticeDueOn: IsoDate,
  startedOn: IsoDate.nullable(),
  restartedByCorrection: z.boolean(),
  pauses: z.array(z.object({ kind: z.string(), from: IsoDate, to: IsoDate.nullable(), workingDays: z.number(), answerDueOn: IsoDate.nullable() })),
  pausedWorkingDays: z.number(),
  extensionWorkingDays: z.number(),
  statutoryDueOn: IsoDate.nullable(),
  delayedDueOn: IsoDate.nullable(),
  dueOn: IsoDate.nullable(),
  workingDaysLeft: z.number().nullable(),
  running: z.boolean(),
  paused: z.boolean(),
  dueSoon: z.boolean(),
  overdue: z.boolean(),
  concludedOn: IsoDate.nullable(),
  concludedLate: z.boolean().nullable(),
  provisional: z.boolean(),
  explanation: z.array(z.string()),
});
const ApplicationResponse = z.object({
  trackingNumber: z.string(),
  channel: z.string(),
  applicant: z.object({
    type: z.string(),
    name: z.string(),
    idNumber: z.string().nullable(),
    creditCode: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string().nullable(),
  }),
  requestedInformation: z.string(),
  requestedForm: z.string().nullable(),
  deliveryMethod: z.string().nullable(),
  receivedOn: IsoDate,
  state: CaseStateSchema,
  stateLabel: z.string(),
  outcome: z.string().nullable(),
  outcomeLabel: z.string().nullable(),
  concludedOn: IsoDate.nullable(),
  version: z.number().int(),
  idProof: z.object({ mediaType: z.string(), size: z.number().int() }).nullable(),
  clock: ClockSchema,
  history: z.array(
    z.discriminatedUnion('source', [
      z.object({
        source: z.literal('event'),
        seq: z.number().int(),
        kind: z.string(),
        label: z.string(),
        at: IsoDate,
        actor: z.string(),
        recordedAt: z.string(),
        event: z.record(z.string(), z.unknown()),
      }),
      // Not a legal event: e.g. the due date moved because a 节假日安排 year was loaded.
      z.object({
        source: z.literal('audit'),
        kind: z.literal('calendar_changed'),
        label: z.string(),
        at: IsoDate,
        actor: z.string(),
        recordedAt: z.string(),
        detail: z.object({
          year: z.number().int(),
          source: z.string(),
          oldDueOn: IsoDate.nullable(),
          newDueOn: IsoDate.nullable(),
          oldProvisional: z.boolean(),
          newProvisional: z.boolean(),
        }),
      }),
    ]),
  ),
});
const ListItem = z.object({
  trackingNumber: z.string(),
  applicantType: z.string(),
  applicantName: z.string(),
  channel: z.string(),
  receivedOn: IsoDate,
  state: CaseStateSchema,
  stateLabel: z.string(),
  outcome: z.string().nullable(),
  dueOn: IsoDate.nullable(),
  workingDaysLeft: z.number().nullable(),
  paused: z.boolean(),
  dueSoon: z.boolean(),
  overdue: z.boolean(),
  provisional: z.boolean(),
  version: z.number().int(),
});
const PublicStatusResponse = z.object({
  trackingNumber: z.string(),
  receivedOn: IsoDate,
  state: CaseStateSchema,
  stateLabel: z.string(),
  dueOn: IsoDate.nullable(),
  paused: z.boolean(),
  concludedOn: IsoDate.nullable(),
  outcomeLabel: z.string().nullable(),
  steps: z.array(z.object({ at: IsoDate, label: z.string() })),
});
const ReviewCaseResponse = z.object({
  id: z.number().int(),
  trackingNumber: z.string().nullable(),
  kind: ReviewKindSchema,
  body: z.string(),
  filedOn: IsoDate,
  concludedOn: IsoDate.nullable(),
  result: ReviewResultSchema.nullable(),
});

/** Events as plain records for the response schema. */
function toResponse(details: ApplicationDetails) {
  const { clock } = details;
  return {
    ...details,
    clock: { ...clock, pauses: [...clock.pauses], explanation: [...clock.explanation] },
    history: details.history.map((entry) => (entry.source === 'event' ? { ...entry, event: { ...entry.event } } : { ...entry, detail: { ...entry.detail } })),
  };
}

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export async function applicationRoutes(app: FastifyInstance, options: ApplicationRoutesOptions): Promise<void> {
  const { service, access } = options;
  /** The actor in the case's agency; another agency's case is not found (条例第十五条: not disclosed). */
  const inCaseAgency = (request: FastifyRequest, trackingNumber: string, action?: 'application.read') =>
    access.inAgency(request, () => service.agencyCodeOf(trackingNumber), { hidden: () => notFound(normalizeTrackingNumber(trackingNumber)), ...(action === undefined ? {} : { action }) });
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/agencies/:agencyCode/applications',
    {
      attachValidation: true,
      schema: {
        summary: '登记政府信息公开申请',
        tags: ['依申请公开'],
        params: z.object({ agencyCode: AgencyCode }),
        security: STAFF_SECURITY,
        body: ApplicationBody,
        response: { 201: z.object({ trackingNumber: z.string(), queryCode: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      checkRequest(request);
      const { actor, actorRoles } = await access.inAgency(request, request.params.agencyCode);
      const created = await service.receiveApplication(request.params.agencyCode, request.body, actor, actorRoles);
      return reply.code(201).send(created);
    },
  );

  api.get(
    '/api/agencies/:agencyCode/applications',
    {
      attachValidation: true,
      schema: {
        summary: '本机关的申请列表（可按状态、即将到期、已超期、年度筛选，按申请编号或申请人姓名、名称查找，分页）',
        description: 'dueSoon=true 与 overdue=true 同时给出时，列出即将到期或已超期的申请。q 匹配申请编号或申请人姓名、名称的一部分（不分大小写）。每页默认100件，最多1000件；total 为符合条件的总件数。',
        tags: ['依申请公开'],
        params: z.object({ agencyCode: AgencyCode }),
        security: STAFF_SECURITY,
        querystring: ListQuery,
        response: { 200: z.object({ applications: z.array(ListItem), total: z.number().int(), limit: z.number().int(), offset: z.number().int() }), ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      await access.inAgency(request, request.params.agencyCode, { action: 'application.read' });
      const { state, dueSoon, overdue, year, q, limit, offset } = request.query;
      return service.listApplications(request.params.agencyCode, {
        ...(state === undefined ? {} : { state }),
        ...(dueSoon === undefined ? {} : { dueSoon: dueSoon === 'true' }),
        ...(overdue === undefined ? {} : { overdue: overdue === 'true' }),
        ...(year === undefined ? {} : { year }),
        ...(q === undefined ? {} : { search: q }),
        ...(limit === undefined ? {} : { limit }),
        ...(offset === undefined ? {} : { offset }),
      });
    },
  );

  api.get(
    '/api/applications/:trackingNumber',
    {
      attachValidation: true,
      schema: {
        summary: '一件申请：申请人、答复期限（推算）及办理记录',
        tags: ['依申请公开'],
        params: z.object({ trackingNumber: TrackingNumber }),
        security: STAFF_SECURITY,
        response: { 200: ApplicationResponse, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      await inCaseAgency(request, request.params.trackingNumber, 'application.read');
      return toResponse(await service.getApplication(request.params.trackingNumber));
    },
  );

  api.post(
    '/api/applications/:trackingNumber/events',
    {
      attachValidation: true,
      schema: {
        summary: '登记一项办理事项（须带上所见的版本号）',
        tags: ['依申请公开'],
        params: z.object({ trackingNumber: TrackingNumber }),
        security: STAFF_SECURITY,
        body: RecordEventBody,
        response: { 200: ApplicationResponse, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      const { actor, actorRoles } = await inCaseAgency(request, request.params.trackingNumber);
      return toResponse(
        await service.recordEvent(request.params.trackingNumber, request.body.event as CaseEventInput, { actor, actorRoles, expectedVersion: request.body.expectedVersion }),
      );
    },
  );

  // Public: the query code goes in the body, never in the URL (URLs end up in logs and histories).
  api.post(
    '/api/applications/:trackingNumber/status',
    {
      attachValidation: true,
      schema: {
        summary: '申请人凭查询码查询办理进度（不含个人信息）',
        tags: ['依申请公开'],
        params: z.object({ trackingNumber: TrackingNumber }),
        body: z.object({ queryCode: z.string().trim().min(1).max(64) }),
        response: { 200: PublicStatusResponse, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      return service.findByQueryCode(request.params.trackingNumber, request.body.queryCode);
    },
  );

  api.post(
    '/api/agencies/:agencyCode/review-cases',
    {
      attachValidation: true,
      schema: {
        summary: '登记行政复议或行政诉讼',
        tags: ['行政复议和行政诉讼'],
        params: z.object({ agencyCode: AgencyCode }),
        security: STAFF_SECURITY,
        body: ReviewCaseBody,
        response: { 201: ReviewCaseResponse, ...errors },
      },
    },
    async (request, reply) => {
      checkRequest(request);
      const { actor, actorRoles } = await access.inAgency(request, request.params.agencyCode);
      return reply.code(201).send(await service.createReviewCase(request.params.agencyCode, request.body, actor, actorRoles));
    },
  );

  api.get(
    '/api/agencies/:agencyCode/review-cases',
    {
      attachValidation: true,
      schema: {
        summary: '本机关的行政复议和行政诉讼',
        tags: ['行政复议和行政诉讼'],
        params: z.object({ agencyCode: AgencyCode }),
        security: STAFF_SECURITY,
        response: { 200: z.object({ reviewCases: z.array(ReviewCaseResponse) }), ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      await access.inAgency(request, request.params.agencyCode, { action: 'application.read' });
      return { reviewCases: await service.listReviewCases(request.params.agencyCode) };
    },
  );

  api.post(
    '/api/agencies/:agencyCode/review-cases/:id/conclusion',
    {
      attachValidation: true,
      schema: {
        summary: '登记行政复议或行政诉讼的审结结果',
        tags: ['行政复议和行政诉讼'],
        params: z.object({ agencyCode: AgencyCode, id: z.coerce.number().int().min(1) }),
        security: STAFF_SECURITY,
        body: ConcludeReviewBody,
        response: { 200: ReviewCaseResponse, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      const { actor, actorRoles } = await access.inAgency(request, request.params.agencyCode);
      return service.concludeReviewCase(request.params.agencyCode, request.params.id, request.body, actor, actorRoles);
    },
  );
}
