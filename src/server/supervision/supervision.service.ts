// The 政务公开办's work (issue 7, 条例第四十九条): the year's view of its subtree (status, late
// flag, findings, links, the summed tables), one sum cell broken down by agency, the sums as
// DOCX/XLSX, the deadline for the subtree, one agency's report, and the import of published
// reports of agencies not on the platform. Access (supervision.* in the agency or above it) is
// checked by the routes (staff-access inSubtreeOf) and, for the CLI, is the local operator's.
// The view keeps its roll-up as a snapshot (rollup-snapshots.ts); the cell, agency and export
// calls given its id answer from it (same numbers as the screen), else compute afresh.
import type { Kysely } from 'kysely';
import { DomainError } from '../../domain/domain-error.ts';
import type { AnnualReport } from '../../domain/report/annual-report.ts';
import type { Finding } from '../../domain/report/finding.ts';
import { countBySeverity } from '../../domain/report/finding.ts';
import { lintAnnualReport } from '../../domain/report/lint/lint-annual-report.ts';
import { renderReportJson, toReportJson } from '../../domain/report/render/render-report-json.ts';
import type { ReportJson } from '../../domain/report/render/report-json-schema.ts';
import { readReportFile } from '../../files/read-report-file.ts';
import { renderReportDocx } from '../../files/render-report-docx.ts';
import { renderReportXlsx } from '../../files/render-report-xlsx.ts';
import type { Agency } from '../agencies/agencies.repository.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { AGENCY_LEVEL_LABELS } from '../agencies/agency-rules.ts';
import { appendAuditEntry } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';
import { contentDisposition } from '../reports/content-disposition.ts';
import type { AggregateCellAddress } from './aggregate-reports.ts';
import { findAggregateCell } from './aggregate-reports.ts';
import type { RollupSnapshots } from './rollup-snapshots.ts';
import { createRollupSnapshots } from './rollup-snapshots.ts';
import { saveDeadline, saveExternalReport } from './supervision.repository.ts';
import type { ReportSource, RollupAgency, SubtreeRollup, SupervisionStatus } from './subtree-rollup.ts';
import { computeSubtreeRollup, REPORT_SOURCE_LABELS, statutoryDeadline, SUPERVISION_STATUS_LABELS } from './subtree-rollup.ts';

export const MIN_SUPERVISION_YEAR = 2019;
export const MAX_SUPERVISION_YEAR = 2100;

export interface SupervisionAgencyEntry {
  code: string;
  name: string;
  level: string;
  levelLabel: string;
  parentCode: string | null;
  depth: number;
  external: boolean;
  status: SupervisionStatus;
  statusLabel: string;
  source: ReportSource;
  sourceLabel: string;
  late: boolean;
  deadline: string;
  /** The agency whose supervisor set the deadline; null for 条例第四十九条's 1月31日. */
  deadlineSetBy: string | null;
  publishedAt: string | null;
  errors: number;
  warnings: number;
  imported: { fileName: string; importedAt: string; importedBy: string } | null;
  links: {
    /** The public report on the portal, when published on the platform. */
    portal: string | null;
    /** The console screen of this agency's report in the supervision section. */
    console: string;
    /** JSON: the report as added up, with its findings. */
    api: string;
  };
}

export interface SupervisionView {
  agency: { code: string; name: string };
  year: number;
  statutoryDeadline: string;
  /** The deadline set on this agency for its subtree, null when none. */
  deadline: string | null;
  counts: Record<SupervisionStatus, number> & { late: number; agencies: number };
  agencies: SupervisionAgencyEntry[];
  aggregate: ReportJson;
  exports: { docx: string; xlsx: string };
  /** The roll-up kept for the cell, agency and export calls (query parameter `snapshot`). */
  snapshot: { id: string; computedAt: string };
}

export interface SupervisionCell {
  address: AggregateCellAddress;
  label: string;
  total: number | string | null;
  contributions: { code: string; name: string; depth: number; source: ReportSource; value: number | string | null }[];
  /** When the roll-up answered from was computed (the snapshot's, or now when recomputed). */
  computedAt: string;
}

