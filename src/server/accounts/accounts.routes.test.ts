// The accounts API on a bare Fastify app (buildApp registers the same plugin), on real
// SQLite and (with TEST_DATABASE_URL) PostgreSQL, with a clock the tests move.
import Fastify from 'fastify';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { registerErrorHandlers } from '../http-errors.ts';
import { accountRoutes } from './accounts.routes.ts';
import { createAccountsService, SYSTEM_ACTOR } from './accounts.service.ts';
import { computeTotp, decodeBase32 } from './totp.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 28, 8, 0, 0);
const ADMIN_PASSWORD = 'Guanli#2026a';

/** Not signed in: 401 (http-errors honours details.httpStatus 401), with the Chinese message. */
function expectNotSignedIn(response: LightMyRequestResponse, message: string): void {
  expect(response.statusCode).toBe(401);
  expect(response.json()).toEqual({ error: 'FORBIDDEN', message });
}

function cookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const value = Array.isArray(header) ? header[0] : header;
  return String(value).split(';')[0] ?? '';
}

describeEachDatabase('accounts API', (database) => {
  let app: FastifyInstance;
  let now = T0;
  let adminCookie = '';

  const request = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) =>
    app.inject({ method, url, ...(payload === undefined ? {} : { payload }), headers });
  const login = (name: string, password: string) => request('POST', '/api/auth/login', { login: name, password });

  beforeAll(async () => {
    await createAgenciesRepository(database.db).createAgency({ code: 'city', name: '示范市示范局', level: 'municipal' });
    await createAgenciesRepository(database.db).createAgency({ code: 'town', name: '示范镇人民政府', level: 'township' });
    const service = createAccountsService({ db: database.db });
    // The first administrator comes from the CLI (SYSTEM_ACTOR), then changes the initial password.
    await service.createUser({ login: 'admin1', displayName: '管理员', initialPassword: 'Chushi#2026a', roles: [{ agencyCode: 'city', roles: ['admin'] }] }, SYSTEM_ACTOR, new Date(T0));
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandlers(app);
    await app.register(accountRoutes, { service, now: () => new Date(now), db: database.db });
    await app.ready();
    const first = await login('admin1', 'Chushi#2026a');
    adminCookie = cookieOf(first);
    const changed = await request('POST', '/api/auth/password', { currentPassword: 'Chushi#2026a', newPassword: ADMIN_PASSWORD }, { cookie: adminCookie });
    expect(changed.statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
  });

  it('signs in with an HttpOnly, SameSite=Strict cookie and answers /me with roles and permitted actions', async () => {
    const response = await login('admin1', ADMIN_PASSWORD);
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^gongkai_session=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$/);
    const body = response.json();
    expect(body).toEqual({ token: setCookie.slice('gongkai_session='.length, 'gongkai_session='.length + 64), secondFactorRequired: false, mustChangePassword: false, expiresAt: '2026-11-28T20:00:00.000Z' });
    const me = await request('GET', '/api/auth/me', undefined, { cookie: cookieOf(response) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      login: 'admin1',
      displayName: '管理员',
      mustChangePassword: false,
      totpEnabled: false,
      rolesByAgency: { city: ['admin'] },
      agencyNames: { city: '示范市示范局' },
      idleMinutes: 30,
    });
    expect(me.json().actionsByAgency.city).toContain('users.manage');
    // The same token as a Bearer header.
    const bearer = await request('GET', '/api/auth/me', undefined, { authorization: `Bearer ${body.token}` });
    expect(bearer.json().login).toBe('admin1');
  });

  it('refuses a wrong password and an unknown login alike, and an anonymous /me', async () => {
    expectNotSignedIn(await login('admin1', 'Wrong#2026xy'), '登录名或密码不正确。');
    expectNotSignedIn(await login('nobody', 'Wrong#2026xy'), '登录名或密码不正确。');
    expectNotSignedIn(await request('GET', '/api/auth/me'), '请先登录。');
    const empty = await request('POST', '/api/auth/login', { login: '', password: 'x' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toEqual({ error: 'BAD_INPUT', message: '登录名为空或过短' });
  });

  it('lets an administrator create a user, who must change the initial password before anything else', async () => {
    const created = await request(
      'POST',
      '/api/users',
      { login: 'clerk1', displayName: '李四', initialPassword: 'Chushi#2026b', roles: [{ agencyCode: 'city', roles: ['clerk'] }] },
      { cookie: adminCookie },
    );
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ login: 'clerk1', mustChangePassword: true, rolesByAgency: { city: ['clerk'] }, lockedUntil: null, createdAt: '2026-11-28T08:00:00.000Z' });
    expect(JSON.stringify(created.json())).not.toMatch(/scrypt|password_hash|totp_secret/);

    const signedIn = await login('clerk1', 'Chushi#2026b');
    expect(signedIn.json().mustChangePassword).toBe(true);
    const cookie = cookieOf(signedIn);
    const enrol = await request('POST', '/api/auth/totp/enrol', undefined, { cookie });
    expect(enrol.statusCode).toBe(403);
    expect(enrol.json()).toEqual({ error: 'FORBIDDEN', message: '请先修改初始密码，再进行其他操作。' });
    const weak = await request('POST', '/api/auth/password', { currentPassword: 'Chushi#2026b', newPassword: 'clerk1abcdef' }, { cookie });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toBe('新密码不符合要求：密码须包含大写字母、小写字母、数字、其他符号中的至少三类；密码不能包含登录名。');
    const changed = await request('POST', '/api/auth/password', { currentPassword: 'Chushi#2026b', newPassword: 'Xinmima#2026c' }, { cookie });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().mustChangePassword).toBe(false);

    // A clerk is no administrator.
    const list = await request('GET', '/api/users', undefined, { cookie });
    expect(list.statusCode).toBe(403);
    expect(list.json().message).toBe('您没有权限管理用户和角色：只有系统管理员可以办理。');
  });

  it('sets roles per agency, only where the administrator is one', async () => {
    const users = (await request('GET', '/api/users', undefined, { cookie: adminCookie })).json().users as { id: number; login: string }[];
    const clerk = users.find((user) => user.login === 'clerk1');
    expect(users.map((user) => user.login)).toEqual(['admin1', 'clerk1']);
    const put = await request('PUT', `/api/users/${clerk?.id}/roles`, { agencyCode: 'city', roles: ['clerk', 'sectionChief'] }, { cookie: adminCookie });
    expect(put.statusCode).toBe(200);
    expect(put.json().rolesByAgency).toEqual({ city: ['clerk', 'sectionChief'] });
    const elsewhere = await request('PUT', `/api/users/${clerk?.id}/roles`, { agencyCode: 'town', roles: ['leader'] }, { cookie: adminCookie });
    expect(elsewhere.statusCode).toBe(403);
    const badRole = await request('PUT', `/api/users/${clerk?.id}/roles`, { agencyCode: 'city', roles: ['boss'] }, { cookie: adminCookie });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().message).toBe('角色取值不在允许的范围内');
  });

  it('signs in with TOTP in two steps and signs out', async () => {
    const created = await request('POST', '/api/users', { login: 'leader1', displayName: '王五', initialPassword: 'Chushi#2026d' }, { cookie: adminCookie });
    expect(created.statusCode).toBe(201);
    let cookie = cookieOf(await login('leader1', 'Chushi#2026d'));
    await request('POST', '/api/auth/password', { currentPassword: 'Chushi#2026d', newPassword: 'Xinmima#2026e' }, { cookie });
    const enrol = await request('POST', '/api/auth/totp/enrol', undefined, { cookie });
    expect(enrol.statusCode).toBe(200);
    const key = decodeBase32(enrol.json().secret) ?? Buffer.alloc(0);
    const confirm = await request('POST', '/api/auth/totp/confirm', { code: computeTotp(key, now) }, { cookie });
    expect(confirm.json().totpEnabled).toBe(true);

    now = T0 + 2 * MINUTE;
    const first = await login('leader1', 'Xinmima#2026e');
    expect(first.json()).toMatchObject({ secondFactorRequired: true });
    cookie = cookieOf(first);
    expectNotSignedIn(await request('GET', '/api/auth/me', undefined, { cookie }), '请先输入动态验证码完成登录。');
    const badCode = await request('POST', '/api/auth/totp', { code: '12345' }, { cookie });
    expect(badCode.json()).toEqual({ error: 'BAD_INPUT', message: '动态验证码格式不正确' });
    const second = await request('POST', '/api/auth/totp', { code: computeTotp(key, now) }, { cookie });
    expect(second.statusCode).toBe(200);
    expect((await request('GET', '/api/auth/me', undefined, { cookie })).json().login).toBe('leader1');

    const out = await request('POST', '/api/auth/logout', undefined, { cookie });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^gongkai_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0/);
    expectNotSignedIn(await request('GET', '/api/auth/me', undefined, { cookie }), '请先登录。');
  });

  it('locks after 5 failures with the time in the message, and expires an idle session after 30 minutes', async () => {
    now = T0 + 60 * MINUTE; // 17:00 Beijing time
    const cookie = cookieOf(await login('clerk1', 'Xinmima#2026c'));
    now = T0 + 61 * MINUTE;
    for (let attempt = 1; attempt <= 4; attempt += 1) expectNotSignedIn(await login('clerk1', 'Wrong#2026xy'), '登录名或密码不正确。');
    expectNotSignedIn(await login('clerk1', 'Wrong#2026xy'), '连续5次登录失败，账号已锁定，请于2026-11-28 17:16（北京时间）后再试。');
    // The lock ended the open session too.
    expectNotSignedIn(await request('GET', '/api/auth/me', undefined, { cookie }), '请先登录。');
    now = T0 + 76 * MINUTE;
    const again = await login('clerk1', 'Xinmima#2026c');
    expect(again.statusCode).toBe(200);
    now = T0 + 106 * MINUTE;
    expectNotSignedIn(await request('GET', '/api/auth/me', undefined, { cookie: cookieOf(again) }), '超过30分钟未操作，登录已失效，请重新登录。');
  });

  it('resets a password and disables a user', async () => {
    const users = (await request('GET', '/api/users', undefined, { cookie: cookieOf(await login('admin1', ADMIN_PASSWORD)) })).json().users as { id: number; login: string }[];
    const adminNow = cookieOf(await login('admin1', ADMIN_PASSWORD));
    const leader = users.find((user) => user.login === 'leader1');
    const reset = await request('POST', `/api/users/${leader?.id}/password`, { initialPassword: 'Chongzhi#2026f' }, { cookie: adminNow });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().mustChangePassword).toBe(true);
    const disabled = await request('PUT', `/api/users/${leader?.id}/disabled`, { disabled: true }, { cookie: adminNow });
    expect(disabled.json().disabled).toBe(true);
    expectNotSignedIn(await login('leader1', 'Chongzhi#2026f'), '该账号已停用，请联系系统管理员。');
    const missing = await request('PUT', '/api/users/99999/roles', { agencyCode: 'city', roles: [] }, { cookie: adminNow });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('找不到编号为 99999 的用户。');
  });
});
