// computeSubtreeRollup: every agency of a subtree with its report for the year and the sums of
// tables 二 三 四 (issue 7, 条例第四十九条). Which version of each agency's report counts: the
// published one if there is one, else the frozen 定稿 one, else the report computed now from the
// records (imported reports for agencies not on the platform). The reads are a fixed handful of
// grouped statements over the whole subtree (supervision.repository.ts); each agency's report is
// then put together from its counts in memory, so 1 000 agencies cost no more queries than one.
import type { Kysely } from 'kysely';
import type { AnnualReport } from '../../domain/report/annual-report.ts';
import type { ReportCounts } from '../../domain/report/compute/compute-annual-report-from-counts.ts';
import { computeAnnualReportFromCounts } from '../../domain/report/compute/compute-annual-report-from-counts.ts';
import type { YearlyFigures } from '../../domain/report/compute/report-records.ts';
import type { Finding } from '../../domain/report/finding.ts';
import { countBySeverity } from '../../domain/report/finding.ts';
import type { AgencyLevel } from '../../domain/report/lint/lint-annual-report.ts';
import { lintAnnualReport } from '../../domain/report/lint/lint-annual-report.ts';
import { parseReportJson } from '../../domain/report/render/render-report-json.ts';
import type { ReportState } from '../../domain/report/report-approval.ts';
import { DOCUMENT_KINDS } from '../../domain/report/report-format.ts';
import type { AgencyNode } from '../agencies/agencies.repository.ts';
import { todayInChina } from '../applications/application.service.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import type { Database } from '../db/database.ts';
import { sumReports } from './aggregate-reports.ts';
import type { DocumentYearCounts, SubtreeDocumentCounts } from './supervision.repository.ts';
import {
  findDeadlines,
  findSubtreeDocumentCounts,
  findSubtreeExternalReports,
  findSubtreeReportCounts,
  findSubtreeReportRows,
  findSubtreeReportTexts,
  findSubtreeYearlyFigures,
} from './supervision.repository.ts';

/** 未开始 (no records and no report row), the approval states, and 已发布. */
export type SupervisionStatus = 'notStarted' | ReportState;

export const SUPERVISION_STATUS_LABELS: Readonly<Record<SupervisionStatus, string>> = {
  notStarted: '未开始',
  draft: '草稿',
  inReview: '审核中',
  finalized: '已定稿',
  published: '已发布',
};

/** Which version of the agency's report the roll-up adds up. */
export type ReportSource = 'published' | 'final' | 'live' | 'imported' | 'none';

export const REPORT_SOURCE_LABELS: Readonly<Record<ReportSource, string>> = {
  published: '已发布版本',
  final: '定稿版本',
  live: '按当前记录实时计算',
  imported: '导入的已发布报告',
  none: '无报告',
};

export interface RollupAgency {
  agency: AgencyNode;
  status: SupervisionStatus;
  source: ReportSource;
  /** The report added up; null when source is 'none'. */
  report: AnnualReport | null;
  findings: Finding[];
  errors: number;
  warnings: number;
  /** ISO timestamp of the published version (platform agencies), else null. */
  publishedAt: string | null;
  /** The deadline that applies (YYYY-MM-DD) and the agency that set it (null: 条例第四十九条's 1月31日). */
  deadline: string;
  deadlineSetBy: string | null;
  late: boolean;
  /** For imported reports: the file name and when it was imported. */
  imported: { fileName: string; importedAt: string; importedBy: string } | null;
}

export interface SubtreeRollup {
  root: AgencyNode;
  year: number;
  agencies: RollupAgency[];
  /** Tables 二 三 四 summed over every agency with a report. */
  aggregate: AnnualReport;
}

export interface RollupOptions {
  /** Today's date in China (YYYY-MM-DD), for the late flag; default the real today. */
  today?: string;
}

/** agencies.level -> the lint's level (as annual-report.service.ts): only 乡镇 is certain. */
const LINT_AGENCY_LEVELS: Readonly<Record<string, AgencyLevel>> = { township: 'township' };

/** 条例第四十九条: 每年1月31日前 for the previous year; published on 31 January is on time. */
export const statutoryDeadline = (year: number): string => `${year + 1}-01-31`;

