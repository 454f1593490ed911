// 主动公开设置 JSON API: 统一社会信用代码 and 索引号 rule, review chain, 保密审查 checklist, the
// 目录 (第二十条、第二十一条), the 指南 (第十二条) with its versions, sensitive words and 错敏词,
// and the history of changes. All need a session: reading a role in the agency, changing
// settings.edit (分管领导、系统管理员; checked by the service against the permission table).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DISCLOSURE_GUIDE_LABELS } from '../../domain/publication/disclosure-guide.ts';
import type { DisclosureGuide } from '../../domain/publication/disclosure-guide.ts';
import type { StaffAccess } from '../accounts/staff-access.ts';
import { STAFF_SECURITY } from '../accounts/staff-access.ts';
import { ErrorResponse } from '../applications/application.routes.ts';
import type { DisclosureSettingsService } from './disclosure-settings.service.ts';
import { MAX_CATALOGUE_NODES, MAX_HISTORY_PAGE_SIZE, MAX_REVIEW_STEPS } from './disclosure-settings.service.ts';
import { FIELD_REASONS, createRequestCheck } from '../request-check.ts';

export interface DisclosureSettingsRoutesOptions {
  service: DisclosureSettingsService;
  access: StaffAccess;
}

const TAG = '主动公开设置';
const AgencyCode = z.string().min(1).max(64);
const ScreeningTermKind = z.enum(['sensitive_word', 'wrong_term']);

const GUIDE_KEYS = Object.keys(DISCLOSURE_GUIDE_LABELS) as (keyof DisclosureGuide)[];

const FIELD_LABELS: Record<string, string> = {
  agencyCode: '机关代码',
  id: '词条编号',
  creditCode: '统一社会信用代码',
  indexNumberPattern: '索引号规则',
  reviewChain: '审核流程',
  'reviewChain.role': '审核步骤的角色代码',
  'reviewChain.label': '审核步骤的名称',
  checklist: '保密审查清单',
  'checklist.id': '保密审查问题的编号',
  'checklist.question': '保密审查问题',
  nodes: '目录',
  'nodes.code': '目录项代码',
  'nodes.parentCode': '上级目录项代码',
  'nodes.name': '目录项名称',
  'nodes.basis': '目录项依据',
  'nodes.position': '目录项排列顺序',
  'nodes.active': '目录项是否启用',
  fields: '指南内容',
  ...Object.fromEntries(GUIDE_KEYS.map((key) => [`fields.${key}`, `指南的“${DISCLOSURE_GUIDE_LABELS[key]}”`])),
  expectedVersion: '版本号',
  kind: '词条类型',
  term: '词语',
  correction: '正确写法',
  note: '备注',
  limit: '每页条数',
  offset: '起始位置',
};

/** A Chinese 400 naming this API's field, and which item of a list. */
const checkSettingsRequest = createRequestCheck({ labels: FIELD_LABELS, reasons: { ...FIELD_REASONS, too_big: '过长或过多' }, itemIndex: true });

// ---------------------------------------------------------------- schemas

const ReviewStepSchema = z.object({ role: z.string().max(64), label: z.string().max(50) });
const ChecklistQuestionSchema = z.object({ id: z.string().max(100), question: z.string().max(2000) });

const SettingsBody = z.object({
  creditCode: z.string().max(40).nullable().optional().describe('统一社会信用代码（GB 32100）；null 或空串为清除'),
  indexNumberPattern: z.string().max(200).nullable().optional().describe('索引号规则，如 {creditCode}/{year}-{seq:5}；null 为恢复默认'),
  reviewChain: z.array(ReviewStepSchema).max(50).nullable().optional().describe(`审核流程，1至${MAX_REVIEW_STEPS}步；null 为恢复默认（信息员 → 科长 → 分管领导）`),
  checklist: z.array(ChecklistQuestionSchema).max(100).nullable().optional().describe('保密审查清单；null 为恢复默认'),
});

const SettingsResponse = z.object({
  agencyCode: z.string(),
  creditCode: z.string().nullable(),
  indexNumberPattern: z.string(),
  reviewChain: z.array(z.object({ role: z.string(), label: z.string() })),
  checklist: z.array(z.object({ id: z.string(), question: z.string() })),
  usesDefault: z.object({ indexNumberPattern: z.boolean(), reviewChain: z.boolean(), checklist: z.boolean() }),
  updatedBy: z.string().nullable(),
  warnings: z.array(z.string()),
});

