// Full-text search over published 主动公开 items (条例第二十四条: the platform must offer 信息检索).
// Words are segmented by jieba in the application, so both engines index the same words:
// - publication_search: one row per published item — what a hit shows, the filter columns, and
//   search_key (days since 1970 × 2³² + id), which orders items newest first.
// - SQLite: publication_search_fts, a contentless FTS5 table keyed by search_key (its rowid),
//   over space-separated words (unicode61 only splits at the spaces and punctuation already there).
// - PostgreSQL: a tsvector column (built in the application, 'simple' words) with a GIN index.
// No foreign key to publications: the index is rebuilt or bulk-loaded on its own.
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  let table = db.schema
    .createTable('publication_search')
    .addColumn('publication_id', 'integer', (col) => col.primaryKey())
    .addColumn('search_key', 'bigint', (col) => col.notNull().unique())
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('body_text', 'text', (col) => col.notNull())
    .addColumn('attachments_text', 'text', (col) => col.notNull())
    .addColumn('index_number', 'text', (col) => col.notNull())
    .addColumn('document_number', 'text')
    .addColumn('issuer', 'text', (col) => col.notNull())
    .addColumn('category_code', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('validity', 'text', (col) => col.notNull())
    .addColumn('published_on', 'date', (col) => col.notNull());
  if (postgres) table = table.addColumn('words', sql`tsvector`, (col) => col.notNull());
  await table.execute();

  if (postgres) {
    await sql`create index publication_search_words_idx on publication_search using gin (words)`.execute(db);
  } else {
    // Contentless: the text is kept once, in publication_search; contentless_delete lets an
    // edit replace the row (SQLite ≥ 3.43).
    await sql`create virtual table publication_search_fts using fts5(
      title, content, parts, facets,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 0'
    )`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) await db.schema.dropTable('publication_search_fts').execute();
  await db.schema.dropTable('publication_search').execute();
}
