// 第二十六条: a proactive item is published within 20 working days of its forming (成文日期) or
// change. Late ones are flagged.
import { explainDeadline } from '../calendar/explain-deadline.ts';
import { formatChineseDate, isIsoDate } from '../calendar/iso-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { addWorkingDays, countWorkingDays } from '../calendar/working-day-calendar.ts';
import { DomainError } from '../domain-error.ts';
import type { IsoDate } from '../report/compute/report-records.ts';

/** 条例第二十六条: 自该政府信息形成或者变更之日起20个工作日内及时公开. */
export const PUBLICATION_WORKING_DAYS = 20;

export interface PublicationDeadline {
  /** The last day to publish. */
  dueOn: IsoDate;
  provisional: boolean;
  /** Published after dueOn, or not yet published and today is after dueOn. */
  late: boolean;
  /** Why the date is what it is, in Chinese. */
  explanation: string;
}

function requireDate(field: string, value: IsoDate, what: string): void {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new DomainError('BAD_INPUT', `${field} is not a date: ${String(value)}`, `${what}不是有效日期，应为“年-月-日”（如 2025-03-03）`, { field });
  }
}

/**
 * Counted like 第三十三条: from the day after the 形成/变更 date (the 成文日期, or the day it
 * changed), skipping weekends and 法定节假日 and counting 调休上班日. Provisional when the count
 * runs into a year whose 节假日安排 is not loaded. A special law's shorter period is not known here.
 */
export function computePublicationDeadline(formedOn: IsoDate, publishedOn: IsoDate | null, calendar: WorkingDayCalendar, today: IsoDate): PublicationDeadline {
  requireDate('formedOn', formedOn, '形成或者变更日期');
  if (publishedOn !== null) requireDate('publishedOn', publishedOn, '发布日期');
  requireDate('today', today, '当前日期');
  const count = addWorkingDays(calendar, formedOn, PUBLICATION_WORKING_DAYS);
  const lines = explainDeadline({ ...count, workingDays: PUBLICATION_WORKING_DAYS, countedFrom: formedOn, countedFromLabel: '该政府信息形成或者变更之日' });
  const late = publishedOn !== null ? publishedOn > count.dueOn : today > count.dueOn;
  let status: string;
  if (publishedOn !== null) {
    status = late
      ? `${formatChineseDate(publishedOn)}发布，超过期限${countWorkingDays(calendar, count.dueOn, publishedOn)}个工作日，属于逾期公开`
      : `${formatChineseDate(publishedOn)}发布，在期限内`;
  } else {
    status = late ? `截至${formatChineseDate(today)}尚未发布，已超过期限${countWorkingDays(calendar, count.dueOn, today)}个工作日` : `截至${formatChineseDate(today)}尚未发布`;
  }
  return { dueOn: count.dueOn, provisional: count.provisional, late, explanation: `条例第二十六条：${lines.join('；')}。${status}。` };
}
