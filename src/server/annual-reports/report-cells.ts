// What lies behind one cell of a year's computed report (issue 5: "a click on a cell lists the
// cases or publications behind it"). Cells are named as in the report JSON: table2 row
// rules|normativeDocuments with a DocumentColumn, or licensing|penalty|enforcement|administrativeFees
// with column null; table3 row a Table3RowCode with a Table3Column; table4 row a ReviewGroup
// with a ReviewColumn.
//
// Each cell is one SQL filter per source, spelt with the rules of computeAnnualReport (and of
// findReportCounts / countCaseReportRecords, which group the same rows): the items listed are
// exactly the ones counted. Sources: imported records (report_*) and the platform's own cases
// (applications, review_cases) and 主动公开 items (publications).
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import { DomainError } from '../../domain/domain-error.ts';
import { PUBLICATION_KINDS, VALIDITY_STATUSES } from '../../domain/publication/publication.ts';
import type {
  ApplicantType,
  DocumentColumn,
  DocumentKind,
  OutcomeCode,
  ReviewColumn,
  ReviewGroup,
  Table3Column,
  Table3RowCode,
} from '../../domain/report/report-format.ts';
import {
  APPLICANT_TYPES,
  DECISION_ROWS,
  DOCUMENT_COLUMNS,
  DOCUMENT_KINDS,
  FEE_HEADER,
  FEE_ROW,
  OUTCOME_GROUPS,
  OUTCOMES,
  REVIEW_GROUPS,
  REVIEW_RESULTS,
  SECTIONS,
  SINGLE_VALUE_COLUMN,
  TABLE3_COLUMN_LABELS,
  TABLE3_COLUMNS,
  TABLE3_RESULTS_LABEL,
  TABLE3_ROWS,
} from '../../domain/report/report-format.ts';
import type { Database } from '../db/database.ts';

export interface ReportCellAddress {
  table: 'table2' | 'table3' | 'table4';
  row: string;
  column: string | null;
}

export interface ReportCellItem {
  /** Tracking number, publication id, review case number or imported record id. */
  id: string;
  title: string;
  /** The date that puts the item in this cell (received, concluded, issued, repealed, filed). */
  date: string;
  /** One short Chinese line, e.g. "自然人 · 予以公开 · 2025-03-02 办结". */
  detail: string;
  /** Console path when the item can be opened there ("/applications/DEMO-2025-000001"), else null. */
  consolePath: string | null;
}

export interface ReportCellContents {
  address: ReportCellAddress;
  /** Chinese description of the cell, e.g. "三、收到和处理政府信息公开申请情况 · 本年新收政府信息申请数量 · 自然人". */
  label: string;
  /** The item kind listed; 'figures' for cells entered as yearly figures (no items). */
  kind: 'applications' | 'reviewCases' | 'documents' | 'figures';
  /** Items behind the cell; its count equals the cell's value for computed cells. */
  items: ReportCellItem[];
  /** Set when items were cut at the limit. */
  truncated: boolean;
  /** For 'figures' cells: where the number comes from, in Chinese. */
  note: string | null;
}

export const DEFAULT_CELL_ITEM_LIMIT = 500;
export const MAX_CELL_ITEM_LIMIT = 5_000;

const FIGURES_NOTE =
  '本项数字不是逐件统计的，来自“年度统计数填报”中填报的本年度数字（第二十条第（五）（六）（八）项）。如需更正，请在“年度统计数填报”中修改。';

const TITLE_TEXT_LENGTH = 40;

// ---------------------------------------------------------------- address

type Cell =
  | { table: 'table2'; kind: 'documents'; row: DocumentKind; column: DocumentColumn }
  | { table: 'table2'; kind: 'figures'; row: string }
  | { table: 'table3'; row: Table3RowCode; column: Table3Column }
  | { table: 'table4'; row: ReviewGroup; column: ReviewColumn };

function badAddress(address: ReportCellAddress, message: string): DomainError {
  return new DomainError('BAD_INPUT', `no report cell ${address.table}/${address.row}/${address.column ?? ''}`, message, {
    table: address.table,
    row: address.row,
    column: address.column,
  });
}

const FIGURE_ROW_CODES: readonly string[] = [...DECISION_ROWS.map((r) => r.code), FEE_ROW.code];

