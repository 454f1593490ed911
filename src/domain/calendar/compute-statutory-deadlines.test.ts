// Expected dates counted by hand on a printed calendar with the notices' days off and 调休 days.
import { describe, expect, it } from 'vitest';
import { computeStatutoryDeadlines } from './compute-statutory-deadlines.ts';
import { explainDeadline } from './explain-deadline.ts';
import { HOLIDAY_ARRANGEMENTS } from './holiday-arrangements.ts';
import { createWorkingDayCalendar } from './working-day-calendar.ts';

const calendar = createWorkingDayCalendar(HOLIDAY_ARRANGEMENTS);

// [received, 补正 notice (7), reply (20), extended (20 more), how it was counted]
const HAND_COUNTED: readonly [string, string, string, string, string][] = [
  // 09-28 Sat no; 09-29 Sun 调休 1; 09-30 2; 10-01..07 off; 10-08..11 3-6; 10-12 Sat 调休 7; 10-14..18 8-12;
  // 10-21..25 13-17; 10-28, 29, 30 18-20. Extension: 10-31, 11-01 (2), 11-04..08 (7), 11-11..15 (12), 11-18..22 (17), 11-25, 26, 27 (20).
  ['2024-09-27', '2024-10-12', '2024-10-30', '2024-11-27', '2024 国庆 (Friday before)'],
  // Same weekdays and 调休 as 2024: 9月29日（星期日）、10月12日（星期六）上班.
  ['2019-09-27', '2019-10-12', '2019-10-30', '2019-11-27', '2019 国庆'],
  // 01-28..02-01 1-5; 02-02 Sat, 02-03 Sun 调休 6, 7; 02-04..10 off; 02-11..15 8-12; 02-18..22 13-17; 02-25, 26, 27 18-20.
  // Extension: 02-28, 03-01 (2), 03-04..08 (7), 03-11..15 (12), 03-18..22 (17), 03-25, 26, 27 (20).
  ['2019-01-25', '2019-02-03', '2019-02-27', '2019-03-27', '2019 春节'],
  // 02-02 Fri 1; 02-04 Sun 调休 2; 02-05..09 3-7 (除夕 worked); 02-10..17 off; 02-18 Sun 调休 8; 02-19..23 9-13; 02-26..03-01 14-18; 03-04, 05 19, 20.
  // Extension: 03-06..08 (3), 03-11..15 (8), 03-18..22 (13), 03-25..29 (18), 04-01, 02 (20); 清明 04-04 is later.
  ['2024-02-01', '2024-02-09', '2024-03-05', '2024-04-02', '2024 春节'],
  // Received on a holiday (春节 Monday 02-12): 02-13..17 off; 02-18 Sun 调休 1; 02-19..23 2-6; 02-26..03-01 7-11; 03-04..08 12-16; 03-11..14 17-20.
  // Extension: 03-15 (1), 03-18..22 (6), 03-25..29 (11), 04-01..03 (14), 04-04..06 清明 off, 04-07 Sun 调休 (15), 04-08..12 (20).
  ['2024-02-12', '2024-02-26', '2024-03-14', '2024-04-12', 'received on a day off'],
  // 2025 春节 8 days: 01-26 Sun 调休 1; 01-27 2; 01-28..02-04 off; 02-05..07 3-5; 02-08 Sat 调休 6; 02-10..14 7-11; 02-17..21 12-16; 02-24..27 17-20.
  // Extension: 02-28 (1), 03-03..07 (6), 03-10..14 (11), 03-17..21 (16), 03-24..27 (20).
  ['2025-01-24', '2025-02-10', '2025-02-27', '2025-03-27', '2025 春节'],
  // 09-28 Sun 调休 1; 09-29, 30 2, 3; 10-01..08 off; 10-09, 10 4, 5; 10-11 Sat 调休 6; 10-13..17 7-11; 10-20..24 12-16; 10-27..30 17-20.
  // Extension: 10-31 (1), 11-03..07 (6), 11-10..14 (11), 11-17..21 (16), 11-24..27 (20).
  ['2025-09-26', '2025-10-13', '2025-10-30', '2025-11-27', '2025 国庆、中秋'],
  // Received on a Saturday, extension into 2026: 12-22..26 1-5; 12-29..31 6-8; 2026-01-01..03 元旦 off; 01-04 Sun 调休 9; 01-05..09 10-14; 01-12..16 15-19; 01-19 20.
  // Extension: 01-20..23 (4), 01-26..30 (9), 02-02..06 (14), 02-09..13 (19), 02-14 Sat 调休 (20).
  ['2025-12-20', '2025-12-30', '2026-01-19', '2026-02-14', 'year boundary 2025→2026'],
  // 02-14 Sat 调休 1; 02-15..23 off; 02-24..27 2-5; 02-28 Sat 调休 6; 03-02..06 7-11; 03-09..13 12-16; 03-16..19 17-20.
  // Extension: 03-20 (1), 03-23..27 (6), 03-30..04-03 (11), 04-04..06 清明 off, 04-07..10 (15), 04-13..17 (20).
  ['2026-02-13', '2026-03-02', '2026-03-19', '2026-04-17', '2026 春节 9 days'],
  // 09-20 Sun 调休 1; 09-21..24 2-5; 09-25..27 中秋 off; 09-28..30 6-8; 10-01..07 off; 10-08, 09 9, 10; 10-10 Sat 调休 11; 10-12..16 12-16; 10-19..22 17-20.
  // Extension: 10-23 (1), 10-26..30 (6), 11-02..06 (11), 11-09..13 (16), 11-16..19 (20).
  ['2026-09-18', '2026-09-29', '2026-10-22', '2026-11-19', '2026 中秋 then 国庆'],
];

