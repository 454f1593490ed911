// The portal's catalogue and listings (issue 6): published items of one agency by category, newest
// first, read from the index alone instead of rows that carry whole bodies.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('publications_portal_idx').on('publications').columns(['agency_id', 'state', 'category_code', 'published_on', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('publications_portal_idx').execute();
}
