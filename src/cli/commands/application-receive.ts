// gongkai application receive --agency CODE --file APPLICATION.json — register an application
// (the file has the shape of the HTTP body); prints the tracking number and the query code.
import type { CliIo } from '../cli-io.ts';
import { LOCAL_OPERATOR_ROLES } from './operator-roles.ts';
import { writeLine } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_OK } from '../exit-codes.ts';
import type { ApplicationCommandDeps } from './application-context.ts';
import { withApplicationService } from './application-context.ts';
import { readApplicationFile } from './application-input.ts';

export interface ApplicationReceiveOptions {
  agency: string;
  file: string;
  actor?: string;
  json: boolean;
  database?: string;
}

/** Who recorded it when --actor is not given: the login name, else "cli". */
export function defaultActor(io: CliIo): string {
  const user = io.env.USER ?? io.env.USERNAME;
  return user === undefined || user.trim() === '' ? 'cli' : user.trim();
}

export async function runApplicationReceive(options: ApplicationReceiveOptions, io: CliIo, deps: ApplicationCommandDeps = {}): Promise<ExitCode> {
  // The file is checked before the database is opened: a bad file touches nothing.
  const input = await readApplicationFile(options.file, io.cwd);
  const actor = options.actor ?? defaultActor(io);
  const created = await withApplicationService(options.database, io, deps, (service) => service.receiveApplication(options.agency, input, actor, LOCAL_OPERATOR_ROLES));
  if (options.json) {
    writeLine(io.stdout, JSON.stringify(created, null, 2));
  } else {
    writeLine(io.stdout, `已登记申请：${created.trackingNumber}`);
    writeLine(io.stdout, `查询码：${created.queryCode}`);
    writeLine(io.stdout, '请把查询码交给申请人：查询码只显示这一次，系统只保存其摘要，无法再次查看。');
  }
  return EXIT_OK;
}
