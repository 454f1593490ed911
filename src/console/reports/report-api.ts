// The annual report API as the console sees it (contract: .tmp/report-api.md; the report JSON
// mirrors src/domain/report/render/report-json-schema.ts).
import { api } from '../api.ts';
import type { FindingLocation, ReportTableId } from './report-labels.ts';

export type ReportState = 'draft' | 'inReview' | 'finalized' | 'published';
export type ReportCommand = 'submit' | 'return' | 'finalize' | 'publish' | 'unlock';

export interface ReportYear {
  year: number;
  state: ReportState;
  stateLabel: string;
  publishedAt: string | null;
  hasPublishedVersion: boolean;
}

type Counts = Record<string, number | null>;

export interface ReportJson {
  agencyName: string | null;
  year: number | null;
  table2: {
    rules: Counts;
    normativeDocuments: Counts;
    licensing: number | null;
    penalty: number | null;
    enforcement: number | null;
    administrativeFees: string | null;
  };
  table3: Record<string, Counts>;
  table4: Record<string, Counts>;
  text: Record<string, string>;
}

export interface Finding {
  ruleId: string;
  severity: 'error' | 'warning';
  message: string;
  location: FindingLocation;
  numbers: Record<string, number | string | null>;
}

export interface ReportText {
  overview: string;
  problems: string;
  otherMatters: string;
}

export interface ReportHistoryEntry {
  kind: ReportCommand | 'editText';
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
  text: ReportText;
  history: ReportHistoryEntry[];
  allowedCommands: ReportCommand[];
  canEditText: boolean;
  publishedAt: string | null;
  exports: { docx: string; xlsx: string; html: string; pdf: string | null };
}

export interface ReportCellItem {
  id: string;
  title: string;
  date: string;
  detail: string;
  consolePath: string | null;
}

export interface ReportCellContents {
  address: { table: ReportTableId; row: string; column: string | null };
  label: string;
  kind: 'applications' | 'reviewCases' | 'documents' | 'figures';
  items: ReportCellItem[];
  truncated: boolean;
  note: string | null;
}

const base = (agency: string) => `/api/agencies/${encodeURIComponent(agency)}/annual-reports`;

export function listReportYears(agency: string): Promise<{ years: ReportYear[] }> {
  return api(base(agency));
}

export function getReport(agency: string, year: number): Promise<ReportView> {
  return api(`${base(agency)}/${year}`);
}

export function saveReportText(agency: string, year: number, text: ReportText, version: number): Promise<ReportView> {
  return api(`${base(agency)}/${year}/text`, { method: 'PUT', body: { ...text, version } });
}

export function runReportCommand(agency: string, year: number, command: ReportCommand, version: number, note?: string): Promise<ReportView> {
  return api(`${base(agency)}/${year}/commands`, { method: 'POST', body: { command, version, ...(note === undefined ? {} : { note }) } });
}

/** column null for the one-value rows of table 二 (行政许可…收费): the API names them without a column. */
export function getCellContents(agency: string, year: number, table: ReportTableId, row: string, column: string | null): Promise<ReportCellContents> {
  const query = new URLSearchParams({ table, row });
  if (column !== null) query.set('column', column);
  return api(`${base(agency)}/${year}/cells?${query.toString()}`);
}

/** One year's figures of table 二 第二十条第（五）（六）（八）项 as the figures API keeps them. */
export interface YearlyFigures {
  year: number;
  licensing: number;
  penalty: number;
  enforcement: number;
  /** 万元 as text, e.g. "12.5000" (never a float: the amount keeps its decimals). */
  administrativeFees: string;
}

export type YearlyFiguresBody = Omit<YearlyFigures, 'year'>;

const figuresBase = (agency: string) => `/api/agencies/${encodeURIComponent(agency)}/yearly-figures`;

/** The agency's figures for every year entered, oldest first. */
export function listYearlyFigures(agency: string): Promise<{ agencyCode: string; figures: YearlyFigures[] }> {
  return api(figuresBase(agency));
}

/** Sets one year's figures (figures.edit; 409 with the lock message once the year is 定稿). */
export function saveYearlyFigures(agency: string, year: number, body: YearlyFiguresBody): Promise<YearlyFigures> {
  return api(`${figuresBase(agency)}/${year}`, { method: 'PUT', body });
}
