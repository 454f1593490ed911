// `gongkai user create|list` on a temporary SQLite file: the created user signs in with the
// printed (or given) initial password and must change it before doing anything else.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gongkaiInProcess } from '../../../test/capture-cli-io.ts';
import { validatePassword } from '../../domain/account/password-policy.ts';
import { createAccountsService } from '../../server/accounts/accounts.service.ts';
import { createAgenciesRepository } from '../../server/agencies/agencies.repository.ts';
import { connectDatabase } from '../../server/db/connect-database.ts';
import { migrateToLatest } from '../../server/db/migrate-to-latest.ts';
import { generateInitialPassword } from './user.ts';

let dir: string;
let database: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-user-'));
  database = join(dir, 'gongkai.db');
  const setup = await connectDatabase(database);
  await migrateToLatest(setup.db);
  await createAgenciesRepository(setup.db).createAgency({ code: 'city', name: '示范市示范局', level: 'municipal' });
  await setup.close();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(login: string, password: string) {
  const connection = await connectDatabase(database);
  try {
    const service = createAccountsService({ db: connection.db });
    const result = await service.login(login, password, new Date());
    const session = await service.authenticate(result.token, new Date());
    let ready = true;
    try {
      service.requireReady(session);
    } catch {
      ready = false;
    }
    return { result, session, ready };
  } finally {
    await connection.close();
  }
}

describe('gongkai user', () => {
  it('says there are no users yet', async () => {
    const listed = await gongkaiInProcess(['user', 'list', '--database', database], dir);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('还没有用户');
  });

  it('creates an administrator with a generated initial password, which must be changed at first login', async () => {
    const created = await gongkaiInProcess(['user', 'create', '--login', 'wang.admin', '--name', '王管理', '--agency', 'city', '--roles', 'admin,leader', '--database', database], dir);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('已创建用户 wang.admin（王管理）：city：分管领导、系统管理员');
    const password = /初始密码 initial password: (\S+)/.exec(created.stdout)?.[1] ?? '';
    expect(validatePassword(password, 'wang.admin')).toEqual([]);
    const { result, session, ready } = await signIn('wang.admin', password);
    expect(result.mustChangePassword).toBe(true);
    expect([...(session.rolesByAgency.city ?? [])].sort()).toEqual(['admin', 'leader']);
    expect(ready).toBe(false);
  });

  it('takes the initial password from a file, and refuses a weak one, an unknown role, a taken login', async () => {
    writeFileSync(join(dir, 'pw.txt'), 'Chushi#2026b\n');
    const created = await gongkaiInProcess(['user', 'create', '--login', 'li.clerk', '--name', '李信息', '--agency', 'city', '--roles', 'clerk', '--password-file', 'pw.txt', '--database', database], dir);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).not.toContain('初始密码 initial password');
    expect((await signIn('li.clerk', 'Chushi#2026b')).result.mustChangePassword).toBe(true);

    writeFileSync(join(dir, 'weak.txt'), 'abc');
    const weak = await gongkaiInProcess(['user', 'create', '--login', 'zhao', '--name', '赵', '--agency', 'city', '--roles', 'clerk', '--password-file', 'weak.txt', '--database', database], dir);
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('初始密码不符合要求');
    const badRole = await gongkaiInProcess(['user', 'create', '--login', 'zhao', '--name', '赵', '--agency', 'city', '--roles', 'clerk,boss', '--database', database], dir);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('不认识：boss');
    const taken = await gongkaiInProcess(['user', 'create', '--login', 'li.clerk', '--name', '李', '--agency', 'city', '--roles', 'clerk', '--database', database], dir);
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toContain('登录名“li.clerk”已被使用');
    const noAgency = await gongkaiInProcess(['user', 'create', '--login', 'qian', '--name', '钱', '--agency', 'nowhere', '--roles', 'clerk', '--database', database], dir);
    expect(noAgency.stderr).toContain('找不到代码为“nowhere”的机关');
  });

  it('lists the users with their roles per agency', async () => {
    const listed = await gongkaiInProcess(['user', 'list', '--database', database], dir);
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\n')).toEqual([
      // By login.
      'li.clerk\t李信息\tcity：信息员\t须修改初始密码',
      'wang.admin\t王管理\tcity：分管领导、系统管理员\t须修改初始密码',
    ]);
    const json = JSON.parse((await gongkaiInProcess(['user', 'list', '--json', '--database', database], dir)).stdout) as { login: string; rolesByAgency: Record<string, string[]> }[];
    expect(json.map((u) => [u.login, Object.keys(u.rolesByAgency), [...(u.rolesByAgency.city ?? [])].sort()])).toEqual([
      ['li.clerk', ['city'], ['clerk']],
      ['wang.admin', ['city'], ['admin', 'leader']],
    ]);
  });

  it('generates passwords that pass the policy', () => {
    for (let i = 0; i < 50; i += 1) expect(validatePassword(generateInitialPassword('admin'), 'admin')).toEqual([]);
  });

  it('has Chinese and English help', async () => {
    const help = await gongkaiInProcess(['user', 'create', '--help'], dir);
    expect(help.stdout).toContain('创建用户');
    expect(help.stdout).toContain('create a user');
  });
});
