// `gongkai application …` on a temporary SQLite file. Dates are counted by hand on the 2025
// arrangement (国办发明电〔2024〕12号): 国庆节、中秋节 1–8 October off, Sunday 28 September and
// Saturday 11 October worked; November 2025 has no holiday.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgenciesRepository } from '../../server/agencies/agencies.repository.ts';
import { connectDatabase } from '../../server/db/connect-database.ts';
import { migrateToLatest } from '../../server/db/migrate-to-latest.ts';
import type { CliOutput } from '../../../test/capture-cli-io.ts';
import type { CliIo } from '../cli-io.ts';
import { captureIo, gongkaiInProcess } from '../../../test/capture-cli-io.ts';
import { runApplicationEvent } from './application-event.ts';
import { runApplicationList } from './application-list.ts';
import { runApplicationReceive } from './application-receive.ts';
import { runApplicationShow } from './application-show.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/gongkai.js');
// GB 11643's own example: Σ(ai×Wi) = 167, 167 mod 11 = 2 → X.
const ID_NUMBER = '11010519491231002X';

type Output = CliOutput;

function gongkai(args: readonly string[], cwd: string): Promise<Output> {
  return new Promise((done) => {
    execFile('node', [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '' } }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

function intake(receivedOn: string, overrides: Record<string, unknown> = {}) {
  return {
    channel: 'in_person',
    receivedOn,
    applicant: { type: 'natural_person', name: '张三', idNumber: ID_NUMBER, phone: '13800000000' },
    requestedInformation: '2024年示范路改造工程的招标文件',
    requestedForm: '纸质',
    deliveryMethod: '邮寄',
    ...overrides,
  };
}

const CORRECTION = { kind: 'correctionRequested', at: '2025-09-29', items: ['请写明所需信息的名称或文号'], correctionDueOn: '2025-10-20' };

let dir: string;
let database: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-application-'));
  database = join(dir, 'cases.db');
  const connection = await connectDatabase(database);
  await migrateToLatest(connection.db);
  const agencies = createAgenciesRepository(connection.db);
  await agencies.createAgency({ code: 'city', name: '示范市示范局', level: 'municipal' });
  await agencies.createAgency({ code: 'town', name: '示范镇人民政府', level: 'township' });
  await connection.close();
  const write = (name: string, value: unknown) => writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
  write('sep26.json', intake('2025-09-26'));
  write('oct09.json', intake('2025-10-09', { channel: 'online' }));
  write('nov03.json', intake('2025-11-03'));
  write('correction.json', CORRECTION);
  write('corrected.json', { kind: 'correctionReceived', at: '2025-10-15' });
  write('broken.json', '{"channel": "in_person",');
  write('bad-date.json', intake('2025-02-29'));
  write('bad-id.json', intake('2025-09-26', { applicant: { type: 'natural_person', name: '李四', idNumber: '110105194912310021' } }));
  write('bad-kind.json', { kind: 'approved', at: '2025-09-29' });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('gongkai application (child process)', () => {
  it('--help lists the four commands, and the alias `case` works', async () => {
    const [help, alias, top] = await Promise.all([gongkai(['application', '--help'], ROOT), gongkai(['case', 'event', '--help'], ROOT), gongkai(['--help'], ROOT)]);
    expect(help.code).toBe(0);
    for (const command of ['receive', 'show', 'list', 'event']) expect(help.stdout).toContain(command);
    expect(help.stdout).toContain('依申请公开');
    expect(alias.code).toBe(0);
    expect(alias.stdout).toContain('--expected-version');
    expect(top.stdout).toContain('4  冲突');
  });

  it('receive → show → event → show, and a stale version exits 4', async () => {
    const db = join(dir, 'child.db');
    const setup = await connectDatabase(db);
    await migrateToLatest(setup.db);
    await createAgenciesRepository(setup.db).createAgency({ code: 'demo', name: '示范局', level: 'county' });
    await setup.close();

    const received = await gongkai(['application', 'receive', '--agency', 'demo', '--file', 'sep26.json', '--actor', 'u-clerk', '--database', db], dir);
    expect(received.stderr).toBe('');
    expect(received.code).toBe(0);
    expect(received.stdout).toContain('已登记申请：DEMO-2025-000001');
    expect(received.stdout).toMatch(/查询码：[A-Z2-9]{12}\n/);
    expect(received.stdout).toContain('查询码只显示这一次');

    // Received Friday 26 Sep: 9-28 Sun 调休 1, 9-29 2, 9-30 3, 10-1..8 off, 10-9 4, 10-10 5, 10-11 Sat 调休 6,
    // 10-13 7 (补正告知), 10-14..17 8-11, 10-20..24 12-16, 10-27..30 17-20 → reply due Thursday 30 October.
    const shown = await gongkai(['case', 'show', 'DEMO-2025-000001', '--database', db], dir);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('办理状态：办理中');
    expect(shown.stdout).toContain('收到申请之日：2025年9月26日（星期五）');
    expect(shown.stdout).toContain('补正告知期限：2025年10月13日（星期一）');
    expect(shown.stdout).toContain('答复期限：2025年10月30日（星期四）');
    expect(shown.stdout).toContain('版本号：1');
    expect(shown.stdout).toMatch(/1\s+2025-09-26\s+登记收到申请\s+u-clerk/);

    const recorded = await gongkai(['application', 'event', 'DEMO-2025-000001', '--file', 'correction.json', '--expected-version', '1', '--actor', 'u-clerk', '--database', db], dir);
    expect(recorded.stderr).toBe('');
    expect(recorded.code).toBe(0);
    expect(recorded.stdout).toContain('已登记：告知补正（DEMO-2025-000001，版本号 2）');

    const after = await gongkai(['application', 'show', 'DEMO-2025-000001', '--json', '--database', db], dir);
    const details = JSON.parse(after.stdout) as { state: string; version: number; clock: { dueOn: string | null }; history: { kind: string; actor: string }[] };
    expect(details).toMatchObject({ state: 'awaiting_correction', version: 2, clock: { dueOn: null } });
    expect(details.history.map((h) => [h.kind, h.actor])).toEqual([
      ['received', 'u-clerk'],
      ['correctionRequested', 'u-clerk'],
    ]);

    const stale = await gongkai(['application', 'event', 'DEMO-2025-000001', '--file', 'corrected.json', '--expected-version', '1', '--actor', 'u-other', '--database', db], dir);
    expect(stale.code).toBe(4);
    expect(stale.stdout).toBe('');
    expect(stale.stderr).toContain('错误：该申请已被他人修改，请刷新后重试');
    expect(stale.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('gongkai application (in process, today fixed)', () => {
  const run = async (today: string, action: (io: CliIo, deps: { today: () => string }) => Promise<number>): Promise<Output> => {
    const { io, output } = captureIo(dir);
    const code = await action(io, { today: () => today });
    return { ...output(), code };
  };

  it('follows one case: receive, show, correction requested, corrected, list --due-soon', async () => {
    const received = await run('2025-09-26', (io, deps) => runApplicationReceive({ agency: 'city', file: 'sep26.json', actor: 'u-clerk', json: true, database }, io, deps));
    const { trackingNumber, queryCode } = JSON.parse(received.stdout) as { trackingNumber: string; queryCode: string };
    expect(trackingNumber).toBe('CITY-2025-000001');
    expect(queryCode).toMatch(/^[A-Z2-9]{12}$/);

    // On the day of receipt all 20 working days are left (due 30 October, counted above).
    const first = await run('2025-09-26', (io, deps) => runApplicationShow(trackingNumber, { json: false, database }, io, deps));
    expect(first.stdout).toContain('答复期限：2025年10月30日（星期四）');
    expect(first.stdout).toContain('期限状态：还剩20个工作日');
    expect(first.stdout).toContain('9月28日（星期日）为调休上班日，计入');
    expect(first.stdout).toContain('10月11日（星期六）为调休上班日，计入');
    expect(first.stdout).toContain('期限届满日为2025年10月30日（星期四）');
    expect(first.stdout).not.toContain('暂定');

    const asked = await run('2025-09-29', (io, deps) => runApplicationEvent(trackingNumber, { file: 'correction.json', expectedVersion: '1', actor: 'u-clerk', json: false, database }, io, deps));
    expect(asked.stdout).toContain('办理状态：等待补正');
    expect(asked.stdout).toContain('答复期限：无（尚未开始计算）');
    expect(asked.stdout).toContain('期限状态：尚未开始计算');
    expect(asked.stdout).toMatch(/2\s+2025-09-29\s+告知补正\s+u-clerk\s+补正事项：请写明所需信息的名称或文号；补正期限至2025年10月20日/);

    const shown = await run('2025-10-01', (io, deps) => runApplicationShow(trackingNumber, { json: false, database }, io, deps));
    expect(shown.stdout).toContain('办理状态：等待补正');
    expect(shown.stdout).toContain('2025年9月29日一次性告知补正（第三十条），补正期限至2025年10月20日。');
    expect(shown.stdout).toContain('版本号：2');

    // Corrected Wednesday 15 Oct: 10-16 1, 10-17 2, 10-20..24 3-7, 10-27..31 8-12, 11-3..7 13-17,
    // 11-10 18, 11-11 19, 11-12 20 → due Wednesday 12 November.
    await run('2025-10-15', (io, deps) => runApplicationEvent(trackingNumber, { file: 'corrected.json', expectedVersion: '2', actor: 'u-clerk', json: false, database }, io, deps));
    // Received 9 Oct: 10-10 1, 10-11 Sat 调休 2, 10-13..17 3-7, 10-20..24 8-12, 10-27..31 13-17, 11-3..5 18-20 → due 5 Nov.
    await run('2025-10-09', (io, deps) => runApplicationReceive({ agency: 'city', file: 'oct09.json', actor: 'u-clerk', json: false, database }, io, deps));
    // Received 3 Nov: 11-4..7 1-4, 11-10..14 5-9, 11-17..21 10-14, 11-24..28 15-19, 12-1 20 → due 1 December.
    await run('2025-11-03', (io, deps) => runApplicationReceive({ agency: 'city', file: 'nov03.json', actor: 'u-clerk', json: false, database }, io, deps));

    // Thursday 6 November: CITY-1 has 11-7, 11-10, 11-11, 11-12 left (4, due soon); CITY-2 is 1 working day late.
    const today = '2025-11-06';
    const all = await run(today, (io, deps) => runApplicationList({ agency: 'city', dueSoon: false, overdue: false, json: false, database }, io, deps));
    const lines = all.stdout.split('\n');
    expect(lines[0]).toMatch(/^申请编号\s+收到日期\s+状态\s+答复期限\s+剩余工作日\s+标记$/);
    expect(all.stdout).toMatch(/CITY-2025-000001\s+2025-09-26\s+办理中\s+2025-11-12\s+4\s+即将到期/);
    expect(all.stdout).toMatch(/CITY-2025-000002\s+2025-10-09\s+办理中\s+2025-11-05\s+-1\s+已超期/);
    expect(all.stdout).toMatch(/CITY-2025-000003\s+2025-11-03\s+办理中\s+2025-12-01\s+17\n/);
    expect(all.stdout).toContain('共 3 件。');

    const dueSoon = await run(today, (io, deps) => runApplicationList({ agency: 'city', dueSoon: true, overdue: false, json: false, database }, io, deps));
    expect(dueSoon.stdout).toContain('CITY-2025-000001');
    expect(dueSoon.stdout).not.toContain('CITY-2025-000002');
    expect(dueSoon.stdout).not.toContain('CITY-2025-000003');
    expect(dueSoon.stdout).toContain('共 1 件。');

    const both = await run(today, (io, deps) => runApplicationList({ agency: 'city', dueSoon: true, overdue: true, json: true, database }, io, deps));
    const listed = (JSON.parse(both.stdout) as { applications: { trackingNumber: string; workingDaysLeft: number; dueSoon: boolean; overdue: boolean }[] }).applications;
    expect(listed.map((a) => [a.trackingNumber, a.workingDaysLeft, a.dueSoon, a.overdue])).toEqual([
      ['CITY-2025-000001', 4, true, false],
      ['CITY-2025-000002', -1, false, true],
    ]);

    const found = await run(today, (io, deps) => runApplicationList({ agency: 'city', dueSoon: false, overdue: false, search: 'city-2025-000002', json: false, database }, io, deps));
    expect(found.stdout).toContain('CITY-2025-000002');
    expect(found.stdout).not.toContain('CITY-2025-000001');
    expect(found.stdout).toContain('共 1 件。');
    const paged = await run(today, (io, deps) => runApplicationList({ agency: 'city', dueSoon: false, overdue: false, limit: '2', offset: '1', json: false, database }, io, deps));
    expect(paged.stdout).not.toContain('CITY-2025-000001');
    expect(paged.stdout).toMatch(/CITY-2025-000002[^]*CITY-2025-000003/);
    expect(paged.stdout).toContain('共 3 件，此处列出第 2–3 件（用 --offset 翻页）。');

    const otherAgency = await run(today, (io, deps) => runApplicationList({ agency: 'town', dueSoon: false, overdue: false, json: false, database }, io, deps));
    expect(otherAgency.stdout).toBe('没有符合条件的申请。\n');
  });
});

describe('gongkai application: bad input and conflicts (in process)', () => {
  it('refuses a file that is not JSON, a date that does not exist, a wrong check digit: exit 2, nothing written', async () => {
    const broken = await gongkaiInProcess(['application', 'receive', '--agency', 'town', '--file', 'broken.json', '--database', database], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('错误：broken.json：不是有效的 JSON 文件');

    const badDate = await gongkaiInProcess(['application', 'receive', '--agency', 'town', '--file', 'bad-date.json', '--database', database], dir);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('错误：bad-date.json：收到申请之日（receivedOn）不是有效的日期');

    // 1101051949123100 2 + weights → check character X, not 1.
    const badId = await gongkaiInProcess(['application', 'receive', '--agency', 'town', '--file', 'bad-id.json', '--database', database], dir);
    expect(badId.code).toBe(2);
    expect(badId.stderr).toContain('错误：申请人身份证号码（applicant.idNumber）有误');

    const missing = await gongkaiInProcess(['application', 'receive', '--agency', 'town', '--file', 'nowhere.json', '--database', database], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('错误：无法读取文件：nowhere.json（文件不存在）');

    const list = await gongkaiInProcess(['application', 'list', '--agency', 'town', '--database', database], dir);
    expect(list.stdout).toBe('没有符合条件的申请。\n');
  });

  it('names the field of a bad event, an unknown case, a bad version, a bad --state', async () => {
    const intakeTown = await gongkaiInProcess(['application', 'receive', '--agency', 'town', '--file', 'sep26.json', '--json', '--database', database], dir);
    const { trackingNumber } = JSON.parse(intakeTown.stdout) as { trackingNumber: string };
    expect(trackingNumber).toBe('TOWN-2025-000001');

    const badKind = await gongkaiInProcess(['application', 'event', trackingNumber, '--file', 'bad-kind.json', '--expected-version', '1', '--actor', 'u', '--database', database], dir);
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain('错误：bad-kind.json：办理事项类型（kind）');

    const unknown = await gongkaiInProcess(['application', 'show', 'TOWN-2025-000099', '--database', database], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('错误：找不到申请编号为“TOWN-2025-000099”的申请。');

    const badVersion = await gongkaiInProcess(['application', 'event', trackingNumber, '--file', 'correction.json', '--expected-version', 'latest', '--actor', 'u', '--database', database], dir);
    expect(badVersion.code).toBe(2);
    expect(badVersion.stderr).toContain('错误：--expected-version 须为正整数');

    const badState = await gongkaiInProcess(['application', 'list', '--agency', 'town', '--state', 'open', '--database', database], dir);
    expect(badState.code).toBe(2);
    expect(badState.stderr).toContain('错误：取值无效');

    const badLimit = await gongkaiInProcess(['application', 'list', '--agency', 'town', '--limit', '0', '--database', database], dir);
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toContain('错误：--limit 须为1至1000之间的整数（收到：0）');
  });

  it('exits 4 for a stale version and for a step the law forbids (a second 补正 notice)', async () => {
    const created = await gongkaiInProcess(['application', 'receive', '--agency', 'town', '--file', 'sep26.json', '--json', '--database', database], dir);
    const { trackingNumber } = JSON.parse(created.stdout) as { trackingNumber: string };
    const event = (version: string) => gongkaiInProcess(['application', 'event', trackingNumber, '--file', 'correction.json', '--expected-version', version, '--actor', 'u-clerk', '--database', database], dir);

    expect((await event('1')).code).toBe(0);
    const stale = await event('1');
    expect(stale.code).toBe(4);
    expect(stale.stderr).toBe('错误：该申请已被他人修改，请刷新后重试\n');

    const twice = await event('2');
    expect(twice.code).toBe(4);
    expect(twice.stderr).toContain('错误：不能告知补正：补正只能在收到申请之日起7个工作日内一次性告知（第三十条），本申请已经告知过补正');

    const shown = await gongkaiInProcess(['application', 'show', trackingNumber, '--json', '--database', database], dir);
    expect((JSON.parse(shown.stdout) as { version: number }).version).toBe(2);
  });
});
