// The audit trail over HTTP (issue 5): the console lists an agency's entries, 审计员 export them
// (CSV or JSON lines, every hash included so the chain can be checked from the file alone), and
// anyone who may read the trail checks the hash chains: one per agency, one for the platform.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { can, requirePermission } from '../../domain/account/permissions.ts';
import { CASE_EVENT_LABELS } from '../../domain/application/case-events.ts';
import { PUBLICATION_EVENT_LABELS } from '../../domain/publication/publication.ts';
import type { StaffAccess } from '../accounts/staff-access.ts';
import { STAFF_SECURITY } from '../accounts/staff-access.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { checkRequest, ErrorResponse } from '../applications/application.routes.ts';
import type { Database } from '../db/database.ts';
import { contentDisposition } from '../reports/content-disposition.ts';
import type { AuditFilters, ListedAuditEntry } from './audit.repository.ts';
import { chinaDayEnd, chinaDayStart, exportAuditEntries, listAuditEntries, verifyAuditTrail } from './audit.repository.ts';

export interface AuditRoutesOptions {
  db: Kysely<Database>;
  access: StaffAccess;
}

/** Exact action codes first, then the part before the dot; an unknown action shows its code. */
const EXACT_LABELS: Record<string, string> = {
  'application.read': '查看申请',
  'application.idProofRead': '查看申请人身份证明',
  'agency.created': '新增机关',
  'agency.moved': '调整机关隶属关系',
  'agency.renamed': '修改机关名称',
  'supervision.deadlineSet': '设定年度报告公布期限',
  'supervision.reportImported': '导入未上平台机关的年度报告',
  'user.login': '登录',
  'user.loginFailed': '登录失败',
  'user.locked': '账号锁定',
  'user.logout': '退出登录',
  'user.passwordChanged': '修改密码',
  'user.passwordReset': '重置密码',
  'user.totpEnabled': '启用动态口令',
  'user.totpDisabled': '停用动态口令',
  'user.created': '创建用户',
  'user.rolesChanged': '修改用户角色',
  'user.disabled': '停用用户',
  'user.enabled': '启用用户',
  'application.event': '办理申请',
  'review.filed': '登记复议诉讼案件',
  'review.concluded': '登记复议诉讼结果',
  'notice.templateChanged': '修改告知书模板',
  'notice.download': '下载告知书',
  'figures.changed': '填报年度统计数',
  'report.read': '查看年度报告',
  'report.editText': '修改年度报告文字部分',
  'report.submit': '提交年度报告审核',
  'report.return': '退回年度报告修改',
  'report.finalize': '年度报告定稿',
  'report.publish': '发布年度报告',
  'report.unlock': '解除年度报告定稿锁定',
  'publication.read': '查看主动公开信息',
  'calendar.loaded': '导入节假日安排',
};
const PREFIX_LABELS: Record<string, Record<string, string>> = {
  application: CASE_EVENT_LABELS,
  publication: PUBLICATION_EVENT_LABELS,
};
const PREFIX_FALLBACK: Record<string, string> = {
  application: '办理申请',
  publication: '办理主动公开信息',
  settings: '修改设置',
  user: '账号操作',
  calendar: '导入节假日安排',
  figures: '填报年度统计数',
  notice: '告知书',
  review: '复议诉讼',
  report: '年度报告',
};

export function auditActionLabel(action: string): string {
  const exact = EXACT_LABELS[action];
  if (exact !== undefined) return exact;
  const dot = action.indexOf('.');
  if (dot < 0) return action;
  const prefix = action.slice(0, dot);
  return PREFIX_LABELS[prefix]?.[action.slice(dot + 1)] ?? PREFIX_FALLBACK[prefix] ?? action;
}

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const AgencyParams = z.object({ agencyCode: z.string().min(1).max(64) });
const FilterQuery = z.object({
  actor: z.string().trim().min(1).max(64).optional(),
  action: z.string().trim().min(1).max(100).optional(),
  from: Day.optional(),
  to: Day.optional(),
});
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

