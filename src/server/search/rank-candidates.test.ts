import { describe, expect, it } from 'vitest';
import { inverseDocumentFrequency, rankCandidates } from './rank-candidates.ts';

const word = (token: string) => ({ kind: 'word' as const, token });

describe('rankCandidates', () => {
  it('puts a title match above a body match of the same length', () => {
    const candidates = [
      { key: 2, title: '关于工作的通知', text: '低保资金按月发放。' },
      { key: 1, title: '关于低保的通知', text: '相关资金按月发放。' },
    ];
    expect(rankCandidates(candidates, [word('低保')], [1])).toEqual([1, 2]);
  });

  it('puts more occurrences first, and breaks ties newest first (higher key)', () => {
    const candidates = [
      { key: 1, title: '通知', text: '补贴，补贴，补贴。' },
      { key: 2, title: '通知', text: '补贴，资金，资金。' },
      { key: 3, title: '通知', text: '资金，补贴，资金。' },
    ];
    expect(rankCandidates(candidates, [word('补贴')], [1])).toEqual([1, 3, 2]);
  });

  it('weighs a rare word above a common one', () => {
    // Both hold both words; item 1 repeats the rare word, item 2 the common one.
    const candidates = [
      { key: 1, title: '通知', text: '猕猴桃，猕猴桃，政府。' },
      { key: 2, title: '通知', text: '猕猴桃，政府，政府。' },
    ];
    const weights = [inverseDocumentFrequency(1_000_000, 990_000), inverseDocumentFrequency(1_000_000, 100)];
    expect(rankCandidates(candidates, [word('政府'), word('猕猴桃')], weights)).toEqual([1, 2]);
  });

  it('counts a phrase where its words stand together, full-width and case folded', () => {
    const candidates = [
      { key: 1, title: '通知', text: '政府，信息。' },
      { key: 2, title: '通知', text: 'ＧＤＰ政府信息。' },
    ];
    expect(rankCandidates(candidates, [{ kind: 'phrase', tokens: ['政府', '信息'] }, word('gdp')], [1, 1])).toEqual([2, 1]);
  });
});

describe('inverseDocumentFrequency', () => {
  it('is ln(1 + (N − n + 0.5)/(n + 0.5)), near zero for a word in every item', () => {
    // N = 10, n = 1: ln(1 + 9.5/1.5) = ln(7.333…) ≈ 1.9924.
    expect(inverseDocumentFrequency(10, 1)).toBeCloseTo(1.9924, 4);
    // n = N: ln(1 + 0.5/10.5) ≈ 0.0465.
    expect(inverseDocumentFrequency(10, 10)).toBeCloseTo(0.0465, 4);
  });
});
