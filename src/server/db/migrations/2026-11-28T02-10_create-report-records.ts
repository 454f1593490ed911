// The records an annual report is computed from (until the case system exists, they come
// from an import file). The code lists are copied here on purpose: a migration never
// imports app code, so it keeps meaning what it meant when it ran.
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

// Kysely has no public accessor for the dialect; identity columns differ between engines.
function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function oneOf(column: string, codes: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(codes.map((code) => sql.lit(code)))})`;
}

// report-format.ts APPLICANT_TYPES, OUTCOMES, REVIEW_GROUPS, REVIEW_RESULTS, DOCUMENT_KINDS as of this migration.
const APPLICANT_TYPES = ['natural_person', 'business', 'research_institution', 'public_interest_org', 'legal_service_org', 'other_org'];
const OUTCOMES = [
  'disclosed', 'partially_disclosed',
  'withheld_state_secret', 'withheld_prohibited_by_law', 'withheld_security_stability', 'withheld_third_party_rights',
  'withheld_internal_affairs', 'withheld_process_info', 'withheld_enforcement_file', 'withheld_inquiry_matter',
  'unavailable_not_held', 'unavailable_needs_creation', 'unavailable_unclear_after_correction',
  'not_processed_petition', 'not_processed_duplicate', 'not_processed_publication', 'not_processed_excessive', 'not_processed_confirmation',
  'other_no_correction', 'other_fee_unpaid', 'other',
];
const REVIEW_KINDS = ['adminReview', 'litigationDirect', 'litigationAfterReview'];
const REVIEW_RESULTS = ['upheld', 'corrected', 'otherResult'];
const DOCUMENT_KINDS = ['rules', 'normativeDocuments'];

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  const id = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('id', 'integer', (col) => (postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement()))
      .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'))
      .addColumn('external_id', 'text', (col) => col.notNull());

  // A case is open (both null) or concluded with exactly one outcome (both set).
  await id('report_applications')
    .addColumn('applicant_type', 'text', (col) => col.notNull())
    .addColumn('received_on', 'date', (col) => col.notNull())
    .addColumn('concluded_on', 'date')
    .addColumn('outcome', 'text')
    .addUniqueConstraint('report_applications_agency_external_id_key', ['agency_id', 'external_id'])
    .addCheckConstraint('report_applications_applicant_type_check', oneOf('applicant_type', APPLICANT_TYPES))
    .addCheckConstraint('report_applications_outcome_check', sql`outcome is null or ${oneOf('outcome', OUTCOMES)}`)
    .addCheckConstraint('report_applications_open_check', sql`(concluded_on is null) = (outcome is null)`)
    .execute();
  await db.schema.createIndex('report_applications_agency_received_idx').on('report_applications').columns(['agency_id', 'received_on']).execute();
  await db.schema.createIndex('report_applications_agency_concluded_idx').on('report_applications').columns(['agency_id', 'concluded_on']).execute();

  await id('report_review_cases')
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('filed_on', 'date', (col) => col.notNull())
    .addColumn('concluded_on', 'date')
    .addColumn('result', 'text')
    .addUniqueConstraint('report_review_cases_agency_external_id_key', ['agency_id', 'external_id'])
    .addCheckConstraint('report_review_cases_kind_check', oneOf('kind', REVIEW_KINDS))
    .addCheckConstraint('report_review_cases_result_check', sql`result is null or ${oneOf('result', REVIEW_RESULTS)}`)
    .addCheckConstraint('report_review_cases_open_check', sql`(concluded_on is null) = (result is null)`)
    .execute();
  await db.schema.createIndex('report_review_cases_agency_filed_idx').on('report_review_cases').columns(['agency_id', 'filed_on']).execute();

  await id('report_documents')
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('issued_on', 'date', (col) => col.notNull())
    .addColumn('repealed_on', 'date')
    .addUniqueConstraint('report_documents_agency_external_id_key', ['agency_id', 'external_id'])
    .addCheckConstraint('report_documents_kind_check', oneOf('kind', DOCUMENT_KINDS))
    .execute();
  await db.schema.createIndex('report_documents_agency_issued_idx').on('report_documents').columns(['agency_id', 'issued_on']).execute();

  await db.schema
    .createTable('report_yearly_figures')
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('licensing', 'integer', (col) => col.notNull())
    .addColumn('penalty', 'integer', (col) => col.notNull())
    .addColumn('enforcement', 'integer', (col) => col.notNull())
    // 万元 as entered: text keeps the printed decimals ("0.0000") that T2-FEE checks.
    .addColumn('administrative_fees', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('report_yearly_figures_pkey', ['agency_id', 'year'])
    .addCheckConstraint('report_yearly_figures_counts_check', sql`licensing >= 0 and penalty >= 0 and enforcement >= 0`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_yearly_figures').execute();
  await db.schema.dropTable('report_documents').execute();
  await db.schema.dropTable('report_review_cases').execute();
  await db.schema.dropTable('report_applications').execute();
}