/** The date in China (UTC+8) of an ISO timestamp. */
export function dateInChina(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

const ZERO: DocumentYearCounts = { issued: 0, repealed: 0, inForce: 0 };

/** The agency's live report of `year` from its grouped counts (same numbers as AnnualReportService.computeReport). */
function liveReport(
  agency: AgencyNode,
  year: number,
  counts: ReportCounts | undefined,
  documents: SubtreeDocumentCounts extends Map<number, infer V> ? V | undefined : never,
  which: 'current' | 'previous',
  figures: YearlyFigures[],
): AnnualReport {
  const report = computeAnnualReportFromCounts(counts ?? { applications: [], reviewCases: [] }, year, { agencyName: agency.name, documents: [], yearlyFigures: figures });
  // Documents are counted in SQL (findSubtreeDocumentCounts) rather than loaded.
  for (const kind of DOCUMENT_KINDS) {
    const found = documents?.[kind.code]?.[which] ?? ZERO;
    report.table2[kind.code] = { issued: found.issued, repealed: found.repealed, inForce: found.inForce };
  }
  return { ...report, agencyName: agency.name, year };
}

const hasCounts = (counts: ReportCounts | undefined): boolean =>
  counts !== undefined && (counts.applications.some((c) => c.received + c.carriedIn > 0) || counts.reviewCases.some((c) => c.concluded + c.pending > 0));

export async function computeSubtreeRollup(db: Kysely<Database>, agencyId: number, year: number, options: RollupOptions = {}): Promise<SubtreeRollup> {
  const today = options.today ?? todayInChina();
  const agencies = createAgenciesRepository(db);
  const [nodes, ancestors, { current: counts, previous: previousCounts }, documents, figures, texts, rows, external] = await Promise.all([
    agencies.listSubtree(agencyId),
    agencies.listAncestors(agencyId),
    findSubtreeReportCounts(db, agencyId, year),
    findSubtreeDocumentCounts(db, agencyId, year),
    findSubtreeYearlyFigures(db, agencyId, year),
    findSubtreeReportTexts(db, agencyId, year),
    findSubtreeReportRows(db, agencyId, year),
    findSubtreeExternalReports(db, agencyId, year),
  ]);
  const root = nodes[0];
  if (root === undefined) throw new Error(`agency ${agencyId} not found for the roll-up`);
  const deadlines = await findDeadlines(db, [...nodes.map((n) => n.id), ...ancestors.map((a) => a.id)], year);
  const parentOf = new Map<number, number | null>([...nodes.map((n) => [n.id, n.parentId] as const), ...ancestors.map((a) => [a.id, a.parentId] as const)]);
  const codeOf = new Map<number, string>([...nodes.map((n) => [n.id, n.code] as const), ...ancestors.map((a) => [a.id, a.code] as const)]);
  /** The nearest deadline set on the agency or above it. */
  const deadlineOf = (id: number): { deadline: string; setBy: string | null } => {
    for (let at: number | null | undefined = id; at !== null && at !== undefined; at = parentOf.get(at)) {
      const due = deadlines.get(at);
      if (due !== undefined) return { deadline: due, setBy: codeOf.get(at) ?? null };
    }
    return { deadline: statutoryDeadline(year), setBy: null };
  };

  const result: RollupAgency[] = nodes.map((agency) => {
    const { deadline, setBy } = deadlineOf(agency.id);
    const ownFigures = figures.get(agency.id) ?? [];
    const previous = liveReport(agency, year - 1, previousCounts.get(agency.id), documents.get(agency.id), 'previous', ownFigures);
    const lint = (report: AnnualReport): Finding[] => lintAnnualReport(report, { template: 'national', previous, agencyLevel: LINT_AGENCY_LEVELS[agency.level] });

    if (agency.external) {
      const imported = external.get(agency.id);
      if (imported === undefined) {
        return { agency, status: 'notStarted', source: 'none', report: null, findings: [], errors: 0, warnings: 0, publishedAt: null, deadline, deadlineSetBy: setBy, late: today > deadline, imported: null };
      }
      const findings = JSON.parse(imported.findingsJson) as Finding[];
      return {
        agency,
        status: 'published',
        source: 'imported',
        report: parseReportJson(imported.reportJson),
        findings,
        errors: imported.errorCount,
        warnings: imported.warningCount,
        publishedAt: null,
        deadline,
        deadlineSetBy: setBy,
        // The file does not say when it was published; an imported report is taken as on time.
        late: false,
        imported: { fileName: imported.fileName, importedAt: imported.importedAt, importedBy: imported.importedBy },
      };
    }

    const row = rows.get(agency.id);
    let source: ReportSource;
    let report: AnnualReport;
    if (row?.publishedJson != null) {
      source = 'published';
      report = parseReportJson(row.publishedJson);
    } else if (row !== undefined && (row.state === 'finalized' || row.state === 'published') && row.finalJson !== null) {
      source = 'final';
      report = parseReportJson(row.finalJson);
    } else {
      source = 'live';
      const text = texts.get(agency.id);
      const computed = liveReport(agency, year, counts.get(agency.id), documents.get(agency.id), 'current', ownFigures);
      report = text === undefined ? computed : { ...computed, text: { ...computed.text, overview: text.overview, problems: text.problems, otherMatters: text.otherMatters } };
    }
    const findings = lint(report);
    const { errors, warnings } = countBySeverity(findings);
    const docs = documents.get(agency.id);
    const hasRecords =
      hasCounts(counts.get(agency.id)) ||
      ownFigures.some((f) => f.year === year) ||
      texts.has(agency.id) ||
      DOCUMENT_KINDS.some((k) => (docs?.[k.code]?.current.issued ?? 0) + (docs?.[k.code]?.current.repealed ?? 0) > 0);
    const status: SupervisionStatus = row !== undefined ? row.state : hasRecords ? 'draft' : 'notStarted';
    const publishedAt = row?.publishedJson != null ? row.publishedAt : null;
    const late = publishedAt !== null ? dateInChina(publishedAt) > deadline : today > deadline;
    return { agency, status, source, report, findings, errors, warnings, publishedAt, deadline, deadlineSetBy: setBy, late, imported: null };
  });

  const aggregate = sumReports(
    result.flatMap((entry) => (entry.report === null ? [] : [entry.report])),
    root.name,
    year,
  );
  return { root, year, agencies: result, aggregate };
}
