// Why a due date is what it is, in plain Chinese for staff and applicants
// (architecture.md convention 1: show users why a date is what it is).
import type { IsoDate } from '../report/compute/report-records.ts';
import { addDays, formatChineseDate, weekdayName, yearOf } from './iso-date.ts';
import type { CalendarReason, WorkingDayCount } from './working-day-calendar.ts';

export interface DeadlineToExplain extends WorkingDayCount {
  workingDays: number;
  /** Counting starts the day after this date. */
  countedFrom: IsoDate;
  /** The event on `countedFrom`; default 收到申请之日. */
  countedFromLabel?: string;
}

/**
 * One line per step, e.g. "自收到申请之日（2024年2月1日）的次日起计算20个工作日",
 * "跳过春节假期2月10日至2月17日", "2月18日（星期日）为调休上班日，计入". Dates outside the
 * year counting started in carry their year.
 */
export function explainDeadline(deadline: DeadlineToExplain): string[] {
  const startYear = yearOf(deadline.countedFrom);
  const show = (date: IsoDate) => formatChineseDate(date, yearOf(date) !== startYear);
  const lines = [`自${deadline.countedFromLabel ?? '收到申请之日'}（${formatChineseDate(deadline.countedFrom)}）的次日起计算${deadline.workingDays}个工作日`];
  const reasons = deadline.reasons;
  for (let i = 0; i < reasons.length; i += 1) {
    const reason = reasons[i] as CalendarReason;
    switch (reason.kind) {
      case 'holiday': {
        // One line per run of consecutive days off of the same holiday.
        let last = reason;
        while (reasons[i + 1]?.kind === 'holiday' && reasons[i + 1]?.name === reason.name && reasons[i + 1]?.date === addDays(last.date, 1)) {
          i += 1;
          last = reasons[i] as CalendarReason;
        }
        const span = last.date === reason.date ? show(reason.date) : `${show(reason.date)}至${show(last.date)}`;
        lines.push(`跳过${reason.name}假期${span}`);
        break;
      }
      case 'makeupWorkday':
        lines.push(`${show(reason.date)}（${weekdayName(reason.date)}）为调休上班日，计入`);
        break;
      case 'weekend':
        lines.push(`跳过周末${show(reason.date)}`);
        break;
      case 'unknownYear':
        lines.push(`${reason.name}，${yearOf(reason.date)}年只排除了周末，日期为暂定`);
        break;
    }
  }
  lines.push(`期限届满日为${formatChineseDate(deadline.dueOn)}（${weekdayName(deadline.dueOn)}）${deadline.provisional ? '（暂定）' : ''}`);
  return lines;
}
