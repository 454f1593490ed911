// Reading the reminders the daily job wrote, for 工作台 (a route to come): one agency's list of a
// day, overdue first, then by due date.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

export interface Reminder {
  trackingNumber: string;
  kind: 'due_soon' | 'overdue';
  dueOn: string;
  /** Negative when overdue. */
  workingDaysLeft: number;
}

export async function listReminders(db: Kysely<Database>, agencyId: number, date: string): Promise<Reminder[]> {
  const rows = await db
    .selectFrom('reminders')
    .select(['tracking_number', 'kind', 'due_on', 'working_days_left'])
    .where('agency_id', '=', agencyId)
    .where('reminder_date', '=', date)
    .orderBy('working_days_left')
    .orderBy('tracking_number')
    .execute();
  return rows.map((row) => ({ trackingNumber: row.tracking_number, kind: row.kind, dueOn: row.due_on, workingDaysLeft: row.working_days_left }));
}
