// Accounts on real SQLite and (with TEST_DATABASE_URL) PostgreSQL. Every time is a fixed `now`.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { DomainError } from '../../domain/domain-error.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { withAccountTables } from './accounts.repository.ts';
import type { AccountsActor, AccountsService } from './accounts.service.ts';
import { createAccountsService, hashToken, SYSTEM_ACTOR } from './accounts.service.ts';
import { createSecretBox } from './secret-box.ts';
import { computeTotp, decodeBase32 } from './totp.ts';

const MINUTE = 60_000;
// 2026-11-28 16:00 Beijing time.
const T0 = Date.UTC(2026, 10, 28, 8, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * MINUTE);
const INITIAL = 'Chushi#2026a';
const NEW_PASSWORD = 'Xinmima#2026b';

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describeEachDatabase('accounts service', (database) => {
  let service: AccountsService;
  let counter = 0;
  /** A fresh login for each test, so tests do not share lockouts. */
  const freshLogin = (prefix: string) => `${prefix}${(counter += 1)}`;
  const createUser = (login: string, roles: { agencyCode: string; roles: ('clerk' | 'sectionChief' | 'leader' | 'admin' | 'auditor')[] }[] = []) =>
    service.createUser({ login, displayName: '张三', initialPassword: INITIAL, roles }, SYSTEM_ACTOR, at(0));

  beforeAll(async () => {
    const agencies = createAgenciesRepository(database.db);
    await agencies.createAgency({ code: 'city', name: '示范市示范局', level: 'municipal' });
    await agencies.createAgency({ code: 'town', name: '示范镇人民政府', level: 'township' });
    service = createAccountsService({ db: database.db });
  });

  it('creates a user whose initial password must be changed, and stores only hashes', async () => {
    const login = freshLogin('zhang');
    const user = await createUser(login, [{ agencyCode: 'city', roles: ['clerk'] }]);
    expect(user).toMatchObject({ login, displayName: '张三', mustChangePassword: true, totpEnabled: false, disabled: false, rolesByAgency: { city: ['clerk'] } });
    const result = await service.login(login, INITIAL, at(1));
    expect(result).toMatchObject({ secondFactorRequired: false, mustChangePassword: true, expiresAt: T0 + MINUTE + 12 * 60 * MINUTE });
    expect(result.token).toMatch(/^[0-9a-f]{64}$/);
    const db = withAccountTables(database.db);
    const row = await db.selectFrom('users').select('password_hash').where('login', '=', login).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    const sessions = await db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    expect(sessions.map((s) => s.id)).toEqual([hashToken(result.token)]);
  });

  it('refuses everything but the password change until the initial password is changed', async () => {
    const login = freshLogin('li');
    await createUser(login);
    const { token } = await service.login(login, INITIAL, at(1));
    const session = await service.authenticate(token, at(2));
    expect((await refusal(Promise.resolve().then(() => service.requireReady(session)))).userMessage).toBe('请先修改初始密码，再进行其他操作。');
    expect((await refusal(service.changePassword(session, 'Wrong#2026x', NEW_PASSWORD))).userMessage).toBe('原密码不正确。');
    expect((await refusal(service.changePassword(session, INITIAL, 'short'))).userMessage).toBe(
      '新密码不符合要求：密码长度不能少于10个字符；密码须包含大写字母、小写字母、数字、其他符号中的至少三类。',
    );
    expect((await refusal(service.changePassword(session, INITIAL, INITIAL))).userMessage).toBe('新密码不能与原密码相同。');
    // Another session of the same user ends with the change; this one stays.
    const other = await service.login(login, INITIAL, at(3));
    const changed = await service.changePassword(session, INITIAL, NEW_PASSWORD);
    expect(changed.mustChangePassword).toBe(false);
    const after = await service.authenticate(token, at(4));
    expect(() => service.requireReady(after)).not.toThrow();
    expect((await refusal(service.authenticate(other.token, at(4)))).userMessage).toBe('请先登录。');
    await expect(service.login(login, INITIAL, at(5))).rejects.toThrow('Unknown login or wrong password');
    expect((await service.login(login, NEW_PASSWORD, at(5))).mustChangePassword).toBe(false);
  });

  it('answers an unknown login and a wrong password with the same message', async () => {
    const login = freshLogin('wang');
    await createUser(login);
    const wrong = await refusal(service.login(login, 'Wrong#2026x', at(1)));
    const unknown = await refusal(service.login('nobody-here', 'Wrong#2026x', at(1)));
    expect(wrong.userMessage).toBe('登录名或密码不正确。');
    expect(unknown.userMessage).toBe(wrong.userMessage);
    expect(unknown.code).toBe(wrong.code);
  });

  it('locks after exactly 5 failures within 15 minutes, refuses even the right password, and unlocks after 15 minutes', async () => {
    const login = freshLogin('zhao');
    await createUser(login);
    for (const minute of [0, 1, 2, 3]) expect((await refusal(service.login(login, 'Wrong#2026x', at(minute)))).userMessage).toBe('登录名或密码不正确。');
    // The fifth failure, at 16:04 Beijing time, locks until 16:19.
    const fifth = await refusal(service.login(login, 'Wrong#2026x', at(4)));
    expect(fifth.userMessage).toBe('连续5次登录失败，账号已锁定，请于2026-11-28 16:19（北京时间）后再试。');
    const locked = await refusal(service.login(login, INITIAL, at(10)));
    expect(locked.userMessage).toBe('连续5次登录失败，账号已锁定，请于2026-11-28 16:19（北京时间）后再试。');
    await expect(service.login(login, INITIAL, at(19))).resolves.toMatchObject({ secondFactorRequired: false });
    const users = await service.listUsers(SYSTEM_ACTOR);
    expect(users.find((u) => u.login === login)).toMatchObject({ lockedUntil: T0 + 19 * MINUTE });
  });

  it('locks an unknown login exactly as a real one, so lockout does not tell which logins exist', async () => {
    const login = freshLogin('ghost');
    for (const minute of [0, 1, 2, 3]) expect((await refusal(service.login(login, 'Wrong#2026x', at(minute)))).userMessage).toBe('登录名或密码不正确。');
    expect((await refusal(service.login(login, 'Wrong#2026x', at(4)))).userMessage).toBe('连续5次登录失败，账号已锁定，请于2026-11-28 16:19（北京时间）后再试。');
    expect((await refusal(service.login(login, 'Wrong#2026x', at(18)))).userMessage).toBe('连续5次登录失败，账号已锁定，请于2026-11-28 16:19（北京时间）后再试。');
    expect((await refusal(service.login(login, 'Wrong#2026x', at(19)))).userMessage).toBe('登录名或密码不正确。');
  });

  it('does not lock on 4 failures, nor on failures spread beyond 15 minutes, and a success resets the count', async () => {
    const login = freshLogin('qian');
    await createUser(login);
    for (const minute of [0, 1, 2, 3]) await refusal(service.login(login, 'Wrong#2026x', at(minute)));
    await service.login(login, INITIAL, at(4));
    for (const minute of [5, 6, 7, 8]) expect((await refusal(service.login(login, 'Wrong#2026x', at(minute)))).userMessage).toBe('登录名或密码不正确。');
    // The failure at minute 5 is exactly 15 minutes old at minute 20: four count, no lock.
    expect((await refusal(service.login(login, 'Wrong#2026x', at(20)))).userMessage).toBe('登录名或密码不正确。');
    await expect(service.login(login, INITIAL, at(20))).resolves.toMatchObject({ mustChangePassword: true });
  });

  it('ends a session after 30 minutes idle, and keeps it alive while used', async () => {
    const login = freshLogin('sun');
    await createUser(login);
    const { token } = await service.login(login, INITIAL, at(0));
    await service.authenticate(token, at(29));
    await service.authenticate(token, at(58)); // 29 minutes after the last request
    const expired = await refusal(service.authenticate(token, at(88))); // exactly 30 minutes idle
    expect(expired.userMessage).toBe('超过30分钟未操作，登录已失效，请重新登录。');
    expect((await refusal(service.authenticate(token, at(89)))).userMessage).toBe('请先登录。');
  });

  it('ends a session 12 hours after login however busy', async () => {
    const login = freshLogin('zhou');
    await createUser(login);
    const { token } = await service.login(login, INITIAL, at(0));
    for (let minute = 25; minute < 720; minute += 25) await service.authenticate(token, at(minute));
    expect((await refusal(service.authenticate(token, at(720)))).userMessage).toBe('登录已超过12小时，请重新登录。');
  });

  it('logs out', async () => {
    const login = freshLogin('wu');
    await createUser(login);
    const { token } = await service.login(login, INITIAL, at(0));
    await service.logout(token);
    expect((await refusal(service.authenticate(token, at(1)))).userMessage).toBe('请先登录。');
  });

  it('asks for the TOTP code once enrolled, accepts it once, and counts wrong codes as failures', async () => {
    const login = freshLogin('zheng');
    await createUser(login);
    const first = await service.login(login, INITIAL, at(0));
    let session = await service.authenticate(first.token, at(0));
    session = { ...session, user: await service.changePassword(session, INITIAL, NEW_PASSWORD) };
    const { secret, uri } = await service.enrolTotp(session);
    expect(uri).toContain(`secret=${secret}`);
    const key = decodeBase32(secret) ?? Buffer.alloc(0);
    // Not in force until confirmed: a login still needs no code.
    expect((await service.login(login, NEW_PASSWORD, at(1))).secondFactorRequired).toBe(false);
    expect((await refusal(service.confirmTotp(session, '000000' === computeTotp(key, at(1).getTime()) ? '111111' : '000000', at(1)))).userMessage).toBe(
      '动态验证码不正确，请核对身份验证器的时间后重试。',
    );
    expect((await service.confirmTotp(session, computeTotp(key, at(1).getTime()), at(1))).totpEnabled).toBe(true);

    const pending = await service.login(login, NEW_PASSWORD, at(3));
    expect(pending.secondFactorRequired).toBe(true);
    expect((await refusal(service.authenticate(pending.token, at(3)))).userMessage).toBe('请先输入动态验证码完成登录。');
    const wrongCode = computeTotp(key, at(3).getTime()) === '123456' ? '654321' : '123456';
    expect((await refusal(service.verifySecondFactor(pending.token, wrongCode, at(3)))).userMessage).toBe('动态验证码不正确或已使用过，请输入身份验证器上的最新验证码。');
    const code = computeTotp(key, at(3).getTime());
    await service.verifySecondFactor(pending.token, code, at(3));
    expect((await service.authenticate(pending.token, at(4))).user.login).toBe(login);

    // The same code cannot open a second session.
    const again = await service.login(login, NEW_PASSWORD, at(3));
    expect((await refusal(service.verifySecondFactor(again.token, code, at(3)))).userMessage).toBe('动态验证码不正确或已使用过，请输入身份验证器上的最新验证码。');
    // Five minutes to enter the code.
    const late = await service.login(login, NEW_PASSWORD, at(10));
    expect((await refusal(service.verifySecondFactor(late.token, computeTotp(key, at(15).getTime()), at(15)))).userMessage).toBe('动态验证码输入超时，请重新登录。');

    // Turning it off asks for the password.
    const current = await service.authenticate(pending.token, at(5));
    expect((await refusal(service.disableTotp(current, 'Wrong#2026x'))).userMessage).toBe('密码不正确。');
    expect((await service.disableTotp(current, NEW_PASSWORD)).totpEnabled).toBe(false);
    expect((await service.login(login, NEW_PASSWORD, at(20))).secondFactorRequired).toBe(false);
  });

  it('stores the TOTP secret encrypted under the server key, and a second server with the same key reads it', async () => {
    const key = Buffer.alloc(32, 3);
    const boxed = createAccountsService({ db: database.db, secretBox: createSecretBox(key) });
    const login = freshLogin('wei');
    await createUser(login);
    const first = await boxed.login(login, INITIAL, at(0));
    let session = await boxed.authenticate(first.token, at(0));
    session = { ...session, user: await boxed.changePassword(session, INITIAL, NEW_PASSWORD) };
    const { secret } = await boxed.enrolTotp(session);
    const totpKey = decodeBase32(secret) ?? Buffer.alloc(0);
    await boxed.confirmTotp(session, computeTotp(totpKey, at(1).getTime()), at(1));
    const row = await withAccountTables(database.db).selectFrom('users').select('totp_secret').where('login', '=', login).executeTakeFirstOrThrow();
    expect(row.totp_secret?.startsWith('v1:')).toBe(true);
    expect(row.totp_secret).not.toContain(secret);
    // Another process (a restart, a second instance) with the same SECRET_KEY.
    const restarted = createAccountsService({ db: database.db, secretBox: createSecretBox(Buffer.from(key)) });
    const pending = await restarted.login(login, NEW_PASSWORD, at(3));
    await restarted.verifySecondFactor(pending.token, computeTotp(totpKey, at(3).getTime()), at(3));
    expect((await restarted.authenticate(pending.token, at(3))).user.login).toBe(login);
  });

  it('keeps roles per agency, replaced one agency at a time', async () => {
    const login = freshLogin('feng');
    const user = await createUser(login, [{ agencyCode: 'city', roles: ['clerk', 'sectionChief'] }]);
    await service.assignRoles(user.id, 'town', ['leader'], SYSTEM_ACTOR);
    const { token } = await service.login(login, INITIAL, at(0));
    expect((await service.authenticate(token, at(1))).rolesByAgency).toEqual({ city: ['clerk', 'sectionChief'], town: ['leader'] });
    const changed = await service.assignRoles(user.id, 'city', ['auditor'], SYSTEM_ACTOR);
    expect(changed.rolesByAgency).toEqual({ city: ['auditor'], town: ['leader'] });
    expect((await service.assignRoles(user.id, 'town', [], SYSTEM_ACTOR)).rolesByAgency).toEqual({ city: ['auditor'] });
    expect((await refusal(service.assignRoles(user.id, 'nowhere', ['clerk'], SYSTEM_ACTOR))).code).toBe('NOT_FOUND');
  });

  it('lets only holders of users.manage manage users, and only in their agency', async () => {
    const cityAdmin: AccountsActor = { kind: 'user', userId: 0, rolesByAgency: { city: ['admin'] } };
    const clerk: AccountsActor = { kind: 'user', userId: 0, rolesByAgency: { city: ['clerk'], town: ['leader'] } };
    const target = await createUser(freshLogin('chen'));
    expect((await service.assignRoles(target.id, 'city', ['clerk'], cityAdmin)).rolesByAgency).toEqual({ city: ['clerk'] });
    const otherAgency = await refusal(service.assignRoles(target.id, 'town', ['clerk'], cityAdmin));
    expect(otherAgency.code).toBe('FORBIDDEN');
    expect(otherAgency.userMessage).toBe('您没有权限管理用户和角色：只有系统管理员可以办理。');
    expect((await refusal(service.listUsers(clerk))).code).toBe('FORBIDDEN');
    expect((await refusal(service.createUser({ login: freshLogin('x'), displayName: '某', initialPassword: INITIAL }, clerk, at(0)))).code).toBe('FORBIDDEN');
    expect((await service.listUsers(cityAdmin)).some((u) => u.id === target.id)).toBe(true);
  });

  it('checks logins, names and initial passwords on creation', async () => {
    const login = freshLogin('chu');
    await createUser(login);
    expect((await refusal(createUser(login))).userMessage).toBe(`登录名“${login}”已被使用。`);
    expect((await refusal(createUser('a b'))).details.field).toBe('login');
    const weak = await refusal(service.createUser({ login: freshLogin('wei'), displayName: '魏', initialPassword: 'abc' }, SYSTEM_ACTOR, at(0)));
    expect(weak.userMessage).toMatch(/^初始密码不符合要求：密码长度不能少于10个字符/);
  });

  it('resets a password: unlocks, ends sessions and forces a change; disabling ends sessions too', async () => {
    const login = freshLogin('jiang');
    const user = await createUser(login);
    const { token } = await service.login(login, INITIAL, at(0));
    for (const minute of [1, 2, 3, 4, 5]) await refusal(service.login(login, 'Wrong#2026x', at(minute)));
    await service.resetPassword(user.id, 'Chongzhi#2026c', SYSTEM_ACTOR);
    expect((await refusal(service.authenticate(token, at(6)))).userMessage).toBe('请先登录。');
    const after = await service.login(login, 'Chongzhi#2026c', at(6));
    expect(after.mustChangePassword).toBe(true);
    await service.setDisabled(user.id, true, SYSTEM_ACTOR);
    expect((await refusal(service.authenticate(after.token, at(7)))).userMessage).toBe('请先登录。');
    expect((await refusal(service.login(login, 'Chongzhi#2026c', at(8)))).userMessage).toBe('该账号已停用，请联系系统管理员。');
  });
});

