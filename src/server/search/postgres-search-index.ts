// PostgreSQL: a tsvector column built in the application from the same jieba words as SQLite
// (search-entry.ts), a GIN index on it, and the unique index on search_key for newest first.
// Filters are plain columns. Ranking is done in the application (rank-candidates.ts).
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { SearchClause } from './parse-search-query.ts';
import { toTsvectorLiteral } from './search-entry.ts';
import { fetchTextsFrom, SEARCH_COLUMNS, toSearchRow } from './search-index-engine.ts';
import type { PublicationSearchTable, SearchFilters, SearchIndexEngine, SearchTables } from './search-index-engine.ts';

const BATCH = 500;
const STATISTICS_CACHE_MS = 60_000;

interface WordStatistics {
  frequencies: Map<string, number>;
  items: number;
}

/**
 * The tsquery literal: words in any field (weights A, B, D), phrases in title and body only
 * (A, B: the compound parts, weight D, sit at one shared position and never form phrases).
 */
export function toTsquery(clauses: readonly SearchClause[]): string {
  return clauses
    .map((clause) => (clause.kind === 'word' ? `'${clause.token}'` : `(${clause.tokens.map((token) => `'${token}':AB`).join(' <-> ')})`))
    .join(' & ');
}

export function createPostgresSearchIndex(database: Kysely<Database>): SearchIndexEngine {
  const db = database.withTables<SearchTables>();

  function filtered(clauses: readonly SearchClause[], filters: SearchFilters) {
    return db
      .selectFrom('publication_search')
      .where(sql<boolean>`words @@ ${toTsquery(clauses)}::tsquery`)
      .where('search_key', '>=', filters.keyLow)
      .where('search_key', '<=', filters.keyHigh)
      .$if(filters.agencyIds !== undefined, (q) => q.where('agency_id', 'in', filters.agencyIds ?? []))
      .$if(filters.categoryCode !== undefined, (q) => q.where('category_code', '=', filters.categoryCode ?? ''))
      .$if(filters.issuer !== undefined, (q) => q.where('issuer', '=', filters.issuer ?? ''))
      .$if(filters.validity !== undefined, (q) => q.where('validity', '=', filters.validity ?? ''))
      .$if(filters.kind !== undefined, (q) => q.where('kind', '=', filters.kind ?? ''));
  }

  /** ANALYZE's most common words and their share of items; undefined before the first ANALYZE. */
  let statistics: { value: Promise<WordStatistics | undefined>; at: number } | undefined;
  function wordStatistics(): Promise<WordStatistics | undefined> {
    const now = performance.now();
    if (statistics === undefined || now - statistics.at > STATISTICS_CACHE_MS) statistics = { value: readWordStatistics(), at: now };
    return statistics.value;
  }
  async function readWordStatistics(): Promise<WordStatistics | undefined> {
    const { rows } = await sql<{ elements: string[] | null; frequencies: number[] | null; items: number }>`
      select s.most_common_elems::text::text[] as elements, s.most_common_elem_freqs as frequencies, c.reltuples::bigint as items
      from pg_stats s join pg_class c on c.oid = to_regclass('publication_search')
      where s.schemaname = current_schema() and s.tablename = 'publication_search' and s.attname = 'words'`.execute(db);
    const row = rows[0];
    if (row === undefined || row.elements === null || row.frequencies === null || row.items <= 0) return undefined;
    const frequencies = new Map<string, number>();
    row.elements.forEach((element, i) => frequencies.set(element, Number(row.frequencies?.[i] ?? 0)));
    return { frequencies, items: Number(row.items) };
  }

  return {
    async upsert(trx, entries) {
      const t = trx.withTables<SearchTables>();
      for (let i = 0; i < entries.length; i += BATCH) {
        const batch = entries.slice(i, i + BATCH);
        await t
          .deleteFrom('publication_search')
          .where(
            'publication_id',
            'in',
            batch.map((entry) => entry.document.publicationId),
          )
          .execute();
        await t
          .insertInto('publication_search')
          .values(batch.map((entry) => ({ ...toSearchRow(entry), words: sql`${toTsvectorLiteral(entry)}::tsvector` })) as never)
          .execute();
      }
    },

    async remove(trx, publicationId) {
      await trx.withTables<SearchTables>().deleteFrom('publication_search').where('publication_id', '=', publicationId).execute();
    },

    async collectNewest(clauses, filters, first, countLimit) {
      // One walk: a second one for the count would repeat the GIN or btree scan.
      const rows = await filtered(clauses, filters).select('search_key').orderBy('search_key', 'desc').limit(countLimit).execute();
      return { keys: rows.slice(0, first).map((row) => row.search_key), count: rows.length };
    },

    async countWordUpTo(token, limit) {
      // The planner's statistics know every frequent word (most_common_elems): counting one of
      // those would read a GIN posting list of most of the table. Other words are counted.
      const stats = await wordStatistics();
      const frequency = stats?.frequencies.get(token);
      if (stats !== undefined && frequency !== undefined) return Math.min(limit, Math.round(frequency * stats.items));
      const { rows } = await sql<{ n: number }>`
        select count(*) as n from (select 1 from publication_search where words @@ ${`'${token}'`}::tsquery limit ${limit}) as matches`.execute(db);
      return rows[0]?.n ?? 0;
    },

    async countAll() {
      // For IDF an estimate will do, and count(*) reads the whole table; exact until first analysed.
      const { rows } = await sql<{ n: number }>`select reltuples::bigint as n from pg_class where oid = to_regclass('publication_search')`.execute(db);
      const estimate = Number(rows[0]?.n ?? -1);
      if (estimate >= 0) return estimate;
      const row = await db.selectFrom('publication_search').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    fetchTexts: (keys, maxAttachmentCharacters) => fetchTextsFrom(db, keys, maxAttachmentCharacters),

    async fetchRows(keys): Promise<PublicationSearchTable[]> {
      if (keys.length === 0) return [];
      return db.selectFrom('publication_search').select(SEARCH_COLUMNS).where('search_key', 'in', keys).execute();
    },
  };
}
