// Chinese word segmentation for the search index and for queries, with one jieba instance.
// jieba keeps government terms whole (行政复议, 规范性, 低保) where Intl.Segmenter splits them into
// single characters (行政|复|议, 低|保); see docs/decisions/0004-publication-search.md.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Indexed where punctuation or a field break was, so a phrase never matches across sentences
 * (电力。在位 must not match "电力在位"). A private-use character: nobody types it, and FTS5's
 * unicode61 tokenizer keeps it as a token of its own.
 */
export const BOUNDARY_TOKEN = '\uE000';

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Full-width letters and digits to ASCII (NFKC), lower case: the same on the index and the query side. */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replaceAll(BOUNDARY_TOKEN, ' ');
}

const WORD_PIECE = /[\p{L}\p{N}]+/gu;
const WHOLE_WORD = /^[\p{L}\p{N}]+$/u;

/** A segment as jieba gives it, split into letter/digit runs ('3.5' → 3, 5); [] for punctuation and spaces. */
function piecesOf(segment: string): string[] {
  if (WHOLE_WORD.test(segment)) return [segment];
  return segment.match(WORD_PIECE) ?? [];
}

export interface SegmentedText {
  /** Words in reading order, with BOUNDARY_TOKEN at punctuation: phrases match on these. */
  words: string[];
  /** The shorter dictionary words inside long compounds (财政补贴 → 财政, 补贴), for single-word matches. */
  parts: string[];
}

/** Segments a field for the index (jieba `cut` with HMM, and `cutForSearch` for the parts of compounds). */
export function segmentForIndex(text: string): SegmentedText {
  const normalized = normalizeSearchText(text);
  if (normalized.trim() === '') return { words: [], parts: [] };
  const words: string[] = [];
  const segments = segmenter().cut(normalized, true);
  for (const segment of segments) {
    const pieces = piecesOf(segment);
    if (pieces.length === 0) {
      // Spaces between words are not a boundary; punctuation is.
      if (segment.trim() !== '' && words.length > 0 && words[words.length - 1] !== BOUNDARY_TOKEN) words.push(BOUNDARY_TOKEN);
      continue;
    }
    for (const piece of pieces) words.push(piece);
  }
  if (words[words.length - 1] === BOUNDARY_TOKEN) words.pop();
  // cutForSearch gives the segments of `cut` in the same order, each long one preceded by its
  // dictionary parts (城乡|乡居|居民|城乡居民): the parts are what the two walks do not share.
  const parts: string[] = [];
  let next = 0;
  for (const segment of segmenter().cutForSearch(normalized, true)) {
    if (segment === segments[next]) next += 1;
    else for (const piece of piecesOf(segment)) parts.push(piece);
  }
  return { words, parts };
}

/** Segments a query word the way the index segmented the text (`cut`), without boundaries. */
export function segmentQueryText(text: string): string[] {
  const normalized = normalizeSearchText(text);
  if (normalized.trim() === '') return [];
  return segmenter().cut(normalized, true).flatMap(piecesOf);
}
