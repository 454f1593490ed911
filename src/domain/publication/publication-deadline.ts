// 第二十六条: a proactive item is published within 20 working days of its forming (成文日期) or
// change. Late ones are flagged.
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { DomainError } from '../domain-error.ts';
import type { IsoDate } from '../report/compute/report-records.ts';

export interface PublicationDeadline {
  /** The last day to publish. */
  dueOn: IsoDate;
  provisional: boolean;
  /** Published after dueOn, or not yet published and today is after dueOn. */
  late: boolean;
  /** Why the date is what it is, in Chinese. */
  explanation: string;
}

export function computePublicationDeadline(formedOn: IsoDate, publishedOn: IsoDate | null, calendar: WorkingDayCalendar, today: IsoDate): PublicationDeadline {
  void formedOn;
  void publishedOn;
  void calendar;
  void today;
  throw new DomainError('BAD_INPUT', 'computePublicationDeadline: not built yet', '尚未实现');
}
