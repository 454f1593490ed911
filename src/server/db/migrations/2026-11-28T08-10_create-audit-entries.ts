// The platform's audit trail: append-only and hash-chained (src/domain/audit/audit-entry.ts).
// seq is assigned by the writer (last seq + 1), not by the database: an autoincrement would skip
// numbers after a rollback, and a gap must mean a deleted entry. `at` is text, not timestamptz:
// the hash covers the exact string written, and PostgreSQL would give a timestamptz back in
// another format. agency_id is null for platform-wide actions; deleting an agency that has audit
// entries is refused (no cascade), since removing entries would break the trail.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_entries')
    .addColumn('seq', 'integer', (col) => col.primaryKey())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('agency_id', 'integer', (col) => col.references('agencies.id'))
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    // Canonical JSON (sorted keys, no spaces): exactly the text that was hashed.
    .addColumn('detail', 'text', (col) => col.notNull())
    .addColumn('prev_hash', 'text', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('audit_entries_agency_seq_idx').on('audit_entries').columns(['agency_id', 'seq']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_entries').execute();
}
