// An agency's annual report for one year: computed from its records, with the texts its
// staff saved, then linted. The report pages, downloads and the JSON API all read service.
import type { Kysely } from 'kysely';
import type { AnnualReport } from '../../domain/report/annual-report.ts';
import { computeAnnualReportFromCounts } from '../../domain/report/compute/compute-annual-report-from-counts.ts';
import type { ReportRecords } from '../../domain/report/compute/report-records.ts';
import type { Finding } from '../../domain/report/finding.ts';
import type { AgencyLevel } from '../../domain/report/lint/lint-annual-report.ts';
import { lintAnnualReport } from '../../domain/report/lint/lint-annual-report.ts';
import type { Agency } from '../agencies/agencies.repository.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import type { Database } from '../db/database.ts';
import { createRecordsRepository } from '../records/records.repository.ts';
import { findAnnualReportRow } from '../annual-reports/annual-reports.repository.ts';
import { DomainError } from '../../domain/domain-error.ts';
import { parseReportJson } from '../../domain/report/render/render-report-json.ts';

export interface AgencyAnnualReport {
  agency: Agency;
  year: number;
  report: AnnualReport;
  findings: Finding[];
}

export interface AnnualReportService {
  /** The live report computed from the records. Throws DomainError NOT_FOUND for an unknown agency code. */
  getAnnualReport(agencyCode: string, year: number): Promise<AgencyAnnualReport>;
  /** The same for an agency already looked up. */
  computeReport(agency: Agency, year: number): Promise<AgencyAnnualReport>;
  /** The lint of a report of the agency (a frozen or published one too), against last year's computed report. */
  lintReport(agency: Agency, report: AnnualReport): Promise<Finding[]>;
  /** The published version (published_json); NOT_FOUND “该年度报告尚未发布” when there is none. */
  getPublishedReport(agencyCode: string, year: number): Promise<AgencyAnnualReport>;
}

export function reportNotPublished(agencyCode: string, year: number): DomainError {
  return new DomainError('NOT_FOUND', `annual report ${agencyCode}/${year} not published`, '该年度报告尚未发布', { agencyCode, year });
}

/**
 * agencies.level -> the lint's level, for T2-AUTH (规章制定权). The stored levels do not say
 * whether an agency is a government or one of its departments, so only 乡镇 is certain.
 */
const LINT_AGENCY_LEVELS: Readonly<Record<string, AgencyLevel>> = { township: 'township' };

function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}

/**
 * The years worth a report link: a year an application was received, a case filed or the yearly
 * figures entered. Imported document issue dates are left out: a 规范性文件 from 2015 that is
 * still in force makes no 2015 report.
 */
export function recordYears(records: ReportRecords): number[] {
  const years = new Set<number>();
  for (const a of records.applications) years.add(yearOf(a.receivedOn));
  for (const c of records.reviewCases) years.add(yearOf(c.filedOn));
  for (const f of records.yearlyFigures) years.add(f.year);
  // The agency's own 规章 and 规范性文件 published through Gongkai (ids 'publication-…', see
  // toDocumentRecords): the years they were issued or repealed have a table 二 to report.
  for (const d of records.documents) {
    if (!d.id.startsWith('publication-')) continue;
    years.add(yearOf(d.issuedOn));
    if (d.repealedOn !== null) years.add(yearOf(d.repealedOn));
  }
  return [...years].filter((y) => Number.isInteger(y)).sort((a, b) => b - a);
}

/** `db` may be a transaction: the approval computes the report it freezes inside its own. */
export function createAnnualReportService({ db }: { db: Kysely<Database> }): AnnualReportService {
  const agencies = createAgenciesRepository(db);
  const recordsRepository = createRecordsRepository(db);

  const service: AnnualReportService = {
    async getAnnualReport(agencyCode, year) {
      return service.computeReport(await agencies.getAgencyByCode(agencyCode), year);
    },

    async lintReport(agency, report) {
      const year = report.year ?? 0;
      const [rest, previousCounts] = await Promise.all([recordsRepository.findRecordsWithoutCases(agency.id), recordsRepository.findReportCounts(agency.id, year - 1)]);
      const previous = computeAnnualReportFromCounts(previousCounts, year - 1, rest);
      return lintAnnualReport(report, { template: 'national', previous, agencyLevel: LINT_AGENCY_LEVELS[agency.level] });
    },

    async getPublishedReport(agencyCode, year) {
      const agency = await agencies.getAgencyByCode(agencyCode);
      const row = await findAnnualReportRow(db, agency.id, year);
      if (row?.publishedJson == null) throw reportNotPublished(agency.code, year);
      const report = parseReportJson(row.publishedJson);
      return { agency, year, report, findings: await service.lintReport(agency, report) };
    },

    async computeReport(agency, year) {
      // Tables 三 and 四 from counts grouped in SQL over the rows that matter for each year, not
      // from every case of the agency; the same numbers as computeAnnualReport.
      const [rest, counts, previousCounts, text] = await Promise.all([
        recordsRepository.findRecordsWithoutCases(agency.id),
        recordsRepository.findReportCounts(agency.id, year),
        recordsRepository.findReportCounts(agency.id, year - 1),
        recordsRepository.findReportText(agency.id, year),
      ]);
      const computed = computeAnnualReportFromCounts(counts, year, rest);
      const report: AnnualReport = {
        ...computed,
        agencyName: agency.name,
        year,
        text: text === undefined ? computed.text : { ...computed.text, overview: text.overview, problems: text.problems, otherMatters: text.otherMatters },
      };
      // Last year's report the same way: the cross-year rules (XY-CARRY…) then check that what
      // we carried over is what we carried in.
      const previous = computeAnnualReportFromCounts(previousCounts, year - 1, rest);
      const findings = lintAnnualReport(report, { template: 'national', previous, agencyLevel: LINT_AGENCY_LEVELS[agency.level] });
      return { agency, year, report, findings };
    },
  };
  return service;
}
