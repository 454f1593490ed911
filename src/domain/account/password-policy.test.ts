import { describe, expect, it } from 'vitest';
import { passwordClassesOf, validatePassword } from './password-policy.ts';

describe('validatePassword', () => {
  it.each([
    ['Gongkai#2026x', 'zhangsan'], // 13 characters, four classes
    ['gongkai#2026x', 'zhangsan'], // lower, digit, symbol: three classes
    ['GONGKAI2026x', 'zhangsan'], // upper, lower, digit
    ['信息公开Ab12345', 'zhangsan'], // Chinese characters count as "other"
  ])('accepts %s', (password, login) => {
    expect(validatePassword(password, login)).toEqual([]);
  });

  it('refuses 9 characters and accepts 10', () => {
    expect(validatePassword('Abcdef12#', 'zhangsan')).toEqual(['密码长度不能少于10个字符']);
    expect(validatePassword('Abcdef12#x', 'zhangsan')).toEqual([]);
  });

  it('counts characters, not bytes or UTF-16 units', () => {
    // 9 characters, two of them outside the BMP would be 11 UTF-16 units.
    expect(validatePassword('Ab1#𠀀𠀀xyz', 'zhangsan')).toEqual(['密码长度不能少于10个字符']);
  });

  it('refuses two classes only', () => {
    expect(validatePassword('abcdefgh12345', 'zhangsan')).toEqual(['密码须包含大写字母、小写字母、数字、其他符号中的至少三类']);
    expect(passwordClassesOf('abcdefgh12345')).toBe(2);
    expect(passwordClassesOf('Ab1#')).toBe(4);
  });

  it('refuses a password containing the login name, whatever the case', () => {
    expect(validatePassword('Zhangsan#2026', 'zhangsan')).toEqual(['密码不能包含登录名']);
  });

  it('refuses common passwords', () => {
    expect(validatePassword('P@ssw0rd123', 'zhangsan')).toEqual(['密码过于常见，容易被猜到，请换一个']);
    expect(validatePassword('Admin@123456', 'zhangsan')).toEqual(['密码过于常见，容易被猜到，请换一个']);
  });

  it('gives every reason at once', () => {
    expect(validatePassword('li', 'li')).toEqual(['密码长度不能少于10个字符', '密码须包含大写字母、小写字母、数字、其他符号中的至少三类']);
    expect(validatePassword('wangwu', 'wangwu')).toEqual([
      '密码长度不能少于10个字符',
      '密码须包含大写字母、小写字母、数字、其他符号中的至少三类',
      '密码不能包含登录名',
    ]);
  });
});
