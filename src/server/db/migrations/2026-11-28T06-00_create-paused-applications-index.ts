// The due-soon and overdue lists read every paused open case (its due date moves daily while
// paused). Without this index both engines walk all of an agency's open rows to find them.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('applications_paused_idx').on('applications').columns(['agency_id', 'state']).where(sql<boolean>`paused = 1`).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('applications_paused_idx').execute();
}