describe('computeStatutoryDeadlines', () => {
  it.each(HAND_COUNTED)('received %s: 补正 by %s, reply by %s, extended to %s (%s)', (receivedOn, correction, reply, extended) => {
    const deadlines = computeStatutoryDeadlines(calendar, receivedOn, { extend: true });
    expect(deadlines.correctionNotice.dueOn).toBe(correction);
    expect(deadlines.reply.dueOn).toBe(reply);
    expect(deadlines.extension?.dueOn).toBe(extended);
    expect(deadlines.provisional).toBe(false);
  });

  it('gives no extension unless asked', () => {
    expect(computeStatutoryDeadlines(calendar, '2024-09-27').extension).toBeNull();
  });

  it('cites the articles and the periods of the 条例', () => {
    const deadlines = computeStatutoryDeadlines(calendar, '2024-09-27', { extend: true });
    expect([deadlines.correctionNotice, deadlines.reply, deadlines.extension].map((d) => [d?.article, d?.workingDays, d?.countedFrom])).toEqual([
      ['条例第三十条', 7, '2024-09-27'],
      ['条例第三十三条第一款', 20, '2024-09-27'],
      ['条例第三十三条第一款', 20, '2024-10-30'],
    ]);
  });

  it('marks only the dates that reach 2027 as provisional', () => {
    // 2026-12-15 (Tue): 12-16..18 1-3; 12-21..25 4-8 → 补正 12-24 (7); 12-28..31 9-12; 2027-01-01 Fri counted (13, not loaded);
    // 01-04..08 14-18; 01-11, 12 19, 20. Extension: 01-13..15 (3), 01-18..22 (8), 01-25..29 (13), 02-01..05 (18), 02-08, 09 (20).
    const deadlines = computeStatutoryDeadlines(calendar, '2026-12-15', { extend: true });
    expect(deadlines.correctionNotice).toMatchObject({ dueOn: '2026-12-24', provisional: false });
    expect(deadlines.reply).toMatchObject({ dueOn: '2027-01-12', provisional: true });
    expect(deadlines.extension).toMatchObject({ dueOn: '2027-02-09', provisional: true });
    expect(deadlines.provisional).toBe(true);
  });
});

describe('explainDeadline', () => {
  it('says which holidays were skipped and which 调休 days counted (2024 春节)', () => {
    const { reply } = computeStatutoryDeadlines(calendar, '2024-02-01');
    expect(explainDeadline(reply)).toEqual([
      '自收到申请之日（2024年2月1日）的次日起计算20个工作日',
      '2月4日（星期日）为调休上班日，计入',
      '跳过春节假期2月10日至2月17日',
      '2月18日（星期日）为调休上班日，计入',
      '期限届满日为2024年3月5日（星期二）',
    ]);
  });

  it('writes the year of dates in the next year, and explains an extension', () => {
    const { reply, extension } = computeStatutoryDeadlines(calendar, '2025-12-20', { extend: true });
    expect(explainDeadline(reply)).toEqual([
      '自收到申请之日（2025年12月20日）的次日起计算20个工作日',
      '跳过元旦假期2026年1月1日至2026年1月3日',
      '2026年1月4日（星期日）为调休上班日，计入',
      '期限届满日为2026年1月19日（星期一）',
    ]);
    expect(extension === null ? [] : explainDeadline(extension)).toEqual([
      '自原答复期限届满之日（2026年1月19日）的次日起计算20个工作日',
      '2月14日（星期六）为调休上班日，计入',
      '期限届满日为2026年2月14日（星期六）',
    ]);
  });

  it('gives one line per holiday when two follow each other (2026 中秋节, then 国庆节)', () => {
    const { reply } = computeStatutoryDeadlines(calendar, '2026-09-18');
    expect(explainDeadline(reply).filter((line) => line.startsWith('跳过'))).toEqual(['跳过中秋节假期9月25日至9月27日', '跳过国庆节假期10月1日至10月7日']);
  });

  it('warns that a count into an unloaded year is provisional', () => {
    const { reply } = computeStatutoryDeadlines(calendar, '2026-12-15');
    expect(explainDeadline(reply).slice(1)).toEqual(['2027年节假日安排尚未载入，2027年只排除了周末，日期为暂定', '期限届满日为2027年1月12日（星期二）（暂定）']);
  });
});
