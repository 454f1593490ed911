// The scheduled work of the platform, once per cluster (job-claims.ts). Every tick (a minute by
// default) each job says which period is due now (a day in China, or none before its hour); the
// runner claims (job, period) and runs the job if the claim is its own. A process that starts
// after the hour catches up on the same day. The clock is injected; tests call runDue() directly.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { chinaTime } from './china-clock.ts';
import { claimJobRun, finishJobRun } from './job-claims.ts';

/** The part of pino (Fastify's app.log) the jobs use. Never log personal data through it. */
export interface JobLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface JobContext {
  db: Kysely<Database>;
  /** The period being run, e.g. '2026-11-28' (a day in China). */
  period: string;
  now: Date;
  log: JobLogger;
}

export interface Job {
  name: string;
  /** The period due at `now`, or null when none is due yet. */
  periodAt(now: Date): string | null;
  /** Returns a summary (no personal data): logged and stored in job_runs.detail. */
  run(context: JobContext): Promise<Record<string, unknown>>;
}

/** A job run once a day, from `hour` o'clock in China on. */
export function dailyAtChinaHour(hour: number): (now: Date) => string | null {
  return (now) => {
    const time = chinaTime(now);
    return time.hour >= hour ? time.date : null;
  };
}

export interface JobRunnerOptions {
  db: Kysely<Database>;
  jobs: readonly Job[];
  log: JobLogger;
  now?: () => Date;
  /** Default host:pid:random. */
  claimant?: string;
  tickMs?: number;
  staleMs?: number;
  retryMs?: number;
}

export interface JobRunOutcome {
  job: string;
  period: string;
  outcome: 'ok' | 'failed';
  summary: Record<string, unknown>;
}

export interface JobRunner {
  /** Claims and runs every job whose period is due; returns the runs this process made. */
  runDue(): Promise<JobRunOutcome[]>;
  /** Ticks every tickMs (the first tick at once) until stop(). */
  start(): void;
  /** Stops ticking and waits for a run in progress. */
  stop(): Promise<void>;
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const now = options.now ?? (() => new Date());
  const claimant = options.claimant ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const tickMs = options.tickMs ?? 60_000;
  const staleMs = options.staleMs ?? 3_600_000;
  const retryMs = options.retryMs ?? 900_000;
  const { db, log } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<JobRunOutcome[]> | undefined;

  async function runOne(job: Job, period: string): Promise<JobRunOutcome | null> {
    if (!(await claimJobRun(db, { job: job.name, period, claimant, now: now(), staleMs, retryMs }))) return null;
    log.info({ job: job.name, period }, 'scheduled job started');
    try {
      const summary = await job.run({ db, period, now: now(), log });
      await finishJobRun(db, { job: job.name, period, claimant, now: now(), outcome: 'ok', detail: JSON.stringify(summary) });
      log.info({ job: job.name, period, ...summary }, 'scheduled job finished');
      return { job: job.name, period, outcome: 'ok', summary };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await finishJobRun(db, { job: job.name, period, claimant, now: now(), outcome: 'failed', detail: JSON.stringify({ error: message }) });
      log.error({ job: job.name, period, err: error }, 'scheduled job failed; it is tried again later');
      return { job: job.name, period, outcome: 'failed', summary: { error: message } };
    }
  }

  async function runDueNow(): Promise<JobRunOutcome[]> {
    const outcomes: JobRunOutcome[] = [];
    for (const job of options.jobs) {
      const period = job.periodAt(now());
      if (period === null) continue;
      const outcome = await runOne(job, period);
      if (outcome !== null) outcomes.push(outcome);
    }
    return outcomes;
  }

  function runDue(): Promise<JobRunOutcome[]> {
    // One tick at a time: a slow run is not started again by the next tick.
    running ??= runDueNow().finally(() => {
      running = undefined;
    });
    return running;
  }

  const tick = (): void => {
    runDue().catch((error: unknown) => log.error({ err: error }, 'scheduled jobs could not be checked'));
  };

  return {
    runDue,
    start() {
      if (timer !== undefined) return;
      timer = setInterval(tick, tickMs);
      // The timer alone must not keep the process alive.
      timer.unref();
      tick();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
