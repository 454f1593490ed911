import type { PdfPageContent, Ruling, TextRun } from './pdf-page-content.ts';

/** One output line of a page: a table row (cells) or a line of prose (one cell). */
export interface LaidOutLine {
  cells: string[];
  /** True when the line is a row of a ruled table. */
  table: boolean;
  top: number;
  bottom: number;
  left: number;
  right: number;
  size: number;
}

// Fractions of the font size. A CJK glyph spans about 0.88 em above the baseline and
// 0.12 em below; its visual middle is about 0.35 em above the baseline.
const ASCENT = 0.88;
const DESCENT = 0.12;
const MIDDLE = 0.35;
/** Runs further apart than this (in em) on one prose line are in different columns. */
const COLUMN_GAP = 1.2;
/** Latin words further apart than this (in em) get a space between them. */
const WORD_GAP = 0.15;
/** Cells whose tops differ by less than this (points) start the same table row. */
const ROW_TOLERANCE = 2.5;
/** Rulings closer than this (points) are the same line drawn twice (adjacent cell edges). */
const RULING_MERGE = 2;

interface Cell {
  left: number;
  right: number;
  top: number;
  bottom: number;
  runs: TextRun[];
}

/**
 * Lays out one page as lines of text. Text inside a ruled table cell becomes that cell's
 * text (wrapped lines joined), cells starting at the same height become one row with
 * tab-separated cells, and a cell spanning several rows appears in its first row, as
 * text copied from an HTML table does. Text outside tables is grouped into lines by
 * baseline; a gap wider than about a character becomes a tab (borderless columns).
 */
export function layoutPdfPage(page: PdfPageContent): LaidOutLine[] {
  const rulings = page.rulings;
  const cells = new Map<string, Cell>();
  const freeRuns: TextRun[] = [];
  for (const run of page.runs) {
    const box = findEnclosingCell(run, rulings, page.height);
    if (!box) {
      freeRuns.push(run);
      continue;
    }
    const key = [box.left, box.right, box.top, box.bottom].map((v) => v.toFixed(1)).join('|');
    const cell = cells.get(key);
    if (cell) cell.runs.push(run);
    else cells.set(key, { ...box, runs: [run] });
  }
  const lines = [...layoutTableRows([...cells.values()], rulings), ...layoutFreeLines(freeRuns)];
  return lines.sort((a, b) => a.top - b.top || a.left - b.left);
}

/**
 * Whether some line of the page has a gap as wide as a table's column gap. Only then is
 * it worth reading the page's drawing operators for table rulings (that costs about as
 * much again as reading the text).
 */
export function hasColumnGaps(runs: readonly TextRun[]): boolean {
  return groupByBaseline([...runs]).some((line) =>
    line.some((run, k) => {
      const previous = line[k - 1];
      return previous !== undefined && run.x - (previous.x + previous.width) > Math.max(run.size, previous.size) * COLUMN_GAP;
    }),
  );
}

/**
 * The ruled box around a run: the nearest rulings on all four sides. Where a table breaks
 * across pages the cut edge is often not drawn; then the ends of the side rulings close the box.
 */
function findEnclosingCell(run: TextRun, rulings: readonly Ruling[], pageHeight: number): Omit<Cell, 'runs'> | null {
  const slack = Math.min(2, run.size * 0.2);
  const middleY = run.baseline - run.size * MIDDLE;
  const middleX = run.x + run.width / 2;
  const runRight = run.x + run.width;
  let left: Ruling | undefined;
  let right: Ruling | undefined;
  let top = -Infinity;
  let bottom = Infinity;
  for (const r of rulings) {
    if (r.axis === 'vertical') {
      if (middleY < r.start - 1 || middleY > r.end + 1) continue;
      if (r.position <= run.x + slack) {
        if (!left || r.position > left.position) left = r;
      } else if (r.position >= runRight - slack) {
        if (!right || r.position < right.position) right = r;
      }
    } else {
      if (middleX < r.start - 1 || middleX > r.end + 1) continue;
      if (r.position <= middleY) top = Math.max(top, r.position);
      else bottom = Math.min(bottom, r.position);
    }
  }
  if (!left || !right) return null;
  if (!Number.isFinite(top)) top = Math.max(left.start, right.start);
  if (!Number.isFinite(bottom)) bottom = Math.min(left.end, right.end);
  // A box much taller than a table row is a frame around prose, not a cell.
  if (bottom - top > pageHeight * 0.5 || bottom - top < run.size * 0.8) return null;
  return { left: left.position, right: right.position, top, bottom };
}

function layoutTableRows(cells: Cell[], rulings: readonly Ruling[]): LaidOutLine[] {
  cells.sort((a, b) => a.top - b.top || a.left - b.left);
  const rows: Cell[][] = [];
  for (const cell of cells) {
    const row = rows[rows.length - 1];
    const first = row?.[0];
    if (row && first && Math.abs(cell.top - first.top) <= ROW_TOLERANCE) row.push(cell);
    else rows.push([cell]);
  }
  return rows.map((row) => layoutTableRow(row, rulings));
}

