// Attachment bytes may live outside the database (src/server/storage: a shared directory or an
// S3 bucket). storage_key names them there; null means the bytes are in `content` as before.
// `content` stays NOT NULL: SQLite cannot drop a column's NOT NULL without rebuilding the table
// (and its indexes and foreign keys), so a row stored outside holds an empty blob. An empty file
// is never accepted as an attachment, so `content` is empty exactly when storage_key is set.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('publication_attachments').addColumn('storage_key', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Dropping the column would leave rows with empty content and no way to find their bytes.
  const { rows } = await sql<{ stored: number | string }>`select count(*) as stored from publication_attachments where storage_key is not null`.execute(db);
  const stored = Number(rows[0]?.stored ?? 0);
  if (stored > 0) {
    throw new Error(`${stored} attachments are stored outside the database (storage_key set); copy their bytes into content and clear storage_key before migrating down`);
  }
  await db.schema.alterTable('publication_attachments').dropColumn('storage_key').execute();
}
