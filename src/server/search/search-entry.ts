// One publication as the index stores it: segmented words per field, filter tokens, and the
// search key that orders entries newest first on both engines.
import type { SearchDocument } from './publication-search.ts';
import { BOUNDARY_TOKEN, segmentForIndex } from './segment-text.ts';

/** Attachments can run to whole books; words past this many characters are not indexed. */
export const MAX_INDEXED_CHARACTERS = 200_000;

const DAY_MS = 86_400_000;
const KEY_SPAN = 2 ** 32;

/**
 * Days since 1970 × 2³² + publication id: sorting by it is sorting by 发布日期, newest first when
 * descending, ties by id. It is the FTS5 rowid, so FTS5 can walk matches newest first and stop.
 * Exact in a double up to the year 2500.
 */
export function searchKeyOf(publishedOn: string, publicationId: number): number {
  return dayNumberOf(publishedOn) * KEY_SPAN + publicationId;
}

export function dayNumberOf(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

/** The search keys of every publication of a year: [first, last]. */
export function searchKeyRangeOfYear(year: number): { low: number; high: number } {
  const first = dayNumberOf(`${String(year).padStart(4, '0')}-01-01`);
  const next = dayNumberOf(`${String(year + 1).padStart(4, '0')}-01-01`);
  return { low: first * KEY_SPAN, high: next * KEY_SPAN - 1 };
}

/** 64 bits of FNV-1a (two seeds) in base 36: a filter value as one ASCII token. */
export function hashToken(value: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 + 2) >>> 0;
  }
  return a.toString(36) + 'x' + b.toString(36);
}

export type FacetName = 'agency' | 'category' | 'issuer' | 'validity' | 'kind';
const FACET_PREFIX: Record<FacetName, string> = { agency: 'fa', category: 'fc', issuer: 'fi', validity: 'fv', kind: 'fk' };

/** The token standing for one filter value in the FTS5 `facets` column. */
export function facetToken(facet: FacetName, value: string | number): string {
  return facet === 'agency' ? `fa${value}` : `${FACET_PREFIX[facet]}${hashToken(String(value))}`;
}

export interface SearchEntry {
  document: SearchDocument;
  searchKey: number;
  titleWords: string[];
  /** Body then attachments, a boundary between them. */
  contentWords: string[];
  parts: string[];
  facets: string[];
}

export function toSearchEntry(document: SearchDocument): SearchEntry {
  const title = segmentForIndex(document.title);
  const body = segmentForIndex(document.bodyText.slice(0, MAX_INDEXED_CHARACTERS));
  const attachments = segmentForIndex(document.attachmentsText.slice(0, Math.max(0, MAX_INDEXED_CHARACTERS - document.bodyText.length)));
  const contentWords = body.words.length > 0 && attachments.words.length > 0 ? [...body.words, BOUNDARY_TOKEN, ...attachments.words] : [...body.words, ...attachments.words];
  return {
    document,
    searchKey: searchKeyOf(document.publishedOn, document.publicationId),
    titleWords: title.words,
    contentWords,
    parts: [...title.parts, ...body.parts, ...attachments.parts],
    facets: [
      facetToken('agency', document.agencyId),
      facetToken('category', document.categoryCode),
      facetToken('issuer', document.issuer),
      facetToken('validity', document.validity),
      facetToken('kind', document.kind),
    ],
  };
}

/** PostgreSQL tsvector position limit; later words share it. */
const MAX_POSITION = 16_383;

/**
 * The entry as a tsvector literal built here rather than by to_tsvector, so both engines index
 * exactly the same words: title words weight A, body and attachments B, compound parts D at the
 * position of their compound. A boundary is a skipped position, so phrases stop at punctuation.
 */
export function toTsvectorLiteral(entry: SearchEntry): string {
  const positions = new Map<string, string[]>();
  const add = (word: string, position: number, weight: 'A' | 'B' | 'D') => {
    const list = positions.get(word) ?? [];
    // tsvector keeps at most 256 positions per word.
    if (list.length < 256) list.push(`${Math.min(position, MAX_POSITION)}${weight}`);
    positions.set(word, list);
  };
  const pairs = new Set<string>();
  /** Adjacent words: a phrase of two is one lexeme (see pairLexeme). */
  const addPairs = (words: readonly string[]) => {
    for (let i = 1; i < words.length; i += 1) {
      const [before, after] = [words[i - 1], words[i]];
      if (before !== undefined && after !== undefined && before !== BOUNDARY_TOKEN && after !== BOUNDARY_TOKEN) pairs.add(pairLexeme(before, after));
    }
  };
  let position = 0;
  for (const word of entry.titleWords) {
    position += 1;
    if (word !== BOUNDARY_TOKEN) add(word, position, 'A');
  }
  addPairs(entry.titleWords);
  position += 1;
  for (const word of entry.contentWords) {
    position += 1;
    if (word !== BOUNDARY_TOKEN) add(word, position, 'B');
  }
  // Pairs where the tsquery's :AB finds phrases (title, body and attachments, not compound parts);
  // a boundary (punctuation, the seam between body and attachments) stops a pair as it stops a phrase.
  addPairs(entry.contentWords);
  position += 1;
  for (const part of entry.parts) add(part, position, 'D');
  // Words are letters and digits only (segment-text.ts), so quoting cannot be broken.
  const words = [...positions].map(([word, list]) => `'${word}':${list.join(',')}`);
  return [...words, ...[...pairs].map((pair) => `'${pair}'`), `'${agencyLexeme(entry.document.agencyId)}'`].join(' ');
}

/**
 * Two adjacent words of a title, body or attachment as one lexeme (PostgreSQL): a quoted phrase of two words
 * is then a plain lexeme the GIN index answers exactly, instead of every item holding both words
 * read from the table to compare positions (0.5 s for common words in a large agency). '+' never
 * occurs in a word (letters and digits only), so no search text can match a pair by accident.
 */
export function pairLexeme(before: string, after: string): string {
  return `${before}+${after}`;
}

/**
 * The agency as a lexeme of the tsvector (PostgreSQL), as `facets` holds it in FTS5: the GIN index
 * then intersects one agency's items with a word's in one scan. '=' never occurs in a word
 * (segment-text.ts keeps letters and digits only), so no search text can match it. No position:
 * it never takes part in a phrase.
 */
export function agencyLexeme(agencyId: number): string {
  return `agency=${agencyId}`;
}
