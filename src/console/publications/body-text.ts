// The body is stored as cleaned HTML; clerks edit it as lines of text (one paragraph a line).

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/** A body of plain paragraphs is edited as lines of text; anything richer stays as HTML. */
export function bodyToText(html: string): string {
  const trimmed = html.trim();
  if (trimmed === '') return '';
  const withoutParagraphs = trimmed.replace(/<\/?p>|<br\s*\/?>/g, '');
  if (/<[a-z!/]/i.test(withoutParagraphs)) return html;
  return trimmed
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/p>\s*<p>/g, '\n')
    .replace(/<\/?p>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** Lines of text become paragraphs (escaped); text that already has tags is sent as HTML (the server cleans it). */
export function textToBody(text: string): string {
  if (/<[a-z!/][^>]*>/i.test(text)) return text;
  const escape = (line: string) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => `<p>${escape(line)}</p>`)
    .join('');
}