/** One table row: the texts of its cells, with an empty cell for each ruled cell that has no text. */
function layoutTableRow(row: Cell[], rulings: readonly Ruling[]): LaidOutLine {
  // The shortest cell is one row high; taller ones span rows below.
  const leaf = row.reduce((a, b) => (b.bottom - b.top < a.bottom - a.top ? b : a));
  const rowTop = Math.min(...row.map((c) => c.top));
  const bandMiddle = (leaf.top + leaf.bottom) / 2;
  const entries: { x: number; text: string }[] = row.map((cell) => ({ x: cell.left, text: cellText(cell.runs) }));
  const columns = mergePositions(rulings.filter((r) => r.axis === 'vertical' && r.start - 1 <= bandMiddle && r.end + 1 >= bandMiddle).map((r) => r.position));
  for (let k = 1; k < columns.length; k++) {
    const a = columns[k - 1] as number;
    const b = columns[k] as number;
    const middle = (a + b) / 2;
    if (row.some((cell) => cell.left - 1 <= middle && cell.right + 1 >= middle)) continue;
    // A ruled top edge means an empty cell starts here; none means a cell from a row
    // above spans down into this one, and like copied HTML we write nothing for it.
    const startsHere = rulings.some((r) => r.axis === 'horizontal' && Math.abs(r.position - rowTop) <= RULING_MERGE + 1 && r.start - 1 <= middle && r.end + 1 >= middle);
    if (startsHere) entries.push({ x: a, text: '' });
  }
  entries.sort((p, q) => p.x - q.x);
  const sizes = row.flatMap((c) => c.runs.map((r) => r.size));
  return {
    cells: entries.map((e) => e.text),
    table: true,
    top: rowTop,
    bottom: leaf.bottom,
    left: Math.min(...row.map((c) => c.left)),
    right: Math.max(...row.map((c) => c.right)),
    size: median(sizes),
  };
}

function mergePositions(positions: number[]): number[] {
  const sorted = [...positions].sort((a, b) => a - b);
  const merged: number[] = [];
  for (const p of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && p - last <= RULING_MERGE) continue;
    merged.push(p);
  }
  return merged;
}

/** The text of one cell: its lines top to bottom, joined without line breaks. */
function cellText(runs: TextRun[]): string {
  let text = '';
  for (const line of groupByBaseline(runs)) text = joinFragments(text, joinRuns(line, false));
  return text;
}

function layoutFreeLines(runs: TextRun[]): LaidOutLine[] {
  return groupByBaseline(runs).map((line) => {
    const first = line[0] as TextRun;
    const last = line[line.length - 1] as TextRun;
    const size = Math.max(...line.map((r) => r.size));
    const baseline = median(line.map((r) => r.baseline));
    return {
      cells: joinRuns(line, true).split('\t'),
      table: false,
      top: baseline - size * ASCENT,
      bottom: baseline + size * DESCENT,
      left: first.x,
      right: last.x + last.width,
      size,
    };
  });
}

/** Runs grouped into lines (top to bottom), each line ordered left to right. */
function groupByBaseline(runs: TextRun[]): TextRun[][] {
  const sorted = [...runs].sort((a, b) => a.baseline - b.baseline || a.x - b.x);
  const lines: { baseline: number; size: number; runs: TextRun[] }[] = [];
  for (const run of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(run.baseline - line.baseline) <= Math.min(run.size, line.size) * 0.4) {
      line.runs.push(run);
    } else {
      lines.push({ baseline: run.baseline, size: run.size, runs: [run] });
    }
  }
  return lines.map((l) => l.runs.sort((a, b) => a.x - b.x));
}

/** Joins the runs of one line; with `columns`, a wide gap becomes a tab. */
function joinRuns(line: TextRun[], columns: boolean): string {
  let text = '';
  let previous: TextRun | undefined;
  for (const run of line) {
    const piece = normalizeSpaces(run.text);
    if (previous) {
      const gap = run.x - (previous.x + previous.width);
      const size = Math.max(run.size, previous.size);
      if (columns && gap > size * COLUMN_GAP) {
        text = text.trimEnd() + '\t' + piece.trimStart();
        previous = run;
        continue;
      }
      if (gap > size * WORD_GAP) {
        text = joinFragments(text, piece);
        previous = run;
        continue;
      }
    }
    text += piece;
    previous = run;
  }
  return text
    .split('\t')
    .map((cell) => normalizeSpaces(cell).trim())
    .join('\t');
}

/** Concatenates two pieces of one text: a space only between Latin letters or digits. */
export function joinFragments(a: string, b: string): string {
  const left = a.trimEnd();
  const right = b.trimStart();
  if (left === '' || right === '') return left + right;
  return isLatin(left.charAt(left.length - 1)) && isLatin(right.charAt(0)) ? `${left} ${right}` : left + right;
}

/** Collapses whitespace; drops it next to CJK characters and full-width punctuation. */
export function normalizeSpaces(text: string): string {
  return text.replace(/\s+/gu, ' ').replace(/(?<=\P{ASCII}) | (?=\P{ASCII})/gu, '');
}

function isLatin(char: string): boolean {
  return /[0-9A-Za-z]/u.test(char);
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}
