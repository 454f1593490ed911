/**
 * The paragraphs of a prose field: one per line, trimmed, blank lines dropped.
 * Every renderer prints these, and round trips compare prose by them.
 */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((line) => line !== '');
}
