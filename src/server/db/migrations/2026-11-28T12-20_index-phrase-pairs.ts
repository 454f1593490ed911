// Phrase search by pairs of adjacent words (PostgreSQL; src/server/search/search-entry.ts
// pairLexeme): each item's tsvector gains 'before+after' for every two words at neighbouring
// positions of weight A or B, so a quoted phrase is answered by the GIN index alone. New and
// changed items get their pairs from the application; this adds them to the items already indexed,
// from the positions the tsvector holds (a word keeps its first 256 positions there; re-saving an
// item indexes the rest). SQLite matches phrases inside FTS5 and needs nothing.
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

const POSITIONS = sql`select u.lexeme, x.p from unnest(s.words) u, unnest(u.positions, u.weights) as x(p, w) where x.w in ('A', 'B')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`update publication_search s set words = s.words || coalesce((
      select array_to_tsvector(array_agg(distinct a.lexeme || '+' || b.lexeme))
      from (${POSITIONS}) a join (${POSITIONS}) b on b.p = a.p + 1
    ), ''::tsvector)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`update publication_search s set words = ts_delete(s.words, array(select w from unnest(tsvector_to_array(s.words)) as w where w like '%+%'))`.execute(db);
}
