// Accounts storage: users, roles per agency, sessions, login attempts. SQL only; rows mapped to
// camelCase. Times are epoch milliseconds; flags are 0/1 (see the migration 2026-11-28T08-00).
// The tables are typed here and added to the shared Database with withTables, so this feature
// lives in its own files.
import type { Generated, Kysely } from 'kysely';
import type { Role } from '../../domain/account/roles.ts';
import { isRole } from '../../domain/account/roles.ts';
import type { Database } from '../db/database.ts';

export type UsersTable = {
  id: Generated<number>;
  login: string;
  display_name: string;
  password_hash: string;
  must_change_password: number;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  failed_logins: Generated<number>;
  locked_until: number | null;
  last_login_at: number | null;
  disabled: number;
  created_at: number;
};

export type UserRolesTable = {
  user_id: number;
  agency_id: number;
  role: string;
};

export type SessionsTable = {
  /** sha256 (hex) of the session token. */
  id: string;
  user_id: number;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  second_factor_done: number;
};

export type LoginAttemptsTable = {
  id: Generated<number>;
  login: string;
  at: number;
  success: number;
};

export type AccountTables = {
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
};

export type AccountsDatabase = Database & AccountTables;
export type AccountsDb = Kysely<AccountsDatabase>;

export function withAccountTables(db: Kysely<Database>): AccountsDb {
  return db.withTables<AccountTables>();
}

export interface UserRecord {
  id: number;
  login: string;
  displayName: string;
  passwordHash: string;
  mustChangePassword: boolean;
  totpSecret: string | null;
  totpPendingSecret: string | null;
  totpLastStep: number | null;
  failedLogins: number;
  lockedUntil: number | null;
  lastLoginAt: number | null;
  disabled: boolean;
  createdAt: number;
}

export interface SessionRecord {
  id: string;
  userId: number;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  secondFactorDone: boolean;
}

/** Agency code → roles held there, codes sorted. */
export type RolesByAgency = Record<string, Role[]>;

const num = (value: unknown): number => Number(value);
const optionalNumber = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

function toUser(row: Record<string, unknown>): UserRecord {
  return {
    id: num(row.id),
    login: String(row.login),
    displayName: String(row.display_name),
    passwordHash: String(row.password_hash),
    mustChangePassword: num(row.must_change_password) === 1,
    totpSecret: (row.totp_secret as string | null) ?? null,
    totpPendingSecret: (row.totp_pending_secret as string | null) ?? null,
    totpLastStep: optionalNumber(row.totp_last_step),
    failedLogins: num(row.failed_logins),
    lockedUntil: optionalNumber(row.locked_until),
    lastLoginAt: optionalNumber(row.last_login_at),
    disabled: num(row.disabled) === 1,
    createdAt: num(row.created_at),
  };
}

export async function findUserByLogin(db: AccountsDb, login: string): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

export async function findUserById(db: AccountsDb, id: number): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

export async function listUserRecords(db: AccountsDb): Promise<UserRecord[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('login').execute();
  return rows.map(toUser);
}

export interface NewUser {
  login: string;
  displayName: string;
  passwordHash: string;
  createdAt: number;
}

export async function insertUser(db: AccountsDb, user: NewUser): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      login: user.login,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      must_change_password: 1,
      totp_secret: null,
      totp_pending_secret: null,
      totp_last_step: null,
      locked_until: null,
      last_login_at: null,
      disabled: 0,
      created_at: user.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return num(row.id);
}

export interface UserChanges {
  passwordHash?: string;
  mustChangePassword?: boolean;
  totpSecret?: string | null;
  totpPendingSecret?: string | null;
  totpLastStep?: number | null;
  failedLogins?: number;
  lockedUntil?: number | null;
  lastLoginAt?: number | null;
  disabled?: boolean;
}

