import { describe, expect, it } from 'vitest';
import { clauseAt, findFigures, normalizeProse, parseChineseNumber, parseChineseYear, parseFigureNumber, splitSentences } from './extract-text-figures.ts';

describe('parseChineseNumber', () => {
  it.each([
    ['零', 0],
    ['〇', 0],
    ['一', 1],
    ['两', 2],
    ['九', 9],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十三', 23],
    ['一百', 100],
    ['一百零五', 105],
    ['一百一十', 110],
    ['三百二十一', 321],
    ['两千', 2000],
    ['一千零一', 1001],
    ['一万二千', 12000],
    ['三万', 30000],
  ])('%s → %i', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it.each(['', '一二', '十十', '百十百', '万', '件', '二x'])('rejects %j', (text) => {
    expect(parseChineseNumber(text)).toBeNull();
  });
});

describe('parseChineseYear and parseFigureNumber', () => {
  it('reads a year digit by digit', () => {
    expect(parseChineseYear('二〇二一')).toBe(2021);
    expect(parseChineseYear('二〇二')).toBeNull();
  });

  it.each([
    ['12', 12],
    ['0.5', 0.5],
    ['3万', 30000],
    ['0.5万', 5000],
    ['十二', 12],
  ])('%s → %d', (text, value) => {
    expect(parseFigureNumber(text)).toBe(value);
  });
});

describe('normalizeProse', () => {
  it('applies NFKC, removes spaces and quotation marks, and drops tab or pipe table lines', () => {
    const text = '收到申请 7 件，其中“予以公开”2件。\n规章\t0\t0\t0\n| 行政许可 | 39 |\n（一）主动公开';
    expect(normalizeProse(text)).toBe('收到申请7件,其中予以公开2件。\n(一)主动公开');
  });

  it('splits sentences at 。！？ and line ends, keeping ; inside', () => {
    expect(splitSentences('甲1件;乙2件。丙3件!\n丁')).toEqual(['甲1件;乙2件', '丙3件', '丁']);
  });

  it('finds the clause around an offset', () => {
    expect(clauseAt('收到申请9件,其中予以公开3件、部分公开1件', 10)).toEqual({ text: '其中予以公开3件', start: 7 });
  });
});

describe('findFigures', () => {
  const one = (text: string) => findFigures(normalizeProse(text)).map((f) => [f.value, f.unit, f.approximate]);

  it.each([
    ['处理依法申请公开1起', [[1, '起', false]]],
    ['收到申请 7 件', [[7, '件', false]]],
    ['收到申请一件', [[1, '件', false]]],
    ['发生两起', [[2, '起', false]]],
    ['办结十二件', [[12, '件', false]]],
    ['公开信息共计600余条', [[600, '条', true]]],
    ['办理市长热线20余起', [[20, '起', true]]],
    ['20多起', [[20, '起', true]]],
    ['约30件', [[30, '件', true]]],
    ['30件左右', [[30, '件', true]]],
    ['100条以上', [[100, '条', true]]],
    ['1.2万条', [[12000, '条', false]]],
  ])('%s', (text, expected) => {
    expect(one(text)).toEqual(expected);
  });

  it('skips numerals that are part of a word or not counts', () => {
    expect(one('统一件')).toEqual([]);
    expect(one('第一件')).toEqual([]);
    expect(one('高效办成一件事')).toEqual([]);
    expect(one('一条龙服务')).toEqual([]);
    expect(one('满意率100%')).toEqual([]);
    expect(one('一是加强队伍建设')).toEqual([]);
  });
});
