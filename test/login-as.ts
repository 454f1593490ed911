// Signs a test user in through the accounts service and returns the headers that carry the
// session, for app.inject. The user is created on first use (no forced password change) and
// given exactly the roles asked for in each agency named; the agencies must exist.
import type { Kysely } from 'kysely';
import type { Role } from '../src/domain/account/roles.ts';
import { SESSION_COOKIE } from '../src/server/accounts/accounts.routes.ts';
import type { AccountsService } from '../src/server/accounts/accounts.service.ts';
import { createAccountsService, SYSTEM_ACTOR } from '../src/server/accounts/accounts.service.ts';
import type { Database } from '../src/server/db/database.ts';

/** Satisfies the password policy (letters in both cases, a digit, a symbol, 8+ characters). */
export const TEST_PASSWORD = 'Ceshi#2026pw';

export type RolesByAgencyInput = Readonly<Record<string, readonly Role[]>>;

const services = new WeakMap<Kysely<Database>, AccountsService>();

function accountsOf(db: Kysely<Database>): AccountsService {
  let service = services.get(db);
  if (service === undefined) {
    service = createAccountsService({ db });
    services.set(db, service);
  }
  return service;
}

/** Creates the user (or updates its roles in the agencies named) and signs in. */
export async function loginAs(db: Kysely<Database>, login: string, roles: RolesByAgencyInput, options: { bearer?: boolean } = {}): Promise<Record<string, string>> {
  const service = accountsOf(db);
  const now = new Date();
  const existing = (await service.listUsers(SYSTEM_ACTOR)).find((user) => user.login === login);
  if (existing === undefined) {
    const grants = Object.entries(roles).map(([agencyCode, agencyRoles]) => ({ agencyCode, roles: [...agencyRoles] }));
    await service.createUser({ login, displayName: login, initialPassword: TEST_PASSWORD, roles: grants, mustChangePassword: false }, SYSTEM_ACTOR, now);
  } else {
    for (const [agencyCode, agencyRoles] of Object.entries(roles)) await service.assignRoles(existing.id, agencyCode, agencyRoles, SYSTEM_ACTOR);
  }
  const { token } = await service.login(login, TEST_PASSWORD, now);
  return options.bearer === true ? { authorization: `Bearer ${token}` } : { cookie: `${SESSION_COOKIE}=${token}` };
}
