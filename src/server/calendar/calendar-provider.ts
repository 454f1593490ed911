// The working-day calendar the server counts with: the built-in 节假日安排 (HOLIDAY_ARRANGEMENTS)
// with the years an administrator loaded (calendar_years) on top; a loaded year wins.
// Read per use from the database (one small table), so a year loaded by another process
// (the CLI) counts at once; the built calendar is reused while the loaded rows are unchanged.
import type { Kysely } from 'kysely';
import { HOLIDAY_ARRANGEMENTS } from '../../domain/calendar/holiday-arrangements.ts';
import { parseYearArrangement } from '../../domain/calendar/parse-year-arrangement.ts';
import type { WorkingDayCalendar, YearArrangement } from '../../domain/calendar/working-day-calendar.ts';
import { createWorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import type { Database } from '../db/database.ts';
import { toIsoTimestamp } from '../applications/application.repository.ts';

export interface LoadedCalendarYear {
  year: number;
  source: string;
  loadedAt: string;
  loadedBy: string;
  arrangement: YearArrangement;
}

export interface CalendarProvider {
  /** The calendar as of now (inside `trx` when given, so a load in the same transaction counts). */
  current(trx?: Kysely<Database>): Promise<WorkingDayCalendar>;
  /** Years loaded by administrators, newest year first. */
  loadedYears(trx?: Kysely<Database>): Promise<LoadedCalendarYear[]>;
  /** Stores one year (replacing an earlier load of it). The caller owns the transaction. */
  storeYear(trx: Kysely<Database>, arrangement: YearArrangement, loadedBy: string): Promise<LoadedCalendarYear>;
  /** The built-in years, for the list of what is known. */
  readonly builtIn: readonly YearArrangement[];
}

export function createCalendarProvider(db: Kysely<Database>, builtIn: readonly YearArrangement[] = HOLIDAY_ARRANGEMENTS): CalendarProvider {
  let cached: { signature: string; calendar: WorkingDayCalendar } | undefined;

  async function loadedYears(trx: Kysely<Database> = db): Promise<LoadedCalendarYear[]> {
    const rows = await trx.selectFrom('calendar_years').selectAll().orderBy('year', 'desc').execute();
    return rows.map((row) => ({
      year: row.year,
      source: row.source,
      loadedAt: toIsoTimestamp(String(row.loaded_at)),
      loadedBy: row.loaded_by,
      arrangement: JSON.parse(row.arrangement) as YearArrangement,
    }));
  }

  return {
    builtIn,
    loadedYears,
    async current(trx = db) {
      const rows = await trx.selectFrom('calendar_years').select(['year', 'loaded_at', 'arrangement']).orderBy('year').execute();
      const signature = rows.map((row) => `${row.year}@${String(row.loaded_at)}#${row.arrangement.length}`).join('|');
      if (cached?.signature === signature) return cached.calendar;
      // Loaded years come after the built-in ones: createWorkingDayCalendar lets the later one win.
      const calendar = createWorkingDayCalendar([...builtIn, ...rows.map((row) => JSON.parse(row.arrangement) as YearArrangement)]);
      cached = { signature, calendar };
      return calendar;
    },
    async storeYear(trx, value, loadedBy) {
      const arrangement = parseYearArrangement(value);
      const json = JSON.stringify(arrangement);
      const loadedAt = new Date().toISOString();
      await trx
        .insertInto('calendar_years')
        .values({ year: arrangement.year, arrangement: json, source: arrangement.source, loaded_at: loadedAt, loaded_by: loadedBy })
        .onConflict((oc) => oc.column('year').doUpdateSet({ arrangement: json, source: arrangement.source, loaded_at: loadedAt, loaded_by: loadedBy }))
        .execute();
      return { year: arrangement.year, source: arrangement.source, loadedAt, loadedBy, arrangement };
    },
  };
}
