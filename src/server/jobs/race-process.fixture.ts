// One "server process" for jobs.test.ts: a job runner on its own connection, started at an agreed
// instant so that several processes race for the same claims. Prints the runs it made as JSON.
// Usage: node --import tsx race-process.fixture.ts DATABASE_URL SCHEMA|- CLAIMANT START_AT_MS
import { connectDatabase } from '../db/connect-database.ts';
import { auditVerificationJob } from './audit-verification.ts';
import type { Job } from './job-runner.ts';
import { createJobRunner } from './job-runner.ts';

const [url = '', schema = '-', claimant = '', startAt = '0'] = process.argv.slice(2);
const connection = await connectDatabase(url, schema === '-' ? {} : { schema });
const slow: Job = {
  name: 'race',
  periodAt: () => '2025-10-14',
  run: async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { by: claimant };
  },
};
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const runner = createJobRunner({ db: connection.db, jobs: [slow, auditVerificationJob], log: quiet, now: () => new Date('2025-10-13T22:00:00.000Z'), claimant });
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
try {
  const runs = await runner.runDue();
  process.stdout.write(`${JSON.stringify(runs.map((run) => run.job))}\n`);
} finally {
  await connection.close();
}
