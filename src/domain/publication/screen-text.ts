// The automatic screening of a text before publishing (issue 4): personal data, classification
// marks, and the agency's sensitive words and 错敏词. Pure; the same code for the server and
// `gongkai screen`.
//
// 条例第十四条 (国家秘密 not disclosed), 第十五条 (个人隐私 not disclosed without consent),
// 第十六条 (内部事务信息 may be withheld): a hit is something a person must look at before the
// item goes out. Ordinary official numbers (dates, 文号, 索引号, amounts, landlines, postal codes,
// statistics) must not be hits, or people stop reading them.
//
// Old 15-digit 身份证 numbers are not looked for: they carry no check digit, and 15-digit
// 工商注册号 are common in official text; a birth-date test alone would flag too many of them.
import { validateIdentityNumber } from '../application/validate-identity-number.ts';
import type { ScreeningHit, ScreeningHitKind } from './publication.ts';

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

/** Characters shown either side of a hit. */
const CONTEXT_CHARS = 20;

/** When two hits overlap, the lower rank wins (the more specific finding). */
const KIND_RANK: Readonly<Record<ScreeningHitKind, number>> = {
  id_number: 0,
  bank_card: 1,
  mobile: 2,
  email: 3,
  classification_mark: 4,
  wrong_term: 5,
  sensitive_word: 6,
};

// The patterns run on a copy with full-width ASCII (０-９, Ｘ, ＠, －, （, ：…) folded to
// half-width; the fold keeps every offset, so hits are sliced from the text as written.

/** Not inside a longer run of digits or letters, nor an e-mail address, a decimal or a hyphenated code. */
const BEFORE = String.raw`(?<![0-9A-Za-z@._%+]|[0-9]-)`;
/** Same for a number written in groups: not the tail of a longer grouped run. */
const BEFORE_GROUPED = String.raw`(?<![0-9A-Za-z@._%+]|[0-9][ -])`;
const AFTER = String.raw`(?![0-9A-Za-z@]|[.,][0-9])`;
const AFTER_GROUPED = String.raw`(?![0-9A-Za-z@]|[.,][0-9]|[ -][0-9])`;

const ID_BIRTH_DATE = String.raw`(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])`;
/**
 * GB 11643: 6-digit area code (first digit 1–8), YYYYMMDD, 3-digit sequence, check character;
 * also 6-8-4 with spaces as forms print it (410102 19900307 1230). The pattern only pre-filters;
 * validateIdentityNumber decides. `/digits` after it is a 索引号 whose first part is an agency's
 * 统一社会信用代码.
 */
const ID_NUMBER = new RegExp(
  String.raw`${BEFORE}[1-8][0-9]{5}${ID_BIRTH_DATE}[0-9]{3}[0-9Xx]${AFTER}(?!/[0-9])|${BEFORE_GROUPED}[1-8][0-9]{5} ${ID_BIRTH_DATE} [0-9]{3}[0-9Xx]${AFTER_GROUPED}`,
  'g',
);

/**
 * Card numbers: 16–19 digits, alone or in groups of four (the last group may be shorter).
 * Issuer prefixes 3 (JCB), 4 (Visa), 5 (Mastercard), 6 (银联 62…), 9 (old 工商银行 9558…);
 * statistics and codes starting with 0, 1, 2, 7 or 8 are never cards.
 */
const BANK_CARD = new RegExp(
  String.raw`${BEFORE}[3-69][0-9]{15,18}${AFTER}|${BEFORE_GROUPED}[3-69][0-9]{3}([ -])[0-9]{4}(?:\1[0-9]{4}){2}(?:\1[0-9]{1,3})?${AFTER_GROUPED}`,
  'g',
);

/** Mainland mobile numbers 1[3-9]x-xxxx-xxxx, with an optional +86/86 and 3-4-4 spacing. */
const MOBILE = new RegExp(
  String.raw`${BEFORE}(?:\+?86[ -]?)?1[3-9][0-9]{9}${AFTER}|${BEFORE_GROUPED}(?:\+?86[ -]?)?1[3-9][0-9]([ -])[0-9]{4}\1[0-9]{4}${AFTER_GROUPED}`,
  'g',
);

/** Starts only where a run of address characters starts, so a long run is read once. */
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-]|\.[A-Za-z0-9])/g;

/**
 * 密级和保密期限 as GB/T 9704-2012 7.2.3 prints them: 绝密★30年, 机密★10年, 秘密★1年,
 * 秘密★长期, 机密★启用前. A ★ makes it a marking wherever it stands.
 */
const STARRED_MARK = /(?:绝密|机密|秘密)[ \t\u3000]*[★☆](?:[ \t\u3000]*(?:[0-9一二三四五六七八九十]+[ \t\u3000]*(?:年|个月)|长期|启用前))?/g;