export interface SupervisedReport {
  agency: { code: string; name: string };
  year: number;
  status: SupervisionStatus;
  statusLabel: string;
  source: ReportSource;
  sourceLabel: string;
  report: ReportJson | null;
  findings: Finding[];
  /** When the roll-up answered from was computed (the snapshot's, or now when recomputed). */
  computedAt: string;
}

/** Answer from the view's snapshot when it is still kept for this root agency and year. */
export interface SnapshotOption {
  snapshot?: string | undefined;
}

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportResult {
  fileName: string;
  imported: boolean;
  /** Chinese: what happened (imported into which agency, or why not). */
  message: string;
  agencyCode: string | null;
  agencyName: string | null;
  createdAgency: boolean;
  errors: number;
  warnings: number;
}

const notInSubtree = (code: string, rootCode: string): DomainError =>
  new DomainError('NOT_FOUND', `agency ${code} is not in the subtree of ${rootCode}`, `机关“${code}”不在“${rootCode}”的下级机关之中。`, { agencyCode: code });

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_SUPERVISION_YEAR || year > MAX_SUPERVISION_YEAR) {
    throw new DomainError('BAD_INPUT', `year ${year} out of range`, `年度须为 ${MIN_SUPERVISION_YEAR} 至 ${MAX_SUPERVISION_YEAR} 之间的年份。`, { field: 'year' });
  }
}

/** An ISO instant as China's clock shows it: 2026-11-28 17:30. */
export function chinaDateTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const normaliseName = (name: string): string => name.normalize('NFKC').replace(/\s+/g, '');

const TOWNSHIP_NAME = /(乡|镇|街道|街道办事处)(人民政府)?$/;
const COUNTY_NAME = /(县|区|旗|县级市)人民政府$/;
const ABOVE_COUNTY = ['national', 'provincial', 'municipal'];

/** A guess from the report's agency name (the file does not say): 乡镇/街道, a 县/区 government, else the supervisor's level. */
function guessLevel(name: string, parentLevel: string): string {
  if (TOWNSHIP_NAME.test(name)) return 'township';
  if (COUNTY_NAME.test(name) && ABOVE_COUNTY.includes(parentLevel)) return 'county';
  return parentLevel;
}

export interface SupervisionServiceDeps {
  db: Kysely<Database>;
  /** Today's date in China (YYYY-MM-DD). */
  today: () => string;
  now?: () => Date;
  /** The roll-up snapshots of this process (default: 16, 10 minutes, on `now`). */
  snapshots?: RollupSnapshots;
}

export type SupervisionService = ReturnType<typeof createSupervisionService>;

