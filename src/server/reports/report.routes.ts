// Report pages (/, /reports/…, /tools/lint) and the report JSON API. Each route validates its
// input with a schema and makes one service (or domain) call; pages are server-rendered HTML.
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { DomainError, isDomainError } from '../../domain/domain-error.ts';
import type { AnnualReport } from '../../domain/report/annual-report.ts';
import type { Finding } from '../../domain/report/finding.ts';
import { countBySeverity } from '../../domain/report/finding.ts';
import { lintAnnualReport } from '../../domain/report/lint/lint-annual-report.ts';
import { REPORT_HTML_STYLE } from '../../domain/report/render/report-html-style.ts';
import { reportJsonSchema } from '../../domain/report/render/report-json-schema.ts';
import { renderReportHtml } from '../../domain/report/render/render-report-html.ts';
import { toReportJson } from '../../domain/report/render/render-report-json.ts';
import { reportTitle } from '../../domain/report/render/report-title.ts';
import { REPORT_TEMPLATES } from '../../domain/report/report-templates.ts';
import type { ReportTemplateId } from '../../domain/report/report-templates.ts';
import { readReportFile } from '../../files/read-report-file.ts';
import type { Database } from '../db/database.ts';
import { HTTP_STATUS_BY_ERROR_CODE } from '../http-errors.ts';
import { createAnnualReportService } from './annual-report.service.ts';
import { LINT_UPLOAD_LIMIT_MB, renderErrorPage, renderLintToolPage, renderReportPage } from './report-pages.ts';
import type { ReportFileFormat } from './report-downloads.ts';
import { REPORT_FILE_FORMATS, renderReportFile } from './report-downloads.ts';
import { PDF_UNAVAILABLE_MESSAGE, PdfConverterMissingError } from '../../files/convert-docx-to-pdf.ts';

export interface ReportRoutesOptions {
  db: Kysely<Database>;
}

export const MIN_REPORT_YEAR = 2019;
export const MAX_REPORT_YEAR = 2100;
const LINT_UPLOAD_LIMIT_BYTES = LINT_UPLOAD_LIMIT_MB * 1024 * 1024;
/** Pasted text: a long report is ~50 kB; 5 MB leaves room for pasted HTML. */
const LINT_TEXT_LIMIT_BYTES = 5 * 1024 * 1024;

/** The portal's downloads, in the order of the page's links. */
const DOWNLOAD_FORMATS = ['docx', 'xlsx', 'pdf', 'txt', 'json'] as const satisfies readonly ReportFileFormat[];
type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

const YEAR_MESSAGE = `年度须为 ${MIN_REPORT_YEAR} 至 ${MAX_REPORT_YEAR} 之间的四位数年份。`;
const AgencyCode = z.string().min(1).max(64);
const Year = z.coerce.number().int().min(MIN_REPORT_YEAR).max(MAX_REPORT_YEAR);

const ReportPageParams = z.object({
  agencyCode: AgencyCode,
  /** `2025` for the page, `2025.docx` etc. for a download. */
  yearAndFormat: z.string().regex(/^\d{4}(\.(docx|xlsx|pdf|txt|json))?$/),
});
const ReportApiParams = z.object({ agencyCode: AgencyCode, year: Year });

const FindingSchema = z.object({
  ruleId: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  location: z.object({ section: z.string().nullable(), table: z.enum(['table2', 'table3', 'table4']).nullable(), row: z.string().nullable(), column: z.string().nullable() }),
  numbers: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
});
const ReportApiResponse = z.object({ report: reportJsonSchema, findings: z.array(FindingSchema) });
const ErrorResponse = z.object({ error: z.string(), message: z.string() });

const TemplateId = z.enum(Object.keys(REPORT_TEMPLATES) as [ReportTemplateId, ...ReportTemplateId[]]).catch('national');
const LintTextBody = z.object({ text: z.string().max(LINT_TEXT_LIMIT_BYTES).optional(), template: z.string().optional() });

