// pg_dump and pg_restore, run with the connection as a URL. A password in the URL is passed in
// PGPASSWORD instead, so it does not show in the process list.
import { spawn } from 'node:child_process';
import { DomainError } from '../../../domain/domain-error.ts';

export interface PgCommandTarget {
  /** The URL without its password. */
  url: string;
  env: NodeJS.ProcessEnv;
}

export function pgCommandTarget(url: string): PgCommandTarget {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (parsed.password !== '') {
    env.PGPASSWORD = decodeURIComponent(parsed.password);
    parsed.password = '';
  }
  return { url: parsed.toString(), env };
}

/** Runs a PostgreSQL client program; its own message (first lines of stderr) becomes the error. */
export function runPgCommand(program: 'pg_dump' | 'pg_restore', args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        reject(new DomainError('BAD_INPUT', `${program} not found on PATH`, `找不到 ${program}：请安装 PostgreSQL 客户端程序（版本不低于数据库服务器），并确保它在 PATH 中`));
      } else reject(error);
    });
    child.on('close', (code) => {
      if (code === 0) {
        resolve(Buffer.concat(stdout).toString('utf8'));
        return;
      }
      const message = Buffer.concat(stderr).toString('utf8').trim().split('\n').slice(0, 5).join('\n');
      reject(new DomainError('BAD_INPUT', `${program} exited with ${String(code)}: ${message}`, `${program} 执行失败：${message}`));
    });
  });
}
