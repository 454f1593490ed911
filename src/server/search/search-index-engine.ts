// What the search needs from an engine: SQLite FTS5 (sqlite-search-index.ts) or PostgreSQL
// tsvector + GIN (postgres-search-index.ts). Both store the same words (search-entry.ts).
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { SearchClause } from './parse-search-query.ts';
import type { RankedText } from './rank-candidates.ts';
import type { SearchEntry } from './search-entry.ts';

/** publication_search as Kysely sees it (the table is not in Database: it belongs to search). */
// Type aliases, not interfaces: Kysely's withTables wants an index-signature-compatible type.
export type PublicationSearchTable = {
  publication_id: number;
  search_key: number;
  agency_id: number;
  title: string;
  body_text: string;
  attachments_text: string;
  index_number: string;
  document_number: string | null;
  issuer: string;
  category_code: string;
  kind: string;
  validity: string;
  published_on: string;
};

export type SearchTables = {
  publication_search: PublicationSearchTable;
};

export interface SearchFilters {
  agencyIds?: readonly number[];
  categoryCode?: string;
  issuer?: string;
  validity?: string;
  kind?: string;
  /** Search keys in [low, high] only: the year. */
  keyLow: number;
  keyHigh: number;
}

export interface SearchIndexEngine {
  /**
   * The index answers a phrase by itself, without comparing positions in every item holding its
   * words (PostgreSQL: pair lexemes). When false (FTS5), a phrase of common words only is looked
   * for in the text of the newest items holding its words (publication-search.ts).
   */
  readonly indexesPhrases: boolean;
  /** Replaces the entries of these publications (delete, then insert). */
  upsert(db: Kysely<Database>, entries: readonly SearchEntry[]): Promise<void>;
  remove(db: Kysely<Database>, publicationId: number): Promise<void>;
  /**
   * The search keys of the `first` newest matches, and the matches counted up to `countLimit`
   * (≥ first): the index walks newest first and stops, so the cost is bounded by countLimit.
   * With `first` matches or more, only the first `pageEnd` (≤ first) keys are needed: an engine
   * may return just those. With maxCharacters, an engine may also return the texts of all the
   * keys (as fetchTexts would) when it returns every match.
   */
  collectNewest(
    clauses: readonly SearchClause[],
    filters: SearchFilters,
    first: number,
    countLimit: number,
    pageEnd: number,
    maxCharacters?: number,
  ): Promise<{ keys: number[]; count: number; texts?: RankedText[] }>;
  /** Items containing the word in title or body/attachments, counted up to `limit`. */
  countWordUpTo(token: string, limit: number): Promise<number>;
  /** Items in the index. */
  countAll(): Promise<number>;
  /** Title and text (body and attachments each cut at maxCharacters) of the candidates, for ranking. */
  fetchTexts(keys: readonly number[], maxCharacters: number): Promise<RankedText[]>;
  fetchRows(keys: readonly number[]): Promise<PublicationSearchTable[]>;
}

export const SEARCH_COLUMNS = [
  'publication_id',
  'search_key',
  'agency_id',
  'title',
  'body_text',
  'attachments_text',
  'index_number',
  'document_number',
  'issuer',
  'category_code',
  'kind',
  'validity',
  'published_on',
] as const satisfies readonly (keyof PublicationSearchTable)[];

export function toSearchRow(entry: SearchEntry): PublicationSearchTable {
  const d = entry.document;
  return {
    publication_id: d.publicationId,
    search_key: entry.searchKey,
    agency_id: d.agencyId,
    title: d.title,
    body_text: d.bodyText,
    attachments_text: d.attachmentsText,
    index_number: d.indexNumber,
    document_number: d.documentNumber,
    issuer: d.issuer,
    category_code: d.categoryCode,
    kind: d.kind,
    validity: d.validity,
    published_on: d.publishedOn,
  };
}

/** Shared by both engines: the candidates' text, in the order of `keys`. */
export async function fetchTextsFrom(db: Kysely<SearchTables>, keys: readonly number[], maxAttachmentCharacters: number): Promise<RankedText[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('publication_search')
    .select(['search_key', 'title', sql<string>`substr(body_text, 1, ${maxAttachmentCharacters})`.as('body'), sql<string>`substr(attachments_text, 1, ${maxAttachmentCharacters})`.as('attachments')])
    .where('search_key', 'in', keys)
    .execute();
  return rows.map((row) => ({ key: row.search_key, title: row.title, text: row.attachments === '' ? row.body : `${row.body}。${row.attachments}` }));
}
