// What the user typed → clauses for the index: "quoted phrases" (ASCII or Chinese quotes) are
// phrases; everything else is segmented into words, all of which must match (AND).
import { DomainError } from '../../domain/domain-error.ts';
import { segmentQueryText } from './segment-text.ts';

export type SearchClause = { kind: 'word'; token: string } | { kind: 'phrase'; tokens: string[] };

export interface ParsedSearchQuery {
  clauses: SearchClause[];
  /** Every token of the query, longest first: what the highlighter marks. */
  highlightTerms: string[];
}

/** More would not narrow a search further, and each clause costs an index lookup. */
export const MAX_CLAUSES = 12;
export const MAX_QUERY_LENGTH = 200;

const QUOTED = /"([^"]*)"|“([^”]*)”|「([^」]*)」/g;

export function parseSearchQuery(text: string): ParsedSearchQuery {
  if (text.length > MAX_QUERY_LENGTH) {
    throw new DomainError('BAD_INPUT', `Search text is longer than ${MAX_QUERY_LENGTH} characters`, `检索词过长，请不超过 ${MAX_QUERY_LENGTH} 个字。`, { field: 'q' });
  }
  const clauses: SearchClause[] = [];
  const seen = new Set<string>();
  const add = (clause: SearchClause) => {
    const key = clause.kind === 'word' ? clause.token : `"${clause.tokens.join(' ')}"`;
    if (seen.has(key)) return;
    seen.add(key);
    clauses.push(clause);
  };
  const rest = text.replace(QUOTED, (_match, ascii?: string, chinese?: string, corner?: string) => {
    const tokens = segmentQueryText(ascii ?? chinese ?? corner ?? '');
    if (tokens.length === 1) add({ kind: 'word', token: tokens[0]! });
    else if (tokens.length > 1) add({ kind: 'phrase', tokens });
    return ' ';
  });
  // An unmatched quote is just punctuation.
  for (const token of segmentQueryText(rest)) add({ kind: 'word', token });

  if (clauses.length === 0) {
    throw new DomainError('BAD_INPUT', 'Search text has no word to look for', '请输入检索词（不能为空，也不能只有标点符号）。', { field: 'q' });
  }
  if (clauses.length > MAX_CLAUSES) {
    throw new DomainError('BAD_INPUT', `Search text has more than ${MAX_CLAUSES} words`, `检索词过多，请不超过 ${MAX_CLAUSES} 个词。`, { field: 'q' });
  }
  const terms = new Set<string>();
  for (const clause of clauses) for (const token of clause.kind === 'word' ? [clause.token] : clause.tokens) terms.add(token);
  return { clauses, highlightTerms: [...terms].sort((a, b) => b.length - a.length || a.localeCompare(b)) };
}
