// Expected dates are counted by hand on the made-up 2031 calendar (see case-test-support.ts for
// the numbered working days) and, at the end, on the real 2024/2025 arrangements.
import { describe, expect, it } from 'vitest';
import { HOLIDAY_ARRANGEMENTS } from '../calendar/holiday-arrangements.ts';
import { createWorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { CaseEventContext } from './apply-case-event.ts';
import { buildCase, events as e, LEADER, received, TEST_ARRANGEMENT_2031, TEST_CALENDAR } from './case-test-support.ts';
import { DEFAULT_EXTENSION_APPROVER_ROLES } from './deadline-rules.ts';
import { deriveCaseClock } from './derive-case-clock.ts';

const clock = (caseEvents: Parameters<typeof buildCase>[2], today: string, receivedOn = '2031-03-03') =>
  deriveCaseClock(buildCase('c', received(receivedOn), caseEvents), TEST_CALENDAR, today);

describe('deriveCaseClock: the 20 working days of 第三十三条 and the 7 of 第三十条', () => {
  it('counts from the day after receipt, skipping 测试节 and counting its make-up Saturday', () => {
    const c = clock([], '2031-03-03');
    expect(c.startedOn).toBe('2031-03-03');
    expect(c.correctionNoticeDueOn).toBe('2031-03-18'); // 7th working day
    expect(c.statutoryDueOn).toBe('2031-04-04'); // 20th working day
    expect(c.dueOn).toBe('2031-04-04');
    expect(c.provisional).toBe(false);
    expect(c.running).toBe(true);
    expect(c.paused).toBe(false);
    expect(c.explanation).toContain('跳过测试节假期3月10日至3月14日');
    expect(c.explanation).toContain('3月15日（星期六）为调休上班日，计入');
    expect(c.explanation[0]).toContain('收到申请之日：2031年3月3日（第三十一条）');
  });

  it.each([
    // today, working days left, due soon, overdue
    ['2031-03-27', 6, false, false], // (27 Mar, 4 Apr]: 28, 31, 1, 2, 3, 4
    ['2031-03-28', 5, true, false], // 31, 1, 2, 3, 4
    ['2031-04-04', 0, true, false], // due today
    ['2031-04-05', 0, false, true], // Saturday after the due date: no working day lost yet, but late
    ['2031-04-07', -1, false, true],
    ['2031-04-11', -5, false, true], // 7, 8, 9, 10, 11
  ] as const)('as of %s: %i working days left, due soon %s, overdue %s', (today, left, dueSoon, overdue) => {
    const c = clock([], today);
    expect(c.workingDaysLeft).toBe(left);
    expect(c.dueSoon).toBe(dueSoon);
    expect(c.overdue).toBe(overdue);
  });
});

describe('deriveCaseClock: 补正 restarts the period (第三十条)', () => {
  it('has no reply due date while the correction is awaited', () => {
    const c = clock([e.correctionRequested('2031-03-05', '2031-03-25')], '2031-03-10');
    expect(c.state).toBe('awaiting_correction');
    expect(c.startedOn).toBeNull();
    expect(c.dueOn).toBeNull();
    expect(c.workingDaysLeft).toBeNull();
    expect(c.running).toBe(false);
    expect(c.overdue).toBe(false);
    expect(c.explanation.join('\n')).toContain('等待申请人补正');
  });

  it('counts 20 working days again from the day the corrected application came in', () => {
    // 20 Mar (Thu) is day 0: 21 Mar (1), 24–28 (2–6), 31 (7), 1–4 Apr (8–11), 7–11 (12–16), 14–17 (17–20).
    const c = clock([e.correctionRequested('2031-03-05', '2031-03-25'), e.correctionReceived('2031-03-20')], '2031-03-20');
    expect(c.startedOn).toBe('2031-03-20');
    expect(c.restartedByCorrection).toBe(true);
    expect(c.dueOn).toBe('2031-04-17');
    expect(c.correctionNoticeDueOn).toBe('2031-03-18'); // still from the original receipt
    expect(c.explanation).toContain('2031年3月20日收到补正后的申请，答复期限自该日重新起算（第三十条）。');
  });
});

describe('deriveCaseClock: consultation and fee time is not counted (第三十三条第二款; 109号文)', () => {
  it('pushes the due date out by the working days in (sent, answered]', () => {
    // Sent Fri 7 Mar (day 4), answered Fri 21 Mar: 15, 17, 18, 19, 20, 21 = 6 paused working days.
    // 20 + 6 = 26th working day = 14 Apr; equally, 16 days left resume after 21 Mar and end on 14 Apr.
    const c = clock([e.consultationStarted('2031-03-07'), e.consultationAnswered('2031-03-21')], '2031-03-21');
    expect(c.pausedWorkingDays).toBe(6);
    expect(c.pauses).toEqual([{ kind: 'thirdPartyConsultation', from: '2031-03-07', to: '2031-03-21', workingDays: 6, answerDueOn: '2031-04-03' }]);
    expect(c.dueOn).toBe('2031-04-14');
    expect(c.paused).toBe(false);
    expect(c.explanation).toContain('征求第三方意见：2031年3月7日发出征求意见书，2031年3月21日收到意见，其间6个工作日不计算在答复期限内（第三十三条第二款）。');
    expect(c.explanation).toContain('20个工作日，加不计算在内的6个工作日，共26个工作日。');
  });

  it('while still waiting, shows the date as if the pause ended today and keeps the days left frozen', () => {
    // On 19 Mar: 15, 17, 18, 19 paused (4) → 24th working day = 10 Apr; days used before the pause: 4, so 16 left.
    const c = clock([e.consultationStarted('2031-03-07')], '2031-03-19');
    expect(c.paused).toBe(true);
    expect(c.running).toBe(false);
    expect(c.pausedWorkingDays).toBe(4);
    expect(c.dueOn).toBe('2031-04-10');
    expect(c.workingDaysLeft).toBe(16);
    expect(clock([e.consultationStarted('2031-03-07')], '2031-03-21').workingDaysLeft).toBe(16);
  });

  it('counts overlapping consultations once', () => {
    // Third party (5 Mar, 19 Mar]: 6, 7, 15, 17, 18, 19 = 6; other agency (17 Mar, 24 Mar]: 18, 19, 20, 21, 24 = 5.
    // Union (5 Mar, 24 Mar]: 6, 7, 15, 17, 18, 19, 20, 21, 24 = 9, not 11. 20 + 9 = 29th = 17 Apr.
    const c = clock(
      [e.consultationStarted('2031-03-05'), e.consultationStarted('2031-03-17', 'otherAgency'), e.consultationAnswered('2031-03-19'), e.consultationAnswered('2031-03-24', 'otherAgency')],
      '2031-03-24',
    );
    expect(c.pauses.map((p) => p.workingDays)).toEqual([6, 5]);
    expect(c.pausedWorkingDays).toBe(9);
    expect(c.dueOn).toBe('2031-04-17');
    expect(c.explanation).toContain('以上不计算的期间重叠部分只计一次，合计9个工作日。');
  });

  it('pauses from the fee notice to payment', () => {
    // (20 Mar, 27 Mar]: 21, 24, 25, 26, 27 = 5 → 25th working day = 11 Apr.
    const c = clock([e.feeNoticeSent('2031-03-20', '2031-04-18'), e.feePaid('2031-03-27')], '2031-03-27');
    expect(c.pausedWorkingDays).toBe(5);
    expect(c.dueOn).toBe('2031-04-11');
    expect(c.pauses[0]?.answerDueOn).toBeNull();
  });

  it('ignores a consultation that ended before a correction restarted the period', () => {
    // Consultation (4 Mar, 6 Mar] happened before the restart on 20 Mar: the new period is a plain 20 days.
    const c = clock(
      [e.consultationStarted('2031-03-04'), e.consultationAnswered('2031-03-06'), e.correctionRequested('2031-03-07', '2031-03-25'), e.correctionReceived('2031-03-20')],
      '2031-03-20',
    );
    expect(c.pausedWorkingDays).toBe(0);
    expect(c.dueOn).toBe('2031-04-17');
  });
});

describe('deriveCaseClock: extension (第三十三条第一款) and 第三十五条', () => {
  it.each([
    [20, '2031-05-02'], // 40th working day
    [10, '2031-04-18'], // 30th
    [1, '2031-04-07'], // 21st
  ])('adds %i working days', (days, dueOn) => {
    const c = clock([e.extensionApproved('2031-04-01', days)], '2031-04-01');
    expect(c.extensionWorkingDays).toBe(days);
    expect(c.dueOn).toBe(dueOn);
    expect(c.explanation.join('\n')).toContain(`2031年4月1日经政府信息公开工作机构负责人同意，延长答复期限${days}个工作日（第三十三条第一款），理由：需调取档案。`);
  });

  it('adds pause and extension together: 20 + 6 + 20 = 46th working day', () => {
    // After 2 May (40th): 5–9 May are 41–45, 12 May is 46.
    const c = clock([e.consultationStarted('2031-03-07'), e.consultationAnswered('2031-03-21'), e.extensionApproved('2031-04-01')], '2031-04-01');
    expect(c.dueOn).toBe('2031-05-12');
  });

  it('uses the 合理期限 the agency set under 第三十五条', () => {
    const c = clock([e.article35ReasonsRequested('2031-03-04'), e.article35Decided('2031-03-06', true, '2031-05-30')], '2031-04-07');
    expect(c.state).toBe('delayed_article35');
    expect(c.statutoryDueOn).toBe('2031-04-04');
    expect(c.delayedDueOn).toBe('2031-05-30');
    expect(c.dueOn).toBe('2031-05-30');
    expect(c.overdue).toBe(false);
  });
});

describe('deriveCaseClock: closed cases', () => {
  it.each([
    ['2031-04-04', false],
    ['2031-04-07', true],
  ])('replied on %s: late %s', (repliedOn, late) => {
    const c = clock([e.replied(repliedOn)], '2031-06-01');
    expect(c.concludedOn).toBe(repliedOn);
    expect(c.concludedLate).toBe(late);
    expect(c.workingDaysLeft).toBeNull();
    expect(c.overdue).toBe(false);
    expect(c.dueSoon).toBe(false);
  });

  it('stops an open consultation on withdrawal', () => {
    // (7 Mar, 19 Mar]: 15, 17, 18, 19 = 4, counted to the withdrawal and no further.
    const c = clock([e.consultationStarted('2031-03-07'), e.withdrawn('2031-03-19')], '2031-06-01');
    expect(c.pausedWorkingDays).toBe(4);
    expect(c.paused).toBe(false);
  });
});

describe('deriveCaseClock: provisional when the count runs into a year not loaded', () => {
  it('marks a count from December 2031 into 2032 provisional', () => {
    // 15 Dec 2031 (Mon): 16–19 (1–4), 22–26 (5–9), 29–31 (10–12), 1 Jan, 2 Jan (13, 14), 5–9 (15–19), 12 Jan (20).
    const c = clock([], '2031-12-15', '2031-12-15');
    expect(c.dueOn).toBe('2032-01-12');
    expect(c.provisional).toBe(true);
    expect(c.explanation.join('\n')).toContain('2032年节假日安排尚未载入');
  });

  it('is no longer provisional once 2032 is loaded', () => {
    const calendar = createWorkingDayCalendar([
      TEST_ARRANGEMENT_2031,
      { year: 2032, source: '测试用虚构安排', holidays: [{ date: '2032-01-01', name: '元旦' }], makeupWorkdays: [] },
    ]);
    const c = deriveCaseClock(buildCase('c', received('2031-12-15')), calendar, '2031-12-15');
    expect(c.provisional).toBe(false);
    expect(c.dueOn).toBe('2032-01-13'); // 元旦 (Thu 1 Jan) no longer counts: one day later
  });
});

describe('deriveCaseClock on the real 2024/2025 arrangements', () => {
  const calendar = createWorkingDayCalendar(HOLIDAY_ARRANGEMENTS);
  const context: CaseEventContext = { ...LEADER, calendar, approverRoles: DEFAULT_EXTENSION_APPROVER_ROLES };
  const real = (receivedOn: string, rest: Parameters<typeof buildCase>[2] = []) => deriveCaseClock(buildCase('r', received(receivedOn), rest, context), calendar, receivedOn);

  it('2024 Spring Festival: received Thu 1 Feb 2024', () => {
    // 2 Feb (1), Sun 4 Feb 调休 (2), 5–9 (3–7), 10–17 off, Sun 18 Feb 调休 (8), 19–23 (9–13),
    // 26–29 (14–17), 1 Mar (18), 4 Mar (19), 5 Mar (20).
    const c = real('2024-02-01');
    expect(c.correctionNoticeDueOn).toBe('2024-02-09');
    expect(c.dueOn).toBe('2024-03-05');
    expect(c.provisional).toBe(false);
  });

  it('2024 National Day: received Fri 27 Sep 2024', () => {
    // Sun 29 Sep 调休 (1), 30 Sep (2), 1–7 Oct off, 8–11 (3–6), Sat 12 Oct 调休 (7), 14–18 (8–12),
    // 21–25 (13–17), 28–30 (18–20).
    const c = real('2024-09-27');
    expect(c.correctionNoticeDueOn).toBe('2024-10-12');
    expect(c.dueOn).toBe('2024-10-30');
  });

  it('2025 Spring Festival with a 20-day extension: received Mon 20 Jan 2025', () => {
    // 21–24 Jan (1–4), Sun 26 Jan 调休 (5), 27 Jan (6), 28 Jan–4 Feb off, 5–7 Feb (7–9), Sat 8 Feb 调休 (10),
    // 10–14 (11–15), 17–21 (16–20) → 21 Feb. Extended: 24–28 Feb (21–25), 3–7 Mar (26–30),
    // 10–14 (31–35), 17–21 Mar (36–40) → 21 Mar.
    expect(real('2025-01-20').dueOn).toBe('2025-02-21');
    expect(real('2025-01-20', [e.extensionApproved('2025-02-20')]).dueOn).toBe('2025-03-21');
  });
});
