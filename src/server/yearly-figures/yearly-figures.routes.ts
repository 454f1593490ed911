// Table 二 第二十条第（五）（六）（八）项 over HTTP: read an agency's yearly figures, set one year's.
// Writing needs role admin, leader or clerk (信息员 compile the report; temporary headers
// x-gongkai-user / x-gongkai-roles, see application.routes.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/domain-error.ts';
import { ActorHeaders, ErrorResponse, actorOf } from '../applications/application.routes.ts';
import type { FiguresField } from './check-yearly-figures.ts';
import { FEE_AMOUNT, FIGURES_FIELD_LABELS, MAX_FIGURES_YEAR, MIN_FIGURES_YEAR } from './check-yearly-figures.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { createYearlyFiguresService } from './yearly-figures.service.ts';

export const YEARLY_FIGURES_ROLES = ['admin', 'leader', 'clerk'] as const;

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
const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

const LABELS: Record<string, string> = {
  ...FIGURES_FIELD_LABELS,
  agencyCode: '机关代码',
  'x-gongkai-user': '操作人（请求头 x-gongkai-user）',
  'x-gongkai-roles': '角色（请求头 x-gongkai-roles）',
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

export async function yearlyFiguresRoutes(app: FastifyInstance, options: { db: Kysely<Database> }): Promise<void> {
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
        response: { 200: z.object({ agencyCode: z.string(), figures: z.array(FiguresResponse) }), ...errors },
      },
    },
    async (request) => {
      checkFiguresRequest(request);
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
        description: '角色 admin、leader 或 clerk。金额以文本给出，单位万元，最多4位小数。每次修改记入设置变更记录（disclosure_settings_history，kind yearly_figures）。',
        tags: ['年度报告'],
        params: YearParams,
        headers: ActorHeaders,
        body: FiguresBody,
        response: { 200: FiguresResponse, ...errors },
      },
    },
    async (request) => {
      checkFiguresRequest(request);
      const { actor, actorRoles } = actorOf(request);
      if (!actorRoles.some((role) => (YEARLY_FIGURES_ROLES as readonly string[]).includes(role))) {
        throw new DomainError('FORBIDDEN', `${actor} lacks a role among ${YEARLY_FIGURES_ROLES.join(', ')}`, '只有信息员（clerk）、分管领导（leader）或系统管理员（admin）可以填写年度数字。', { field: 'x-gongkai-roles' });
      }
      const body: Omit<Record<FiguresField, unknown>, 'year'> = request.body;
      return service.putYearlyFigures(request.params.agencyCode, request.params.year, body, actor);
    },
  );
}
