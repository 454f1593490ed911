// Command-line values parsed like any other untyped input (architecture.md convention 6).
import { extname } from 'node:path';
import { z } from 'zod';
import { DomainError } from '../domain/domain-error.ts';

export const MIN_REPORT_YEAR = 2019;
export const MAX_REPORT_YEAR = 2100;

const yearSchema = z.coerce.number().int().min(MIN_REPORT_YEAR).max(MAX_REPORT_YEAR);

export function parseYearOption(raw: unknown, option = '--year'): number {
  const parsed = yearSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError('BAD_INPUT', `${option} must be a year ${MIN_REPORT_YEAR}-${MAX_REPORT_YEAR}, got ${String(raw)}`, `${option} 须为 ${MIN_REPORT_YEAR} 至 ${MAX_REPORT_YEAR} 之间的年份（收到：${String(raw)}）`);
  }
  return parsed.data;
}

export function parsePortOption(raw: unknown): number {
  const parsed = z.coerce.number().int().min(1).max(65535).safeParse(raw);
  if (!parsed.success) throw new DomainError('BAD_INPUT', `--port must be 1-65535, got ${String(raw)}`, `--port 须为 1 至 65535 之间的端口号（收到：${String(raw)}）`);
  return parsed.data;
}

/** An import file's format comes from its extension: .json or .csv. */
export function recordsFormatOf(path: string): 'json' | 'csv' {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  throw new DomainError('BAD_INPUT', `records file must end in .json or .csv: ${path}`, `记录文件须为 .json 或 .csv 文件：${path}`);
}
