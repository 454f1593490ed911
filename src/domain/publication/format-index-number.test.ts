import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.ts';
import type { IndexNumberParts } from './format-index-number.ts';
import { DEFAULT_INDEX_NUMBER_PATTERN, formatIndexNumber, validateIndexNumberPattern } from './format-index-number.ts';

const PARTS: IndexNumberParts = { creditCode: '11410100MB0000000X', agencyCode: 'sfj', year: 2025, categoryCode: 'a20-01', sequence: 12 };

function refusal(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected BAD_INPUT');
}

describe('formatIndexNumber', () => {
  it.each([
    { pattern: DEFAULT_INDEX_NUMBER_PATTERN, parts: PARTS, expected: '11410100MB0000000X/2025-00012' },
    { pattern: DEFAULT_INDEX_NUMBER_PATTERN, parts: { ...PARTS, sequence: 99_999 }, expected: '11410100MB0000000X/2025-99999' },
    { pattern: '{agencyCode}-{category}-{year}-{seq}', parts: { ...PARTS, sequence: 123_456 }, expected: 'sfj-a20-01-2025-123456' },
    { pattern: 'SF{year}{seq:3}', parts: { ...PARTS, creditCode: null, sequence: 7 }, expected: 'SF2025007' },
    { pattern: '{creditCode}/{category}/{year}-{seq:1}', parts: { ...PARTS, sequence: 9 }, expected: '11410100MB0000000X/a20-01/2025-9' },
  ])('$pattern → $expected', ({ pattern, parts, expected }) => {
    expect(formatIndexNumber(pattern, parts)).toBe(expected);
  });

  it.each([
    { name: '{creditCode} with no code set', pattern: DEFAULT_INDEX_NUMBER_PATTERN, parts: { ...PARTS, creditCode: null }, message: /使用了\{creditCode\}（统一社会信用代码），但本机关尚未设置统一社会信用代码/ },
    { name: '{creditCode} with an empty code', pattern: DEFAULT_INDEX_NUMBER_PATTERN, parts: { ...PARTS, creditCode: ' ' }, message: /尚未设置统一社会信用代码/ },
    { name: 'a sequence of 6 digits in {seq:5}', pattern: DEFAULT_INDEX_NUMBER_PATTERN, parts: { ...PARTS, sequence: 100_000 }, message: /本年序号已到100000，超出索引号规则\{seq:5\}的5位序号/ },
    { name: 'sequence 0', pattern: DEFAULT_INDEX_NUMBER_PATTERN, parts: { ...PARTS, sequence: 0 }, message: /序号须为正整数/ },
    { name: 'a two-digit year', pattern: DEFAULT_INDEX_NUMBER_PATTERN, parts: { ...PARTS, year: 25 }, message: /年份须为四位数字/ },
    { name: 'an unknown placeholder', pattern: '{creditCode}/{yyyy}-{seq}', parts: PARTS, message: /无法识别的占位符\{yyyy\}/ },
  ])('refuses $name', ({ pattern, parts, message }) => {
    const error = refusal(() => formatIndexNumber(pattern, parts));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.userMessage).toMatch(message);
  });
});

describe('validateIndexNumberPattern', () => {
  it.each([DEFAULT_INDEX_NUMBER_PATTERN, '{agencyCode}-{year}-{seq}', '{year}{seq:10}', '{category}/{year}/{seq:4}号'])('accepts %s', (pattern) => {
    expect(() => validateIndexNumberPattern(pattern)).not.toThrow();
  });

  it.each([
    { pattern: '', message: /不能为空/ },
    { pattern: '{creditCode}/{year}', message: /须包含一个序号占位符/ },
    { pattern: '{year}-{seq}-{seq:3}', message: /只能包含一个序号占位符/ },
    { pattern: '{creditCode}-{seq:5}', message: /须包含年份占位符\{year\}/ },
    { pattern: '{year}-{seq:0}', message: /须在1至10位之间/ },
    { pattern: '{year}-{seq:11}', message: /须在1至10位之间/ },
    { pattern: '{Year}-{seq}', message: /无法识别的占位符\{Year\}/ },
    { pattern: '{year-{seq}', message: /花括号不成对/ },
    { pattern: '{year}}-{seq}', message: /花括号不成对/ },
    { pattern: '{year}-{seq', message: /花括号不成对/ },
    { pattern: `{year}{seq}${'x'.repeat(100)}`, message: /不能超过100个字符/ },
  ])('refuses "$pattern"', ({ pattern, message }) => {
    const error = refusal(() => validateIndexNumberPattern(pattern));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.userMessage).toMatch(message);
  });
});
