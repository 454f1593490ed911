// How staff routes learn who acts (issue 5): the signed-in user of the session (cookie
// gongkai_session or Authorization: Bearer), with the roles the user holds in the agency the
// route acts on. Not signed in → 401; no role in that agency → 403, or 404 where a route hides
// other agencies' records. The services check the permission table again (requirePermission).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Action } from '../../domain/account/permissions.ts';
import { ACTION_LABELS, can, requirePermission } from '../../domain/account/permissions.ts';
import type { Role } from '../../domain/account/roles.ts';
import { DomainError } from '../../domain/domain-error.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import type { Database } from '../db/database.ts';
import { SESSION_COOKIE, createSessionGuard } from './accounts.routes.ts';
import type { AccountsService, AuthenticatedSession } from './accounts.service.ts';

export interface StaffActor {
  /** The login: what events and audit entries record as the actor. */
  actor: string;
  /** The roles the user holds in the agency asked about. */
  actorRoles: Role[];
  session: AuthenticatedSession;
}

export interface StaffAccess {
  /** Signed in, second factor done, initial password changed; 401/403 otherwise. */
  session(request: FastifyRequest): Promise<AuthenticatedSession>;
  /**
   * The actor in one agency: 403 when the user holds no role there, or, when `hidden` is
   * given, that error instead (404 for records of other agencies). With `action`, the
   * permission table is checked too (403 naming who may do it).
   */
  inAgency(request: FastifyRequest, agency: AgencyRef, options?: { action?: Action; hidden?: () => DomainError }): Promise<StaffActor>;
  /** For what belongs to no agency (the national 节假日安排): the roles the user holds in any agency. */
  anyAgency(request: FastifyRequest): Promise<StaffActor>;
  /**
   * Supervision (issue 7): the actor may do `action` on the agency because it holds a role granting
   * it in that agency or in one of its ancestors (a 市政府's 政务公开办 supervises a 区 and its 乡镇).
   * 403 when in none of them; 404 for an unknown agency.
   */
  inSubtreeOf(request: FastifyRequest, agencyCode: string, action: Action): Promise<SupervisingActor>;
}

export interface SupervisingActor extends StaffActor {
  /** The agency (the one asked about, or an ancestor) where the user holds the role granting the action. */
  supervisingAgencyCode: string;
}

/**
 * The agency code, or how to find it from the record the route acts on (looked up only after
 * the session is checked, so that a caller without a session learns nothing about the record).
 */
export type AgencyRef = string | (() => Promise<string>);

/** OpenAPI: every staff route declares that it needs the session cookie or a bearer token. */
export const STAFF_SECURITY: { [scheme: string]: string[] }[] = [{ sessionCookie: [] }, { bearerToken: [] }];

export const SECURITY_SCHEMES = {
  sessionCookie: { type: 'apiKey' as const, in: 'cookie' as const, name: SESSION_COOKIE, description: '登录后服务器设置的会话 Cookie（POST /api/auth/login）' },
  bearerToken: { type: 'http' as const, scheme: 'bearer', description: '登录返回的 token，放在 Authorization: Bearer 之后' },
};

export function noRoleInAgency(login: string, agencyCode: string): DomainError {
  return new DomainError('FORBIDDEN', `${login} holds no role in agency ${agencyCode}`, `您在机关“${agencyCode}”没有任何角色，不能查看或办理该机关的事项。`, { agencyCode });
}

export interface StaffAccessDeps {
  accounts: AccountsService;
  /** Agencies are public (their reports are): an unknown code is answered 404, as before accounts. */
  db: Kysely<Database>;
  now?: () => Date;
}

export function createStaffAccess(deps: StaffAccessDeps): StaffAccess {
  const guard = createSessionGuard(deps.accounts, deps.now ?? (() => new Date()));
  const agencies = createAgenciesRepository(deps.db);
  // One look-up per request, however many times a route and its hook ask.
  const sessions = new WeakMap<FastifyRequest, Promise<AuthenticatedSession>>();
  function session(request: FastifyRequest): Promise<AuthenticatedSession> {
    let found = sessions.get(request);
    if (found === undefined) {
      found = guard.requireSession(request);
      sessions.set(request, found);
    }
    return found;
  }
  const sessionOf = session;
  return {
    session,
    async inAgency(request, agency, options = {}) {
      const session = await sessionOf(request);
      const agencyCode = typeof agency === 'string' ? agency : await agency();
      const actorRoles = session.rolesByAgency[agencyCode] ?? [];
      if (actorRoles.length === 0) {
        if (options.hidden !== undefined) throw options.hidden();
        await agencies.getAgencyByCode(agencyCode);
        throw noRoleInAgency(session.user.login, agencyCode);
      }
      if (options.action !== undefined) requirePermission(actorRoles, options.action);
      return { actor: session.user.login, actorRoles, session };
    },
    async anyAgency(request) {
      const session = await sessionOf(request);
      const actorRoles = [...new Set(Object.values(session.rolesByAgency).flat())];
      return { actor: session.user.login, actorRoles, session };
    },
    async inSubtreeOf(request, agencyCode, action) {
      const session = await sessionOf(request);
      const agency = await agencies.getAgencyByCode(agencyCode);
      // Nearest first: the agency itself, then its parent, up to the root.
      const chain = [agency, ...(await agencies.listAncestors(agency.id))];
      const holder = chain.find((a) => can(session.rolesByAgency[a.code] ?? [], action));
      if (holder === undefined) {
        throw new DomainError(
          'FORBIDDEN',
          `${session.user.login} may not ${action} in ${agencyCode} or above it`,
          `您没有权限${ACTION_LABELS[action]}：须为机关“${agency.name}”或其上级机关的政务公开办。`,
          { agencyCode, action },
        );
      }
      return { actor: session.user.login, actorRoles: session.rolesByAgency[holder.code] ?? [], session, supervisingAgencyCode: holder.code };
    },
  };
}

/**
 * Checks the session before anything else on every route that declares STAFF_SECURITY, so a
 * caller without one gets 401 whatever the body holds (and learns nothing from a 400).
 * Register before the routes: onRoute sees only routes added after it.
 */
export function requireSessionOnStaffRoutes(app: FastifyInstance, access: StaffAccess): void {
  app.addHook('onRoute', (route) => {
    if (route.schema?.security !== STAFF_SECURITY) return;
    const existing = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [
      ...existing,
      async (request: FastifyRequest) => {
        await access.session(request);
      },
    ];
  });
}
