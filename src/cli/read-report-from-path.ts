// A report file named on the command line -> ParsedReport. Kept apart from read-input-file.ts
// because readReportFile loads the PDF and DOCX libraries, which `report compute` does not need.
import { basename } from 'node:path';
import type { ParsedReport } from '../domain/report/parse/parsed-report.ts';
import { readReportFile } from '../files/read-report-file.ts';
import { readInputBytes } from './read-input-file.ts';

export async function readReportFromPath(path: string, cwd: string): Promise<ParsedReport> {
  const bytes = await readInputBytes(path, cwd);
  return readReportFile({ name: basename(path), bytes });
}
