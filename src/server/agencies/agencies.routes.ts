// The agency tree over HTTP (issue 7): /api/agencies — list the trees the user administers,
// create an agency under a parent, rename it or change its level, move it under another parent.
// The service decides who may (agency.manage in the tree's root agency).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/domain-error.ts';
import type { StaffAccess } from '../accounts/staff-access.ts';
import { STAFF_SECURITY } from '../accounts/staff-access.ts';
import { ErrorResponse } from '../applications/application.routes.ts';
import { createRequestCheck } from '../request-check.ts';
import type { AgencyActor, AgenciesService } from './agencies.service.ts';
import { AGENCY_LEVELS } from './agency-rules.ts';

export interface AgencyRoutesOptions {
  service: AgenciesService;
  access: StaffAccess;
}

const Code = z.string().min(1).max(64);
const AgencyEntry = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  levelLabel: z.string(),
  parentCode: z.string().nullable(),
  rootCode: z.string(),
  depth: z.number().int(),
  external: z.boolean(),
});
const ListResponse = z.object({ agencies: z.array(AgencyEntry), levels: z.array(z.object({ code: z.string(), label: z.string() })) });
const CreateBody = z.object({ code: Code, name: z.string().min(1).max(200), level: z.string().min(1).max(32), parentCode: Code.nullish(), external: z.boolean().optional() });
const PatchBody = z.object({ name: z.string().min(1).max(200).optional(), level: z.string().min(1).max(32).optional(), parentCode: Code.nullable().optional() });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

const checkRequest = createRequestCheck({
  labels: { code: '机关代码', name: '机关名称', level: '机关层级', parentCode: '上级机关代码', external: '是否未上平台', agencyCode: '机关代码' },
  showPath: false,
});

export async function agencyRoutes(app: FastifyInstance, options: AgencyRoutesOptions): Promise<void> {
  const { service, access } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['机关'];
  const actorOf = async (request: FastifyRequest): Promise<AgencyActor> => {
    const session = await access.session(request);
    return { kind: 'user', login: session.user.login, rolesByAgency: session.rolesByAgency };
  };
  const levels = AGENCY_LEVELS.map((l) => ({ code: l.code, label: l.label }));

  api.get(
    '/api/agencies',
    { attachValidation: true, schema: { summary: '本人管理的机关树（须为最上级机关的系统管理员），按树的顺序', tags, security: STAFF_SECURITY, response: { 200: ListResponse, ...errors } } },
    async (request) => {
      checkRequest(request);
      return { agencies: await service.list(await actorOf(request)), levels };
    },
  );

  api.post(
    '/api/agencies',
    { attachValidation: true, schema: { summary: '在上级机关之下新建机关（代码不能是门户保留路径）', tags, body: CreateBody, security: STAFF_SECURITY, response: { 201: AgencyEntry, ...errors } } },
    async (request, reply) => {
      checkRequest(request);
      const body = request.body;
      const created = await service.create(
        { code: body.code, name: body.name, level: body.level, parentCode: body.parentCode ?? null, ...(body.external === undefined ? {} : { external: body.external }) },
        await actorOf(request),
      );
      return reply.code(201).send(created);
    },
  );

  api.patch(
    '/api/agencies/:agencyCode',
    {
      attachValidation: true,
      schema: {
        summary: '修改机关名称或层级；给出 parentCode 时移到该上级机关之下（null 为最上级）',
        tags,
        params: z.object({ agencyCode: Code }),
        body: PatchBody,
        security: STAFF_SECURITY,
        response: { 200: AgencyEntry, ...errors },
      },
    },
    async (request) => {
      checkRequest(request);
      const by = await actorOf(request);
      const { name, level, parentCode } = request.body;
      if (name === undefined && level === undefined && parentCode === undefined) {
        throw new DomainError('BAD_INPUT', 'nothing to change', '请给出要修改的机关名称（name）、层级（level）或上级机关（parentCode）。');
      }
      let entry = null;
      if (name !== undefined || level !== undefined) entry = await service.update(request.params.agencyCode, { ...(name === undefined ? {} : { name }), ...(level === undefined ? {} : { level }) }, by);
      if (parentCode !== undefined) entry = await service.move(request.params.agencyCode, parentCode, by);
      if (entry === null) throw new Error('unreachable: nothing changed');
      return entry;
    },
  );
}
