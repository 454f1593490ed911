// Calendar dates as 'YYYY-MM-DD' strings. Arithmetic runs in UTC so no time zone or
// daylight-saving rule can move a date (architecture.md convention 2: no clock here).
import type { IsoDate } from '../report/compute/report-records.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

function toUtcMs(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** True for a real calendar date written YYYY-MM-DD (so 2025-02-29 is false). */
export function isIsoDate(text: string): boolean {
  return ISO_DATE.test(text) && Number(text.slice(0, 4)) >= 1000 && fromUtcMs(toUtcMs(text)) === text;
}

/** Days since 1970-01-01 (a Thursday): day arithmetic without stepping day by day. */
export function dayNumber(date: IsoDate): number {
  return Math.round(toUtcMs(date) / DAY_MS);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(toUtcMs(date)).getUTCDay();
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
