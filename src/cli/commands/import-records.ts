// gongkai import records FILE --agency CODE — replace an agency's report records from an import file.
import type { Kysely } from 'kysely';
import type { ApplicantType, DocumentKind, OutcomeCode, ReviewGroup, ReviewResult } from '../../domain/report/report-format.ts';
import type { ReportRecords } from '../../domain/report/compute/report-records.ts';
import { assertRecordsChangeAllowed } from '../../server/annual-reports/report-locks.ts';
import type { RecordsSlice } from '../../server/annual-reports/report-locks.ts';
import type { Database } from '../../server/db/database.ts';
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

/** The agency's imported records only (not its own cases): what the import replaces. */
async function findImportedRecords(db: Kysely<Database>, agencyId: number): Promise<RecordsSlice> {
  const applications = await db.selectFrom('report_applications').selectAll().where('agency_id', '=', agencyId).execute();
  const reviewCases = await db.selectFrom('report_review_cases').selectAll().where('agency_id', '=', agencyId).execute();
  const documents = await db.selectFrom('report_documents').selectAll().where('agency_id', '=', agencyId).execute();
  const figures = await db.selectFrom('report_yearly_figures').selectAll().where('agency_id', '=', agencyId).execute();
  return {
    applications: applications.map((r) => ({ id: r.external_id, applicantType: r.applicant_type as ApplicantType, receivedOn: r.received_on, concludedOn: r.concluded_on, outcome: r.outcome as OutcomeCode | null })),
    reviewCases: reviewCases.map((r) => ({ id: r.external_id, kind: r.kind as ReviewGroup, filedOn: r.filed_on, concludedOn: r.concluded_on, result: r.result as ReviewResult | null })),
    documents: documents.map((r) => ({ id: r.external_id, kind: r.kind as DocumentKind, issuedOn: r.issued_on, repealedOn: r.repealed_on })),
    yearlyFigures: figures.map((r) => ({ year: r.year, licensing: r.licensing, penalty: r.penalty, enforcement: r.enforcement, administrativeFees: r.administrative_fees })),
  };
}

/**
 * The import replaces every year's records: refused when a locked (定稿/发布) year's tables would
 * change. A file that repeats a locked year's records unchanged passes.
 */
async function assertLockedYearsUnchanged(db: Kysely<Database>, agencyId: number, records: ReportRecords): Promise<void> {
  await assertRecordsChangeAllowed(db, agencyId, { before: await findImportedRecords(db, agencyId), after: records });
}

export async function runImportRecords(file: string, options: ImportRecordsOptions, io: CliIo): Promise<ExitCode> {
  // Every row is validated before the database is touched: a bad file changes nothing.
  const records = await readRecordsFromPath(file, io.cwd);
  const connection = await connectDatabase(databaseUrlFor(options.database, io));
  try {
    await migrateToLatest(connection.db);
    const agency = await createAgenciesRepository(connection.db).getAgencyByCode(options.agency);
    if (options.dryRun) {
      await assertLockedYearsUnchanged(connection.db, agency.id, records);
      writeLine(io.stdout, `检查通过（未写入）：${file} 含${describeCounts(records)}，将替换“${agency.name}”（${agency.code}）现有的全部记录。`);
      return EXIT_OK;
    }
    await connection.db.transaction().execute(async (trx) => {
      await assertLockedYearsUnchanged(trx, agency.id, records);
      await createRecordsRepository(trx).replaceRecords(agency.id, records);
    });
    writeLine(io.stdout, `已导入：“${agency.name}”（${agency.code}）的记录已替换为 ${file} 中的${describeCounts(records)}。`);
  } finally {
    await connection.close();
  }
  return EXIT_OK;
}
