import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../domain-error.ts';
import { HOLIDAY_ARRANGEMENTS } from './holiday-arrangements.ts';
import { loadArrangementFromIcs, loadArrangementFromJson } from './parse-year-arrangement.ts';

const require = createRequire(import.meta.url);
const icsOf = (name: string) => readFileSync(require.resolve(`chinese-days/dist/${name}`), 'utf8');

/** The Chinese message of the DomainError `run` throws. */
function userMessageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isDomainError(error) && error.code === 'BAD_INPUT') return error.userMessage;
    throw error;
  }
  throw new Error('did not throw');
}

const ARRANGEMENT_2027 = {
  year: 2027,
  source: '测试：国务院办公厅关于2027年部分节假日安排的通知',
  holidays: [
    { date: '2027-01-02', name: '元旦' },
    { date: '2027-01-01', name: '元旦' },
  ],
  makeupWorkdays: [{ date: '2027-02-20', name: '春节' }],
};

function ics(...events: string[]): string {
  const body = events.map((e) => `BEGIN:VEVENT\r\n${e}\r\nEND:VEVENT`).join('\r\n');
  return `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:测试日历\r\n${body}\r\nEND:VCALENDAR\r\n`;
}

describe('loadArrangementFromJson', () => {
  it('reads the YearArrangement shape and sorts the days', () => {
    expect(loadArrangementFromJson(JSON.stringify(ARRANGEMENT_2027))).toEqual({
      ...ARRANGEMENT_2027,
      holidays: [
        { date: '2027-01-01', name: '元旦' },
        { date: '2027-01-02', name: '元旦' },
      ],
    });
  });

  it('round-trips every built-in year', () => {
    for (const arrangement of HOLIDAY_ARRANGEMENTS) expect(loadArrangementFromJson(JSON.stringify(arrangement))).toEqual(arrangement);
  });

  const bad = (change: Record<string, unknown>) => JSON.stringify({ ...ARRANGEMENT_2027, ...change });
  it.each([
    ['not JSON', '{ year: 2027', '不是有效的 JSON'],
    ['a missing field', JSON.stringify({ year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }], source: 'x' }), '字段 makeupWorkdays 缺失或类型不对'],
    ['a misspelt field', bad({ makeupDays: [] }), '有不认识的字段 makeupDays'],
    ['a date in another year', bad({ holidays: [{ date: '2026-12-31', name: '元旦' }] }), '2027年节假日安排中的放假日 2026-12-31（元旦）不在2027年内'],
    ['a date that does not exist', bad({ holidays: [{ date: '2027-02-29', name: '春节' }] }), '日期格式不对'],
    ['a make-up day on a weekday', bad({ makeupWorkdays: [{ date: '2027-02-22', name: '春节' }] }), '调休上班日 2027-02-22（春节）是星期一，不是周末'],
    ['a day both off and worked', bad({ makeupWorkdays: [{ date: '2027-01-02', name: '元旦' }] }), '2027年1月2日出现两次'],
    ['a day off listed twice', bad({ holidays: [{ date: '2027-01-01', name: '元旦' }, { date: '2027-01-01', name: '元旦' }] }), '出现两次'],
    ['no day off at all', bad({ holidays: [] }), '字段 holidays 不能为空'],
    ['an empty holiday name', bad({ holidays: [{ date: '2027-01-01', name: ' ' }] }), '字段 holidays.0.name 不能为空'],
    ['a year that is not a number', bad({ year: '2027' }), '字段 year 缺失或类型不对'],
    ['a year out of range', bad({ year: 1999, holidays: [{ date: '1999-01-01', name: '元旦' }], makeupWorkdays: [] }), '年份须在2000至2100之间'],
  ])('refuses %s', (_, text, message) => {
    expect(userMessageOf(() => loadArrangementFromJson(text))).toContain(message);
  });
});

