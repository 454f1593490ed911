// Covering indexes for the annual report's grouped counts (records.repository findReportCounts):
// a year's rows are read from the index alone. With only (agency_id, received_on), SQLite may
// pick that index for an earlier year and look up most of the table row by row.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('applications_report_counts_idx')
    .on('applications')
    .columns(['agency_id', 'received_on', 'state', 'concluded_on', 'applicant_type', 'outcome'])
    .execute();
  await db.schema
    .createIndex('report_applications_report_counts_idx')
    .on('report_applications')
    .columns(['agency_id', 'received_on', 'concluded_on', 'applicant_type', 'outcome'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('report_applications_report_counts_idx').execute();
  await db.schema.dropIndex('applications_report_counts_idx').execute();
}
