// An agency's own notice templates (补正告知书 …); an agency without a row for a kind uses the
// built-in default (default-notice-templates.ts), so nothing is seeded here.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notice_templates')
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    // The NoticeTemplate as JSON text, checked by validateNoticeTemplate before it is stored.
    .addColumn('template', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('notice_templates_pkey', ['agency_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notice_templates').execute();
}
