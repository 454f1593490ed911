// A CliIo that keeps what a command writes, for tests of the CLI in this process.
import type { CliIo } from '../src/cli/cli-io.ts';
import { runCli } from '../src/cli/main.ts';

export interface CliOutput {
  code: number;
  stdout: string;
  stderr: string;
}

export function captureIo(cwd: string): { io: CliIo; output: () => CliOutput } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: { write: (chunk) => out.push(String(chunk)) }, stderr: { write: (chunk) => err.push(String(chunk)) }, env: {}, cwd, verbose: false };
  return { io, output: () => ({ code: 0, stdout: out.join(''), stderr: err.join('') }) };
}

/** runCli in this process (real today): for usage, errors and exit codes. */
export async function gongkaiInProcess(args: readonly string[], cwd: string): Promise<CliOutput> {
  const { io, output } = captureIo(cwd);
  const code = await runCli(args, io);
  return { ...output(), code };
}
