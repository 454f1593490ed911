// Notices over HTTP: an agency's notice templates (GET, and PUT checked by
// validateNoticeTemplate → 422 with the Chinese findings) and a case's notice as DOCX.
// The DOCX route is /notices/<kind>.docx; the kind may itself hold a dot (reply.state_secret),
// so the last segment is one parameter `file` and the suffix is checked here.
// All need a session: templates with a role in the agency, documents with notice.download in
// the case's agency (another agency's case is not found), edits with notice.editTemplate.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NOTICE_TEMPLATE_KINDS } from '../../domain/application/notices/notice-kinds.ts';
import type { FeeInput } from '../../domain/application/compute-processing-fee.ts';
import type { StaffAccess } from '../accounts/staff-access.ts';
import { STAFF_SECURITY } from '../accounts/staff-access.ts';
import { ErrorResponse, IsoDate, checkRequest } from '../applications/application.routes.ts';
import type { ApplicationService } from '../applications/application.service.ts';
import { normalizeTrackingNumber, notFound } from '../applications/application.service.ts';
import { contentDisposition } from '../reports/content-disposition.ts';
import type { NoticeRequestValues, NoticeService, StoredNoticeTemplate } from './notice.service.ts';

const Kind = z.enum(NOTICE_TEMPLATE_KINDS as [string, ...string[]]);
const Template = z.object({
  title: z.string().max(200),
  documentNumber: z.string().max(200).nullable(),
  addressee: z.string().max(200),
  paragraphs: z.array(z.string().max(5000)).max(100),
});
const TemplateResponse = z.object({
  kind: z.string(),
  label: z.string(),
  template: Template,
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
const Optional = z.string().max(2000).optional();
const NoticeQuery = z.object({
  issuedOn: IsoDate.optional(),
  contact: Optional,
  reason: Optional,
  accessMethod: Optional,
  competentAgency: Optional,
  paymentMethod: Optional,
  reviewBody: Optional.describe('救济途径：行政复议机关'),
  court: Optional.describe('救济途径：人民法院'),
  feeMethod: z.enum(['by_count', 'by_pages']).optional().describe('收费明细的计费方式（国办函〔2020〕109号）'),
  pages: z.coerce.number().int().min(0).optional(),
  count: z.coerce.number().int().min(1).optional(),
  previousCountThisMonth: z.coerce.number().int().min(0).optional(),
});
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

function toResponse(stored: StoredNoticeTemplate) {
  return { ...stored, template: { ...stored.template, paragraphs: [...stored.template.paragraphs] } };
}

function feeInput(query: z.infer<typeof NoticeQuery>): FeeInput | undefined {
  if (query.feeMethod === 'by_pages' && query.pages !== undefined) return { method: 'by_pages', pages: query.pages };
  if (query.feeMethod === 'by_count' && query.count !== undefined) return { method: 'by_count', count: query.count, previousCountThisMonth: query.previousCountThisMonth ?? 0 };
  return undefined;
}

export async function noticeRoutes(app: FastifyInstance, options: { service: NoticeService; applications: ApplicationService; access: StaffAccess }): Promise<void> {
  const { service, applications, access } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ agencyCode: z.string().min(1).max(64), kind: Kind });

  api.get(
    '/api/agencies/:agencyCode/notice-templates/:kind',
    {
      attachValidation: true,
      schema: { summary: '本机关的文书模板（未修改的为系统默认模板）', tags: ['文书'], params, security: STAFF_SECURITY, response: { 200: TemplateResponse, ...errors } },
    },
    async (request) => {
      checkRequest(request);
      await access.inAgency(request, request.params.agencyCode);
      return toResponse(await service.getTemplate(request.params.agencyCode, request.params.kind));
    },
  );

  api.put(
    '/api/agencies/:agencyCode/notice-templates/:kind',
    {
      attachValidation: true,
      schema: { summary: '修改本机关的文书模板（保存前检查占位符）', tags: ['文书'], params, security: STAFF_SECURITY, body: Template, response: { 200: TemplateResponse, ...errors } },
    },
    async (request) => {
      checkRequest(request);
      const { actor, actorRoles } = await access.inAgency(request, request.params.agencyCode);
      return toResponse(await service.putTemplate(request.params.agencyCode, request.params.kind, request.body, actor, actorRoles));
    },
  );

  api.get(
    '/api/applications/:trackingNumber/notices/:file',
    {
      attachValidation: true,
      schema: {
        summary: '生成一件申请的文书（DOCX）：file 为“文书类型.docx”，如 correction.docx、reply.state_secret.docx',
        tags: ['文书'],
        params: z.object({ trackingNumber: z.string().min(1).max(80), file: z.string().regex(/^[a-z_.]+\.docx$/) }),
        security: STAFF_SECURITY,
        querystring: NoticeQuery,
        // The 200 answer is the DOCX file itself (not serialised).
        response: { 200: z.any().describe('DOCX 文件'), ...errors },
      },
    },
    async (request, reply) => {
      checkRequest(request);
      const { trackingNumber } = request.params;
      await access.inAgency(request, () => applications.agencyCodeOf(trackingNumber), { action: 'notice.download', hidden: () => notFound(normalizeTrackingNumber(trackingNumber)) });
      const kind = request.params.file.slice(0, -'.docx'.length);
      const { query } = request;
      const fee = feeInput(query);
      const values: NoticeRequestValues = {};
      for (const key of ['issuedOn', 'contact', 'reason', 'accessMethod', 'competentAgency', 'paymentMethod', 'reviewBody', 'court'] as const) {
        const value = query[key];
        if (value !== undefined) values[key] = value;
      }
      if (fee !== undefined) values.fee = fee;
      const notice = await service.renderNotice(request.params.trackingNumber, kind, values);
      return reply
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', contentDisposition(notice.fileName, notice.asciiFileName))
        .send(Buffer.from(notice.docx));
    },
  );
}
