// The reply clock of a case, derived on read from its events, the calendar and today
// (architecture.md conventions 1 and 2): never stored, so a newly loaded holiday
// arrangement moves every open case's date at once.
//
// Counting rule (条例第三十条、第三十三条; domain.md §E):
// - The period runs from the clock start: 收到申请之日, or the day the corrected application
//   came in (第三十条). The start day itself is day 0; day 1 is the next working day.
// - A pause (a consultation, 第三十三条第二款; a fee notice, 国办函〔2020〕109号) that went out on
//   day S and was answered on day A does not count the working days in (S, A]: day S was spent
//   on the case, and counting resumes the day after the answer, as it does after receipt.
//   Overlapping consultations are counted once (the union of their periods).
// - So: reply due = the (20 + paused working days + extension days)-th working day after the
//   start. This equals "resume on A with the days not yet used", since the days used before S
//   are those in (start, S].
// - While a pause is still open, the due date is shown as if it ended today; the working days
//   left then stay where they were when the pause began.
// - 第三十五条: once the agency has set a 延迟答复的合理期限, that date is the due date.
import type { IsoDate } from '../report/compute/report-records.ts';
import { outcomeLabel } from '../report/report-format.ts';
import { formatChineseDate } from '../calendar/iso-date.ts';
import { explainDeadline } from '../calendar/explain-deadline.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { addWorkingDays, countWorkingDays } from '../calendar/working-day-calendar.ts';
import type { ApplicationCase, CaseState, PauseKind } from './application-case.ts';
import type { DeadlineRules } from './deadline-rules.ts';
import { DUE_SOON_WORKING_DAYS, findDeadlineRules } from './deadline-rules.ts';

export interface ClockPause {
  readonly kind: PauseKind;
  readonly from: IsoDate;
  /** null while still waiting. */
  readonly to: IsoDate | null;
  /** Working days not counted for this pause alone: (from, to], or up to today while waiting; none before the clock start. */
  readonly workingDays: number;
  /** Consultations: the 15th working day after the letter went out (第三十二条、第三十四条); null for fees. */
  readonly answerDueOn: IsoDate | null;
}

export interface CaseClock {
  readonly state: CaseState;
  readonly rulesVersion: string;
  readonly receivedOn: IsoDate;
  /** Last day to send the one 补正 notice (第三十条): 7 working days after receipt. */
  readonly correctionNoticeDueOn: IsoDate;
  /** Day 0 of the reply period; null while a correction is awaited (the period has not started). */
  readonly startedOn: IsoDate | null;
  readonly restartedByCorrection: boolean;
  readonly pauses: readonly ClockPause[];
  /** All pauses together, overlaps counted once. */
  readonly pausedWorkingDays: number;
  readonly extensionWorkingDays: number;
  /** 第三十三条: start + 20 working days + paused working days + extension. */
  readonly statutoryDueOn: IsoDate | null;
  /** 第三十五条 合理期限 set by the agency, if any. */
  readonly delayedDueOn: IsoDate | null;
  /** The date that applies: the 合理期限 if set, else the statutory one; null before the period starts. */
  readonly dueOn: IsoDate | null;
  /** Open cases: working days in (today, dueOn]; negative when overdue (minus those in (dueOn, today]). */
  readonly workingDaysLeft: number | null;
  /** The reply period is counting down today. */
  readonly running: boolean;
  /** A consultation or fee notice is out: the period is stopped. */
  readonly paused: boolean;
  /** Open, not overdue, and DUE_SOON_WORKING_DAYS (5) or fewer left; also while paused, as the days left are frozen then. */
  readonly dueSoon: boolean;
  /** Open and today is after the due date. */
  readonly overdue: boolean;
  readonly concludedOn: IsoDate | null;
  /** Closed cases: concluded after the due date; null when there was no due date. */
  readonly concludedLate: boolean | null;
  /** The count ran into a year whose 节假日安排 is not loaded (weekends only were assumed). */
  readonly provisional: boolean;
  /** Plain Chinese lines saying why the date is what it is. */
  readonly explanation: readonly string[];
}

const PAUSE_LABELS: Record<PauseKind, { title: string; sent: string; back: string; waiting: string; basis: string }> = {
  thirdPartyConsultation: { title: '征求第三方意见', sent: '发出征求意见书', back: '收到意见', waiting: '尚未收到意见', basis: '第三十三条第二款' },
  agencyConsultation: { title: '征求其他机关意见', sent: '发出征求意见函', back: '收到意见', waiting: '尚未收到意见', basis: '第三十三条第二款' },
  fee: { title: '收费通知', sent: '发出收费通知', back: '缴费', waiting: '尚未缴费', basis: '国办函〔2020〕109号' },
};

