// Full-text search over published items (title, body, attachments' text): words segmented by
// jieba into SQLite FTS5 or a PostgreSQL tsvector, so two-character words (公开, 补贴) are found.
// Only published, not withdrawn, items are in the index: the publication service keeps it in
// step, in the same transaction as the change.
//
// Cost is bounded for every query (better-sqlite3 is synchronous: one slow search would stall the
// server). Matches are collected newest first and the index stops after COUNT_LIMIT + 1; only
// when there are at most RANK_LIMIT matches are they ranked by relevance (BM25 over their text,
// rank-candidates.ts), otherwise the page is newest first and a total above COUNT_LIMIT is a
// lower bound. A phrase whose every word is very common is verified in the text of the newest
// PHRASE_CANDIDATES items holding all its words. docs/decisions/0004-publication-search.md.
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';
import { DomainError } from '../../domain/domain-error.ts';
import type { IsoDate } from '../../domain/report/compute/report-records.ts';
import type { Database } from '../db/database.ts';
import { buildSnippet, highlightText } from './highlight.ts';
import { parseSearchQuery } from './parse-search-query.ts';
import type { SearchClause } from './parse-search-query.ts';
import { createPostgresSearchIndex } from './postgres-search-index.ts';
import { foldForMatching, inverseDocumentFrequency, MAX_RANKED_CHARACTERS, needleOf, rankCandidates } from './rank-candidates.ts';
import type { RankedText } from './rank-candidates.ts';
import { searchKeyRangeOfYear, toSearchEntry } from './search-entry.ts';
import type { PublicationSearchTable, SearchFilters, SearchIndexEngine } from './search-index-engine.ts';
import { createSqliteSearchIndex } from './sqlite-search-index.ts';

export interface SearchDocument {
  publicationId: number;
  agencyId: number;
  title: string;
  bodyText: string;
  /** Every attachment's extracted text, joined. */
  attachmentsText: string;
  indexNumber: string;
  documentNumber: string | null;
  issuer: string;
  categoryCode: string;
  kind: string;
  validity: string;
  publishedOn: IsoDate;
}

export interface SearchQuery {
  /** What the user typed: words, and "quoted phrases". */
  text: string;
  /** Restrict to these agencies (a department, or a city's tree); all when absent. */
  agencyIds?: readonly number[];
  categoryCode?: string;
  /** Year of publication. */
  year?: number;
  issuer?: string;
  validity?: string;
  kind?: string;
  limit: number;
  offset: number;
}

export interface SearchHit {
  publicationId: number;
  agencyId: number;
  title: string;
  /** Title with matches wrapped in <mark>…</mark>, the rest HTML-escaped. */
  titleHtml: string;
  /** A passage of the body or attachments around the first match, marked the same way. */
  snippetHtml: string;
  indexNumber: string;
  documentNumber: string | null;
  issuer: string;
  publishedOn: IsoDate;
  categoryCode: string;
  kind: string;
  validity: string;
}

export interface SearchPage {
  items: SearchHit[];
  /** Matches in all; a lower bound when `totalIsLowerBound`. */
  total: number;
  totalIsLowerBound: boolean;
  /** 'relevance' (bm25 / ts_rank) or 'newest' when a query matches too many items to rank them all. */
  order: 'relevance' | 'newest';
  limit: number;
  offset: number;
}

export interface PublicationSearch {
  /** Adds or replaces the item's entry. Call inside the transaction of the change. */
  indexPublication(db: Kysely<Database>, document: SearchDocument): Promise<void>;
  /** Takes the item out (withdrawn). */
  removePublication(db: Kysely<Database>, publicationId: number): Promise<void>;
  search(query: SearchQuery): Promise<SearchPage>;
}

/** At most this many matches are ranked by relevance; more are shown newest first. */
export const RANK_LIMIT = 1_000;
/** Matches are counted up to this; beyond, the total is a lower bound and paging stops. */
export const COUNT_LIMIT = 10_000;
/**
 * Document frequencies are counted up to this: a phrase with a word rarer than this is cheap to
 * verify everywhere, and more frequent words share one (low) weight in the ranking.
 */
