// gongkai supervision import --agency CODE --year Y FILE|FOLDER: published reports of agencies
// not on the platform, read by the parser and linted, into the supervisor's view (as the API).
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { DomainError } from '../../domain/domain-error.ts';
import { connectDatabase } from '../../server/db/connect-database.ts';
import { migrateToLatest } from '../../server/db/migrate-to-latest.ts';
import { todayInChina } from '../../server/applications/application.service.ts';
import type { ImportFile } from '../../server/supervision/supervision.service.ts';
import { createSupervisionService } from '../../server/supervision/supervision.service.ts';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import { parseYearOption } from '../cli-options.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_BAD_INPUT, EXIT_OK } from '../exit-codes.ts';
import { databaseUrlFor } from './database-url.ts';

const REPORT_EXTENSIONS = /\.(pdf|docx|xlsx|html?|txt|json)$/i;

async function readFiles(path: string, cwd: string): Promise<ImportFile[]> {
  const full = resolve(cwd, path);
  const info = await stat(full).catch(() => null);
  if (info === null) throw new DomainError('BAD_INPUT', `no such file ${path}`, `找不到文件或文件夹：${path}`);
  if (info.isFile()) return [{ name: basename(full), bytes: new Uint8Array(await readFile(full)) }];
  const names = (await readdir(full)).filter((name) => REPORT_EXTENSIONS.test(name)).sort();
  if (names.length === 0) throw new DomainError('BAD_INPUT', `no report files in ${path}`, `文件夹中没有报告文件（PDF、Word、Excel、网页、文本或 JSON）：${path}`);
  return Promise.all(names.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(join(full, name))) })));
}

export async function runSupervisionImport(path: string, options: { agency: string; year: string; into?: string; json?: boolean; database?: string }, io: CliIo): Promise<ExitCode> {
  const year = parseYearOption(options.year);
  const files = await readFiles(path, io.cwd);
  const connection = await connectDatabase(databaseUrlFor(options.database, io));
  try {
    await migrateToLatest(connection.db);
    const service = createSupervisionService({ db: connection.db, today: todayInChina });
    const results = await service.importExternalReports(options.agency, year, files, 'cli', options.into === undefined ? {} : { childCode: options.into });
    if (options.json === true) writeLine(io.stdout, JSON.stringify(results));
    else for (const r of results) writeLine(r.imported ? io.stdout : io.stderr, `${r.fileName}：${r.message}${r.createdAgency ? `（新建未上平台机关 ${r.agencyCode ?? ''}）` : ''}`);
    return results.every((r) => r.imported) ? EXIT_OK : EXIT_BAD_INPUT;
  } finally {
    await connection.close();
  }
}
