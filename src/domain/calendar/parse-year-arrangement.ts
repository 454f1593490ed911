// An administrator loads a new year's 节假日安排 without upgrading Gongkai (issue 3): from JSON
// in the YearArrangement shape, or from an ICS calendar of all-day events ("春节(休)", "春节(班)").
// Everything is checked before it can move a statutory deadline.
import { z } from 'zod';
import { DomainError } from '../domain-error.ts';
import type { IsoDate } from '../report/compute/report-records.ts';
import { addDays, formatChineseDate, isIsoDate, isWeekend, weekdayName, yearOf } from './iso-date.ts';
import type { YearArrangement } from './working-day-calendar.ts';

type CalendarDay = YearArrangement['holidays'][number];

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
/** No holiday or make-up event lasts longer; a longer one is a mistake in the file. */
const MAX_EVENT_DAYS = 31;

const daySchema = z.strictObject({ date: z.string(), name: z.string().trim().min(1) });
const arrangementSchema = z.strictObject({
  year: z.int(),
  holidays: z.array(daySchema).min(1),
  makeupWorkdays: z.array(daySchema),
  source: z.string().trim().min(1),
});

function badInput(message: string, userMessage: string): DomainError {
  return new DomainError('BAD_INPUT', message, userMessage);
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (issue === undefined) return '内容不对';
  const path = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') return `${path === '' ? '' : `${path} 中`}有不认识的字段 ${issue.keys.join('、')}`;
  if (issue.code === 'too_small') return `字段 ${path} 不能为空`;
  return `字段 ${path} 缺失或类型不对`;
}

/** Checks an arrangement from any source and returns it with its days sorted. Throws BAD_INPUT naming the problem. */
export function parseYearArrangement(value: unknown): YearArrangement {
  const parsed = arrangementSchema.safeParse(value);
  if (!parsed.success) {
    throw badInput(`bad year arrangement: ${parsed.error.message}`, `节假日安排格式不对：${describeIssue(parsed.error.issues[0])}（应有 year、holidays、makeupWorkdays、source，每天为 { date, name }）`);
  }
  const { year, source } = parsed.data;
  if (year < MIN_YEAR || year > MAX_YEAR) throw badInput(`year out of range: ${year}`, `节假日安排的年份须在${MIN_YEAR}至${MAX_YEAR}之间（收到：${year}）`);

  const seen = new Map<IsoDate, string>();
  const check = (day: CalendarDay, label: string): void => {
    if (!isIsoDate(day.date)) throw badInput(`not a date: ${day.date}`, `${label}“${day.name}”的日期格式不对，应为“年-月-日”：${day.date}`);
    if (yearOf(day.date) !== year) throw badInput(`${day.date} is not in ${year}`, `${year}年节假日安排中的${label} ${day.date}（${day.name}）不在${year}年内`);
    const earlier = seen.get(day.date);
    if (earlier !== undefined) throw badInput(`${day.date} listed twice`, `${formatChineseDate(day.date)}出现两次：已是${earlier}，又列为${label}（${day.name}）`);
    seen.set(day.date, `${label}（${day.name}）`);
  };
  for (const day of parsed.data.holidays) check(day, '放假日');
  for (const day of parsed.data.makeupWorkdays) {
    check(day, '调休上班日');
    // 调休 moves work onto a weekend; a weekday is a working day already.
    if (!isWeekend(day.date)) throw badInput(`make-up workday ${day.date} is not a weekend`, `调休上班日 ${day.date}（${day.name}）是${weekdayName(day.date)}，不是周末；调休上班日只能是星期六或星期日`);
  }
  const byDate = (a: CalendarDay, b: CalendarDay) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  return {
    year,
    holidays: [...parsed.data.holidays].sort(byDate),
    makeupWorkdays: [...parsed.data.makeupWorkdays].sort(byDate),
    source,
  };
}

export function loadArrangementFromJson(text: string): YearArrangement {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badInput(`not JSON: ${error instanceof Error ? error.message : String(error)}`, '节假日安排文件不是有效的 JSON');
  }
  return parseYearArrangement(value);
}

interface IcsEvent {
  properties: Map<string, string>;
}

