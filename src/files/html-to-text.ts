// A saved web page (or mammoth's DOCX HTML) -> the text layout parseAnnualReport reads:
// block elements on their own lines, each <tr> one line with its cells joined by tabs, as a
// browser's copy would give (rowspan/colspan are not expanded). Site chrome around the
// report is cut away: the report body is the innermost element holding the tables and the
// section headings.
//
// A streaming scanner rather than node-html-parser: building a DOM of a 150 KB page costs
// more than the whole parse + lint budget (200 reports/s on one core, bench/report-bench.ts).

const VOID_TAGS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'frame', 'basefont']);
/** Elements whose content is not markup; only <title> is kept. */
const RAW_TEXT_TAGS = new Set(['script', 'style', 'textarea', 'title', 'noscript', 'xmp', 'iframe', 'noembed', 'noframes']);
/** Elements whose text is never report text. */
const SKIPPED_TAGS = new Set(['head', 'nav', 'svg', 'math', 'template', 'select', 'object', 'button', 'canvas', 'video', 'audio', 'map']);
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main',
  'menu', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'ul', 'option',
]);
const TABLE_PARTS = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup']);

const LI = new Set(['li']);
const LIST = new Set(['ul', 'ol', 'menu']);
const CELL = new Set(['td', 'th']);
const ROW = new Set(['table', 'tr']);
const TR = new Set(['tr']);
const TABLE = new Set(['table']);
const SECTION = new Set(['tbody', 'thead', 'tfoot']);
const DEFINITION = new Set(['dt', 'dd']);
const DL = new Set(['dl']);
const OPTION = new Set(['option']);
const SELECT = new Set(['select']);

/** How far down the open elements an end tag looks for its start: keeps broken pages linear. */
const SEARCH_DEPTH = 512;

const TAG_NAME = /[a-zA-Z][a-zA-Z0-9:-]*/y;
/** Quoted attribute values are followed this far; a longer tag ends at its first “>”. */
const QUOTED_TAG_LIMIT = 2048;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', middot: '·', mdash: '—',
  ndash: '–', hellip: '…', bull: '•', times: '×', divide: '÷', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', copy: '©', reg: '®',
  deg: '°', plusmn: '±', yen: '¥', laquo: '«', raquo: '»', sect: '§', para: '¶', lsaquo: '‹', rsaquo: '›', shy: '', zwnj: '', zwj: '',
};

interface ElementRecord {
  tag: string;
  start: number;
  end: number;
  depth: number;
}

interface OpenElement {
  tag: string;
  record: number;
  skipped: boolean;
}

interface TableContext {
  /** A table holding another table is page layout: its cells are blocks, not row cells. */
  data: boolean;
  row: string[] | null;
  cell: string | null;
  rows: number;
  record: number;
}

export interface HtmlToTextOptions {
  /**
   * Keep every line: no cutting to the report body and no title from the page (for a
   * publication's own body, where nothing around a table is site chrome).
   */
  whole?: boolean;
}

export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  const scanner = new HtmlScanner(html);
  scanner.run();
  return options.whole === true ? scanner.allLines() : scanner.result();
}

class HtmlScanner {
  private readonly html: string;
  private readonly lines: string[] = [];
  private current = '';
  private readonly stack: OpenElement[] = [];
  private readonly records: ElementRecord[] = [];
  private readonly tables: TableContext[] = [];
  private readonly dataTables: TableContext[] = [];
  private skipDepth = 0;
  private preDepth = 0;
  private titleText: string | null = null;
  /** Position of a “>” at or after the current tag, or -1 when the page has no more. */
  private nextGreater = 0;
  private metaTitle: string | null = null;

  constructor(html: string) {
    this.html = html;
  }

  run(): void {
    const html = this.html;
    let pos = 0;
    while (pos < html.length) {
      const lt = html.indexOf('<', pos);
      if (lt < 0) {
        this.text(html.slice(pos));
        break;
      }
      if (lt > pos) this.text(html.slice(pos, lt));
      pos = this.markup(lt);
    }
    while (this.stack.length > 0) this.pop();
    this.closeTables();
    this.flush();
  }

