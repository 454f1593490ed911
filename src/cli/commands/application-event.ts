// gongkai application event TRACKING_NUMBER --file EVENT.json --expected-version N --actor USER
// — record one lifecycle event under the version check. A step the law refuses, or a case
// changed by someone else since it was read, exits 4 (EXIT_CONFLICT) with the reason in Chinese.
import { DomainError } from '../../domain/domain-error.ts';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_OK } from '../exit-codes.ts';
import type { ApplicationCommandDeps } from './application-context.ts';
import { withApplicationService } from './application-context.ts';
import { readEventFile } from './application-input.ts';
import { writeApplicationDetails } from './application-show.ts';
import { DEFAULT_EVENT_ROLES } from './operator-roles.ts';

export interface ApplicationEventOptions {
  file: string;
  expectedVersion: string;
  actor: string;
  /** Comma-separated, e.g. "leader": an extension needs an approving role (第三十三条). */
  roles?: string;
  json: boolean;
  database?: string;
}

function parseVersion(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new DomainError('BAD_INPUT', `--expected-version must be a positive integer, got ${text}`, `--expected-version 须为正整数，即 application show 显示的版本号（收到：${text}）`, {
      field: 'expectedVersion',
    });
  }
  return Number(text);
}

export async function runApplicationEvent(trackingNumber: string, options: ApplicationEventOptions, io: CliIo, deps: ApplicationCommandDeps = {}): Promise<ExitCode> {
  const expectedVersion = parseVersion(options.expectedVersion);
  const actor = options.actor.trim();
  if (actor === '') throw new DomainError('BAD_INPUT', '--actor is empty', '--actor 不能为空：须写明办理人', { field: 'actor' });
  const given = (options.roles ?? '').split(',').map((role) => role.trim()).filter((role) => role !== '');
  const actorRoles = given.length === 0 ? DEFAULT_EVENT_ROLES : given;
  const event = await readEventFile(options.file, io.cwd);
  const details = await withApplicationService(options.database, io, deps, (service) => service.recordEvent(trackingNumber, event, { actor, actorRoles, expectedVersion }));
  if (options.json) {
    writeLine(io.stdout, JSON.stringify(details, null, 2));
    return EXIT_OK;
  }
  const last = details.history.at(-1);
  writeLine(io.stdout, `已登记：${last?.label ?? event.kind}（${details.trackingNumber}，版本号 ${details.version}）`);
  writeLine(io.stdout);
  writeApplicationDetails(details, io);
  return EXIT_OK;
}