export function createSupervisionService(deps: SupervisionServiceDeps) {
  const { db, today } = deps;
  const now = deps.now ?? (() => new Date());
  const snapshots = deps.snapshots ?? createRollupSnapshots({ now });
  const agencies = createAgenciesRepository(db);

  async function rollup(agencyCode: string, year: number): Promise<SubtreeRollup> {
    return (await rollupAt(agencyCode, year, undefined)).rollup;
  }

  /**
   * The snapshot `snapshotId` if it is kept for this very root agency and year, else the roll-up
   * computed now (an unknown or expired id is no error: computedAt says which data answered).
   */
  async function rollupAt(agencyCode: string, year: number, snapshotId: string | undefined): Promise<{ rollup: SubtreeRollup; computedAt: Date }> {
    checkYear(year);
    const agency = await agencies.getAgencyByCode(agencyCode);
    if (snapshotId !== undefined) {
      const kept = snapshots.get(agency.id, year, snapshotId);
      if (kept !== undefined) return { rollup: kept.rollup, computedAt: new Date(kept.computedAt) };
    }
    // Taken before the reads: the data is as of this instant or later.
    const computedAt = now();
    return { rollup: await computeSubtreeRollup(db, agency.id, year, { today: today() }), computedAt };
  }

  function entryOf(rootCode: string, year: number, entry: RollupAgency, parentCode: string | null): SupervisionAgencyEntry {
    const code = entry.agency.code;
    return {
      code,
      name: entry.agency.name,
      level: entry.agency.level,
      levelLabel: AGENCY_LEVEL_LABELS[entry.agency.level] ?? entry.agency.level,
      parentCode,
      depth: entry.agency.depth,
      external: entry.agency.external,
      status: entry.status,
      statusLabel: SUPERVISION_STATUS_LABELS[entry.status],
      source: entry.source,
      sourceLabel: REPORT_SOURCE_LABELS[entry.source],
      late: entry.late,
      deadline: entry.deadline,
      deadlineSetBy: entry.deadlineSetBy,
      publishedAt: entry.publishedAt,
      errors: entry.errors,
      warnings: entry.warnings,
      imported: entry.imported,
      links: {
        portal: entry.publishedAt !== null ? `/reports/${encodeURIComponent(code)}/${year}` : null,
        console: `/console/supervision/${encodeURIComponent(rootCode)}/${year}/${encodeURIComponent(code)}`,
        api: `/api/supervision/${encodeURIComponent(rootCode)}/${year}/agencies/${encodeURIComponent(code)}`,
      },
    };
  }

  function findEntry(result: SubtreeRollup, code: string): RollupAgency {
    const entry = result.agencies.find((e) => e.agency.code === code);
    if (entry === undefined) throw notInSubtree(code, result.root.code);
    return entry;
  }

  /** The summed report as printed: a title that says 汇总, and a first section saying what it sums. */
  function aggregateForPrint(result: SubtreeRollup, computedAt: Date): AnnualReport {
    const counted = result.agencies.filter((e) => e.report !== null);
    const bySource = (['published', 'final', 'live', 'imported'] as const)
      .map((source) => [source, counted.filter((e) => e.source === source).length] as const)
      .filter(([, n]) => n > 0)
      .map(([source, n]) => `${REPORT_SOURCE_LABELS[source]}${n}个`)
      .join('，');
    return {
      ...result.aggregate,
      // reportTitle() appends 年 + 政府信息公开工作年度报告 to name and year: year left out so the
      // title reads “示范市人民政府2025年度政府信息公开工作年度报告”.
      agencyName: `${result.root.name}${result.year}年度`,
      year: null,
      text: {
        ...result.aggregate.text,
        overview: `本表为${result.root.name}及所属${counted.length - (counted.some((e) => e.agency.id === result.root.id) ? 1 : 0)}个机关${result.year}年度政府信息公开工作年度报告的汇总表，共汇总${counted.length}个机关的报告（${bySource}）。各表数字为各机关报告对应数字之和。数据时间：${chinaDateTime(computedAt.toISOString())}（北京时间）。`,
      },
    };
  }

  async function audit(trx: Kysely<Database>, agency: Agency, action: string, actor: string, detail: Record<string, string | number | boolean | null>): Promise<void> {
    await appendAuditEntry(trx, { at: now().toISOString(), actor, agencyId: agency.id, action, subject: `supervision:${agency.code}`, detail });
  }

  return {
    rollup,

    async view(agencyCode: string, year: number): Promise<SupervisionView> {
      const { rollup: result, computedAt } = await rollupAt(agencyCode, year, undefined);
      const snapshot = snapshots.put(result, computedAt);
      const codeById = new Map(result.agencies.map((e) => [e.agency.id, e.agency.code]));
      const entries = result.agencies.map((e) => entryOf(result.root.code, year, e, e.agency.parentId === null ? null : (codeById.get(e.agency.parentId) ?? null)));
      const counts = { notStarted: 0, draft: 0, inReview: 0, finalized: 0, published: 0, late: 0, agencies: entries.length };
      for (const e of entries) {
        counts[e.status] += 1;
        if (e.late) counts.late += 1;
      }
      const rootEntry = result.agencies[0];
      const ownDeadline = rootEntry !== undefined && rootEntry.deadlineSetBy === result.root.code ? rootEntry.deadline : null;
      const base = `/api/supervision/${encodeURIComponent(result.root.code)}/${year}/export`;
      return {
        agency: { code: result.root.code, name: result.root.name },
        year,
        statutoryDeadline: statutoryDeadline(year),
        deadline: ownDeadline,
        counts,
        agencies: entries,
        aggregate: toReportJson(result.aggregate),
        exports: { docx: `${base}.docx`, xlsx: `${base}.xlsx` },
        snapshot: { id: snapshot.id, computedAt: snapshot.computedAt },
      };
    },

    async cell(agencyCode: string, year: number, address: AggregateCellAddress, options: SnapshotOption = {}): Promise<SupervisionCell> {
      const cell = findAggregateCell(address);
      const { rollup: result, computedAt } = await rollupAt(agencyCode, year, options.snapshot);
      return {
        address,
        label: cell.label,
        total: cell.read(result.aggregate),
        contributions: result.agencies
          .filter((e) => e.report !== null)
          .map((e) => ({ code: e.agency.code, name: e.agency.name, depth: e.agency.depth, source: e.source, value: cell.read(e.report as AnnualReport) })),
        computedAt: computedAt.toISOString(),
      };
    },

    async agencyReport(agencyCode: string, year: number, childCode: string, options: SnapshotOption = {}): Promise<SupervisedReport> {
      let { rollup: result, computedAt } = await rollupAt(agencyCode, year, options.snapshot);
      // An agency added since the snapshot (e.g. just created by an import): computed afresh.
      if (options.snapshot !== undefined && !result.agencies.some((e) => e.agency.code === childCode)) {
        ({ rollup: result, computedAt } = await rollupAt(agencyCode, year, undefined));
      }
      const entry = findEntry(result, childCode);
      return {
        agency: { code: entry.agency.code, name: entry.agency.name },
        year,
        status: entry.status,
        statusLabel: SUPERVISION_STATUS_LABELS[entry.status],
        source: entry.source,
        sourceLabel: REPORT_SOURCE_LABELS[entry.source],
        report: entry.report === null ? null : toReportJson(entry.report),
        findings: entry.findings,
        computedAt: computedAt.toISOString(),
      };
    },

    async exportAggregate(agencyCode: string, year: number, format: 'docx' | 'xlsx', options: SnapshotOption = {}): Promise<{ headers: Record<string, string>; body: Buffer; computedAt: string }> {
      const { rollup: result, computedAt } = await rollupAt(agencyCode, year, options.snapshot);
      const printed = aggregateForPrint(result, computedAt);
      const title = `${result.root.name}${year}年度政府信息公开工作年度报告汇总表`;
      const body = Buffer.from(format === 'docx' ? await renderReportDocx(printed, { title }) : await renderReportXlsx(printed, { title }));
      const contentType =
        format === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      const name = `${title}.${format}`;
      return {
        headers: { 'content-type': contentType, 'content-disposition': contentDisposition(name, `${result.root.code}-${year}-summary.${format}`), 'x-computed-at': computedAt.toISOString() },
        body,
        computedAt: computedAt.toISOString(),
      };
    },

    /** The deadline for the agency's subtree (null: back to 条例第四十九条's 1月31日). */
    async setDeadline(agencyCode: string, year: number, dueOn: string | null, actor: string): Promise<{ deadline: string | null; statutoryDeadline: string }> {
      checkYear(year);
      if (dueOn !== null && (!/^\d{4}-\d{2}-\d{2}$/.test(dueOn) || Number.isNaN(Date.parse(`${dueOn}T00:00:00Z`)) || new Date(`${dueOn}T00:00:00Z`).toISOString().slice(0, 10) !== dueOn)) {
        throw new DomainError('BAD_INPUT', `bad deadline ${dueOn}`, '报送期限须为有效日期，格式为“年-月-日”，如 2026-01-20。', { field: 'dueOn' });
      }
      if (dueOn !== null && dueOn <= `${year}-12-31`) {
        throw new DomainError('BAD_INPUT', `deadline ${dueOn} not after year ${year}`, `${year}年度报告的报送期限须在${year + 1}年（年度结束之后）。`, { field: 'dueOn' });
      }
      const agency = await agencies.getAgencyByCode(agencyCode);
      await db.transaction().execute(async (trx) => {
        await saveDeadline(trx, agency.id, year, dueOn, actor);
        await audit(trx, agency, 'supervision.deadlineSet', actor, { year, dueOn });
      });
      return { deadline: dueOn, statutoryDeadline: statutoryDeadline(year) };
    },

    /**
     * Published reports of agencies not on the platform, read by the parser and linted. Each file
     * goes to the external agency named by `childCode`, else to the external agency of the subtree
     * whose name is the report's, else to a new external agency created under `agencyCode` with
     * the report's name. One result per file; a file that cannot be used is refused, the rest go on.
     */
    async importExternalReports(agencyCode: string, year: number, files: readonly ImportFile[], actor: string, options: { childCode?: string } = {}): Promise<ImportResult[]> {
      checkYear(year);
      const root = await agencies.getAgencyByCode(agencyCode);
      const results: ImportResult[] = [];
      for (const file of files) {
        const refused = (message: string, agency: Agency | null = null): ImportResult => ({
          fileName: file.name,
          imported: false,
          message,
          agencyCode: agency?.code ?? null,
          agencyName: agency?.name ?? null,
          createdAgency: false,
          errors: 0,
          warnings: 0,
        });
        let parsed;
        try {
          parsed = await readReportFile(file);
        } catch (error) {
          if (error instanceof DomainError) {
            results.push(refused(error.userMessage));
            continue;
          }
          throw error;
        }
        const report = parsed.report;
        if (report.year !== null && report.year !== year) {
          results.push(refused(`报告的年度是${report.year}年，不是${year}年，未导入。`));
          continue;
        }
        const outcome = await db.transaction().execute(async (trx): Promise<ImportResult> => {
          const tree = createAgenciesRepository(trx);
          const nodes = await tree.listSubtree(root.id);
          let target: (typeof nodes)[number] | undefined;
          let created = false;
          if (options.childCode !== undefined) {
            target = nodes.find((n) => n.code === options.childCode);
            if (target === undefined) return refused(`机关“${options.childCode}”不在“${root.name}”的下级机关之中。`);
          } else {
            const name = report.agencyName === null ? '' : normaliseName(report.agencyName);
            if (name === '') return refused('报告中找不到机关名称，请指定要导入到哪个机关。');
            target = nodes.find((n) => normaliseName(n.name) === name);
            if (target === undefined) {
              const level = guessLevel(name, root.level);
              const codes = new Set((await tree.listAgencies()).map((a) => a.code));
              const prefix = root.code.slice(0, 30);
              let n = 1;
              while (codes.has(`${prefix}-x${n}`)) n += 1;
              const agency = await tree.createAgency({ code: `${prefix}-x${n}`, name: report.agencyName?.trim() ?? name, level, parentId: root.id, external: true });
              await audit(trx, agency, 'agency.created', actor, { code: agency.code, name: agency.name, level, parentCode: root.code, external: true, fromFile: file.name });
              target = { ...agency, external: true, depth: 1 };
              created = true;
            }
          }
          if (!target.external) return refused(`“${target.name}”在平台上编制年度报告，不能导入文件代替。`, target);
          const findings = [...parsed.findings, ...lintAnnualReport(report, { template: 'national', source: parsed.source, ...(target.level === 'township' ? { agencyLevel: 'township' as const } : {}) })];
          const { errors, warnings } = countBySeverity(findings);
          const stored = { ...report, year };
          await saveExternalReport(trx, {
            agencyId: target.id,
            year,
            fileName: file.name,
            reportJson: renderReportJson(stored),
            findingsJson: JSON.stringify(findings),
            errorCount: errors,
            warningCount: warnings,
            importedBy: actor,
            importedAt: now().toISOString(),
          });
          await audit(trx, target, 'supervision.reportImported', actor, { year, fileName: file.name, errors, warnings, supervisor: root.code });
          return {
            fileName: file.name,
            imported: true,
            message: `已导入为“${target.name}”${year}年度报告：${errors}处错误，${warnings}处提醒。`,
            agencyCode: target.code,
            agencyName: target.name,
            createdAgency: created,
            errors,
            warnings,
          };
        });
        results.push(outcome);
      }
      return results;
    },
  };
}