const EntryResponse = z.object({
  /** The chain: the agency's id, or 0 for the platform's (and the entries written before the split). */
  chainId: z.number().int(),
  seq: z.number().int(),
  /** The entry's agency, null for platform-wide entries. */
  agencyCode: z.string().nullable(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  subject: z.string(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  hash: z.string(),
});
const Finding = z.object({ chainId: z.number().int(), kind: z.string(), seq: z.number().int(), toSeq: z.number().int().optional(), message: z.string() });
const VerifyResponse = z.object({
  /** Entries read, all chains together. */
  count: z.number().int(),
  chains: z.array(
    z.object({
      chainId: z.number().int(),
      /** null: the platform's chain. */
      agencyCode: z.string().nullable(),
      agencyName: z.string().nullable(),
      count: z.number().int(),
      lastSeq: z.number().int().nullable(),
      lastHash: z.string().nullable(),
      findings: z.array(Finding),
    }),
  ),
  findings: z.array(Finding),
});

function toEntryResponse(entry: ListedAuditEntry) {
  return { chainId: entry.chainId, seq: entry.seq, agencyCode: entry.agencyCode, at: entry.at, actor: entry.actor, action: entry.action, actionLabel: auditActionLabel(entry.action), subject: entry.subject, detail: entry.detail, hash: entry.hash };
}

/** The query's days in China turned into the stored UTC instants (to is inclusive). */
function filtersOf(agencyId: number, query: z.infer<typeof FilterQuery>): AuditFilters {
  return {
    agencyId,
    ...(query.actor === undefined ? {} : { actor: query.actor }),
    ...(query.action === undefined ? {} : { action: query.action }),
    ...(query.from === undefined ? {} : { from: chinaDayStart(query.from) }),
    ...(query.to === undefined ? {} : { to: chinaDayEnd(query.to) }),
  };
}

export async function auditRoutes(app: FastifyInstance, options: AuditRoutesOptions): Promise<void> {
  const { db, access } = options;
  const agencies = createAgenciesRepository(db);
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/agencies/:agencyCode/audit',
    {
      attachValidation: true,
      schema: {
        summary: '审计记录列表（本机关，新的在前）',
        tags: ['审计'],
        security: STAFF_SECURITY,
        params: AgencyParams,
        querystring: FilterQuery.extend({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }),
        response: { 200: z.object({ total: z.number().int(), entries: z.array(EntryResponse) }), ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      await access.inAgency(request, request.params.agencyCode, { action: 'audit.read' });
      const agency = await agencies.getAgencyByCode(request.params.agencyCode);
      const page = await listAuditEntries(db, { ...filtersOf(agency.id, request.query), limit: request.query.limit, offset: request.query.offset });
      return { total: page.total, entries: page.entries.map(toEntryResponse) };
    },
  );

  api.get(
    '/api/agencies/:agencyCode/audit/export',
    {
      attachValidation: true,
      schema: {
        summary: '导出审计记录（CSV 或 JSON Lines，含哈希）',
        tags: ['审计'],
        security: STAFF_SECURITY,
        params: AgencyParams,
        querystring: FilterQuery.extend({ format: z.enum(['csv', 'jsonl']).default('csv') }),
        // 200 is the file, streamed as it is read (Fastify does not serialize a stream).
        response: { 200: z.unknown().describe('CSV（UTF-8，带 BOM）或 JSON Lines 文件'), ...errors },
      },
    },
    async (request, reply) => {
      checkRequest(request);
      await access.inAgency(request, request.params.agencyCode, { action: 'audit.export' });
      const agency = await agencies.getAgencyByCode(request.params.agencyCode);
      const format = request.query.format;
      const lines = exportAuditEntries(db, filtersOf(agency.id, request.query), format);
      // The first read happens here, so a failing query is answered as an error before the file starts.
      const first = await lines.next();
      async function* all(): AsyncGenerator<string> {
        if (first.done !== true) yield first.value;
        yield* lines;
      }
      reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', contentDisposition(`${agency.name}审计记录.${format}`, `${agency.code}-audit.${format}`));
      return reply.send(Readable.from(all()));
    },
  );

  api.get(
    '/api/audit/verify',
    { schema: { summary: '校验审计记录哈希链（各机关的链和全平台链，逐链报告）', tags: ['审计'], security: STAFF_SECURITY, response: { 200: VerifyResponse, ...errors } } },
    async (request) => {
      const { actorRoles, session } = await access.anyAgency(request);
      requirePermission(actorRoles, 'audit.read');
      // Only the chains of agencies where the user may read the trail: another agency's chain,
      // even its count, is that agency's data. The platform's chain goes to auditors of a top agency.
      const agencies = createAgenciesRepository(db);
      const chainIds: number[] = [];
      for (const [code, roles] of Object.entries(session.rolesByAgency)) {
        if (!can(roles, 'audit.read')) continue;
        const agency = await agencies.getAgencyByCode(code);
        chainIds.push(agency.id);
        if (agency.parentId === null) chainIds.push(0);
      }
      return verifyAuditTrail(db, { chainIds });
    },
  );
}