function parseAddress(address: ReportCellAddress): Cell {
  const { table, row, column } = address;
  if (table === 'table2') {
    const kind = DOCUMENT_KINDS.find((k) => k.code === row);
    if (kind !== undefined) {
      const documentColumn = DOCUMENT_COLUMNS.find((c) => c.code === column);
      if (documentColumn === undefined) throw badAddress(address, `表二“${kind.label}”没有这一栏，栏目应为：${DOCUMENT_COLUMNS.map((c) => c.label).join('、')}。`);
      return { table, kind: 'documents', row: kind.code, column: documentColumn.code };
    }
    if (FIGURE_ROW_CODES.includes(row)) {
      if (column !== null && column !== '' && column !== SINGLE_VALUE_COLUMN) throw badAddress(address, '表二的行政许可、行政处罚、行政强制和行政事业性收费只有一个数字，不分栏目。');
      return { table, kind: 'figures', row };
    }
    throw badAddress(address, '表二没有这一行。');
  }
  if (table === 'table3') {
    const found = TABLE3_ROWS.find((r) => r.code === row);
    if (found === undefined) throw badAddress(address, '表三没有这一行。');
    const table3Column = TABLE3_COLUMNS.find((c) => c === column);
    if (table3Column === undefined) throw badAddress(address, `表三没有这一栏，栏目应为申请人类型：${TABLE3_COLUMNS.map((c) => TABLE3_COLUMN_LABELS[c]).join('、')}。`);
    return { table, row: found.code as Table3RowCode, column: table3Column };
  }
  if (table === 'table4') {
    const group = REVIEW_GROUPS.find((g) => g.code === row);
    if (group === undefined) throw badAddress(address, '表四没有这一行，应为行政复议、未经复议直接起诉或复议后起诉。');
    const result = REVIEW_RESULTS.find((r) => r.code === column);
    if (result === undefined) throw badAddress(address, `表四没有这一栏，栏目应为：${REVIEW_RESULTS.map((r) => r.label).join('、')}。`);
    return { table, row: group.code, column: result.code };
  }
  throw badAddress(address, '报告中没有这张表，应为表二、表三或表四。');
}

// ---------------------------------------------------------------- labels

const sectionHeading = (ordinal: '二' | '三' | '四'): string => {
  const section = SECTIONS.find((s) => s.ordinal === ordinal);
  return `${ordinal}、${section?.heading ?? ''}`;
};

function table3RowLabel(row: Table3RowCode): string {
  const outcome = OUTCOMES.find((o) => o.code === row);
  if (outcome !== undefined) {
    const group = OUTCOME_GROUPS.find((g) => g.code === outcome.group);
    const groupLabel = `${group?.ordinal ?? ''}${group?.label ?? ''}`;
    return outcome.item === '' ? `${TABLE3_RESULTS_LABEL} · ${groupLabel}` : `${TABLE3_RESULTS_LABEL} · ${groupLabel} · ${outcome.item}${outcome.label}`;
  }
  if (row === 'concludedTotal') return `${TABLE3_RESULTS_LABEL} · （七）总计`;
  return TABLE3_ROWS.find((r) => r.code === row)?.label ?? row;
}

function labelOf(cell: Cell): string {
  if (cell.table === 'table2') {
    if (cell.kind === 'documents') {
      const kind = DOCUMENT_KINDS.find((k) => k.code === cell.row);
      const column = DOCUMENT_COLUMNS.find((c) => c.code === cell.column);
      return `${sectionHeading('二')} · 第二十条第（一）项 · ${kind?.label ?? cell.row} · ${column?.label ?? cell.column}`;
    }
    const decision = DECISION_ROWS.find((r) => r.code === cell.row);
    if (decision !== undefined) return `${sectionHeading('二')} · 第二十条第${decision.item}项 · ${decision.label} · ${decision.header}`;
    return `${sectionHeading('二')} · 第二十条第${FEE_ROW.item}项 · ${FEE_ROW.label} · ${FEE_HEADER}`;
  }
  if (cell.table === 'table3') return `${sectionHeading('三')} · ${table3RowLabel(cell.row)} · ${TABLE3_COLUMN_LABELS[cell.column]}`;
  const group = REVIEW_GROUPS.find((g) => g.code === cell.row);
  const groupLabel = group === undefined ? cell.row : group.parent === null ? group.label : `${group.parent} · ${group.label}`;
  return `${sectionHeading('四')} · ${groupLabel} · ${REVIEW_RESULTS.find((r) => r.code === cell.column)?.label ?? cell.column}`;
}

