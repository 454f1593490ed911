// The job runner on real databases (SQLite and, with TEST_DATABASE_URL, PostgreSQL). Dates are
// counted by hand on the 2025 arrangement (国办发明电〔2024〕12号): 1–8 October off, Sunday 28
// September and Saturday 11 October worked (the same cases as application.routes.test.ts).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase, testDialects, testPostgresUrl } from '../../../test/test-database.ts';
import type { TestDatabase } from '../../../test/test-database.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { createApplicationService } from '../applications/application.service.ts';
import { appendAuditEntry } from '../audit/audit.repository.ts';
import { connectDatabase } from '../db/connect-database.ts';
import type { DatabaseConnection, DatabaseDialect } from '../db/connect-database.ts';
import { migrateToLatest } from '../db/migrate-to-latest.ts';
import { auditVerificationJob } from './audit-verification.ts';
import { chinaTime } from './china-clock.ts';
import { deadlineRemindersJob } from './deadline-reminders.ts';
import type { Job, JobLogger } from './job-runner.ts';
import { createJobRunner } from './job-runner.ts';
import { listReminders } from './reminders.repository.ts';
import { startJobs } from './start-jobs.ts';

interface LogLine {
  level: 'info' | 'warn' | 'error';
  object: Record<string, unknown>;
  message: string;
}

function memoryLog(): JobLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (object, message) => lines.push({ level: 'info', object: object as Record<string, unknown>, message }),
    warn: (object, message) => lines.push({ level: 'warn', object: object as Record<string, unknown>, message }),
    error: (object, message) => lines.push({ level: 'error', object: object as Record<string, unknown>, message }),
  };
}

const intake = (receivedOn: string, name: string) => ({
  channel: 'in_person' as const,
  receivedOn,
  applicant: { type: 'natural_person' as const, name, idNumber: '11010519491231002X' },
  requestedInformation: '示范路改造工程的招标文件',
});

describe('chinaTime', () => {
  it('is UTC+8: 16:00 UTC is midnight of the next day in China', () => {
    expect(chinaTime(new Date('2025-10-13T15:59:59.999Z'))).toEqual({ date: '2025-10-13', hour: 23 });
    expect(chinaTime(new Date('2025-10-13T16:00:00.000Z'))).toEqual({ date: '2025-10-14', hour: 0 });
    expect(chinaTime(new Date('2025-10-13T22:00:00.000Z'))).toEqual({ date: '2025-10-14', hour: 6 });
  });
});

describe('startJobs', () => {
  it('starts nothing with JOBS=off, nor under vitest', () => {
    const log = memoryLog();
    const db = {} as never;
    expect(startJobs({ db, log, enabled: false, env: {} })).toBeUndefined();
    expect(startJobs({ db, log, enabled: true, env: { VITEST: 'true' } })).toBeUndefined();
  });
});

