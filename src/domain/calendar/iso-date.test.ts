import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, dayOfWeek, formatChineseDate, fromDayNumber, isIsoDate, weekdayName } from './iso-date.ts';

describe('iso-date', () => {
  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2024-02-29')).toBe(true); // leap year
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-5')).toBe(false);
    expect(isIsoDate('2025-01-05T00:00')).toBe(false);
  });

  it('adds days across month and year ends, whatever the time zone', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('names weekdays: 2024-10-01 was a Tuesday, 2026-02-15 is a Sunday', () => {
    expect(dayOfWeek('2024-10-01')).toBe(2);
    expect(weekdayName('2026-02-15')).toBe('星期日');
    expect(formatChineseDate('2026-02-05')).toBe('2026年2月5日');
    expect(formatChineseDate('2026-02-05', false)).toBe('2月5日');
  });

  it('converts day numbers exactly as Date.UTC does, every day from 1900 to 2100', () => {
    const first = Date.UTC(1900, 0, 1) / 86_400_000;
    const last = Date.UTC(2100, 11, 31) / 86_400_000;
    let mismatches = 0;
    for (let day = first; day <= last; day++) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (fromDayNumber(day) !== iso || dayNumber(iso) !== day || dayOfWeek(iso) !== new Date(day * 86_400_000).getUTCDay()) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(isIsoDate('1900-02-29')).toBe(false); // a century, not a leap year
    expect(isIsoDate('2000-02-29')).toBe(true); // divisible by 400
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(-1)).toBe('1969-12-31');
  });
});
