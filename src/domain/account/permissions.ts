// One permission table: which role may do which action, for every service (issue 5). Services
// call requirePermission before they change or show anything, so the rule holds whatever the
// UI shows. Some actions are narrowed further by the domain: publication.approve by the role
// of the current review step, acts on a published item by the chain's last step or an
// administrator (apply-publication-event.ts), extension approval by the configured approver roles.
import { DomainError } from '../domain-error.ts';
import type { Role } from './roles.ts';
import { ROLE_CODES, ROLE_LABELS } from './roles.ts';

export const ACTIONS = [
  { code: 'application.receive', label: '登记政府信息公开申请' },
  { code: 'application.recordEvent', label: '办理政府信息公开申请' },
  { code: 'application.approveExtension', label: '批准延长答复期限' },
  { code: 'application.read', label: '查看政府信息公开申请' },
  { code: 'review.record', label: '登记行政复议、行政诉讼案件' },
  { code: 'notice.editTemplate', label: '修改告知书模板' },
  { code: 'notice.download', label: '下载告知书' },
  { code: 'publication.draft', label: '起草主动公开信息' },
  { code: 'publication.edit', label: '修改主动公开信息草稿' },
  { code: 'publication.submit', label: '提交主动公开信息审核' },
  { code: 'publication.approve', label: '审核主动公开信息' },
  { code: 'publication.withdraw', label: '撤回已公开信息' },
  { code: 'publication.correct', label: '更正已公开信息' },
  { code: 'publication.changeValidity', label: '变更已公开信息的有效性' },
  { code: 'publication.read', label: '查看主动公开信息' },
  { code: 'settings.edit', label: '修改主动公开设置（目录、指南、审核流程、词库）' },
  { code: 'calendar.load', label: '导入节假日安排' },
  { code: 'figures.edit', label: '填报年度报告统计数' },
  { code: 'report.read', label: '查看年度报告' },
  { code: 'report.editText', label: '编写年度报告文字部分' },
  { code: 'report.submit', label: '提交年度报告审核' },
  { code: 'report.approve', label: '审核年度报告（定稿或退回）' },
  { code: 'report.publish', label: '发布年度报告' },
  { code: 'report.unlock', label: '解除年度报告定稿锁定' },
  { code: 'audit.read', label: '查看审计日志' },
  { code: 'audit.export', label: '导出审计日志' },
  { code: 'users.manage', label: '管理用户和角色' },
  { code: 'agency.manage', label: '管理机关（新建、改名、调整上级）' },
  { code: 'supervision.read', label: '查看下级机关的年度报告汇总' },
  { code: 'supervision.import', label: '导入未上平台机关的年度报告' },
  { code: 'supervision.setDeadline', label: '设定下级机关年度报告的报送期限' },
] as const;

export type Action = (typeof ACTIONS)[number]['code'];

export const ACTION_CODES: readonly Action[] = ACTIONS.map((action) => action.code);

export const ACTION_LABELS: Readonly<Record<Action, string>> = Object.freeze(
  Object.fromEntries(ACTIONS.map((action) => [action.code, action.label])) as Record<Action, string>,
);

// prettier-ignore
export const PERMISSIONS: Readonly<Record<Role, ReadonlySet<Action>>> = Object.freeze({
  // 信息员: receives and handles cases, drafts, and approves the first step of the chain.
  clerk: new Set<Action>([
    'application.receive', 'application.recordEvent', 'application.read', 'review.record',
    'notice.download',
    'publication.draft', 'publication.edit', 'publication.submit', 'publication.approve', 'publication.read',
    'figures.edit', 'report.read', 'report.editText', 'report.submit',
  ]),
  // 科长: what the clerk does, plus 工作机构负责人 decisions (条例第三十三条 extension) and published items.
  sectionChief: new Set<Action>([
    'application.receive', 'application.recordEvent', 'application.approveExtension', 'application.read', 'review.record',
    'notice.editTemplate', 'notice.download',
    'publication.draft', 'publication.edit', 'publication.submit', 'publication.approve',
    'publication.withdraw', 'publication.correct', 'publication.changeValidity', 'publication.read',
    'figures.edit', 'report.read', 'report.editText', 'report.submit',
  ]),
  // 分管领导: approves and oversees; does not enter cases or drafts.
  leader: new Set<Action>([
    'application.approveExtension', 'application.read',
    'notice.download',
    'publication.approve', 'publication.withdraw', 'publication.correct', 'publication.changeValidity', 'publication.read',
    'settings.edit',
    'report.read', 'report.editText', 'report.approve', 'report.publish', 'report.unlock',
    'audit.read',
  ]),
  // 系统管理员: configuration and accounts; no applicants' cases (三员分立, 条例第十五条 privacy).
  admin: new Set<Action>([
    'notice.editTemplate',
    'publication.withdraw', 'publication.correct', 'publication.changeValidity', 'publication.read',
    'settings.edit', 'calendar.load',
    'report.read', 'report.publish',
    'users.manage', 'agency.manage',
  ]),
  // 审计员: reads only.
  auditor: new Set<Action>([
    'application.read', 'publication.read', 'report.read',
    'audit.read', 'audit.export',
  ]),
  // 政务公开办 (条例第四十九条): reads the annual reports of its agency's subtree and their roll-up,
  // imports the reports of agencies not on the platform, sets the subtree's deadline. Nothing
  // else: no cases (applicants' personal data), no drafts, no settings.
  supervisor: new Set<Action>([
    'supervision.read', 'supervision.import', 'supervision.setDeadline',
  ]),
});

/** True when any of the roles may do the action. Unknown role strings grant nothing. */
export function can(roles: readonly string[], action: Action): boolean {
  return roles.some((role) => (ROLE_CODES as readonly string[]).includes(role) && PERMISSIONS[role as Role].has(action));
}

/** The roles that may do the action, in the order of ROLES. */
export function rolesAllowedTo(action: Action): Role[] {
  return ROLE_CODES.filter((role) => PERMISSIONS[role].has(action));
}

/** Throws DomainError FORBIDDEN naming the action and who may do it. */
export function requirePermission(roles: readonly string[], action: Action): void {
  if (can(roles, action)) return;
  const allowed = rolesAllowedTo(action);
  const who = allowed.map((role) => ROLE_LABELS[role]).join('、');
  throw new DomainError(
    'FORBIDDEN',
    `Roles [${roles.join(', ')}] may not ${action}; allowed: ${allowed.join(', ')}`,
    `您没有权限${ACTION_LABELS[action]}：只有${who}可以办理。`,
    { action, roles: [...roles], allowedRoles: allowed },
  );
}
