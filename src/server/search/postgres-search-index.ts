// PostgreSQL: a tsvector column built in the application from the same jieba words as SQLite
// (search-entry.ts) plus the agency as a lexeme, a GIN index on it, the unique index on
// search_key (newest first of all) and (agency_id, search_key) (newest first of one agency).
// publication_search_word_counts holds, per agency and word, the items holding it, kept in
// step by upsert and remove: a single word's count is read there, not counted over the heap.
// Filters are plain columns. Ranking is done in the application (rank-candidates.ts).
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { SearchClause } from './parse-search-query.ts';
import { agencyLexeme, pairLexeme, toTsvectorLiteral } from './search-entry.ts';
import { fetchTextsFrom, SEARCH_COLUMNS, toSearchRow } from './search-index-engine.ts';
import type { PublicationSearchTable, SearchFilters, SearchIndexEngine, SearchTables } from './search-index-engine.ts';
import type { RankedText } from './rank-candidates.ts';

const BATCH = 500;
/** Up to this many agencies are filtered by their lexemes inside the GIN scan; more by the column only. */
const MAX_AGENCY_LEXEMES = 50;

/**
 * The search indexes on PostgreSQL (migrations 07-10 and 2026-11-28T11-30): a bulk load drops
 * them, inserts, and creates them again (bench/scale-bench.ts).
 */
export const POSTGRES_INDEX_SQL: readonly { name: string; create: string }[] = [
  { name: 'publication_search_words_idx', create: 'create index publication_search_words_idx on publication_search using gin (words)' },
  // One agency's items newest first (the portal's /<code>/search): a short walk for common words.
  { name: 'publication_search_agency_key_idx', create: 'create index publication_search_agency_key_idx on publication_search (agency_id, search_key)' },
];

/** Word totals count words only: a pair lexeme (search-entry.ts pairLexeme) holds '+', a word never does. */
const NOT_A_PAIR = `w not like '%+%'`;

/** Fills publication_search_word_counts, empty, from publication_search (bulk loads; as migration 11-30 does). */
export const FILL_WORD_COUNTS_SQL = `insert into publication_search_word_counts (word, agency_id, items)
  select w, agency_id, count(*) from publication_search, unnest(tsvector_to_array(words)) as w where ${NOT_A_PAIR} group by 1, 2`;


/**
 * The tsquery literal: words in any field (weights A, B, D), phrases in title and body only
 * (A, B: the compound parts, weight D, sit at one shared position and never form phrases).
 */
export function toTsquery(clauses: readonly SearchClause[]): string {
  return clauses.map((clause) => (clause.kind === 'word' ? `'${clause.token}'` : phraseQuery(clause.tokens))).join(' & ');
}

/**
 * A phrase by its pair lexemes (search-entry.ts pairLexeme), which the GIN index answers without
 * reading the table: two words are exactly their pair; longer phrases need every pair and, since
 * pairs A+B and B+C can sit apart, the positions too — checked on the few items holding all pairs.
 */
function phraseQuery(tokens: readonly string[]): string {
  const positional = `(${tokens.map((token) => `'${token}':AB`).join(' <-> ')})`;
  if (tokens.length < 2) return positional;
  const pairs = tokens.slice(1).map((token, i) => `'${pairLexeme(tokens[i] ?? '', token)}'`);
  return tokens.length === 2 ? pairs.join('') : `(${pairs.join(' & ')} & ${positional})`;
}


/**
 * Ordering by an expression keeps the planner off the search_key btrees: with few matches, known
 * from the count, a walk newest first would read the table until it found them all (a rare word
 * misestimated by ANALYZE: seconds); the GIN scan and a sort read only the matches.
 */
const FEW = sql`search_key + 0`;
/**
 * Items holding a word bound those holding all (a phrase's words): up to this many times the
 * matches wanted, the GIN scan reads them all; beyond, a walk newest first stops sooner. Every
 * match read is a heap visit (≈ 20 µs from the OS cache here).
 */
const FEW_MATCHES = 2;