const MARK_WORDS = '国家秘密|工作秘密|绝密|机密|秘密|内部资料|内部文件|内部材料|内部使用|内部';
/** A line that is only a marking (秘密, 内部资料 注意保存, 【内部】), as printed at the top of a page. */
const LINE_MARK = new RegExp(
  String.raw`^[ \t\u3000]*(?:[【\[(〔][ \t\u3000]*)?(?:${MARK_WORDS})(?:[ \t\u3000]*[】\])〕])?(?:[ \t\u3000,、]*(?:注意保存|注意保密|请勿外传|不得外传|严禁外传|妥善保管))?[ \t\u3000]*$`,
  'gm',
);
/** A marking in brackets inside a line: 【内部】, （秘密）, 〔内部资料〕. */
const BRACKETED_MARK = /[【\[(〔][ \t\u3000]*(?:绝密|机密|秘密|内部资料|内部文件|内部)[ \t\u3000]*[】\])〕]/g;
/** A 密级 field filled in: 密级：秘密, or a table cell after 密级. */
const LABELLED_MARK = /密级[ \t\u3000]*[:\t][ \t\u3000]*(?:绝密|机密|秘密|内部)/g;

/** A number followed by one of these is a quantity or an amount, not a phone or card number. */
const UNITS = new Set('元万亿千百个人件次名项条份页吨米亩册台辆套张家所座号%'.split(''));
/** Only these count after a space: “13800138000 人员” is a number and a word, “… 元” an amount. */
const SPACED_UNITS = new Set('元万亿%'.split(''));
/** A number after one of these is an amount or an ordinal. */
const CURRENCY_BEFORE = new Set(['¥', '￥', '$', '第']);

interface Candidate {
  kind: ScreeningHitKind;
  start: number;
  end: number;
  suggestion: string;
}

export function screenText(text: string, options: ScreenOptions): ScreeningHit[] {
  const source = options.source ?? 'text';
  const folded = foldFullWidth(text);
  const candidates: Candidate[] = [];

  for (const match of folded.matchAll(ID_NUMBER)) {
    const start = match.index;
    const digits = match[0].replace(/ /g, '').toUpperCase();
    if (isAfterCreditCodeLabel(folded, start)) continue;
    if (!validateIdentityNumber(digits).ok) continue;
    candidates.push({
      kind: 'id_number',
      start,
      end: start + match[0].length,
      suggestion: `身份证号码：删除，或隐去部分号码（如只保留前6位和后4位：${digits.slice(0, 6)}********${digits.slice(14)}）`,
    });
  }

  for (const match of folded.matchAll(BANK_CARD)) {
    const start = match.index;
    const end = start + match[0].length;
    const digits = match[0].replace(/[ -]/g, '');
    if (isQuantity(folded, start, end) || !passesLuhn(digits)) continue;
    candidates.push({ kind: 'bank_card', start, end, suggestion: `银行卡号：删除，或只保留后4位（如 ****${digits.slice(-4)}）` });
  }

  for (const match of folded.matchAll(MOBILE)) {
    const start = match.index;
    const end = start + match[0].length;
    if (isQuantity(folded, start, end)) continue;
    const digits = match[0].replace(/[ -]/g, '').slice(-11);
    candidates.push({ kind: 'mobile', start, end, suggestion: `手机号码：删除，或隐去中间4位（如 ${digits.slice(0, 3)}****${digits.slice(7)}）` });
  }

  for (const match of folded.matchAll(EMAIL)) {
    candidates.push({ kind: 'email', start: match.index, end: match.index + match[0].length, suggestion: '电子邮箱：个人邮箱请删除；机关对外公布的工作邮箱，确认后可以保留' });
  }

  for (const pattern of [STARRED_MARK, LINE_MARK, BRACKETED_MARK, LABELLED_MARK]) {
    for (const match of folded.matchAll(pattern)) {
      const value = match[0];
      const lead = value.length - value.trimStart().length;
      const start = match.index + lead;
      const end = match.index + value.trimEnd().length;
      if (end <= start) continue;
      candidates.push({ kind: 'classification_mark', start, end, suggestion: markSuggestion(folded.slice(start, end)) });
    }
  }

  collectTermHits(text, options.terms, candidates);

  return resolveOverlaps(candidates, text.length).map((candidate) => ({
    kind: candidate.kind,
    text: text.slice(candidate.start, candidate.end),
    start: candidate.start,
    end: candidate.end,
    context: contextOf(text, candidate.start, candidate.end),
    suggestion: candidate.suggestion,
    source,
  }));
}

