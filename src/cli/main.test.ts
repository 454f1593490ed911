// The real `gongkai` command, run as a child process (exit codes and streams as a user sees
// them), plus in-process runs of runCli for the commands that need no separate process.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.ts';
import { runCli } from './main.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/gongkai.js');
const FIXTURES = '/work/shared/fixtures/reports';
const LUOHE = join(FIXTURES, '2021-luohe-shangwuju.txt');
const RECORDS = join(import.meta.dirname, 'testdata/records-2025.json');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function gongkai(args: readonly string[], cwd = ROOT): Promise<Run> {
  return new Promise((done) => {
    execFile('node', [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
}

/** runCli in this process, with stdout/stderr captured. */
async function runInProcess(args: readonly string[], cwd = ROOT, stdoutIsTerminal = false): Promise<Run & { bytes: Buffer }> {
  const out: Buffer[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (chunk) => out.push(Buffer.from(chunk)), isTTY: stdoutIsTerminal },
    stderr: { write: (chunk) => err.push(String(chunk)), isTTY: false },
    env: { ...process.env, DATABASE_URL: undefined },
    cwd,
    verbose: false,
  };
  const code = await runCli(args, io);
  const bytes = Buffer.concat(out);
  return { code, stdout: bytes.toString('utf8'), stderr: err.join(''), bytes };
}

const STACK_LINE = /^\s+at\s/m;

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'gongkai-cli-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

// Concurrent: each test waits on its own process, so they overlap instead of queueing.
describe.concurrent('gongkai (child process)', () => {
  it('--help lists the subcommands, Chinese first', async () => {
    const run = await gongkai(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['serve', 'migrate', 'report', 'import']) expect(run.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    expect(run.stdout).toContain('用法 Usage:');
    expect(run.stdout).toContain('检查');
  });

  it('report --help lists parse, lint, render and compute', async () => {
    const run = await gongkai(['report', '--help']);
    expect(run.code).toBe(0);
    for (const command of ['parse', 'lint', 'render', 'compute']) expect(run.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('exits 2 on an unknown option, with a Chinese message and no stack trace', async () => {
    const run = await gongkai(['report', 'lint', LUOHE, '--no-such-option']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('错误：未知选项');
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('exits 2 on a file of binary garbage, with a Chinese message and no stack trace', async () => {
    const garbage = join(work, 'garbage.pdf');
    // Bytes that are no text encoding, no ZIP and no PDF, whatever the extension says.
    await writeFile(garbage, Buffer.from([0x00, 0xff, 0xfe, 0x13, 0x37, 0x00, 0x9c, 0x81, 0x00, 0x00, 0xc3, 0x28, 0xa0, 0xa1, 0x00, 0x01]));
    const run = await gongkai(['report', 'lint', garbage]);
    expect(run.code).toBe(2);
    expect(`${run.stdout}${run.stderr}`).toMatch(/[\u4e00-\u9fff]/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('lints the 漯河 2021 report with the Henan template: exit 1, TXT-APPS and T2-FEE', async () => {
    const run = await gongkai(['report', 'lint', LUOHE, '--template', 'henan']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('TXT-APPS');
    expect(run.stdout).toContain('T2-FEE');
    // The summary row: file, agency, year.
    expect(run.stdout).toMatch(/2021-luohe-shangwuju\.txt\s+漯河市商务局\s+2021/);
  });

  it('--json prints one parseable object per file', async () => {
    const run = await gongkai(['report', 'lint', LUOHE, '--template', 'henan', '--json']);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] ?? '') as { file: string; agencyName: string; year: number; findings: { ruleId: string; severity: string }[] };
    expect(result.file).toBe(LUOHE);
    expect(result.agencyName).toBe('漯河市商务局');
    expect(result.year).toBe(2021);
    expect(result.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['TXT-APPS', 'T2-FEE']));
  });

  it('lints a folder: skips what is not a report, prints the summary and each file', async () => {
    const folder = join(work, 'folder');
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder);
    await copyFile(LUOHE, join(folder, '2021-luohe-shangwuju.txt'));
    await copyFile(join(FIXTURES, '2025-pingtan-shehui-shiyeju.html'), join(folder, '2025-pingtan-shehui-shiyeju.html'));
    await writeFile(join(folder, 'notes.md'), '不是报告');
    const run = await gongkai(['report', 'lint', folder]);
    expect(run.stderr).toContain('跳过');
    expect(run.stderr).toContain('notes.md');
    const header = run.stdout.split('\n')[0] ?? '';
    expect(header.split(/\s+/)).toEqual(['文件', '机关', '年度', '错误', '警告']);
    expect(run.stdout).toMatch(/2021-luohe-shangwuju\.txt\s+漯河市商务局\s+2021/);
    expect(run.stdout).toMatch(/2025-pingtan-shehui-shiyeju\.html\s+平潭综合实验区社会事业局\s+2025/);
    expect(run.stdout).toContain(`== ${join(folder, '2021-luohe-shangwuju.txt')}`);
    // 漯河 has errors (TXT-APPS), so the run as a whole exits 1.
    expect(run.code).toBe(1);
  });

  it('report compute: the cells counted by hand from records-2025.json', async () => {
    const run = await gongkai(['report', 'compute', '--records', RECORDS, '--year', '2025', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { report } = JSON.parse(run.stdout) as { report: Record<string, Record<string, Record<string, unknown> | unknown>> };
    const t3 = report.table3 as Record<string, Record<string, number | null>>;
    // Received in 2025: A1, A2 (自然人), A3 (商业企业), A4 (法律服务机构).
    expect(t3.received).toEqual({ natural_person: 2, business: 1, research_institution: 0, public_interest_org: 0, legal_service_org: 1, other_org: 0, total: 4 });
    // A5 was received 2024-12-30 and concluded in 2025.
    expect(t3.carriedIn?.natural_person).toBe(1);
    expect(t3.carriedIn?.total).toBe(1);
    expect(t3.disclosed?.natural_person).toBe(2);
    expect(t3.partially_disclosed?.natural_person).toBe(1);
    expect(t3.unavailable_not_held?.business).toBe(1);
    expect(t3.concludedTotal?.total).toBe(4);
    // A4, received 2025-12-28, is still open on 31 December.
    expect(t3.carriedOver?.legal_service_org).toBe(1);
    expect(t3.carriedOver?.total).toBe(1);
    const t4 = report.table4 as Record<string, Record<string, number | null>>;
    expect(t4.adminReview).toEqual({ upheld: 0, corrected: 1, otherResult: 0, pending: 0, total: 1 });
    expect(t4.litigationDirect).toEqual({ upheld: 0, corrected: 0, otherResult: 0, pending: 1, total: 1 });
    const t2 = report.table2 as Record<string, unknown>;
    // D1 issued in 2025 and in force; D2 (issued 2020) repealed in 2025.
    expect(t2.normativeDocuments).toEqual({ issued: 1, repealed: 1, inForce: 1 });
    expect(t2.licensing).toBe(12);
    expect(t2.penalty).toBe(3);
    expect(t2.enforcement).toBe(1);
    expect(t2.administrativeFees).toBe('0.5000');
  });
});

describe('gongkai (in process)', () => {
  it('exits 2 on a missing file, saying 文件不存在', async () => {
    const run = await runInProcess(['report', 'parse', join(work, 'no-such-report.txt')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('文件不存在');
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('checks consecutive years of one agency in a folder against each other (XY-CARRY)', async () => {
    const folder = join(work, 'years');
    await mkdir(folder, { recursive: true });
    const text = await readFile(LUOHE, 'utf8');
    await writeFile(join(folder, '2021.txt'), text);
    // A 2022 report that carries in 3 applications from natural persons while 2021 carried over none.
    const next = text
      .replace('漯河市商务局2021年政府信息公开工作年度报告', '漯河市商务局2022年政府信息公开工作年度报告')
      .replace(/(二、上年结转政府信息公开申请数量\t\t)0\t0\t0\t0\t0\t0\t0/, '$13\t0\t0\t0\t0\t0\t3');
    expect(next).not.toBe(text);
    await writeFile(join(folder, '2022.txt'), next);

    const both = await runInProcess(['report', 'lint', folder, '--json']);
    const results = both.stdout.trim().split('\n').map((line) => JSON.parse(line) as { file: string; year: number; findings: { ruleId: string }[] });
    const y2022 = results.find((r) => r.file.endsWith('2022.txt'));
    const y2021 = results.find((r) => r.file.endsWith('2021.txt'));
    expect(y2022?.year).toBe(2022);
    expect(y2022?.findings.map((f) => f.ruleId)).toContain('XY-CARRY');
    expect(y2021?.findings.map((f) => f.ruleId)).not.toContain('XY-CARRY');

    const alone = await runInProcess(['report', 'lint', join(folder, '2022.txt'), '--json']);
    expect((JSON.parse(alone.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).not.toContain('XY-CARRY');
    const explicit = await runInProcess(['report', 'lint', join(folder, '2022.txt'), '--previous', join(folder, '2021.txt'), '--json']);
    expect((JSON.parse(explicit.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toContain('XY-CARRY');
  });

  it('report compute prints the tables for people', async () => {
    const run = await runInProcess(['report', 'compute', '--records', RECORDS, '--year', '2025']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('机关：示范测试局');
    expect(run.stdout).toMatch(/一、本年新收政府信息公开申请数量\s+2\s+1\s+0\s+0\s+1\s+0\s+4/);
  });

  it('rejects a year outside 2019–2100 with exit 2', async () => {
    const run = await runInProcess(['report', 'compute', '--records', RECORDS, '--year', '1999']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('年份');
  });

  it('report render needs --records with --year, or --from', async () => {
    const run = await runInProcess(['report', 'render', '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('二选一');
  });

  it('report render writes versioned JSON to stdout and DOCX to --out', async () => {
    const json = await runInProcess(['report', 'render', '--records', RECORDS, '--year', '2025', '--format', 'json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { schemaVersion: number; year: number };
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.year).toBe(2025);

    const out = join(work, 'report.docx');
    const docx = await runInProcess(['report', 'render', '--records', RECORDS, '--year', '2025', '--format', 'docx', '--out', out]);
    expect(docx.code).toBe(0);
    expect((await readFile(out)).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('refuses to write DOCX or XLSX to a terminal', async () => {
    const run = await runInProcess(['report', 'render', '--records', RECORDS, '--year', '2025', '--format', 'xlsx'], ROOT, true);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--out');
    expect(run.bytes).toHaveLength(0);
  });

  it('migrate, then import records all or nothing', async () => {
    const database = join(work, 'cli.db');
    const migrate = await runInProcess(['migrate', '--database', database]);
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toContain('已执行');

    const { connectDatabase } = await import('../server/db/connect-database.ts');
    const { createAgenciesRepository } = await import('../server/agencies/agencies.repository.ts');
    const { createRecordsRepository } = await import('../server/records/records.repository.ts');
    const setup = await connectDatabase(database);
    const agency = await createAgenciesRepository(setup.db).createAgency({ code: 'test', name: '示范测试局', level: 'county' });
    await setup.close();

    const unknown = await runInProcess(['import', 'records', RECORDS, '--agency', 'nobody', '--database', database]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('nobody');

    const dryRun = await runInProcess(['import', 'records', RECORDS, '--agency', 'test', '--database', database, '--dry-run']);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain('申请 5 件');

    const bad = join(work, 'bad-records.json');
    const good = JSON.parse(await readFile(RECORDS, 'utf8')) as { applications: { applicantType: string }[] };
    good.applications[2] = { ...good.applications[2], applicantType: 'alien' } as { applicantType: string };
    await writeFile(bad, JSON.stringify(good));
    const rejected = await runInProcess(['import', 'records', bad, '--agency', 'test', '--database', database]);
    expect(rejected.code).toBe(2);

    const check = await connectDatabase(database);
    try {
      expect((await createRecordsRepository(check.db).findRecords(agency.id)).applications).toHaveLength(0);
      const imported = await runInProcess(['import', 'records', RECORDS, '--agency', 'test', '--database', database]);
      expect(imported.code).toBe(0);
      expect((await createRecordsRepository(check.db).findRecords(agency.id)).applications).toHaveLength(5);
    } finally {
      await check.close();
    }
  });
});