const laterOf = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
const cn = (date: IsoDate): string => formatChineseDate(date);

interface Span {
  from: IsoDate;
  to: IsoDate;
}

/** Working days in the union of the spans (each read as (from, to]). */
function countUnion(calendar: WorkingDayCalendar, spans: readonly Span[]): number {
  const sorted = spans.filter((span) => span.to > span.from).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let total = 0;
  let current: Span | undefined;
  for (const span of sorted) {
    if (current !== undefined && span.from <= current.to) {
      current.to = laterOf(current.to, span.to);
      continue;
    }
    if (current !== undefined) total += countWorkingDays(calendar, current.from, current.to);
    current = { ...span };
  }
  if (current !== undefined) total += countWorkingDays(calendar, current.from, current.to);
  return total;
}

function describeWorkingDaysLeft(left: number, today: IsoDate, paused: boolean): string {
  const prefix = `截至${cn(today)}`;
  if (paused) return `${prefix}暂停计算，恢复计算后还剩${left}个工作日。`;
  if (left > 0) return `${prefix}还剩${left}个工作日。`;
  if (left === 0) return `${prefix}：今日为答复截止日。`;
  return `${prefix}已超过答复期限${-left}个工作日。`;
}

function requireRules(applicationCase: ApplicationCase): DeadlineRules {
  const rules = findDeadlineRules(applicationCase.rulesVersion);
  // Cases are opened only with a known version (openCase); a missing one is a programming error.
  if (rules === undefined) throw new Error(`unknown deadline rules version ${applicationCase.rulesVersion}`);
  return rules;
}

