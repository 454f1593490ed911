// The built-in 节假日安排 table, checked two ways: against dates read by hand from each
// notice's text, and against the `chinese-days` package (a dev dependency only).
import { createRequire } from 'node:module';
import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { addDays } from './iso-date.ts';
import { HOLIDAY_ARRANGEMENTS } from './holiday-arrangements.ts';
import { createWorkingDayCalendar, isWorkingDay } from './working-day-calendar.ts';

const calendar = createWorkingDayCalendar(HOLIDAY_ARRANGEMENTS);
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];

// [date, working day?, what the notice says]. Weekdays were checked on a printed calendar.
const HAND_CHECKED: readonly [string, boolean, string][] = [
  // 2019 国办发明电〔2018〕15号: 春节 2月4日至10日放假调休，2月2日（星期六）、2月3日（星期日）上班
  ['2019-02-01', true, '2019 春节前的星期五'],
  ['2019-02-02', true, '2019 春节调休上班（星期六）'],
  ['2019-02-03', true, '2019 春节调休上班（星期日）'],
  ['2019-02-04', false, '2019 春节第一天（除夕）'],
  ['2019-02-10', false, '2019 春节最后一天（星期日）'],
  ['2019-02-11', true, '2019 春节后第一个星期一'],
  // 国办发明电〔2019〕3号: 劳动节 5月1日至4日放假调休，4月28日（星期日）、5月5日（星期日）上班
  ['2019-04-28', true, '2019 劳动节调休上班'],
  ['2019-05-04', false, '2019 劳动节（星期六）'],
  ['2019-05-05', true, '2019 劳动节调休上班'],
  // 国庆节 10月1日至7日放假调休，9月29日（星期日）、10月12日（星期六）上班
  ['2019-09-28', false, '2019 星期六，非调休'],
  ['2019-09-29', true, '2019 国庆调休上班（星期日）'],
  ['2019-10-01', false, '2019 国庆第一天'],
  ['2019-10-07', false, '2019 国庆最后一天（星期一）'],
  ['2019-10-08', true, '2019 国庆后第一天'],
  ['2019-10-12', true, '2019 国庆调休上班（星期六）'],
  ['2019-10-13', false, '2019 星期日'],
  // 2020 国办发明电〔2019〕16号: 春节 1月24日至30日，1月19日（星期日）、2月1日（星期六）上班；
  // 国办发明电〔2020〕1号: 延长至2月2日，2月3日（星期一）起正常上班
  ['2020-01-19', true, '2020 春节调休上班（星期日）'],
  ['2020-01-23', true, '2020 除夕前一天'],
  ['2020-01-24', false, '2020 春节第一天'],
  ['2020-01-31', false, '2020 延长的春节假期'],
  ['2020-02-01', false, '2020 原定调休上班日，因延长假期不再上班'],
  ['2020-02-02', false, '2020 延长假期最后一天'],
  ['2020-02-03', true, '2020 正常上班'],
  // 国庆节、中秋节 10月1日至8日，9月27日（星期日）、10月10日（星期六）上班
  ['2020-09-27', true, '2020 国庆调休上班'],
  ['2020-10-08', false, '2020 国庆中秋最后一天（星期四）'],
  ['2020-10-09', true, '2020 国庆后星期五'],
  ['2020-10-10', true, '2020 国庆调休上班（星期六）'],
  // 2021 国办发明电〔2020〕27号: 春节 2月11日至17日，2月7日（星期日）、2月20日（星期六）上班
  ['2021-02-07', true, '2021 春节调休上班'],
  ['2021-02-10', true, '2021 除夕前一天（星期三）'],
  ['2021-02-11', false, '2021 春节第一天'],
  ['2021-02-17', false, '2021 春节最后一天'],
  ['2021-02-18', true, '2021 春节后星期四'],
  ['2021-02-20', true, '2021 春节调休上班（星期六）'],
  // 国庆节 10月1日至7日，9月26日（星期日）、10月9日（星期六）上班
  ['2021-09-26', true, '2021 国庆调休上班'],
  ['2021-10-07', false, '2021 国庆最后一天'],
  ['2021-10-08', true, '2021 国庆后星期五'],
  ['2021-10-09', true, '2021 国庆调休上班（星期六）'],
  // 2022 国办发明电〔2021〕11号: 春节 1月31日至2月6日，1月29日（星期六）、1月30日（星期日）上班
  ['2022-01-29', true, '2022 春节调休上班'],
  ['2022-01-30', true, '2022 春节调休上班'],
  ['2022-01-31', false, '2022 春节第一天'],
  ['2022-02-06', false, '2022 春节最后一天'],
  ['2022-02-07', true, '2022 春节后星期一'],
  // 国庆节 10月1日至7日，10月8日（星期六）、10月9日（星期日）上班
  ['2022-09-30', true, '2022 国庆前星期五'],
  ['2022-10-07', false, '2022 国庆最后一天'],
  ['2022-10-08', true, '2022 国庆调休上班（星期六）'],
  ['2022-10-09', true, '2022 国庆调休上班（星期日）'],
  // 2023 国办发明电〔2022〕16号: 春节 1月21日至27日，1月28日（星期六）、1月29日（星期日）上班
  ['2023-01-20', true, '2023 春节前星期五'],
  ['2023-01-21', false, '2023 春节第一天（星期六）'],
  ['2023-01-27', false, '2023 春节最后一天（星期五）'],
  ['2023-01-28', true, '2023 春节调休上班'],
  ['2023-01-29', true, '2023 春节调休上班'],
  // 中秋节、国庆节 9月29日至10月6日，10月7日（星期六）、10月8日（星期日）上班
  ['2023-09-28', true, '2023 中秋前星期四'],
  ['2023-09-29', false, '2023 中秋节'],
  ['2023-10-06', false, '2023 国庆最后一天（星期五）'],
  ['2023-10-07', true, '2023 国庆调休上班'],
  ['2023-10-08', true, '2023 国庆调休上班'],
  // 2024 国办发明电〔2023〕7号: 春节 2月10日至17日，2月4日（星期日）、2月18日（星期日）上班；除夕只是鼓励休息
  ['2024-02-04', true, '2024 春节调休上班'],
  ['2024-02-09', true, '2024 除夕（不放假）'],
  ['2024-02-10', false, '2024 春节第一天'],
  ['2024-02-17', false, '2024 春节最后一天（星期六）'],
  ['2024-02-18', true, '2024 春节调休上班'],
  // 国庆节 10月1日至7日，9月29日（星期日）、10月12日（星期六）上班
  ['2024-09-29', true, '2024 国庆调休上班'],
  ['2024-10-01', false, '2024 国庆第一天'],
  ['2024-10-07', false, '2024 国庆最后一天'],
  ['2024-10-08', true, '2024 国庆后星期二'],
  ['2024-10-12', true, '2024 国庆调休上班'],
  // 2025 国办发明电〔2024〕12号 (春节多放1天): 1月28日至2月4日，1月26日（周日）、2月8日（周六）上班
  ['2025-01-26', true, '2025 春节调休上班'],
  ['2025-01-27', true, '2025 除夕前一天（星期一）'],
  ['2025-01-28', false, '2025 除夕，春节第一天'],
  ['2025-02-04', false, '2025 春节最后一天（星期二）'],
  ['2025-02-05', true, '2025 春节后星期三'],
  ['2025-02-08', true, '2025 春节调休上班'],
  // 国庆节、中秋节 10月1日至8日，9月28日（周日）、10月11日（周六）上班
  ['2025-09-28', true, '2025 国庆调休上班'],
  ['2025-10-06', false, '2025 中秋节'],
  ['2025-10-08', false, '2025 国庆中秋最后一天（星期三）'],
  ['2025-10-09', true, '2025 国庆后星期四'],
  ['2025-10-11', true, '2025 国庆调休上班'],
  // 2026 (通知 2025年11月4日): 元旦 1月1日至3日，1月4日（周日）上班；春节 2月15日至23日，2月14日（周六）、2月28日（周六）上班
  ['2026-01-04', true, '2026 元旦调休上班'],
  ['2026-02-13', true, '2026 春节前星期五'],
  ['2026-02-14', true, '2026 春节调休上班'],
  ['2026-02-15', false, '2026 春节第一天（星期日）'],
  ['2026-02-23', false, '2026 春节最后一天（星期一）'],
  ['2026-02-24', true, '2026 春节后星期二'],
  ['2026-02-28', true, '2026 春节调休上班'],
  // 中秋节 9月25日至27日；国庆节 10月1日至7日，9月20日（周日）、10月10日（周六）上班
  ['2026-09-20', true, '2026 国庆调休上班'],
  ['2026-09-25', false, '2026 中秋节'],
  ['2026-10-07', false, '2026 国庆最后一天（星期三）'],
  ['2026-10-08', true, '2026 国庆后星期四'],
  ['2026-10-10', true, '2026 国庆调休上班'],
];

