// gongkai application list --agency CODE [--due-soon] [--overdue] [--state S] [--year Y] [--search T] [--limit N] [--offset N] [--json]
import type { CaseState } from '../../domain/application/application-case.ts';
import { DomainError } from '../../domain/domain-error.ts';
import type { ApplicationListItem, ListApplicationsOptions } from '../../server/applications/application.service.ts';
import { MAX_LIST_PAGE_SIZE } from '../../server/applications/application.service.ts';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { formatColumns } from '../text-layout.ts';
import type { ApplicationCommandDeps } from './application-context.ts';
import { withApplicationService } from './application-context.ts';
import { PROVISIONAL_WARNING, clockFlags } from './application-show.ts';

export interface ApplicationListOptions {
  agency: string;
  dueSoon: boolean;
  overdue: boolean;
  state?: CaseState;
  year?: string;
  search?: string;
  limit?: string;
  offset?: string;
  json: boolean;
  database?: string;
}

function parseYear(text: string): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || year < 2019 || year > 2100) {
    throw new DomainError('BAD_INPUT', `--year must be a year 2019-2100, got ${text}`, `--year 须为2019年以后的4位年份，如 2025（收到：${text}）`, { field: 'year' });
  }
  return year;
}

function parseCount(text: string, option: '--limit' | '--offset', min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new DomainError('BAD_INPUT', `${option} must be a whole number ${min}-${max}, got ${text}`, `${option} 须为${min}至${max}之间的整数（收到：${text}）`, { field: option.slice(2) });
  }
  return value;
}

function daysLeftCell(item: ApplicationListItem): string {
  if (item.state === 'closed' || item.workingDaysLeft === null) return '—';
  return String(item.workingDaysLeft);
}

export async function runApplicationList(options: ApplicationListOptions, io: CliIo, deps: ApplicationCommandDeps = {}): Promise<ExitCode> {
  const filter: ListApplicationsOptions = {};
  if (options.state !== undefined) filter.state = options.state;
  if (options.year !== undefined) filter.year = parseYear(options.year);
  if (options.search !== undefined) filter.search = options.search;
  if (options.limit !== undefined) filter.limit = parseCount(options.limit, '--limit', 1, MAX_LIST_PAGE_SIZE);
  if (options.offset !== undefined) filter.offset = parseCount(options.offset, '--offset', 0, Number.MAX_SAFE_INTEGER);
  // Both flags: "due soon or overdue", the list a clerk works from (the service reads it so).
  if (options.dueSoon) filter.dueSoon = true;
  if (options.overdue) filter.overdue = true;
  const page = await withApplicationService(options.database, io, deps, (service) => service.listApplications(options.agency, filter));
  const items = page.applications;
  const provisional = items.some((item) => item.provisional);

  if (options.json) {
    writeLine(io.stdout, JSON.stringify(page, null, 2));
    if (provisional) writeLine(io.stderr, PROVISIONAL_WARNING);
    return EXIT_OK;
  }
  if (items.length === 0) {
    writeLine(io.stdout, page.total === 0 ? '没有符合条件的申请。' : `共 ${page.total} 件，--offset ${page.offset} 之后没有了。`);
    return EXIT_OK;
  }
  const header = ['申请编号', '收到日期', '状态', '答复期限', '剩余工作日', '标记'];
  const rows = items.map((item) => [item.trackingNumber, item.receivedOn, item.stateLabel, item.dueOn ?? '—', daysLeftCell(item), clockFlags(item).join('、')]);
  writeLine(io.stdout, formatColumns([header, ...rows], ['left', 'left', 'left', 'left', 'right']));
  const shown = page.offset === 0 && items.length === page.total ? `共 ${page.total} 件。` : `共 ${page.total} 件，此处列出第 ${page.offset + 1}–${page.offset + items.length} 件（用 --offset 翻页）。`;
  writeLine(io.stdout, shown);
  if (provisional) writeLine(io.stdout, PROVISIONAL_WARNING);
  return EXIT_OK;
}
