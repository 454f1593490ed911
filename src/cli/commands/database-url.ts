import { DomainError } from '../../domain/domain-error.ts';
import type { Config } from '../../server/config.ts';
import { parseConfig } from '../../server/config.ts';
import type { CliIo } from '../cli-io.ts';

/** parseConfig for the CLI: a wrong environment variable is bad input (exit 2), not a crash. */
export function parseConfigForCli(env: Record<string, string | undefined>): Config {
  try {
    return parseConfig(env);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new DomainError('BAD_INPUT', detail, `环境变量设置有误：${detail}`);
  }
}

/** --database wins over DATABASE_URL, which wins over the server's default (./data/gongkai.db). */
export function databaseUrlFor(option: string | undefined, io: CliIo): string {
  return option ?? parseConfigForCli(io.env).databaseUrl;
}
