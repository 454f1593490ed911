// Reading figures ("7 件", "两起", "十二件", "600余条") out of Chinese report prose.
// Published reports use digits and Chinese numerals alike, and PDF text puts spaces
// inside numbers (domain.md §9), so prose is normalised before any pattern runs.

const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CHINESE_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Characters a Chinese numeral is made of. */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万';

/**
 * A number written in Chinese numerals: 十二 → 12, 两 → 2, 一百零五 → 105, 一万二千 → 12000.
 * Returns null for what is not a well-formed count (e.g. 一二, or an empty string).
 */
export function parseChineseNumber(text: string): number | null {
  if (text.length === 0) return null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastUnit = Number.POSITIVE_INFINITY;
  for (const char of text) {
    const value = CHINESE_DIGITS[char];
    if (value !== undefined) {
      // Two digits in a row are only valid across a 零 (一百零五).
      if (digit !== null && digit !== 0) return null;
      digit = value;
      continue;
    }
    const unit = CHINESE_UNITS[char];
    if (unit !== undefined) {
      if (unit >= lastUnit) return null;
      // 十二: a leading 十 means 一十.
      section += (digit === null ? 1 : digit) * unit;
      digit = null;
      lastUnit = unit;
      continue;
    }
    if (char === '万') {
      if (total !== 0) return null;
      total = (section + (digit ?? 0)) * 10000;
      if (total === 0) return null;
      section = 0;
      digit = null;
      lastUnit = Number.POSITIVE_INFINITY;
      continue;
    }
    return null;
  }
  return total + section + (digit ?? 0);
}

/** A year written digit by digit: 二〇二一 → 2021. */
export function parseChineseYear(text: string): number | null {
  if (!/^[零〇一二三四五六七八九]{4}$/.test(text)) return null;
  let year = 0;
  for (const char of text) year = year * 10 + (CHINESE_DIGITS[char] ?? 0);
  return year;
}

/** A figure as printed: digits ("12", "0.5", "3万") or Chinese numerals ("十二"). */
export function parseFigureNumber(text: string): number | null {
  const digits = /^(\d+(?:\.\d+)?)(万?)$/.exec(text);
  if (digits) {
    const value = Number(digits[1]);
    return digits[2] === '万' ? value * 10000 : value;
  }
  return parseChineseNumber(text);
}

/**
 * Regex source for one figure with the named groups `pre`, `num` and `post`. `pre` and
 * `post` catch the markers of an approximate figure (约600条, 600余条, 20多起).
 * Use it once per pattern; combine with a unit group.
 */
export const FIGURE_SOURCE = String.raw`(?<pre>约|近|逾|超过|将近|大约)?(?<num>\d+(?:\.\d+)?万?|[零〇一二两三四五六七八九十百千万]+)(?<post>余|多)?`;

/** Units of counted things in reports: 件 (applications), 条 (items), 项, 起, 宗 (cases)… */
export const COUNT_UNIT_SOURCE = String.raw`(?<unit>件|条|项|起|宗|个|份|例)(?!事|龙|心|线|%)`;

export interface TextFigure {
  value: number;
  /** 约/近/余/多/左右/以上: equality rules must skip it. */
  approximate: boolean;
  unit: string;
  /** The figure with its markers and unit, as printed after normalisation. */
  raw: string;
  /** Offset of the figure's first character in the searched text. */
  index: number;
}

// Before these, a Chinese numeral is part of a word (统一, 唯一, 第一, 之一), not a count.
const NUMERAL_WORD_PREFIXES = '第统唯同逐之每单专初其万千百十';

/**
 * Reads the figure out of a match of a pattern built with FIGURE_SOURCE and
 * COUNT_UNIT_SOURCE and compiled with the `d` flag (group offsets). Returns null when
 * the number is not a count (e.g. the 一 of 统一件).
 */
export function figureFromMatch(match: RegExpExecArray, text: string): TextFigure | null {
  const groups = match.groups ?? {};
  const num = groups['num'];
  const span = match.indices?.groups?.['num'];
  if (num === undefined || span === undefined) return null;
  const numIndex = span[0];
  if (CHINESE_NUMERAL_CHARS.includes(num.charAt(0)) && numIndex > 0 && NUMERAL_WORD_PREFIXES.includes(text.charAt(numIndex - 1))) return null;
  const value = parseFigureNumber(num);
  if (value === null) return null;
  const unit = groups['unit'] ?? '';
  const pre = groups['pre'] ?? '';
  const post = groups['post'] ?? '';
  const start = numIndex - pre.length;
  const end = numIndex + num.length + post.length + unit.length;
  const after = text.slice(end, end + 2);
  return {
    value,
    approximate: pre !== '' || post !== '' || after === '左右' || after === '以上',
    unit,
    raw: text.slice(start, end),
    index: start,
  };
}

/** Compiles a pattern that contains FIGURE_SOURCE, with group offsets on. */
export function figurePattern(source: string, global = false): RegExp {
  return new RegExp(source, global ? 'gdu' : 'du');
}

/** Every counted figure in a piece of prose, in order. */
export function findFigures(text: string): TextFigure[] {
  const pattern = figurePattern(FIGURE_SOURCE + COUNT_UNIT_SOURCE, true);
  const figures: TextFigure[] = [];
  for (const match of text.matchAll(pattern)) {
    const figure = figureFromMatch(match, text);
    if (figure) figures.push(figure);
  }
  return figures;
}

/**
 * Prose made comparable: NFKC (full-width brackets and commas become ASCII), quotation
 * marks dropped, all spaces inside a line removed ("7 件" → "7件"), and table-like lines
 * (cells separated by tabs or pipes) left out so table figures are not read as prose.
 */
export function normalizeProse(text: string): string {
  return text
    .normalize('NFKC')
    .split(/\r?\n/)
    .filter((line) => !line.includes('\t') && !line.includes('|'))
    .map((line) => line.replace(/[\s\u3000\u00a0]+/g, '').replace(/[“”‘’"'「」]/g, ''))
    .filter((line) => line.length > 0)
    .join('\n');
}

/** Sentences of normalised prose: split at 。！？ and line ends (';' stays inside). */
export function splitSentences(normalizedProse: string): string[] {
  return normalizedProse
    .split(/[。!?\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Clause boundaries inside a sentence, after NFKC: , ; : 、 */
export const CLAUSE_BREAK = /[,;:、]/;

/** The clause of `sentence` that contains offset `index`, and where it starts. */
export function clauseAt(sentence: string, index: number): { text: string; start: number } {
  let start = index;
  while (start > 0 && !CLAUSE_BREAK.test(sentence.charAt(start - 1))) start -= 1;
  let end = index;
  while (end < sentence.length && !CLAUSE_BREAK.test(sentence.charAt(end))) end += 1;
  return { text: sentence.slice(start, end), start };
}