describeEachDatabase('scheduled jobs', (database) => {
  let late = '';
  let soon = '';
  let calm = '';

  beforeAll(async () => {
    await createAgenciesRepository(database.db).createAgency({ code: 'rem', name: '提醒测试局', level: 'county' });
    const receive = async (receivedOn: string, name: string) =>
      (await createApplicationService({ db: database.db, today: () => receivedOn }).receiveApplication('rem', intake(receivedOn, name), 'u-clerk', ['clerk'])).trackingNumber;
    // Received Mon 1 Sep: due Sun 28 Sep. Received Mon 15 Sep: due Fri 17 Oct. Received Fri 10 Oct: due Thu 6 Nov.
    late = await receive('2025-09-01', '张一');
    soon = await receive('2025-09-15', '张二');
    calm = await receive('2025-10-10', '张三');
  });

  it('runs the nightly verification from 02:00 and the reminders from 06:00 in China, each once a day', async () => {
    let now = new Date('2025-10-13T17:59:59.000Z'); // 01:59 on 14 Oct in China
    const log = memoryLog();
    const runner = createJobRunner({ db: database.db, jobs: [deadlineRemindersJob, auditVerificationJob], log, now: () => now, claimant: 'p1' });
    expect(await runner.runDue()).toEqual([]);

    now = new Date('2025-10-13T18:00:00.000Z'); // 02:00
    expect((await runner.runDue()).map((run) => [run.job, run.period, run.outcome])).toEqual([['audit-verification', '2025-10-14', 'ok']]);
    // Three cases received, one audit entry each, in the agency's chain.
    const verification = await database.db.selectFrom('audit_verifications').selectAll().executeTakeFirstOrThrow();
    expect(verification).toMatchObject({ period: '2025-10-14', verified_at: '2025-10-13T18:00:00.000Z', entry_count: 3, last_seq: null, last_hash: null, findings: '[]', ok: 1 });
    const rem = await createAgenciesRepository(database.db).getAgencyByCode('rem');
    const anchors = JSON.parse(verification.chains ?? 'null') as { lastHash: string }[];
    expect(anchors).toEqual([{ chainId: rem.id, agencyCode: 'rem', count: 3, lastSeq: 3, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);

    now = new Date('2025-10-13T22:00:00.000Z'); // 06:00
    expect((await runner.runDue()).map((run) => [run.job, run.period, run.summary])).toEqual([['deadline-reminders', '2025-10-14', { agencies: 1, dueSoon: 1, overdue: 1 }]]);
    // On Tue 14 Oct: the first is 7 working days late (29, 30 Sep, 9, 10, 11, 13, 14 Oct); the
    // second has 15, 16, 17 = 3 left; the third 17 (not yet due).
    const reminders = await database.db.selectFrom('reminders').select(['reminder_date', 'tracking_number', 'kind', 'due_on', 'working_days_left']).orderBy('tracking_number').execute();
    expect(reminders).toEqual([
      { reminder_date: '2025-10-14', tracking_number: late, kind: 'overdue', due_on: '2025-09-28', working_days_left: -7 },
      { reminder_date: '2025-10-14', tracking_number: soon, kind: 'due_soon', due_on: '2025-10-17', working_days_left: 3 },
    ]);
    expect(reminders.map((r) => r.tracking_number)).not.toContain(calm);
    const agency = await createAgenciesRepository(database.db).getAgencyByCode('rem');
    expect(await listReminders(database.db, agency.id, '2025-10-14')).toEqual([
      { trackingNumber: late, kind: 'overdue', dueOn: '2025-09-28', workingDaysLeft: -7 },
      { trackingNumber: soon, kind: 'due_soon', dueOn: '2025-10-17', workingDaysLeft: 3 },
    ]);
    expect(await listReminders(database.db, agency.id, '2025-10-15')).toEqual([]);
    // Counts per agency in the log; no tracking number, no name.
    const text = JSON.stringify(log.lines);
    expect(log.lines).toContainEqual({ level: 'info', object: { job: 'deadline-reminders', period: '2025-10-14', agency: 'rem', dueSoon: 1, overdue: 1 }, message: 'deadline reminders written' });
    for (const secret of [late, soon, '张一', '张二']) expect(text).not.toContain(secret);

    // Later the same day: nothing again.
    now = new Date('2025-10-14T09:00:00.000Z');
    expect(await runner.runDue()).toEqual([]);
    const runs = await database.db.selectFrom('job_runs').select(['job', 'period', 'claimed_by', 'outcome']).orderBy('job').execute();
    expect(runs).toEqual([
      { job: 'audit-verification', period: '2025-10-14', claimed_by: 'p1', outcome: 'ok' },
      { job: 'deadline-reminders', period: '2025-10-14', claimed_by: 'p1', outcome: 'ok' },
    ]);
  });

  it('on 13 October lists only the overdue case: 4 working days left is not yet a reminder', async () => {
    const runner = createJobRunner({ db: database.db, jobs: [deadlineRemindersJob], log: memoryLog(), now: () => new Date('2025-10-13T01:00:00.000Z'), claimant: 'p1' });
    expect((await runner.runDue()).map((run) => run.summary)).toEqual([{ agencies: 1, dueSoon: 0, overdue: 1 }]);
    // Overdue on Mon 13 Oct by 29, 30 Sep, 9, 10, 11, 13 Oct = 6.
    const rows = await database.db.selectFrom('reminders').select(['tracking_number', 'kind', 'working_days_left']).where('reminder_date', '=', '2025-10-13').execute();
    expect(rows).toEqual([{ tracking_number: late, kind: 'overdue', working_days_left: -6 }]);
  });

  it('stores findings and logs an error when the chain was altered, and checks against the last night', async () => {
    const rem = await createAgenciesRepository(database.db).getAgencyByCode('rem');
    await sql`update audit_entries set actor = 'someone-else' where chain_id = ${rem.id} and seq = 2`.execute(database.db);
    const log = memoryLog();
    const runner = createJobRunner({ db: database.db, jobs: [auditVerificationJob], log, now: () => new Date('2025-10-14T18:30:00.000Z'), claimant: 'p1' });
    expect((await runner.runDue()).map((run) => [run.period, run.summary.findings])).toEqual([['2025-10-15', 1]]);
    const row = await database.db.selectFrom('audit_verifications').selectAll().where('period', '=', '2025-10-15').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ entry_count: 3, ok: 0 });
    expect(JSON.parse(row.findings)).toEqual([{ chainId: rem.id, kind: 'altered', seq: 2, message: '提醒测试局（rem）第2条被改动：保存的哈希与按内容重新计算的哈希不符。' }]);
    expect(log.lines.filter((line) => line.level === 'error').map((line) => line.message)).toEqual(['audit trail verification found problems']);
  });

  it('retries a failed job after the retry delay, not before', async () => {
    let calls = 0;
    let now = new Date('2025-10-20T04:00:00.000Z');
    const flaky: Job = {
      name: 'flaky',
      periodAt: () => '2025-10-20',
      run: async () => {
        calls += 1;
        if (calls === 1) throw new Error('database went away');
        return { calls };
      },
    };
    const runner = createJobRunner({ db: database.db, jobs: [flaky], log: memoryLog(), now: () => now, claimant: 'p1', retryMs: 15 * 60_000 });
    expect((await runner.runDue()).map((run) => run.outcome)).toEqual(['failed']);
    now = new Date('2025-10-20T04:14:59.000Z');
    expect(await runner.runDue()).toEqual([]);
    now = new Date('2025-10-20T04:15:01.000Z');
    expect((await runner.runDue()).map((run) => run.outcome)).toEqual(['ok']);
    expect(calls).toBe(2);
  });

  it('takes over a claim whose process died (no outcome after an hour)', async () => {
    await database.db.insertInto('job_runs').values({ job: 'orphan', period: '2025-10-20', claimed_by: 'dead', claimed_at: '2025-10-20T03:00:00.000Z', finished_at: null, outcome: null, detail: null }).execute();
    let now = new Date('2025-10-20T03:59:00.000Z');
    const job: Job = { name: 'orphan', periodAt: () => '2025-10-20', run: () => Promise.resolve({}) };
    const runner = createJobRunner({ db: database.db, jobs: [job], log: memoryLog(), now: () => now, claimant: 'p2' });
    expect(await runner.runDue()).toEqual([]);
    now = new Date('2025-10-20T04:00:01.000Z');
    expect((await runner.runDue()).map((run) => run.outcome)).toEqual(['ok']);
  });
});

