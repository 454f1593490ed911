// The 政务公开办's API (issue 7): /api/supervision/:agencyCode/:year… Every route needs the
// supervision action in the agency asked about or one of its ancestors (staff-access inSubtreeOf);
// nothing here reads cases or applicants. The cell, agency and export routes take the view's
// `snapshot` id (rollup-snapshots.ts): kept for that agency and year, they answer from it; else
// (unknown, expired, another process) they compute afresh and say so by computedAt.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, isDomainError } from '../../domain/domain-error.ts';
import { reportJsonSchema } from '../../domain/report/render/report-json-schema.ts';
import { MAX_REPORT_FILE_BYTES } from '../../files/read-report-file.ts';
import type { StaffAccess } from '../accounts/staff-access.ts';
import { STAFF_SECURITY } from '../accounts/staff-access.ts';
import { ErrorResponse } from '../applications/application.routes.ts';
import { createRequestCheck } from '../request-check.ts';
import type { ImportFile, SupervisionService } from './supervision.service.ts';
import { MAX_SUPERVISION_YEAR, MIN_SUPERVISION_YEAR } from './supervision.service.ts';

export interface SupervisionRoutesOptions {
  service: SupervisionService;
  access: StaffAccess;
}

export const MAX_IMPORT_FILES = 100;

const Code = z.string().min(1).max(64);
const YearParams = z.object({ agencyCode: Code, year: z.coerce.number().int().min(MIN_SUPERVISION_YEAR).max(MAX_SUPERVISION_YEAR) });
const Status = z.enum(['notStarted', 'draft', 'inReview', 'finalized', 'published']);
const Source = z.enum(['published', 'final', 'live', 'imported', 'none']);
const FindingSchema = z.object({
  ruleId: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  location: z.object({ section: z.string().nullable(), table: z.enum(['table2', 'table3', 'table4']).nullable(), row: z.string().nullable(), column: z.string().nullable() }),
  numbers: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
});
const AgencyEntry = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  levelLabel: z.string(),
  parentCode: z.string().nullable(),
  depth: z.number().int(),
  external: z.boolean(),
  status: Status,
  statusLabel: z.string(),
  source: Source,
  sourceLabel: z.string(),
  late: z.boolean(),
  deadline: z.string(),
  deadlineSetBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
  errors: z.number().int(),
  warnings: z.number().int(),
  imported: z.object({ fileName: z.string(), importedAt: z.string(), importedBy: z.string() }).nullable(),
  links: z.object({ portal: z.string().nullable(), console: z.string(), api: z.string() }),
});
const ViewResponse = z.object({
  agency: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(),
  statutoryDeadline: z.string(),
  deadline: z.string().nullable(),
  counts: z.object({ notStarted: z.number(), draft: z.number(), inReview: z.number(), finalized: z.number(), published: z.number(), late: z.number(), agencies: z.number() }),
  agencies: z.array(AgencyEntry),
  aggregate: reportJsonSchema,
  exports: z.object({ docx: z.string(), xlsx: z.string() }),
  snapshot: z.object({ id: z.string(), computedAt: z.string() }),
});
/** The view's snapshot id; an unknown or expired one is recomputed, never refused. */
const Snapshot = z.string().max(128).optional();
const SnapshotQuery = z.object({ snapshot: Snapshot });
const CellQuery = z.object({ table: z.enum(['table2', 'table3', 'table4']), row: z.string().min(1).max(64), column: z.string().min(1).max(64).optional(), snapshot: Snapshot });
const CellValue = z.union([z.number(), z.string(), z.null()]);
const CellResponse = z.object({
  address: z.object({ table: z.enum(['table2', 'table3', 'table4']), row: z.string(), column: z.string().nullable() }),
  label: z.string(),
  total: CellValue,
  contributions: z.array(z.object({ code: z.string(), name: z.string(), depth: z.number().int(), source: Source, value: CellValue })),
  computedAt: z.string(),
});
const AgencyReportResponse = z.object({
  agency: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(),
  status: Status,
  statusLabel: z.string(),
  source: Source,
  sourceLabel: z.string(),
  report: reportJsonSchema.nullable(),
  findings: z.array(FindingSchema),
  computedAt: z.string(),
});
const DeadlineBody = z.object({ dueOn: z.string().max(10).nullable() });
const DeadlineResponse = z.object({ deadline: z.string().nullable(), statutoryDeadline: z.string() });
const ImportResponse = z.object({
  results: z.array(
    z.object({
      fileName: z.string(),
      imported: z.boolean(),
      message: z.string(),
      agencyCode: z.string().nullable(),
      agencyName: z.string().nullable(),
      createdAgency: z.boolean(),
      errors: z.number().int(),
      warnings: z.number().int(),
    }),
  ),
});
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 413: ErrorResponse };

const checkRequest = createRequestCheck({
  labels: {
    agencyCode: '机关代码',
    childCode: '下级机关代码',
    year: `年度（${MIN_SUPERVISION_YEAR} 至 ${MAX_SUPERVISION_YEAR} 之间的四位数年份）`,
    format: '导出格式（docx 或 xlsx）',
    table: '表格（table2、table3 或 table4）',
    row: '行',
    column: '列',
    snapshot: '汇总快照',
    dueOn: '报送期限',
  },
  showPath: false,
});

const tooLarge = (): DomainError => new DomainError('TOO_LARGE', 'report file over the limit', `每个报告文件不能超过 ${MAX_REPORT_FILE_BYTES / 1024 / 1024} MB。`, { field: 'files' });

