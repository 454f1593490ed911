// Daily deadline reminders (条例第三十三条): for each agency, the open cases due within 3 working
// days or overdue, written once per day into `reminders` for 工作台, and logged as counts per
// agency (tracking numbers and names stay out of the log). Paused cases (awaiting 补正) are left
// out: their clock stands still until the applicant answers. The clock is the same as the case
// list's (application.service.ts), so a reminder agrees with what the console shows that day.
import type { Kysely } from 'kysely';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { createApplicationService, MAX_LIST_PAGE_SIZE } from '../applications/application.service.ts';
import type { Database } from '../db/database.ts';
import type { Job, JobContext } from './job-runner.ts';
import { dailyAtChinaHour } from './job-runner.ts';

export const DEADLINE_REMINDERS_JOB = 'deadline-reminders';
/** Due within this many working days (today counted out, the due date in) is 'due_soon'. */
export const REMINDER_WORKING_DAYS = 3;
/** 06:00 in China: the list is ready when the office opens. */
export const DEADLINE_REMINDERS_HOUR = 6;

export interface ReminderRow {
  trackingNumber: string;
  kind: 'due_soon' | 'overdue';
  dueOn: string;
  workingDaysLeft: number;
}

/** One agency's reminders for `day` (YYYY-MM-DD in China), in order of receipt. */
export async function findReminders(db: Kysely<Database>, agencyCode: string, day: string): Promise<ReminderRow[]> {
  const service = createApplicationService({ db, today: () => day });
  const reminders: ReminderRow[] = [];
  for (let offset = 0; ; offset += MAX_LIST_PAGE_SIZE) {
    const page = await service.listApplications(agencyCode, { dueSoon: true, overdue: true, limit: MAX_LIST_PAGE_SIZE, offset });
    for (const item of page.applications) {
      if (item.paused || item.dueOn === null || item.workingDaysLeft === null) continue;
      if (item.overdue) reminders.push({ trackingNumber: item.trackingNumber, kind: 'overdue', dueOn: item.dueOn, workingDaysLeft: item.workingDaysLeft });
      else if (item.workingDaysLeft <= REMINDER_WORKING_DAYS) reminders.push({ trackingNumber: item.trackingNumber, kind: 'due_soon', dueOn: item.dueOn, workingDaysLeft: item.workingDaysLeft });
    }
    if (offset + MAX_LIST_PAGE_SIZE >= page.total) break;
  }
  return reminders;
}

async function runDeadlineReminders({ db, period, now, log }: JobContext): Promise<Record<string, unknown>> {
  const agencies = await createAgenciesRepository(db).listAgencies();
  let dueSoon = 0;
  let overdue = 0;
  for (const agency of agencies) {
    const rows = await findReminders(db, agency.code, period);
    if (rows.length > 0) {
      // A rerun of the day (after a failure) adds only what is missing.
      await db
        .insertInto('reminders')
        .values(rows.map((row) => ({ agency_id: agency.id, reminder_date: period, tracking_number: row.trackingNumber, kind: row.kind, due_on: row.dueOn, working_days_left: row.workingDaysLeft, created_at: now.toISOString() })))
        .onConflict((conflict) => conflict.columns(['agency_id', 'reminder_date', 'tracking_number']).doNothing())
        .execute();
    }
    const agencyDueSoon = rows.filter((row) => row.kind === 'due_soon').length;
    const agencyOverdue = rows.length - agencyDueSoon;
    dueSoon += agencyDueSoon;
    overdue += agencyOverdue;
    if (rows.length > 0) log.info({ job: DEADLINE_REMINDERS_JOB, period, agency: agency.code, dueSoon: agencyDueSoon, overdue: agencyOverdue }, 'deadline reminders written');
  }
  return { agencies: agencies.length, dueSoon, overdue };
}

export const deadlineRemindersJob: Job = {
  name: DEADLINE_REMINDERS_JOB,
  periodAt: dailyAtChinaHour(DEADLINE_REMINDERS_HOUR),
  run: runDeadlineReminders,
};
