// 索引号 by an agency's rule. The default, 统一社会信用代码/年份-五位序号, reads
// '{creditCode}/{year}-{seq:5}'. Placeholders: {creditCode} {agencyCode} {year} {category}
// {seq} or {seq:N} (zero-padded to N digits). Uniqueness of seq is the repository's job.
import { DomainError } from '../domain-error.ts';

export const DEFAULT_INDEX_NUMBER_PATTERN = '{creditCode}/{year}-{seq:5}';

export interface IndexNumberParts {
  creditCode: string | null;
  agencyCode: string;
  year: number;
  categoryCode: string;
  sequence: number;
}

/** Throws BAD_INPUT (Chinese) for an unknown placeholder, no {seq}, or {creditCode} with no code set. */
export function formatIndexNumber(pattern: string, parts: IndexNumberParts): string {
  void pattern;
  void parts;
  throw new DomainError('BAD_INPUT', 'formatIndexNumber: not built yet', '尚未实现');
}

/** Checks a rule before it is saved: known placeholders and exactly one {seq}. */
export function validateIndexNumberPattern(pattern: string): void {
  void pattern;
  throw new DomainError('BAD_INPUT', 'validateIndexNumberPattern: not built yet', '尚未实现');
}
