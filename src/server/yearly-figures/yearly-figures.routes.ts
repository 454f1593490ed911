// Table 二 第二十条第（五）（六）（八）项 over HTTP: read an agency's yearly figures, set one year's.
// Both need a session with a role in the agency: reading needs report.read, writing figures.edit
// (信息员、科长 compile the report; checked by the service against the permission table).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/domain-error.ts';
import type { StaffAccess } from '../accounts/staff-access.ts';
import { STAFF_SECURITY } from '../accounts/staff-access.ts';
import { ErrorResponse } from '../applications/application.routes.ts';
import type { FiguresField } from './check-yearly-figures.ts';
import { FEE_AMOUNT, FIGURES_FIELD_LABELS, MAX_FIGURES_YEAR, MIN_FIGURES_YEAR } from './check-yearly-figures.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { createYearlyFiguresService } from './yearly-figures.service.ts';

const Count = z.number().int().min(0).max(2_147_483_647);
const FiguresBody = z.object({
  licensing: Count.describe('行政许可决定数'),
  penalty: Count.describe('行政处罚决定数'),
  enforcement: Count.describe('行政强制决定数'),
  administrativeFees: z.string().trim().regex(FEE_AMOUNT).describe('行政事业性收费金额，万元，最多4位小数，如 "12.5000"'),
});
const FiguresResponse = z.object({ year: z.number().int(), licensing: z.number().int(), penalty: z.number().int(), enforcement: z.number().int(), administrativeFees: z.string() });
const Params = z.object({ agencyCode: z.string().min(1).max(64) });
const YearParams = Params.extend({ year: z.coerce.number().int().min(MIN_FIGURES_YEAR).max(MAX_FIGURES_YEAR) });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

const LABELS: Record<string, string> = {
  ...FIGURES_FIELD_LABELS,
  agencyCode: '机关代码',
};
const REASONS: Record<string, string> = {
  invalid_type: '缺少或类型不正确（决定数为整数，金额为文本，如 "12.5000"）',
  invalid_format: '格式不正确（金额单位万元，不小于 0，最多 4 位小数）',
  too_small: '不能小于 0',
  too_big: '过大',
};

/** A failed schema check as a Chinese 400 naming the field. */
function checkFiguresRequest(request: FastifyRequest): void {
  const error = request.validationError as (Error & { validation?: { instancePath?: string; keyword?: string }[] }) | undefined;
  if (error === undefined || error === null) return;
  const issue = error.validation?.[0];
  const path = (issue?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const label = LABELS[path] ?? (path === '' ? '请求内容' : path);
  const reason = path === 'year' ? `应为 ${MIN_FIGURES_YEAR} 至 ${MAX_FIGURES_YEAR} 之间的年份` : (REASONS[issue?.keyword ?? ''] ?? '不符合要求');
  throw new DomainError('BAD_INPUT', `yearly figures request ${path}: ${error.message}`, `${label}${reason}`, { field: path });
}

export async function yearlyFiguresRoutes(app: FastifyInstance, options: { db: Kysely<Database>; access: StaffAccess }): Promise<void> {
  const { access } = options;
  const service = createYearlyFiguresService({ db: options.db });
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/agencies/:agencyCode/yearly-figures',
    {
      attachValidation: true,
      schema: {
        summary: '本机关各年度的行政许可、行政处罚、行政强制决定数和行政事业性收费金额（年度报告表二）',
        tags: ['年度报告'],
        params: Params,
        security: STAFF_SECURITY,
        response: { 200: z.object({ agencyCode: z.string(), figures: z.array(FiguresResponse) }), ...errors },
      },
    },
    async (request) => {
      checkFiguresRequest(request);
      await access.inAgency(request, request.params.agencyCode, { action: 'report.read' });
      const { agency, figures } = await service.listYearlyFigures(request.params.agencyCode);
      return { agencyCode: agency.code, figures };
    },
  );

  api.put(
    '/api/agencies/:agencyCode/yearly-figures/:year',
    {
      attachValidation: true,
      schema: {
        summary: '填写或修改某一年度的行政许可、行政处罚、行政强制决定数和行政事业性收费金额（万元）',
        description: '须登录，且在本机关有“填报年度报告统计数”的权限（信息员、科长）。金额以文本给出，单位万元，最多4位小数。每次修改记入设置变更记录（disclosure_settings_history，kind yearly_figures）。',
        tags: ['年度报告'],
        params: YearParams,
        security: STAFF_SECURITY,
        body: FiguresBody,
        response: { 200: FiguresResponse, ...errors },
      },
    },
    async (request) => {
      checkFiguresRequest(request);
      const { actor, actorRoles } = await access.inAgency(request, request.params.agencyCode);
      const body: Omit<Record<FiguresField, unknown>, 'year'> = request.body;
      return service.putYearlyFigures(request.params.agencyCode, request.params.year, body, actor, actorRoles);
    },
  );
}
