import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.ts';
import { HOLIDAY_ARRANGEMENTS } from './holiday-arrangements.ts';
import type { YearArrangement } from './working-day-calendar.ts';
import { addWorkingDays, countWorkingDays, createWorkingDayCalendar, isWorkingDay } from './working-day-calendar.ts';

const calendar = createWorkingDayCalendar(HOLIDAY_ARRANGEMENTS);

describe('isWorkingDay', () => {
  it('knows weekdays and weekends of a year with no arrangement (2027)', () => {
    expect(isWorkingDay(calendar, '2027-03-03')).toBe(true); // Wednesday
    expect(isWorkingDay(calendar, '2027-03-06')).toBe(false); // Saturday
  });

  it('refuses a date that does not exist', () => {
    expect(() => isWorkingDay(calendar, '2025-02-29')).toThrow(DomainError);
  });
});

describe('addWorkingDays', () => {
  it('counts from the day after `from`: 1 working day after Friday 2024-09-27 is Sunday 09-29, a 调休 day', () => {
    expect(addWorkingDays(calendar, '2024-09-27', 1)).toEqual({
      dueOn: '2024-09-29',
      provisional: false,
      reasons: [{ date: '2024-09-29', kind: 'makeupWorkday', name: '国庆节' }],
    });
  });

  it('lists each holiday day skipped and each make-up day counted, in order', () => {
    // 2024-09-27 (Fri) + 7: 09-29 (1), 09-30 (2), 10-01..07 off, 10-08..11 (3-6), 10-12 Sat (7).
    const count = addWorkingDays(calendar, '2024-09-27', 7);
    expect(count.dueOn).toBe('2024-10-12');
    expect(count.reasons.map((r) => `${r.date} ${r.kind}`)).toEqual([
      '2024-09-29 makeupWorkday',
      '2024-10-01 holiday',
      '2024-10-02 holiday',
      '2024-10-03 holiday',
      '2024-10-04 holiday',
      '2024-10-05 holiday',
      '2024-10-06 holiday',
      '2024-10-07 holiday',
      '2024-10-12 makeupWorkday',
    ]);
  });

  it('returns `from` itself for 0 days and refuses negative or fractional counts', () => {
    expect(addWorkingDays(calendar, '2024-10-03', 0)).toEqual({ dueOn: '2024-10-03', provisional: false, reasons: [] });
    expect(() => addWorkingDays(calendar, '2024-10-03', -1)).toThrow(DomainError);
    expect(() => addWorkingDays(calendar, '2024-10-03', 1.5)).toThrow(DomainError);
  });

  it('is provisional, with one unknownYear reason per year, when the count runs past the loaded years', () => {
    // 2026-12-30 (Wed) + 5: 12-31 Thu (1), 2027-01-01 Fri (2, surely 元旦 but not loaded), 01-04..06 (3-5).
    const count = addWorkingDays(calendar, '2026-12-30', 5);
    expect(count.dueOn).toBe('2027-01-06');
    expect(count.provisional).toBe(true);
    expect(count.reasons).toEqual([{ date: '2027-01-01', kind: 'unknownYear', name: '2027年节假日安排尚未载入' }]);
  });

  it('is provisional when counting starts in a year before the table (2018)', () => {
    const count = addWorkingDays(calendar, '2018-12-27', 3);
    // 12-28 Fri (1), 12-29 Sat (weekend: the 2018 notice's 调休 is not loaded), 12-31 Mon (2), 2019-01-01 元旦 off, 01-02 (3).
    expect(count.dueOn).toBe('2019-01-02');
    expect(count.provisional).toBe(true);
    expect(count.reasons.map((r) => r.kind)).toEqual(['unknownYear', 'holiday']);
  });
});