/** RFC 5545: lines folded with a leading space or tab are one line; properties are NAME;params:value. */
function readIcs(text: string): { events: IcsEvent[]; calendarName: string | undefined } {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n[ \t]/g, '').split('\n').map((line) => line.trimEnd());
  if (!lines.includes('BEGIN:VCALENDAR')) throw badInput('no BEGIN:VCALENDAR', '不是 ICS 日历文件（缺少 BEGIN:VCALENDAR）');
  const calendarName = lines.find((line) => line.startsWith('X-WR-CALNAME:'))?.slice('X-WR-CALNAME:'.length).trim();
  const events: IcsEvent[] = [];
  let current: IcsEvent | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = { properties: new Map() };
    else if (line === 'END:VEVENT' && current !== undefined) {
      events.push(current);
      current = undefined;
    } else if (current !== undefined) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const head = line.slice(0, colon);
      const name = head.split(';')[0]?.toUpperCase() ?? '';
      // Keep the first occurrence; "VALUE=DATE" is carried in the head and not needed.
      if (!current.properties.has(name)) current.properties.set(name, line.slice(colon + 1).trim());
    }
  }
  return { events, calendarName };
}

function icsDate(value: string | undefined): IsoDate | undefined {
  if (value === undefined || !/^\d{8}$/.test(value)) return undefined;
  const date = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  return isIsoDate(date) ? date : undefined;
}

function unescapeIcsText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, char: string) => (char === 'n' || char === 'N' ? ' ' : char));
}

/**
 * One year from an ICS file of all-day events. A summary with 班 is a make-up working day
 * ("春节(班)", "调休上班"); one with 休 or 假 is a day off ("春节(休)", "国庆节放假"). DTEND is
 * exclusive, as RFC 5545 says for all-day events. A file covering several years needs `year`.
 */
export function loadArrangementFromIcs(text: string, options: { year?: number; source?: string } = {}): YearArrangement {
  const { events, calendarName } = readIcs(text);
  if (events.length === 0) throw badInput('no VEVENT', 'ICS 文件中没有日程（VEVENT）');
  const holidays: CalendarDay[] = [];
  const makeupWorkdays: CalendarDay[] = [];
  events.forEach((event, index) => {
    const summary = unescapeIcsText(event.properties.get('SUMMARY') ?? '').trim();
    const label = `第${index + 1}个日程${summary === '' ? '' : `“${summary}”`}`;
    const start = icsDate(event.properties.get('DTSTART'));
    if (start === undefined) throw badInput(`event ${index + 1}: DTSTART is not a date`, `${label}不是全天日程：DTSTART 须为日期（如 20250128）`);
    const endRaw = event.properties.get('DTEND');
    const end = endRaw === undefined ? addDays(start, 1) : icsDate(endRaw);
    if (end === undefined) throw badInput(`event ${index + 1}: DTEND is not a date`, `${label}不是全天日程：DTEND 须为日期（如 20250205）`);
    if (end <= start) throw badInput(`event ${index + 1}: DTEND not after DTSTART`, `${label}的结束日期（DTEND，不含当日）须晚于开始日期`);
    if (end > addDays(start, MAX_EVENT_DAYS)) throw badInput(`event ${index + 1}: longer than ${MAX_EVENT_DAYS} days`, `${label}长于${MAX_EVENT_DAYS}天，不像一次放假或调休`);
    const isMakeup = summary.includes('班');
    if (!isMakeup && !/[休假]/.test(summary)) throw badInput(`event ${index + 1}: summary has neither 休/假 nor 班`, `${label}的标题（SUMMARY）中没有“休”“假”或“班”，无法判断是放假还是调休上班`);
    const name = summary.replace(/[（(][^）)]*[）)]/g, '').replace(/(调休上班|放假调休|放假|上班|补班|调休|休息|休|假|班)$/, '').trim();
    if (name === '') throw badInput(`event ${index + 1}: no holiday name`, `${label}的标题中没有节日名称（如“春节(休)”）`);
    for (let date = start; date < end; date = addDays(date, 1)) (isMakeup ? makeupWorkdays : holidays).push({ date, name });
  });

  const years = [...new Set([...holidays, ...makeupWorkdays].map((day) => yearOf(day.date)))].sort((a, b) => a - b);
  const year = options.year ?? (years.length === 1 ? years[0] : undefined);
  if (year === undefined) throw badInput(`ICS covers several years: ${years.join(', ')}`, `ICS 文件包含多个年份（${years.join('、')}），请指定要载入的年份`);
  const inYear = (day: CalendarDay) => yearOf(day.date) === year;
  if (!holidays.some(inYear)) throw badInput(`ICS has no day off in ${year}`, `ICS 文件中没有${year}年的放假日`);
  return parseYearArrangement({
    year,
    holidays: holidays.filter(inYear),
    makeupWorkdays: makeupWorkdays.filter(inYear),
    source: options.source ?? `ICS 文件${calendarName === undefined ? '' : `：${calendarName}`}`,
  });
}
