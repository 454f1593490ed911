// The records an annual report is computed from, per agency. SQL only; rows mapped to the
// domain types of report-records.ts. The CHECK constraints of the migration guarantee that
// the code columns hold valid codes, which is why they are cast back to their unions.
import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import { DomainError } from '../../domain/domain-error.ts';
import type { PublicationKind, PublicationState, ValidityStatus } from '../../domain/publication/publication.ts';
import { toDocumentRecords } from '../../domain/publication/to-document-records.ts';
import type { ReportCounts, ReportRecordsWithoutCases } from '../../domain/report/compute/compute-annual-report-from-counts.ts';
import type { DocumentRecord, ReportRecords, YearlyFigures } from '../../domain/report/compute/report-records.ts';
import type { ApplicantType, DocumentKind, OutcomeCode, ReviewGroup, ReviewResult } from '../../domain/report/report-format.ts';
import { countCaseReportRecords, findCaseReportRecords } from '../applications/application.repository.ts';
import type { Database, ReportDocumentsTable, ReportYearlyFiguresTable } from '../db/database.ts';

/** The prose sections the staff write: 一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项. */
export interface ReportTextInput {
  overview: string;
  problems: string;
  otherMatters: string;
}

export interface RecordsRepository {
  /** Deletes the agency's records and writes these, in one transaction: all or nothing. */
  replaceRecords(agencyId: number, records: ReportRecords): Promise<void>;
  /**
   * The agency's records in the order they were written (imported ones, then its own cases and
   * 主动公开 documents); agencyName is the agency's own name.
   */
  findRecords(agencyId: number): Promise<ReportRecords>;
  /** The agency's name, documents and yearly figures: all but the cases, which findReportCounts groups. */
  findRecordsWithoutCases(agencyId: number): Promise<ReportRecordsWithoutCases>;
  /**
   * The year's grouped counts for tables 三 and 四, imported records and the agency's own cases
   * summed (as findRecords merges them). Same numbers as countReportRecords(findRecords(…), year).
   */
  findReportCounts(agencyId: number, year: number): Promise<ReportCounts>;
  /**
   * The years of recordYears(findRecords(…)), newest first, read without loading the records; plus
   * the years the agency issued or repealed one of its own 规章 or 规范性文件 (主动公开).
   */
  findRecordYears(agencyId: number): Promise<number[]>;
  findReportText(agencyId: number, year: number): Promise<ReportTextInput | undefined>;
  saveReportText(agencyId: number, year: number, text: ReportTextInput): Promise<void>;
}

// Well below SQLite's 32 766 and PostgreSQL's 65 535 bound parameters per statement.
const ROWS_PER_INSERT = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

function toDocumentRecord(row: Selectable<ReportDocumentsTable>): DocumentRecord {
  return { id: row.external_id, kind: row.kind as DocumentKind, issuedOn: row.issued_on, repealedOn: row.repealed_on };
}

function toYearlyFigures(row: Selectable<ReportYearlyFiguresTable>): YearlyFigures {
  return { year: row.year, licensing: row.licensing, penalty: row.penalty, enforcement: row.enforcement, administrativeFees: row.administrative_fees };
}

/**
 * The agency's own 规章 and 行政规范性文件 (主动公开) as table 二 documents. toDocumentRecords
 * decides which count (published or withdrawn; drafts never); the query only narrows to the two
 * kinds, by the index (agency_id, kind, written_on).
 */
async function findPublicationDocuments(db: Kysely<Database>, agencyId: number): Promise<DocumentRecord[]> {
  const rows = await db
    .selectFrom('publications')
    .select(['id', 'kind', 'state', 'written_on', 'validity', 'validity_ended_on', 'effective_from'])
    .where('agency_id', '=', agencyId)
    .where('kind', 'in', ['rules', 'normativeDocuments'])
    .orderBy('written_on')
    .orderBy('id')
    .execute();
  return toDocumentRecords(
    rows.map((row) => ({
      id: row.id,
      kind: row.kind as PublicationKind,
      state: row.state as PublicationState,
      writtenOn: row.written_on,
      validity: { status: row.validity as ValidityStatus, effectiveFrom: row.effective_from, endedOn: row.validity_ended_on },
    })),
  );
}