describe('HOLIDAY_ARRANGEMENTS, read against the notices by hand', () => {
  it.each(HAND_CHECKED)('%s working day: %s (%s)', (date, working) => {
    expect(isWorkingDay(calendar, date)).toBe(working);
  });

  it('has one arrangement per year 2019–2026, each with its source notice', () => {
    expect(HOLIDAY_ARRANGEMENTS.map((a) => a.year)).toEqual(YEARS);
    for (const arrangement of HOLIDAY_ARRANGEMENTS) expect(arrangement.source).toMatch(/国办发明电〔20\d\d〕\d+号/);
  });

  it('gives 春节 8 days off from 2025, as the revised 放假办法 requires (7 before)', () => {
    const springFestivalDays = (year: number) => HOLIDAY_ARRANGEMENTS.find((a) => a.year === year)?.holidays.filter((h) => h.name === '春节').length;
    expect(springFestivalDays(2023)).toBe(7);
    expect(springFestivalDays(2025)).toBe(8);
    expect(springFestivalDays(2026)).toBe(9); // 2月15日（腊月二十八）至23日
  });
});

interface ChineseDaysYear {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}
const require = createRequire(import.meta.url);

// Where the two tables differ on purpose. Neither changes whether a day is a working day.
const ONLY_THEIRS = new Set([
  '2022-12-31', // a Saturday, listed by the 2023 notice (元旦：2022年12月31日至2023年1月2日); ours keeps each notice's own year
]);
const ONLY_OURS = new Set([
  '2024-06-08', // 端午节：6月10日放假，与周末连休 — the weekend joined to it, as chinese-days itself
  '2024-06-09', // does for 2019 清明节 ("4月5日放假，与周末连休": 4月5日至7日)
]);