describeEachDatabase('accounts service: security events in the audit trail', (database) => {
  let service: AccountsService;

  beforeAll(async () => {
    await createAgenciesRepository(database.db).createAgency({ code: 'city', name: '示范市示范局', level: 'municipal' });
    service = createAccountsService({ db: database.db });
  });

  /** In the order of each chain: the platform's (chain 0) first, then an agency's (role changes there). */
  async function entriesFor(login: string) {
    return database.db
      .withTables<{ audit_entries: { chain_id: number; seq: number; actor: string; agency_id: number | null; action: string; subject: string; detail: string } }>()
      .selectFrom('audit_entries')
      .select(['actor', 'agency_id', 'action', 'detail'])
      .where('subject', '=', `user:${login}`)
      .orderBy('chain_id')
      .orderBy('seq')
      .execute();
  }

  it('records creation, sign-in, failures, the lock, the refused attempt while locked, password change and sign-out, in order', async () => {
    const admin = await service.createUser({ login: 'sec-admin', displayName: '管理员', initialPassword: INITIAL, roles: [{ agencyCode: 'city', roles: ['admin'] }] }, SYSTEM_ACTOR, at(0));
    const by: AccountsActor = { kind: 'user', userId: admin.id, rolesByAgency: { city: ['admin'] } };
    await service.createUser({ login: 'sec-user', displayName: '王五', initialPassword: INITIAL, roles: [{ agencyCode: 'city', roles: ['clerk'] }] }, by, at(0));
    const { token } = await service.login('sec-user', INITIAL, at(1));
    await service.changePassword(await service.authenticate(token, at(1)), INITIAL, NEW_PASSWORD);
    await service.logout(token);
    for (let minute = 2; minute <= 6; minute += 1) await refusal(service.login('sec-user', 'wrong-Password1', at(minute)));
    await refusal(service.login('sec-user', NEW_PASSWORD, at(7)));
    const entries = await entriesFor('sec-user');
    expect(entries.map((e) => [e.actor, e.action])).toEqual([
      ['sec-admin', 'user.created'],
      ['sec-user', 'user.login'],
      ['sec-user', 'user.passwordChanged'],
      ['sec-user', 'user.logout'],
      ['sec-user', 'user.loginFailed'],
      ['sec-user', 'user.loginFailed'],
      ['sec-user', 'user.loginFailed'],
      ['sec-user', 'user.loginFailed'],
      ['sec-user', 'user.loginFailed'],
      ['system', 'user.locked'],
      ['sec-user', 'user.loginFailed'],
    ]);
    expect(JSON.parse(entries[0]?.detail ?? '{}')).toEqual({ displayName: '王五', roles: [{ agencyCode: 'city', roles: ['clerk'] }] });
    expect(JSON.parse(entries[4]?.detail ?? '{}')).toEqual({ reason: 'password', knownLogin: true });
    // Locked at the fifth failure (minute 6) for 15 minutes.
    expect(JSON.parse(entries[9]?.detail ?? '{}')).toEqual({ failures: 5, lockedUntil: new Date(T0 + 21 * MINUTE).toISOString() });
    expect(JSON.parse(entries[10]?.detail ?? '{}')).toEqual({ reason: 'locked', knownLogin: true });
    // The password never appears in the trail.
    expect(JSON.stringify(entries)).not.toContain('wrong-Password1');
    expect(entries.every((e) => e.agency_id === null)).toBe(true);
  });

  it('records role changes under the agency, and disabling, by the administrator who did it', async () => {
    const admin = await service.createUser({ login: 'sec-admin2', displayName: '管理员', initialPassword: INITIAL, roles: [{ agencyCode: 'city', roles: ['admin'] }] }, SYSTEM_ACTOR, at(0));
    const by: AccountsActor = { kind: 'user', userId: admin.id, rolesByAgency: { city: ['admin'] } };
    const user = await service.createUser({ login: 'sec-user2', displayName: '赵六', initialPassword: INITIAL }, by, at(0));
    await service.assignRoles(user.id, 'city', ['clerk', 'sectionChief'], by);
    await service.setDisabled(user.id, true, by);
    const entries = await entriesFor('sec-user2');
    // Creation and disabling are platform-wide (chain 0); the role change is the agency's (its chain).
    expect(entries.map((e) => [e.actor, e.action])).toEqual([
      ['sec-admin2', 'user.created'],
      ['sec-admin2', 'user.disabled'],
      ['sec-admin2', 'user.rolesChanged'],
    ]);
    const city = await createAgenciesRepository(database.db).getAgencyByCode('city');
    expect(entries.map((e) => e.agency_id)).toEqual([null, null, city.id]);
    expect(JSON.parse(entries[2]?.detail ?? '{}')).toEqual({ agencyCode: 'city', roles: ['clerk', 'sectionChief'] });
  });
});
