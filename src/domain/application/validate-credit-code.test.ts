import { describe, expect, it } from 'vitest';
import {
  computeCreditCodeCheckCharacter,
  computeOrganisationCodeCheckCharacter,
  validateCreditCode,
} from './validate-credit-code.ts';

// Worked by hand. GB 32100 values: 0–9, A10 B11 C12 D13 E14 F15 G16 H17 J18 K19 L20 M21 N22 P23 Q24 R25
// T26 U27 W28 X29 Y30; weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28; C18 = 31 − (Σ mod 31).
// GB 11714 (positions 9–17): letters A…Z are 10…35; weights 3 7 9 10 5 8 4 2; C9 = 11 − (Σ mod 11).
//
// 91350100M000100Y43 (the example everyone cites, 福州 350100):
//   组织机构代码 M000100Y-4: 22·3 + 0·7 + 0·9 + 0·10 + 1·5 + 0·8 + 0·4 + 34·2 = 66+5+68 = 139;
//   139 mod 11 = 7; 11 − 7 = 4 ✓.
//   C18: 9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + 21·20 + 0·29 + 0·25 + 0·13 + 1·8 + 0·24
//        + 0·10 + 30·30 + 4·28 = 9+3+27+135+26+420+8+900+112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 ✓.
// 914403001922038216 (华为技术有限公司, 深圳 440300):
//   19220382-1: 1·3 + 9·7 + 2·9 + 2·10 + 0·5 + 3·8 + 8·4 + 2·2 = 3+63+18+20+0+24+32+4 = 164; 164 mod 11 = 10;
//   11 − 10 = 1 ✓.
//   C18: 9+3+36+108+0+78+0+0+20+261+50+26+0+72+80+60+28 = 831; 831 mod 31 = 25; 31 − 25 = 6 ✓.
// 91330100799655058B (阿里巴巴（中国）有限公司, 杭州 330100):
//   79965505-8: 21+63+81+60+25+40+0+10 = 300; 300 mod 11 = 3; 11 − 3 = 8 ✓.
//   C18: 9+3+27+81+0+26+0+0+140+261+225+78+40+120+0+150+224 = 1384; 1384 mod 31 = 20; 31 − 20 = 11 → B ✓.
// 9144030071526726XG (腾讯科技（深圳）有限公司), whose 组织机构代码 check is X:
//   71526726-X: 21+7+45+20+30+56+8+12 = 199; 199 mod 11 = 1; 11 − 1 = 10 → X ✓.
//   C18: 9+3+36+108+0+78+0+0+140+29+125+26+48+168+20+180+29·28(=812) = 1782; 1782 mod 31 = 15; 31 − 15 = 16 → G ✓.
// 111000000000123437 (constructed: a 机关 registered by 机构编制 at national level, 100000):
//   00001234-3: 1·5 + 2·8 + 3·4 + 4·2 = 41; 41 mod 11 = 8; 11 − 8 = 3.
//   C18: 1·1 + 1·3 + 1·9 + 1·8 + 2·24 + 3·10 + 4·30 + 3·28 = 1+3+9+8+48+30+120+84 = 303; 303 mod 31 = 24; 31 − 24 = 7.

describe('computeCreditCodeCheckCharacter', () => {
  it.each([
    ['91350100M000100Y4', '3'],
    ['914403001922038216'.slice(0, 17), '6'],
    ['91330100799655058', 'B'],
    ['9144030071526726X', 'G'],
    ['11100000000012343', '7'],
    // Σ = 0 → 31 − 0 = 31, which GB 32100 writes as 0.
    ['00000000000000000', '0'],
  ])('%s → %s', (first17, expected) => {
    expect(computeCreditCodeCheckCharacter(first17)).toBe(expected);
  });

  it('refuses characters outside the set', () => {
    expect(() => computeCreditCodeCheckCharacter('91350100M000100I4')).toThrow(/17 credit-code characters/);
  });
});

