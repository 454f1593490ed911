// Full-text search over published items (title, body, attachments' text): words segmented by
// jieba into SQLite FTS5 or a PostgreSQL tsvector, so two-character words (公开, 补贴) are found.
// Only published, not withdrawn, items are in the index: the publication service keeps it in
// step, in the same transaction as the change.
import type { Kysely } from 'kysely';
import type { IsoDate } from '../../domain/report/compute/report-records.ts';
import type { Database } from '../db/database.ts';

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

export function createPublicationSearch(deps: { db: Kysely<Database> }): PublicationSearch {
  void deps;
  const notBuilt = () => Promise.reject(new Error('publication search: not built yet'));
  return { indexPublication: notBuilt, removePublication: notBuilt, search: notBuilt };
}