/** The uploaded report files (any field name), and the optional field childCode. */
async function readReportUploads(request: FastifyRequest): Promise<{ files: ImportFile[]; childCode: string | undefined }> {
  if (!request.isMultipart()) throw new DomainError('BAD_INPUT', 'not multipart', '请以 multipart/form-data 上传年度报告文件（files）。', { field: 'files' });
  const files: ImportFile[] = [];
  let childCode: string | undefined;
  let truncated = false;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.file.truncated) truncated = true;
        else files.push({ name: part.filename, bytes: new Uint8Array(bytes) });
      } else if (part.fieldname === 'childCode') {
        const value = String(part.value).trim();
        if (value !== '') childCode = value;
      }
    }
  } catch (error) {
    if (isDomainError(error)) throw error;
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
      throw new DomainError('BAD_INPUT', 'too many files', `一次最多上传 ${MAX_IMPORT_FILES} 个文件。`, { field: 'files' });
    }
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw new DomainError('BAD_INPUT', `bad multipart request: ${String(code)}`, '上传没有完成或格式不正确，请重新上传。', { field: 'files' });
  }
  if (truncated) throw tooLarge();
  if (files.length === 0) throw new DomainError('BAD_INPUT', 'no files', '请选择要导入的年度报告文件。', { field: 'files' });
  return { files, childCode };
}

export async function supervisionRoutes(app: FastifyInstance, options: SupervisionRoutesOptions): Promise<void> {
  const { service, access } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['政务公开办'];
  if (!app.hasContentTypeParser('multipart/form-data')) {
    await app.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: MAX_REPORT_FILE_BYTES + 1, files: MAX_IMPORT_FILES, fields: 5, parts: MAX_IMPORT_FILES + 5, fieldSize: 1024 } });
  }

  api.get(
    '/api/supervision/:agencyCode/:year',
    {
      attachValidation: true,
      schema: {
        summary: '本机关及所有下级机关某年度的年度报告：状态、是否逾期、检查结果、链接，以及表二、三、四的汇总',
        tags,
        params: YearParams,
        security: STAFF_SECURITY,
        response: { 200: ViewResponse, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      await access.inSubtreeOf(request, request.params.agencyCode, 'supervision.read');
      return service.view(request.params.agencyCode, request.params.year);
    },
  );

  api.get(
    '/api/supervision/:agencyCode/:year/cells',
    {
      attachValidation: true,
      schema: { summary: '汇总表中一个数字由哪些机关的数字相加而来', tags, params: YearParams, querystring: CellQuery, security: STAFF_SECURITY, response: { 200: CellResponse, ...errors } },
    },
    async (request) => {
      checkRequest(request);
      await access.inSubtreeOf(request, request.params.agencyCode, 'supervision.read');
      const { table, row, column, snapshot } = request.query;
      return service.cell(request.params.agencyCode, request.params.year, { table, row, column: column ?? null }, { snapshot });
    },
  );

  api.get(
    '/api/supervision/:agencyCode/:year/agencies/:childCode',
    {
      attachValidation: true,
      schema: {
        summary: '下级机关的年度报告（汇总所用的版本）及检查结果',
        tags,
        params: YearParams.extend({ childCode: Code }),
        querystring: SnapshotQuery,
        security: STAFF_SECURITY,
        response: { 200: AgencyReportResponse, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      await access.inSubtreeOf(request, request.params.agencyCode, 'supervision.read');
      return service.agencyReport(request.params.agencyCode, request.params.year, request.params.childCode, { snapshot: request.query.snapshot });
    },
  );

  api.get(
    '/api/supervision/:agencyCode/:year/export.:format',
    {
      attachValidation: true,
      schema: {
        summary: '下载汇总表（Word 或 Excel）；响应头 x-computed-at 为所用汇总数据的时间',
        tags,
        params: YearParams.extend({ format: z.enum(['docx', 'xlsx']) }),
        querystring: SnapshotQuery,
        security: STAFF_SECURITY,
      },
    },
    async (request, reply) => {
      checkRequest(request);
      await access.inSubtreeOf(request, request.params.agencyCode, 'supervision.read');
      const file = await service.exportAggregate(request.params.agencyCode, request.params.year, request.params.format, { snapshot: request.query.snapshot });
      return reply.headers(file.headers).send(file.body);
    },
  );

  api.put(
    '/api/supervision/:agencyCode/:year/deadline',
    {
      attachValidation: true,
      schema: {
        summary: '设定本机关及下级机关该年度报告的报送期限（null 恢复为条例第四十九条的1月31日）',
        tags,
        params: YearParams,
        body: DeadlineBody,
        security: STAFF_SECURITY,
        response: { 200: DeadlineResponse, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      const { actor } = await access.inSubtreeOf(request, request.params.agencyCode, 'supervision.setDeadline');
      return service.setDeadline(request.params.agencyCode, request.params.year, request.body.dueOn, actor);
    },
  );

  api.post(
    '/api/supervision/:agencyCode/:year/external-reports',
    {
      attachValidation: true,
      schema: {
        summary: '导入未上平台机关已发布的年度报告文件（可多个；PDF、Word、Excel、网页、文本）',
        tags,
        params: YearParams,
        security: STAFF_SECURITY,
        response: { 200: ImportResponse, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      const { actor } = await access.inSubtreeOf(request, request.params.agencyCode, 'supervision.import');
      const { files, childCode } = await readReportUploads(request);
      const results = await service.importExternalReports(request.params.agencyCode, request.params.year, files, actor, childCode === undefined ? {} : { childCode });
      return { results };
    },
  );
}