describe('computeOrganisationCodeCheckCharacter (GB 11714)', () => {
  it.each([
    ['M000100Y', '4'],
    ['19220382', '1'],
    ['71526726', 'X'],
    ['00001234', '3'],
    // Σ = 0 → 11 − 0 = 11, written 0.
    ['00000000', '0'],
  ])('%s → %s', (body, expected) => {
    expect(computeOrganisationCodeCheckCharacter(body)).toBe(expected);
  });
});

describe('validateCreditCode', () => {
  it('accepts 91350100M000100Y43 and reads its parts', () => {
    expect(validateCreditCode('91350100M000100Y43')).toEqual({
      ok: true,
      normalized: '91350100M000100Y43',
      registrationAuthority: { code: '9', label: '工商' },
      category: { code: '1', label: '企业' },
      areaCode: '350100',
      organisationCode: 'M000100Y-4',
    });
  });

  it.each(['914403001922038216', '91330100799655058B', '9144030071526726XG'])('accepts the published code %s', (code) => {
    expect(validateCreditCode(code)).toMatchObject({ ok: true, normalized: code });
  });

  it('reads a 机关 code registered by 机构编制', () => {
    expect(validateCreditCode('111000000000123437')).toMatchObject({
      ok: true,
      registrationAuthority: { code: '1', label: '机构编制' },
      category: { code: '1', label: '机关' },
      areaCode: '100000',
      organisationCode: '00001234-3',
    });
  });

  it('accepts lower case and surrounding spaces, and normalises them', () => {
    expect(validateCreditCode(' 91350100m000100y43 ')).toMatchObject({ ok: true, normalized: '91350100M000100Y43' });
  });

  it.each(['91350100M000100Y4', '91350100M000100Y431', ''])('names 长度 for %j', (value) => {
    expect(validateCreditCode(value)).toEqual({ ok: false, problem: 'length', reason: expect.stringContaining('长度') });
  });

  it.each([
    ['O for 0', '91350100MO00100Y43'],
    ['I', '91350100M000100I43'],
    ['S', '91350100M000100S43'],
    ['V', '91350100M000100V43'],
    ['Z', 'Z1350100M000100Y43'],
    ['a hyphen', '91350100M000100-43'],
  ])('refuses %s', (_case, value) => {
    expect(validateCreditCode(value)).toMatchObject({ ok: false, problem: 'characters', reason: expect.stringContaining('I、O、Z、S、V') });
  });

  it('refuses a 登记管理部门码 not in the table', () => {
    expect(validateCreditCode('B1350100M000100Y43')).toMatchObject({ ok: false, problem: 'registrationAuthority', reason: expect.stringContaining('登记管理部门码') });
  });

  it.each([
    ['工商 has no category 4', '94350100M000100Y43'],
    ['工商 has no category 9', '99350100M000100Y43'],
    ['其他 (Y) has only category 1', 'Y2350100M000100Y43'],
    ['机构编制 has no category 5', '15350100M000100Y43'],
  ])('refuses a 机构类别码 that does not fit: %s', (_case, value) => {
    expect(validateCreditCode(value)).toMatchObject({ ok: false, problem: 'category', reason: expect.stringContaining('机构类别码') });
  });

  it('refuses a letter in the area code', () => {
    expect(validateCreditCode('9135A100M000100Y43')).toMatchObject({ ok: false, problem: 'area', reason: expect.stringContaining('行政区划码') });
  });

  it('refuses a wrong 组织机构代码 check character (position 17)', () => {
    expect(validateCreditCode('91350100M000100Y53')).toMatchObject({ ok: false, problem: 'organisationCode', reason: expect.stringContaining('组织机构代码') });
  });

  it.each([
    ['the last character changed', '91350100M000100Y44'],
    // 350100 → 350200: position 6 (weight 26) goes 1 → 2, Σ = 1640 + 26 = 1666, 1666 mod 31 = 23, C18 = 8, not 3.
    ['one digit of the area code changed', '91350200M000100Y43'],
    ['华为 with a wrong check', '914403001922038217'],
  ])('names 校验码 for %s', (_case, value) => {
    expect(validateCreditCode(value)).toEqual({ ok: false, problem: 'checkCharacter', reason: expect.stringContaining('校验码') });
  });
});
