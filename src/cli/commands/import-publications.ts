// gongkai import publications FILE.csv|FILE.json --agency CODE [--dry-run] — items published
// before Gongkai (or elsewhere), all or nothing. Every row is checked before the database is
// touched, then again by the publication service (catalogue codes, 索引号 taken) inside the one
// transaction that writes them; every rejected row is listed as “第N行 字段：原因”.
import { extname } from 'node:path';
import { DomainError, isDomainError } from '../../domain/domain-error.ts';
import type { ImportRowError, PublicationImportRow } from '../../domain/publication/parse-publication-import.ts';
import { formatImportRowErrors, parsePublicationImport } from '../../domain/publication/parse-publication-import.ts';
import type { IsoDate } from '../../domain/report/compute/report-records.ts';
import { decodeText } from '../../files/decode-text.ts';
import { looksLikeHtml, textToBodyHtml } from '../../files/sanitize-body-html.ts';
import { createAgenciesRepository } from '../../server/agencies/agencies.repository.ts';
import { todayInChina } from '../../server/applications/application.service.ts';
import { connectDatabase } from '../../server/db/connect-database.ts';
import { migrateToLatest } from '../../server/db/migrate-to-latest.ts';
import { createPublicationService } from '../../server/publications/publication.service.ts';
import type { PublicationSearch } from '../../server/search/publication-search.ts';
import { createPublicationSearch } from '../../server/search/publication-search.ts';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_BAD_INPUT, EXIT_OK } from '../exit-codes.ts';
import { readInputBytes } from '../read-input-file.ts';
import { defaultActor } from './application-receive.ts';
import { databaseUrlFor } from './database-url.ts';
import { LOCAL_OPERATOR_ROLES } from './operator-roles.ts';

export interface ImportPublicationsOptions {
  agency: string;
  dryRun: boolean;
  actor?: string;
  json: boolean;
  database?: string;
}

export interface ImportPublicationsDeps {
  /** Today in China by default (the date of the 'imported' events). */
  today?: () => IsoDate;
  /** The search index the service keeps in step; the real one by default. */
  search?: PublicationSearch;
}

function formatOf(path: string): 'csv' | 'json' {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'json';
  throw new DomainError('BAD_INPUT', `publications file must end in .csv or .json: ${path}`, `导入文件须为 .csv 或 .json 文件：${path}`);
}

/**
 * A body written as plain text (one paragraph a line) becomes paragraphs; HTML is passed on as
 * written. Either way the publication service sanitises it (sanitizeBodyHtml) before storing.
 */
function withHtmlBody(row: PublicationImportRow): PublicationImportRow {
  const body = row.fields.bodyHtml;
  return looksLikeHtml(body) ? row : { ...row, fields: { ...row.fields, bodyHtml: textToBodyHtml(body) } };
}

/** Row errors carried by a DomainError: the parser's details.rows, the service's rows or its one line. */
function rowErrorsOf(error: DomainError): ImportRowError[] | undefined {
  const rows = error.details.rows;
  if (Array.isArray(rows)) {
    return rows.flatMap((row: unknown) => {
      if (typeof row !== 'object' || row === null) return [];
      const { line, field, message } = row as { line?: unknown; field?: unknown; message?: unknown };
      return typeof line === 'number' && typeof message === 'string' ? [{ line, field: fieldName(field), message }] : [];
    });
  }
  const line = error.details.line;
  if (typeof line === 'number') return [{ line, field: fieldName(error.details.field), message: error.userMessage.replace(/^第\d+行[：:]\s*/, '') }];
  return undefined;
}

/** The service names fields by their code; show the column names of the import file. */
const COLUMN_LABELS: Record<string, string> = {
  indexNumber: '索引号',
  title: '标题',
  bodyHtml: '正文',
  summary: '内容概述',
  documentNumber: '文号',
  issuer: '发布机构',
  writtenOn: '成文日期',
  publishedOn: '发布日期',
  kind: '类别',
  categoryCode: '目录',
  channels: '渠道',
  validity: '有效性',
};

function fieldName(field: unknown): string {
  if (typeof field !== 'string' || field === '') return '内容';
  return COLUMN_LABELS[field] ?? field;
}

function reportRejected(errors: readonly ImportRowError[], json: boolean, io: CliIo): ExitCode {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  if (json) {
    writeLine(io.stdout, JSON.stringify({ ok: false, errors: sorted }, null, 2));
    return EXIT_BAD_INPUT;
  }
  const rows = new Set(sorted.map((error) => error.line)).size;
  writeLine(io.stderr, `错误：${rows} 行未通过校验，未导入任何信息：`);
  for (const line of formatImportRowErrors(sorted)) writeLine(io.stderr, line);
  return EXIT_BAD_INPUT;
}

export async function runImportPublications(file: string, options: ImportPublicationsOptions, io: CliIo, deps: ImportPublicationsDeps = {}): Promise<ExitCode> {
  const format = formatOf(file);
  // UTF-8 with or without BOM, or GBK from Excel's “CSV” export.
  const text = decodeText(await readInputBytes(file, io.cwd));
  let rows: PublicationImportRow[];
  try {
    rows = parsePublicationImport(text, format).map(withHtmlBody);
  } catch (error) {
    const rowErrors = isDomainError(error) ? rowErrorsOf(error) : undefined;
    if (rowErrors === undefined) throw error;
    return reportRejected(rowErrors, options.json, io);
  }

  const actor = options.actor ?? defaultActor(io);
  const connection = await connectDatabase(databaseUrlFor(options.database, io));
  try {
    await migrateToLatest(connection.db);
    const agency = await createAgenciesRepository(connection.db).getAgencyByCode(options.agency);
    const service = createPublicationService({ db: connection.db, today: deps.today ?? todayInChina, search: deps.search ?? createPublicationSearch({ db: connection.db }) });
    let result: { imported: number; indexNumbers: string[] };
    try {
      result = await service.importPublications(agency.code, rows, actor, { dryRun: options.dryRun, actorRoles: LOCAL_OPERATOR_ROLES });
    } catch (error) {
      const rowErrors = isDomainError(error) && error.code === 'BAD_INPUT' ? rowErrorsOf(error) : undefined;
      if (rowErrors === undefined) throw error;
      return reportRejected(rowErrors, options.json, io);
    }
    const numbered = rows.map((row, i) => ({ line: row.line, title: row.fields.title, indexNumber: result.indexNumbers[i] ?? '' }));
    if (options.json) {
      writeLine(io.stdout, JSON.stringify({ ok: true, dryRun: options.dryRun, agency: agency.code, imported: options.dryRun ? 0 : result.imported, rows: numbered }, null, 2));
      return EXIT_OK;
    }
    if (options.dryRun) {
      writeLine(io.stdout, `校验通过：${rows.length} 行，未写入（--dry-run）`);
      return EXIT_OK;
    }
    writeLine(io.stdout, `已导入 ${result.imported} 条主动公开信息到“${agency.name}”（${agency.code}）：`);
    for (const row of numbered) writeLine(io.stdout, `第${row.line}行 ${row.indexNumber} ${row.title}`);
  } finally {
    await connection.close();
  }
  return EXIT_OK;
}
