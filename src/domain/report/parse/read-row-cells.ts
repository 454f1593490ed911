// Reads the cells of one table row after its label (domain.md §9): numbers until the next
// label, across lines when a layout puts one cell per line. A blank cell stays blank (null).
import type { Token } from './tokenize-report-text.ts';

export type CellValue = { kind: 'number'; text: string } | { kind: 'blank' } | { kind: 'unreadable'; text: string };

export interface RowCells {
  values: CellValue[];
  /** Cells read before padding: fewer than expected means the blanks' places were guessed. */
  found: number;
  /** Token index after the last cell read. */
  next: number;
}

interface RawCell {
  token: Token;
}

function cellCount(cells: readonly RawCell[]): number {
  let count = 0;
  for (const cell of cells) count += cell.token.kind === 'number' ? cell.token.parts.length : 1;
  return count;
}

/** Reads `expected` cells from tokens[start], the first cell after a label printed on line `labelLine`. */
export function readRowCells(tokens: readonly Token[], start: number, labelLine: number, expected: number): RowCells {
  const cells: RawCell[] = [];
  let next = start;
  let stoppedOnLabelLine = false;
  while (next < tokens.length) {
    const token = tokens[next];
    if (!token || token.line !== labelLine) break;
    if (token.kind === 'text' || token.kind === 'break') {
      stoppedOnLabelLine = true;
      break;
    }
    cells.push({ token });
    next++;
  }
  // Too few cells on the label's line: the row goes on below (one cell per line, wrapped PDF rows).
  if (!stoppedOnLabelLine && cellCount(cells) < expected) {
    while (next < tokens.length) {
      const token = tokens[next];
      if (!token || token.kind === 'text') break;
      next++;
      if (token.kind === 'break') break;
      cells.push({ token });
      const following = tokens[next];
      const atLineEnd = following === undefined || following.line !== token.line;
      if (atLineEnd && cellCount(cells) >= expected) break;
    }
  }
  return { ...alignCells(cells, expected), next };
}

function alignCells(cells: readonly RawCell[], expected: number): { values: CellValue[]; found: number } {
  const values = expandCells(cells, expected);
  const filled = values.filter((v) => v.kind !== 'blank');
  if (filled.length >= expected) return { values: filled.slice(0, expected), found: expected };
  // Some cells are blank: their position matters. Colspans and line ends add blank cells at
  // the ends, so drop those first.
  const positional = [...values];
  while (positional.length > expected && positional[positional.length - 1]?.kind === 'blank') positional.pop();
  while (positional.length > expected && positional[0]?.kind === 'blank') positional.shift();
  const found = Math.min(positional.length, expected);
  const result = positional.slice(0, expected);
  while (result.length < expected) result.push({ kind: 'blank' });
  return { values: result, found };
}

/**
 * One value per cell when the delimiters already give the right count (so “1 483” in a
 * tab cell is 1483); otherwise space-separated numbers are separate cells (PDF text),
 * joining a thousands group (“1 483”) back while there are too many.
 */
function expandCells(cells: readonly RawCell[], expected: number): CellValue[] {
  const hasRuns = cells.some((c) => c.token.kind === 'number' && c.token.parts.length > 1);
  const one = (token: Token, text: string): CellValue =>
    token.kind === 'number' ? { kind: 'number', text } : token.kind === 'placeholder' ? { kind: 'unreadable', text: token.text } : { kind: 'blank' };
  if (!hasRuns) return cells.map((c) => one(c.token, c.token.parts[0] ?? ''));
  const joinedCount = trimmedLength(cells.map((c) => c.token.kind === 'empty'), expected);
  if (cells.every((c) => c.token.delimited) && joinedCount === expected) {
    return cells.map((c) => one(c.token, c.token.parts.join('')));
  }
  const values: CellValue[] = [];
  let surplus = cellCount(cells) - expected;
  for (const cell of cells) {
    if (cell.token.kind !== 'number') {
      values.push(one(cell.token, ''));
      continue;
    }
    const parts = [...cell.token.parts];
    for (let i = 1; i < parts.length && surplus > 0; ) {
      const part = parts[i];
      if (part !== undefined && /^\d{3}$/.test(part) && /^\d{1,3}$/.test(parts[i - 1] ?? '')) {
        parts.splice(i - 1, 2, `${parts[i - 1] ?? ''}${part}`);
        surplus--;
      } else i++;
    }
    for (const part of parts) values.push({ kind: 'number', text: part });
  }
  return values;
}

/** Cell count after dropping end blanks beyond `expected`. */
function trimmedLength(blank: readonly boolean[], expected: number): number {
  let start = 0;
  let end = blank.length;
  while (end - start > expected && blank[end - 1]) end--;
  while (end - start > expected && blank[start]) start++;
  return end - start;
}

/** An integer count as printed (“1,483” and “1483” are 1483), or null when it is not one. */
export function parseCount(text: string): number | null {
  const plain = /^\d{1,3}(?:,\d{3})+$/.test(text) ? text.replace(/,/g, '') : text;
  if (!/^\d+$/.test(plain)) return null;
  const value = Number(plain);
  return Number.isSafeInteger(value) ? value : null;
}

/** A fee in 万元 as printed (“162”, “0.0000”), or null when it is not a decimal. */
export function parseAmount(text: string): string | null {
  const plain = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(text) ? text.replace(/,/g, '') : text;
  return /^\d+(?:\.\d+)?$/.test(plain) ? plain : null;
}