export function createPostgresSearchIndex(database: Kysely<Database>): SearchIndexEngine {
  const db = database.withTables<SearchTables>();

  /**
   * The matches. To count or read few matches, an agency is a lexeme inside the GIN scan
   * (exact: '=' is never in a word), which then reads no other agency's items; to walk newest
   * first, the agency column, so the planner estimates it right and walks (agency_id, search_key).
   */
  function filtered(clauses: readonly SearchClause[], filters: SearchFilters, use: 'few' | 'walk') {
    const agencyIds = filters.agencyIds;
    const lexemes = use === 'few' && agencyIds !== undefined && agencyIds.length <= MAX_AGENCY_LEXEMES;
    const tsquery = lexemes ? `(${agencyIds.map((id) => `'${agencyLexeme(id)}'`).join(' | ')}) & ${toTsquery(clauses)}` : toTsquery(clauses);
    // A walk must not touch the GIN index: ts_match_vq is what @@ calls, but no index answers a
    // function call, so the planner walks the btree newest first and stops. Left to choose, it
    // misjudged pair lexemes as rare (they are past ANALYZE's most common elements) and built a
    // bitmap of 1.6 million items to keep 20 (0.85 s).
    const match = use === 'walk' ? sql<boolean>`ts_match_vq(words, ${tsquery}::tsquery)` : sql<boolean>`words @@ ${tsquery}::tsquery`;
    return db
      .selectFrom('publication_search')
      .where(match)
      .$if(filters.keyLow > Number.MIN_SAFE_INTEGER, (q) => q.where('search_key', '>=', filters.keyLow))
      .$if(filters.keyHigh < Number.MAX_SAFE_INTEGER, (q) => q.where('search_key', '<=', filters.keyHigh))
      .$if(agencyIds !== undefined && !lexemes, (q) => q.where('agency_id', 'in', agencyIds ?? []))
      .$if(filters.categoryCode !== undefined, (q) => q.where('category_code', '=', filters.categoryCode ?? ''))
      .$if(filters.issuer !== undefined, (q) => q.where('issuer', '=', filters.issuer ?? ''))
      .$if(filters.validity !== undefined, (q) => q.where('validity', '=', filters.validity ?? ''))
      .$if(filters.kind !== undefined, (q) => q.where('kind', '=', filters.kind ?? ''));
  }

  /** Items holding the word in these agencies (all when undefined), from the counts table. */
  async function wordCount(token: string, agencyIds: readonly number[] | undefined): Promise<number> {
    const { rows } = await sql<{ n: number | string | null }>`select sum(items) as n from publication_search_word_counts
      where word = ${token} ${agencyIds === undefined ? sql`` : sql`and agency_id = any(${[...agencyIds]}::int[])`}`.execute(db);
    return Number(rows[0]?.n ?? 0);
  }

  /** The newest matches with their text for ranking: one heap visit per match, not two. */
  async function newestWithTexts(clauses: readonly SearchClause[], filters: SearchFilters, limit: number, maxCharacters: number) {
    const rows = await filtered(clauses, filters, 'few')
      .select(['search_key', 'title', sql<string>`substr(body_text, 1, ${maxCharacters})`.as('body'), sql<string>`substr(attachments_text, 1, ${maxCharacters})`.as('attachments')])
      .orderBy(FEW, 'desc')
      .limit(limit)
      .execute();
    const texts: RankedText[] = rows.map((row) => ({ key: Number(row.search_key), title: row.title, text: row.attachments === '' ? row.body : `${row.body}。${row.attachments}` }));
    return { keys: texts.map((text) => text.key), texts };
  }

  const onlyAgencyFilter = (filters: SearchFilters) =>
    filters.categoryCode === undefined &&
    filters.issuer === undefined &&
    filters.validity === undefined &&
    filters.kind === undefined &&
    filters.keyLow === Number.MIN_SAFE_INTEGER &&
    filters.keyHigh === Number.MAX_SAFE_INTEGER;

  return {
    indexesPhrases: true,

    async upsert(trx, entries) {
      const t = trx.withTables<SearchTables>();
      for (let i = 0; i < entries.length; i += BATCH) {
        const batch = entries.slice(i, i + BATCH);
        const ids = batch.map((entry) => entry.document.publicationId);
        // The word totals move once, by the difference, after the rows are replaced (see changeCounts).
        const before = await readCounts(trx, ids);
        await t.deleteFrom('publication_search').where('publication_id', 'in', ids).execute();
        await t
          .insertInto('publication_search')
          .values(batch.map((entry) => ({ ...toSearchRow(entry), words: sql`${toTsvectorLiteral(entry)}::tsvector` })) as never)
          .execute();
        await changeCounts(trx, before, await readCounts(trx, ids));
      }
    },

    async remove(trx, publicationId) {
      await changeCounts(trx, await readCounts(trx, [publicationId]), []);
      await trx.withTables<SearchTables>().deleteFrom('publication_search').where('publication_id', '=', publicationId).execute();
    },

    async collectNewest(clauses, filters, first, countLimit, pageEnd, maxCharacters) {
      // Few matches: all of them, with their text, in one walk. Many: the count, then only the
      // page's keys, walked newest first by a btree and stopped — never every match's row twice.
      const single = clauses.length === 1 && clauses[0]!.kind === 'word' && onlyAgencyFilter(filters);
      let count: number;
      if (single) {
        count = Math.min(countLimit, await wordCount((clauses[0] as { token: string }).token, filters.agencyIds));
      } else if (first >= countLimit) {
        // Every match is wanted up to countLimit: no count. Its rarest word bounds the matches:
        // few, the GIN scan reads them all; many, a walk newest first stops at countLimit.
        const words = [...new Set(clauses.flatMap((clause) => (clause.kind === 'word' ? [clause.token] : clause.tokens)))];
        const bound = Math.min(...(await Promise.all(words.map((word) => wordCount(word, filters.agencyIds)))));
        const few = bound <= FEW_MATCHES * countLimit;
        // A walk reads keys only (the texts follow by key): selecting them in the walk measured slower.
        const all = maxCharacters === undefined || !few ? undefined : await newestWithTexts(clauses, filters, countLimit, maxCharacters);
        if (all !== undefined) return { ...all, count: all.keys.length };
        const rows = await filtered(clauses, filters, few ? 'few' : 'walk').select('search_key').orderBy(few ? FEW : sql`search_key`, 'desc').limit(countLimit).execute();
        return { keys: rows.map((row) => Number(row.search_key)), count: rows.length };
      } else {
        const counted = await sql<{ n: number }>`select count(*) as n from (${filtered(clauses, filters, 'few').select(sql`1`.as('one')).limit(countLimit)}) as matches`.execute(db);
        count = Number(counted.rows[0]?.n ?? 0);
      }
      if (count === 0) return { keys: [], count };
      if (count < first && maxCharacters !== undefined) return { ...(await newestWithTexts(clauses, filters, count, maxCharacters)), count };
      const rows = await filtered(clauses, filters, count < first ? 'few' : 'walk')
        .select('search_key')
        .orderBy(count < first ? FEW : sql`search_key`, 'desc')
        .limit(count < first ? count : Math.min(first, pageEnd))
        .execute();
      return { keys: rows.map((row) => Number(row.search_key)), count };
    },

    async countWordUpTo(token, limit) {
      return Math.min(limit, await wordCount(token, undefined));
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

interface WordCount {
  word: string;
  agency_id: number;
  items: number;
}

/** How many of these items hold each word, per agency. */
async function readCounts(trx: Kysely<Database>, publicationIds: readonly number[]): Promise<WordCount[]> {
  const { rows } = await sql<WordCount>`select w as word, agency_id, count(*)::int as items
    from publication_search, unnest(tsvector_to_array(words)) as w
    where publication_id = any(${[...publicationIds]}::bigint[]) and ${sql.raw(NOT_A_PAIR)} group by 1, 2`.execute(trx);
  return rows;
}

/**
 * Moves the word totals from `before` to `after` in one statement, rows taken in one fixed order
 * (word, then agency). Every change of the platform takes its count rows in that same order, in a
 * single pass: two items published at once then wait for each other at most, never deadlock
 * (taking out the old words and adding the new ones in two passes could: each held what the
 * other's second pass wanted).
 */
async function changeCounts(trx: Kysely<Database>, before: readonly WordCount[], after: readonly WordCount[]): Promise<void> {
  const delta = new Map<string, WordCount>();
  const add = (count: WordCount, sign: 1 | -1) => {
    const key = `${count.agency_id}\u0000${count.word}`;
    const entry = delta.get(key) ?? { word: count.word, agency_id: count.agency_id, items: 0 };
    entry.items += sign * count.items;
    delta.set(key, entry);
  };
  for (const count of before) add(count, -1);
  for (const count of after) add(count, 1);
  const changes = [...delta.values()]
    .filter((c) => c.items !== 0)
    .sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : a.agency_id - b.agency_id));
  if (changes.length === 0) return;
  await sql`insert into publication_search_word_counts (word, agency_id, items)
    select word, agency_id, items from unnest(${changes.map((c) => c.word)}::text[], ${changes.map((c) => c.agency_id)}::int[], ${changes.map((c) => c.items)}::int[])
      with ordinality as d(word, agency_id, items, n) order by n
    on conflict (word, agency_id) do update set items = publication_search_word_counts.items + excluded.items`.execute(trx);
}
