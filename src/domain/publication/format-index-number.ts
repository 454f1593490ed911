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

export const MAX_INDEX_NUMBER_PATTERN_LENGTH = 100;
const MAX_SEQUENCE_DIGITS = 10;
const NAMES = ['creditCode', 'agencyCode', 'year', 'category', 'seq'] as const;
type PlaceholderName = (typeof NAMES)[number];
const LABELS: Record<PlaceholderName, string> = {
  creditCode: '统一社会信用代码',
  agencyCode: '机关代码',
  year: '年份',
  category: '目录分类代码',
  seq: '序号',
};
const AVAILABLE = '可用的占位符有{creditCode}（统一社会信用代码）、{agencyCode}（机关代码）、{year}（年份）、{category}（目录分类代码）、{seq}或{seq:N}（N位序号）';

type Token = { kind: 'text'; text: string } | { kind: 'placeholder'; name: PlaceholderName; width: number | null };

function refuse(message: string, userMessage: string): DomainError {
  return new DomainError('BAD_INPUT', `index number: ${message}`, userMessage, { field: 'indexNumberPattern' });
}

function parsePlaceholder(inner: string): Token {
  const seq = /^seq:(\d+)$/.exec(inner);
  if (seq !== null) {
    const width = Number(seq[1]);
    if (width < 1 || width > MAX_SEQUENCE_DIGITS) throw refuse(`bad width ${inner}`, `索引号规则中序号位数{${inner}}须在1至${MAX_SEQUENCE_DIGITS}位之间`);
    return { kind: 'placeholder', name: 'seq', width };
  }
  const name = NAMES.find((known) => known === inner);
  if (name === undefined) throw refuse(`unknown placeholder {${inner}}`, `索引号规则中有无法识别的占位符{${inner}}；${AVAILABLE}`);
  return { kind: 'placeholder', name, width: null };
}

function parsePattern(pattern: string): Token[] {
  if (typeof pattern !== 'string' || pattern.trim() === '') throw refuse('empty pattern', '索引号规则不能为空');
  if (pattern.length > MAX_INDEX_NUMBER_PATTERN_LENGTH) throw refuse('pattern too long', `索引号规则不能超过${MAX_INDEX_NUMBER_PATTERN_LENGTH}个字符`);
  const tokens: Token[] = [];
  let rest = pattern;
  while (rest !== '') {
    const open = rest.indexOf('{');
    const close = rest.indexOf('}');
    if (close !== -1 && (open === -1 || close < open)) throw refuse('unmatched }', `索引号规则“${pattern}”中的花括号不成对`);
    if (open === -1) {
      tokens.push({ kind: 'text', text: rest });
      break;
    }
    const end = rest.indexOf('}', open);
    const nested = rest.indexOf('{', open + 1);
    if (end === -1 || (nested !== -1 && nested < end)) throw refuse('unmatched {', `索引号规则“${pattern}”中的花括号不成对`);
    if (open > 0) tokens.push({ kind: 'text', text: rest.slice(0, open) });
    tokens.push(parsePlaceholder(rest.slice(open + 1, end)));
    rest = rest.slice(end + 1);
  }
  const sequences = tokens.filter((token) => token.kind === 'placeholder' && token.name === 'seq').length;
  if (sequences === 0) throw refuse('no {seq}', '索引号规则须包含一个序号占位符{seq}或{seq:N}，否则索引号会重复');
  if (sequences > 1) throw refuse('several {seq}', '索引号规则只能包含一个序号占位符{seq}或{seq:N}');
  // Sequences restart each year (publication_index_sequences is per agency and year).
  if (!tokens.some((token) => token.kind === 'placeholder' && token.name === 'year')) {
    throw refuse('no {year}', '索引号规则须包含年份占位符{year}：序号每年从1开始编号，不含年份的索引号会重复');
  }
  return tokens;
}

/** Checks a rule before it is saved: known placeholders, exactly one {seq}, and {year}. */
export function validateIndexNumberPattern(pattern: string): void {
  parsePattern(pattern);
}

function requirePart(name: PlaceholderName, value: string | null): string {
  const text = value?.trim() ?? '';
  if (text === '') {
    throw refuse(`no value for {${name}}`, `索引号规则使用了{${name}}（${LABELS[name]}），但本机关尚未设置${LABELS[name]}；请先设置，或修改索引号规则`);
  }
  return text;
}

function formatSequence(sequence: number, width: number | null): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new DomainError('BAD_INPUT', `index number: bad sequence ${sequence}`, `索引号序号须为正整数（收到：${sequence}）`, { field: 'sequence' });
  const digits = String(sequence);
  if (width === null) return digits;
  if (digits.length > width) {
    throw refuse(`sequence ${sequence} needs more than ${width} digits`, `本年序号已到${sequence}，超出索引号规则{seq:${width}}的${width}位序号；请修改索引号规则，增加序号位数`);
  }
  return digits.padStart(width, '0');
}

/** Throws BAD_INPUT (Chinese) for an unknown placeholder, no {seq}, or {creditCode} with no code set. */
export function formatIndexNumber(pattern: string, parts: IndexNumberParts): string {
  const tokens = parsePattern(pattern);
  if (!Number.isInteger(parts.year) || parts.year < 1000 || parts.year > 9999) {
    throw new DomainError('BAD_INPUT', `index number: bad year ${parts.year}`, `索引号的年份须为四位数字（收到：${parts.year}）`, { field: 'year' });
  }
  return tokens
    .map((token) => {
      if (token.kind === 'text') return token.text;
      switch (token.name) {
        case 'creditCode':
          return requirePart('creditCode', parts.creditCode);
        case 'agencyCode':
          return requirePart('agencyCode', parts.agencyCode);
        case 'year':
          return String(parts.year);
        case 'category':
          return requirePart('category', parts.categoryCode);
        case 'seq':
          return formatSequence(parts.sequence, token.width);
      }
    })
    .join('');
}