describeEachDatabase('the nightly audit verification, chain by chain', (database) => {
  const nightOf = (date: string) => new Date(`${date}T18:30:00.000Z`); // 02:30 the next day in China
  const runNight = async (date: string) => {
    const runner = createJobRunner({ db: database.db, jobs: [auditVerificationJob], log: memoryLog(), now: () => nightOf(date), claimant: 'p1' });
    return (await runner.runDue()).map((run) => run.summary);
  };
  const rowOf = (period: string) => database.db.selectFrom('audit_verifications').selectAll().where('period', '=', period).executeTakeFirstOrThrow();
  let north = 0;
  let south = 0;

  beforeAll(async () => {
    const agencies = createAgenciesRepository(database.db);
    north = (await agencies.createAgency({ code: 'north', name: '北区人民政府', level: 'county' })).id;
    south = (await agencies.createAgency({ code: 'south', name: '南区人民政府', level: 'county' })).id;
    // North: 3 entries, south: 2, the platform: 1.
    const owners = [north, south, north, null, south, north];
    for (const [index, agencyId] of owners.entries()) {
      await database.db.transaction().execute((trx) =>
        appendAuditEntry(trx, { at: `2025-10-20T0${index}:00:00.000Z`, actor: 'u-clerk', agencyId, action: 'settings.changed', subject: `settings:${index + 1}`, detail: {} }),
      );
    }
  });

  it('records each chain’s anchor, and the next night finds one agency’s newest entry deleted in that chain only', async () => {
    expect(await runNight('2025-10-20')).toEqual([{ count: 6, chains: 3, findings: 0 }]);
    const first = await rowOf('2025-10-21');
    expect(first).toMatchObject({ entry_count: 6, ok: 1, findings: '[]' });
    const anchors = JSON.parse(first.chains ?? 'null') as { chainId: number; agencyCode: string | null; count: number; lastSeq: number | null; lastHash: string }[];
    expect(anchors.map((a) => [a.chainId, a.agencyCode, a.count, a.lastSeq])).toEqual([
      [0, null, 1, 1],
      [north, 'north', 3, 3],
      [south, 'south', 2, 2],
    ]);
    const lastOfSouth = await sql<{ hash: string }>`select hash from audit_entries where chain_id = ${south} and seq = 2`.execute(database.db);
    expect(anchors[2]?.lastHash).toBe(lastOfSouth.rows[0]?.hash);

    // South's newest entry deleted: what is left of its chain is valid; only the anchor shows it.
    await sql`delete from audit_entries where chain_id = ${south} and seq = 2`.execute(database.db);
    expect(await runNight('2025-10-21')).toEqual([{ count: 5, chains: 3, findings: 1 }]);
    const second = await rowOf('2025-10-22');
    expect(second).toMatchObject({ entry_count: 5, ok: 0 });
    expect(JSON.parse(second.findings)).toEqual([{ chainId: south, kind: 'missing', seq: 2, toSeq: 2, message: '南区人民政府（south）第2条缺失：应至少有2条，而最后一条是第1条，末尾的记录被删除。' }]);
  });

  it('finds an agency’s chain deleted whole against the last night’s anchor', async () => {
    await sql`delete from audit_entries where chain_id = ${north}`.execute(database.db);
    expect(await runNight('2025-10-22')).toEqual([{ count: 2, chains: 3, findings: 1 }]);
    const row = await rowOf('2025-10-23');
    expect(JSON.parse(row.findings)).toEqual([{ chainId: north, kind: 'missing', seq: 1, toSeq: 3, message: '北区人民政府（north）第1至第3条（共3条）缺失：应至少有3条，而现在一条也没有，全部记录被删除。' }]);
    expect((JSON.parse(row.chains ?? 'null') as { chainId: number; count: number }[]).map((a) => [a.chainId, a.count])).toEqual([
      [0, 1],
      [north, 0],
      [south, 1],
    ]);
  });
});

