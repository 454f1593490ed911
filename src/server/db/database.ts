// Kysely schema types: one interface per table, snake_case columns as in SQL.
// Every row belongs to an agency (agency_id), from the first table on: the platform hosts many.
// Dates are 'YYYY-MM-DD' strings on both engines (column type `date`; pg's DATE parser is
// switched off in connect-database.ts). Fee amounts are decimal strings exactly as entered.
import type { ColumnType, Generated } from 'kysely';

/** Set by the database (DEFAULT CURRENT_TIMESTAMP); read back as text. */
type CreatedTimestamp = ColumnType<string, never, never>;

export interface AgenciesTable {
  id: Generated<number>;
  /** Stable short code used in URLs and the CLI, e.g. 'demo'. */
  code: string;
  name: string;
  /** Administrative level: 'national' | 'provincial' | 'municipal' | 'county' | 'township'. */
  level: string;
  parent_id: number | null;
  created_at: CreatedTimestamp;
  /** 1: not on the platform (its published reports are imported by the supervisor). */
  external: ColumnType<number, number | undefined, number>;
}

export interface ReportApplicationsTable {
  id: Generated<number>;
  agency_id: number;
  /** The case number as the agency knows it (the import file's `id`). */
  external_id: string;
  applicant_type: string;
  received_on: string;
  concluded_on: string | null;
  outcome: string | null;
}

export interface ReportReviewCasesTable {
  id: Generated<number>;
  agency_id: number;
  external_id: string;
  kind: string;
  filed_on: string;
  concluded_on: string | null;
  result: string | null;
}

export interface ReportDocumentsTable {
  id: Generated<number>;
  agency_id: number;
  external_id: string;
  kind: string;
  issued_on: string;
  repealed_on: string | null;
}

/**
 * Table 二's documents counted by triggers (migration 2026-11-28T12-30): one row per agency, kind,
 * year issued and how/when ended ('' and 0 while in force).
 */
export interface ReportDocumentCountsTable {
  agency_id: number;
  kind: string;
  issued_year: number;
  /** '' | 'repealed' | 'expired' */
  ended: string;
  ended_year: number;
  items: number;
}

export interface ReportYearlyFiguresTable {
  agency_id: number;
  year: number;
  licensing: number;
  penalty: number;
  enforcement: number;
  /** 万元, decimal string as entered ("0.0000", "12.5"). */
  administrative_fees: string;
}

/** The prose sections 一、五、六 of one year's report. */
export interface AnnualReportTextsTable {
  agency_id: number;
  year: number;
  overview: string;
  problems: string;
  other_matters: string;
  updated_at: ColumnType<string, string | undefined, string>;
}

