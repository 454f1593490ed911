// The approval of an agency's annual report (issue 5): 草稿 → 审核中 → 已定稿 → 已发布, the staff's
// text sections, the frozen report and its exports. Every change runs in one transaction with its
// annual_report_events row and its audit entry; permissions are checked here, so the CLI and
// the routes get the same refusals.
import type { Kysely } from 'kysely';
import { can, requirePermission } from '../../domain/account/permissions.ts';
import { appendAuditEntry } from '../audit/audit.repository.ts';
import { DomainError } from '../../domain/domain-error.ts';
import type { AnnualReport } from '../../domain/report/annual-report.ts';
import type { Finding } from '../../domain/report/finding.ts';
import { countBySeverity } from '../../domain/report/finding.ts';
import { parseReportJson, renderReportJson, toReportJson } from '../../domain/report/render/render-report-json.ts';
import type { ReportJson } from '../../domain/report/render/report-json-schema.ts';
import type { ReportCommand, ReportState } from '../../domain/report/report-approval.ts';
import { decideReportTransition, isReportLocked, REPORT_COMMANDS, REPORT_STATE_LABELS } from '../../domain/report/report-approval.ts';
import { findSoffice } from '../../files/convert-docx-to-pdf.ts';
import type { Agency } from '../agencies/agencies.repository.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import type { Database } from '../db/database.ts';
import { createRecordsRepository } from '../records/records.repository.ts';
import { createAnnualReportService } from '../reports/annual-report.service.ts';
import type { ReportFile, ReportFileFormat } from '../reports/report-downloads.ts';
import { renderReportFile } from '../reports/report-downloads.ts';
import type { AnnualReportRow, ReportEventKind } from './annual-reports.repository.ts';
import { appendReportEvent, findAnnualReportRow, listAnnualReportStates, listReportEvents, writeAnnualReportRow } from './annual-reports.repository.ts';
import type { ReportCellAddress, ReportCellContents } from './report-cells.ts';
import { findReportCellContents } from './report-cells.ts';

export const MIN_ANNUAL_REPORT_YEAR = 2019;
export const MAX_ANNUAL_REPORT_YEAR = 2100;
/** Per text section; a long report's prose is a few thousand characters. */
export const MAX_REPORT_TEXT_LENGTH = 50_000;

export const REPORT_EVENT_LABELS: Readonly<Record<ReportEventKind, string>> = {
  submit: '提交审核',
  return: '退回修改',
  finalize: '定稿',
  publish: '发布',
  unlock: '解除锁定',
  editText: '修改文字部分',
};

export const REPORT_EXPORT_FORMATS = ['docx', 'xlsx', 'html', 'pdf'] as const;
export type ReportExportFormat = (typeof REPORT_EXPORT_FORMATS)[number];

export const REPORT_VERSION_CONFLICT_MESSAGE = '年度报告已被他人修改，请刷新后重试。';

export interface ReportYearEntry {
  year: number;
  state: ReportState;
  stateLabel: string;
  publishedAt: string | null;
  hasPublishedVersion: boolean;
}

export interface ReportTexts {
  overview: string;
  problems: string;
  otherMatters: string;
}

export interface ReportHistoryEntry {
  kind: ReportEventKind;
  label: string;
  actor: string;
  note: string | null;
  at: string;
}

export interface ReportView {
  year: number;
  state: ReportState;
  stateLabel: string;
  version: number;
  locked: boolean;
  report: ReportJson;
  findings: Finding[];
  text: ReportTexts;
  history: ReportHistoryEntry[];
  allowedCommands: ReportCommand[];
  canEditText: boolean;
  publishedAt: string | null;
  exports: { docx: string; xlsx: string; html: string; pdf: string | null };
}

export interface SaveTextInput extends ReportTexts {
  version: number;
}

export interface CommandInput {
  command: ReportCommand;
  note?: string | null;
  version: number;
}

