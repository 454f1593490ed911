// Accounts over HTTP: sign in (password, then TOTP when enrolled), sign out, change password,
// who am I, TOTP enrolment, and the administrators' user list, creation, roles and resets.
// The session token travels in the HttpOnly, SameSite=Strict cookie gongkai_session (browsers)
// or as Authorization: Bearer <token> (scripts); the server keeps only its sha256.
// Every route declares zod schemas; invalid requests get a Chinese 400 naming the field.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLE_CODES } from '../../domain/account/roles.ts';
import type { Role } from '../../domain/account/roles.ts';
import { SESSION_POLICY } from '../../domain/account/session-policy.ts';
import { DomainError } from '../../domain/domain-error.ts';
import type { Database } from '../db/database.ts';
import type { AccountsActor, AccountsService, AuthenticatedSession, LoginResult, UserSummary } from './accounts.service.ts';
import { actionsByAgency } from './accounts.service.ts';
import { FIELD_REASONS, createRequestCheck } from '../request-check.ts';

export const SESSION_COOKIE = 'gongkai_session';

export interface AccountRoutesOptions {
  service: AccountsService;
  /** The clock; default the real one (tests pass a fixed time). */
  now?: () => Date;
  /** Add Secure to the cookie (default true; browsers accept it on http://localhost too). */
  secureCookie?: boolean;
  /** Where /api/auth/me reads the agencies' names; without it the names are the codes. */
  db?: Kysely<Database>;
}

const TOKEN_PATTERN = /^[0-9a-f]{64}$/;

/** The session token of a request: the cookie first, then Authorization: Bearer. */
export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const cookies = String(request.headers.cookie ?? '').split(';');
  for (const cookie of cookies) {
    const [name, ...value] = cookie.trim().split('=');
    if (name === SESSION_COOKIE && TOKEN_PATTERN.test(value.join('='))) return value.join('=');
  }
  const match = /^Bearer\s+([0-9a-f]{64})\s*$/i.exec(String(request.headers.authorization ?? ''));
  return match?.[1]?.toLowerCase();
}

function notSignedIn(): DomainError {
  return new DomainError('FORBIDDEN', 'No session token', '请先登录。', { httpStatus: 401, reason: 'none' });
}

/**
 * The signed-in user, refused when not signed in, expired, or still holding an initial
 * password. Staff routes use it through staff-access.ts (roles per agency).
 */
export function createSessionGuard(service: AccountsService, now: () => Date = () => new Date()) {
  async function authenticate(request: FastifyRequest): Promise<AuthenticatedSession> {
    const token = sessionTokenOf(request);
    if (token === undefined) throw notSignedIn();
    return service.authenticate(token, now());
  }
  return {
    /** Signed in, second factor done; may still have to change the password. */
    authenticate,
    /** Signed in and ready for work (no pending password change). */
    async requireSession(request: FastifyRequest): Promise<AuthenticatedSession> {
      const session = await authenticate(request);
      service.requireReady(session);
      return session;
    },
  };
}

/** The actor and its roles in one agency, in the shape the services take today (actor, actorRoles). */
export function actorOfSession(session: AuthenticatedSession, agencyCode: string): { actor: string; actorRoles: Role[] } {
  return { actor: session.user.login, actorRoles: session.rolesByAgency[agencyCode] ?? [] };
}

export function accountsActorOf(session: AuthenticatedSession): AccountsActor {
  return { kind: 'user', userId: session.user.id, rolesByAgency: session.rolesByAgency };
}

// ---------------------------------------------------------------- validation

const FIELD_LABELS: Record<string, string> = {
  login: '登录名',
  password: '密码',
  code: '动态验证码',
  currentPassword: '原密码',
  newPassword: '新密码',
  displayName: '姓名',
  initialPassword: '初始密码',
  roles: '角色',
  'roles.agencyCode': '机关代码',
  'roles.roles': '角色',
  agencyCode: '机关代码',
  disabled: '是否停用',
  id: '用户编号',
};

const checkAccountRequest = createRequestCheck({ labels: FIELD_LABELS, reasons: { ...FIELD_REASONS, too_small: '为空或过短' }, showPath: false });

// ---------------------------------------------------------------- schemas

const RoleSchema = z.enum(ROLE_CODES as [Role, ...Role[]]);
const Password = z.string().min(1).max(200);
const AgencyCode = z.string().min(1).max(64);
const TotpCode = z.string().trim().regex(/^\d{6}$/);
const ErrorResponse = z.object({ error: z.string(), message: z.string() });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

