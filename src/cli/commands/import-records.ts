// gongkai import records FILE --agency CODE — replace an agency's report records from an import file.
import type { ReportRecords } from '../../domain/report/compute/report-records.ts';
import { createAgenciesRepository } from '../../server/agencies/agencies.repository.ts';
import { connectDatabase } from '../../server/db/connect-database.ts';
import { migrateToLatest } from '../../server/db/migrate-to-latest.ts';
import { createRecordsRepository } from '../../server/records/records.repository.ts';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { readRecordsFromPath } from '../read-input-file.ts';
import { databaseUrlFor } from './database-url.ts';

export interface ImportRecordsOptions {
  agency: string;
  dryRun: boolean;
  database?: string;
}

function describeCounts(records: ReportRecords): string {
  return `申请 ${records.applications.length} 件、复议诉讼 ${records.reviewCases.length} 件、规章和规范性文件 ${records.documents.length} 件、年度数字 ${records.yearlyFigures.length} 年`;
}

export async function runImportRecords(file: string, options: ImportRecordsOptions, io: CliIo): Promise<ExitCode> {
  // Every row is validated before the database is touched: a bad file changes nothing.
  const records = await readRecordsFromPath(file, io.cwd);
  const connection = await connectDatabase(databaseUrlFor(options.database, io));
  try {
    await migrateToLatest(connection.db);
    const agency = await createAgenciesRepository(connection.db).getAgencyByCode(options.agency);
    if (options.dryRun) {
      writeLine(io.stdout, `检查通过（未写入）：${file} 含${describeCounts(records)}，将替换“${agency.name}”（${agency.code}）现有的全部记录。`);
      return EXIT_OK;
    }
    await createRecordsRepository(connection.db).replaceRecords(agency.id, records);
    writeLine(io.stdout, `已导入：“${agency.name}”（${agency.code}）的记录已替换为 ${file} 中的${describeCounts(records)}。`);
  } finally {
    await connection.close();
  }
  return EXIT_OK;
}