// ---------------------------------------------------------------- items

interface Period {
  start: string;
  end: string;
}

/** Newest first by the date that puts the item in the cell, then by id (stable pages). */
function byDateDescending(a: ReportCellItem, b: ReportCellItem): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function cut(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= length ? flat : `${chars.slice(0, length).join('')}…`;
}

const APPLICANT_LABELS: Record<string, string> = Object.fromEntries(APPLICANT_TYPES.map((a) => [a.code, a.label]));
/** The outcome row without the table's bracketed instruction (部分公开（区分处理的…）→ 部分公开). */
const OUTCOME_SHORT_LABELS: Record<string, string> = Object.fromEntries(OUTCOMES.map((o) => [o.code, o.label.replace(/（[^）]*）$/, '')]));

/** Which date sorts an application in this row: its conclusion in the outcome rows, else its receipt. */
const sortsByConclusion = (row: Table3RowCode): boolean => row !== 'received' && row !== 'carriedIn' && row !== 'carriedOver';

type ApplicationsEb = ExpressionBuilder<Database, 'applications'>;
type ImportedApplicationsEb = ExpressionBuilder<Database, 'report_applications'>;

/**
 * The filter of one table 三 row over the platform's own cases. As countCaseReportRecords: a case
 * counts as concluded only once closed (state 'closed'), with its concluded_on and outcome.
 */
function ownApplicationsFilter(eb: ApplicationsEb, row: Table3RowCode, period: Period): Expression<SqlBool> {
  const openAtStart = eb.or([eb('state', '<>', 'closed'), eb('concluded_on', 'is', null), eb('concluded_on', '>=', period.start)]);
  const counted = eb.and([eb('received_on', '<=', period.end), eb.or([eb('received_on', '>=', period.start), openAtStart])]);
  const concluded = (outcome: OutcomeCode | null): Expression<SqlBool> =>
    eb.and([eb('state', '=', 'closed'), eb('concluded_on', '<=', period.end), outcome === null ? eb('outcome', 'is not', null) : eb('outcome', '=', outcome)]);
  if (row === 'received') return eb.and([eb('received_on', '>=', period.start), eb('received_on', '<=', period.end)]);
  if (row === 'carriedIn') return eb.and([eb('received_on', '<', period.start), openAtStart]);
  if (row === 'carriedOver') {
    return eb.and([counted, eb.or([eb('state', '<>', 'closed'), eb('concluded_on', 'is', null), eb('concluded_on', '>', period.end), eb('outcome', 'is', null)])]);
  }
  return eb.and([counted, concluded(row === 'concludedTotal' ? null : row)]);
}

/** The same filter over imported records (report_applications), as findReportCounts groups them. */
function importedApplicationsFilter(eb: ImportedApplicationsEb, row: Table3RowCode, period: Period): Expression<SqlBool> {
  const openAtStart = eb.or([eb('concluded_on', 'is', null), eb('concluded_on', '>=', period.start)]);
  const counted = eb.and([eb('received_on', '<=', period.end), eb.or([eb('received_on', '>=', period.start), openAtStart])]);
  const concluded = (outcome: OutcomeCode | null): Expression<SqlBool> =>
    eb.and([eb('concluded_on', '<=', period.end), outcome === null ? eb('outcome', 'is not', null) : eb('outcome', '=', outcome)]);
  if (row === 'received') return eb.and([eb('received_on', '>=', period.start), eb('received_on', '<=', period.end)]);
  if (row === 'carriedIn') return eb.and([eb('received_on', '<', period.start), openAtStart]);
  if (row === 'carriedOver') return eb.and([counted, eb.or([eb('concluded_on', 'is', null), eb('concluded_on', '>', period.end), eb('outcome', 'is', null)])]);
  return eb.and([counted, concluded(row === 'concludedTotal' ? null : row)]);
}

function applicationDetail(applicantType: string, concludedInYear: boolean, outcome: string | null, receivedOn: string, concludedOn: string | null): string {
  const applicant = APPLICANT_LABELS[applicantType] ?? applicantType;
  if (concludedInYear && outcome !== null && concludedOn !== null) return `${applicant} · ${OUTCOME_SHORT_LABELS[outcome] ?? outcome} · ${concludedOn} 办结`;
  return `${applicant} · 年底未办结 · ${receivedOn} 收到`;
}

