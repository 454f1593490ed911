// 居民身份证号码 (公民身份号码), GB 11643-1999.
// Structure: 6-digit 地址码 (GB/T 2260), 8-digit 出生日期码 (YYYYMMDD), 3-digit 顺序码
// (odd for men, even for women), 1 校验码 (ISO 7064:1983 MOD 11-2).
// 条例第二十九条第二款（一）requires the applicant's 身份证明; this checks the number only.
import { DomainError } from '../domain-error.ts';
import type { IsoDate } from '../report/compute/report-records.ts';

export type Sex = 'male' | 'female';

export type IdentityNumberProblem = 'length' | 'characters' | 'area' | 'birthDate' | 'checkCharacter';

export type IdentityNumberValidation =
  | { ok: true; normalized: string; birthDate: IsoDate; sex: Sex }
  | { ok: false; problem: IdentityNumberProblem; reason: string };

/** GB 11643-1999 校验码: weights Wi = 2^(i-1) mod 11, i counted from the right (the check character is i = 1). */
const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Σ(ai×Wi) mod 11 → the check character. */
const CHECK_CHARACTERS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

const REASONS: Record<IdentityNumberProblem, string> = {
  length: '身份证号码长度不正确，应为18位',
  characters: '身份证号码格式不正确：前17位应为数字，第18位应为数字或X',
  area: '身份证号码前6位地址码不正确',
  birthDate: '身份证号码中的出生日期（第7至14位）不正确',
  checkCharacter: '身份证号码校验码（第18位）不正确，请核对号码',
};

/** The 18th character GB 11643 gives for the first 17 digits. */
export function computeIdentityCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new DomainError('BAD_INPUT', `Expected 17 digits, got ${first17}`, '身份证号码本体码应为17位数字。');
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * CHECK_WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/**
 * Checks a 18-character 居民身份证号码. Spaces around it are ignored and a lower-case x is
 * accepted (normalised to X). The old 15-digit numbers are refused: they carry no check digit.
 * `asOf` (YYYY-MM-DD) refuses a birth date after that day; the year must be 1900 or later.
 */
export function validateIdentityNumber(value: string, options: { asOf?: IsoDate } = {}): IdentityNumberValidation {
  const normalized = value.trim().toUpperCase();
  if (normalized.length !== 18) return failure('length');
  if (!/^\d{17}[\dX]$/.test(normalized)) return failure('characters');
  // GB/T 2260 province codes begin with 1 (华北) … 8 (港澳台); 0 and 9 are never used.
  if (!/^[1-8]/.test(normalized)) return failure('area');

  const birthDate = toBirthDate(normalized.slice(6, 14));
  if (birthDate === null) return failure('birthDate');
  if (options.asOf !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) {
      throw new DomainError('BAD_INPUT', `asOf must be YYYY-MM-DD, got ${options.asOf}`, '日期格式应为YYYY-MM-DD。');
    }
    if (birthDate > options.asOf) return failure('birthDate');
  }

  if (computeIdentityCheckCharacter(normalized.slice(0, 17)) !== normalized[17]) return failure('checkCharacter');

  // GB 11643 顺序码: its last digit (17th character) is odd for men, even for women.
  const sex: Sex = Number(normalized[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, normalized, birthDate, sex };
}

function failure(problem: IdentityNumberProblem): IdentityNumberValidation {
  return { ok: false, problem, reason: REASONS[problem] };
}

/** YYYYMMDD → YYYY-MM-DD when it is a real calendar day in 1900 or later; null otherwise. */
function toBirthDate(digits: string): IsoDate | null {
  const year = Number(digits.slice(0, 4));
  const month = Number(digits.slice(4, 6));
  const day = Number(digits.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
