// Loaded 节假日安排 years, the clock cache on applications, and the non-event audit history.
// calendar_years is the one global reference table without agency_id: the State Council's
// arrangement binds every agency alike (domain.md §E), so there is one row per year.
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (col) => col.primaryKey())
    // The checked YearArrangement as JSON text.
    .addColumn('arrangement', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('loaded_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .addColumn('loaded_by', 'text', (col) => col.notNull())
    .execute();

  // A cache of deriveCaseClock's result as of the last event or calendar load, for the
  // due-soon/overdue list; never a source of truth. 0/1 integers: SQLite has no boolean.
  await db.schema.alterTable('applications').addColumn('due_on', 'date').execute();
  await db.schema.alterTable('applications').addColumn('paused', 'integer', (col) => col.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('applications').addColumn('provisional', 'integer', (col) => col.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('applications').addColumn('clock_computed_at', 'timestamptz').execute();
  await db.schema.createIndex('applications_agency_state_due_idx').on('applications').columns(['agency_id', 'state', 'due_on']).execute();
  // Rows written before the cache existed (or by a bulk load): filled lazily by the list, found fast here.
  await db.schema.createIndex('applications_uncached_clock_idx').on('applications').columns(['agency_id', 'state']).where(sql<boolean>`clock_computed_at is null`).execute();

  // What happened to a case that is not a legal event (the event log holds only those).
  await db.schema
    .createTable('application_history')
    .addColumn('id', 'integer', (col) => (db.getExecutor().adapter instanceof PostgresAdapter ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement()))
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('application_id', 'integer', (col) => col.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('detail', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('application_history_application_idx').on('application_history').columns(['application_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('application_history').execute();
  await db.schema.dropIndex('applications_uncached_clock_idx').execute();
  await db.schema.dropIndex('applications_agency_state_due_idx').execute();
  for (const column of ['clock_computed_at', 'provisional', 'paused', 'due_on']) await db.schema.alterTable('applications').dropColumn(column).execute();
  await db.schema.dropTable('calendar_years').execute();
}
