// gongkai application show TRACKING_NUMBER [--json] — one case: applicant, the due date with
// the lines that explain it, days left, paused / due soon / overdue, and the history.
import { CONSULTATION_PARTY_LABELS } from '../../domain/application/case-events.ts';
import type { CaseEvent } from '../../domain/application/case-events.ts';
import { INTAKE_CHANNELS } from '../../domain/application/intake-channels.ts';
import { formatChineseDate, weekdayName } from '../../domain/calendar/iso-date.ts';
import { APPLICANT_TYPES, outcomeLabel } from '../../domain/report/report-format.ts';
import type { ApplicationDetails, CalendarChangedDetail } from '../../server/applications/application.service.ts';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { formatColumns } from '../text-layout.ts';
import type { ApplicationCommandDeps } from './application-context.ts';
import { withApplicationService } from './application-context.ts';

export interface ApplicationShowOptions {
  json: boolean;
  database?: string;
}

export const PROVISIONAL_WARNING = '提示：期限计算涉及尚未载入节假日安排的年份，日期为暂定（只排除了周末）。';

const ANSWER_LABELS: Record<string, string> = { consented: '同意公开', objected: '不同意公开', noAnswer: '逾期未答复' };

export function channelLabel(code: string): string {
  return INTAKE_CHANNELS.find((channel) => channel.code === code)?.label ?? code;
}

export function applicantTypeLabel(code: string): string {
  return APPLICANT_TYPES.find((type) => type.code === code)?.label ?? code;
}

export const chineseDay = (date: string): string => `${formatChineseDate(date)}（${weekdayName(date)}）`;

/** 暂停计算, 即将到期, 已超期, 暂定: the marks shown beside a due date. */
export function clockFlags(clock: { paused: boolean; dueSoon: boolean; overdue: boolean; provisional: boolean }): string[] {
  const flags: string[] = [];
  if (clock.paused) flags.push('暂停计算');
  if (clock.dueSoon) flags.push('即将到期');
  if (clock.overdue) flags.push('已超期');
  if (clock.provisional) flags.push('暂定');
  return flags;
}

/** What an event said beyond its label, in one line. */
function eventDetail(event: CaseEvent): string {
  switch (event.kind) {
    case 'received':
      return `渠道：${channelLabel(event.channel)}`;
    case 'correctionRequested':
      return `补正事项：${event.items.join('；')}；补正期限至${formatChineseDate(event.correctionDueOn)}`;
    case 'consultationStarted':
      return `${CONSULTATION_PARTY_LABELS[event.party]}：${event.addressees.join('、')}`;
    case 'consultationAnswered':
      return `${CONSULTATION_PARTY_LABELS[event.party]}${ANSWER_LABELS[event.answer] ?? event.answer}`;
    case 'extensionApproved':
      return `延长${event.workingDays}个工作日，理由：${event.reason}`;
    case 'feeNoticeSent':
      return `金额${event.amount}元，缴费期限至${formatChineseDate(event.paymentDueOn)}`;
    case 'article35Decided':
      return event.reasonable ? (event.delayedDueOn === null ? '理由合理，按期答复' : `理由合理，延迟答复至${formatChineseDate(event.delayedDueOn)}`) : '理由不合理，不予处理';
    case 'replied':
      return `${outcomeLabel(event.outcome)}；依据：${event.legalBasis}`;
    default:
      return '';
  }
}

/** A due date moved by a newly loaded 节假日安排 year. */
function auditDetail(detail: CalendarChangedDetail): string {
  const date = (value: string | null, provisional: boolean) => (value === null ? '无' : `${formatChineseDate(value)}${provisional ? '（暂定）' : ''}`);
  return `${detail.year}年节假日安排：答复期限由${date(detail.oldDueOn, detail.oldProvisional)}改为${date(detail.newDueOn, detail.newProvisional)}`;
}

function daysLeftText(details: ApplicationDetails): string {
  const { clock } = details;
  if (details.state === 'closed') {
    const late = clock.concludedLate === true ? '（逾期办结）' : '';
    return `${details.concludedOn === null ? '已办结' : `${formatChineseDate(details.concludedOn)}办结`}${late}`;
  }
  const left = clock.workingDaysLeft;
  if (left === null) return '尚未开始计算';
  if (clock.paused) return `暂停计算，恢复后还剩${left}个工作日`;
  if (left > 0) return `还剩${left}个工作日`;
  if (left === 0) return '今日为答复截止日';
  return `已超过答复期限${-left}个工作日`;
}

export function writeApplicationDetails(details: ApplicationDetails, io: CliIo): void {
  const { clock, applicant } = details;
  const out = (text = '') => writeLine(io.stdout, text);
  const identity = applicant.idNumber !== null ? `，身份证号码 ${applicant.idNumber}` : applicant.creditCode !== null ? `，统一社会信用代码 ${applicant.creditCode}` : '';
  const contact = [applicant.phone, applicant.email, applicant.address].filter((value): value is string => value !== null);
  const flags = clockFlags(clock);

  out(`申请编号：${details.trackingNumber}`);
  out(`办理状态：${details.stateLabel}${details.outcomeLabel === null ? '' : `（${details.outcomeLabel}）`}`);
  out(`申请人：${applicant.name}（${applicantTypeLabel(applicant.type)}${identity}）`);
  if (contact.length > 0) out(`联系方式：${contact.join('；')}`);
  out(`申请渠道：${channelLabel(details.channel)}`);
  out(`收到申请之日：${chineseDay(details.receivedOn)}`);
  out(`所需信息：${details.requestedInformation}`);
  if (details.requestedForm !== null || details.deliveryMethod !== null) out(`获取方式：${[details.requestedForm, details.deliveryMethod].filter((v) => v !== null).join('，')}`);
  out(`补正告知期限：${chineseDay(clock.correctionNoticeDueOn)}`);
  out(`答复期限：${clock.dueOn === null ? '无（尚未开始计算）' : chineseDay(clock.dueOn)}${clock.provisional ? '（暂定）' : ''}`);
  out(`期限状态：${daysLeftText(details)}${flags.length === 0 ? '' : `　[${flags.join('、')}]`}`);
  out(`版本号：${details.version}（登记办理事项时用 --expected-version ${details.version}）`);
  if (clock.provisional) out(PROVISIONAL_WARNING);
  out();
  out('期限说明');
  for (const line of clock.explanation) out(`  ${line}`);
  out();
  out('办理记录');
  const rows = details.history.map((entry) => [
    entry.source === 'event' ? String(entry.seq) : '',
    entry.at,
    entry.label,
    entry.actor,
    entry.source === 'event' ? eventDetail(entry.event) : auditDetail(entry.detail),
    entry.recordedAt === '' ? '' : `登记于 ${entry.recordedAt}`,
  ]);
  out(formatColumns([['序号', '日期', '事项', '办理人', '内容', ''], ...rows], ['right']).replace(/^/gm, '  '));
}

export async function runApplicationShow(trackingNumber: string, options: ApplicationShowOptions, io: CliIo, deps: ApplicationCommandDeps = {}): Promise<ExitCode> {
  const details = await withApplicationService(options.database, io, deps, (service) => service.getApplication(trackingNumber));
  if (options.json) {
    writeLine(io.stdout, JSON.stringify(details, null, 2));
    if (details.clock.provisional) writeLine(io.stderr, PROVISIONAL_WARNING);
  } else {
    writeApplicationDetails(details, io);
  }
  return EXIT_OK;
}
