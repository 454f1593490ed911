import { randomBytes } from 'node:crypto';
import { NO_MIGRATIONS, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase, testDialects } from '../../../test/test-database.ts';
import { createMigrator, MIGRATIONS, migrateToLatest } from './migrate-to-latest.ts';

const APP_TABLES = [
  'agencies',
  'annual_report_events',
  'annual_report_texts',
  'annual_reports',
  'application_events',
  'application_history',
  'application_id_proofs',
  'applications',
  'audit_entries',
  'audit_verifications',
  'calendar_years',
  'catalogue_nodes',
  'disclosure_guides',
  'disclosure_settings',
  'disclosure_settings_history',
  'external_reports',
  'job_runs',
  'login_attempts',
  'notice_templates',
  'publication_attachments',
  'publication_events',
  'publication_index_sequences',
  'publication_search',
  'publication_search_word_counts',
  'publications',
  'reminders',
  'report_applications',
  'report_document_counts',
  'report_documents',
  'report_review_cases',
  'report_yearly_figures',
  'review_cases',
  'screening_terms',
  'sessions',
  'supervision_deadlines',
  'tracking_sequences',
  'user_roles',
  'users',
];
// The State Council's arrangement binds every agency alike: the one global reference table.
// Accounts span agencies (a user's roles per agency are in user_roles, which has agency_id).
// job_runs and audit_verifications belong to the platform's scheduled jobs (src/server/jobs/), not to an agency.
const GLOBAL_TABLES = ['audit_verifications', 'calendar_years', 'job_runs', 'login_attempts', 'sessions', 'users'];
const ALL_MIGRATIONS = ['2026-11-28T02-00_create-agencies', '2026-11-28T02-10_create-report-records', '2026-11-28T02-20_create-annual-report-texts', '2026-11-28T03-00_create-applications',
  '2026-11-28T04-00_create-calendar-years',
  '2026-11-28T04-10_create-notice-templates',
  '2026-11-28T05-00_create-report-count-indexes',
  '2026-11-28T06-00_create-paused-applications-index',
  '2026-11-28T07-00_create-publications',
  '2026-11-28T07-10_create-publication-search',
  '2026-11-28T08-00_create-accounts',
  '2026-11-28T08-10_create-audit-entries',
  '2026-11-28T09-00_create-annual-reports',
  '2026-11-28T10-00_create-application-id-proofs',
  '2026-11-28T10-10_create-portal-index',
  '2026-11-28T11-00_create-supervision',
  '2026-11-28T11-10_create-job-runs',
  '2026-11-28T11-20_add-attachment-storage-key',
  '2026-11-28T11-30_index-publication-search-by-agency',
  '2026-11-28T12-00_split-audit-chain-by-agency',
  '2026-11-28T12-10_widen-keys-for-distribution',
  '2026-11-28T12-20_index-phrase-pairs',
  '2026-11-28T12-30_count-report-documents',
];
// SQLite only: the FTS5 virtual table of publication_search and its shadow tables (_data, _idx…).
const isFtsTable = (name: string) => name.startsWith('publication_search_fts');

describeEachDatabase(
  'migrations',
  (database) => {
    // PostgreSQL introspection lists every schema; other suites run in theirs at the same time.
    async function ownTables() {
      const { schema } = database.connection;
      return (await database.db.introspection.getTables()).filter((t) => schema === null || t.schema === schema);
    }

    async function appTables(): Promise<string[]> {
      return (await ownTables()).map((t) => t.name).filter((name) => !name.startsWith('kysely_') && !isFtsTable(name)).sort();
    }

    it('runs every migration up on an empty database, then has nothing left to run', async () => {
      expect(await appTables()).toEqual([]);
      expect(await migrateToLatest(database.db)).toEqual(ALL_MIGRATIONS);
      expect(await appTables()).toEqual(APP_TABLES);
      expect(await migrateToLatest(database.db)).toEqual([]);
    });

    it('runs every migration down, leaving no table, and up again', async () => {
      const { error, results } = await (await createMigrator(database.db)).migrateTo(NO_MIGRATIONS);
      expect(error).toBeUndefined();
      expect(results?.map((r) => `${r.direction} ${r.migrationName}`)).toEqual([...ALL_MIGRATIONS].reverse().map((name) => `Down ${name}`));
      expect(await appTables()).toEqual([]);
      expect(await migrateToLatest(database.db)).toEqual(ALL_MIGRATIONS);
      expect(await appTables()).toEqual(APP_TABLES);
    });

    it('gives every record table an agency_id column', async () => {
      const tables = await ownTables();
      expect(tables.filter((t) => APP_TABLES.includes(t.name))).toHaveLength(APP_TABLES.length);
      for (const table of tables.filter((t) => APP_TABLES.includes(t.name) && t.name !== 'agencies' && !GLOBAL_TABLES.includes(t.name))) {
        expect(table.columns.map((c) => c.name), table.name).toContain('agency_id');
      }
    });
  },
  { migrate: false },
);

describe.runIf(testDialects().includes('postgres'))('migrations beside another schema [postgres]', () => {
  it('migrates its own schema when another schema of the database holds Kysely migration tables', async () => {
    // A suite that crashed, or another application, leaves its kysely_migration tables behind.
    const stray = await openTestDatabase('postgres', { migrate: false });
    const name = `gk_stray_${randomBytes(4).toString('hex')}`;
    try {
      await sql`create schema ${sql.id(name)}`.execute(stray.db);
      await sql`create table ${sql.id(name, 'kysely_migration')} (name varchar(255) primary key, timestamp varchar(255) not null)`.execute(stray.db);
      await sql`create table ${sql.id(name, 'kysely_migration_lock')} (id varchar(255) primary key, is_locked integer not null default 0)`.execute(stray.db);
      const fresh = await openTestDatabase('postgres', { migrate: false });
      try {
        expect(await migrateToLatest(fresh.db)).toEqual(ALL_MIGRATIONS);
      } finally {
        await fresh.close();
      }
    } finally {
      await sql`drop schema if exists ${sql.id(name)} cascade`.execute(stray.db);
      await stray.close();
    }
  });
});

describe('migration names', () => {
  it('follow YYYY-MM-DDTHH-mm_verb-noun and are listed in order', () => {
    const names = Object.keys(MIGRATIONS);
    for (const name of names) expect(name).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}_[a-z]+(-[a-z]+)+$/);
    expect([...names].sort()).toEqual(names);
  });
});
