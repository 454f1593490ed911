import { describe, expect, it } from 'vitest';
import { buildSnippet, highlightText, SNIPPET_BEFORE, SNIPPET_LENGTH } from './highlight.ts';

describe('highlightText', () => {
  it('marks every occurrence and escapes the rest', () => {
    expect(highlightText('<b>低保</b>与低保 & "补贴"', ['低保', '补贴'])).toBe('&lt;b&gt;<mark>低保</mark>&lt;/b&gt;与<mark>低保</mark> &amp; &quot;<mark>补贴</mark>&quot;');
  });

  it('marks the longer word where words overlap, and full-width or capital letters', () => {
    expect(highlightText('行政复议', ['行政复议', '复议'])).toBe('<mark>行政复议</mark>');
    expect(highlightText('ＧＤＰ增长', ['gdp'])).toBe('<mark>ＧＤＰ</mark>增长');
  });
});

describe('buildSnippet', () => {
  it('starts a little before the first match and cuts with …', () => {
    const text = `${'甲'.repeat(100)}低保${'乙'.repeat(200)}`;
    const snippet = buildSnippet(text, ['低保']);
    // From character 100 − 30 = 70, SNIPPET_LENGTH characters: 30 甲, 低保, then 88 乙.
    expect(snippet).toBe(`…${'甲'.repeat(SNIPPET_BEFORE)}<mark>低保</mark>${'乙'.repeat(SNIPPET_LENGTH - SNIPPET_BEFORE - 2)}…`);
  });

  it('shows the opening when nothing matches, and a short text whole', () => {
    expect(buildSnippet('短文。', ['低保'])).toBe('短文。');
    expect(buildSnippet('a <i>', ['x'])).toBe('a &lt;i&gt;');
  });
});