describe('loadArrangementFromIcs', () => {
  it('reads chinese-days 2025.ics into the dates of the notice (国办发明电〔2024〕12号)', () => {
    const ours = HOLIDAY_ARRANGEMENTS.find((a) => a.year === 2025);
    const loaded = loadArrangementFromIcs(icsOf('years/2025.ics'));
    expect(loaded.year).toBe(2025);
    expect(loaded.holidays.map((d) => d.date)).toEqual(ours?.holidays.map((d) => d.date));
    expect(loaded.makeupWorkdays).toEqual([
      { date: '2025-01-26', name: '春节' },
      { date: '2025-02-08', name: '春节' },
      { date: '2025-04-27', name: '劳动节' },
      { date: '2025-09-28', name: '国庆节' },
      { date: '2025-10-11', name: '国庆节' },
    ]);
    expect(loaded.holidays.find((d) => d.date === '2025-01-28')?.name).toBe('春节');
  });

  it('needs the year for a file covering several years, then keeps that year only', () => {
    const text = icsOf('holidays.ics');
    expect(userMessageOf(() => loadArrangementFromIcs(text))).toBe('ICS 文件包含多个年份（2024、2025、2026），请指定要载入的年份');
    const loaded = loadArrangementFromIcs(text, { year: 2024, source: '国办发明电〔2023〕7号' });
    expect(loaded.source).toBe('国办发明电〔2023〕7号');
    // 2024 端午 in that file is 6月10日 only; the weekend joined to it is not listed there.
    const ours = HOLIDAY_ARRANGEMENTS.find((a) => a.year === 2024);
    expect(loaded.holidays.map((d) => d.date)).toEqual(ours?.holidays.map((d) => d.date).filter((d) => d !== '2024-06-08' && d !== '2024-06-09'));
    expect(loaded.makeupWorkdays.map((d) => d.date)).toEqual(ours?.makeupWorkdays.map((d) => d.date));
  });

  it('reads folded lines, DTEND as exclusive, a missing DTEND as one day, and words as well as (休)/(班)', () => {
    const loaded = loadArrangementFromIcs(
      ics(
        'DTSTART;VALUE=DATE:20270206\r\nDTEND;VALUE=DATE:20270209\r\nSUMMARY:春节\r\n 放假',
        'DTSTART;VALUE=DATE:20270220\r\nSUMMARY:春节调休上班',
        'DTSTART:20270101\r\nDTEND:20270102\r\nSUMMARY:元旦（休）',
      ),
    );
    expect(loaded).toEqual({
      year: 2027,
      source: 'ICS 文件：测试日历',
      holidays: [
        { date: '2027-01-01', name: '元旦' },
        { date: '2027-02-06', name: '春节' },
        { date: '2027-02-07', name: '春节' },
        { date: '2027-02-08', name: '春节' },
      ],
      makeupWorkdays: [{ date: '2027-02-20', name: '春节' }],
    });
  });

  it.each([
    ['a file that is not a calendar', 'hello', '不是 ICS 日历文件'],
    ['a calendar with no events', 'BEGIN:VCALENDAR\nEND:VCALENDAR', '没有日程'],
    ['an event with a time', ics('DTSTART:20270101T090000\r\nSUMMARY:元旦(休)'), '第1个日程“元旦(休)”不是全天日程'],
    ['an end before the start', ics('DTSTART;VALUE=DATE:20270103\r\nDTEND;VALUE=DATE:20270101\r\nSUMMARY:元旦(休)'), '须晚于开始日期'],
    ['a summary saying neither off nor work', ics('DTSTART;VALUE=DATE:20270101\r\nSUMMARY:元旦'), '第1个日程“元旦”的标题（SUMMARY）中没有“休”“假”或“班”'],
    ['an event with no holiday name', ics('DTSTART;VALUE=DATE:20270101\r\nSUMMARY:(休)'), '没有节日名称'],
    ['a make-up day on a weekday', ics('DTSTART;VALUE=DATE:20270101\r\nSUMMARY:元旦(休)', 'DTSTART;VALUE=DATE:20270105\r\nSUMMARY:元旦(班)'), '调休上班日 2027-01-05（元旦）是星期二，不是周末'],
    ['a day both off and worked', ics('DTSTART;VALUE=DATE:20270102\r\nSUMMARY:元旦(休)', 'DTSTART;VALUE=DATE:20270102\r\nSUMMARY:元旦(班)'), '2027年1月2日出现两次'],
    ['a year with make-up days only', ics('DTSTART;VALUE=DATE:20270102\r\nSUMMARY:元旦(班)'), '没有2027年的放假日'],
    ['an event of several months', ics('DTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20270401\r\nSUMMARY:春节(休)'), '长于31天'],
  ])('refuses %s', (_, text, message) => {
    expect(userMessageOf(() => loadArrangementFromIcs(text))).toContain(message);
  });
});
