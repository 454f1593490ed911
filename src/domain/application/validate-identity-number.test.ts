import { describe, expect, it } from 'vitest';
import { computeIdentityCheckCharacter, validateIdentityNumber } from './validate-identity-number.ts';

// Check characters worked out by hand, weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2,
// Σ mod 11 → 1 0 X 9 8 7 6 5 4 3 2:
//
// 11010519491231002X (the example printed in GB 11643-1999):
//   1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10 + 1·5 + 0·8 + 0·4 + 2·2
//   = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → X. 顺序码 002: even → female.
// 110105194912310011: the same with 顺序码 001: 167 − 2·2 + 1·2 = 165; 165 mod 11 = 0 → 1. Odd → male.
// 320102199602290724 (born on a leap day):
//   3·7 + 2·9 + 0·10 + 1·5 + 0·8 + 2·4 + 1·2 + 9·1 + 9·6 + 6·3 + 0·7 + 2·9 + 2·10 + 9·5 + 0·8 + 7·4 + 2·2
//   = 21+18+0+5+0+8+2+9+54+18+0+18+20+45+0+28+4 = 250; 250 mod 11 = 8 → 4.
// 440524188001010014 (the other GB 11643 example, born 1880):
//   4·7 + 4·9 + 0·10 + 5·5 + 2·8 + 4·4 + 1·2 + 8·1 + 8·6 + 0·3 + 0·7 + 1·9 + 0·10 + 1·5 + 0·8 + 0·4 + 1·2
//   = 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195; 195 mod 11 = 8 → 4. Check is right; the year is not.

describe('computeIdentityCheckCharacter', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['11010519491231001', '1'],
    ['32010219960229072', '4'],
    ['44052418800101001', '4'],
  ])('%s → %s', (first17, expected) => {
    expect(computeIdentityCheckCharacter(first17)).toBe(expected);
  });

  it('refuses anything but 17 digits', () => {
    expect(() => computeIdentityCheckCharacter('1101051949123100')).toThrow(/17 digits/);
  });
});

describe('validateIdentityNumber', () => {
  it('accepts the GB 11643 example, with birth date and sex', () => {
    expect(validateIdentityNumber('11010519491231002X')).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('accepts a male number and a leap-day birth', () => {
    expect(validateIdentityNumber('110105194912310011')).toMatchObject({ ok: true, sex: 'male' });
    expect(validateIdentityNumber('320102199602290724')).toMatchObject({ ok: true, birthDate: '1996-02-29', sex: 'female' });
  });

  it('accepts a lower-case x and surrounding spaces, and normalises them', () => {
    expect(validateIdentityNumber(' 11010519491231002x ')).toMatchObject({ ok: true, normalized: '11010519491231002X' });
  });

  it.each([
    ['17 characters', '11010519491231002'],
    ['19 characters', '11010519491231002X1'],
    ['an old 15-digit number', '110105491231002'],
    ['empty', ''],
  ])('names 长度 for %s', (_case, value) => {
    expect(validateIdentityNumber(value)).toEqual({ ok: false, problem: 'length', reason: expect.stringContaining('长度') });
  });

  it.each([
    ['a letter in the body', '1101051949123100AX'],
    ['a letter other than X at the end', '11010519491231002Y'],
    ['a full-width digit', '１1010519491231002X'],
  ])('refuses %s', (_case, value) => {
    expect(validateIdentityNumber(value)).toMatchObject({ ok: false, problem: 'characters' });
  });

  it.each(['01010519491231002X', '91010519491231002X'])('refuses the area code of %s (first digit must be 1–8)', (value) => {
    expect(validateIdentityNumber(value)).toMatchObject({ ok: false, problem: 'area', reason: expect.stringContaining('地址码') });
  });

  it.each([
    ['month 13', '11010519491331002X'],
    ['30 February', '11010519490230002X'],
    ['29 February 1900 (not a leap year)', '11010519000229002X'],
    ['29 February 1997', '320102199702290724'],
    ['day 00', '11010519491200002X'],
    ['a year before 1900', '11010518991231002X'],
    ['the GB example born in 1880', '440524188001010014'],
  ])('names 出生日期 for %s', (_case, value) => {
    expect(validateIdentityNumber(value)).toEqual({ ok: false, problem: 'birthDate', reason: expect.stringContaining('出生日期') });
  });

  it('refuses a birth date after asOf, and accepts one on that day', () => {
    expect(validateIdentityNumber('320102199602290724', { asOf: '1996-02-28' })).toMatchObject({ ok: false, problem: 'birthDate' });
    expect(validateIdentityNumber('320102199602290724', { asOf: '1996-02-29' })).toMatchObject({ ok: true });
  });

  it('throws on a malformed asOf', () => {
    expect(() => validateIdentityNumber('320102199602290724', { asOf: '1996/02/29' })).toThrow(/asOf/);
  });

  it.each([
    ['X replaced by 1', '110105194912310021'],
    ['the male number with check 2', '110105194912310012'],
    // Digits 13 and 14 swapped (19491213 is a real date): Σ = 167 − (3·10 + 1·5) + (1·10 + 3·5) = 157,
    // 157 mod 11 = 3 → 9, not X.
    ['two digits swapped', '11010519491213002X'],
    ['one digit of the area code changed', '12010519491231002X'],
  ])('names 校验码 for %s', (_case, value) => {
    expect(validateIdentityNumber(value)).toEqual({ ok: false, problem: 'checkCharacter', reason: expect.stringContaining('校验码') });
  });
});
