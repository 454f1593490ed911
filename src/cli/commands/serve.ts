// gongkai serve — the same server as `npm start`, with --port/--host/--database overriding the environment.
import { DomainError } from '../../domain/domain-error.ts';
import { startServer } from '../../server/main.ts';
import type { CliIo } from '../cli-io.ts';
import { parsePortOption } from '../cli-options.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { parseConfigForCli } from './database-url.ts';

export interface ServeOptions {
  port?: string;
  host?: string;
  database?: string;
}

export async function runServe(options: ServeOptions, io: CliIo): Promise<ExitCode> {
  const env = { ...io.env };
  if (options.port !== undefined) env.PORT = String(parsePortOption(options.port));
  if (options.host !== undefined) env.HOST = options.host;
  if (options.database !== undefined) env.DATABASE_URL = options.database;
  // startServer listens and installs its own SIGINT/SIGTERM shutdown; the open socket keeps the process alive.
  try {
    await startServer(parseConfigForCli(env));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE') throw new DomainError('BAD_INPUT', (error as Error).message, `端口已被占用：${env.PORT ?? '3000'}（用 --port 换一个端口）`);
    if (code === 'EACCES') throw new DomainError('BAD_INPUT', (error as Error).message, `没有权限监听该端口：${env.PORT ?? '3000'}`);
    throw error;
  }
  return EXIT_OK;
}
