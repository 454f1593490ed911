// Migrations are listed in code, not found by scanning a folder: the same list works from
// tsx, the tests and a bundled build. Add each new migration file here, in name order.
import { Migrator, PostgresAdapter, sql } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Database } from './database.ts';
import * as createAgencies from './migrations/2026-11-28T02-00_create-agencies.ts';
import * as createReportRecords from './migrations/2026-11-28T02-10_create-report-records.ts';
import * as createAnnualReportTexts from './migrations/2026-11-28T02-20_create-annual-report-texts.ts';
import * as createApplications from './migrations/2026-11-28T03-00_create-applications.ts';
import * as createCalendarYears from './migrations/2026-11-28T04-00_create-calendar-years.ts';
import * as createNoticeTemplates from './migrations/2026-11-28T04-10_create-notice-templates.ts';
import * as createReportCountIndexes from './migrations/2026-11-28T05-00_create-report-count-indexes.ts';
import * as createPausedApplicationsIndex from './migrations/2026-11-28T06-00_create-paused-applications-index.ts';
import * as createPublications from './migrations/2026-11-28T07-00_create-publications.ts';
import * as createPublicationSearch from './migrations/2026-11-28T07-10_create-publication-search.ts';
import * as createAccounts from './migrations/2026-11-28T08-00_create-accounts.ts';
import * as createAuditEntries from './migrations/2026-11-28T08-10_create-audit-entries.ts';
import * as createAnnualReports from './migrations/2026-11-28T09-00_create-annual-reports.ts';
import * as createApplicationIdProofs from './migrations/2026-11-28T10-00_create-application-id-proofs.ts';
import * as createPortalIndex from './migrations/2026-11-28T10-10_create-portal-index.ts';
import * as createSupervision from './migrations/2026-11-28T11-00_create-supervision.ts';
import * as createJobRuns from './migrations/2026-11-28T11-10_create-job-runs.ts';
import * as addAttachmentStorageKey from './migrations/2026-11-28T11-20_add-attachment-storage-key.ts';
import * as indexPublicationSearchByAgency from './migrations/2026-11-28T11-30_index-publication-search-by-agency.ts';
import * as splitAuditChainByAgency from './migrations/2026-11-28T12-00_split-audit-chain-by-agency.ts';
import * as widenKeysForDistribution from './migrations/2026-11-28T12-10_widen-keys-for-distribution.ts';
import * as indexPhrasePairs from './migrations/2026-11-28T12-20_index-phrase-pairs.ts';
import * as countReportDocuments from './migrations/2026-11-28T12-30_count-report-documents.ts';

export const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '2026-11-28T02-00_create-agencies': createAgencies,
  '2026-11-28T02-10_create-report-records': createReportRecords,
  '2026-11-28T02-20_create-annual-report-texts': createAnnualReportTexts,
  '2026-11-28T03-00_create-applications': createApplications,
  '2026-11-28T04-00_create-calendar-years': createCalendarYears,
  '2026-11-28T04-10_create-notice-templates': createNoticeTemplates,
  '2026-11-28T05-00_create-report-count-indexes': createReportCountIndexes,
  '2026-11-28T06-00_create-paused-applications-index': createPausedApplicationsIndex,
  '2026-11-28T07-00_create-publications': createPublications,
  '2026-11-28T07-10_create-publication-search': createPublicationSearch,
  '2026-11-28T08-00_create-accounts': createAccounts,
  '2026-11-28T08-10_create-audit-entries': createAuditEntries,
  '2026-11-28T09-00_create-annual-reports': createAnnualReports,
  '2026-11-28T10-00_create-application-id-proofs': createApplicationIdProofs,
  '2026-11-28T10-10_create-portal-index': createPortalIndex,
  '2026-11-28T11-00_create-supervision': createSupervision,
  '2026-11-28T11-10_create-job-runs': createJobRuns,
  '2026-11-28T11-20_add-attachment-storage-key': addAttachmentStorageKey,
  '2026-11-28T11-30_index-publication-search-by-agency': indexPublicationSearchByAgency,
  '2026-11-28T12-00_split-audit-chain-by-agency': splitAuditChainByAgency,
  '2026-11-28T12-10_widen-keys-for-distribution': widenKeysForDistribution,
  '2026-11-28T12-20_index-phrase-pairs': indexPhrasePairs,
  '2026-11-28T12-30_count-report-documents': countReportDocuments,
});

const inCodeProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};

/**
 * On PostgreSQL the migration tables are looked for in the connection's current schema: without
 * it Kysely takes a kysely_migration table of any schema in the database (another suite's, another
 * application's) for ours, and then fails to lock a table that is not on the search_path.
 */
export async function createMigrator(db: Kysely<Database>): Promise<Migrator> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return new Migrator({ db, provider: inCodeProvider });
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  return new Migrator({ db, provider: inCodeProvider, ...(schema === undefined ? {} : { migrationTableSchema: schema }) });
}

/** Runs every pending migration; returns the names it ran. Throws if one fails (that one is rolled back on PostgreSQL). */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const { error, results = [] } = await (await createMigrator(db)).migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
