import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.ts';
import type { Action } from './permissions.ts';
import { ACTION_CODES, ACTION_LABELS, can, PERMISSIONS, requirePermission } from './permissions.ts';
import type { Role } from './roles.ts';
import { ROLE_CODES, ROLE_LABELS } from './roles.ts';

// The expected table, written by hand. Columns: 信息员 clerk, 科长 sectionChief, 分管领导 leader,
// 系统管理员 admin, 审计员 auditor, 政务公开办 supervisor. 'Y' may, '.' may not.
const COLUMNS: readonly Role[] = ['clerk', 'sectionChief', 'leader', 'admin', 'auditor', 'supervisor'];
// prettier-ignore
const EXPECTED: Record<Action, string> = {
  //                                 C S L A Au Sv
  'application.receive':            'Y Y . . . .',
  'application.recordEvent':        'Y Y . . . .',
  'application.approveExtension':   '. Y Y . . .',
  'application.read':               'Y Y Y . Y .',
  'review.record':                  'Y Y . . . .',
  'notice.editTemplate':            '. Y . Y . .',
  'notice.download':                'Y Y Y . . .',
  'publication.draft':              'Y Y . . . .',
  'publication.edit':               'Y Y . . . .',
  'publication.submit':             'Y Y . . . .',
  'publication.approve':            'Y Y Y . . .',
  'publication.withdraw':           '. Y Y Y . .',
  'publication.correct':            '. Y Y Y . .',
  'publication.changeValidity':     '. Y Y Y . .',
  'publication.read':               'Y Y Y Y Y .',
  'settings.edit':                  '. . Y Y . .',
  'calendar.load':                  '. . . Y . .',
  'figures.edit':                   'Y Y . . . .',
  'report.read':                    'Y Y Y Y Y .',
  'report.editText':                'Y Y Y . . .',
  'report.submit':                  'Y Y . . . .',
  'report.approve':                 '. . Y . . .',
  'report.publish':                 '. . Y Y . .',
  'report.unlock':                  '. . Y . . .',
  'audit.read':                     '. . Y . Y .',
  'audit.export':                   '. . . . Y .',
  'users.manage':                   '. . . Y . .',
  'agency.manage':                  '. . . Y . .',
  'supervision.read':               '. . . . . Y',
  'supervision.import':             '. . . . . Y',
  'supervision.setDeadline':        '. . . . . Y',
};

const cells = ACTION_CODES.flatMap((action) => COLUMNS.map((role, column) => ({ action, role, allowed: EXPECTED[action].split(' ')[column] === 'Y' })));

describe('permission table', () => {
  it('has a row in the expected table for every action and the same six roles', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTION_CODES].sort());
    expect([...ROLE_CODES]).toEqual([...COLUMNS]);
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...COLUMNS].sort());
    expect(cells).toHaveLength(31 * 6);
  });

  it.each(cells)('$role may $action: $allowed', ({ action, role, allowed }) => {
    expect(PERMISSIONS[role].has(action)).toBe(allowed);
    expect(can([role], action)).toBe(allowed);
  });

  it('grants the auditor reading and exporting only', () => {
    for (const action of PERMISSIONS.auditor) expect(action).toMatch(/\.read$|^audit\.export$/);
  });

  it('grants the supervisor the supervision actions only: no cases, drafts, reports of its own agency or settings', () => {
    expect([...PERMISSIONS.supervisor].sort()).toEqual(['supervision.import', 'supervision.read', 'supervision.setDeadline']);
  });

  it('grants by any of several roles, and nothing to unknown roles or none', () => {
    expect(can(['auditor', 'admin'], 'users.manage')).toBe(true);
    expect(can(['superuser', 'root'], 'users.manage')).toBe(false);
    expect(can([], 'publication.read')).toBe(false);
    // An own property of Object.prototype is not a role.
    expect(can(['constructor'], 'publication.read')).toBe(false);
  });

  it('labels every action and role in Chinese', () => {
    for (const action of ACTION_CODES) expect(ACTION_LABELS[action]).toMatch(/[\u4e00-\u9fff]/);
    expect(ROLE_LABELS).toEqual({ clerk: '信息员', sectionChief: '科长', leader: '分管领导', admin: '系统管理员', auditor: '审计员', supervisor: '政务公开办' });
  });
});

describe('requirePermission', () => {
  it('passes silently when allowed', () => {
    expect(() => requirePermission(['clerk'], 'application.receive')).not.toThrow();
  });

  it('refuses with FORBIDDEN naming the action and the roles that may do it', () => {
    let caught: unknown;
    try {
      requirePermission(['clerk', 'auditor'], 'application.approveExtension');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    const error = caught as DomainError;
    expect(error.code).toBe('FORBIDDEN');
    expect(error.userMessage).toBe('您没有权限批准延长答复期限：只有科长、分管领导可以办理。');
    expect(error.details).toEqual({ action: 'application.approveExtension', roles: ['clerk', 'auditor'], allowedRoles: ['sectionChief', 'leader'] });
  });
});