export function createRecordsRepository(db: Kysely<Database>): RecordsRepository {
  async function getAgencyName(agencyId: number): Promise<string> {
    const row = await db.selectFrom('agencies').select('name').where('id', '=', agencyId).executeTakeFirst();
    if (row === undefined) throw new DomainError('NOT_FOUND', `No agency with id ${agencyId}`, '找不到该机关。', { agencyId });
    return row.name;
  }

  return {
    async replaceRecords(agencyId, records) {
      await getAgencyName(agencyId);
      // Inside a caller's transaction (e.g. the demo loader) the work joins it.
      const inTransaction = <T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> =>
        db.isTransaction ? work(db) : db.transaction().execute(work);
      await inTransaction(async (trx) => {
        await trx.deleteFrom('report_applications').where('agency_id', '=', agencyId).execute();
        await trx.deleteFrom('report_review_cases').where('agency_id', '=', agencyId).execute();
        await trx.deleteFrom('report_documents').where('agency_id', '=', agencyId).execute();
        await trx.deleteFrom('report_yearly_figures').where('agency_id', '=', agencyId).execute();

        for (const part of chunks(records.applications, ROWS_PER_INSERT)) {
          await trx
            .insertInto('report_applications')
            .values(
              part.map((a) => ({
                agency_id: agencyId,
                external_id: a.id,
                applicant_type: a.applicantType,
                received_on: a.receivedOn,
                concluded_on: a.concludedOn,
                outcome: a.outcome,
              })),
            )
            .execute();
        }
        for (const part of chunks(records.reviewCases, ROWS_PER_INSERT)) {
          await trx
            .insertInto('report_review_cases')
            .values(
              part.map((c) => ({
                agency_id: agencyId,
                external_id: c.id,
                kind: c.kind,
                filed_on: c.filedOn,
                concluded_on: c.concludedOn,
                result: c.result,
              })),
            )
            .execute();
        }
        for (const part of chunks(records.documents, ROWS_PER_INSERT)) {
          await trx
            .insertInto('report_documents')
            .values(part.map((d) => ({ agency_id: agencyId, external_id: d.id, kind: d.kind, issued_on: d.issuedOn, repealed_on: d.repealedOn })))
            .execute();
        }
        for (const part of chunks(records.yearlyFigures, ROWS_PER_INSERT)) {
          await trx
            .insertInto('report_yearly_figures')
            .values(
              part.map((f) => ({
                agency_id: agencyId,
                year: f.year,
                licensing: f.licensing,
                penalty: f.penalty,
                enforcement: f.enforcement,
                administrative_fees: f.administrativeFees,
              })),
            )
            .execute();
        }
      });
    },

    async findRecords(agencyId) {
      const agencyName = await getAgencyName(agencyId);
      // Imported records and the agency's own cases (依申请公开 and its review cases) together.
      const [applications, reviewCases, documents, yearlyFigures, cases, publicationDocuments] = await Promise.all([
        db.selectFrom('report_applications').selectAll().where('agency_id', '=', agencyId).orderBy('id').execute(),
        db.selectFrom('report_review_cases').selectAll().where('agency_id', '=', agencyId).orderBy('id').execute(),
        db.selectFrom('report_documents').selectAll().where('agency_id', '=', agencyId).orderBy('id').execute(),
        db.selectFrom('report_yearly_figures').selectAll().where('agency_id', '=', agencyId).orderBy('year').execute(),
        findCaseReportRecords(db, agencyId),
        findPublicationDocuments(db, agencyId),
      ]);
      return {
        agencyName,
        applications: [
          ...applications.map((row) => ({
            id: row.external_id,
            applicantType: row.applicant_type as ApplicantType,
            receivedOn: row.received_on,
            concludedOn: row.concluded_on,
            outcome: row.outcome as OutcomeCode | null,
          })),
          ...cases.applications,
        ],
        reviewCases: [
          ...reviewCases.map((row) => ({
            id: row.external_id,
            kind: row.kind as ReviewGroup,
            filedOn: row.filed_on,
            concludedOn: row.concluded_on,
            result: row.result as ReviewResult | null,
          })),
          ...cases.reviewCases,
        ],
        // Imported documents, then the agency's own 规章 and 规范性文件 from 主动公开.
        documents: [...documents.map(toDocumentRecord), ...publicationDocuments],
        yearlyFigures: yearlyFigures.map(toYearlyFigures),
      };
    },

    async findRecordsWithoutCases(agencyId) {
      const agencyName = await getAgencyName(agencyId);
      const [documents, yearlyFigures, publicationDocuments] = await Promise.all([
        db.selectFrom('report_documents').selectAll().where('agency_id', '=', agencyId).orderBy('id').execute(),
        db.selectFrom('report_yearly_figures').selectAll().where('agency_id', '=', agencyId).orderBy('year').execute(),
        findPublicationDocuments(db, agencyId),
      ]);
      return {
        agencyName,
        // Imported documents (records file) and the agency's own publications side by side: a
        // document in both would count twice, so an agency moving to 主动公开 drops it from its file.
        documents: [...documents.map(toDocumentRecord), ...publicationDocuments],
        yearlyFigures: yearlyFigures.map(toYearlyFigures),
      };
    },

    async findReportCounts(agencyId, year) {
      await getAgencyName(agencyId);
      const start = `${year}-01-01`;
      const end = `${year}-12-31`;
      const [applications, reviewCases, cases] = await Promise.all([
        db
          .selectFrom('report_applications')
          .select([
            'applicant_type',
            'outcome',
            sql<number>`sum(case when received_on >= ${start} then 1 else 0 end)`.as('received'),
            sql<number>`sum(case when received_on < ${start} then 1 else 0 end)`.as('carried_in'),
            sql<number>`sum(case when concluded_on <= ${end} and outcome is not null then 1 else 0 end)`.as('concluded'),
          ])
          .select((eb) => eb.fn.countAll<number>().as('cases'))
          .where('agency_id', '=', agencyId)
          .where('received_on', '<=', end)
          .where((eb) => eb.or([eb('received_on', '>=', start), eb('concluded_on', 'is', null), eb('concluded_on', '>=', start)]))
          .groupBy(['applicant_type', 'outcome'])
          .execute(),
        db
          .selectFrom('report_review_cases')
          .select(['kind', 'result', sql<number>`sum(case when concluded_on <= ${end} and result is not null then 1 else 0 end)`.as('concluded')])
          .select((eb) => eb.fn.countAll<number>().as('cases'))
          .where('agency_id', '=', agencyId)
          .where('filed_on', '<=', end)
          .where((eb) => eb.or([eb('filed_on', '>=', start), eb('concluded_on', 'is', null), eb('concluded_on', '>=', start)]))
          .groupBy(['kind', 'result'])
          .execute(),
        countCaseReportRecords(db, agencyId, year),
      ]);
      return {
        applications: [
          ...applications.map((row) => ({
            applicantType: row.applicant_type as ApplicantType,
            outcome: row.outcome as OutcomeCode | null,
            received: Number(row.received),
            carriedIn: Number(row.carried_in),
            concluded: Number(row.concluded),
            carriedOver: Number(row.cases) - Number(row.concluded),
          })),
          ...cases.applications,
        ],
        reviewCases: [
          ...reviewCases.map((row) => ({
            kind: row.kind as ReviewGroup,
            result: row.result as ReviewResult | null,
            concluded: Number(row.concluded),
            pending: Number(row.cases) - Number(row.concluded),
          })),
          ...cases.reviewCases,
        ],
      };
    },

    async findRecordYears(agencyId) {
      await getAgencyName(agencyId);
      // The text of a date begins with its year on both engines (PostgreSQL's date type prints ISO).
      const yearOf = (column: string) => sql`substr(cast(${sql.ref(column)} as text), 1, 4)`;
      const { rows } = await sql<{ year: string }>`
        select ${yearOf('received_on')} as year from report_applications where agency_id = ${agencyId}
        union select ${yearOf('received_on')} from applications where agency_id = ${agencyId}
        union select ${yearOf('filed_on')} from report_review_cases where agency_id = ${agencyId}
        union select ${yearOf('filed_on')} from review_cases where agency_id = ${agencyId}
        union select cast(year as text) from report_yearly_figures where agency_id = ${agencyId}`.execute(db);
      // A year the agency issued or repealed one of its own 规章 or 规范性文件 (主动公开) has a
      // table 二 to report. (Imported documents stay out, as in recordYears.)
      const publicationYears = (await findPublicationDocuments(db, agencyId)).flatMap((d) => [d.issuedOn, ...(d.repealedOn === null ? [] : [d.repealedOn])].map((date) => date.slice(0, 4)));
      return [...new Set([...rows.map((row) => row.year), ...publicationYears])]
        .map((year) => Number(year))
        .filter((year) => Number.isInteger(year))
        .sort((a, b) => b - a);
    },

    async findReportText(agencyId, year) {
      const row = await db
        .selectFrom('annual_report_texts')
        .select(['overview', 'problems', 'other_matters'])
        .where('agency_id', '=', agencyId)
        .where('year', '=', year)
        .executeTakeFirst();
      return row === undefined ? undefined : { overview: row.overview, problems: row.problems, otherMatters: row.other_matters };
    },

    async saveReportText(agencyId, year, text) {
      await db
        .insertInto('annual_report_texts')
        .values({ agency_id: agencyId, year, overview: text.overview, problems: text.problems, other_matters: text.otherMatters })
        .onConflict((oc) =>
          oc.columns(['agency_id', 'year']).doUpdateSet({
            overview: text.overview,
            problems: text.problems,
            other_matters: text.otherMatters,
            updated_at: sql<string>`CURRENT_TIMESTAMP`,
          }),
        )
        .execute();
    },
  };
}
