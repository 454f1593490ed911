// Table 二 from the index alone (issue 7: the supervisor's roll-up over 1,000 agencies): the
// 规章 and 规范性文件 of a subtree are counted by agency, kind, dates and validity, which this
// partial index holds, so PostgreSQL reads them with an index-only scan instead of visiting
// millions of rows that carry whole bodies. Both engines accept the same statement.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index publications_documents_idx on publications (agency_id, kind, state, written_on, validity, validity_ended_on)
    where kind in ('rules', 'normativeDocuments')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index publications_documents_idx`.execute(db);
}
