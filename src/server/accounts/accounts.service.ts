// Accounts and access (issue 5), to the expectations of 等保 2.0 第二级 (GB/T 22239-2019 8.1.4.1
// 身份鉴别, 8.1.4.2 访问控制): unique logins, scrypt-hashed passwords with complexity rules,
// lockout after repeated failures, sessions that end when idle, forced change of initial
// passwords, an optional TOTP second factor, and roles per agency checked by the permission table.
// Every change runs in one transaction. `now` is always an argument: only main.ts reads the clock.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { validatePassword } from '../../domain/account/password-policy.ts';
import type { Action } from '../../domain/account/permissions.ts';
import { ACTION_CODES, can, requirePermission } from '../../domain/account/permissions.ts';
import { decideAfterFailure, isLocked, LOCKOUT_POLICY, replayLockout } from '../../domain/account/lockout-policy.ts';
import type { Role } from '../../domain/account/roles.ts';
import { computeSessionExpiresAt, computeSessionExpiry, SESSION_POLICY } from '../../domain/account/session-policy.ts';
import { DomainError } from '../../domain/domain-error.ts';
import type { JsonObject } from '../../domain/audit/canonical-json.ts';
import type { Database } from '../db/database.ts';
import { appendAuditEntry } from '../audit/audit.repository.ts';
import type { AccountsDb, RolesByAgency, UserRecord } from './accounts.repository.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findAgencyIdByCode,
  findFailuresSince,
  findRolesByAgency,
  findSession,
  findUserById,
  findUserByLogin,
  insertLoginAttempt,
  insertSession,
  insertUser,
  listUserRecords,
  replaceRoles,
  updateSession,
  updateUser,
  withAccountTables,
} from './accounts.repository.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './hash-password.ts';
import type { SecretBox } from './secret-box.ts';
import { createSecretBox, generateSecretKey } from './secret-box.ts';
import { generateTotpSecret, totpUri, verifyTotp } from './totp.ts';

export interface AccountsServiceDeps {
  db: Kysely<Database>;
  /**
   * Encrypts TOTP secrets at rest (main.ts builds it from SECRET_KEY or the key file). Without one,
   * a key for this process only: enough for tests and commands that never touch TOTP.
   */
  secretBox?: SecretBox;
  /** Shown in authenticator apps; default 政府信息公开平台. */
  totpIssuer?: string;
}

/** A user as others may see it: never the hash or the TOTP secret. */
export interface UserSummary {
  id: number;
  login: string;
  displayName: string;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  disabled: boolean;
  lockedUntil: number | null;
  lastLoginAt: number | null;
  createdAt: number;
  rolesByAgency: RolesByAgency;
}

/** Who asks: a signed-in user, or the system itself (the CLI creating the first administrator). */
export type AccountsActor = { kind: 'system' } | { kind: 'user'; userId: number; rolesByAgency: RolesByAgency };
export const SYSTEM_ACTOR: AccountsActor = Object.freeze({ kind: 'system' });

export interface AuthenticatedSession {
  /** sha256 of the token: the sessions row. */
  sessionId: string;
  user: UserSummary;
  rolesByAgency: RolesByAgency;
  expiresAt: number;
}

export interface LoginResult {
  /** The secret session token (cookie value); only its sha256 is stored. */
  token: string;
  secondFactorRequired: boolean;
  mustChangePassword: boolean;
  expiresAt: number;
}

export interface CreateUserInput {
  login: string;
  displayName: string;
  initialPassword: string;
  roles?: readonly { agencyCode: string; roles: readonly Role[] }[];
  /**
   * false only for the system itself (demo users, tests): the password need not be changed at
   * first login. Users created by an administrator always must change it (8.1.4.1).
   */
  mustChangePassword?: boolean;
}

const LOGIN_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;

// One answer for an unknown login and a wrong password, so logins cannot be guessed (8.1.4.1).
const BAD_CREDENTIALS_MESSAGE = '登录名或密码不正确。';
// Not signed in: http-errors answers a FORBIDDEN with details.httpStatus 401 as 401.
const UNAUTHENTICATED = { httpStatus: 401 };

/**
 * Security events (等保 2.0 8.1.4.3 安全审计: logins, failures, lockouts, account changes) go in
 * the hash-chained trail with the change they record. They are platform-wide (agency null) except
 * role changes; an agency's trail also shows the entries of its own users (subject user:<login>).
 */