/**
 * Two steps, for a year of 100 000 cases: the ids in order from the covering report index
 * (applications_report_counts_idx, report_applications_report_counts_idx: no table rows read),
 * then the listed rows by id.
 */
async function findApplicationItems(db: Kysely<Database>, agencyId: number, cell: Extract<Cell, { table: 'table3' }>, period: Period, take: number): Promise<ReportCellItem[]> {
  const byConclusion = sortsByConclusion(cell.row);
  const applicantType = cell.column === 'total' ? null : (cell.column as ApplicantType);
  let ownKeys = db
    .selectFrom('applications')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where((eb) => ownApplicationsFilter(eb, cell.row, period));
  if (applicantType !== null) ownKeys = ownKeys.where('applicant_type', '=', applicantType);
  ownKeys = byConclusion ? ownKeys.orderBy('concluded_on', 'desc') : ownKeys.orderBy('received_on', 'desc');
  let importedKeys = db
    .selectFrom('report_applications')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where((eb) => importedApplicationsFilter(eb, cell.row, period));
  if (applicantType !== null) importedKeys = importedKeys.where('applicant_type', '=', applicantType);
  importedKeys = byConclusion ? importedKeys.orderBy('concluded_on', 'desc') : importedKeys.orderBy('received_on', 'desc');
  const [ownIds, importedIds] = await Promise.all([
    ownKeys.orderBy('id', 'desc').limit(take).execute(),
    importedKeys.orderBy('id', 'desc').limit(take).execute(),
  ]);
  const [ownRows, importedRows] = await Promise.all([
    ownIds.length === 0
      ? []
      : db
          .selectFrom('applications')
          .select(['tracking_number', 'requested_information', 'applicant_type', 'received_on', 'state', 'concluded_on', 'outcome'])
          .where('id', 'in', ownIds.map((r) => r.id))
          .execute(),
    importedIds.length === 0
      ? []
      : db
          .selectFrom('report_applications')
          .select(['external_id', 'applicant_type', 'received_on', 'concluded_on', 'outcome'])
          .where('id', 'in', importedIds.map((r) => r.id))
          .execute(),
  ]);

  const concludedIn = (concludedOn: string | null, outcome: string | null): boolean => concludedOn !== null && concludedOn <= period.end && outcome !== null;
  return [
    ...ownRows.map((row): ReportCellItem => {
      const closed = row.state === 'closed';
      const concludedOn = closed ? row.concluded_on : null;
      const outcome = closed ? row.outcome : null;
      return {
        id: row.tracking_number,
        // No applicant name: the list is about the case, and names are personal data.
        title: `${row.tracking_number} ${cut(row.requested_information, TITLE_TEXT_LENGTH)}`,
        date: byConclusion && concludedOn !== null ? concludedOn : row.received_on,
        detail: applicationDetail(row.applicant_type, concludedIn(concludedOn, outcome), outcome, row.received_on, concludedOn),
        consolePath: `/applications/${row.tracking_number}`,
      };
    }),
    ...importedRows.map(
      (row): ReportCellItem => ({
        id: row.external_id,
        title: `${row.external_id}（导入的记录）`,
        date: byConclusion && row.concluded_on !== null ? row.concluded_on : row.received_on,
        detail: applicationDetail(row.applicant_type, concludedIn(row.concluded_on, row.outcome), row.outcome, row.received_on, row.concluded_on),
        consolePath: null,
      }),
    ),
  ];
}

const REVIEW_GROUP_LABELS: Record<string, string> = Object.fromEntries(REVIEW_GROUPS.map((g) => [g.code, g.parent === null ? g.label : `${g.parent}（${g.label}）`]));
const REVIEW_RESULT_LABELS: Record<string, string> = Object.fromEntries(REVIEW_RESULTS.map((r) => [r.code, r.label]));

interface ReviewRow {
  filed_on: string;
  concluded_on: string | null;
  result: string | null;
}

/**
 * Table 四 as computeTable4: counted when filed in the year or pending on 1 January; concluded in
 * the year with a result goes to that result, anything else to 尚未审结. Review cases are few
 * (tens a year): the counted rows of the kind are read and split here by the same rule.
 */
