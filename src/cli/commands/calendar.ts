// gongkai calendar load FILE [--year Y] [--source S] — an administrator loads a year's 节假日安排
// (JSON in the YearArrangement shape, or an ICS file) without upgrading Gongkai; open cases'
// due dates are recomputed in the same transaction, as the HTTP route does.
// gongkai calendar list — the built-in and the loaded years.
import { loadArrangementFromIcs, parseYearArrangement } from '../../domain/calendar/parse-year-arrangement.ts';
import { LOCAL_OPERATOR_ROLES } from './operator-roles.ts';
import type { YearArrangement } from '../../domain/calendar/working-day-calendar.ts';
import { DomainError } from '../../domain/domain-error.ts';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { readInputText } from '../read-input-file.ts';
import type { ApplicationCommandDeps } from './application-context.ts';
import { withApplicationService } from './application-context.ts';
import { defaultActor } from './application-receive.ts';

export interface CalendarLoadOptions {
  file: string;
  year?: string;
  source?: string;
  actor?: string;
  json: boolean;
  database?: string;
}

function parseYearOption(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new DomainError('BAD_INPUT', `--year must be a 4-digit year, got ${text}`, `--year 须为4位年份，如 2027（收到：${text}）`, { field: 'year' });
  return Number(text);
}

/** ICS by its first line (BEGIN:VCALENDAR), whatever the file is named; JSON otherwise. */
export function readArrangement(text: string, file: string, options: { year?: number; source?: string }): YearArrangement {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*BEGIN:VCALENDAR/i.test(body)) return loadArrangementFromIcs(body, options);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new DomainError('BAD_INPUT', `${file}: neither ICS nor JSON (${(error as Error).message})`, `${file}：既不是 ICS 日历文件，也不是 JSON 文件`, { path: file });
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    // --year/--source fill what the file leaves out, and must agree with what it says.
    const record = value as Record<string, unknown>;
    if (options.year !== undefined && record.year !== undefined && record.year !== options.year) {
      throw new DomainError('BAD_INPUT', `${file}: year ${String(record.year)} differs from --year ${options.year}`, `${file}：文件中的年份（${String(record.year)}）与 --year ${options.year} 不一致`, { field: 'year' });
    }
    value = { ...(options.year === undefined ? {} : { year: options.year }), ...(options.source === undefined ? {} : { source: options.source }), ...record };
  }
  return parseYearArrangement(value);
}

export async function runCalendarLoad(options: CalendarLoadOptions, io: CliIo, deps: ApplicationCommandDeps = {}): Promise<ExitCode> {
  // The file is read and checked before the database is opened: a bad file touches nothing.
  const year = options.year === undefined ? undefined : parseYearOption(options.year);
  const text = await readInputText(options.file, io.cwd);
  const arrangement = readArrangement(text, options.file, { ...(year === undefined ? {} : { year }), ...(options.source === undefined ? {} : { source: options.source }) });
  const actor = options.actor ?? defaultActor(io);
  const result = await withApplicationService(options.database, io, deps, (service) => service.loadCalendarYear(arrangement, actor, LOCAL_OPERATOR_ROLES));
  if (options.json) {
    writeLine(io.stdout, JSON.stringify(result, null, 2));
    return EXIT_OK;
  }
  writeLine(io.stdout, `已载入${result.year}年节假日安排（${result.source}）：放假${arrangement.holidays.length}天，调休上班${arrangement.makeupWorkdays.length}天。`);
  if (result.changedCases.length === 0) {
    writeLine(io.stdout, '没有未办结申请的答复期限因此改变。');
    return EXIT_OK;
  }
  writeLine(io.stdout, `${result.changedCases.length}件未办结申请的答复期限重新计算（已记入各申请的办理记录）：`);
  for (const changed of result.changedCases) {
    const provisional = changed.oldProvisional && !changed.newProvisional ? '（不再是暂定）' : changed.newProvisional ? '（仍为暂定）' : '';
    writeLine(io.stdout, `  ${changed.trackingNumber}  ${changed.oldDueOn ?? '—'} → ${changed.newDueOn ?? '—'}${provisional}`);
  }
  return EXIT_OK;
}

export async function runCalendarList(options: { json: boolean; database?: string }, io: CliIo, deps: ApplicationCommandDeps = {}): Promise<ExitCode> {
  const years = await withApplicationService(options.database, io, deps, (service) => service.listCalendarYears());
  if (options.json) {
    writeLine(io.stdout, JSON.stringify(years, null, 2));
    return EXIT_OK;
  }
  writeLine(io.stdout, `内置年份：${years.builtInYears.join('、')}`);
  if (years.loaded.length === 0) writeLine(io.stdout, '管理员载入的年份：无');
  for (const loaded of years.loaded) writeLine(io.stdout, `管理员载入：${loaded.year}年（${loaded.source}），${loaded.loadedBy}于${loaded.loadedAt}载入`);
  return EXIT_OK;
}