export const FREQUENCY_LIMIT = 20_000;
/** A phrase of very common words only is verified among the newest this many items holding all its words. */
export const PHRASE_CANDIDATES = 2_000;
export const MAX_LIMIT = 100;

/** The window's lower key and the item count move slowly: read them at most once a minute. */
const CACHE_MS = 60_000;

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function badInput(message: string, userMessage: string, field: string): DomainError {
  return new DomainError('BAD_INPUT', message, userMessage, { field });
}

function checkPaging(limit: number, offset: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw badInput(`limit must be an integer from 1 to ${MAX_LIMIT}`, `每页条数（limit）须为 1 至 ${MAX_LIMIT} 之间的整数。`, 'limit');
  }
  if (!Number.isInteger(offset) || offset < 0) throw badInput('offset must be a non-negative integer', '起始位置（offset）须为不小于 0 的整数。', 'offset');
  if (offset + limit > COUNT_LIMIT) {
    throw badInput(`offset + limit must not exceed ${COUNT_LIMIT}`, `只能查看前 ${COUNT_LIMIT} 条结果，请增加检索词或筛选条件缩小范围。`, 'offset');
  }
}

function toHit(row: PublicationSearchTable, terms: readonly string[]): SearchHit {
  const text = row.attachments_text === '' ? row.body_text : `${row.body_text}\n${row.attachments_text}`;
  return {
    publicationId: row.publication_id,
    agencyId: row.agency_id,
    title: row.title,
    titleHtml: highlightText(row.title, terms),
    snippetHtml: buildSnippet(text, terms),
    indexNumber: row.index_number,
    documentNumber: row.document_number,
    issuer: row.issuer,
    publishedOn: row.published_on,
    categoryCode: row.category_code,
    kind: row.kind,
    validity: row.validity,
  };
}

function cached<T>(read: () => Promise<T>): () => Promise<T> {
  let value: { data: T; at: number } | undefined;
  return async () => {
    const now = performance.now();
    if (value === undefined || now - value.at > CACHE_MS) value = { data: await read(), at: now };
    return value.data;
  };
}

