import { describe, expect, it } from 'vitest';
import { HOLIDAY_ARRANGEMENTS } from '../calendar/holiday-arrangements.ts';
import { createWorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { DomainError } from '../domain-error.ts';
import { computePublicationDeadline } from './publication-deadline.ts';

const calendar = createWorkingDayCalendar(HOLIDAY_ARRANGEMENTS);

describe('computePublicationDeadline (条例第二十六条: 20 working days)', () => {
  // Hand counts, from the day after the 形成 date:
  // 2025-09-26 (Fri): 9-28 Sun worked (1), 9-29 (2), 9-30 (3), 10-1…10-8 off, 10-9 (4), 10-10 (5),
  //   10-11 Sat worked (6), 10-13…17 (7–11), 10-20…24 (12–16), 10-27 (17), 28 (18), 29 (19), 10-30 Thu (20).
  // 2026-02-02 (Mon): 2-3…6 (1–4), 2-9…13 (5–9), 2-14 Sat worked (10), 2-15…23 春节 off, 2-24…27 (11–14),
  //   2-28 Sat worked (15), 3-2…6 (16–20): 2026-03-06 Fri.
  // 2025-01-20 (Mon): 1-21…24 (1–4), 1-26 Sun worked (5), 1-27 (6), 1-28…2-4 春节 off, 2-5…7 (7–9),
  //   2-8 Sat worked (10), 2-10…14 (11–15), 2-17…21 (16–20): 2025-02-21 Fri.
  // 2025-03-03 (Mon), no holiday: 3-4…7 (1–4), 3-10…14, 3-17…21, 3-24…28 (5–19), 3-31 Mon (20).
  it.each([
    { formedOn: '2025-09-26', dueOn: '2025-10-30' },
    { formedOn: '2026-02-02', dueOn: '2026-03-06' },
    { formedOn: '2025-01-20', dueOn: '2025-02-21' },
    { formedOn: '2025-03-03', dueOn: '2025-03-31' },
  ])('formed on $formedOn → due on $dueOn', ({ formedOn, dueOn }) => {
    const deadline = computePublicationDeadline(formedOn, null, calendar, formedOn);
    expect(deadline).toMatchObject({ dueOn, provisional: false, late: false });
  });

  it('explains the 国庆 count with its dates', () => {
    const { explanation } = computePublicationDeadline('2025-09-26', null, calendar, '2025-10-01');
    expect(explanation).toContain('自该政府信息形成或者变更之日（2025年9月26日）的次日起计算20个工作日');
    expect(explanation).toContain('9月28日（星期日）为调休上班日，计入');
    expect(explanation).toContain('跳过国庆节、中秋节假期10月1日至10月8日');
    expect(explanation).toContain('10月11日（星期六）为调休上班日，计入');
    expect(explanation).toContain('期限届满日为2025年10月30日（星期四）');
    expect(explanation).toContain('截至2025年10月1日尚未发布');
  });

  it.each([
    { name: 'published on the last day', publishedOn: '2025-10-30', today: '2025-12-01', late: false, says: '2025年10月30日发布，在期限内' },
    // 10-31 Fri is the first working day after 10-30; 11-3 Mon the second.
    { name: 'published a day late', publishedOn: '2025-10-31', today: '2025-12-01', late: true, says: '超过期限1个工作日' },
    { name: 'published two working days late, over a weekend', publishedOn: '2025-11-03', today: '2025-12-01', late: true, says: '超过期限2个工作日' },
    { name: 'unpublished, due today', publishedOn: null, today: '2025-10-30', late: false, says: '截至2025年10月30日尚未发布' },
    { name: 'unpublished, past due', publishedOn: null, today: '2025-10-31', late: true, says: '已超过期限1个工作日' },
  ])('$name: late is $late', ({ publishedOn, today, late, says }) => {
    const deadline = computePublicationDeadline('2025-09-26', publishedOn, calendar, today);
    expect(deadline.late).toBe(late);
    expect(deadline.explanation).toContain(says);
  });

  it('is provisional when the count runs into a year not loaded', () => {
    // 2026-12-20 is a Sunday. 12-21…25 (1–5), 12-28…31 (6–9); 2027 not loaded, weekdays only:
    // 1-1 Fri (10), 1-4…8 (11–15), 1-11…15 (16–20).
    const deadline = computePublicationDeadline('2026-12-20', null, calendar, '2026-12-21');
    expect(deadline).toMatchObject({ dueOn: '2027-01-15', provisional: true });
    expect(deadline.explanation).toContain('2027年节假日安排尚未载入');
    expect(deadline.explanation).toContain('（暂定）');
  });

  it('refuses a date that does not exist', () => {
    expect(() => computePublicationDeadline('2025-02-29', null, calendar, '2025-03-01')).toThrow(DomainError);
    expect(() => computePublicationDeadline('2025-02-28', '2025-13-01', calendar, '2025-03-01')).toThrow(/publishedOn/);
  });
});
