import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no spaces', () => {
    const value = { b: 1, a: { d: [3, { z: true, y: null }], c: '文' } };
    expect(canonicalJson(value)).toBe('{"a":{"c":"文","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same text whatever order the keys were written in', () => {
    expect(canonicalJson({ 申请人: '张三', kind: 'received', n: 2 })).toBe(canonicalJson({ n: 2, kind: 'received', 申请人: '张三' }));
  });

  it('keeps Chinese text as characters (hashed as UTF-8), escaping only what JSON must', () => {
    expect(canonicalJson({ reason: '第十六条：内部事务信息', quote: 'a"b\\c\n' })).toBe('{"quote":"a\\"b\\\\c\\n","reason":"第十六条：内部事务信息"}');
  });

  it('sorts keys by UTF-16 code units: upper case before lower case, ASCII before Chinese', () => {
    // 'B' 0x42 < 'a' 0x61 < '中' 0x4E2D.
    expect(canonicalJson({ 中: 1, a: 2, B: 3 })).toBe('{"B":3,"a":2,"中":1}');
  });

  it('leaves out undefined properties, as JSON does, and writes -0 as 0', () => {
    expect(canonicalJson({ a: undefined, b: -0, c: [] })).toBe('{"b":0,"c":[]}');
  });

  it('refuses numbers JSON cannot hold, naming where they are', () => {
    expect(() => canonicalJson({ fee: { amount: Number.NaN } })).toThrow(expect.objectContaining({ code: 'BAD_INPUT', userMessage: expect.stringContaining('fee.amount') }));
    expect(() => canonicalJson([Infinity])).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});
