// The 身份证明 an applicant uploads with an online application (条例第二十九条第二款（一）): bytes in
// the database, outside any web root, served only through the staff route (application.read in
// the case's agency, audited). One per case. The file name is not kept: it may carry a name.
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('application_id_proofs')
    .addColumn('id', 'integer', (col) => (postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement()))
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('application_id', 'integer', (col) => col.notNull().unique().references('applications.id').onDelete('cascade'))
    // Sniffed from the bytes (PDF, JPEG, PNG), never from the name.
    .addColumn('media_type', 'text', (col) => col.notNull().check(sql`media_type in ('application/pdf', 'image/jpeg', 'image/png')`))
    .addColumn('size', 'integer', (col) => col.notNull().check(sql`size > 0`))
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('content', postgres ? sql`bytea` : 'blob', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .execute();
  await db.schema.createIndex('application_id_proofs_agency_idx').on('application_id_proofs').column('agency_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('application_id_proofs').execute();
}
