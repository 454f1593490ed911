// The approval of one year's annual report (issue 5): 草稿 → 审核 → 定稿 → 发布. At 定稿 the
// report is frozen and the year's records are locked; only an explicit unlock, with a reason
// and in the audit trail, opens them again (and sends the report back to 草稿). A published
// report stays on the portal until a newer version is published.
import type { Action } from '../account/permissions.ts';
import { DomainError } from '../domain-error.ts';

export const REPORT_STATES = [
  { code: 'draft', label: '草稿' },
  { code: 'inReview', label: '审核中' },
  { code: 'finalized', label: '已定稿' },
  { code: 'published', label: '已发布' },
] as const;

export type ReportState = (typeof REPORT_STATES)[number]['code'];

export const REPORT_STATE_LABELS: Readonly<Record<ReportState, string>> = Object.freeze(
  Object.fromEntries(REPORT_STATES.map((s) => [s.code, s.label])) as Record<ReportState, string>,
);

export const REPORT_COMMANDS = [
  { code: 'submit', label: '提交审核', from: ['draft'], to: 'inReview', action: 'report.submit' },
  { code: 'return', label: '退回修改', from: ['inReview'], to: 'draft', action: 'report.approve' },
  { code: 'finalize', label: '定稿', from: ['inReview'], to: 'finalized', action: 'report.approve' },
  { code: 'publish', label: '发布', from: ['finalized'], to: 'published', action: 'report.publish' },
  { code: 'unlock', label: '解除锁定', from: ['finalized', 'published'], to: 'draft', action: 'report.unlock' },
] as const satisfies readonly { code: string; label: string; from: readonly ReportState[]; to: ReportState; action: Action }[];

export type ReportCommand = (typeof REPORT_COMMANDS)[number]['code'];

/** States in which the year's records and the report's text may not change. */
export const LOCKED_REPORT_STATES: readonly ReportState[] = ['finalized', 'published'];

export function isReportLocked(state: ReportState): boolean {
  return LOCKED_REPORT_STATES.includes(state);
}

export interface ReportTransitionInput {
  state: ReportState;
  command: ReportCommand;
  /** Errors the lint finds in the report as it would be frozen; submit and finalize refuse any. */
  lintErrors: number;
  /** Opinion (return) or reason (unlock); required for both. */
  note: string | null;
}

/** The next state, or a DomainError in Chinese saying why not. Permission is checked by the caller. */
export function decideReportTransition(input: ReportTransitionInput): ReportState {
  const command = REPORT_COMMANDS.find((c) => c.code === input.command);
  if (command === undefined) throw new DomainError('BAD_INPUT', `unknown report command ${input.command}`, '未知的操作。');
  if (!(command.from as readonly ReportState[]).includes(input.state)) {
    throw new DomainError(
      'CONFLICT',
      `report command ${command.code} not allowed in state ${input.state}`,
      `年度报告当前为“${REPORT_STATE_LABELS[input.state]}”，不能${command.label}。`,
      { state: input.state, command: command.code },
    );
  }
  if ((command.code === 'submit' || command.code === 'finalize') && input.lintErrors > 0) {
    throw new DomainError(
      'CONFLICT',
      `report has ${input.lintErrors} lint errors; ${command.code} refused`,
      `年度报告还有 ${input.lintErrors} 处错误，请在检查结果中逐条改正后再${command.label}。`,
      { lintErrors: input.lintErrors },
    );
  }
  if ((command.code === 'return' || command.code === 'unlock') && (input.note === null || input.note.trim() === '')) {
    throw new DomainError(
      'BAD_INPUT',
      `report command ${command.code} needs a note`,
      command.code === 'return' ? '退回修改须填写审核意见。' : '解除锁定须填写理由，理由将记入审计记录。',
    );
  }
  return command.to;
}
