// Demo accounts for the demo agency 示范市示范局 (code demo), one per role, so that
// `npm install && npm start` can be tried at once: sign in at /api/auth/login with any login
// below and DEMO_PASSWORD.
// DEMO ONLY: every demo user shares one published password and is NOT made to change it at
// first login, which real accounts must (等保 2.0 8.1.4.1). They are created only together
// with the demo agency, in an empty database; never load demo data into a production database.
import type { Kysely } from 'kysely';
import type { Role } from '../../domain/account/roles.ts';
import { createAccountsService, SYSTEM_ACTOR } from '../accounts/accounts.service.ts';
import type { Database } from '../db/database.ts';
import { DEMO_AGENCY } from './demo-records.ts';

/** Meets the password policy (10+ characters, upper, lower, digit, symbol). Published: demo only. */
export const DEMO_PASSWORD = 'Shifan@2026';

export const DEMO_USERS: readonly { login: string; displayName: string; roles: readonly Role[] }[] = [
  { login: 'demo-clerk', displayName: '示范信息员甲', roles: ['clerk'] },
  // A second clerk: the first step of the review chain may not approve one's own draft.
  { login: 'demo-clerk2', displayName: '示范信息员乙', roles: ['clerk'] },
  { login: 'demo-chief', displayName: '示范科长', roles: ['sectionChief'] },
  { login: 'demo-leader', displayName: '示范分管领导', roles: ['leader'] },
  { login: 'demo-admin', displayName: '示范系统管理员', roles: ['admin'] },
  { login: 'demo-auditor', displayName: '示范审计员', roles: ['auditor'] },
];

/** Creates the demo users (the demo agency must exist and no user may hold a demo login yet). */
export async function createDemoUsers(db: Kysely<Database>, now: Date): Promise<void> {
  const accounts = createAccountsService({ db });
  for (const user of DEMO_USERS) {
    await accounts.createUser(
      { login: user.login, displayName: user.displayName, initialPassword: DEMO_PASSWORD, roles: [{ agencyCode: DEMO_AGENCY.code, roles: user.roles }], mustChangePassword: false },
      SYSTEM_ACTOR,
      now,
    );
  }
}
