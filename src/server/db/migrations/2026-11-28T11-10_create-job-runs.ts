// Scheduled work once per cluster (src/server/jobs/): job_runs holds one claim row per (job,
// period), inserted with ON CONFLICT DO NOTHING, so of several server processes on one database
// exactly one runs a job for a period. reminders: the cases due within 3 working days or
// overdue, per agency and day (for 工作台). audit_verifications: the nightly audit-chain checks.
// Times are ISO text (toISOString), like audit_entries.at; periods are days in China (YYYY-MM-DD).
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('job_runs')
    .addColumn('job', 'text', (col) => col.notNull())
    .addColumn('period', 'text', (col) => col.notNull())
    // Which process claimed it (host:pid:random), for the operator reading the table.
    .addColumn('claimed_by', 'text', (col) => col.notNull())
    .addColumn('claimed_at', 'text', (col) => col.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('outcome', 'text', (col) => col.check(sql`outcome in ('ok', 'failed')`))
    .addColumn('detail', 'text')
    .addPrimaryKeyConstraint('job_runs_pk', ['job', 'period'])
    .execute();
  await db.schema
    .createTable('reminders')
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('reminder_date', 'date', (col) => col.notNull())
    .addColumn('tracking_number', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('due_soon', 'overdue')`))
    .addColumn('due_on', 'date', (col) => col.notNull())
    // Negative when overdue: working days since the due date.
    .addColumn('working_days_left', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('reminders_pk', ['agency_id', 'reminder_date', 'tracking_number'])
    .execute();
  await db.schema
    .createTable('audit_verifications')
    .addColumn('id', 'integer', (col) => (postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement()))
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('verified_at', 'text', (col) => col.notNull())
    .addColumn('entry_count', 'integer', (col) => col.notNull())
    .addColumn('last_seq', 'integer')
    .addColumn('last_hash', 'text')
    // JSON array of the verifier's findings; '[]' when the chain is intact.
    .addColumn('findings', 'text', (col) => col.notNull())
    .addColumn('ok', 'integer', (col) => col.notNull().check(sql`ok in (0, 1)`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_verifications').execute();
  await db.schema.dropTable('reminders').execute();
  await db.schema.dropTable('job_runs').execute();
}
