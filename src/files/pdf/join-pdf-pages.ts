import type { LaidOutLine } from './layout-pdf-page.ts';
import { joinFragments } from './layout-pdf-page.ts';

export interface LaidOutPage {
  width: number;
  height: number;
  lines: LaidOutLine[];
}

/** Share of the page height at the top and bottom where headers, footers and page numbers sit. */
const MARGIN_BAND = 0.1;
/** "- 3 -", "3", "第3页", "第 3 页 共 5 页", "3/5", "共5页 第3页" (spaces removed first). */
const PAGE_NUMBER = /^(?:[-－—–]*\d{1,4}[-－—–]*|第\d{1,4}页(?:[,，]?共\d{1,4}页)?|\d{1,4}[/／]\d{1,4}|共\d{1,4}页[,，]?第\d{1,4}页)$/u;

/**
 * The whole document as text: one line per table row (cells separated by tabs) and one
 * line per paragraph. Page numbers and running headers/footers are dropped, and prose
 * lines are joined into paragraphs, also across page breaks.
 */
export function joinPdfPages(pages: readonly LaidOutPage[]): string {
  const repeated = findRepeatedMarginLines(pages);
  const kept = pages.map((page) => page.lines.filter((line) => !isPageFurniture(line, page, repeated)));
  // One text block for the whole document: a page with a single short line has no margins of its own.
  const margins = textMargins(kept.flat());
  const out: string[] = [];
  let open: { line: LaidOutLine; page: number } | null = null;
  kept.forEach((lines, page) => {
    for (const line of lines) {
      const text = line.cells.join('\t');
      if (text.trim() === '') continue;
      const prose = !line.table && line.cells.length === 1;
      if (prose && open && continuesParagraph(open.line, line, margins, open.page !== page)) {
        out[out.length - 1] = joinFragments(out[out.length - 1] ?? '', text);
      } else {
        out.push(text);
      }
      open = prose ? { line, page } : null;
    }
  });
  return out.join('\n');
}

interface Margins {
  left: number;
  right: number;
}

function textMargins(lines: LaidOutLine[]): Margins {
  const prose = lines.filter((l) => !l.table && l.cells.length === 1 && (l.cells[0] ?? '').length >= 6);
  if (prose.length === 0) return { left: -Infinity, right: Infinity };
  return { left: Math.min(...prose.map((l) => l.left)), right: Math.max(...prose.map((l) => l.right)) };
}

/**
 * A prose line continues the previous one when the previous line runs to the right margin,
 * this one starts at the left margin (a first-line indent starts a paragraph), both have
 * the same font size, and they are one line apart (or the last and first lines of two pages).
 */
function continuesParagraph(previous: LaidOutLine, next: LaidOutLine, margins: Margins, acrossPages: boolean): boolean {
  const size = next.size;
  if (Math.abs(previous.size - size) > 0.5) return false;
  if (previous.right < margins.right - previous.size * 1.5) return false;
  if (next.left > margins.left + size * 0.6) return false;
  return acrossPages || next.top - previous.bottom <= size * 1.2;
}

function isPageFurniture(line: LaidOutLine, page: LaidOutPage, repeated: Set<string>): boolean {
  if (line.table || !inMarginBand(line, page)) return false;
  const text = line.cells.join('').replace(/\s+/gu, '');
  return PAGE_NUMBER.test(text) || repeated.has(furnitureKey(line));
}

function inMarginBand(line: LaidOutLine, page: LaidOutPage): boolean {
  return line.bottom <= page.height * MARGIN_BAND || line.top >= page.height * (1 - MARGIN_BAND);
}

function furnitureKey(line: LaidOutLine): string {
  return line.cells.join('').replace(/\s+/gu, '').replace(/\d+/gu, '#');
}

/** Texts in the top or bottom band on at least half the pages (three pages or more): running headers and footers. */
function findRepeatedMarginLines(pages: readonly LaidOutPage[]): Set<string> {
  const repeated = new Set<string>();
  if (pages.length < 3) return repeated;
  const counts = new Map<string, number>();
  for (const page of pages) {
    const keys = new Set(page.lines.filter((l) => !l.table && inMarginBand(l, page)).map(furnitureKey));
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, count] of counts) if (key !== '' && count >= Math.max(2, Math.ceil(pages.length / 2))) repeated.add(key);
  return repeated;
}