function badYear(raw: string): DomainError {
  return new DomainError('BAD_INPUT', `year out of range: ${raw}`, YEAR_MESSAGE, { year: raw });
}

interface LintSubmission {
  template: ReportTemplateId;
  text: string;
  file: { name: string; bytes: Uint8Array } | null;
}

/** Reads the checker form (multipart, or url-encoded when only text is pasted). */
async function readLintSubmission(request: FastifyRequest): Promise<LintSubmission> {
  if (!request.isMultipart()) {
    const body = LintTextBody.safeParse(request.body ?? {});
    if (!body.success) throw new DomainError('TOO_LARGE', 'pasted text too large', `粘贴的内容过长（不超过 ${LINT_TEXT_LIMIT_BYTES / 1024 / 1024} MB）。`);
    return { template: TemplateId.parse(body.data.template), text: body.data.text ?? '', file: null };
  }
  const submission: LintSubmission = { template: 'national', text: '', file: null };
  let tooLarge: DomainError | null = null;
  // Every part is read to the end, even past a limit: answering before the upload is consumed
  // makes browsers show a reset connection instead of our 413 page.
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.file.truncated) tooLarge = new DomainError('TOO_LARGE', 'uploaded file over the limit', `文件过大：请上传不超过 ${LINT_UPLOAD_LIMIT_MB} MB 的报告文件。`);
      else if (part.fieldname === 'file' && part.filename !== '') submission.file = { name: part.filename, bytes: new Uint8Array(bytes) };
    } else if (part.fieldname === 'text') {
      if (part.valueTruncated) tooLarge = new DomainError('TOO_LARGE', 'pasted text too large', `粘贴的内容过长（不超过 ${LINT_TEXT_LIMIT_BYTES / 1024 / 1024} MB）。`);
      else submission.text = String(part.value);
    } else if (part.fieldname === 'template') {
      submission.template = TemplateId.parse(part.value);
    }
  }
  if (tooLarge !== null) throw tooLarge;
  return submission;
}

/** Multipart's own errors (file too large, too many parts) as DomainErrors with Chinese messages. */
function toDomainError(error: unknown): DomainError | undefined {
  if (isDomainError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new DomainError('TOO_LARGE', 'uploaded file over the limit', `文件过大：请上传不超过 ${LINT_UPLOAD_LIMIT_MB} MB 的报告文件。`);
  }
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new DomainError('TOO_LARGE', `multipart limit: ${String(code)}`, '一次只能检查一个文件。');
  }
  if (code === 'FST_MP_PREMATURE_CLOSE' || code === 'FST_PROTO_VIOLATION') {
    return new DomainError('BAD_INPUT', `bad multipart request: ${String(code)}`, '上传没有完成，请重新提交。');
  }
  return undefined;
}

async function lintSubmission(submission: LintSubmission): Promise<{ fileLabel: string; report: AnnualReport; findings: Finding[] }> {
  let input: { name: string; bytes: Uint8Array };
  let fileLabel: string;
  if (submission.file !== null) {
    if (submission.file.bytes.length === 0) throw new DomainError('BAD_INPUT', 'empty upload', `上传的文件“${submission.file.name}”是空的。`);
    input = submission.file;
    fileLabel = `文件：${submission.file.name}`;
  } else if (submission.text.trim() !== '') {
    input = { name: 'pasted.txt', bytes: new TextEncoder().encode(submission.text) };
    fileLabel = '粘贴的文本';
  } else {
    throw new DomainError('BAD_INPUT', 'nothing submitted', '请上传报告文件，或把报告全文粘贴到文本框中。');
  }
  const parsed = await readReportFile(input);
  const findings = [...parsed.findings, ...lintAnnualReport(parsed.report, { template: submission.template, source: parsed.source })];
  return { fileLabel: `${fileLabel} · ${REPORT_TEMPLATES[submission.template].name}`, report: parsed.report, findings };
}

function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