const CatalogueNodeBody = z.object({
  code: z.string().min(1).max(64),
  parentCode: z.string().max(64).nullable().optional(),
  name: z.string().max(200),
  basis: z.string().max(200).optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
  active: z.boolean().optional(),
});
const CatalogueBody = z.object({ nodes: z.array(CatalogueNodeBody).max(MAX_CATALOGUE_NODES) });
const CatalogueResponse = z.object({
  level: z.string(),
  isDefault: z.boolean(),
  nodes: z.array(
    z.object({ code: z.string(), parentCode: z.string().nullable(), name: z.string(), basis: z.string(), position: z.number().int(), active: z.boolean(), itemCount: z.number().int() }),
  ),
});

const GuideFieldsBody = z.object(Object.fromEntries(GUIDE_KEYS.map((key) => [key, z.string().max(5000).optional()])) as Record<keyof DisclosureGuide, z.ZodOptional<z.ZodString>>);
const GuideFieldsResponse = z.object(Object.fromEntries(GUIDE_KEYS.map((key) => [key, z.string()])) as Record<keyof DisclosureGuide, z.ZodString>);
const GuideBody = z.object({
  fields: GuideFieldsBody,
  expectedVersion: z.number().int().min(0).optional().describe('所见的版本号（尚无指南时为0）；给出时若指南已被他人更新则答复409'),
});
const GuideResponse = z.object({ version: z.number().int().nullable(), fields: GuideFieldsResponse.nullable(), createdBy: z.string().nullable(), createdAt: z.string().nullable() });
const GuideVersionsResponse = z.object({ versions: z.array(z.object({ version: z.number().int(), fields: GuideFieldsResponse, createdBy: z.string(), createdAt: z.string() })) });

const ScreeningTermBody = z.object({
  kind: ScreeningTermKind,
  term: z.string().max(200),
  correction: z.string().max(200).nullable().optional(),
  note: z.string().max(1000).nullable().optional(),
});
const ScreeningTermResponse = z.object({ id: z.number().int(), kind: ScreeningTermKind, term: z.string(), correction: z.string().nullable(), note: z.string() });
const ScreeningTermsResponse = z.object({
  terms: z.array(ScreeningTermResponse),
  builtInTerms: z.array(z.object({ kind: ScreeningTermKind, term: z.string(), correction: z.string().nullable() })),
});

const HistoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_HISTORY_PAGE_SIZE).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
const HistoryResponse = z.object({
  entries: z.array(z.object({ id: z.number().int(), actor: z.string(), kind: z.string(), label: z.string(), at: z.string(), detail: z.record(z.string(), z.unknown()) })),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export async function disclosureSettingsRoutes(app: FastifyInstance, options: DisclosureSettingsRoutesOptions): Promise<void> {
  const { service, access } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const agencyParams = z.object({ agencyCode: AgencyCode });

  api.get(
    '/api/agencies/:agencyCode/disclosure-settings',
    {
      attachValidation: true,
      schema: { summary: '本机关的主动公开设置：统一社会信用代码、索引号规则、审核流程、保密审查清单', tags: [TAG], params: agencyParams, security: STAFF_SECURITY, response: { 200: SettingsResponse, ...errors } },
    },
    async (request) => {
      checkSettingsRequest(request);
      await access.inAgency(request, request.params.agencyCode);
      return service.getSettings(request.params.agencyCode);
    },
  );

  api.put(
    '/api/agencies/:agencyCode/disclosure-settings',
    {
      attachValidation: true,
      schema: {
        summary: '修改主动公开设置（只改给出的项；null 为恢复默认；须管理员或分管领导）',
        tags: [TAG],
        params: agencyParams, security: STAFF_SECURITY,
        body: SettingsBody,
        response: { 200: SettingsResponse, ...errors },
      },
    },
    async (request) => {
      checkSettingsRequest(request);
      return service.updateSettings(request.params.agencyCode, request.body, await access.inAgency(request, request.params.agencyCode));
    },
  );

  api.get(
    '/api/agencies/:agencyCode/disclosure-settings/history',
    {
      attachValidation: true,
      schema: {
        summary: '主动公开设置的修改记录（谁、何时、改了什么；由新到旧）',
        tags: [TAG],
        params: agencyParams, security: STAFF_SECURITY,
        querystring: HistoryQuery,
        response: { 200: HistoryResponse, ...errors },
      },
    },
    async (request) => {
      checkSettingsRequest(request);
      await access.inAgency(request, request.params.agencyCode);
      return service.listHistory(request.params.agencyCode, {
        ...(request.query.limit === undefined ? {} : { limit: request.query.limit }),
        ...(request.query.offset === undefined ? {} : { offset: request.query.offset }),
      });
    },
  );

  api.get(
    '/api/agencies/:agencyCode/catalogue',
    {
      attachValidation: true,
      schema: {
        summary: '政府信息公开目录（未编辑时为按机关层级的默认目录：条例第二十条十五项及第二十一条地方事项）',
        tags: [TAG],
        params: agencyParams, security: STAFF_SECURITY,
        response: { 200: CatalogueResponse, ...errors },
      },
    },
    async (request) => {
      checkSettingsRequest(request);
      await access.inAgency(request, request.params.agencyCode);
      return service.getCatalogue(request.params.agencyCode);
    },
  );

  api.put(
    '/api/agencies/:agencyCode/catalogue',
    {
      attachValidation: true,
      schema: {
        summary: '保存政府信息公开目录（整棵树；已有信息的目录项不能删除，只能停用；须管理员或分管领导）',
        tags: [TAG],
        params: agencyParams, security: STAFF_SECURITY,
        body: CatalogueBody,
        response: { 200: CatalogueResponse, ...errors },
      },
    },
    async (request) => {
      checkSettingsRequest(request);
      const nodes = request.body.nodes.map((node, index) => ({
        code: node.code,
        parentCode: node.parentCode ?? null,
        name: node.name,
        basis: node.basis ?? '',
        position: node.position ?? index,
        active: node.active ?? true,
      }));
      return service.replaceCatalogue(request.params.agencyCode, nodes, await access.inAgency(request, request.params.agencyCode));
    },
  );

  api.get(
    '/api/agencies/:agencyCode/guide',
    {
      attachValidation: true,
      schema: { summary: '政府信息公开指南的现行版本（条例第十二条）', tags: [TAG], params: agencyParams, security: STAFF_SECURITY, response: { 200: GuideResponse, ...errors } },
    },
    async (request) => {
      checkSettingsRequest(request);
      await access.inAgency(request, request.params.agencyCode);
      return service.getGuide(request.params.agencyCode);
    },
  );

  api.put(
    '/api/agencies/:agencyCode/guide',
    {
      attachValidation: true,
      schema: {
        summary: '保存政府信息公开指南的新版本（旧版本均保留；须管理员或分管领导）',
        tags: [TAG],
        params: agencyParams, security: STAFF_SECURITY,
        body: GuideBody,
        response: { 200: GuideResponse, ...errors },
      },
    },
    async (request) => {
      checkSettingsRequest(request);
      return service.saveGuide(request.params.agencyCode, request.body.fields, await access.inAgency(request, request.params.agencyCode), request.body.expectedVersion);
    },
  );

  api.get(
    '/api/agencies/:agencyCode/guide/versions',
    {
      attachValidation: true,
      schema: { summary: '政府信息公开指南的历次版本（由旧到新）', tags: [TAG], params: agencyParams, security: STAFF_SECURITY, response: { 200: GuideVersionsResponse, ...errors } },
    },
    async (request) => {
      checkSettingsRequest(request);
      await access.inAgency(request, request.params.agencyCode);
      return { versions: await service.listGuideVersions(request.params.agencyCode) };
    },
  );

  api.get(
    '/api/agencies/:agencyCode/screening-terms',
    {
      attachValidation: true,
      schema: { summary: '本机关的敏感词和错敏词，及平台内置的错敏词', tags: [TAG], params: agencyParams, security: STAFF_SECURITY, response: { 200: ScreeningTermsResponse, ...errors } },
    },
    async (request) => {
      checkSettingsRequest(request);
      await access.inAgency(request, request.params.agencyCode);
      return service.listScreeningTerms(request.params.agencyCode);
    },
  );

  api.post(
    '/api/agencies/:agencyCode/screening-terms',
    {
      attachValidation: true,
      schema: {
        summary: '添加敏感词或错敏词（错敏词须给出正确写法；须管理员或分管领导）',
        tags: [TAG],
        params: agencyParams, security: STAFF_SECURITY,
        body: ScreeningTermBody,
        response: { 201: ScreeningTermResponse, ...errors },
      },
    },
    async (request, reply) => {
      checkSettingsRequest(request);
      return reply.code(201).send(await service.addScreeningTerm(request.params.agencyCode, request.body, await access.inAgency(request, request.params.agencyCode)));
    },
  );

  api.delete(
    '/api/agencies/:agencyCode/screening-terms/:id',
    {
      attachValidation: true,
      schema: {
        summary: '删除敏感词或错敏词（须管理员或分管领导）',
        tags: [TAG],
        params: z.object({ agencyCode: AgencyCode, id: z.coerce.number().int().min(1) }),
        security: STAFF_SECURITY,
        response: { 200: ScreeningTermResponse, ...errors },
      },
    },
    async (request) => {
      checkSettingsRequest(request);
      return service.removeScreeningTerm(request.params.agencyCode, request.params.id, await access.inAgency(request, request.params.agencyCode));
    },
  );
}
