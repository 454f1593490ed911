// 依申请公开 cases: the applications (with summary columns kept in step with the event log),
// the append-only event log, per-agency tracking-number sequences, and 行政复议/行政诉讼 cases.
// Code lists are copied on purpose: a migration never imports app code.
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function oneOf(column: string, codes: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(codes.map((code) => sql.lit(code)))})`;
}

// application-case.ts CASE_STATES, report-format.ts APPLICANT_TYPES, intake-channels.ts, review codes as of this migration.
const STATES = ['in_progress', 'awaiting_correction', 'consulting', 'awaiting_fee', 'awaiting_article35_reasons', 'delayed_article35', 'closed'];
const APPLICANT_TYPES = ['natural_person', 'business', 'research_institution', 'public_interest_org', 'legal_service_org', 'other_org'];
const REVIEW_KINDS = ['adminReview', 'litigationDirect', 'litigationAfterReview'];
const REVIEW_RESULTS = ['upheld', 'corrected', 'otherResult'];

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  const id = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('id', 'integer', (col) => (postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement()))
      .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'));

  await id('applications')
    .addColumn('tracking_number', 'text', (col) => col.notNull().unique())
    // sha256 of a random secret shown once to the applicant; the code itself is never stored.
    .addColumn('query_code_hash', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('applicant_type', 'text', (col) => col.notNull())
    .addColumn('applicant_name', 'text', (col) => col.notNull())
    .addColumn('id_number', 'text')
    .addColumn('credit_code', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('contact_address', 'text')
    .addColumn('requested_information', 'text', (col) => col.notNull())
    .addColumn('requested_form', 'text')
    .addColumn('delivery_method', 'text')
    .addColumn('received_on', 'date', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('outcome', 'text')
    .addColumn('concluded_on', 'date')
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .addCheckConstraint('applications_state_check', oneOf('state', STATES))
    .addCheckConstraint('applications_applicant_type_check', oneOf('applicant_type', APPLICANT_TYPES))
    .addCheckConstraint('applications_version_check', sql`version >= 1`)
    .execute();
  await db.schema.createIndex('applications_agency_state_idx').on('applications').columns(['agency_id', 'state']).execute();
  await db.schema.createIndex('applications_agency_received_idx').on('applications').columns(['agency_id', 'received_on']).execute();

  // Append-only: the repository inserts and never updates or deletes.
  await id('application_events')
    .addColumn('application_id', 'integer', (col) => col.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('at', 'date', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('recorded_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .addUniqueConstraint('application_events_application_seq_key', ['application_id', 'seq'])
    .execute();

  await db.schema
    .createTable('tracking_sequences')
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('last_value', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('tracking_sequences_pkey', ['agency_id', 'year'])
    .execute();

  await id('review_cases')
    .addColumn('application_id', 'integer', (col) => col.references('applications.id').onDelete('set null'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('filed_on', 'date', (col) => col.notNull())
    .addColumn('concluded_on', 'date')
    .addColumn('result', 'text')
    .addCheckConstraint('review_cases_kind_check', oneOf('kind', REVIEW_KINDS))
    .addCheckConstraint('review_cases_result_check', sql`result is null or ${oneOf('result', REVIEW_RESULTS)}`)
    .addCheckConstraint('review_cases_open_check', sql`(concluded_on is null) = (result is null)`)
    .execute();
  await db.schema.createIndex('review_cases_agency_filed_idx').on('review_cases').columns(['agency_id', 'filed_on']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('review_cases').execute();
  await db.schema.dropTable('tracking_sequences').execute();
  await db.schema.dropTable('application_events').execute();
  await db.schema.dropTable('applications').execute();
}
