// Relevance of a bounded candidate set (at most RANK_LIMIT items), computed here from the stored
// text rather than by FTS5's bm25 or PostgreSQL's ts_rank: FTS5's bm25 counts every match of each
// phrase and filter token in the whole index for its IDF (~40 ms for 政府 over a million items,
// and a full phrase scan for a phrase), and the same function on both engines gives the same order.
//
// BM25 (k1 = 1.2, b = 0.75) over two fields: a title occurrence counts TITLE_WEIGHT times one in
// the body or attachments; lengths are in characters, normalised by the candidates' mean.
import type { SearchClause } from './parse-search-query.ts';
import { normalizeSearchText } from './segment-text.ts';

const K1 = 1.2;
const B = 0.75;
export const TITLE_WEIGHT = 2.5;
/** Only so much of long attachments is read for ranking. */
export const MAX_RANKED_CHARACTERS = 20_000;

export interface RankedText {
  key: number;
  title: string;
  /** Body, then attachments. */
  text: string;
}

function occurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) count += 1;
  return count;
}

/** What a clause looks like in text folded the same way (spaces removed: 政府 信息 → 政府信息). */
export function needleOf(clause: SearchClause): string {
  return clause.kind === 'word' ? clause.token : clause.tokens.join('');
}

/** NFKC, lower case, no spaces; punctuation stays, so 电力。在位 does not contain 电力在位. */
export const foldForMatching = (text: string) => normalizeSearchText(text).replace(/\s+/g, '');
const fold = foldForMatching;

/**
 * Keys ordered by relevance, best first; ties newest first (higher key). `weights` holds each
 * clause's IDF; with a single clause it does not change the order and may be all 1.
 */
export function rankCandidates(candidates: readonly RankedText[], clauses: readonly SearchClause[], weights: readonly number[]): number[] {
  if (candidates.length === 0) return [];
  const needles = clauses.map(needleOf);
  const folded = candidates.map((candidate) => ({ key: candidate.key, title: fold(candidate.title), text: fold(candidate.text.slice(0, MAX_RANKED_CHARACTERS)) }));
  const lengthOf = (c: { title: string; text: string }) => c.title.length * TITLE_WEIGHT + c.text.length;
  const meanLength = folded.reduce((sum, c) => sum + lengthOf(c), 0) / folded.length || 1;
  const scored = folded.map((candidate) => {
    const norm = K1 * (1 - B + (B * lengthOf(candidate)) / meanLength);
    let score = 0;
    needles.forEach((needle, i) => {
      const tf = TITLE_WEIGHT * occurrences(candidate.title, needle) + occurrences(candidate.text, needle);
      score += (weights[i] ?? 1) * ((tf * (K1 + 1)) / (tf + norm));
    });
    return { key: candidate.key, score };
  });
  scored.sort((a, b) => b.score - a.score || b.key - a.key);
  return scored.map((entry) => entry.key);
}

/** BM25's IDF, never negative: ln(1 + (N − n + 0.5) / (n + 0.5)). */
export function inverseDocumentFrequency(items: number, containing: number): number {
  return Math.log(1 + (items - containing + 0.5) / (containing + 0.5));
}
