// Keys ready for distribution by agency (issue 7; docs/decisions/0005-distributed-postgresql.md).
// Citus checks a primary key or unique constraint on one shard only, so each must include the
// distribution column; a foreign key between two distributed tables must join on it too; and
// identities of distributed tables must be bigint. This migration makes those changes on
// PostgreSQL; src/server/db/distribution/ holds the plan and a test checks the catalogue against it.
//
// The widened keys put the old key first ((id, agency_id), (tracking_number, agency_id)…), so a
// lookup by id alone still uses the primary key's index and nothing else needs an index.
// Foreign keys name the referenced columns as (agency_id, id): PostgreSQL matches them to the
// (id, agency_id) key as a set.
//
// SQLite keeps its keys: it never distributes, and an INTEGER PRIMARY KEY is the rowid itself (a
// composite key would add a second b-tree to every table for nothing). Its integers are 64-bit.
//
// On a large database the type changes rewrite the tables (minutes at millions of rows): run it in
// a maintenance window.
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Tables whose identity `id` joins the agency in the primary key. */
const AGENCY_ID_TABLES = [
  'report_applications',
  'report_review_cases',
  'report_documents',
  'applications',
  'application_events',
  'application_history',
  'review_cases',
  'application_id_proofs',
  'publications',
  'publication_events',
  'publication_attachments',
  'catalogue_nodes',
  'disclosure_guides',
  'screening_terms',
  'disclosure_settings_history',
  'external_reports',
] as const;

/** Unique constraints widened by agency_id: [table, constraint, old columns]. */
const UNIQUES = [
  ['applications', 'applications_tracking_number_key', ['tracking_number']],
  ['application_events', 'application_events_application_seq_key', ['application_id', 'seq']],
  ['application_id_proofs', 'application_id_proofs_application_id_key', ['application_id']],
  ['publications', 'publications_index_number_key', ['index_number']],
  ['publication_events', 'publication_events_publication_seq_key', ['publication_id', 'seq']],
  ['publication_search', 'publication_search_search_key_key', ['search_key']],
] as const;

/** Foreign keys to a record of the same agency: [table, constraint, column, target, on delete]. */
const FOREIGN_KEYS = [
  ['application_events', 'application_events_application_id_fkey', 'application_id', 'applications', 'cascade'],
  ['application_history', 'application_history_application_id_fkey', 'application_id', 'applications', 'cascade'],
  ['application_id_proofs', 'application_id_proofs_application_id_fkey', 'application_id', 'applications', 'cascade'],
  ['review_cases', 'review_cases_application_id_fkey', 'application_id', 'applications', 'set null'],
  ['publication_events', 'publication_events_publication_id_fkey', 'publication_id', 'publications', 'cascade'],
  ['publication_attachments', 'publication_attachments_publication_id_fkey', 'publication_id', 'publications', 'cascade'],
] as const;

/** Columns that hold an id made bigint: [table, column]. */
const REFERENCING_COLUMNS = [
  ...FOREIGN_KEYS.map(([table, , column]) => [table, column] as const),
  ['publication_search', 'publication_id'],
  ['sessions', 'user_id'],
  ['user_roles', 'user_id'],
] as const;

/** Identities outside the agency tables, made bigint too (users and login attempts grow without bound on a province's platform). */
const OTHER_IDENTITIES = ['users', 'login_attempts', 'audit_verifications'] as const;

const id = sql.id;
const ids = (columns: readonly string[]) => sql.join(columns.map((c) => sql.id(c)));

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const [table, constraint] of FOREIGN_KEYS) await sql`alter table ${id(table)} drop constraint ${id(constraint)}`.execute(db);
  for (const table of AGENCY_ID_TABLES) {
    await sql`alter table ${id(table)} drop constraint ${id(`${table}_pkey`)}, add constraint ${id(`${table}_pkey`)} primary key (id, agency_id)`.execute(db);
  }
  await sql`alter table publication_search drop constraint publication_search_pkey, add constraint publication_search_pkey primary key (publication_id, agency_id)`.execute(db);
  // Distributed by login (the lockout query's key), not by agency.
  await sql`alter table login_attempts drop constraint login_attempts_pkey, add constraint login_attempts_pkey primary key (id, login)`.execute(db);
  for (const [table, constraint, columns] of UNIQUES) {
    await sql`alter table ${id(table)} drop constraint ${id(constraint)}, add constraint ${id(constraint)} unique (${ids([...columns, 'agency_id'])})`.execute(db);
  }
  for (const table of [...AGENCY_ID_TABLES, ...OTHER_IDENTITIES]) await sql`alter table ${id(table)} alter column id type bigint`.execute(db);
  for (const [table, column] of REFERENCING_COLUMNS) await sql`alter table ${id(table)} alter column ${id(column)} type bigint`.execute(db);
  for (const [table, constraint, column, target, onDelete] of FOREIGN_KEYS) {
    // SET NULL (column) clears the reference only: agency_id is NOT NULL and stays (PostgreSQL 15).
    const action = onDelete === 'cascade' ? sql`on delete cascade` : sql`on delete set null (${id(column)})`;
    await sql`alter table ${id(table)} add constraint ${id(constraint)} foreign key (agency_id, ${id(column)}) references ${id(target)} (agency_id, id) ${action}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const [table, constraint] of FOREIGN_KEYS) await sql`alter table ${id(table)} drop constraint ${id(constraint)}`.execute(db);
  for (const [table, constraint, columns] of UNIQUES) {
    await sql`alter table ${id(table)} drop constraint ${id(constraint)}, add constraint ${id(constraint)} unique (${ids(columns)})`.execute(db);
  }
  for (const table of AGENCY_ID_TABLES) {
    await sql`alter table ${id(table)} drop constraint ${id(`${table}_pkey`)}, add constraint ${id(`${table}_pkey`)} primary key (id)`.execute(db);
  }
  await sql`alter table publication_search drop constraint publication_search_pkey, add constraint publication_search_pkey primary key (publication_id)`.execute(db);
  await sql`alter table login_attempts drop constraint login_attempts_pkey, add constraint login_attempts_pkey primary key (id)`.execute(db);
  for (const [table, column] of REFERENCING_COLUMNS) await sql`alter table ${id(table)} alter column ${id(column)} type integer`.execute(db);
  for (const table of [...AGENCY_ID_TABLES, ...OTHER_IDENTITIES]) await sql`alter table ${id(table)} alter column id type integer`.execute(db);
  for (const [table, constraint, column, target, onDelete] of FOREIGN_KEYS) {
    const action = onDelete === 'cascade' ? sql`on delete cascade` : sql`on delete set null`;
    await sql`alter table ${id(table)} add constraint ${id(constraint)} foreign key (${id(column)}) references ${id(target)} (id) ${action}`.execute(db);
  }
}
