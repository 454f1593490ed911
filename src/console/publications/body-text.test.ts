// The body's round trip between the clerk's lines of text and stored paragraphs.
import { describe, expect, it } from 'vitest';
import { bodyToText, textToBody } from './body-text.ts';

describe('textToBody', () => {
  it('makes each non-empty line a paragraph and escapes what looks like markup', () => {
    expect(textToBody('第一段。\n\n  第二段：甲 < 乙 & 丙。  \r\n')).toBe('<p>第一段。</p><p>第二段：甲 &lt; 乙 &amp; 丙。</p>');
  });
  it('sends text that already has tags as it is (the server cleans it)', () => {
    expect(textToBody('<p>已有<strong>格式</strong></p>')).toBe('<p>已有<strong>格式</strong></p>');
  });
  it('gives an empty body for blank text', () => {
    expect(textToBody(' \n ')).toBe('');
  });
});

describe('bodyToText', () => {
  it('turns plain paragraphs and line breaks into lines, entities into characters', () => {
    expect(bodyToText('<p>第一段。</p>\n<p>甲 &lt; 乙 &amp; 丙<br>续行</p>')).toBe('第一段。\n甲 < 乙 & 丙\n续行');
  });
  it('leaves a richer body as HTML so nothing is lost', () => {
    expect(bodyToText('<p>见<a href="https://example.gov.cn">链接</a></p>')).toBe('<p>见<a href="https://example.gov.cn">链接</a></p>');
  });
  it('gives back the text a clerk typed after a round trip', () => {
    expect(bodyToText(textToBody('一、总体要求\n二、主要任务 <10项>'))).toBe('一、总体要求\n二、主要任务 <10项>');
  });
});