  /** Handles the markup at `lt`; returns the position after it. */
  private markup(lt: number): number {
    const html = this.html;
    const next = html.charCodeAt(lt + 1);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      return end < 0 ? html.length : end + 3;
    }
    const isEnd = next === 47; /* / */
    if (!(next === 33 /* ! */ || next === 63 /* ? */ || isName(isEnd ? html.charCodeAt(lt + 2) : next))) {
      this.text('<');
      return lt + 1;
    }
    const end = this.tagEnd(lt);
    if (end < 0) {
      // No “>” anywhere after: the rest is text, as a browser would show it.
      this.text(html.slice(lt));
      return html.length;
    }
    if (!isEnd && !isName(next)) return end + 1; // <!DOCTYPE …>, <?xml …?>
    TAG_NAME.lastIndex = isEnd ? lt + 2 : lt + 1;
    const name = TAG_NAME.exec(html)?.[0].toLowerCase() ?? '';
    if (isEnd) {
      this.endTag(name);
      return end + 1;
    }
    const attributes = html.slice(TAG_NAME.lastIndex, end);
    const after = end + 1;
    if (RAW_TEXT_TAGS.has(name)) {
      if (attributes.trimEnd().endsWith('/')) return after;
      const close = this.findEndTag(name, after);
      const contentEnd = close < 0 ? html.length : close;
      if (name === 'title' && this.titleText === null) this.titleText = collapse(decodeEntities(html.slice(after, contentEnd)));
      if (close < 0) return html.length;
      const closeEnd = this.tagEnd(close);
      return closeEnd < 0 ? html.length : closeEnd + 1;
    }
    this.startTag(name, attributes);
    return after;
  }

  /**
   * The “>” that ends the tag at `lt`, skipping quoted attribute values; -1 when there is
   * none. The next “>” is remembered and quotes are only followed for a short stretch, so
   * broken pages (“<a href="x” repeated, no “>”) stay linear.
   */
  private tagEnd(lt: number): number {
    const html = this.html;
    if (this.nextGreater !== -1 && this.nextGreater < lt) this.nextGreater = html.indexOf('>', lt);
    if (this.nextGreater === -1) return -1;
    let quote = 0;
    const limit = Math.min(html.length, lt + QUOTED_TAG_LIMIT);
    for (let i = lt + 1; i < limit; i++) {
      const code = html.charCodeAt(i);
      if (quote !== 0) {
        if (code === quote) quote = 0;
      } else if (code === 34 || code === 39) quote = code;
      else if (code === 62) return i;
    }
    return this.nextGreater;
  }

  /** Position of `</tag` at or after `from`, any case (lower-casing the page is slow for CJK text). */
  private findEndTag(tag: string, from: number): number {
    const html = this.html;
    for (let at = html.indexOf('</', from); at >= 0; at = html.indexOf('</', at + 2)) {
      if (html.slice(at + 2, at + 2 + tag.length).toLowerCase() === tag) return at;
    }
    return -1;
  }

  private startTag(tag: string, attributes: string): void {
    if (tag === 'meta') {
      if (/\bname\s*=\s*["']?ArticleTitle\b/i.test(attributes)) {
        const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(attributes);
        if (content) this.metaTitle = collapse(decodeEntities(content[1] ?? content[2] ?? ''));
      }
      return;
    }
    if (tag === 'br') {
      this.lineBreak();
      return;
    }
    if (VOID_TAGS.has(tag)) {
      if (tag === 'hr') this.boundary();
      return;
    }
    this.closeImplied(tag);
    const skipped = SKIPPED_TAGS.has(tag) || isHidden(attributes);
    const visible = this.skipDepth === 0 && !skipped;
    if (visible && BLOCK_TAGS.has(tag)) this.openBlock(tag);
    this.records.push({ tag, start: this.lines.length, end: -1, depth: this.stack.length });
    this.stack.push({ tag, record: this.records.length - 1, skipped });
    if (skipped) this.skipDepth++;
    if (tag === 'pre') this.preDepth++;
    if (tag === 'table' && visible) this.tables.push({ data: true, row: null, cell: null, rows: 0, record: this.records.length - 1 });
  }

  private endTag(tag: string): void {
    if (tag === 'br') {
      this.lineBreak();
      return;
    }
    const structural = tag === 'td' || tag === 'th' || tag === 'tr' || tag === 'tbody' || tag === 'thead' || tag === 'tfoot';
    for (let i = this.stack.length - 1; i >= Math.max(0, this.stack.length - SEARCH_DEPTH); i--) {
      const open = this.stack[i];
      if (!open) break;
      if (open.tag === tag) {
        while (this.stack.length > i) this.pop();
        return;
      }
      // A stray </td> must not close cells of an outer table.
      if (structural && open.tag === 'table') return;
    }
    if (tag === 'p') this.boundary();
  }

  /** Tags that end an open sibling without an end tag (<p>, <li>, <td>, <tr>). */
  private closeImplied(tag: string): void {
    // A block start ends an open paragraph, as in a browser.
    if (BLOCK_TAGS.has(tag) && !TABLE_PARTS.has(tag) && this.stack[this.stack.length - 1]?.tag === 'p') this.pop();
    if (tag === 'li') this.closeTo(LI, LIST);
    else if (tag === 'td' || tag === 'th') this.closeTo(CELL, ROW);
    else if (tag === 'tr') this.closeTo(TR, TABLE);
    else if (tag === 'tbody' || tag === 'thead' || tag === 'tfoot') this.closeTo(SECTION, TABLE);
    else if (tag === 'dt' || tag === 'dd') this.closeTo(DEFINITION, DL);
    else if (tag === 'option') this.closeTo(OPTION, SELECT);
  }

  /** Closes the nearest open element named in `names`, unless a `barriers` element comes first. */
  private closeTo(names: ReadonlySet<string>, barriers: ReadonlySet<string>): void {
    for (let i = this.stack.length - 1; i >= Math.max(0, this.stack.length - SEARCH_DEPTH); i--) {
      const open = this.stack[i];
      if (!open || barriers.has(open.tag)) return;
      if (names.has(open.tag)) {
        while (this.stack.length > i) this.pop();
        return;
      }
    }
  }

  private pop(): void {
    const open = this.stack.pop();
    if (!open) return;
    if (open.skipped) this.skipDepth--;
    if (open.tag === 'pre') this.preDepth = Math.max(0, this.preDepth - 1);
    if (this.skipDepth === 0 && !open.skipped) this.closeBlock(open.tag, open.record);
    const record = this.records[open.record];
    if (record) record.end = this.lines.length;
  }

  private table(): TableContext | undefined {
    return this.tables[this.tables.length - 1];
  }

  private openBlock(tag: string): void {
    const table = this.table();
    if (table && table.data) {
      if (tag === 'table') {
        // A table inside a cell: the outer table is page layout from here on.
        this.endRow(table);
        table.data = false;
        this.flush();
        return;
      }
      if (tag === 'tr') {
        this.endRow(table);
        table.row = [];
        return;
      }
      if (tag === 'td' || tag === 'th') {
        this.endCell(table);
        table.row ??= [];
        table.cell = '';
        return;
      }
      if (TABLE_PARTS.has(tag)) return;
    }
    this.boundary();
  }

  private closeBlock(tag: string, record: number): void {
    const table = this.table();
    if (tag === 'table' && table && table.record === record) {
      this.endRow(table);
      this.tables.pop();
      if (table.data && table.rows > 0) this.dataTables.push(table);
      this.flush();
      const outer = this.table();
      if (outer && outer.data && outer.cell !== null) outer.cell += ' ';
      return;
    }
    if (table && table.data) {
      if (tag === 'td' || tag === 'th') {
        this.endCell(table);
        return;
      }
      if (tag === 'tr') {
        this.endRow(table);
        return;
      }
      if (TABLE_PARTS.has(tag)) return;
    }
    if (BLOCK_TAGS.has(tag)) this.boundary();
  }

  private endCell(table: TableContext): void {
    if (table.cell === null) return;
    table.row ??= [];
    table.row.push(table.cell);
    table.cell = null;
  }

  private endRow(table: TableContext): void {
    this.endCell(table);
    const row = table.row;
    table.row = null;
    if (!row) return;
    const cells = row.map(collapse);
    if (cells.join('') === '') return;
    this.flush();
    this.lines.push(cells.join('\t'));
    table.rows++;
  }

  private closeTables(): void {
    while (this.tables.length > 0) {
      const table = this.tables.pop();
      if (table) this.endRow(table);
    }
  }

  private text(raw: string): void {
    if (this.skipDepth > 0 || raw === '') return;
    const decoded = raw.includes('&') ? decodeEntities(raw) : raw;
    const table = this.table();
    if (table && table.data && table.cell !== null) {
      table.cell += decoded.replace(/[\t\n\r\f ]+/g, ' ');
      return;
    }
    if (this.preDepth > 0) {
      const parts = decoded.split(/\r?\n/);
      parts.forEach((part, index) => {
        if (index > 0) this.flush();
        this.current += part;
      });
      return;
    }
    this.current += decoded.replace(/[\t\n\r\f ]+/g, ' ');
  }

  private lineBreak(): void {
    if (this.skipDepth > 0) return;
    this.boundary();
  }

  /** A block starts or ends: a new line, or a space inside a table cell. */
  private boundary(): void {
    const table = this.table();
    if (table && table.data && table.cell !== null) {
      table.cell += ' ';
      return;
    }
    this.flush();
  }

  private flush(): void {
    const line = collapse(this.current);
    this.current = '';
    if (line !== '') this.lines.push(line);
  }

  allLines(): string {
    return this.lines.join('\n');
  }

  result(): string {
    const body = this.reportBody();
    const lines = this.lines.slice(body.start, body.end);
    const title = this.findTitle(body.start, lines);
    if (title !== null) lines.unshift(title);
    return lines.join('\n');
  }

  /** The innermost element holding the data tables and the 一、总体情况 / 五 / 六 headings. */
  private reportBody(): { start: number; end: number } {
    const all = { start: 0, end: this.lines.length };
    const anchors: number[] = [];
    for (const table of this.dataTables) {
      const record = this.records[table.record];
      if (record && record.end > record.start) anchors.push(record.start, record.end - 1);
    }
    const overview = this.lines.findIndex((line) => /^[一1]\s*[、.．]\s*总体情况/.test(line));
    if (overview >= 0) anchors.push(overview);
    if (anchors.length === 0) return all;
    const lastTable = anchors.reduce((a, b) => Math.max(a, b));
    for (const [ordinal, keyword] of [['五', /问题|改进/], ['六', /其他/]] as const) {
      const at = this.lines.findIndex((line, index) => index > lastTable && line.startsWith(ordinal) && /^.\s*[、.．]/.test(line) && keyword.test(line.slice(0, 30)));
      if (at >= 0) anchors.push(at);
    }
    const first = anchors.reduce((a, b) => Math.min(a, b));
    const last = anchors.reduce((a, b) => Math.max(a, b));
    let best: ElementRecord | null = null;
    for (const record of this.records) {
      if (record.start > first || record.end <= last || TABLE_PARTS.has(record.tag)) continue;
      if (!best || record.depth > best.depth) best = record;
    }
    return best ? { start: best.start, end: best.end } : all;
  }

  /** The title printed above the body (article title), else the page's ArticleTitle or <title>. */
  private findTitle(bodyStart: number, body: readonly string[]): string | null {
    const titleLike = (line: string): boolean => line.length <= 100 && line.includes('报告') && !/[>»]|当前位置/.test(line);
    if (body.slice(0, 5).some(titleLike)) return null;
    for (let i = bodyStart - 1; i >= Math.max(0, bodyStart - 60); i--) {
      const line = this.lines[i] ?? '';
      if (titleLike(line)) return line;
    }
    if (this.metaTitle) return this.metaTitle;
    if (this.titleText) {
      const part = this.titleText.split(/\s*[_|｜]\s*|\s+-\s+/).find((p) => p.includes('报告'));
      if (part) return part;
    }
    return null;
  }
}

/** An ASCII letter: what a tag name starts with. */
function isName(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isHidden(attributes: string): boolean {
  // Cheap test first: most attributes say neither.
  if (!attributes.includes('hidden') && !attributes.includes('none')) return false;
  return /(?:^|\s)hidden(?:\s|=|$)/i.test(attributes) || /style\s*=\s*["'][^"']*display\s*:\s*none/i.test(attributes);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name] ?? NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}
