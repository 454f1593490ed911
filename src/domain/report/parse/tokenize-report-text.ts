// Cuts a report's plain text into table cells (domain.md §9): tabs, pipes and newlines
// separate cells; a cell is text, a number run, blank, or an unreadable stand-in (“—”, “/”).

export type TokenKind = 'text' | 'number' | 'empty' | 'placeholder' | 'break';

export interface Token {
  kind: TokenKind;
  /** The cell as printed after NFKC, trimmed. */
  text: string;
  /** Whitespace removed: the form labels are matched on and reported as printed. */
  compact: string;
  /** kind 'number': the space-separated numbers of the cell, units dropped. */
  parts: readonly string[];
  /** Index into TokenizedText.lines. */
  line: number;
  /** True when the cell came from a tab- or pipe-delimited line. */
  delimited: boolean;
}

export interface TokenizedText {
  /** NFKC, line ends unified, invisible characters removed. */
  fullText: string;
  lines: readonly string[];
  /** The same lines before NFKC (full-width punctuation kept), for the report's prose. */
  printedLines: readonly string[];
  /** Offset of each line in fullText. */
  lineOffsets: readonly number[];
  tokens: readonly Token[];
  /** First token index of each line (tokens.length when the line has none after it). */
  lineFirstToken: readonly number[];
}

const NO_PARTS: readonly string[] = Object.freeze([]);
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
// Control characters other than tab and newline (binary garbage, form feeds between PDF pages).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const WHITESPACE = /[\s\u3000\u00a0]+/g;

const NUMBER_RUN = /^\d+(?:[.,]\d+)*(?: \d+(?:[.,]\d+)*)*$/;
// “39件”, “162万元”: a count with its unit is still readable.
const NUMBER_WITH_UNIT = /^(\d+(?:[.,]\d+)*) ?(?:件|个|条|项|起|次|万元)$/;
// Stand-ins people type instead of a number; they are reported, not guessed.
const PLACEHOLDER = /^(?:[-—–―~/\\×xX*·.。…_]+|无|空|[oO〇])$/;
// A label followed by its numbers in one cell: PDF-like text, “(七) 总计 0 0 0 0 0 0 0”.
const LABEL_THEN_NUMBERS = /^(.*[^\d\s.,])\s+(\d+(?:[.,]\d+)*(?:\s+\d+(?:[.,]\d+)*)*)$/;
// Page furniture of PDF and flip-book text: “Page 9 - … P. 9”, “- 9 -”, “第 9 页 共 12 页”.
const PAGE_FURNITURE = /^(?:page\s*\d+\b.*|.*\bP\.\s*\d+|[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[,/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/i;
const MARKDOWN_RULE = /^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$/;

/** Line ends unified, invisible and control characters removed; NFKC keeps the line count. */
function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(INVISIBLE, '').replace(CONTROL, ' ');
}

export function compactText(text: string): string {
  return text.replace(WHITESPACE, '');
}

export function isPageFurniture(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length > 0 && trimmed.length <= 120 && PAGE_FURNITURE.test(trimmed);
}

export function tokenizeReportText(text: string): TokenizedText {
  const printed = cleanText(text);
  const fullText = printed.normalize('NFKC');
  const lines = fullText.split('\n');
  const printedLines = printed.split('\n');
  const lineOffsets: number[] = new Array<number>(lines.length);
  const lineFirstToken: number[] = new Array<number>(lines.length);
  const tokens: Token[] = [];
  let offset = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    lineOffsets[index] = offset;
    offset += line.length + 1;
    lineFirstToken[index] = tokens.length;
    addLineTokens(line, index, tokens);
  }
  // NFKC maps no character to or from a newline, so the two line lists align.
  return { fullText, lines, printedLines: printedLines.length === lines.length ? printedLines : lines, lineOffsets, tokens, lineFirstToken };
}

function addLineTokens(line: string, lineIndex: number, tokens: Token[]): void {
  const trimmed = line.trim();
  if (trimmed === '' || isPageFurniture(trimmed) || MARKDOWN_RULE.test(trimmed)) return;
  if (trimmed === '|') {
    // A lone pipe separates rows in the one-cell-per-line pipe layout (汉阳).
    tokens.push(makeToken('break', '|', [], lineIndex, true));
    return;
  }
  if (line.includes('|')) {
    // “a | b | c |”, “| a | b |”, “a | 0 | ||” (colspan): each pipe ends a cell.
    let body = trimmed;
    if (body.startsWith('|')) body = body.slice(1);
    if (body.endsWith('|')) body = body.slice(0, -1);
    for (const cell of body.split(/[\t|]/)) addCell(cell, lineIndex, true, tokens);
    return;
  }
  if (line.includes('\t')) {
    const cells = line.split('\t');
    if (cells.every((c) => c.trim() === '')) return;
    for (const cell of cells) addCell(cell, lineIndex, true, tokens);
    return;
  }
  addCell(trimmed, lineIndex, false, tokens);
}

function addCell(raw: string, lineIndex: number, delimited: boolean, tokens: Token[]): void {
  const text = raw.replace(WHITESPACE, ' ').trim();
  if (text === '') {
    tokens.push(makeToken('empty', '', [], lineIndex, delimited));
    return;
  }
  const number = numberParts(text);
  if (number) {
    tokens.push(makeToken('number', text, number, lineIndex, delimited));
    return;
  }
  if (PLACEHOLDER.test(text)) {
    tokens.push(makeToken('placeholder', text, [], lineIndex, delimited));
    return;
  }
  // Only short cells can be a label followed by numbers; long ones are prose.
  const split = text.length <= 200 ? LABEL_THEN_NUMBERS.exec(text) : null;
  if (split && split[1] !== undefined && split[2] !== undefined && compactText(split[1]).length <= 80) {
    tokens.push(makeToken('text', split[1].trim(), [], lineIndex, delimited));
    tokens.push(makeToken('number', split[2], split[2].split(' '), lineIndex, delimited));
    return;
  }
  tokens.push(makeToken('text', text, [], lineIndex, delimited));
}

function numberParts(text: string): string[] | null {
  if (NUMBER_RUN.test(text)) return text.split(' ');
  const unit = NUMBER_WITH_UNIT.exec(text);
  return unit && unit[1] !== undefined ? [unit[1]] : null;
}

function makeToken(kind: TokenKind, text: string, parts: readonly string[], line: number, delimited: boolean): Token {
  return { kind, text, compact: compactText(text), parts: parts.length === 0 ? NO_PARTS : parts, line, delimited };
}