describe('createWorkingDayCalendar', () => {
  const changed2027: YearArrangement = {
    year: 2027,
    source: '测试用安排',
    holidays: [{ date: '2027-01-01', name: '元旦' }],
    makeupWorkdays: [],
  };

  it('loads a new year without an upgrade: 2027 stops being provisional', () => {
    const withNextYear = createWorkingDayCalendar([...HOLIDAY_ARRANGEMENTS, changed2027]);
    const count = addWorkingDays(withNextYear, '2026-12-30', 5);
    expect(count.dueOn).toBe('2027-01-07'); // 01-01 now skipped
    expect(count.provisional).toBe(false);
  });

  it('lets a later arrangement for the same year replace the earlier one', () => {
    const replaced = createWorkingDayCalendar([changed2027, { ...changed2027, holidays: [{ date: '2027-01-04', name: '元旦' }] }]);
    expect(isWorkingDay(replaced, '2027-01-01')).toBe(true);
    expect(isWorkingDay(replaced, '2027-01-04')).toBe(false);
  });

  it('checks each arrangement it is given', () => {
    expect(() => createWorkingDayCalendar([{ ...changed2027, makeupWorkdays: [{ date: '2027-01-05', name: '元旦' }] }])).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', userMessage: expect.stringContaining('是星期二，不是周末') }),
    );
  });
});

describe('countWorkingDays', () => {
  it('counts working days in (from, to]', () => {
    // 2024-09-27 to 10-12: 09-29, 09-30, 10-08, 09, 10, 11, 12 = 7 (the same period as above).
    expect(countWorkingDays(calendar, '2024-09-27', '2024-10-12')).toBe(7);
    expect(countWorkingDays(calendar, '2024-09-27', '2024-09-27')).toBe(0);
    expect(countWorkingDays(calendar, '2024-10-12', '2024-09-27')).toBe(0);
  });

  it('is the inverse of addWorkingDays', () => {
    const { dueOn } = addWorkingDays(calendar, '2025-12-20', 40);
    expect(countWorkingDays(calendar, '2025-12-20', dueOn)).toBe(40);
  });
});

describe('countWorkingDays over long spans (counted by arithmetic, checked day by day)', () => {
  const calendar = createWorkingDayCalendar(HOLIDAY_ARRANGEMENTS);
  const dayByDay = (from: string, to: string): number => {
    let count = 0;
    for (let d = new Date(`${from}T00:00:00Z`); ; ) {
      d = new Date(d.getTime() + 86_400_000);
      const iso = d.toISOString().slice(0, 10);
      if (iso > to) return count;
      if (isWorkingDay(calendar, iso)) count += 1;
    }
  };

  it('agrees with a day-by-day count on spans across years, holidays, make-up days and unloaded years', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const dateAt = (offset: number) => new Date(Date.UTC(2017, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 200; i++) {
      const from = dateAt(next(4400));
      const to = dateAt(next(4400));
      expect(countWorkingDays(calendar, from, to), `${from} → ${to}`).toBe(from >= to ? 0 : dayByDay(from, to));
    }
  });

  it('counts the working days of whole years as the notices make them (counted by hand)', () => {
    // 2024 (国办发明电〔2023〕7号): 262 weekdays; holidays on weekdays 1/1, 2/12–16, 4/4–5, 5/1–3, 6/10,
    // 9/16–17, 10/1–4, 10/7 = 19; make-up days 2/4, 2/18, 4/7, 4/28, 5/11, 9/14, 9/29, 10/12 = 8 → 251.
    expect(countWorkingDays(calendar, '2023-12-31', '2024-12-31')).toBe(251);
    // 2025 (国办发明电〔2024〕12号): 261 weekdays; holidays on weekdays 1/1, 1/28–31, 2/3–4, 4/4, 5/1–2, 5/5,
    // 6/2, 10/1–3, 10/6–8 = 18; make-up days 1/26, 2/8, 4/27, 9/28, 10/11 = 5 → 248.
    expect(countWorkingDays(calendar, '2024-12-31', '2025-12-31')).toBe(248);
  });
});