function reviewColumnOf(row: ReviewRow, period: Period): ReviewColumn | null {
  const counted = row.filed_on <= period.end && (row.filed_on >= period.start || row.concluded_on === null || row.concluded_on >= period.start);
  if (!counted) return null;
  return row.concluded_on !== null && row.concluded_on <= period.end && row.result !== null ? (row.result as ReviewColumn) : 'pending';
}

async function findReviewCaseItems(db: Kysely<Database>, agencyId: number, cell: Extract<Cell, { table: 'table4' }>, period: Period): Promise<ReportCellItem[]> {
  const [ownRows, importedRows] = await Promise.all([
    db
      .selectFrom('review_cases')
      .leftJoin('applications', 'applications.id', 'review_cases.application_id')
      .select(['review_cases.id', 'review_cases.body', 'review_cases.filed_on', 'review_cases.concluded_on', 'review_cases.result', 'applications.tracking_number'])
      .where('review_cases.agency_id', '=', agencyId)
      .where('review_cases.kind', '=', cell.row)
      .where('review_cases.filed_on', '<=', period.end)
      .execute(),
    db
      .selectFrom('report_review_cases')
      .select(['external_id', 'filed_on', 'concluded_on', 'result'])
      .where('agency_id', '=', agencyId)
      .where('kind', '=', cell.row)
      .where('filed_on', '<=', period.end)
      .execute(),
  ]);
  const wanted = (row: ReviewRow): boolean => {
    const column = reviewColumnOf(row, period);
    return column !== null && (cell.column === 'total' || cell.column === column);
  };
  const itemOf = (id: string, title: string, row: ReviewRow): ReportCellItem => {
    const concluded = reviewColumnOf(row, period) !== 'pending' && row.concluded_on !== null && row.result !== null;
    return {
      id,
      title,
      date: concluded && row.concluded_on !== null ? row.concluded_on : row.filed_on,
      detail: concluded
        ? `${REVIEW_GROUP_LABELS[cell.row]} · ${row.filed_on} 提起 · ${REVIEW_RESULT_LABELS[row.result ?? ''] ?? row.result} · ${row.concluded_on} 审结`
        : `${REVIEW_GROUP_LABELS[cell.row]} · ${row.filed_on} 提起 · 年底尚未审结`,
      consolePath: null,
    };
  };
  return [
    ...ownRows.filter(wanted).map((row) =>
      itemOf(
        `review-case-${row.id}`,
        `${REVIEW_GROUP_LABELS[cell.row]}第${row.id}号（${cut(row.body, 20)}）${row.tracking_number === null ? '' : `，涉及申请 ${row.tracking_number}`}`,
        row,
      ),
    ),
    ...importedRows.filter(wanted).map((row) => itemOf(row.external_id, `${row.external_id}（导入的记录）`, row)),
  ];
}

const KIND_LABELS: Record<string, string> = Object.fromEntries(PUBLICATION_KINDS.map((k) => [k.code, k.label]));
const VALIDITY_LABELS: Record<string, string> = Object.fromEntries(VALIDITY_STATUSES.map((v) => [v.code, v.label]));
/** The states in which an item was issued (to-document-records.ts ISSUED_STATES). */
const ISSUED_STATES = ['published', 'withdrawn'];
const ENDED_VALIDITIES = ['repealed', 'expired'];

/**
 * Table 二 （一） as computeDocumentCounts over toDocumentRecords: issued (成文) in the year; 废止 in
 * the year; in force at 31 December (issued by then, not 废止 or 失效 on or before it).
 */
