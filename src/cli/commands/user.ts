// gongkai user create --login L --name NAME --agency CODE --roles admin,leader [--password-file F]
// — the trusted local operator (who holds the database) creates an account, e.g. the first
// administrator, who then manages the others in the browser. Without --password-file a random
// initial password is generated and printed once; either way it must be changed at first login
// (等保 2.0 8.1.4.1).
// gongkai user list — every account with its roles per agency.
import { randomInt } from 'node:crypto';
import { validatePassword } from '../../domain/account/password-policy.ts';
import type { Role } from '../../domain/account/roles.ts';
import { isRole, ROLE_CODES, ROLE_LABELS } from '../../domain/account/roles.ts';
import { DomainError } from '../../domain/domain-error.ts';
import type { UserSummary } from '../../server/accounts/accounts.service.ts';
import { createAccountsService, SYSTEM_ACTOR } from '../../server/accounts/accounts.service.ts';
import { connectDatabase } from '../../server/db/connect-database.ts';
import { migrateToLatest } from '../../server/db/migrate-to-latest.ts';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { readInputText } from '../read-input-file.ts';
import { databaseUrlFor } from './database-url.ts';

export interface UserCreateOptions {
  login: string;
  name: string;
  agency: string;
  roles: string;
  passwordFile?: string;
  json: boolean;
  database?: string;
}

export interface UserListOptions {
  json: boolean;
  database?: string;
}

// No 0/O, 1/l/I: the password is read off a screen and typed in.
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const ALPHABET = UPPER + LOWER + DIGITS;

function pick(chars: string): string {
  return chars[randomInt(chars.length)] ?? chars[0] ?? '';
}

/** Four groups of four joined by '-': upper, lower, digits and a symbol, about 90 bits. */
export function generateInitialPassword(login: string): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => pick(ALPHABET)).join(''));
    const password = groups.join('-');
    if (/[A-Z]/.test(password) && /[a-z]/.test(password) && /[0-9]/.test(password) && validatePassword(password, login).length === 0) return password;
  }
}

function parseRoles(text: string): Role[] {
  const roles = text.split(',').map((role) => role.trim()).filter((role) => role !== '');
  const unknown = roles.filter((role) => !isRole(role));
  if (roles.length === 0 || unknown.length > 0) {
    throw new DomainError(
      'BAD_INPUT',
      `--roles: unknown ${unknown.join(', ') || '(none)'}`,
      `--roles 须为以下角色代码，用逗号分隔：${ROLE_CODES.map((role) => `${role}（${ROLE_LABELS[role]}）`).join('、')}${unknown.length > 0 ? `；不认识：${unknown.join('、')}` : ''}`,
      { field: 'roles' },
    );
  }
  return [...new Set(roles.filter(isRole))];
}

async function withAccounts<T>(database: string | undefined, io: CliIo, work: (service: ReturnType<typeof createAccountsService>) => Promise<T>): Promise<T> {
  const connection = await connectDatabase(databaseUrlFor(database, io));
  try {
    await migrateToLatest(connection.db);
    return await work(createAccountsService({ db: connection.db }));
  } finally {
    await connection.close();
  }
}

function rolesText(user: UserSummary): string {
  const parts = Object.entries(user.rolesByAgency).map(([agency, roles]) => `${agency}：${ROLE_CODES.filter((role) => roles.includes(role)).map((role) => ROLE_LABELS[role]).join('、')}`);
  return parts.length === 0 ? '（无角色）' : parts.join('；');
}

export async function runUserCreate(options: UserCreateOptions, io: CliIo): Promise<ExitCode> {
  const roles = parseRoles(options.roles);
  const given = options.passwordFile === undefined ? undefined : (await readInputText(options.passwordFile, io.cwd)).replace(/^\uFEFF/, '').replace(/\r?\n$/, '');
  const initialPassword = given ?? generateInitialPassword(options.login);
  const user = await withAccounts(options.database, io, (service) =>
    service.createUser({ login: options.login, displayName: options.name, initialPassword, roles: [{ agencyCode: options.agency, roles }] }, SYSTEM_ACTOR, new Date()),
  );
  if (options.json) {
    writeLine(io.stdout, JSON.stringify({ login: user.login, displayName: user.displayName, rolesByAgency: user.rolesByAgency, mustChangePassword: user.mustChangePassword, ...(given === undefined ? { initialPassword } : {}) }, null, 2));
    return EXIT_OK;
  }
  writeLine(io.stdout, `已创建用户 ${user.login}（${user.displayName}）：${rolesText(user)}`);
  if (given === undefined) writeLine(io.stdout, `初始密码 initial password: ${initialPassword}`);
  writeLine(io.stdout, '首次登录时须修改初始密码 the password must be changed at first login.');
  return EXIT_OK;
}

export async function runUserList(options: UserListOptions, io: CliIo): Promise<ExitCode> {
  const users = await withAccounts(options.database, io, (service) => service.listUsers(SYSTEM_ACTOR));
  if (options.json) {
    writeLine(io.stdout, JSON.stringify(users.map((user) => ({ login: user.login, displayName: user.displayName, rolesByAgency: user.rolesByAgency, disabled: user.disabled, mustChangePassword: user.mustChangePassword, totpEnabled: user.totpEnabled })), null, 2));
    return EXIT_OK;
  }
  if (users.length === 0) {
    writeLine(io.stdout, '还没有用户。用 gongkai user create 创建第一个管理员 no users yet: create the first administrator with gongkai user create.');
    return EXIT_OK;
  }
  for (const user of users) {
    const flags = [user.disabled ? '已停用' : '', user.mustChangePassword ? '须修改初始密码' : '', user.totpEnabled ? '已启用动态验证码' : ''].filter((flag) => flag !== '');
    writeLine(io.stdout, `${user.login}\t${user.displayName}\t${rolesText(user)}${flags.length === 0 ? '' : `\t${flags.join('，')}`}`);
  }
  return EXIT_OK;
}
