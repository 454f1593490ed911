// gongkai deadline --received YYYY-MM-DD [--extend] [--json] — the statutory deadlines of an
// application, from the same domain code the server uses (issue 3, 条例第三十条、第三十三条).
import { computeStatutoryDeadlines } from '../../domain/calendar/compute-statutory-deadlines.ts';
import type { StatutoryDeadline } from '../../domain/calendar/compute-statutory-deadlines.ts';
import { explainDeadline } from '../../domain/calendar/explain-deadline.ts';
import { HOLIDAY_ARRANGEMENTS } from '../../domain/calendar/holiday-arrangements.ts';
import { formatChineseDate, isIsoDate, weekdayName } from '../../domain/calendar/iso-date.ts';
import { createWorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import { DomainError } from '../../domain/domain-error.ts';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_OK } from '../exit-codes.ts';

export interface DeadlineOptions {
  received: string;
  extend: boolean;
  json: boolean;
}

function periodJson(deadline: StatutoryDeadline) {
  const { kind, label, article, workingDays, countedFrom, dueOn, provisional, reasons } = deadline;
  return { kind, label, article, workingDays, countedFrom, dueOn, provisional, reasons, explanation: explainDeadline(deadline) };
}

export async function runDeadline(options: DeadlineOptions, io: CliIo): Promise<ExitCode> {
  if (!isIsoDate(options.received)) {
    throw new DomainError('BAD_INPUT', `--received must be a date YYYY-MM-DD, got ${options.received}`, `--received 须为“年-月-日”格式的日期，如 2024-09-27（收到：${options.received}）`);
  }
  const calendar = createWorkingDayCalendar(HOLIDAY_ARRANGEMENTS);
  const deadlines = computeStatutoryDeadlines(calendar, options.received, { extend: options.extend });
  const periods = [deadlines.correctionNotice, deadlines.reply, ...(deadlines.extension === null ? [] : [deadlines.extension])];
  const unknownYears = [...new Set(periods.flatMap((p) => p.reasons.filter((r) => r.kind === 'unknownYear').map((r) => r.date.slice(0, 4))))];
  const warnings = unknownYears.map((year) => `提示：${year}年节假日安排尚未载入，日期为暂定（只排除了周末）`);

  if (options.json) {
    const json = {
      receivedOn: deadlines.receivedOn,
      dueOn: deadlines.reply.dueOn,
      correctionNoticeDueOn: deadlines.correctionNotice.dueOn,
      ...(deadlines.extension === null ? {} : { extendedDueOn: deadlines.extension.dueOn }),
      provisional: deadlines.provisional,
      reasons: deadlines.reply.reasons,
      warnings,
      periods: periods.map(periodJson),
    };
    writeLine(io.stdout, JSON.stringify(json, null, 2));
    // Seen on a terminal even when the JSON goes to a file.
    for (const warning of warnings) writeLine(io.stderr, warning);
  } else {
    const day = (date: string) => `${formatChineseDate(date)}（${weekdayName(date)}）`;
    writeLine(io.stdout, `收到申请日期：${day(deadlines.receivedOn)}`);
    for (const period of periods) {
      const more = period.kind === 'extension' ? '再延长' : '';
      writeLine(io.stdout, `${period.label}：${day(period.dueOn)}${period.provisional ? '（暂定）' : ''}　${more}${period.workingDays}个工作日，${period.article}`);
    }
    for (const warning of warnings) writeLine(io.stdout, warning);
    writeLine(io.stdout);
    writeLine(io.stdout, '计算说明');
    for (const period of periods) {
      writeLine(io.stdout, `${period.label}：`);
      for (const line of explainDeadline(period)) writeLine(io.stdout, `  ${line}`);
    }
  }
  return EXIT_OK;
}
