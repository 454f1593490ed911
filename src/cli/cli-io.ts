// The streams and environment a command runs with, passed in so commands never reach
// for globals and can be run in-process by tests.
export interface CliStream {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** --verbose: add the English detail to Chinese messages. */
  verbose: boolean;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), verbose: false };
}

export function writeLine(stream: CliStream, text = ''): void {
  stream.write(`${text}\n`);
}