export function deriveCaseClock(applicationCase: ApplicationCase, calendar: WorkingDayCalendar, today: IsoDate): CaseClock {
  const rules = requireRules(applicationCase);
  const { correction, extension, article35 } = applicationCase;
  const closed = applicationCase.state === 'closed';
  const explanation: string[] = [`收到申请之日：${cn(applicationCase.receivedOn)}（第三十一条），答复期限自次日起计算；适用${rules.title}。`];

  const correctionNotice = addWorkingDays(calendar, applicationCase.receivedOn, rules.correctionNoticeWorkingDays);
  let provisional = correctionNotice.provisional;

  let startedOn: IsoDate | null = applicationCase.receivedOn;
  if (correction !== null) {
    explanation.push(`${cn(correction.requestedOn)}一次性告知补正（第三十条），补正期限至${cn(correction.correctionDueOn)}。`);
    if (correction.receivedOn !== null) {
      startedOn = correction.receivedOn;
      explanation.push(`${cn(correction.receivedOn)}收到补正后的申请，答复期限自该日重新起算（第三十条）。`);
    } else {
      startedOn = null;
      explanation.push(closed ? '申请人未在补正期限内补正，答复期限未重新起算。' : '等待申请人补正：答复期限自收到补正后的申请之日起重新计算（第三十条），目前没有答复截止日期。');
    }
  }

  // Open pauses run to today, or to the closing day (a withdrawal ends everything).
  const pauseEnd = (to: IsoDate | null): IsoDate => to ?? applicationCase.concludedOn ?? today;
  const pauses: ClockPause[] = applicationCase.pauses.map((pause) => {
    const from = startedOn === null ? pause.from : laterOf(pause.from, startedOn);
    const end = pauseEnd(pause.to);
    const answerDueOn = pause.kind === 'fee' ? null : addWorkingDays(calendar, pause.from, rules.consultationAnswerWorkingDays).dueOn;
    return { kind: pause.kind, from: pause.from, to: pause.to, workingDays: startedOn === null ? 0 : countWorkingDays(calendar, from, end), answerDueOn };
  });
  const countedPauses = startedOn === null ? [] : applicationCase.pauses.filter((pause) => rules.feeNoticeStopsClock || pause.kind !== 'fee');
  const pausedWorkingDays =
    startedOn === null ? 0 : countUnion(calendar, countedPauses.map((pause) => ({ from: laterOf(pause.from, startedOn ?? pause.from), to: pauseEnd(pause.to) })));
  const paused = !closed && applicationCase.pauses.some((pause) => pause.to === null);
  const extensionWorkingDays = extension?.workingDays ?? 0;

  let statutoryDueOn: IsoDate | null = null;
  if (startedOn !== null) {
    explanation.push(`答复期限为${rules.replyWorkingDays}个工作日（第三十三条第一款）。`);
    for (const pause of pauses) {
      const label = PAUSE_LABELS[pause.kind];
      const counted = pause.kind === 'fee' && !rules.feeNoticeStopsClock ? '，按所适用的规则照常计算' : `，其间${pause.workingDays}个工作日不计算在答复期限内（${label.basis}）`;
      const span = pause.to === null ? `${cn(pause.from)}${label.sent}，${closed ? '办结时' : ''}${label.waiting}` : `${cn(pause.from)}${label.sent}，${cn(pause.to)}${label.back}`;
      explanation.push(`${label.title}：${span}${counted}。`);
    }
    if (countedPauses.length > 1) explanation.push(`以上不计算的期间重叠部分只计一次，合计${pausedWorkingDays}个工作日。`);
    if (paused) explanation.push('目前暂停计算，截止日期按今日恢复计算估算。');
    if (extension !== null) {
      explanation.push(`${cn(extension.approvedOn)}经政府信息公开工作机构负责人同意，延长答复期限${extension.workingDays}个工作日（第三十三条第一款），理由：${extension.reason}。`);
    }
    const totalDays = rules.replyWorkingDays + pausedWorkingDays + extensionWorkingDays;
    const count = addWorkingDays(calendar, startedOn, totalDays);
    statutoryDueOn = count.dueOn;
    provisional = provisional || count.provisional;
    if (totalDays !== rules.replyWorkingDays) {
      const parts = [`${rules.replyWorkingDays}个工作日`];
      if (pausedWorkingDays > 0) parts.push(`加不计算在内的${pausedWorkingDays}个工作日`);
      if (extensionWorkingDays > 0) parts.push(`加延长的${extensionWorkingDays}个工作日`);
      explanation.push(`${parts.join('，')}，共${totalDays}个工作日。`);
    }
    const countedFromLabel = startedOn === applicationCase.receivedOn ? '收到申请之日' : '收到补正后的申请之日';
    explanation.push(...explainDeadline({ ...count, workingDays: totalDays, countedFrom: startedOn, countedFromLabel }));
  }

  if (article35 !== null) {
    explanation.push(`${cn(article35.reasonsRequestedOn)}要求申请人说明理由（第三十五条），其间答复期限照常计算。`);
    if (article35.reasonable === true && article35.delayedDueOn !== null && article35.decidedOn !== null) {
      explanation.push(`${cn(article35.decidedOn)}认为申请理由合理但无法按期答复，确定延迟答复的合理期限至${cn(article35.delayedDueOn)}（第三十五条），按此日期答复。`);
    }
  }
  const delayedDueOn = article35?.reasonable === true ? article35.delayedDueOn : null;
  const dueOn = startedOn === null ? null : (delayedDueOn ?? statutoryDueOn);

  let workingDaysLeft: number | null = null;
  let concludedLate: boolean | null = null;
  if (closed) {
    const concludedOn = applicationCase.concludedOn ?? applicationCase.lastEventOn;
    const outcome = applicationCase.outcome === null ? '' : `，办理结果：${outcomeLabel(applicationCase.outcome)}`;
    if (dueOn !== null) concludedLate = concludedOn > dueOn;
    const timing = concludedLate === null ? '' : concludedLate ? '，超过答复期限' : '，在答复期限内';
    explanation.push(`${cn(concludedOn)}办结${outcome}${timing}。`);
  } else if (dueOn !== null) {
    workingDaysLeft = dueOn >= today ? countWorkingDays(calendar, today, dueOn) : 0 - countWorkingDays(calendar, dueOn, today); // 0 - n, not -n: never -0
    explanation.push(describeWorkingDaysLeft(workingDaysLeft, today, paused));
  }
  const overdue = !closed && dueOn !== null && today > dueOn;

  return {
    state: applicationCase.state,
    rulesVersion: rules.version,
    receivedOn: applicationCase.receivedOn,
    correctionNoticeDueOn: correctionNotice.dueOn,
    startedOn,
    restartedByCorrection: correction?.receivedOn != null,
    pauses,
    pausedWorkingDays,
    extensionWorkingDays,
    statutoryDueOn,
    delayedDueOn,
    dueOn,
    workingDaysLeft,
    running: !closed && !paused && dueOn !== null,
    paused,
    dueSoon: !overdue && workingDaysLeft !== null && workingDaysLeft <= DUE_SOON_WORKING_DAYS,
    overdue,
    concludedOn: applicationCase.concludedOn,
    concludedLate,
    provisional,
    explanation,
  };
}
