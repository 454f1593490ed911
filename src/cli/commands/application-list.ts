// gongkai application list --agency CODE [--due-soon] [--overdue] [--state S] [--year Y] [--json]
import type { CaseState } from '../../domain/application/application-case.ts';
import { DomainError } from '../../domain/domain-error.ts';
import type { ApplicationListItem, ListApplicationsOptions } from '../../server/applications/application.service.ts';
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

function daysLeftCell(item: ApplicationListItem): string {
  if (item.state === 'closed' || item.workingDaysLeft === null) return '—';
  return String(item.workingDaysLeft);
}

export async function runApplicationList(options: ApplicationListOptions, io: CliIo, deps: ApplicationCommandDeps = {}): Promise<ExitCode> {
  const filter: ListApplicationsOptions = {};
  if (options.state !== undefined) filter.state = options.state;
  if (options.year !== undefined) filter.year = parseYear(options.year);
  // One flag filters in the service; both mean "due soon or overdue", the list a clerk works from.
  if (options.dueSoon !== options.overdue) {
    if (options.dueSoon) filter.dueSoon = true;
    else filter.overdue = true;
  }
  const listed = await withApplicationService(options.database, io, deps, (service) => service.listApplications(options.agency, filter));
  const items = options.dueSoon && options.overdue ? listed.filter((item) => item.dueSoon || item.overdue) : listed;
  const provisional = items.some((item) => item.provisional);

  if (options.json) {
    writeLine(io.stdout, JSON.stringify({ applications: items }, null, 2));
    if (provisional) writeLine(io.stderr, PROVISIONAL_WARNING);
    return EXIT_OK;
  }
  if (items.length === 0) {
    writeLine(io.stdout, '没有符合条件的申请。');
    return EXIT_OK;
  }
  const header = ['申请编号', '收到日期', '状态', '答复期限', '剩余工作日', '标记'];
  const rows = items.map((item) => [item.trackingNumber, item.receivedOn, item.stateLabel, item.dueOn ?? '—', daysLeftCell(item), clockFlags(item).join('、')]);
  writeLine(io.stdout, formatColumns([header, ...rows], ['left', 'left', 'left', 'left', 'right']));
  writeLine(io.stdout, `共 ${items.length} 件。`);
  if (provisional) writeLine(io.stdout, PROVISIONAL_WARNING);
  return EXIT_OK;
}