export interface AnnualReportApprovalService {
  listYears(agencyCode: string, actorRoles: readonly string[]): Promise<{ years: ReportYearEntry[] }>;
  getView(agencyCode: string, year: number, actorRoles: readonly string[]): Promise<ReportView>;
  saveText(agencyCode: string, year: number, input: SaveTextInput, actor: string, actorRoles: readonly string[]): Promise<ReportView>;
  runCommand(agencyCode: string, year: number, input: CommandInput, actor: string, actorRoles: readonly string[]): Promise<ReportView>;
  /** The frozen version when finalized or published, else the live draft. */
  exportReport(agencyCode: string, year: number, format: ReportExportFormat, actorRoles: readonly string[]): Promise<ReportFile>;
  cellContents(agencyCode: string, year: number, address: ReportCellAddress, actorRoles: readonly string[]): Promise<ReportCellContents>;
}

export interface AnnualReportApprovalDeps {
  db: Kysely<Database>;
  now?: () => Date;
  /** Whether PDF export is offered; default: LibreOffice (soffice) is installed. */
  pdfAvailable?: () => Promise<boolean>;
}

/** The calendar year in China at `now`. */
export function yearInChina(now: Date): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_ANNUAL_REPORT_YEAR || year > MAX_ANNUAL_REPORT_YEAR) {
    throw new DomainError('BAD_INPUT', `year out of range: ${year}`, `年度须为 ${MIN_ANNUAL_REPORT_YEAR} 至 ${MAX_ANNUAL_REPORT_YEAR} 之间的四位数年份。`, { year });
  }
}

function versionConflict(agencyCode: string, year: number, expected: number, actual: number): DomainError {
  return new DomainError('CONFLICT', `annual report ${agencyCode}/${year} is at version ${actual}, not ${expected}`, REPORT_VERSION_CONFLICT_MESSAGE, { expectedVersion: expected, version: actual });
}

function checkTexts(input: ReportTexts): void {
  const labels: Record<keyof ReportTexts, string> = { overview: '“一、总体情况”', problems: '“五、存在的主要问题及改进情况”', otherMatters: '“六、其他需要报告的事项”' };
  for (const key of Object.keys(labels) as (keyof ReportTexts)[]) {
    if (typeof input[key] !== 'string') throw new DomainError('BAD_INPUT', `report text ${key} missing`, `${labels[key]}缺少或类型不正确。`, { field: key });
    if (input[key].length > MAX_REPORT_TEXT_LENGTH) {
      throw new DomainError('BAD_INPUT', `report text ${key} too long`, `${labels[key]}过长（不超过 ${MAX_REPORT_TEXT_LENGTH} 字）。`, { field: key });
    }
  }
}

const DRAFT_ROW: AnnualReportRow = { year: 0, state: 'draft', version: 0, finalJson: null, publishedJson: null, publishedAt: null };

