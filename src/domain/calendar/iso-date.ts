// Calendar dates as 'YYYY-MM-DD' strings. Arithmetic runs on day numbers (days since
// 1970-01-01), so no time zone or daylight-saving rule can move a date (architecture.md
// convention 2: no clock here).
import type { IsoDate } from '../report/compute/report-records.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;
const ZERO = 48;

// The clock of every open case is derived on each list call: dates are converted by integer
// arithmetic (H. Hinnant's days_from_civil / civil_from_days), not through Date objects.
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + text.charCodeAt(i) - ZERO;
  return value;
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The date of a day number (see dayNumber). */
export function fromDayNumber(days: number): IsoDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** True for a real calendar date written YYYY-MM-DD (so 2025-02-29 is false). */
export function isIsoDate(text: string): boolean {
  return ISO_DATE.test(text) && digits(text, 0, 4) >= 1000 && fromDayNumber(dayNumber(text)) === text;
}

/** Days since 1970-01-01 (a Thursday): day arithmetic without stepping day by day. */
export function dayNumber(date: IsoDate): number {
  return daysFromCivil(digits(date, 0, 4), digits(date, 5, 7), digits(date, 8, 10));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

export function yearOf(date: IsoDate): number {
  return digits(date, 0, 4);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return dayOfWeekOf(dayNumber(date));
}

/** 0 = Sunday … 6 = Saturday, of a day number (day 0, 1970-01-01, was a Thursday). */
export function dayOfWeekOf(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

export function weekdayName(date: IsoDate): string {
  return WEEKDAY_NAMES[dayOfWeek(date)] ?? '';
}

/** '2024年2月18日', or '2月18日' with `withYear` false. */
export function formatChineseDate(date: IsoDate, withYear = true): string {
  const monthDay = `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
  return withYear ? `${yearOf(date)}年${monthDay}` : monthDay;
}
