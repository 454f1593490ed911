// Files named on the command line -> bytes, text, or report records. Every failure becomes a
// DomainError with a Chinese message, so the user never sees a Node stack trace.
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DomainError } from '../domain/domain-error.ts';
import { parseReportRecords } from '../domain/report/compute/parse-report-records.ts';
import type { ReportRecords } from '../domain/report/compute/report-records.ts';
import { recordsFormatOf } from './cli-options.ts';

/** Well above any published report (the PDF fixtures are < 300 kB); stops us reading a disk image. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT':
      return '文件不存在';
    case 'EACCES':
    case 'EPERM':
      return '没有读取权限';
    case 'EISDIR':
      return '这是一个文件夹';
    default:
      return '读取失败';
  }
}

export async function readInputBytes(path: string, cwd: string): Promise<Uint8Array> {
  const full = resolve(cwd, path);
  try {
    const info = await stat(full);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (info.size > MAX_INPUT_BYTES) {
      throw new DomainError('TOO_LARGE', `${path}: ${info.size} bytes, limit ${MAX_INPUT_BYTES}`, `文件过大：${path}（超过 ${MAX_INPUT_BYTES / 1024 / 1024} MB）`, {
        path,
        size: info.size,
      });
    }
    return new Uint8Array(await readFile(full));
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('UNREADABLE_FILE', `cannot read ${path}: ${(error as Error).message}`, `无法读取文件：${path}（${reasonOf(error)}）`, { path });
  }
}

export async function readInputText(path: string, cwd: string): Promise<string> {
  const bytes = await readInputBytes(path, cwd);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new DomainError('UNREADABLE_FILE', `${path} is not UTF-8 text`, `无法读取文件：${path}（不是 UTF-8 编码的文本）`, { path });
  }
}

/** An import file of records (.json or .csv) -> ReportRecords; parseReportRecords lists every bad row. */
export async function readRecordsFromPath(path: string, cwd: string): Promise<ReportRecords> {
  const format = recordsFormatOf(path);
  const text = await readInputText(path, cwd);
  return parseReportRecords(text, format);
}