export function createAnnualReportApprovalService(deps: AnnualReportApprovalDeps): AnnualReportApprovalService {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const pdfAvailable = deps.pdfAvailable ?? (async () => (await findSoffice()) !== null);
  const agencies = createAgenciesRepository(db);
  const reports = createAnnualReportService({ db });

  /** The report the view shows: frozen in finalized/published, else computed now. */
  async function currentReport(agency: Agency, year: number, row: AnnualReportRow): Promise<{ report: AnnualReport; findings: Finding[] }> {
    if (isReportLocked(row.state) && row.finalJson !== null) {
      const report = parseReportJson(row.finalJson);
      return { report, findings: await reports.lintReport(agency, report) };
    }
    const { report, findings } = await reports.computeReport(agency, year);
    return { report, findings };
  }

  async function buildView(agency: Agency, year: number, actorRoles: readonly string[]): Promise<ReportView> {
    const row = (await findAnnualReportRow(db, agency.id, year)) ?? { ...DRAFT_ROW, year };
    const [{ report, findings }, events, text, withPdf] = await Promise.all([
      currentReport(agency, year, row),
      listReportEvents(db, agency.id, year),
      createRecordsRepository(db).findReportText(agency.id, year),
      pdfAvailable(),
    ]);
    const base = `/api/agencies/${encodeURIComponent(agency.code)}/annual-reports/${year}/export`;
    return {
      year,
      state: row.state,
      stateLabel: REPORT_STATE_LABELS[row.state],
      version: row.version,
      locked: isReportLocked(row.state),
      report: toReportJson(report),
      findings,
      // What the staff saved; before anything is saved, the computed report's own (empty) sections.
      text: text ?? { overview: report.text.overview, problems: report.text.problems, otherMatters: report.text.otherMatters },
      history: events.map((e) => ({ kind: e.kind, label: REPORT_EVENT_LABELS[e.kind] ?? e.kind, actor: e.actorName ?? e.actor, note: e.note, at: e.at })),
      allowedCommands: REPORT_COMMANDS.filter((c) => (c.from as readonly ReportState[]).includes(row.state) && can(actorRoles, c.action)).map((c) => c.code),
      canEditText: row.state === 'draft' && can(actorRoles, 'report.editText'),
      publishedAt: row.publishedAt,
      exports: { docx: `${base}.docx`, xlsx: `${base}.xlsx`, html: `${base}.html`, pdf: withPdf ? `${base}.pdf` : null },
    };
  }

  async function audit(trx: Kysely<Database>, agency: Agency, year: number, action: string, actor: string, at: string, detail: Record<string, string | number | null>): Promise<void> {
    await appendAuditEntry(trx, { at, actor, agencyId: agency.id, action, subject: `report:${agency.code}/${year}`, detail: { year, ...detail } });
  }

  return {
    async listYears(agencyCode, actorRoles) {
      requirePermission(actorRoles, 'report.read');
      const agency = await agencies.getAgencyByCode(agencyCode);
      const [recordYears, rows] = await Promise.all([createRecordsRepository(db).findRecordYears(agency.id), listAnnualReportStates(db, agency.id)]);
      // The report due by 31 January is last year's: it is listed even before any record is entered.
      const years = new Set([...recordYears, ...rows.map((r) => r.year), yearInChina(now()) - 1]);
      const byYear = new Map(rows.map((r) => [r.year, r]));
      return {
        years: [...years]
          .filter((y) => y >= MIN_ANNUAL_REPORT_YEAR && y <= MAX_ANNUAL_REPORT_YEAR)
          .sort((a, b) => b - a)
          .map((year) => {
            const row = byYear.get(year);
            const state: ReportState = row?.state ?? 'draft';
            return { year, state, stateLabel: REPORT_STATE_LABELS[state], publishedAt: row?.publishedAt ?? null, hasPublishedVersion: row?.hasPublishedVersion ?? false };
          }),
      };
    },

    async getView(agencyCode, year, actorRoles) {
      requirePermission(actorRoles, 'report.read');
      checkYear(year);
      return buildView(await agencies.getAgencyByCode(agencyCode), year, actorRoles);
    },

    async saveText(agencyCode, year, input, actor, actorRoles) {
      requirePermission(actorRoles, 'report.editText');
      checkYear(year);
      checkTexts(input);
      const agency = await agencies.getAgencyByCode(agencyCode);
      await db.transaction().execute(async (trx) => {
        const row = (await findAnnualReportRow(trx, agency.id, year)) ?? { ...DRAFT_ROW, year };
        if (row.state !== 'draft') {
          throw new DomainError('CONFLICT', `report text of ${agency.code}/${year} cannot change in state ${row.state}`, `年度报告当前为“${REPORT_STATE_LABELS[row.state]}”，只有草稿可以修改文字部分。`, { state: row.state });
        }
        if (row.version !== input.version) throw versionConflict(agency.code, year, input.version, row.version);
        const at = now().toISOString();
        const written = await writeAnnualReportRow(trx, agency.id, year, row.version, { state: row.state, finalJson: row.finalJson, publishedJson: row.publishedJson, publishedAt: row.publishedAt }, at);
        if (written === null) throw versionConflict(agency.code, year, input.version, row.version + 1);
        const texts = { overview: input.overview, problems: input.problems, otherMatters: input.otherMatters };
        await createRecordsRepository(trx).saveReportText(agency.id, year, texts);
        await appendReportEvent(trx, agency.id, year, { kind: 'editText', actor, note: null, at });
        await audit(trx, agency, year, 'report.editText', actor, at, {
          version: written,
          overviewLength: texts.overview.length,
          problemsLength: texts.problems.length,
          otherMattersLength: texts.otherMatters.length,
        });
      });
      return buildView(agency, year, actorRoles);
    },

    async runCommand(agencyCode, year, input, actor, actorRoles) {
      const command = REPORT_COMMANDS.find((c) => c.code === input.command);
      if (command === undefined) throw new DomainError('BAD_INPUT', `unknown report command ${String(input.command)}`, '未知的操作。', { command: input.command });
      requirePermission(actorRoles, command.action);
      checkYear(year);
      const note = input.note === undefined || input.note === null || input.note.trim() === '' ? null : input.note.trim();
      if (note !== null && note.length > 2000) throw new DomainError('BAD_INPUT', 'report command note too long', '意见或理由过长（不超过 2000 字）。', { field: 'note' });
      const agency = await agencies.getAgencyByCode(agencyCode);
      await db.transaction().execute(async (trx) => {
        const row = (await findAnnualReportRow(trx, agency.id, year, { forUpdate: true })) ?? { ...DRAFT_ROW, year };
        if (row.version !== input.version) throw versionConflict(agency.code, year, input.version, row.version);
        // The report as it stands, computed inside this transaction: what submit and finalize
        // check, and what finalize freezes.
        let live: AnnualReport | null = null;
        let lintErrors = 0;
        if (command.code === 'submit' || command.code === 'finalize') {
          const computed = await createAnnualReportService({ db: trx }).computeReport(agency, year);
          live = computed.report;
          lintErrors = countBySeverity(computed.findings).errors;
        }
        const next = decideReportTransition({ state: row.state, command: command.code, lintErrors, note });
        const at = now().toISOString();
        let { finalJson, publishedJson, publishedAt } = row;
        if (command.code === 'finalize' && live !== null) finalJson = renderReportJson(live);
        if (command.code === 'publish') {
          if (finalJson === null) throw new DomainError('CONFLICT', `annual report ${agency.code}/${year} has no frozen version`, '年度报告没有定稿版本，不能发布。');
          publishedJson = finalJson;
          publishedAt = at;
        }
        const written = await writeAnnualReportRow(trx, agency.id, year, row.version, { state: next, finalJson, publishedJson, publishedAt }, at);
        if (written === null) throw versionConflict(agency.code, year, input.version, row.version + 1);
        await appendReportEvent(trx, agency.id, year, { kind: command.code, actor, note, at });
        await audit(trx, agency, year, `report.${command.code}`, actor, at, { from: row.state, to: next, version: written, note });
      });
      return buildView(agency, year, actorRoles);
    },

    async exportReport(agencyCode, year, format, actorRoles) {
      requirePermission(actorRoles, 'report.read');
      checkYear(year);
      const agency = await agencies.getAgencyByCode(agencyCode);
      const row = (await findAnnualReportRow(db, agency.id, year)) ?? { ...DRAFT_ROW, year };
      const { report } = await currentReport(agency, year, row);
      return renderReportFile(report, format as ReportFileFormat, agency.code, year);
    },

    async cellContents(agencyCode, year, address, actorRoles) {
      requirePermission(actorRoles, 'report.read');
      checkYear(year);
      const agency = await agencies.getAgencyByCode(agencyCode);
      return findReportCellContents(db, agency.id, year, address);
    },
  };
}
