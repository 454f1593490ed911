// Working days (工作日): every day but weekends and statutory days off, plus the weekend days
// made working days (调休上班日) by the State Council's yearly notice (domain.md §E).
import { DomainError } from '../domain-error.ts';
import type { IsoDate } from '../report/compute/report-records.ts';
import { dayNumber, dayOfWeekOf, fromDayNumber, isIsoDate, isWeekend, yearOf } from './iso-date.ts';
import { parseYearArrangement } from './parse-year-arrangement.ts';

/** One year's 节假日安排 as published by the State Council (国务院办公厅通知). */
export interface YearArrangement {
  year: number;
  /** Statutory holiday days off (法定节假日 and the days joined to them), including those falling on weekends. */
  holidays: { date: IsoDate; name: string }[];
  /** 调休上班日: weekend days that are working days. */
  makeupWorkdays: { date: IsoDate; name: string }[];
  /** Where it comes from, e.g. 国办发明电〔2024〕12号. */
  source: string;
}

export interface WorkingDayCalendar {
  readonly arrangements: ReadonlyMap<number, YearArrangement>;
}

/** Why a day counted or was skipped, for the explanation shown to staff. */
export interface CalendarReason {
  date: IsoDate;
  kind: 'holiday' | 'makeupWorkday' | 'weekend' | 'unknownYear';
  name: string;
}

export interface WorkingDayCount {
  /** The last day of the period. */
  dueOn: IsoDate;
  /** True when the count ran through a year with no loaded arrangement (weekends only were assumed). */
  provisional: boolean;
  /** Holidays skipped and make-up working days counted along the way (weekends are not listed one by one). */
  reasons: CalendarReason[];
}

interface YearLookup {
  holidays: ReadonlyMap<IsoDate, string>;
  makeupWorkdays: ReadonlyMap<IsoDate, string>;
  /** The same, by day number: counting walks day numbers, not date strings. */
  holidayDays: ReadonlyMap<number, string>;
  makeupWorkdayDays: ReadonlyMap<number, string>;
  /** Day numbers of the holidays that fall on Monday–Friday: the only ones that change a weekday count. */
  weekdayHolidayDays: readonly number[];
  makeupDays: readonly number[];
}

// Per-arrangement date maps, built once; arrangements are treated as immutable.
const lookups = new WeakMap<YearArrangement, YearLookup>();

function lookupYear(calendar: WorkingDayCalendar, year: number): YearLookup | undefined {
  const arrangement = calendar.arrangements.get(year);
  if (arrangement === undefined) return undefined;
  let lookup = lookups.get(arrangement);
  if (lookup === undefined) {
    lookup = {
      holidays: new Map(arrangement.holidays.map((day) => [day.date, day.name])),
      makeupWorkdays: new Map(arrangement.makeupWorkdays.map((day) => [day.date, day.name])),
      holidayDays: new Map(arrangement.holidays.map((day) => [dayNumber(day.date), day.name])),
      makeupWorkdayDays: new Map(arrangement.makeupWorkdays.map((day) => [dayNumber(day.date), day.name])),
      weekdayHolidayDays: arrangement.holidays.filter((day) => !isWeekend(day.date)).map((day) => dayNumber(day.date)),
      makeupDays: arrangement.makeupWorkdays.map((day) => dayNumber(day.date)),
    };
    lookups.set(arrangement, lookup);
  }
  return lookup;
}

function requireDate(date: IsoDate, what: string): void {
  if (!isIsoDate(date)) throw new DomainError('BAD_INPUT', `${what} is not a date YYYY-MM-DD: ${date}`, `日期格式不对，应为“年-月-日”（如 2024-09-27）：${date}`);
}

/** Each arrangement is checked; a later one for the same year replaces the earlier one (a newly loaded year wins). */
export function createWorkingDayCalendar(arrangements: readonly YearArrangement[]): WorkingDayCalendar {
  const byYear = new Map<number, YearArrangement>();
  for (const arrangement of arrangements) byYear.set(arrangement.year, parseYearArrangement(arrangement));
  return { arrangements: byYear };
}

