// Publication search by agency at city scale (issue 7; docs/decisions/0004-publication-search.md).
// PostgreSQL: each item's tsvector gets its agency as a lexeme ('agency=<id>', search-entry.ts
// agencyLexeme), so the GIN index intersects one agency's items with a word's in one scan; a
// btree on (agency_id, search_key) walks one agency's items newest first; and
// publication_search_word_counts holds the items per word and agency (kept in step by the search
// index), so a word's count is one row per agency, not a visit to every matching row.
// SQLite filters by agency inside FTS5 (its facets column) and counts there: the table exists on
// both engines alike but stays empty on SQLite.
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('publication_search_word_counts')
    .addColumn('word', 'text', (col) => col.notNull())
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('items', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('publication_search_word_counts_pkey', ['word', 'agency_id'])
    .execute();
  if (!isPostgres(db)) return;
  await sql`update publication_search set words = words || array_to_tsvector(array['agency=' || agency_id])`.execute(db);
  await sql`create index publication_search_agency_key_idx on publication_search (agency_id, search_key)`.execute(db);
  await sql`insert into publication_search_word_counts (word, agency_id, items)
    select w, agency_id, count(*) from publication_search, unnest(tsvector_to_array(words)) as w group by 1, 2`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop index publication_search_agency_key_idx`.execute(db);
    await sql`update publication_search set words = ts_delete(words, 'agency=' || agency_id)`.execute(db);
  }
  await db.schema.dropTable('publication_search_word_counts').execute();
}
