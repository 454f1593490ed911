// Titles and snippets with the query's words wrapped in <mark>; everything else HTML-escaped,
// so a title containing <script> is shown as text.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

interface Range {
  start: number;
  end: number;
}

/** Where the terms occur in `text` (case-insensitive, NFKC), merged and in order. */
function findMatches(text: string, terms: readonly string[]): Range[] {
  // NFKC can change lengths; compare per character so offsets stay those of the original text.
  const folded = [...text].map((c) => c.normalize('NFKC').toLowerCase());
  const ranges: Range[] = [];
  for (let i = 0; i < folded.length; i += 1) {
    for (const term of terms) {
      const termChars = [...term];
      if (termChars.length === 0 || i + termChars.length > folded.length) continue;
      let same = true;
      for (let k = 0; k < termChars.length && same; k += 1) same = folded[i + k] === termChars[k];
      if (same) {
        ranges.push({ start: i, end: i + termChars.length });
        break;
      }
    }
  }
  ranges.sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

function markRanges(chars: readonly string[], from: number, to: number, ranges: readonly Range[]): string {
  let html = '';
  let at = from;
  for (const range of ranges) {
    if (range.end <= from || range.start >= to) continue;
    const start = Math.max(range.start, from);
    const end = Math.min(range.end, to);
    html += escapeHtml(chars.slice(at, start).join(''));
    html += `<mark>${escapeHtml(chars.slice(start, end).join(''))}</mark>`;
    at = end;
  }
  return html + escapeHtml(chars.slice(at, to).join(''));
}

/** The whole text, escaped, with every occurrence of a term marked. */
export function highlightText(text: string, terms: readonly string[]): string {
  const chars = [...text];
  return markRanges(chars, 0, chars.length, findMatches(text, terms));
}

export const SNIPPET_BEFORE = 30;
export const SNIPPET_LENGTH = 120;

/**
 * A passage of about SNIPPET_LENGTH characters starting a little before the first match, with
 * the matches marked and '…' where text was cut; the opening of the text when nothing matches.
 */
export function buildSnippet(text: string, terms: readonly string[]): string {
  const compact = text.replace(/\s+/g, ' ').trim();
  // Attachments can be long: find the first match cheaply, then mark exactly inside the passage.
  const folded = compact.normalize('NFKC').toLowerCase();
  let first = -1;
  for (const term of terms) {
    const at = folded.indexOf(term);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  const head = [...compact.slice(0, Math.max(0, first))].length;
  const chars = [...compact];
  const from = Math.max(0, Math.min(head - SNIPPET_BEFORE, chars.length - SNIPPET_LENGTH));
  const to = Math.min(chars.length, from + SNIPPET_LENGTH);
  const passage = chars.slice(from, to);
  const ranges = findMatches(passage.join(''), terms);
  return `${from > 0 ? '…' : ''}${markRanges(passage, 0, passage.length, ranges)}${to < chars.length ? '…' : ''}`;
}
