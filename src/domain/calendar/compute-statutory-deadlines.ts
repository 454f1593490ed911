// The statutory periods of 依申请公开, counted in working days from the day after receipt.
import type { IsoDate } from '../report/compute/report-records.ts';
import type { WorkingDayCalendar, WorkingDayCount } from './working-day-calendar.ts';
import { addWorkingDays } from './working-day-calendar.ts';

export interface StatutoryPeriod {
  kind: 'correctionNotice' | 'reply' | 'extension';
  /** What it is, as staff say it, e.g. 答复期限. */
  label: string;
  /** Where the law sets it. */
  article: string;
  workingDays: number;
  /** Counting starts the day after this date. */
  countedFrom: IsoDate;
  /** The event on `countedFrom`, e.g. 收到申请之日. */
  countedFromLabel: string;
}

export interface StatutoryDeadline extends StatutoryPeriod, WorkingDayCount {}

export interface StatutoryDeadlines {
  receivedOn: IsoDate;
  correctionNotice: StatutoryDeadline;
  reply: StatutoryDeadline;
  /** Present when an extension is asked for. */
  extension: StatutoryDeadline | null;
  /** True when any of the dates ran into a year with no loaded arrangement. */
  provisional: boolean;
}

// 条例第三十条: 补正 must be asked for 自收到申请之日起7个工作日内, once.
export const CORRECTION_NOTICE_WORKING_DAYS = 7;
// 条例第三十三条第一款: 不能当场答复的，应当自收到申请之日起20个工作日内予以答复.
export const REPLY_WORKING_DAYS = 20;
// 条例第三十三条第一款: 延长的期限最长不得超过20个工作日.
export const EXTENSION_WORKING_DAYS = 20;

function deadline(calendar: WorkingDayCalendar, period: StatutoryPeriod): StatutoryDeadline {
  return { ...period, ...addWorkingDays(calendar, period.countedFrom, period.workingDays) };
}

/**
 * The 补正 notice deadline, the reply deadline and, with `extend`, the extended reply
 * deadline (20 more working days after the reply deadline), for an application received on
 * `receivedOn`. Pauses (第三十二条 consultation, fee notices) are the case lifecycle's concern.
 */
export function computeStatutoryDeadlines(calendar: WorkingDayCalendar, receivedOn: IsoDate, options: { extend?: boolean } = {}): StatutoryDeadlines {
  const fromReceipt = { countedFrom: receivedOn, countedFromLabel: '收到申请之日' };
  const correctionNotice = deadline(calendar, { kind: 'correctionNotice', label: '补正告知期限', article: '条例第三十条', workingDays: CORRECTION_NOTICE_WORKING_DAYS, ...fromReceipt });
  const reply = deadline(calendar, { kind: 'reply', label: '答复期限', article: '条例第三十三条第一款', workingDays: REPLY_WORKING_DAYS, ...fromReceipt });
  const extension =
    options.extend === true
      ? deadline(calendar, {
          kind: 'extension',
          label: '延长后的答复期限',
          article: '条例第三十三条第一款',
          workingDays: EXTENSION_WORKING_DAYS,
          countedFrom: reply.dueOn,
          countedFromLabel: '原答复期限届满之日',
        })
      : null;
  return {
    receivedOn,
    correctionNotice,
    reply,
    extension,
    provisional: correctionNotice.provisional || reply.provisional || (extension?.provisional ?? false),
  };
}
