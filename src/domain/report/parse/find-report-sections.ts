// The six sections of a report (domain.md §3), found by their ordinal 一…六 plus a keyword,
// so the heading variants of real reports are recognised; and the title above them.
import type { FoundSection } from '../report-source.ts';
import type { SectionOrdinal } from '../report-format.ts';
import type { TokenizedText } from './tokenize-report-text.ts';
import { SECTIONS } from '../report-format.ts';
import { compactText, isPageFurniture } from './tokenize-report-text.ts';

// Keywords beyond report-format.ts: 四 may say only 复议 or 诉讼; 五 may say 改进 only.
const SECTION_KEYWORDS: Readonly<Record<SectionOrdinal, readonly string[]>> = {
  一: ['总体情况', '基本情况', '概述'],
  二: ['主动公开'],
  三: ['申请'],
  四: ['复议', '诉讼'],
  五: ['问题', '改进'],
  六: ['其他'],
};

const HEADING = /^([一二三四五六])\s*[、.,:]\s*(\S.*)$/;
const HEADING_MAX = 40;

export interface SectionLine extends FoundSection {
  /** Line index of the heading in the tokenized text. */
  line: number;
}

/** All headings found, at most one per ordinal, in the order they are printed. */
interface Candidate extends SectionLine {
  standalone: boolean;
}

export function findReportSections(text: TokenizedText): SectionLine[] {
  const candidates: Candidate[] = [];
  for (let line = 0; line < text.lines.length; line++) {
    const found = headingOfLine(text, line);
    if (found) candidates.push(found);
  }
  const chosen: SectionLine[] = [];
  let after = -1;
  for (const section of SECTIONS) {
    const ofOrdinal = candidates.filter((c) => c.ordinal === section.ordinal);
    // In order where possible (out of order is kept for the STRUCT-6 rule to report), and a
    // heading on a line of its own before one that runs on into prose (a list of sections).
    const inOrder = ofOrdinal.filter((c) => c.offset > after);
    const pick = inOrder.find((c) => c.standalone) ?? inOrder[0] ?? ofOrdinal.find((c) => c.standalone) ?? ofOrdinal[0];
    if (!pick) continue;
    chosen.push({ ordinal: pick.ordinal, heading: pick.heading, offset: pick.offset, line: pick.line });
    if (pick.offset > after) after = pick.offset;
  }
  return chosen.sort((a, b) => a.offset - b.offset);
}

function headingOfLine(text: TokenizedText, line: number): Candidate | null {
  const raw = text.lines[line] ?? '';
  // A heading is a line of its own, not a table cell.
  if (raw.includes('\t') || raw.includes('|')) return null;
  const trimmed = raw.trim();
  const match = HEADING.exec(trimmed);
  if (!match || match[1] === undefined || match[2] === undefined) return null;
  const ordinal = match[1] as SectionOrdinal;
  const compact = compactText(trimmed);
  const keywords = SECTION_KEYWORDS[ordinal];
  let keywordEnd = -1;
  for (const keyword of keywords) {
    const at = compact.indexOf(keyword);
    if (at >= 0 && at <= 30 && (keywordEnd < 0 || at + keyword.length < keywordEnd)) keywordEnd = at + keyword.length;
  }
  if (keywordEnd < 0) return null;
  // The heading may run on into a sentence (a preface listing the sections, or the first
  // paragraph): cut it at the sentence's end, or at the first break when the line is long.
  const keywordAt = positionAfterCompact(trimmed, keywordEnd);
  const rest = trimmed.slice(keywordAt);
  const sentenceEnd = rest.search(/[。;]/);
  const breakAt = compact.length > HEADING_MAX ? rest.search(/[\s。;:,]/) : -1;
  const cut = breakAt >= 0 && (sentenceEnd < 0 || breakAt < sentenceEnd) ? breakAt : sentenceEnd;
  if (cut < 0 && compact.length > 80) return null;
  const heading = cut < 0 ? trimmed : trimmed.slice(0, keywordAt + cut);
  const standalone = compact.length <= HEADING_MAX && (cut < 0 || rest.slice(cut + 1).trim() === '');
  const leading = raw.indexOf(trimmed);
  return { ordinal, heading, offset: (text.lineOffsets[line] ?? 0) + Math.max(leading, 0), line, standalone };
}

/** Index in `text` just after its first `compactLength` non-whitespace characters. */
function positionAfterCompact(text: string, compactLength: number): number {
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    if (!/[\s\u3000\u00a0]/.test(text[i] ?? '')) seen++;
    if (seen === compactLength) return i + 1;
  }
  return text.length;
}

/**
 * The report title: the first short line that says 报告 before the first section, with its
 * line index. A title printed on two lines (洪泽: “洪泽区人民政府” / “2023年政府信息公开工作
 * 年度报告”) is joined.
 */
export function findReportTitle(text: TokenizedText, firstSectionLine: number | null): { title: string; line: number } | null {
  const limit = firstSectionLine ?? Math.min(text.lines.length, 40);
  let previous: string | null = null;
  let seen = 0;
  for (let line = 0; line < limit && seen < 15; line++) {
    const trimmed = (text.lines[line] ?? '').trim();
    if (trimmed === '' || isPageFurniture(trimmed)) continue;
    seen++;
    const compact = compactText(trimmed);
    if (compact.length <= 80 && compact.includes('报告') && !trimmed.includes('\t')) {
      const startsWithYear = /^(?:\d{4}|[〇零一二三四五六七八九]{4})年/.test(compact) || compact.startsWith('政府信息公开');
      return { title: startsWithYear && previous !== null ? `${previous}${trimmed}` : trimmed, line };
    }
    previous = compact.length <= 30 && !trimmed.includes('\t') ? trimmed : null;
  }
  return null;
}

const CHINESE_DIGITS = '〇一二三四五六七八九';

/** The report year printed in the title (2021年 or 二〇二一年), or null. */
export function yearOfTitle(title: string | null): number | null {
  if (title === null) return null;
  const compact = compactText(title);
  const digits = /((?:19|20)\d{2})年/.exec(compact);
  if (digits) return Number(digits[1]);
  const chinese = /([〇零一二三四五六七八九]{4})年/.exec(compact);
  if (!chinese || chinese[1] === undefined) return null;
  let year = 0;
  for (const char of chinese[1]) year = year * 10 + Math.max(CHINESE_DIGITS.indexOf(char === '零' ? '〇' : char), 0);
  return year >= 1900 && year <= 2999 ? year : null;
}

/** The agency in the title: what comes before the year (or between 年度 and 政府信息公开). */
export function agencyOfTitle(title: string | null): string | null {
  if (title === null) return null;
  const compact = compactText(title).replace(/[《》“”"「」]/g, '');
  const year = /(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年度?/.exec(compact);
  if (!year) return null;
  let agency = compact.slice(0, year.index).replace(/(?:关于|的)$/, '');
  if (agency === '') {
    const rest = compact.slice(year.index + year[0].length);
    const end = rest.search(/政府信息公开|政务公开|信息公开/);
    agency = end > 0 ? rest.slice(0, end) : '';
  }
  return agency === '' ? null : agency;
}

/** The year of the statistics period “…年1月1日(起)至(…年)12月31日”, or null. */
export function findStatisticsYear(fullText: string): number | null {
  const compact = compactText(fullText);
  const match = /((?:19|20)\d{2})年度?1月1日起?(?:至|到|~|-|—|–)(?:(?:19|20)\d{2}年)?12月31日/.exec(compact);
  return match ? Number(match[1]) : null;
}
