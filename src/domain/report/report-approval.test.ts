import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../account/permissions.ts';
import { decideReportTransition, isReportLocked, REPORT_COMMANDS, REPORT_STATE_LABELS } from './report-approval.ts';
import type { ReportCommand, ReportState } from './report-approval.ts';

const ok = (state: ReportState, command: ReportCommand, note: string | null = null) => decideReportTransition({ state, command, lintErrors: 0, note });
const refusal = (state: ReportState, command: ReportCommand, extra: { lintErrors?: number; note?: string | null } = {}) => {
  try {
    decideReportTransition({ state, command, lintErrors: extra.lintErrors ?? 0, note: extra.note ?? null });
  } catch (error) {
    return error as { code: string; userMessage: string };
  }
  throw new Error('expected a refusal');
};

describe('decideReportTransition', () => {
  it('follows 草稿 → 审核中 → 已定稿 → 已发布, with 退回 and 解除锁定 back to 草稿', () => {
    expect(ok('draft', 'submit')).toBe('inReview');
    expect(ok('inReview', 'return', '请补充')).toBe('draft');
    expect(ok('inReview', 'finalize')).toBe('finalized');
    expect(ok('finalized', 'publish')).toBe('published');
    expect(ok('finalized', 'unlock', '数据有误')).toBe('draft');
    expect(ok('published', 'unlock', '数据有误')).toBe('draft');
  });

  it('refuses a command the state does not allow, naming the state in Chinese', () => {
    expect(refusal('draft', 'finalize')).toMatchObject({ code: 'CONFLICT', userMessage: '年度报告当前为“草稿”，不能定稿。' });
    expect(refusal('published', 'publish')).toMatchObject({ code: 'CONFLICT', userMessage: '年度报告当前为“已发布”，不能发布。' });
    expect(refusal('draft', 'unlock', { note: '理由' })).toMatchObject({ code: 'CONFLICT', userMessage: '年度报告当前为“草稿”，不能解除锁定。' });
  });

  it('refuses submit and finalize while the lint finds errors, but not return or publish', () => {
    expect(refusal('draft', 'submit', { lintErrors: 2 })).toMatchObject({ code: 'CONFLICT', userMessage: '年度报告还有 2 处错误，请在检查结果中逐条改正后再提交审核。' });
    expect(refusal('inReview', 'finalize', { lintErrors: 1 })).toMatchObject({ code: 'CONFLICT', userMessage: '年度报告还有 1 处错误，请在检查结果中逐条改正后再定稿。' });
    expect(decideReportTransition({ state: 'inReview', command: 'return', lintErrors: 3, note: '请改正' })).toBe('draft');
    expect(decideReportTransition({ state: 'finalized', command: 'publish', lintErrors: 3, note: null })).toBe('published');
  });

  it('needs an opinion to return and a reason to unlock; blanks do not count', () => {
    expect(refusal('inReview', 'return', { note: '   ' })).toMatchObject({ code: 'BAD_INPUT', userMessage: '退回修改须填写审核意见。' });
    expect(refusal('finalized', 'unlock')).toMatchObject({ code: 'BAD_INPUT', userMessage: '解除锁定须填写理由，理由将记入审计记录。' });
  });

  it('refuses an unknown command', () => {
    expect(refusal('draft', 'delete' as ReportCommand)).toMatchObject({ code: 'BAD_INPUT', userMessage: '未知的操作。' });
  });
});

describe('report states and permissions', () => {
  it('locks the records in 已定稿 and 已发布 only', () => {
    expect((['draft', 'inReview', 'finalized', 'published'] as const).filter(isReportLocked)).toEqual(['finalized', 'published']);
    expect(REPORT_STATE_LABELS).toEqual({ draft: '草稿', inReview: '审核中', finalized: '已定稿', published: '已发布' });
  });

  it('gives each command to the roles of the contract: clerk submits, leader approves and unlocks, admin publishes too', () => {
    const who = (command: ReportCommand) => {
      const action = REPORT_COMMANDS.find((c) => c.code === command)?.action;
      return Object.entries(PERMISSIONS)
        .filter(([, actions]) => action !== undefined && actions.has(action))
        .map(([role]) => role);
    };
    expect(who('submit')).toEqual(['clerk', 'sectionChief']);
    expect(who('return')).toEqual(['leader']);
    expect(who('finalize')).toEqual(['leader']);
    expect(who('publish')).toEqual(['leader', 'admin']);
    expect(who('unlock')).toEqual(['leader']);
  });
});
