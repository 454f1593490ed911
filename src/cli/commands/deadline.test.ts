// `gongkai deadline` as a user runs it, in a child process. Expected dates were counted by hand
// on a calendar marked with the notices' days off and 调休 days (see compute-statutory-deadlines.test.ts).
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io.ts';
import { runCli } from '../main.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/gongkai.js');

function gongkai(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('node', [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

/** runCli in this process: the same command without the start-up cost of a child process. */
async function gongkaiInProcess(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: { write: (chunk) => out.push(String(chunk)) }, stderr: { write: (chunk) => err.push(String(chunk)) }, env: {}, cwd: ROOT, verbose: false };
  const code = await runCli(args, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe.concurrent('gongkai deadline (child process)', () => {
  it('prints the dates around 2024 国庆 with the reasons', async () => {
    // 2024-09-27 (Fri): 09-29 Sun 调休 1, 09-30 2, 10-01..07 off, 10-08..11 3-6, 10-12 Sat 调休 7 (补正),
    // 10-14..18, 10-21..25, 10-28..30 → 20th working day 10-30.
    const { code, stdout, stderr } = await gongkai(['deadline', '--received', '2024-09-27']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('收到申请日期：2024年9月27日（星期五）');
    expect(stdout).toContain('补正告知期限：2024年10月12日（星期六）');
    expect(stdout).toContain('答复期限：2024年10月30日（星期三）');
    expect(stdout).not.toContain('延长后的答复期限');
    expect(stdout).toContain('跳过国庆节假期10月1日至10月7日');
    expect(stdout).toContain('9月29日（星期日）为调休上班日，计入');
    expect(stdout).toContain('10月12日（星期六）为调休上班日，计入');
  });

  it('--json --extend across the year boundary (received Saturday 2025-12-20)', async () => {
    // 12-22..26 1-5, 12-29..31 6-8 (补正 12-30 = 7), 2026-01-01..03 元旦 off, 01-04 Sun 调休 9, 01-05..09, 01-12..16, 01-19 = 20;
    // extension: 01-20..23, 01-26..30, 02-02..06, 02-09..13 = 19, 02-14 Sat 调休 = 20.
    const { code, stdout, stderr } = await gongkai(['deadline', '--received', '2025-12-20', '--extend', '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const json = JSON.parse(stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ receivedOn: '2025-12-20', dueOn: '2026-01-19', correctionNoticeDueOn: '2025-12-30', extendedDueOn: '2026-02-14', provisional: false });
    expect(json.reasons).toEqual([
      { date: '2026-01-01', kind: 'holiday', name: '元旦' },
      { date: '2026-01-02', kind: 'holiday', name: '元旦' },
      { date: '2026-01-03', kind: 'holiday', name: '元旦' },
      { date: '2026-01-04', kind: 'makeupWorkday', name: '元旦' },
    ]);
  });

  it('marks a count into 2027 as provisional, with a warning beside the JSON', async () => {
    const { code, stdout, stderr } = await gongkai(['deadline', '--received', '2026-12-15', '--extend', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ dueOn: '2027-01-12', correctionNoticeDueOn: '2026-12-24', extendedDueOn: '2027-02-09', provisional: true });
    expect(stderr).toContain('提示：2027年节假日安排尚未载入，日期为暂定');
  });

  it('refuses a date that does not exist with exit 2', async () => {
    const { code, stdout, stderr } = await gongkai(['deadline', '--received', '2025-02-29']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('错误：--received 须为“年-月-日”格式的日期');
  });
});

describe('gongkai deadline (in process)', () => {
  it('--json leaves extendedDueOn out without --extend (2019 春节)', async () => {
    // 01-28..02-01 1-5, 02-02 Sat & 02-03 Sun 调休 6, 7 (补正), 02-04..10 off, 02-11..15, 02-18..22, 02-25..27 → 20th 02-27.
    const { code, stdout } = await gongkaiInProcess(['deadline', '--received', '2019-01-25', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ dueOn: '2019-02-27', correctionNoticeDueOn: '2019-02-03', provisional: false });
    expect(json).not.toHaveProperty('extendedDueOn');
  });

  it('counts from the next day when the application arrives on a holiday (2024-02-12, 春节)', async () => {
    // 02-13..17 off, 02-18 Sun 调休 1, 02-19..23 2-6, 02-26 7 (补正), .. 03-14 = 20.
    const { code, stdout } = await gongkaiInProcess(['deadline', '--received', '2024-02-12']);
    expect(code).toBe(0);
    expect(stdout).toContain('补正告知期限：2024年2月26日（星期一）');
    expect(stdout).toContain('答复期限：2024年3月14日（星期四）');
    expect(stdout).toContain('跳过春节假期2月13日至2月17日');
  });

  it('marks a count into 2027 as provisional in the text, with a warning', async () => {
    const { code, stdout } = await gongkaiInProcess(['deadline', '--received', '2026-12-15', '--extend']);
    expect(code).toBe(0);
    expect(stdout).toContain('答复期限：2027年1月12日（星期二）（暂定）');
    expect(stdout).toContain('延长后的答复期限：2027年2月9日（星期二）（暂定）');
    expect(stdout).toContain('提示：2027年节假日安排尚未载入，日期为暂定');
  });

  it('refuses a missing --received and a date written another way with exit 2', async () => {
    expect(await gongkaiInProcess(['deadline'])).toMatchObject({ code: 2, stderr: expect.stringContaining('缺少必需的选项') });
    expect(await gongkaiInProcess(['deadline', '--received', '2024/9/27'])).toMatchObject({ code: 2, stderr: expect.stringContaining('收到：2024/9/27') });
  });
});