async function auditAccountEvent(
  trx: AccountsDb,
  event: { at: Date; actor: string; action: string; login: string; agencyId?: number | null; detail?: JsonObject },
): Promise<void> {
  await appendAuditEntry(trx as unknown as Kysely<Database>, {
    at: event.at.toISOString(),
    actor: event.actor,
    agencyId: event.agencyId ?? null,
    action: event.action,
    subject: `user:${event.login}`,
    detail: event.detail ?? {},
  });
}

function unauthenticated(message: string, userMessage: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('FORBIDDEN', message, userMessage, { ...UNAUTHENTICATED, ...details });
}

/** 2026-11-28 16:15 in Beijing time (UTC+8, no daylight saving), without Intl. */
export function formatBeijingTime(epochMs: number): string {
  const date = new Date(epochMs + 8 * 60 * 60 * 1000);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getUTCFullYear()}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}`;
}

function lockedError(lockedUntil: number): DomainError {
  return unauthenticated(
    `Account locked until ${new Date(lockedUntil).toISOString()}`,
    `连续${LOCKOUT_POLICY.maxFailures}次登录失败，账号已锁定，请于${formatBeijingTime(lockedUntil)}（北京时间）后再试。`,
    { lockedUntil },
  );
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function passwordRefused(reasons: readonly string[], field: string): DomainError {
  return new DomainError('BAD_INPUT', `Password refused: ${reasons.length} reasons`, `${field}不符合要求：${reasons.join('；')}。`, { field, reasons: [...reasons] });
}

/** The actions a user may do in each agency (for the console to show what applies). */
export function actionsByAgency(rolesByAgency: RolesByAgency): Record<string, Action[]> {
  return Object.fromEntries(Object.entries(rolesByAgency).map(([agency, roles]) => [agency, ACTION_CODES.filter((action) => can(roles, action))]));
}

/** The roles a session holds in one agency (empty when none). */
export function rolesIn(session: Pick<AuthenticatedSession, 'rolesByAgency'>, agencyCode: string): Role[] {
  return session.rolesByAgency[agencyCode] ?? [];
}

export type AccountsService = ReturnType<typeof createAccountsService>;

export function createAccountsService(deps: AccountsServiceDeps) {
  const db: AccountsDb = withAccountTables(deps.db);
  const issuer = deps.totpIssuer ?? '政府信息公开平台';
  const secretBox = deps.secretBox ?? createSecretBox(generateSecretKey());

  async function summarize(users: readonly UserRecord[], from: AccountsDb = db): Promise<UserSummary[]> {
    const roles = await findRolesByAgency(from, users.map((user) => user.id));
    return users.map((user) => ({
      id: user.id,
      login: user.login,
      displayName: user.displayName,
      mustChangePassword: user.mustChangePassword,
      totpEnabled: user.totpSecret !== null,
      disabled: user.disabled,
      lockedUntil: user.lockedUntil,
      lastLoginAt: user.lastLoginAt,
      createdAt: user.createdAt,
      rolesByAgency: roles.get(user.id) ?? {},
    }));
  }

  async function summaryOf(id: number, from: AccountsDb = db): Promise<UserSummary> {
    const user = await getUser(id, from);
    const [summary] = await summarize([user], from);
    if (summary === undefined) throw new Error(`user ${id} vanished`);
    return summary;
  }

  async function getUser(id: number, from: AccountsDb = db): Promise<UserRecord> {
    const user = await findUserById(from, id);
    if (user === undefined) throw new DomainError('NOT_FOUND', `No user ${id}`, `找不到编号为 ${id} 的用户。`, { id });
    return user;
  }

  /** users.manage in the given agency, or in any agency when none is given. */
  function requireUserManager(by: AccountsActor, agencyCode?: string): void {
    if (by.kind === 'system') return;
    const roles = agencyCode === undefined ? Object.values(by.rolesByAgency).flat() : (by.rolesByAgency[agencyCode] ?? []);
    requirePermission(roles, 'users.manage');
  }

  async function assignInTransaction(trx: AccountsDb, userId: number, agencyCode: string, roles: readonly Role[]): Promise<void> {
    const agencyId = await findAgencyIdByCode(trx, agencyCode);
    if (agencyId === undefined) throw new DomainError('NOT_FOUND', `No agency with code ${agencyCode}`, `找不到代码为“${agencyCode}”的机关。`, { agencyCode });
    await replaceRoles(trx, userId, agencyId, roles);
  }

  function actorName(by: AccountsActor, trx: AccountsDb): Promise<string> {
    if (by.kind === 'system') return Promise.resolve('system');
    return findUserById(trx, by.userId).then((user) => user?.login ?? `user#${by.userId}`);
  }

  /** After a failed password or code: records it, and locks the account on the fifth failure. */
  async function recordFailure(user: UserRecord | undefined, login: string, now: number, reason: 'password' | 'totp'): Promise<number | null> {
    return db.transaction().execute(async (trx) => {
      await insertLoginAttempt(trx, login, now, false);
      await auditAccountEvent(trx, { at: new Date(now), actor: login, action: 'user.loginFailed', login, detail: { reason, knownLogin: user !== undefined } });
      if (user === undefined) return null;
      const failuresAt = await findFailuresSince(trx, login, now - LOCKOUT_POLICY.windowMs);
      const decision = decideAfterFailure({ failuresAt, lastSuccessAt: user.lastLoginAt, lockedUntil: user.lockedUntil }, now);
      await updateUser(trx, user.id, { failedLogins: decision.failures, ...(decision.lockedUntil === null ? {} : { lockedUntil: decision.lockedUntil }) });
      // A lock ends every session, including one waiting for its second factor.
      if (decision.lockedUntil !== null) {
        await deleteUserSessions(trx, user.id);
        await auditAccountEvent(trx, { at: new Date(now), actor: 'system', action: 'user.locked', login, detail: { failures: decision.failures, lockedUntil: new Date(decision.lockedUntil).toISOString() } });
      }
      return decision.lockedUntil;
    });
  }

  /** A login that matches no user locks as a real one would (replayed from its attempts), so lockout does not reveal which logins exist. */
  async function unknownLoginLockedUntil(login: string, now: number): Promise<number | null> {
    // A lock in force now began at most lockMs ago, after failures at most windowMs before that.
    const failuresAt = await findFailuresSince(db, login, now - LOCKOUT_POLICY.windowMs - LOCKOUT_POLICY.lockMs);
    return replayLockout(failuresAt);
  }

  async function loadSession(token: string, now: number) {
    const sessionId = hashToken(token);
    const session = await findSession(db, sessionId);
    if (session === undefined) throw unauthenticated('No such session', '请先登录。', { reason: 'none' });
    const expiry = computeSessionExpiry(session, now);
    if (expiry !== null) {
      await deleteSession(db, sessionId);
      const messages = {
        idle: `超过${SESSION_POLICY.idleMs / 60_000}分钟未操作，登录已失效，请重新登录。`,
        absolute: `登录已超过${SESSION_POLICY.absoluteMs / 3_600_000}小时，请重新登录。`,
        secondFactor: '动态验证码输入超时，请重新登录。',
      };
      throw unauthenticated(`Session expired (${expiry})`, messages[expiry], { reason: expiry });
    }
    const user = await findUserById(db, session.userId);
    if (user === undefined || user.disabled) {
      await deleteSession(db, sessionId);
      throw unauthenticated('User gone or disabled', '该账号已停用，请联系系统管理员。', { reason: 'disabled' });
    }
    return { session, user };
  }

  async function checkNewPassword(user: UserRecord, newPassword: string): Promise<void> {
    const reasons = validatePassword(newPassword, user.login);
    if (reasons.length > 0) throw passwordRefused(reasons, '新密码');
    if (await verifyPassword(newPassword, user.passwordHash)) {
      throw new DomainError('BAD_INPUT', 'New password equals the old one', '新密码不能与原密码相同。', { field: 'newPassword' });
    }
  }

  return {
    /** An administrator creates the user with an initial password, which must be changed at first login. */
    async createUser(input: CreateUserInput, by: AccountsActor, nowDate: Date): Promise<UserSummary> {
      requireUserManager(by);
      for (const grant of input.roles ?? []) requireUserManager(by, grant.agencyCode);
      const login = input.login.trim();
      if (!LOGIN_PATTERN.test(login)) {
        throw new DomainError('BAD_INPUT', `Invalid login ${login}`, '登录名须为2至64位字母、数字或 . _ @ -，并以字母或数字开头。', { field: 'login' });
      }
      const displayName = input.displayName.trim();
      if (displayName === '') throw new DomainError('BAD_INPUT', 'Empty display name', '姓名不能为空。', { field: 'displayName' });
      const reasons = validatePassword(input.initialPassword, login);
      if (reasons.length > 0) throw passwordRefused(reasons, '初始密码');
      const passwordHash = await hashPassword(input.initialPassword);
      return db.transaction().execute(async (trx) => {
        if ((await findUserByLogin(trx, login)) !== undefined) {
          throw new DomainError('CONFLICT', `Login ${login} taken`, `登录名“${login}”已被使用。`, { field: 'login' });
        }
        const id = await insertUser(trx, { login, displayName, passwordHash, createdAt: nowDate.getTime() });
        if (input.mustChangePassword === false && by.kind === 'system') await updateUser(trx, id, { mustChangePassword: false });
        for (const grant of input.roles ?? []) await assignInTransaction(trx, id, grant.agencyCode, grant.roles);
        const roles = (input.roles ?? []).map((grant) => ({ agencyCode: grant.agencyCode, roles: [...grant.roles] }));
        await auditAccountEvent(trx, { at: nowDate, actor: await actorName(by, trx), action: 'user.created', login, detail: { displayName, roles } });
        return summaryOf(id, trx);
      });
    },

    /** An administrator sets a new initial password (forgotten password): unlocks, ends sessions, forces a change. */
    async resetPassword(userId: number, newInitialPassword: string, by: AccountsActor): Promise<UserSummary> {
      requireUserManager(by);
      const user = await getUser(userId);
      const reasons = validatePassword(newInitialPassword, user.login);
      if (reasons.length > 0) throw passwordRefused(reasons, '初始密码');
      const passwordHash = await hashPassword(newInitialPassword);
      return db.transaction().execute(async (trx) => {
        await updateUser(trx, userId, { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null });
        await deleteUserSessions(trx, userId);
        await auditAccountEvent(trx, { at: new Date(), actor: await actorName(by, trx), action: 'user.passwordReset', login: user.login });
        return summaryOf(userId, trx);
      });
    },

    async listUsers(by: AccountsActor): Promise<UserSummary[]> {
      requireUserManager(by);
      return summarize(await listUserRecords(db));
    },

    async getUser(userId: number, by: AccountsActor): Promise<UserSummary> {
      requireUserManager(by);
      return summaryOf(userId);
    },

    /** Replaces the user's roles in one agency; the actor needs users.manage in that agency. */
    async assignRoles(userId: number, agencyCode: string, roles: readonly Role[], by: AccountsActor): Promise<UserSummary> {
      requireUserManager(by, agencyCode);
      return db.transaction().execute(async (trx) => {
        const user = await getUser(userId, trx);
        await assignInTransaction(trx, userId, agencyCode, roles);
        const agencyId = await findAgencyIdByCode(trx, agencyCode);
        await auditAccountEvent(trx, { at: new Date(), actor: await actorName(by, trx), action: 'user.rolesChanged', login: user.login, agencyId: agencyId ?? null, detail: { agencyCode, roles: [...roles] } });
        return summaryOf(userId, trx);
      });
    },

    async setDisabled(userId: number, disabled: boolean, by: AccountsActor): Promise<UserSummary> {
      requireUserManager(by);
      return db.transaction().execute(async (trx) => {
        const user = await getUser(userId, trx);
        await updateUser(trx, userId, { disabled });
        if (disabled) await deleteUserSessions(trx, userId);
        await auditAccountEvent(trx, { at: new Date(), actor: await actorName(by, trx), action: disabled ? 'user.disabled' : 'user.enabled', login: user.login });
        return summaryOf(userId, trx);
      });
    },

    /**
     * Checks login and password. On success a session starts; with TOTP enrolled it waits for
     * the code (verifySecondFactor) before it lets anything through.
     */
    async login(loginInput: string, password: string, nowDate: Date): Promise<LoginResult> {
      const now = nowDate.getTime();
      const login = loginInput.trim();
      const user = await findUserByLogin(db, login);
      const lockedUntil = user === undefined ? await unknownLoginLockedUntil(login, now) : user.lockedUntil;
      if (isLocked(lockedUntil, now)) {
        // Recorded, but not counted: attempts while locked neither extend the lock nor count after it.
        await db.transaction().execute(async (trx) => {
          await insertLoginAttempt(trx, login, now, false);
          await auditAccountEvent(trx, { at: nowDate, actor: login, action: 'user.loginFailed', login, detail: { reason: 'locked', knownLogin: user !== undefined } });
        });
        throw lockedError(lockedUntil ?? now);
      }
      const passwordMatches = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
      if (user === undefined || !passwordMatches) {
        let newLock = await recordFailure(user, login, now, 'password');
        if (user === undefined) newLock = await unknownLoginLockedUntil(login, now);
        if (isLocked(newLock, now)) throw lockedError(newLock ?? now);
        throw unauthenticated('Unknown login or wrong password', BAD_CREDENTIALS_MESSAGE);
      }
      if (user.disabled) {
        await db.transaction().execute(async (trx) => {
          await insertLoginAttempt(trx, login, now, false);
          await auditAccountEvent(trx, { at: nowDate, actor: login, action: 'user.loginFailed', login, detail: { reason: 'disabled', knownLogin: true } });
        });
        throw unauthenticated('User disabled', '该账号已停用，请联系系统管理员。', { reason: 'disabled' });
      }
      const token = randomBytes(32).toString('hex');
      const secondFactorRequired = user.totpSecret !== null;
      const expiresAt = computeSessionExpiresAt(now);
      await db.transaction().execute(async (trx) => {
        await deleteExpiredSessions(trx, now);
        await insertSession(trx, { id: hashToken(token), userId: user.id, createdAt: now, lastSeenAt: now, expiresAt, secondFactorDone: !secondFactorRequired });
        if (!secondFactorRequired) {
          await insertLoginAttempt(trx, login, now, true);
          await updateUser(trx, user.id, { failedLogins: 0, lastLoginAt: now });
          await auditAccountEvent(trx, { at: nowDate, actor: user.login, action: 'user.login', login: user.login, detail: { secondFactor: false } });
        }
      });
      return { token, secondFactorRequired, mustChangePassword: user.mustChangePassword, expiresAt };
    },

    /** The TOTP code of a session waiting for it. A wrong code counts as a failed login. */
    async verifySecondFactor(token: string, code: string, nowDate: Date): Promise<LoginResult> {
      const now = nowDate.getTime();
      const { session, user } = await loadSession(token, now);
      if (session.secondFactorDone || user.totpSecret === null) {
        throw new DomainError('CONFLICT', 'Second factor not pending', '本次登录无需输入动态验证码。');
      }
      if (isLocked(user.lockedUntil, now)) throw lockedError(user.lockedUntil ?? now);
      const step = verifyTotp(secretBox.open(user.totpSecret), code, now, user.totpLastStep);
      if (step === undefined) {
        const lockedUntil = await recordFailure(user, user.login, now, 'totp');
        if (lockedUntil !== null) throw lockedError(lockedUntil);
        throw unauthenticated('Wrong TOTP code', '动态验证码不正确或已使用过，请输入身份验证器上的最新验证码。', { reason: 'totp' });
      }
      await db.transaction().execute(async (trx) => {
        await updateSession(trx, session.id, { secondFactorDone: true, lastSeenAt: now });
        await insertLoginAttempt(trx, user.login, now, true);
        await updateUser(trx, user.id, { failedLogins: 0, lastLoginAt: now, totpLastStep: step });
        await auditAccountEvent(trx, { at: nowDate, actor: user.login, action: 'user.login', login: user.login, detail: { secondFactor: true } });
      });
      return { token, secondFactorRequired: false, mustChangePassword: user.mustChangePassword, expiresAt: session.expiresAt };
    },

    /**
     * The user behind a session token, with roles per agency; refreshes the idle clock. Refuses
     * expired sessions and sessions still waiting for their second factor. A session whose user
     * must change the password is returned (user.mustChangePassword): see requireReady.
     */
    async authenticate(token: string, nowDate: Date): Promise<AuthenticatedSession> {
      const now = nowDate.getTime();
      const { session, user } = await loadSession(token, now);
      if (!session.secondFactorDone) throw unauthenticated('Second factor pending', '请先输入动态验证码完成登录。', { reason: 'secondFactor' });
      await updateSession(db, session.id, { lastSeenAt: now });
      const [summary] = await summarize([user]);
      if (summary === undefined) throw new Error('summary missing');
      return { sessionId: session.id, user: summary, rolesByAgency: summary.rolesByAgency, expiresAt: session.expiresAt };
    },

    /** Refuses everything but changing the password while an initial or reset password is in use (8.1.4.1). */
    requireReady(session: AuthenticatedSession): void {
      if (session.user.mustChangePassword) {
        throw new DomainError('FORBIDDEN', 'Password change required', '请先修改初始密码，再进行其他操作。', { reason: 'mustChangePassword' });
      }
    },

    async logout(token: string): Promise<void> {
      const sessionId = hashToken(token);
      const session = await findSession(db, sessionId);
      await db.transaction().execute(async (trx) => {
        await deleteSession(trx, sessionId);
        const user = session === undefined ? undefined : await findUserById(trx, session.userId);
        if (user !== undefined) await auditAccountEvent(trx, { at: new Date(), actor: user.login, action: 'user.logout', login: user.login });
      });
    },

    /** Checks the current password and the rules; other sessions of the user end. */
    async changePassword(session: AuthenticatedSession, currentPassword: string, newPassword: string): Promise<UserSummary> {
      const user = await getUser(session.user.id);
      if (!(await verifyPassword(currentPassword, user.passwordHash))) {
        throw new DomainError('BAD_INPUT', 'Current password wrong', '原密码不正确。', { field: 'currentPassword' });
      }
      await checkNewPassword(user, newPassword);
      const passwordHash = await hashPassword(newPassword);
      return db.transaction().execute(async (trx) => {
        await updateUser(trx, user.id, { passwordHash, mustChangePassword: false });
        await deleteUserSessions(trx, user.id, session.sessionId);
        await auditAccountEvent(trx, { at: new Date(), actor: user.login, action: 'user.passwordChanged', login: user.login });
        return summaryOf(user.id, trx);
      });
    },

    /** Starts TOTP enrolment: a new secret to scan; it takes effect once a code from it is confirmed. */
    async enrolTotp(session: AuthenticatedSession): Promise<{ secret: string; uri: string }> {
      const user = await getUser(session.user.id);
      if (user.totpSecret !== null) throw new DomainError('CONFLICT', 'TOTP already on', '已启用动态验证码；如需更换，请先停用。');
      const secret = generateTotpSecret();
      await db.transaction().execute(async (trx) => updateUser(trx, user.id, { totpPendingSecret: secretBox.seal(secret) }));
      return { secret, uri: totpUri(secret, user.login, issuer) };
    },

    async confirmTotp(session: AuthenticatedSession, code: string, nowDate: Date): Promise<UserSummary> {
      const user = await getUser(session.user.id);
      if (user.totpPendingSecret === null) throw new DomainError('CONFLICT', 'No TOTP enrolment pending', '请先开始绑定身份验证器。');
      const step = verifyTotp(secretBox.open(user.totpPendingSecret), code, nowDate.getTime());
      if (step === undefined) throw new DomainError('BAD_INPUT', 'Wrong TOTP code', '动态验证码不正确，请核对身份验证器的时间后重试。', { field: 'code' });
      return db.transaction().execute(async (trx) => {
        await updateUser(trx, user.id, { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpLastStep: step });
        await auditAccountEvent(trx, { at: nowDate, actor: user.login, action: 'user.totpEnabled', login: user.login });
        return summaryOf(user.id, trx);
      });
    },

    /** Turns TOTP off for oneself; asks for the password again. */
    async disableTotp(session: AuthenticatedSession, password: string): Promise<UserSummary> {
      const user = await getUser(session.user.id);
      if (!(await verifyPassword(password, user.passwordHash))) {
        throw new DomainError('BAD_INPUT', 'Password wrong', '密码不正确。', { field: 'password' });
      }
      return db.transaction().execute(async (trx) => {
        await updateUser(trx, user.id, { totpSecret: null, totpPendingSecret: null, totpLastStep: null });
        await auditAccountEvent(trx, { at: new Date(), actor: user.login, action: 'user.totpDisabled', login: user.login });
        return summaryOf(user.id, trx);
      });
    },
  };
}
