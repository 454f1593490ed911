// The roles a user holds in one agency (issue 5). The review chain's steps name the same codes
// (publication.ts DEFAULT_REVIEW_CHAIN and ADMINISTRATOR). 审计员 only reads: 等保 2.0 二级 asks
// that audit records be reviewed by someone who cannot change what they review. 政务公开办
// (supervisor, 条例第四十九条) is held in a government and reads its subtree's annual reports only.
export const ROLES = [
  { code: 'clerk', label: '信息员' },
  { code: 'sectionChief', label: '科长' },
  { code: 'leader', label: '分管领导' },
  { code: 'admin', label: '系统管理员' },
  { code: 'auditor', label: '审计员' },
  { code: 'supervisor', label: '政务公开办' },
] as const;

export type Role = (typeof ROLES)[number]['code'];

export const ROLE_CODES: readonly Role[] = ROLES.map((role) => role.code);

export const ROLE_LABELS: Readonly<Record<Role, string>> = Object.freeze(
  Object.fromEntries(ROLES.map((role) => [role.code, role.label])) as Record<Role, string>,
);

export function isRole(value: string): value is Role {
  return (ROLE_CODES as readonly string[]).includes(value);
}
