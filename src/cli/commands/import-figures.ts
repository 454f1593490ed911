// gongkai import figures FILE.csv --agency CODE [--dry-run] — table 二 第二十条第（五）（六）（八）项
// per year from a CSV (年度, 行政许可, 行政处罚, 行政强制, 行政事业性收费（万元）). All rows or
// none; a year already entered is replaced, other years are left as they are. (`gongkai import
// records`, by contrast, replaces every year of the agency with its file's.)
import { extname } from 'node:path';
import { DomainError, isDomainError } from '../../domain/domain-error.ts';
import { decodeText } from '../../files/decode-text.ts';
import { connectDatabase } from '../../server/db/connect-database.ts';
import { migrateToLatest } from '../../server/db/migrate-to-latest.ts';
import type { FiguresImportRow, FiguresRowError } from '../../server/yearly-figures/parse-yearly-figures-csv.ts';
import { parseYearlyFiguresCsv } from '../../server/yearly-figures/parse-yearly-figures-csv.ts';
import { createYearlyFiguresService } from '../../server/yearly-figures/yearly-figures.service.ts';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_BAD_INPUT, EXIT_OK } from '../exit-codes.ts';
import { readInputBytes } from '../read-input-file.ts';
import { defaultActor } from './application-receive.ts';
import { databaseUrlFor } from './database-url.ts';
import { LOCAL_OPERATOR_ROLES } from './operator-roles.ts';

export interface ImportFiguresOptions {
  agency: string;
  dryRun: boolean;
  actor?: string;
  json: boolean;
  database?: string;
}

export async function runImportFigures(file: string, options: ImportFiguresOptions, io: CliIo): Promise<ExitCode> {
  if (extname(file).toLowerCase() !== '.csv') throw new DomainError('BAD_INPUT', `figures file must end in .csv: ${file}`, `导入文件须为 .csv 文件：${file}`);
  // UTF-8 with or without BOM, or GBK from Excel.
  const text = decodeText(await readInputBytes(file, io.cwd));
  let rows: FiguresImportRow[];
  try {
    rows = parseYearlyFiguresCsv(text);
  } catch (error) {
    if (!isDomainError(error) || !Array.isArray(error.details.rows)) throw error;
    const errors = error.details.rows as FiguresRowError[];
    if (options.json) writeLine(io.stdout, JSON.stringify({ ok: false, errors }, null, 2));
    else {
      writeLine(io.stderr, `错误：${new Set(errors.map((e) => e.line)).size} 行未通过校验，未导入任何数字：`);
      for (const e of errors) writeLine(io.stderr, `第${e.line}行 ${e.field}：${e.message}`);
    }
    return EXIT_BAD_INPUT;
  }

  const connection = await connectDatabase(databaseUrlFor(options.database, io));
  try {
    await migrateToLatest(connection.db);
    const service = createYearlyFiguresService({ db: connection.db });
    const figures = rows.map(({ line: _line, ...f }) => f);
    const { agency, changes } = await service.importYearlyFigures(options.agency, figures, options.actor ?? defaultActor(io), { dryRun: options.dryRun, actorRoles: LOCAL_OPERATOR_ROLES });
    if (options.json) {
      writeLine(io.stdout, JSON.stringify({ ok: true, dryRun: options.dryRun, agency: agency.code, changes }, null, 2));
      return EXIT_OK;
    }
    const replaced = changes.filter((c) => c.before !== null).map((c) => c.year);
    const replacedNote = replaced.length === 0 ? '' : `，其中 ${replaced.join('、')} 年原有数字${options.dryRun ? '将' : '已'}被替换`;
    if (options.dryRun) writeLine(io.stdout, `校验通过：${rows.length} 行，未写入（--dry-run）${replacedNote}。`);
    else writeLine(io.stdout, `已导入“${agency.name}”（${agency.code}）${rows.length} 个年度的数字${replacedNote}。`);
  } finally {
    await connection.close();
  }
  return EXIT_OK;
}