export function isWorkingDay(calendar: WorkingDayCalendar, date: IsoDate): boolean {
  requireDate(date, 'date');
  return isCheckedDateWorkingDay(calendar, date);
}

function isCheckedDateWorkingDay(calendar: WorkingDayCalendar, date: IsoDate): boolean {
  const lookup = lookupYear(calendar, yearOf(date));
  if (lookup?.makeupWorkdays.has(date)) return true;
  if (lookup?.holidays.has(date)) return false;
  return !isWeekend(date);
}

/** The `days`-th working day counted from the day after `from` (条例第三十三条: 自收到申请之日起…). */
export function addWorkingDays(calendar: WorkingDayCalendar, from: IsoDate, days: number): WorkingDayCount {
  requireDate(from, 'from');
  if (!Number.isInteger(days) || days < 0) throw new DomainError('BAD_INPUT', `working days must be a whole number >= 0, got ${days}`, `工作日数须为不小于0的整数（收到：${days}）`);
  const reasons: CalendarReason[] = [];
  let provisional = false;
  let day = dayNumber(from);
  let year = yearOf(from) - 1;
  let nextYearStart = day; // enter the year of the first counted day below
  let lookup: YearLookup | undefined;
  let counted = 0;
  while (counted < days) {
    day += 1;
    while (day >= nextYearStart) {
      year += 1;
      nextYearStart = dayNumber(`${year + 1}-01-01`);
      if (day >= nextYearStart) continue;
      lookup = lookupYear(calendar, year);
      if (lookup === undefined) {
        provisional = true;
        reasons.push({ date: fromDayNumber(day), kind: 'unknownYear', name: `${year}年节假日安排尚未载入` });
      }
    }
    const holiday = lookup?.holidayDays.get(day);
    if (holiday !== undefined) {
      reasons.push({ date: fromDayNumber(day), kind: 'holiday', name: holiday });
      continue;
    }
    const makeup = lookup?.makeupWorkdayDays.get(day);
    if (makeup !== undefined) {
      reasons.push({ date: fromDayNumber(day), kind: 'makeupWorkday', name: makeup });
      counted += 1;
      continue;
    }
    const weekday = dayOfWeekOf(day);
    if (weekday !== 0 && weekday !== 6) counted += 1;
  }
  return { dueOn: fromDayNumber(day), provisional, reasons };
}

/** Working days in (from, to]: 0 when to <= from. */
export function countWorkingDays(calendar: WorkingDayCalendar, from: IsoDate, to: IsoDate): number {
  requireDate(from, 'from');
  requireDate(to, 'to');
  const first = dayNumber(from);
  const last = dayNumber(to);
  if (last <= first) return 0;
  // Weekdays by arithmetic, then each year's few holidays and make-up days: a case open for
  // years costs a handful of operations, not one per day (the due-soon list derives many clocks).
  let count = weekdaysBefore(last + 1) - weekdaysBefore(first + 1);
  for (let year = yearOf(from); year <= yearOf(to); year++) {
    const lookup = lookupYear(calendar, year);
    if (lookup === undefined) continue;
    for (const day of lookup.weekdayHolidayDays) if (day > first && day <= last) count -= 1;
    for (const day of lookup.makeupDays) if (day > first && day <= last) count += 1;
  }
  return count;
}

// Day number 4 is 1970-01-05, a Monday.
const FIRST_MONDAY = 4;

/** Monday–Friday days with day number in [FIRST_MONDAY, day); negative for earlier days, which only cancels out. */
function weekdaysBefore(day: number): number {
  const offset = day - FIRST_MONDAY;
  const weeks = Math.floor(offset / 7);
  return weeks * 5 + Math.min(offset - weeks * 7, 5);
}
