// Once per cluster: of several server processes on one database, the one whose INSERT of the
// (job, period) row goes through runs the job; the others' ON CONFLICT DO NOTHING inserts
// nothing. Each claim is one statement, a transaction of its own: on PostgreSQL a second insert of
// the same key waits for the first to commit and then does nothing; on SQLite writers take turns.
// No explicit transaction around the two statements: each is a whole claim attempt by itself, and
// a SQLite transaction held across an await would make a second connection in the same process
// wait on busy_timeout with the event loop blocked. The claim commits before the job runs, so a
// long job (the audit verification reads the whole trail) holds no transaction.
//
// A claim can be taken over only when its process evidently died (no outcome after staleMs) or
// the job failed (retryMs after it finished). The takeover is one conditional UPDATE: of two
// processes trying at once, the second finds the row changed and updates nothing.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

export interface ClaimOptions {
  job: string;
  period: string;
  claimant: string;
  now: Date;
  /** A claim without an outcome after this long belongs to a dead process. */
  staleMs: number;
  /** A failed run is tried again this long after it ended. */
  retryMs: number;
}

/** True when this process now holds the claim and must run the job. */
export async function claimJobRun(db: Kysely<Database>, options: ClaimOptions): Promise<boolean> {
  const at = options.now.toISOString();
  const inserted = await db
    .insertInto('job_runs')
    .values({ job: options.job, period: options.period, claimed_by: options.claimant, claimed_at: at, finished_at: null, outcome: null, detail: null })
    .onConflict((conflict) => conflict.columns(['job', 'period']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return true;
  const staleBefore = new Date(options.now.getTime() - options.staleMs).toISOString();
  const retryBefore = new Date(options.now.getTime() - options.retryMs).toISOString();
  const taken = await db
    .updateTable('job_runs')
    .set({ claimed_by: options.claimant, claimed_at: at, finished_at: null, outcome: null, detail: null })
    .where('job', '=', options.job)
    .where('period', '=', options.period)
    .where((eb) =>
      eb.or([
        eb.and([eb('outcome', 'is', null), eb('claimed_at', '<', staleBefore)]),
        eb.and([eb('outcome', '=', 'failed'), eb('finished_at', '<', retryBefore)]),
      ]),
    )
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

/** Records how the claimed run ended; only the claimant's own claim is updated. */
export async function finishJobRun(
  db: Kysely<Database>,
  options: { job: string; period: string; claimant: string; now: Date; outcome: 'ok' | 'failed'; detail: string },
): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ finished_at: options.now.toISOString(), outcome: options.outcome, detail: options.detail })
    .where('job', '=', options.job)
    .where('period', '=', options.period)
    .where('claimed_by', '=', options.claimant)
    .execute();
}