export async function reportRoutes(app: FastifyInstance, options: ReportRoutesOptions): Promise<void> {
  const service = createAnnualReportService({ db: options.db });
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const reportHead = `<style>${REPORT_HTML_STYLE}</style>`;

  if (!app.hasContentTypeParser('multipart/form-data')) {
    await app.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: LINT_UPLOAD_LIMIT_BYTES, files: 1, fields: 10, parts: 12, fieldSize: LINT_TEXT_LIMIT_BYTES } });
  }
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);

  // The portal shows only published reports (published_json, issue 5): a draft is nobody's business yet.

  routes.get(
    '/reports/:agencyCode/:yearAndFormat',
    { schema: { params: ReportPageParams }, attachValidation: true },
    async (request, reply) => {
      if (request.validationError) throw badYear(String((request.params as { yearAndFormat?: unknown }).yearAndFormat));
      const [yearText = '', format] = request.params.yearAndFormat.split('.') as [string, DownloadFormat | undefined];
      const year = Year.safeParse(yearText);
      if (!year.success) throw badYear(yearText);
      const { agency, report, findings } = await service.getPublishedReport(request.params.agencyCode, year.data);

      if (format !== undefined) {
        try {
          const file = await renderReportFile(report, format, agency.code, year.data);
          return reply.headers(file.headers).send(file.body);
        } catch (error) {
          if (!(error instanceof PdfConverterMissingError)) throw error;
          return sendHtml(reply, renderErrorPage('暂时无法生成 PDF', PDF_UNAVAILABLE_MESSAGE), 503);
        }
      }
      const title = reportTitle(report);
      const base = `/reports/${encodeURIComponent(agency.code)}/${year.data}`;
      const { errors, warnings } = countBySeverity(findings);
      return sendHtml(
        reply,
        renderReportPage({
          title,
          agencyName: agency.name,
          year: year.data,
          reportHtml: renderReportHtml(report, { findings, title }),
          head: reportHead,
          downloads: DOWNLOAD_FORMATS.map((f) => ({ href: `${base}.${f}`, label: REPORT_FILE_FORMATS[f].label })),
          errors,
          warnings,
        }),
      );
    },
  );

  routes.get(
    '/api/agencies/:agencyCode/reports/:year',
    { schema: { params: ReportApiParams, response: { 200: ReportApiResponse, 400: ErrorResponse, 404: ErrorResponse } }, attachValidation: true },
    async (request) => {
      if (request.validationError) throw badYear(String((request.params as { year?: unknown }).year));
      const { report, findings } = await service.getPublishedReport(request.params.agencyCode, request.params.year);
      return { report: toReportJson(report), findings };
    },
  );

  routes.get('/tools/lint', async (_request, reply) => sendHtml(reply, renderLintToolPage({ template: 'national' })));

  routes.post('/tools/lint', async (request, reply) => {
    let submission: LintSubmission = { template: 'national', text: '', file: null };
    try {
      submission = await readLintSubmission(request);
      const { fileLabel, report, findings } = await lintSubmission(submission);
      const title = report.agencyName !== null || report.year !== null ? reportTitle(report) : '未识别机关和年度的报告';
      const { errors, warnings } = countBySeverity(findings);
      return sendHtml(
        reply,
        renderLintToolPage({
          template: submission.template,
          head: reportHead,
          result: { fileLabel, reportTitle: title, reportHtml: renderReportHtml(report, { findings, title }), errors, warnings },
        }),
      );
    } catch (error) {
      const known = toDomainError(error);
      if (known === undefined) throw error;
      request.log.info({ errorCode: known.code, reason: known.message }, 'report check refused');
      // Keep what was pasted so the user can fix it; an uploaded file cannot be put back.
      const text = submission.file === null ? submission.text : '';
      return sendHtml(reply, renderLintToolPage({ template: submission.template, text, error: known.userMessage }), HTTP_STATUS_BY_ERROR_CODE[known.code]);
    }
  });
}