/** 依申请公开 cases; state, outcome, concluded_on and version are kept in step with application_events. */
export interface ApplicationsTable {
  id: Generated<number>;
  agency_id: number;
  /** e.g. DEMO-2025-000001, upper case. */
  tracking_number: string;
  /** sha256 (hex) of the applicant's query code; the code is never stored. */
  query_code_hash: string;
  channel: string;
  applicant_type: string;
  applicant_name: string;
  id_number: string | null;
  credit_code: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  contact_address: string | null;
  requested_information: string;
  requested_form: string | null;
  delivery_method: string | null;
  received_on: string;
  state: string;
  outcome: string | null;
  concluded_on: string | null;
  /** = number of events. */
  version: number;
  created_at: CreatedTimestamp;
  /**
   * Clock cache: deriveCaseClock's dueOn, paused and provisional (0/1) as of clock_computed_at,
   * rewritten with each event and each calendar load. A cache of a derived value for the
   * due-soon/overdue list, never a source of truth: reads derive the clock again.
   */
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  paused: ColumnType<number, number | undefined, number>;
  provisional: ColumnType<number, number | undefined, number>;
  clock_computed_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Append-only: inserted, never updated or deleted. */
export interface ApplicationEventsTable {
  id: Generated<number>;
  agency_id: number;
  application_id: number;
  /** 1 for `received`; = the case version after this event. */
  seq: number;
  kind: string;
  /** The legal date of the fact. */
  at: string;
  actor: string;
  /** The whole event as JSON text. */
  data: string;
  recorded_at: CreatedTimestamp;
}

export interface TrackingSequencesTable {
  agency_id: number;
  year: number;
  last_value: number;
}

/** 行政复议 / 行政诉讼 about an agency's disclosure decisions. */
export interface ReviewCasesTable {
  id: Generated<number>;
  agency_id: number;
  application_id: number | null;
  kind: string;
  /** 复议机关 or 法院. */
  body: string;
  filed_on: string;
  concluded_on: string | null;
  result: string | null;
}

/** A loaded year's 节假日安排. Global (no agency_id): the State Council's arrangement binds every agency. */
export interface CalendarYearsTable {
  year: number;
  /** The checked YearArrangement as JSON text. */
  arrangement: string;
  source: string;
  loaded_at: ColumnType<string, string | undefined, string>;
  loaded_by: string;
}

/** Audit entries of a case that are not legal events (e.g. 'calendar_changed'); the event log stays legal events only. */
export interface ApplicationHistoryTable {
  id: Generated<number>;
  agency_id: number;
  application_id: number;
  at: ColumnType<string, string | undefined, never>;
  actor: string;
  kind: string;
  /** JSON text. */
  detail: string;
}

/** An agency's edited notice template; kinds without a row use the built-in default. */
export interface NoticeTemplatesTable {
  agency_id: number;
  kind: string;
  /** NoticeTemplate as JSON text. */
  template: string;
  updated_at: string;
  updated_by: string;
}

// ---------------------------------------------------------------- 主动公开

export interface PublicationsTable {
  id: Generated<number>;
  agency_id: number;
  index_number: string | null;
  title: string;
  body_html: string;
  body_text: string;
  summary: string;
  document_number: string | null;
  issuer: string;
  written_on: string;
  published_on: string | null;
  kind: string;
  category_code: string;
  /** JSON array of PublicationChannel codes. */
  channels: string;
  validity: string;
  effective_from: string | null;
  validity_ended_on: string | null;
  state: string;
  current_step: number | null;
  author: string;
  withdrawn_on: string | null;
  version: number;
  created_at: CreatedTimestamp;
  updated_at: ColumnType<string, never, string>;
}

/** Append-only. */
export interface PublicationEventsTable {
  id: Generated<number>;
  agency_id: number;
  publication_id: number;
  seq: number;
  kind: string;
  actor: string;
  at: string;
  /** PublicationEvent as JSON. */
  data: string;
  recorded_at: CreatedTimestamp;
}

export interface PublicationAttachmentsTable {
  id: Generated<number>;
  agency_id: number;
  publication_id: number;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  /** Empty when the bytes are in the file storage (storage_key set). */
  content: Uint8Array;
  /** Where the bytes are in the file storage (src/server/storage); null: in content. */
  storage_key: string | null;
  text: string;
  created_by: string;
  created_at: CreatedTimestamp;
}

export interface PublicationIndexSequencesTable {
  agency_id: number;
  year: number;
  last_value: number;
}

export interface DisclosureSettingsTable {
  agency_id: number;
  credit_code: string | null;
  index_number_pattern: string | null;
  /** JSON ReviewStep[], null for the default chain. */
  review_chain: string | null;
  /** JSON checklist questions, null for the default. */
  checklist: string | null;
  updated_by: string;
  updated_at: ColumnType<string, never, string>;
}

export interface CatalogueNodesTable {
  id: Generated<number>;
  agency_id: number;
  code: string;
  parent_code: string | null;
  name: string;
  basis: string;
  position: number;
  active: ColumnType<number, number | undefined, number>;
}

export interface DisclosureGuidesTable {
  id: Generated<number>;
  agency_id: number;
  version: number;
  /** JSON of the guide's fields. */
  fields: string;
  created_by: string;
  created_at: CreatedTimestamp;
}

export interface ScreeningTermsTable {
  id: Generated<number>;
  agency_id: number;
  kind: string;
  term: string;
  correction: string | null;
  note: ColumnType<string, string | undefined, string>;
}

export interface DisclosureSettingsHistoryTable {
  id: Generated<number>;
  agency_id: number;
  actor: string;
  kind: string;
  /** JSON text. */
  detail: string;
  at: CreatedTimestamp;
}

/** The approval of one year's report (report-approval.ts); final_json/published_json are report JSON. */
export interface AnnualReportsTable {
  agency_id: number;
  year: number;
  state: string;
  version: number;
  final_json: string | null;
  published_json: string | null;
  published_at: string | null;
  updated_at: ColumnType<string, string | undefined, string>;
}

export interface AnnualReportEventsTable {
  agency_id: number;
  year: number;
  seq: number;
  kind: string;
  actor: string;
  note: string | null;
  at: string;
}

/** An online applicant's 身份证明 (条例第二十九条); served only through the audited staff route. */
export interface ApplicationIdProofsTable {
  id: Generated<number>;
  agency_id: number;
  application_id: number;
  media_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  created_at: CreatedTimestamp;
}

/** One claim per (job, period): the process that inserted it runs the job (src/server/jobs/). */
export interface JobRunsTable {
  job: string;
  period: string;
  claimed_by: string;
  claimed_at: string;
  finished_at: string | null;
  outcome: 'ok' | 'failed' | null;
  detail: string | null;
}

/** A case due within 3 working days ('due_soon') or overdue, listed once per agency and day. */
export interface RemindersTable {
  agency_id: number;
  reminder_date: string;
  tracking_number: string;
  kind: 'due_soon' | 'overdue';
  due_on: string;
  working_days_left: number;
  created_at: string;
}

/**
 * One nightly check of the audit chains; findings is a JSON array. entry_count counts every chain.
 * chains: a JSON array of each chain's anchor {chainId, agencyCode, count, lastSeq, lastHash}
 * (migration 2026-11-28T12-00); null in rows written before it, whose last_seq and last_hash are
 * those of the one chain of that time (now chain 0). Rows with chains leave last_seq and last_hash null.
 */
export interface AuditVerificationsTable {
  id: Generated<number>;
  period: string;
  verified_at: string;
  entry_count: number;
  last_seq: number | null;
  last_hash: string | null;
  findings: string;
  ok: number;
  chains: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The report deadline a supervisor set for its subtree (default 1月31日 of the next year). */
export interface SupervisionDeadlinesTable {
  agency_id: number;
  year: number;
  due_on: string;
  set_by: string;
  set_at: ColumnType<string, string | undefined, string>;
}

/** The published report of an agency not on the platform, read from its file. */
export interface ExternalReportsTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  file_name: string;
  report_json: string;
  findings_json: string;
  error_count: number;
  warning_count: number;
  imported_by: string;
  imported_at: string;
}

export interface Database {
  agencies: AgenciesTable;
  report_applications: ReportApplicationsTable;
  report_review_cases: ReportReviewCasesTable;
  report_documents: ReportDocumentsTable;
  report_document_counts: ReportDocumentCountsTable;
  report_yearly_figures: ReportYearlyFiguresTable;
  annual_report_texts: AnnualReportTextsTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  tracking_sequences: TrackingSequencesTable;
  review_cases: ReviewCasesTable;
  calendar_years: CalendarYearsTable;
  application_history: ApplicationHistoryTable;
  notice_templates: NoticeTemplatesTable;
  publications: PublicationsTable;
  publication_events: PublicationEventsTable;
  publication_attachments: PublicationAttachmentsTable;
  publication_index_sequences: PublicationIndexSequencesTable;
  disclosure_settings: DisclosureSettingsTable;
  catalogue_nodes: CatalogueNodesTable;
  disclosure_guides: DisclosureGuidesTable;
  screening_terms: ScreeningTermsTable;
  disclosure_settings_history: DisclosureSettingsHistoryTable;
  annual_reports: AnnualReportsTable;
  annual_report_events: AnnualReportEventsTable;
  supervision_deadlines: SupervisionDeadlinesTable;
  external_reports: ExternalReportsTable;
  application_id_proofs: ApplicationIdProofsTable;
  job_runs: JobRunsTable;
  reminders: RemindersTable;
  audit_verifications: AuditVerificationsTable;
}
