// The automatic screening of a text before publishing (issue 4): personal data, classification
// marks, and the agency's sensitive words and 错敏词. Pure; the same code for the server and
// `gongkai screen`.
import { DomainError } from '../domain-error.ts';
import type { ScreeningHit } from './publication.ts';

export interface ScreeningTerm {
  kind: 'sensitive_word' | 'wrong_term';
  term: string;
  /** The correct form of a wrong term; for a sensitive word, optional advice. */
  correction: string | null;
}

export interface ScreenOptions {
  terms: readonly ScreeningTerm[];
  /** Recorded on each hit: 'title', 'body', 'attachment:<name>'. Default 'text'. */
  source?: string;
}

export function screenText(text: string, options: ScreenOptions): ScreeningHit[] {
  void text;
  void options;
  throw new DomainError('BAD_INPUT', 'screenText: not built yet', '尚未实现');
}