const LoginResponse = z.object({
  /** Also set as the cookie; returned for clients that send Authorization: Bearer. */
  token: z.string(),
  secondFactorRequired: z.boolean(),
  mustChangePassword: z.boolean(),
  expiresAt: z.string(),
});
const RolesByAgencySchema = z.record(z.string(), z.array(RoleSchema));
const UserResponse = z.object({
  id: z.number().int(),
  login: z.string(),
  displayName: z.string(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  rolesByAgency: RolesByAgencySchema,
});
const MeResponse = z.object({
  id: z.number().int(),
  login: z.string(),
  displayName: z.string(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  rolesByAgency: RolesByAgencySchema,
  actionsByAgency: z.record(z.string(), z.array(z.string())),
  /** The Chinese name of every agency in rolesByAgency, for the console's agency picker. */
  agencyNames: z.record(z.string(), z.string()),
  expiresAt: z.string(),
  idleMinutes: z.number().int(),
});
const RoleGrant = z.object({ agencyCode: AgencyCode, roles: z.array(RoleSchema).max(5) });
const UserIdParams = z.object({ id: z.coerce.number().int().min(1) });

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toUserResponse(user: UserSummary) {
  return { ...user, lockedUntil: iso(user.lockedUntil), lastLoginAt: iso(user.lastLoginAt), createdAt: new Date(user.createdAt).toISOString() };
}

function toLoginResponse(result: LoginResult) {
  return { token: result.token, secondFactorRequired: result.secondFactorRequired, mustChangePassword: result.mustChangePassword, expiresAt: new Date(result.expiresAt).toISOString() };
}

function toMe(user: UserSummary, expiresAt: number, agencyNames: Record<string, string>) {
  return {
    id: user.id,
    login: user.login,
    displayName: user.displayName,
    mustChangePassword: user.mustChangePassword,
    totpEnabled: user.totpEnabled,
    rolesByAgency: user.rolesByAgency,
    actionsByAgency: actionsByAgency(user.rolesByAgency),
    agencyNames,
    expiresAt: new Date(expiresAt).toISOString(),
    idleMinutes: SESSION_POLICY.idleMs / 60_000,
  };
}

// ---------------------------------------------------------------- routes

export async function accountRoutes(app: FastifyInstance, options: AccountRoutesOptions): Promise<void> {
  const { service } = options;
  const now = options.now ?? (() => new Date());
  const secure = options.secureCookie ?? true;
  const guard = createSessionGuard(service, now);
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** The names of the agencies the user holds roles in (the code stands in for an unknown one). */
  async function agencyNamesOf(user: UserSummary): Promise<Record<string, string>> {
    const codes = Object.keys(user.rolesByAgency);
    const names: Record<string, string> = Object.fromEntries(codes.map((code) => [code, code]));
    if (options.db === undefined || codes.length === 0) return names;
    const rows = await options.db.selectFrom('agencies').select(['code', 'name']).where('code', 'in', codes).execute();
    for (const row of rows) names[row.code] = row.name;
    return names;
  }
  async function me(user: UserSummary, expiresAt: number) {
    return toMe(user, expiresAt, await agencyNamesOf(user));
  }

  function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number): void {
    const attributes = [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`];
    if (secure) attributes.push('Secure');
    reply.header('set-cookie', attributes.join('; '));
  }

  /** The admin endpoints: signed in, ready, and users.manage (checked again by the service per agency). */
  async function adminActor(request: FastifyRequest): Promise<AccountsActor> {
    return accountsActorOf(await guard.requireSession(request));
  }

  api.post(
    '/api/auth/login',
    {
      attachValidation: true,
      schema: { summary: '登录', tags: ['账号'], body: z.object({ login: z.string().trim().min(1).max(64), password: Password }), response: { 200: LoginResponse, ...errors } },
    },
    async (request, reply) => {
      checkAccountRequest(request);
      const result = await service.login(request.body.login, request.body.password, now());
      setSessionCookie(reply, result.token, SESSION_POLICY.absoluteMs / 1000);
      return toLoginResponse(result);
    },
  );

  api.post(
    '/api/auth/totp',
    { attachValidation: true, schema: { summary: '输入动态验证码完成登录', tags: ['账号'], body: z.object({ code: TotpCode }), response: { 200: LoginResponse, ...errors } } },
    async (request) => {
      checkAccountRequest(request);
      const token = sessionTokenOf(request);
      if (token === undefined) throw notSignedIn();
      return toLoginResponse(await service.verifySecondFactor(token, request.body.code, now()));
    },
  );

  api.post('/api/auth/logout', { schema: { summary: '退出登录', tags: ['账号'], response: { 204: z.null() } } }, async (request, reply) => {
    const token = sessionTokenOf(request);
    if (token !== undefined) await service.logout(token);
    setSessionCookie(reply, '', 0);
    return reply.code(204).send(null);
  });

  api.get('/api/auth/me', { schema: { summary: '当前用户', tags: ['账号'], response: { 200: MeResponse, ...errors } } }, async (request) => {
    const session = await guard.authenticate(request);
    return me(session.user, session.expiresAt);
  });

  api.post(
    '/api/auth/password',
    {
      attachValidation: true,
      schema: { summary: '修改密码', tags: ['账号'], body: z.object({ currentPassword: Password, newPassword: Password }), response: { 200: MeResponse, ...errors } },
    },
    async (request) => {
      checkAccountRequest(request);
      const session = await guard.authenticate(request);
      const user = await service.changePassword(session, request.body.currentPassword, request.body.newPassword);
      return me(user, session.expiresAt);
    },
  );

  api.post(
    '/api/auth/totp/enrol',
    { schema: { summary: '开始绑定身份验证器', tags: ['账号'], response: { 200: z.object({ secret: z.string(), uri: z.string() }), ...errors } } },
    async (request) => service.enrolTotp(await guard.requireSession(request)),
  );

  api.post(
    '/api/auth/totp/confirm',
    { attachValidation: true, schema: { summary: '确认绑定身份验证器', tags: ['账号'], body: z.object({ code: TotpCode }), response: { 200: MeResponse, ...errors } } },
    async (request) => {
      checkAccountRequest(request);
      const session = await guard.requireSession(request);
      return me(await service.confirmTotp(session, request.body.code, now()), session.expiresAt);
    },
  );

  api.post(
    '/api/auth/totp/disable',
    { attachValidation: true, schema: { summary: '停用动态验证码', tags: ['账号'], body: z.object({ password: Password }), response: { 200: MeResponse, ...errors } } },
    async (request) => {
      checkAccountRequest(request);
      const session = await guard.requireSession(request);
      return me(await service.disableTotp(session, request.body.password), session.expiresAt);
    },
  );

  api.get('/api/users', { schema: { summary: '用户列表', tags: ['用户管理'], response: { 200: z.object({ users: z.array(UserResponse) }), ...errors } } }, async (request) => {
    const users = await service.listUsers(await adminActor(request));
    return { users: users.map(toUserResponse) };
  });

  api.post(
    '/api/users',
    {
      attachValidation: true,
      schema: {
        summary: '新建用户（设置初始密码）',
        tags: ['用户管理'],
        body: z.object({ login: z.string().trim().min(1).max(64), displayName: z.string().trim().min(1).max(100), initialPassword: Password, roles: z.array(RoleGrant).max(100).optional() }),
        response: { 201: UserResponse, ...errors },
      },
    },
    async (request, reply) => {
      checkAccountRequest(request);
      const by = await adminActor(request);
      const user = await service.createUser(request.body, by, now());
      return reply.code(201).send(toUserResponse(user));
    },
  );

  api.put(
    '/api/users/:id/roles',
    { attachValidation: true, schema: { summary: '设置用户在一个机关的角色', tags: ['用户管理'], params: UserIdParams, body: RoleGrant, response: { 200: UserResponse, ...errors } } },
    async (request) => {
      checkAccountRequest(request);
      const by = await adminActor(request);
      return toUserResponse(await service.assignRoles(request.params.id, request.body.agencyCode, request.body.roles, by));
    },
  );

  api.post(
    '/api/users/:id/password',
    {
      attachValidation: true,
      schema: { summary: '重置密码（新的初始密码）', tags: ['用户管理'], params: UserIdParams, body: z.object({ initialPassword: Password }), response: { 200: UserResponse, ...errors } },
    },
    async (request) => {
      checkAccountRequest(request);
      const by = await adminActor(request);
      return toUserResponse(await service.resetPassword(request.params.id, request.body.initialPassword, by));
    },
  );

  api.put(
    '/api/users/:id/disabled',
    { attachValidation: true, schema: { summary: '停用或启用用户', tags: ['用户管理'], params: UserIdParams, body: z.object({ disabled: z.boolean() }), response: { 200: UserResponse, ...errors } } },
    async (request) => {
      checkAccountRequest(request);
      const by = await adminActor(request);
      return toUserResponse(await service.setDisabled(request.params.id, request.body.disabled, by));
    },
  );
}