export function createPublicationSearch(deps: { db: Kysely<Database> }): PublicationSearch {
  const engineFor = (db: Kysely<Database>): SearchIndexEngine => (isPostgres(db) ? createPostgresSearchIndex(db) : createSqliteSearchIndex(db));
  const engine = engineFor(deps.db);
  const itemCount = cached(() => engine.countAll());

  /** Items holding the clause (a phrase: its rarest word), counted up to FREQUENCY_LIMIT. */
  function frequencies(clauses: readonly SearchClause[]) {
    const byWord = new Map<string, Promise<number>>();
    const of = (word: string) => {
      let count = byWord.get(word);
      if (count === undefined) byWord.set(word, (count = engine.countWordUpTo(word, FREQUENCY_LIMIT)));
      return count;
    };
    return {
      async clause(clause: SearchClause): Promise<number> {
        if (clause.kind === 'word') return of(clause.token);
        let least = FREQUENCY_LIMIT;
        for (const token of clause.tokens) least = Math.min(least, await of(token));
        return least;
      },
      /** True when some word is rarer than FREQUENCY_LIMIT: the index can intersect cheaply. Longer words first: usually rarer. */
      async anySelective(): Promise<boolean> {
        const words = [...new Set(clauses.flatMap((c) => (c.kind === 'word' ? [c.token] : c.tokens)))].sort((a, b) => b.length - a.length);
        for (const word of words) if ((await of(word)) < FREQUENCY_LIMIT) return true;
        return false;
      },
    };
  }

  return {
    async indexPublication(db, document) {
      await engineFor(db).upsert(db, [toSearchEntry(document)]);
    },

    async removePublication(db, publicationId) {
      await engineFor(db).remove(db, publicationId);
    },

    async search(query) {
      checkPaging(query.limit, query.offset);
      const parsed = parseSearchQuery(query.text);
      const { clauses } = parsed;
      const page: SearchPage = { items: [], total: 0, totalIsLowerBound: false, order: 'relevance', limit: query.limit, offset: query.offset };
      if (query.agencyIds !== undefined && query.agencyIds.length === 0) return page;

      const years = query.year === undefined ? { low: Number.MIN_SAFE_INTEGER, high: Number.MAX_SAFE_INTEGER } : searchKeyRangeOfYear(query.year);
      const filters: SearchFilters = {
        ...(query.agencyIds === undefined ? {} : { agencyIds: query.agencyIds }),
        ...(query.categoryCode === undefined ? {} : { categoryCode: query.categoryCode }),
        ...(query.issuer === undefined ? {} : { issuer: query.issuer }),
        ...(query.validity === undefined ? {} : { validity: query.validity }),
        ...(query.kind === undefined ? {} : { kind: query.kind }),
        keyLow: years.low,
        keyHigh: years.high,
      };
      const counts = frequencies(clauses);

      let matches: { keys: number[]; count: number; texts?: RankedText[] };
      let bounded = false;
      if (!engine.indexesPhrases && clauses.some((clause) => clause.kind === 'phrase') && !(await counts.anySelective())) {
        // FTS5 checks a phrase position by position in every item holding all its words and
        // cannot stop at a bound while no item matches: with only very common words that is the
        // whole index. So take the newest PHRASE_CANDIDATES items holding all the words (a walk
        // that stops) and look for the phrases in their text here.
        const words = [...new Set(clauses.flatMap((clause) => (clause.kind === 'word' ? [clause.token] : clause.tokens)))];
        const holding = await engine.collectNewest(
          words.map((token) => ({ kind: 'word' as const, token })),
          filters,
          PHRASE_CANDIDATES,
          PHRASE_CANDIDATES,
          PHRASE_CANDIDATES,
          MAX_RANKED_CHARACTERS,
        );
        const needles = clauses.filter((clause) => clause.kind === 'phrase').map(needleOf);
        const texts = (holding.texts ?? (await engine.fetchTexts(holding.keys, MAX_RANKED_CHARACTERS)))
          .filter((candidate) => {
            const title = foldForMatching(candidate.title);
            const text = foldForMatching(candidate.text);
            return needles.every((needle) => title.includes(needle) || text.includes(needle));
          })
          .sort((a, b) => b.key - a.key);
        matches = { keys: texts.map((candidate) => candidate.key), count: texts.length, texts };
        bounded = holding.count >= PHRASE_CANDIDATES;
      } else {
        // The newest matches: all of them when few, or proof that there are too many to rank.
        const first = Math.max(RANK_LIMIT + 1, query.offset + query.limit);
        matches = await engine.collectNewest(clauses, filters, first, COUNT_LIMIT + 1, query.offset + query.limit, MAX_RANKED_CHARACTERS);
      }

      let keys: number[];
      if (matches.count <= RANK_LIMIT) {
        // With one clause its weight does not change the order; with more, each is weighted by
        // its IDF (frequencies counted up to FREQUENCY_LIMIT, so very common words weigh alike).
        let weights = clauses.map(() => 1);
        if (clauses.length > 1) {
          const items = await itemCount();
          weights = await Promise.all(clauses.map(async (clause) => inverseDocumentFrequency(items, await counts.clause(clause))));
        }
        const texts = matches.texts ?? (await engine.fetchTexts(matches.keys, MAX_RANKED_CHARACTERS));
        keys = rankCandidates(texts, clauses, weights).slice(query.offset, query.offset + query.limit);
        page.total = matches.count;
        page.totalIsLowerBound = bounded;
      } else {
        keys = matches.keys.slice(query.offset, query.offset + query.limit);
        page.order = 'newest';
        page.total = Math.min(matches.count, COUNT_LIMIT);
        page.totalIsLowerBound = bounded || matches.count > COUNT_LIMIT;
      }
      const rows = new Map((await engine.fetchRows(keys)).map((row) => [row.search_key, row]));
      page.items = keys.flatMap((key) => {
        const row = rows.get(key);
        return row === undefined ? [] : [toHit(row, parsed.highlightTerms)];
      });
      return page;
    },
  };
}
