import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from './parse-search-query.ts';
import { BOUNDARY_TOKEN, segmentForIndex, segmentQueryText } from './segment-text.ts';

const GOVERNMENT_TEXT = '关于印发《示范市城乡居民最低生活保障（低保）补贴资金管理办法》的通知。申请人对行政复议决定不服的，可依法提起诉讼；本规范性文件自公开之日起施行。';
const WORDS = ['公开', '补贴', '低保', '行政复议', '规范性'];

function intlWords(text: string): string[] {
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  return [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
}

describe('segmentation of government text: Intl.Segmenter against jieba', () => {
  it('Intl.Segmenter splits 低保, 行政复议 and 规范性 into pieces, so a search for them would miss', () => {
    const words = intlWords(GOVERNMENT_TEXT);
    expect(words).not.toContain('低保');
    expect(words).not.toContain('行政复议');
    expect(words).not.toContain('规范性');
  });

  it('jieba keeps every one of the words whole', () => {
    const { words, parts } = segmentForIndex(GOVERNMENT_TEXT);
    for (const word of WORDS) expect([...words, ...parts], word).toContain(word);
  });

  it('finds the parts of a compound: 补贴 inside 财政补贴, 复议 inside 行政复议', () => {
    const { words, parts } = segmentForIndex('财政补贴资金按照行政复议程序处理');
    expect(words).toContain('财政补贴');
    expect(parts).toEqual(expect.arrayContaining(['财政', '补贴', '行政', '复议']));
    expect(words).not.toContain('补贴');
  });

  it('puts a boundary where punctuation was, not where a space was, and none at the ends', () => {
    expect(segmentForIndex('电力。在位').words).toEqual(['电力', BOUNDARY_TOKEN, '在位']);
    expect(segmentForIndex('电力 在位').words).toEqual(['电力', '在位']);
    expect(segmentForIndex('“电力”').words).toEqual(['电力']);
  });

  it('folds full-width letters and digits and upper case', () => {
    expect(segmentQueryText('ＧＤＰ２０２５')).toEqual(segmentQueryText('gdp2025'));
    expect(segmentForIndex('ＧＤＰ').words).toEqual(['gdp']);
  });
});

describe('parseSearchQuery', () => {
  it('segments unquoted text into words that must all match', () => {
    expect(parseSearchQuery('低保 补贴').clauses).toEqual([
      { kind: 'word', token: '低保' },
      { kind: 'word', token: '补贴' },
    ]);
  });

  it('reads "quoted" and “quoted” text as phrases; a one-word quote is a word', () => {
    expect(parseSearchQuery('"政府 信息" “低保”').clauses).toEqual([
      { kind: 'phrase', tokens: ['政府', '信息'] },
      { kind: 'word', token: '低保' },
    ]);
  });

  it('refuses empty text and text that is only punctuation, in Chinese', () => {
    for (const text of ['', '   ', '，。！？“”', '""']) {
      expect(() => parseSearchQuery(text), text).toThrow(expect.objectContaining({ code: 'BAD_INPUT', userMessage: expect.stringContaining('检索词') }));
    }
  });
});
