// The prose of each section for the text-versus-table rules (domain.md §7): all of 一、五、六,
// and of 二、三、四 what is printed before the table.
import type { ReportText } from '../annual-report.ts';
import type { SectionCode } from '../report-format.ts';
import type { SectionLine } from './find-report-sections.ts';
import type { TokenizedText } from './tokenize-report-text.ts';
import { SECTIONS } from '../report-format.ts';
import { compactText, isPageFurniture } from './tokenize-report-text.ts';

const PROSE_ONLY: ReadonlySet<SectionCode> = new Set(['overview', 'problems', 'otherMatters']);
// The first cell of a table in one-cell-per-line layouts.
const TABLE_START = /^(?:第二十条第|信息内容|\(?本列数据|申请人情况|行政复议$|行政诉讼$|结果维持|一、本年新收)/;

export function collectSectionText(text: TokenizedText, sections: readonly SectionLine[], titleLine: number | null): ReportText {
  const result: ReportText = { overview: '', proactive: '', applications: '', reviewLitigation: '', problems: '', otherMatters: '' };
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i];
    if (!section) continue;
    const code = SECTIONS.find((s) => s.ordinal === section.ordinal)?.code;
    if (!code) continue;
    const end = sections[i + 1]?.line ?? text.lines.length;
    // The heading may run on into its first paragraph on the same line.
    const firstLine = (text.lines[section.line] ?? '').trim();
    const restLength = firstLine.length - (firstLine.indexOf(section.heading) + section.heading.length);
    const printedFirst = (text.printedLines[section.line] ?? '').trim();
    const headingRest = restLength > 0 && printedFirst.length === firstLine.length ? printedFirst.slice(-restLength).trim() : restLength > 0 ? firstLine.slice(-restLength).trim() : '';
    result[code] = proseLines(text, section.line + 1, end, !PROSE_ONLY.has(code), headingRest);
  }
  // No 一、总体情况 heading (old-style reports): the prose before the first section or table.
  if (!sections.some((s) => s.ordinal === '一')) {
    const end = sections[0]?.line ?? text.lines.length;
    result.overview = proseLines(text, titleLine === null ? 0 : titleLine + 1, end, true, '');
  }
  return result;
}

function proseLines(text: TokenizedText, from: number, to: number, stopAtTable: boolean, firstText: string): string {
  const kept: string[] = firstText === '' ? [] : [firstText];
  for (let line = from; line < to; line++) {
    const raw = text.lines[line] ?? '';
    const trimmed = raw.trim();
    if (trimmed === '' || isPageFurniture(trimmed)) continue;
    if (looksLikeTable(raw, trimmed)) {
      if (stopAtTable) break;
      continue;
    }
    kept.push((text.printedLines[line] ?? trimmed).trim());
  }
  return kept.join('\n');
}

function looksLikeTable(raw: string, trimmed: string): boolean {
  if (raw.includes('\t') || trimmed.includes('|')) {
    const cells = trimmed.split(/[\t|]/).filter((c) => c.trim() !== '');
    if (cells.length >= 2) return true;
  }
  const compact = compactText(trimmed);
  return /^[\d.,\s]+$/.test(trimmed) || TABLE_START.test(compact);
}