function markSuggestion(mark: string): string {
  if (/绝密|机密|秘密/.test(mark)) {
    return '密级标志：依法确定为国家秘密的信息不得公开（条例第十四条）；请报保密审查，确认已解密或不属于国家秘密后，删除标志再发布';
  }
  return '“内部”标志：内部事务信息可以不予公开（条例第十六条）；请确认本件可以公开，并删除该标志';
}

/** Full-width ASCII variants (U+FF01–U+FF5E) → ASCII; one UTF-16 unit each way, so offsets stay. */
function foldFullWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
}

/** An agency's 统一社会信用代码 is 18 characters too; a labelled one is not a person's number. */
function isAfterCreditCodeLabel(folded: string, start: number): boolean {
  return /信用代码[^0-9A-Za-z]{0,4}$/.test(folded.slice(Math.max(0, start - 10), start));
}

/** 12345678901234567元, ¥4111111111111111, 第13812345678号: amounts and ordinals, not numbers to hide. */
function isQuantity(folded: string, start: number, end: number): boolean {
  const next = folded.charAt(end);
  if (UNITS.has(next) && !folded.startsWith('人民', end)) return true;
  if ((next === ' ' || next === '\u3000') && SPACED_UNITS.has(folded.charAt(end + 1))) return true;
  const before = folded.slice(Math.max(0, start - 3), start).trimEnd();
  return CURRENCY_BEFORE.has(before.charAt(before.length - 1)) || before.endsWith('人民币');
}

/** ISO/IEC 7812 Luhn: from the right, double every second digit, sum the digits, total ≡ 0 mod 10. */
function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i -= 1, double = !double) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Exact matches of the agency's terms, in one pass: the text is searched for the characters
 * terms begin with, and only there are the terms of that first character tried, longest first.
 * A wrong term inside its own correct form is not a hit: an agency's 台湾 → 中国台湾 must not
 * flag the 中国台湾 the text already has.
 */
function collectTermHits(text: string, terms: readonly ScreeningTerm[], candidates: Candidate[]): void {
  const byFirstChar = new Map<number, ScreeningTerm[]>();
  const seen = new Set<string>();
  for (const term of terms) {
    if (term.term === '') continue;
    const key = `${term.kind}\u0000${term.term}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const first = term.term.charCodeAt(0);
    const bucket = byFirstChar.get(first);
    if (bucket) bucket.push(term);
    else byFirstChar.set(first, [term]);
  }
  if (byFirstChar.size === 0) return;
  for (const bucket of byFirstChar.values()) bucket.sort((a, b) => b.term.length - a.term.length);

  const firstChars = [...byFirstChar.keys()].map((code) => `\\u${code.toString(16).padStart(4, '0')}`).join('');
  const finder = new RegExp(`[${firstChars}]`, 'g');
  for (let match = finder.exec(text); match !== null; match = finder.exec(text)) {
    const start = match.index;
    for (const term of byFirstChar.get(text.charCodeAt(start)) ?? []) {
      if (!text.startsWith(term.term, start)) continue;
      if (term.kind === 'wrong_term' && isInsideCorrection(text, start, term)) continue;
      candidates.push({ kind: term.kind, start, end: start + term.term.length, suggestion: termSuggestion(term) });
    }
  }
}

function isInsideCorrection(text: string, start: number, term: ScreeningTerm): boolean {
  const correction = term.correction;
  if (correction === null) return false;
  for (let k = correction.indexOf(term.term); k >= 0; k = correction.indexOf(term.term, k + 1)) {
    if (start - k >= 0 && text.startsWith(correction, start - k)) return true;
  }
  return false;
}

function termSuggestion(term: ScreeningTerm): string {
  if (term.kind === 'wrong_term') return term.correction === null || term.correction === '' ? '错敏词：请改正此处表述' : `应为：${term.correction}`;
  return term.correction === null || term.correction === '' ? '敏感词：请核实此处表述，必要时删除或改写' : `敏感词：${term.correction}`;
}

/** The more specific kind wins an overlap, then the earlier and longer hit; result in text order. */
function resolveOverlaps(candidates: Candidate[], length: number): Candidate[] {
  candidates.sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.start - b.start || b.end - a.end);
  const taken = new Uint8Array(length);
  const kept: Candidate[] = [];
  for (const candidate of candidates) {
    let free = true;
    for (let i = candidate.start; i < candidate.end; i += 1) {
      if (taken[i] === 1) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, candidate.start, candidate.end);
    kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Up to 20 characters either side, newlines as spaces; never splits a surrogate pair. */
function contextOf(text: string, start: number, end: number): string {
  let from = Math.max(0, start - CONTEXT_CHARS);
  let to = Math.min(text.length, end + CONTEXT_CHARS);
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from += 1;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to -= 1;
  return text.slice(from, to).replace(/[ \t\u3000]*[\r\n]+[ \t\u3000]*/g, ' ').trim();
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
