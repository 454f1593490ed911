// A publication's body as safe HTML (allow-listed tags and attributes; no script, style, event
// handlers or javascript: links) and as plain text for screening and search.
import sanitizeHtml from 'sanitize-html';
import type { IOptions } from 'sanitize-html';
import { htmlToText } from './html-to-text.ts';

export interface SanitizedBody {
  html: string;
  text: string;
}

/** What a 公文 body needs: paragraphs, headings, emphasis, lists, tables, links, images, quotes. */
const ALLOWED_TAGS = ['p', 'br', 'h1', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'img', 'blockquote', 'span'];

const LINK_SCHEME = /^(?:https?:|mailto:)/i;
const SPAN = /^[1-9]\d{0,2}$/;

const OPTIONS: IOptions = {
  allowedTags: ALLOWED_TAGS,
  // No class, style or id anywhere: the portal styles bodies itself, and style can hide text.
  allowedAttributes: {
    a: ['href', 'rel'],
    img: ['src', 'alt'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  // //evil.example/x.png is off-site: only true relative paths (same site) are taken.
  allowProtocolRelative: false,
  // Dropped with their content, not just their tags: their text is code or hidden, never body text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'svg', 'math', 'title', 'head', 'select', 'button'],
  disallowedTagsMode: 'discard',
  // An image with nothing to show (its src was unsafe and removed) goes entirely.
  exclusiveFilter: (frame) => frame.tag === 'img' && (frame.attribs.src ?? '') === '',
  transformTags: {
    // Pasted pages wrap paragraphs in div and use h5/h6: keep them as blocks, not run-on text.
    div: 'p',
    h5: 'h4',
    h6: 'h4',
    a: (tagName, attribs) => {
      // Links go out only over http(s) or mail; a relative or other href is dropped, the text kept.
      const href = attribs.href?.trim() ?? '';
      const kept: Record<string, string> = LINK_SCHEME.test(href) ? { href, rel: 'noopener' } : {};
      return { tagName, attribs: kept };
    },
    td: keepNumericSpans,
    th: keepNumericSpans,
  },
};

function keepNumericSpans(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const kept: Record<string, string> = {};
  for (const name of ['colspan', 'rowspan']) {
    const value = attribs[name]?.trim();
    if (value !== undefined && SPAN.test(value)) kept[name] = value;
  }
  return { tagName, attribs: kept };
}

/** The body as allow-listed HTML, and its text (block elements on their own lines, table cells tab-separated). */
export function sanitizeBodyHtml(html: string): SanitizedBody {
  const clean = sanitizeHtml(html, OPTIONS).trim();
  return { html: clean, text: htmlToText(clean, { whole: true }) };
}

/** A body given as plain text (an import file's 正文 column): one paragraph per line, escaped. */
export function textToBodyHtml(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}

/** True when the text holds markup (a tag), false for plain text. */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-zA-Z][^>]*>/.test(text);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