describe.each(YEARS)('HOLIDAY_ARRANGEMENTS %i against chinese-days 1.5.7', (year) => {
  const theirs = require(`chinese-days/dist/years/${year}.json`) as ChineseDaysYear;
  const ours = HOLIDAY_ARRANGEMENTS.find((a) => a.year === year);

  it('has the same days off, under the same holiday', () => {
    const theirDays = Object.entries(theirs.holidays).filter(([date]) => date.startsWith(`${year}-`) && !ONLY_THEIRS.has(date));
    expect(ours?.holidays.map((h) => h.date).filter((date) => !ONLY_OURS.has(date))).toEqual(theirDays.map(([date]) => date).sort());
    for (const [date, label] of theirDays) {
      // "Spring Festival,春节,3": ours is 春节; their 中秋 is inside our 国庆节、中秋节.
      const theirName = label.split(',')[1] ?? '';
      expect(ours?.holidays.find((h) => h.date === date)?.name, date).toContain(theirName);
    }
  });

  it('has the same make-up working days', () => {
    const theirDays = Object.entries(theirs.workdays).filter(([date]) => date.startsWith(`${year}-`));
    expect(ours?.makeupWorkdays.map((h) => h.date)).toEqual(theirDays.map(([date]) => date).sort());
    for (const [date, label] of theirDays) expect(ours?.makeupWorkdays.find((h) => h.date === date)?.name, date).toContain(label.split(',')[1]);
  });

  it('agrees with chinese-days.isWorkday on every day of the year', () => {
    const differences: string[] = [];
    for (let date = `${year}-01-01`; date <= `${year}-12-31`; date = addDays(date, 1)) {
      if (isWorkingDay(calendar, date) !== chineseDays.isWorkday(date)) differences.push(date);
    }
    expect(differences).toEqual([]);
  });
});