/** Several connections to one database, as several server processes would have. */
async function openShared(dialect: DatabaseDialect, count: number): Promise<{ connections: DatabaseConnection[]; file?: string; schema?: string; close(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'gk-jobs-'));
    const file = join(dir, 'shared.db');
    const connections = await Promise.all(Array.from({ length: count }, () => connectDatabase(file)));
    await migrateToLatest(connections[0]!.db);
    return {
      connections,
      file,
      async close() {
        for (const connection of connections) await connection.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base: TestDatabase = await openTestDatabase('postgres');
  const url = testPostgresUrl()!;
  const others = await Promise.all(Array.from({ length: count - 1 }, () => connectDatabase(url, { schema: base.schema! })));
  return {
    connections: [base, ...others],
    schema: base.schema!,
    async close() {
      for (const connection of others) await connection.close();
      await base.close();
    },
  };
}

for (const dialect of testDialects()) {
  describe(`jobs once per cluster [${dialect}]`, () => {
    let shared: Awaited<ReturnType<typeof openShared>>;
    beforeAll(async () => {
      shared = await openShared(dialect, 5);
    });
    afterAll(async () => {
      await shared.close();
    });

    it('of five runners racing for the same day, exactly one runs each job', async () => {
      let runs = 0;
      const slow: Job = {
        name: 'race',
        periodAt: () => '2025-10-14',
        run: async () => {
          runs += 1;
          // Long enough for every other runner to try its claim meanwhile.
          await new Promise((resolve) => setTimeout(resolve, 100));
          return {};
        },
      };
      const now = () => new Date('2025-10-13T22:00:00.000Z');
      const runners = shared.connections.map((connection, index) =>
        createJobRunner({ db: connection.db, jobs: [slow, auditVerificationJob], log: memoryLog(), now, claimant: `p${index}` }),
      );
      const outcomes = (await Promise.all(runners.map((runner) => runner.runDue()))).flat();
      expect(outcomes.map((run) => run.job).sort()).toEqual(['audit-verification', 'race']);
      expect(runs).toBe(1);
      const db = shared.connections[0]!.db;
      expect(await db.selectFrom('audit_verifications').select(['period']).execute()).toEqual([{ period: '2025-10-14' }]);
      expect((await db.selectFrom('job_runs').select(['job', 'outcome']).orderBy('job').execute())).toEqual([
        { job: 'audit-verification', outcome: 'ok' },
        { job: 'race', outcome: 'ok' },
      ]);
      // Round two, the next day already claimed by nobody: again one each.
      const again = (await Promise.all(runners.map((runner) => runner.runDue()))).flat();
      expect(again).toEqual([]);
    });

    it('of four server processes racing for the same day, exactly one runs each job', async () => {
      const fixture = join(dirname(fileURLToPath(import.meta.url)), 'race-process.fixture.ts');
      const base = shared.connections[0]!;
      // A fresh day for this test: the claims of the test above are for another job list.
      await base.db.deleteFrom('job_runs').execute();
      await base.db.deleteFrom('audit_verifications').execute();
      const url = dialect === 'sqlite' ? shared.file! : testPostgresUrl()!;
      const schema = dialect === 'sqlite' ? '-' : shared.schema!;
      // Long enough for every process to load and connect first.
      const startAt = String(Date.now() + 4000);
      const run = (claimant: string) =>
        new Promise<string[]>((resolve, reject) => {
          execFile('node', ['--import', 'tsx', fixture, url, schema, claimant, startAt], { env: process.env }, (error, stdout, stderr) => {
            if (error) reject(new Error(`${claimant}: ${stderr}`));
            else resolve(JSON.parse(stdout) as string[]);
          });
        });
      const runs = await Promise.all(['q1', 'q2', 'q3', 'q4'].map(run));
      expect(runs.flat().sort()).toEqual(['audit-verification', 'race']);
      const claims = await base.db.selectFrom('job_runs').select(['job', 'claimed_by', 'outcome', 'detail']).orderBy('job').execute();
      expect(claims.map((claim) => [claim.job, claim.outcome])).toEqual([
        ['audit-verification', 'ok'],
        ['race', 'ok'],
      ]);
      const raceClaim = claims.find((claim) => claim.job === 'race')!;
      expect(JSON.parse(raceClaim.detail!)).toEqual({ by: raceClaim.claimed_by });
      expect(await base.db.selectFrom('audit_verifications').select('period').execute()).toEqual([{ period: '2025-10-14' }]);
    }, 30_000);
  });
}