export async function updateUser(db: AccountsDb, id: number, changes: UserChanges): Promise<void> {
  const flag = (value: boolean | undefined) => (value === undefined ? undefined : value ? 1 : 0);
  const columns = {
    password_hash: changes.passwordHash,
    must_change_password: flag(changes.mustChangePassword),
    totp_secret: changes.totpSecret,
    totp_pending_secret: changes.totpPendingSecret,
    totp_last_step: changes.totpLastStep,
    failed_logins: changes.failedLogins,
    locked_until: changes.lockedUntil,
    last_login_at: changes.lastLoginAt,
    disabled: flag(changes.disabled),
  };
  const defined = Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
  if (Object.keys(defined).length === 0) return;
  await db.updateTable('users').set(defined).where('id', '=', id).execute();
}

/** Roles of several users at once, keyed by user id. */
export async function findRolesByAgency(db: AccountsDb, userIds: readonly number[]): Promise<Map<number, RolesByAgency>> {
  const result = new Map<number, RolesByAgency>(userIds.map((id) => [id, {}]));
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('agencies', 'agencies.id', 'user_roles.agency_id')
    .select(['user_roles.user_id as userId', 'agencies.code as agencyCode', 'user_roles.role as role'])
    .where('user_roles.user_id', 'in', [...userIds])
    .orderBy('agencies.code')
    .orderBy('user_roles.role')
    .execute();
  for (const row of rows) {
    const byAgency = result.get(num(row.userId));
    if (byAgency === undefined || !isRole(row.role)) continue;
    (byAgency[row.agencyCode] ??= []).push(row.role);
  }
  return result;
}

export async function findAgencyIdByCode(db: AccountsDb, code: string): Promise<number | undefined> {
  const row = await db.selectFrom('agencies').select('id').where('code', '=', code).executeTakeFirst();
  return row === undefined ? undefined : num(row.id);
}

/** Replaces the user's roles in one agency. */
export async function replaceRoles(db: AccountsDb, userId: number, agencyId: number, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).where('agency_id', '=', agencyId).execute();
  if (roles.length === 0) return;
  await db
    .insertInto('user_roles')
    .values([...new Set(roles)].map((role) => ({ user_id: userId, agency_id: agencyId, role })))
    .execute();
}

export async function insertLoginAttempt(db: AccountsDb, login: string, at: number, success: boolean): Promise<void> {
  await db.insertInto('login_attempts').values({ login, at, success: success ? 1 : 0 }).execute();
}

/** Times of failed attempts for a login after `since` (exclusive). */
export async function findFailuresSince(db: AccountsDb, login: string, since: number): Promise<number[]> {
  const rows = await db
    .selectFrom('login_attempts')
    .select('at')
    .where('login', '=', login)
    .where('success', '=', 0)
    .where('at', '>', since)
    .orderBy('at')
    .execute();
  return rows.map((row) => num(row.at));
}

function toSession(row: Record<string, unknown>): SessionRecord {
  return {
    id: String(row.id),
    userId: num(row.user_id),
    createdAt: num(row.created_at),
    lastSeenAt: num(row.last_seen_at),
    expiresAt: num(row.expires_at),
    secondFactorDone: num(row.second_factor_done) === 1,
  };
}

export async function insertSession(db: AccountsDb, session: SessionRecord): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      created_at: session.createdAt,
      last_seen_at: session.lastSeenAt,
      expires_at: session.expiresAt,
      second_factor_done: session.secondFactorDone ? 1 : 0,
    })
    .execute();
}

export async function findSession(db: AccountsDb, id: string): Promise<SessionRecord | undefined> {
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toSession(row);
}

export async function updateSession(db: AccountsDb, id: string, changes: { lastSeenAt?: number; secondFactorDone?: boolean }): Promise<void> {
  await db
    .updateTable('sessions')
    .set({
      ...(changes.lastSeenAt === undefined ? {} : { last_seen_at: changes.lastSeenAt }),
      ...(changes.secondFactorDone === undefined ? {} : { second_factor_done: changes.secondFactorDone ? 1 : 0 }),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: AccountsDb, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user, except the one given (the user changing the password keeps theirs). */
export async function deleteUserSessions(db: AccountsDb, userId: number, exceptId: string | null = null): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  await query.execute();
}

/** Sessions past their absolute end; kept small so lookups stay fast. */
export async function deleteExpiredSessions(db: AccountsDb, now: number): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}
