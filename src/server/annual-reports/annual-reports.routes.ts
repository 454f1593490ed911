// The annual report approval over HTTP (issue 5; contract in docs: .tmp/report-api.md): years,
// the report view, the staff's text, approval commands, what lies behind a cell, exports.
// Each route checks the session's roles in the agency and makes one service call; the service
// checks the permission table again.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/domain-error.ts';
import { REPORT_COMMANDS, REPORT_STATES } from '../../domain/report/report-approval.ts';
import { reportJsonSchema } from '../../domain/report/render/report-json-schema.ts';
import { PDF_UNAVAILABLE_MESSAGE, PdfConverterMissingError } from '../../files/convert-docx-to-pdf.ts';
import type { StaffAccess } from '../accounts/staff-access.ts';
import { STAFF_SECURITY } from '../accounts/staff-access.ts';
import { ErrorResponse } from '../applications/application.routes.ts';
import { createRequestCheck } from '../request-check.ts';
import type { AnnualReportApprovalService } from './annual-reports.service.ts';
import { MAX_ANNUAL_REPORT_YEAR, MAX_REPORT_TEXT_LENGTH, MIN_ANNUAL_REPORT_YEAR, REPORT_EXPORT_FORMATS } from './annual-reports.service.ts';

export interface AnnualReportRoutesOptions {
  service: AnnualReportApprovalService;
  access: StaffAccess;
}

const StateSchema = z.enum(REPORT_STATES.map((s) => s.code) as ['draft', 'inReview', 'finalized', 'published']);
const CommandSchema = z.enum(REPORT_COMMANDS.map((c) => c.code) as ['submit', 'return', 'finalize', 'publish', 'unlock']);
const Params = z.object({ agencyCode: z.string().min(1).max(64) });
const YearParams = Params.extend({ year: z.coerce.number().int().min(MIN_ANNUAL_REPORT_YEAR).max(MAX_ANNUAL_REPORT_YEAR) });
const ExportParams = YearParams.extend({ format: z.enum(REPORT_EXPORT_FORMATS) });
const Version = z.number().int().min(0);
const Text = z.string().max(MAX_REPORT_TEXT_LENGTH);
const TextBody = z.object({ overview: Text, problems: Text, otherMatters: Text, version: Version });
const CommandBody = z.object({ command: CommandSchema, note: z.string().max(2000).nullish(), version: Version });
const CellQuery = z.object({ table: z.enum(['table2', 'table3', 'table4']), row: z.string().min(1).max(64), column: z.string().min(1).max(64).optional() });

const FindingSchema = z.object({
  ruleId: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  location: z.object({ section: z.string().nullable(), table: z.enum(['table2', 'table3', 'table4']).nullable(), row: z.string().nullable(), column: z.string().nullable() }),
  numbers: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
});
const EventKind = z.enum(['submit', 'return', 'finalize', 'publish', 'unlock', 'editText']);
const ReportViewSchema = z.object({
  year: z.number().int(),
  state: StateSchema,
  stateLabel: z.string(),
  version: z.number().int(),
  locked: z.boolean(),
  report: reportJsonSchema,
  findings: z.array(FindingSchema),
  text: z.object({ overview: z.string(), problems: z.string(), otherMatters: z.string() }),
  history: z.array(z.object({ kind: EventKind, label: z.string(), actor: z.string(), note: z.string().nullable(), at: z.string() })),
  allowedCommands: z.array(CommandSchema),
  canEditText: z.boolean(),
  publishedAt: z.string().nullable(),
  exports: z.object({ docx: z.string(), xlsx: z.string(), html: z.string(), pdf: z.string().nullable() }),
});
const YearsResponse = z.object({
  years: z.array(z.object({ year: z.number().int(), state: StateSchema, stateLabel: z.string(), publishedAt: z.string().nullable(), hasPublishedVersion: z.boolean() })),
});
const CellItem = z.object({ id: z.string(), title: z.string(), date: z.string(), detail: z.string(), consolePath: z.string().nullable() });
const CellResponse = z.object({
  address: z.object({ table: z.enum(['table2', 'table3', 'table4']), row: z.string(), column: z.string().nullable() }),
  label: z.string(),
  kind: z.enum(['applications', 'reviewCases', 'documents', 'figures']),
  items: z.array(CellItem),
  truncated: z.boolean(),
  note: z.string().nullable(),
});
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

