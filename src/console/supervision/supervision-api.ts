// The 政务公开办's API as the console sees it (src/server/supervision/supervision.routes.ts).
import { api } from '../api.ts';
import type { Finding, ReportJson } from '../reports/report-api.ts';
import { withSnapshot } from './supervision-logic.ts';

export type SupervisionStatus = 'notStarted' | 'draft' | 'inReview' | 'finalized' | 'published';
export type ReportSource = 'published' | 'final' | 'live' | 'imported' | 'none';

export interface SupervisedAgency {
  code: string;
  name: string;
  level: string;
  levelLabel: string;
  parentCode: string | null;
  depth: number;
  /** Not on the platform: its report comes from an imported file. */
  external: boolean;
  status: SupervisionStatus;
  statusLabel: string;
  source: ReportSource;
  sourceLabel: string;
  late: boolean;
  deadline: string;
  deadlineSetBy: string | null;
  publishedAt: string | null;
  errors: number;
  warnings: number;
  imported: { fileName: string; importedAt: string; importedBy: string } | null;
  /** portal: the public report page (published only); console: the agency's details here. */
  links: { portal: string | null; console: string; api: string };
}

export interface SupervisionView {
  agency: { code: string; name: string };
  year: number;
  statutoryDeadline: string;
  /** The deadline this agency set for its subtree, null when none (the statutory one applies). */
  deadline: string | null;
  counts: Record<SupervisionStatus | 'late' | 'agencies', number>;
  agencies: SupervisedAgency[];
  aggregate: ReportJson;
  exports: { docx: string; xlsx: string };
  /** The roll-up the server keeps for this view: cells, agency pages and exports pass its id. */
  snapshot: Snapshot;
}

/** id: opaque; computedAt: the ISO instant the roll-up was computed. */
export interface Snapshot {
  id: string;
  computedAt: string;
}

export type CellValue = number | string | null;

export interface SupervisionCell {
  address: { table: 'table2' | 'table3' | 'table4'; row: string; column: string | null };
  label: string;
  total: CellValue;
  contributions: { code: string; name: string; depth: number; source: ReportSource; value: CellValue }[];
  /** The roll-up answered from: the snapshot's computedAt, or a later one when it was recomputed. */
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
  computedAt: string;
}

export interface ImportResult {
  fileName: string;
  imported: boolean;
  message: string;
  agencyCode: string | null;
  agencyName: string | null;
  createdAgency: boolean;
  errors: number;
  warnings: number;
}

const base = (agency: string, year: number) => `/api/supervision/${encodeURIComponent(agency)}/${year}`;

export const getSupervision = (agency: string, year: number) => api<SupervisionView>(base(agency, year));

export function getCell(agency: string, year: number, table: string, row: string, column: string | null, snapshot: string | null): Promise<SupervisionCell> {
  const query = new URLSearchParams({ table, row });
  if (column !== null) query.set('column', column);
  return api<SupervisionCell>(withSnapshot(`${base(agency, year)}/cells?${query.toString()}`, snapshot));
}

export const getSupervisedReport = (agency: string, year: number, child: string, snapshot: string | null) =>
  api<SupervisedReport>(withSnapshot(`${base(agency, year)}/agencies/${encodeURIComponent(child)}`, snapshot));

export const setDeadline = (agency: string, year: number, dueOn: string | null) =>
  api<{ deadline: string | null; statutoryDeadline: string }>(`${base(agency, year)}/deadline`, { method: 'PUT', body: { dueOn } });

/** Multipart upload of report files (api() sends JSON only); errors carry the server's Chinese message. */
export async function importReports(agency: string, year: number, files: readonly File[], childCode: string | null): Promise<ImportResult[]> {
  const form = new FormData();
  if (childCode !== null) form.append('childCode', childCode);
  for (const file of files) form.append('files', file, file.name);
  return (await api<{ results: ImportResult[] }>(`${base(agency, year)}/external-reports`, { form, failure: '导入失败' })).results;
}

/** The server's Chinese message, or a plain fallback. */
export { errorText } from '../api.ts';
