// The approval state of each year's annual report, the frozen report at 定稿 and the published
// version, and the approval's history (submitted, returned with an opinion, unlocked with a reason).
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('annual_reports')
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    /** Report JSON (renderReportJson) frozen at 定稿; null before. */
    .addColumn('final_json', 'text')
    /** The version on the portal; kept through an unlock until the next publish. */
    .addColumn('published_json', 'text')
    .addColumn('published_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .addPrimaryKeyConstraint('annual_reports_pkey', ['agency_id', 'year'])
    .execute();
  await db.schema
    .createTable('annual_report_events')
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('seq', 'integer', (col) => col.notNull())
    /** submit | return | finalize | publish | unlock | editText */
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('annual_report_events_pkey', ['agency_id', 'year', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('annual_report_events').execute();
  await db.schema.dropTable('annual_reports').execute();
}
