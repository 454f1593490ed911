// Rebuilds a case from its stored log. The events were checked when they were recorded, so
// only the transition table is applied again: a calendar loaded since then must not make
// history invalid (it moves the derived dates instead, see deriveCaseClock).
import { DomainError } from '../domain-error.ts';
import type { ApplicationCase } from './application-case.ts';
import type { CaseEvent } from './case-events.ts';
import { evolveCase, startCase } from './evolve-case.ts';

export function replayCaseEvents(id: string, events: readonly CaseEvent[]): ApplicationCase {
  const [first, ...rest] = events;
  if (first === undefined || first.kind !== 'received') {
    throw new DomainError('BAD_INPUT', `case ${id}: the log does not start with received`, '办理记录须从“登记收到申请”开始');
  }
  return rest.reduce<ApplicationCase>((applicationCase, event) => evolveCase(applicationCase, event), startCase(id, first));
}