const checkRequest = createRequestCheck({
  labels: {
    agencyCode: '机关代码',
    year: `年度（${MIN_ANNUAL_REPORT_YEAR} 至 ${MAX_ANNUAL_REPORT_YEAR} 之间的四位数年份）`,
    format: '导出格式（docx、xlsx、html 或 pdf）',
    overview: '“一、总体情况”',
    problems: '“五、存在的主要问题及改进情况”',
    otherMatters: '“六、其他需要报告的事项”',
    version: '版本号',
    command: '操作',
    note: '意见或理由',
    table: '表格（table2、table3 或 table4）',
    row: '行',
    column: '列',
  },
  showPath: false,
});

export async function annualReportRoutes(app: FastifyInstance, options: AnnualReportRoutesOptions): Promise<void> {
  const { service, access } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['年度报告'];

  api.get(
    '/api/agencies/:agencyCode/annual-reports',
    { attachValidation: true, schema: { summary: '本机关各年度的年度报告及其审核状态（新的在前）', tags, params: Params, security: STAFF_SECURITY, response: { 200: YearsResponse, ...errors } } },
    async (request) => {
      checkRequest(request);
      const { actorRoles } = await access.inAgency(request, request.params.agencyCode);
      return service.listYears(request.params.agencyCode, actorRoles);
    },
  );

  api.get(
    '/api/agencies/:agencyCode/annual-reports/:year',
    {
      attachValidation: true,
      schema: {
        summary: '某一年度的年度报告：内容（草稿、审核中为实时计算，定稿后为定稿版本）、检查结果、文字部分、审核记录、可执行的操作',
        tags,
        params: YearParams,
        security: STAFF_SECURITY,
        response: { 200: ReportViewSchema, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      const { actorRoles } = await access.inAgency(request, request.params.agencyCode);
      return service.getView(request.params.agencyCode, request.params.year, actorRoles);
    },
  );

  api.put(
    '/api/agencies/:agencyCode/annual-reports/:year/text',
    {
      attachValidation: true,
      schema: {
        summary: '保存年度报告的文字部分（一、五、六），仅草稿状态；version 须为查看时的版本号',
        tags,
        params: YearParams,
        body: TextBody,
        security: STAFF_SECURITY,
        response: { 200: ReportViewSchema, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      const { actor, actorRoles } = await access.inAgency(request, request.params.agencyCode);
      return service.saveText(request.params.agencyCode, request.params.year, request.body, actor, actorRoles);
    },
  );

  api.post(
    '/api/agencies/:agencyCode/annual-reports/:year/commands',
    {
      attachValidation: true,
      schema: {
        summary: '年度报告审核操作：提交审核、退回修改、定稿、发布、解除锁定（退回和解除锁定须填写意见或理由）',
        tags,
        params: YearParams,
        body: CommandBody,
        security: STAFF_SECURITY,
        response: { 200: ReportViewSchema, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      const { actor, actorRoles } = await access.inAgency(request, request.params.agencyCode);
      return service.runCommand(request.params.agencyCode, request.params.year, request.body, actor, actorRoles);
    },
  );

  api.get(
    '/api/agencies/:agencyCode/annual-reports/:year/cells',
    {
      attachValidation: true,
      schema: {
        summary: '年度报告中某一格的数据来源：所统计的申请、复议诉讼案件或文件',
        tags,
        params: YearParams,
        querystring: CellQuery,
        security: STAFF_SECURITY,
        response: { 200: CellResponse, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      const code = request.params.agencyCode;
      // Another agency's cases are not even said to exist.
      const hidden = () => new DomainError('NOT_FOUND', `agency ${code} not visible`, '找不到该机关的年度报告。', { agencyCode: code });
      const { actorRoles } = await access.inAgency(request, code, { hidden });
      const { table, row, column } = request.query;
      return service.cellContents(code, request.params.year, { table, row, column: column ?? null }, actorRoles);
    },
  );

  api.get(
    '/api/agencies/:agencyCode/annual-reports/:year/export.:format',
    {
      attachValidation: true,
      schema: {
        summary: '导出年度报告（docx、xlsx、html、pdf）：定稿后为定稿版本，此前为当前草稿',
        tags,
        params: ExportParams,
        security: STAFF_SECURITY,
      },
    },
    async (request, reply) => {
      checkRequest(request);
      const { actorRoles } = await access.inAgency(request, request.params.agencyCode);
      try {
        const file = await service.exportReport(request.params.agencyCode, request.params.year, request.params.format, actorRoles);
        return reply.headers(file.headers).send(file.body);
      } catch (error) {
        if (error instanceof PdfConverterMissingError) return reply.code(503).send({ error: 'UNAVAILABLE', message: PDF_UNAVAILABLE_MESSAGE });
        throw error;
      }
    },
  );
}
