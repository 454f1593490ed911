// 主动公开: publications (summary columns kept in step with the append-only event log),
// attachments, 索引号 sequences, and each agency's settings: catalogue (目录) tree, guide (指南)
// versions, review chain, screening word lists, 保密审查 checklist, 索引号 rule.
// Code lists are copied on purpose: a migration never imports app code.
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function oneOf(column: string, codes: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(codes.map((code) => sql.lit(code)))})`;
}

// publication.ts as of this migration.
const STATES = ['draft', 'in_review', 'returned', 'published', 'withdrawn'];
const KINDS = ['rules', 'normativeDocuments', 'other'];
const VALIDITY = ['effective', 'expired', 'repealed'];
const TERM_KINDS = ['sensitive_word', 'wrong_term'];

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  const id = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('id', 'integer', (col) => (postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement()))
      .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'));

  await id('publications')
    // Given at publication (or import); unique across the platform.
    .addColumn('index_number', 'text', (col) => col.unique())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('body_html', 'text', (col) => col.notNull())
    // The body as plain text: what the scanner and the search index read.
    .addColumn('body_text', 'text', (col) => col.notNull())
    .addColumn('summary', 'text', (col) => col.notNull())
    .addColumn('document_number', 'text')
    .addColumn('issuer', 'text', (col) => col.notNull())
    .addColumn('written_on', 'date', (col) => col.notNull())
    .addColumn('published_on', 'date')
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('category_code', 'text', (col) => col.notNull())
    // JSON array of channel codes.
    .addColumn('channels', 'text', (col) => col.notNull())
    .addColumn('validity', 'text', (col) => col.notNull())
    .addColumn('effective_from', 'date')
    .addColumn('validity_ended_on', 'date')
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('current_step', 'integer')
    .addColumn('author', 'text', (col) => col.notNull())
    .addColumn('withdrawn_on', 'date')
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .addCheckConstraint('publications_state_check', oneOf('state', STATES))
    .addCheckConstraint('publications_kind_check', oneOf('kind', KINDS))
    .addCheckConstraint('publications_validity_check', oneOf('validity', VALIDITY))
    .addCheckConstraint('publications_version_check', sql`version >= 1`)
    .execute();
  await db.schema.createIndex('publications_agency_state_idx').on('publications').columns(['agency_id', 'state', 'published_on']).execute();
  // Table 二 counts an agency's 规章 and 规范性文件 by 成文日期 and end of validity.
  await db.schema.createIndex('publications_agency_kind_idx').on('publications').columns(['agency_id', 'kind', 'written_on']).execute();

  // Append-only: the repository inserts and never updates or deletes.
  await id('publication_events')
    .addColumn('publication_id', 'integer', (col) => col.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('at', 'date', (col) => col.notNull())
    // The whole event as JSON (publication.ts PublicationEvent).
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('recorded_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .addUniqueConstraint('publication_events_publication_seq_key', ['publication_id', 'seq'])
    .execute();

  await id('publication_attachments')
    .addColumn('publication_id', 'integer', (col) => col.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (col) => col.notNull())
    // Detected from the bytes, never from the name.
    .addColumn('media_type', 'text', (col) => col.notNull())
    .addColumn('size', 'integer', (col) => col.notNull())
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('content', postgres ? sql`bytea` : 'blob', (col) => col.notNull())
    // Extracted text ('' for images): scanned and indexed.
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .execute();
  await db.schema.createIndex('publication_attachments_publication_idx').on('publication_attachments').column('publication_id').execute();

  // 索引号 sequences per agency and year, as tracking_sequences.
  await db.schema
    .createTable('publication_index_sequences')
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('last_value', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('publication_index_sequences_pkey', ['agency_id', 'year'])
    .execute();

  // One row per agency: its 统一社会信用代码, 索引号 rule, review chain and 保密审查 checklist.
  await db.schema
    .createTable('disclosure_settings')
    .addColumn('agency_id', 'integer', (col) => col.primaryKey().references('agencies.id').onDelete('cascade'))
    .addColumn('credit_code', 'text')
    // e.g. '{creditCode}/{year}-{seq:5}'; null for the default.
    .addColumn('index_number_pattern', 'text')
    // JSON ReviewStep[]; null for the default chain.
    .addColumn('review_chain', 'text')
    // JSON { id, question }[]; null for the default checklist.
    .addColumn('checklist', 'text')
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .execute();

  // The catalogue tree; created from the default on first use, then edited by the agency.
  await id('catalogue_nodes')
    .addColumn('code', 'text', (col) => col.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('name', 'text', (col) => col.notNull())
    // The article it comes from, e.g. 第二十条第（一）项; '' for the agency's own items.
    .addColumn('basis', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addUniqueConstraint('catalogue_nodes_agency_code_key', ['agency_id', 'code'])
    .execute();

  // 指南 (第十二条): every saved version is kept; the newest is current.
  await id('disclosure_guides')
    .addColumn('version', 'integer', (col) => col.notNull())
    // JSON of the guide's fields (disclosure-guide.ts).
    .addColumn('fields', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .addUniqueConstraint('disclosure_guides_agency_version_key', ['agency_id', 'version'])
    .execute();

  // The agency's sensitive words and 错敏词 (a wrong term with its correct form).
  await id('screening_terms')
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('term', 'text', (col) => col.notNull())
    .addColumn('correction', 'text')
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addUniqueConstraint('screening_terms_agency_kind_term_key', ['agency_id', 'kind', 'term'])
    .addCheckConstraint('screening_terms_kind_check', oneOf('kind', TERM_KINDS))
    .execute();

  // Audit of settings changes (catalogue, guide, chain, word lists, yearly figures): who, when, what.
  await id('disclosure_settings_history')
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('detail', 'text', (col) => col.notNull())
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'disclosure_settings_history',
    'screening_terms',
    'disclosure_guides',
    'catalogue_nodes',
    'disclosure_settings',
    'publication_index_sequences',
    'publication_attachments',
    'publication_events',
    'publications',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
