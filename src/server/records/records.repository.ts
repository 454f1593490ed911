// The records an annual report is computed from, per agency. SQL only; rows mapped to the
// domain types of report-records.ts. The CHECK constraints of the migration guarantee that
// the code columns hold valid codes, which is why they are cast back to their unions.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { DomainError } from '../../domain/domain-error.ts';
import type { ReportRecords } from '../../domain/report/compute/report-records.ts';
import type { ApplicantType, DocumentKind, OutcomeCode, ReviewGroup, ReviewResult } from '../../domain/report/report-format.ts';
import { findCaseReportRecords } from '../applications/application.repository.ts';
import type { Database } from '../db/database.ts';

/** The prose sections the staff write: 一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项. */
export interface ReportTextInput {
  overview: string;
  problems: string;
  otherMatters: string;
}

export interface RecordsRepository {
  /** Deletes the agency's records and writes these, in one transaction: all or nothing. */
  replaceRecords(agencyId: number, records: ReportRecords): Promise<void>;
  /** The agency's records in the order they were written; agencyName is the agency's own name. */
  findRecords(agencyId: number): Promise<ReportRecords>;
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
      const [applications, reviewCases, documents, yearlyFigures, cases] = await Promise.all([
        db.selectFrom('report_applications').selectAll().where('agency_id', '=', agencyId).orderBy('id').execute(),
        db.selectFrom('report_review_cases').selectAll().where('agency_id', '=', agencyId).orderBy('id').execute(),
        db.selectFrom('report_documents').selectAll().where('agency_id', '=', agencyId).orderBy('id').execute(),
        db.selectFrom('report_yearly_figures').selectAll().where('agency_id', '=', agencyId).orderBy('year').execute(),
        findCaseReportRecords(db, agencyId),
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
        documents: documents.map((row) => ({
          id: row.external_id,
          kind: row.kind as DocumentKind,
          issuedOn: row.issued_on,
          repealedOn: row.repealed_on,
        })),
        yearlyFigures: yearlyFigures.map((row) => ({
          year: row.year,
          licensing: row.licensing,
          penalty: row.penalty,
          enforcement: row.enforcement,
          administrativeFees: row.administrative_fees,
        })),
      };
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