async function findDocumentItems(db: Kysely<Database>, agencyId: number, cell: Extract<Cell, { kind: 'documents' }>, period: Period, take: number): Promise<ReportCellItem[]> {
  let publications = db
    .selectFrom('publications')
    .select(['id', 'title', 'document_number', 'kind', 'state', 'written_on', 'validity', 'validity_ended_on'])
    .where('agency_id', '=', agencyId)
    .where('kind', '=', cell.row)
    .where('state', 'in', ISSUED_STATES);
  let imported = db.selectFrom('report_documents').select(['external_id', 'issued_on', 'repealed_on']).where('agency_id', '=', agencyId).where('kind', '=', cell.row);
  if (cell.column === 'issued') {
    publications = publications.where('written_on', '>=', period.start).where('written_on', '<=', period.end).orderBy('written_on', 'desc');
    imported = imported.where('issued_on', '>=', period.start).where('issued_on', '<=', period.end).orderBy('issued_on', 'desc');
  } else if (cell.column === 'repealed') {
    publications = publications
      .where('validity', '=', 'repealed')
      .where('validity_ended_on', '>=', period.start)
      .where('validity_ended_on', '<=', period.end)
      .orderBy('validity_ended_on', 'desc');
    imported = imported.where('repealed_on', '>=', period.start).where('repealed_on', '<=', period.end).orderBy('repealed_on', 'desc');
  } else {
    publications = publications
      .where('written_on', '<=', period.end)
      .where((eb) => eb.or([eb('validity', 'not in', ENDED_VALIDITIES), eb('validity_ended_on', 'is', null), eb('validity_ended_on', '>', period.end)]))
      .orderBy('written_on', 'desc');
    imported = imported
      .where('issued_on', '<=', period.end)
      .where((eb) => eb.or([eb('repealed_on', 'is', null), eb('repealed_on', '>', period.end)]))
      .orderBy('issued_on', 'desc');
  }
  const [publicationRows, importedRows] = await Promise.all([publications.orderBy('id', 'desc').limit(take).execute(), imported.orderBy('id', 'desc').limit(take).execute()]);
  return [
    ...publicationRows.map((row): ReportCellItem => {
      const ended = ENDED_VALIDITIES.includes(row.validity) && row.validity_ended_on !== null ? ` ${row.validity_ended_on}` : '';
      return {
        id: String(row.id),
        title: row.title,
        date: cell.column === 'repealed' && row.validity_ended_on !== null ? row.validity_ended_on : row.written_on,
        detail: [
          KIND_LABELS[row.kind] ?? row.kind,
          row.document_number ?? '无文号',
          `${row.written_on} 成文`,
          `${VALIDITY_LABELS[row.validity] ?? row.validity}${ended}`,
          ...(row.state === 'withdrawn' ? ['已撤回'] : []),
        ].join(' · '),
        consolePath: `/publications/${row.id}`,
      };
    }),
    ...importedRows.map(
      (row): ReportCellItem => ({
        id: row.external_id,
        title: `${row.external_id}（导入的记录）`,
        date: cell.column === 'repealed' && row.repealed_on !== null ? row.repealed_on : row.issued_on,
        detail: `${DOCUMENT_KINDS.find((k) => k.code === cell.row)?.label ?? cell.row} · ${row.issued_on} 制发${row.repealed_on === null ? '' : ` · ${row.repealed_on} 废止`}`,
        consolePath: null,
      }),
    ),
  ];
}

/**
 * Throws DomainError BAD_INPUT for an address that names no cell. Lists at most `limit` items
 * (default 500), newest first.
 */
export async function findReportCellContents(
  db: Kysely<Database>,
  agencyId: number,
  year: number,
  address: ReportCellAddress,
  limit: number = DEFAULT_CELL_ITEM_LIMIT,
): Promise<ReportCellContents> {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new DomainError('BAD_INPUT', `bad report year ${year}`, '年度应为四位数的年份。', { field: 'year' });
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CELL_ITEM_LIMIT) {
    throw new DomainError('BAD_INPUT', `bad cell item limit ${limit}`, `列出的条数（limit）须为1至${MAX_CELL_ITEM_LIMIT}之间的整数。`, { field: 'limit' });
  }
  const cell = parseAddress(address);
  const label = labelOf(cell);
  const normalized: ReportCellAddress = { table: address.table, row: address.row, column: cell.table === 'table2' && cell.kind === 'figures' ? null : address.column };
  if (cell.table === 'table2' && cell.kind === 'figures') {
    return { address: normalized, label, kind: 'figures', items: [], truncated: false, note: FIGURES_NOTE };
  }
  const period = { start: `${year}-01-01`, end: `${year}-12-31` };
  // One more than the limit from each source tells whether the merged list was cut.
  const take = limit + 1;
  const found =
    cell.table === 'table3'
      ? await findApplicationItems(db, agencyId, cell, period, take)
      : cell.table === 'table4'
        ? await findReviewCaseItems(db, agencyId, cell, period)
        : await findDocumentItems(db, agencyId, cell, period, take);
  const sorted = found.sort(byDateDescending);
  const kind = cell.table === 'table3' ? 'applications' : cell.table === 'table4' ? 'reviewCases' : 'documents';
  return { address: normalized, label, kind, items: sorted.slice(0, limit), truncated: sorted.length > limit, note: null };
}
