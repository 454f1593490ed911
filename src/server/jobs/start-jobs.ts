// The server's scheduled jobs (main.ts starts them after listening). Off with JOBS=off, and never
// under vitest (which sets VITEST): a test that wants the jobs builds a runner itself.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { auditVerificationJob } from './audit-verification.ts';
import { deadlineRemindersJob } from './deadline-reminders.ts';
import type { JobLogger, JobRunner } from './job-runner.ts';
import { createJobRunner } from './job-runner.ts';

export const SCHEDULED_JOBS = [deadlineRemindersJob, auditVerificationJob] as const;

/** Starts the runner when `enabled` (config.jobs) and not under a test runner; returns it, or undefined. */
export function startJobs(options: { db: Kysely<Database>; log: JobLogger; enabled: boolean; env?: Record<string, string | undefined> }): JobRunner | undefined {
  const env = options.env ?? process.env;
  if (!options.enabled || env.VITEST !== undefined) return undefined;
  const runner = createJobRunner({ db: options.db, jobs: SCHEDULED_JOBS, log: options.log });
  runner.start();
  options.log.info({ jobs: SCHEDULED_JOBS.map((job) => job.name) }, 'scheduled jobs started (each runs once per cluster; JOBS=off to stop them in this process)');
  return runner;
}
