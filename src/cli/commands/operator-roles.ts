// The CLI is the trusted local operator: whoever runs it holds the database itself. The services
// still check the permission table, so the CLI states the roles it acts with: every role, except
// where the command takes --roles (application event, where an extension needs an approver).
import type { Role } from '../../domain/account/roles.ts';
import { ROLE_CODES } from '../../domain/account/roles.ts';

export const LOCAL_OPERATOR_ROLES: readonly Role[] = ROLE_CODES;

/** An event recorded without --roles is recorded as 信息员 (clerk): an extension still needs --roles leader or sectionChief. */
export const DEFAULT_EVENT_ROLES: readonly Role[] = ['clerk'];
