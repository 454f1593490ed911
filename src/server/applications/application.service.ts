// 依申请公开 cases over storage: intake (validation, tracking number, query code), recording
// events under a version check, reading a case with its derived clock, lists, the public
// status by query code, and 行政复议/行政诉讼 cases. The law lives in src/domain/application;
// this file loads, replays, applies and stores, each change in one transaction.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { requirePermission } from '../../domain/account/permissions.ts';
import type { ApplicationCase, CaseState } from '../../domain/application/application-case.ts';
import { CASE_STATE_LABELS, CASE_STATES } from '../../domain/application/application-case.ts';
import { applyCaseEvent, openCase } from '../../domain/application/apply-case-event.ts';
import type { CaseEvent, CaseEventKind, ReceivedEvent } from '../../domain/application/case-events.ts';
import { CASE_EVENT_LABELS } from '../../domain/application/case-events.ts';
import { DEFAULT_EXTENSION_APPROVER_ROLES, DUE_SOON_WORKING_DAYS, findDeadlineRulesInForceOn } from '../../domain/application/deadline-rules.ts';
import type { DeadlineRulesVersion } from '../../domain/application/deadline-rules.ts';
import type { CaseClock } from '../../domain/application/derive-case-clock.ts';
import { deriveCaseClock } from '../../domain/application/derive-case-clock.ts';
import { formatTrackingNumber, parseTrackingNumber } from '../../domain/application/format-tracking-number.ts';
import { computeFeeByCount, computeFeeByPages } from '../../domain/application/compute-processing-fee.ts';
import type { IntakeChannel } from '../../domain/application/intake-channels.ts';
import { replayCaseEvents } from '../../domain/application/replay-case-events.ts';
import { toReportRecord } from '../../domain/application/to-report-records.ts';
import { validateCreditCode } from '../../domain/application/validate-credit-code.ts';
import { validateIdentityNumber } from '../../domain/application/validate-identity-number.ts';
import type { WorkingDayCalendar, YearArrangement } from '../../domain/calendar/working-day-calendar.ts';
import { addWorkingDays, countWorkingDays } from '../../domain/calendar/working-day-calendar.ts';
import { addDays } from '../../domain/calendar/iso-date.ts';
import { DomainError } from '../../domain/domain-error.ts';
import type { IsoDate } from '../../domain/report/compute/report-records.ts';
import type { ApplicantType, ReviewGroup, ReviewResult } from '../../domain/report/report-format.ts';
import { outcomeLabel } from '../../domain/report/report-format.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import type { Agency } from '../agencies/agencies.repository.ts';
import type { CalendarProvider, LoadedCalendarYear } from '../calendar/calendar-provider.ts';
import { createCalendarProvider } from '../calendar/calendar-provider.ts';
import { appendAuditEntry } from '../audit/audit.repository.ts';
import { assertRecordsChangeAllowed, yearOfDate } from '../annual-reports/report-locks.ts';
import type { Database } from '../db/database.ts';
import type { ApplicationFilter, ApplicationRow, AuditEntryRow, ReviewCaseRow, StoredEvent } from './application.repository.ts';
import {
  appendEvent,
  findAuditEntries,
  findIdProofSummary,
  findClockCandidateRows,
  listAllApplicationRows,
  findOpenRowsTouchingYear,
  findRowsWithoutClockCache,
  insertAuditEntry,
  writeClockCache,
  concludeReviewCaseRow,
  findApplicationById,
  findApplicationByTrackingNumber,
  findEvents,
  findReviewCaseRow,
  insertApplication,
  insertReviewCase,
  listApplicationRows,
  listReviewCaseRows,
  nextTrackingSequence,
  updateSummary,
} from './application.repository.ts';

export interface ApplicantInput {
  type: ApplicantType;
  name: string;
  /** 居民身份证号码: required for a natural person. */
  idNumber?: string | null;
  /** 统一社会信用代码: required for an organisation. */
  creditCode?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
}

export interface ApplicationInput {
  channel: IntakeChannel;
  /** 收到申请之日 under 第三十一条. */
  receivedOn: IsoDate;
  applicant: ApplicantInput;
  requestedInformation: string;
  requestedForm?: string | null;
  deliveryMethod?: string | null;
}

/** An event as sent by a client: the actor comes from the request, not the body. */
export type CaseEventInput = CaseEvent extends infer E ? (E extends CaseEvent ? Omit<E, 'actor'> : never) : never;

export interface RecordEventOptions {
  actor: string;
  actorRoles: readonly string[];
  /** The version the client saw (= number of events). */
  expectedVersion: number;
}

/** One legal event of the case's log. */
export interface EventHistoryEntry {
  source: 'event';
  seq: number;
  kind: CaseEventKind;
  label: string;
  at: IsoDate;
  actor: string;
  recordedAt: string;
  event: CaseEvent;
}

/** What changed about a case when a new 节假日安排 year was loaded. */
export interface CalendarChangedDetail {
  year: number;
  source: string;
  oldDueOn: IsoDate | null;
  newDueOn: IsoDate | null;
  oldProvisional: boolean;
  newProvisional: boolean;
}

/** An audit entry that is not a legal event (application_history), e.g. a due date moved by a calendar load. */
export interface AuditHistoryEntry {
  source: 'audit';
  kind: 'calendar_changed';
  label: string;
  /** The calendar day (China) it happened. */
  at: IsoDate;
  actor: string;
  recordedAt: string;
  detail: CalendarChangedDetail;
}

export type HistoryEntry = EventHistoryEntry | AuditHistoryEntry;

export interface CalendarLoadResult {
  year: number;
  source: string;
  loadedAt: string;
  loadedBy: string;
  /** Open cases whose due date or provisional mark changed, each with a history entry. */
  changedCases: { trackingNumber: string; oldDueOn: IsoDate | null; newDueOn: IsoDate | null; oldProvisional: boolean; newProvisional: boolean }[];
}

export interface ApplicationDetails {
  trackingNumber: string;
  agencyId: number;
  channel: string;
  applicant: { type: string; name: string; idNumber: string | null; creditCode: string | null; phone: string | null; email: string | null; address: string | null };
  requestedInformation: string;
  requestedForm: string | null;
  deliveryMethod: string | null;
  receivedOn: IsoDate;
  state: CaseState;
  stateLabel: string;
  outcome: string | null;
  outcomeLabel: string | null;
  concludedOn: IsoDate | null;
  version: number;
  clock: CaseClock;
  history: HistoryEntry[];
  /** The 身份证明 uploaded with an online application (portal), served by GET /api/applications/:tn/id-proof. */
  idProof: { mediaType: string; size: number } | null;
}

export interface ApplicationListItem {
  trackingNumber: string;
  applicantType: string;
  applicantName: string;
  channel: string;
  receivedOn: IsoDate;
  state: CaseState;
  stateLabel: string;
  outcome: string | null;
  dueOn: IsoDate | null;
  workingDaysLeft: number | null;
  paused: boolean;
  dueSoon: boolean;
  overdue: boolean;
  provisional: boolean;
  version: number;
}

export interface ListApplicationsOptions extends ApplicationFilter {
  state?: CaseState;
  /** With `overdue` also true: cases due soon or overdue. */
  dueSoon?: boolean;
  overdue?: boolean;
  /** Page size: LIST_PAGE_SIZE by default, at most MAX_LIST_PAGE_SIZE. */
  limit?: number;
  offset?: number;
}

export const LIST_PAGE_SIZE = 100;
export const MAX_LIST_PAGE_SIZE = 1_000;

/** One page of a list, in order of receipt; `total` counts every matching case. */
export interface ApplicationListPage {
  applications: ApplicationListItem[];
  total: number;
  limit: number;
  offset: number;
}

/** What the applicant sees with the query code: steps and dates only, no personal data. */
export interface PublicStatus {
  trackingNumber: string;
  receivedOn: IsoDate;
  state: CaseState;
  stateLabel: string;
  dueOn: IsoDate | null;
  paused: boolean;
  concludedOn: IsoDate | null;
  outcomeLabel: string | null;
  steps: { at: IsoDate; label: string }[];
}

export interface ReviewCase {
  id: number;
  trackingNumber: string | null;
  kind: ReviewGroup;
  body: string;
  filedOn: IsoDate;
  concludedOn: IsoDate | null;
  result: ReviewResult | null;
}

export interface ReviewCaseInput {
  kind: ReviewGroup;
  body: string;
  filedOn: IsoDate;
  /** The application the review is about, if any. */
  trackingNumber?: string | null;
}

export interface ApplicationServiceDeps {
  db: Kysely<Database>;
  /**
   * The built-in years to count with (default HOLIDAY_ARRANGEMENTS); years loaded into
   * calendar_years are merged on top and win. Ignored when `calendars` is given.
   */
  calendar?: WorkingDayCalendar;
  calendars?: CalendarProvider;
  today: () => IsoDate;
  /** Roles that may approve an extension (第三十三条); default DEFAULT_EXTENSION_APPROVER_ROLES. */
  approverRoles?: readonly string[];
  /** The instant written in the audit trail (toISOString form); default the system clock. */
  now?: () => string;
}

/** Today's date in China (UTC+8), where the agencies count their working days. */
export function todayInChina(): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export const VERSION_CONFLICT_MESSAGE = '该申请已被他人修改，请刷新后重试';
/**
 * 109号文: the fee is computed by the system, never typed in. By count (第四条): this applicant's
 * applications to this agency received earlier in the same natural month, then this one. By pages
 * (第五条): the pages of this application. An amount sent along must equal the computed one.
 */
async function computeFeeNotice(db: Kysely<Database>, row: ApplicationRow, input: CaseEventInput & { kind: 'feeNoticeSent' }): Promise<CaseEventInput> {
  const basis = input.basis;
  if (basis === undefined) throw new DomainError('BAD_INPUT', 'feeNoticeSent needs a basis', '收费通知须说明计费方式（basis：按件 by_count 或按量 by_pages），金额由系统计算', { field: 'basis' });
  let fee;
  if (basis.method === 'by_pages') {
    fee = computeFeeByPages({ pages: basis.pages });
  } else {
    const monthStart = `${row.received_on.slice(0, 7)}-01`;
    let query = db
      .selectFrom('applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('agency_id', '=', row.agency_id)
      .where('received_on', '>=', monthStart)
      .where((eb) => eb.or([eb('received_on', '<', row.received_on), eb.and([eb('received_on', '=', row.received_on), eb('id', '<', row.id)])]));
    // The same applicant: by 身份证 or 统一社会信用代码, else by name.
    if (row.id_number !== null) query = query.where('id_number', '=', row.id_number);
    else if (row.credit_code !== null) query = query.where('credit_code', '=', row.credit_code);
    else query = query.where('applicant_name', '=', row.applicant_name);
    const previous = Number((await query.executeTakeFirst())?.n ?? 0);
    fee = computeFeeByCount({ previousCountThisMonth: previous, count: 1 });
  }
  if (fee.amount === 0) {
    throw new DomainError('BAD_INPUT', 'no fee is due on this application', '按《政府信息公开信息处理费管理办法》计算，本申请不收取信息处理费，不能发出收费通知', { field: 'basis' });
  }
  const amount = String(fee.amount);
  if (input.amount !== undefined && input.amount !== '' && Number(input.amount) !== fee.amount) {
    throw new DomainError('BAD_INPUT', `fee amount ${input.amount} differs from the computed ${amount}`, `收费金额应为${amount}元（系统按计费方式计算），与填写的${input.amount}元不一致`, { field: 'amount' });
  }
  return { ...input, amount };
}

const NOT_FOUND_BY_CODE_MESSAGE = '申请编号或查询码不正确，请核对后重试。';
// No 0/O, 1/I/L: the code is read off paper and typed in.
const QUERY_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const QUERY_CODE_LENGTH = 12;

function badInput(field: string, message: string): DomainError {
  return new DomainError('BAD_INPUT', `${field}: ${message}`, message, { field });
}

function generateQueryCode(): string {
  let code = '';
  for (let i = 0; i < QUERY_CODE_LENGTH; i += 1) code += QUERY_CODE_ALPHABET[randomInt(QUERY_CODE_ALPHABET.length)];
  return code;
}

/** A random 12-character code carries ~59 bits: sha256 is enough, no slow hash needed. */
function hashQueryCode(code: string): string {
  return createHash('sha256').update(code.trim().toUpperCase()).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The calendar day in China (UTC+8) of an ISO timestamp. */
function chinaDateOf(timestamp: string): IsoDate {
  const time = new Date(timestamp);
  if (Number.isNaN(time.getTime())) return timestamp.slice(0, 10);
  return new Date(time.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

const blankToNull = (value: string | null | undefined): string | null => (value === undefined || value === null || value.trim() === '' ? null : value.trim());

export function normalizeTrackingNumber(trackingNumber: string): string {
  const parsed = parseTrackingNumber(trackingNumber);
  return formatTrackingNumber(parsed.agencyCode, parsed.year, parsed.sequence);
}

export function notFound(trackingNumber: string): DomainError {
  return new DomainError('NOT_FOUND', `No application ${trackingNumber}`, `找不到申请编号为“${trackingNumber}”的申请。`, { field: 'trackingNumber' });
}

function toReviewCase(row: ReviewCaseRow, trackingNumber: string | null): ReviewCase {
  return {
    id: row.id,
    trackingNumber,
    kind: row.kind as ReviewGroup,
    body: row.body,
    filedOn: row.filed_on,
    concludedOn: row.concluded_on,
    result: row.result as ReviewResult | null,
  };
}

export function createApplicationService(deps: ApplicationServiceDeps) {
  const { db, today } = deps;
  const calendars = deps.calendars ?? createCalendarProvider(db, deps.calendar === undefined ? undefined : [...deps.calendar.arrangements.values()]);
  const approverRoles = deps.approverRoles ?? DEFAULT_EXTENSION_APPROVER_ROLES;
  const now = deps.now ?? (() => new Date().toISOString());
  const agencies = createAgenciesRepository(db);

  function checkApplicant(applicant: ApplicantInput, receivedOn: IsoDate): { idNumber: string | null; creditCode: string | null } {
    if (applicant.name.trim() === '') throw badInput('applicant.name', '申请人姓名或名称（applicant.name）不能为空');
    if (applicant.type === 'natural_person') {
      const idNumber = blankToNull(applicant.idNumber);
      if (idNumber === null) throw badInput('applicant.idNumber', '申请人为自然人的，须填写身份证号码（applicant.idNumber）');
      const checked = validateIdentityNumber(idNumber, { asOf: receivedOn });
      if (!checked.ok) throw badInput('applicant.idNumber', `申请人身份证号码（applicant.idNumber）有误：${checked.reason}`);
      return { idNumber: checked.normalized, creditCode: null };
    }
    const creditCode = blankToNull(applicant.creditCode);
    if (creditCode === null) throw badInput('applicant.creditCode', '申请人为法人或其他组织的，须填写统一社会信用代码（applicant.creditCode）');
    const checked = validateCreditCode(creditCode);
    if (!checked.ok) throw badInput('applicant.creditCode', `申请人统一社会信用代码（applicant.creditCode）有误：${checked.reason}`);
    return { idNumber: null, creditCode: checked.normalized };
  }

  async function withComputedFee(trackingNumber: string, input: CaseEventInput): Promise<CaseEventInput> {
    if (input.kind !== 'feeNoticeSent') return input;
    return computeFeeNotice(db, await requireApplication(db, trackingNumber), input);
  }

  async function loadCase(trx: Kysely<Database>, row: ApplicationRow): Promise<{ applicationCase: ApplicationCase; stored: StoredEvent[] }> {
    const stored = (await findEvents(trx, [row.id])).get(row.id) ?? [];
    return { applicationCase: replayCaseEvents(row.tracking_number, stored.map((s) => s.event)), stored };
  }

  async function requireApplication(trx: Kysely<Database>, trackingNumber: string): Promise<ApplicationRow> {
    const normalized = normalizeTrackingNumber(trackingNumber);
    const row = await findApplicationByTrackingNumber(trx, normalized);
    if (row === undefined) throw notFound(normalized);
    return row;
  }

  function details(
    row: ApplicationRow,
    applicationCase: ApplicationCase,
    stored: StoredEvent[],
    calendar: WorkingDayCalendar,
    audit: AuditEntryRow[],
    idProof: ApplicationDetails['idProof'],
  ): ApplicationDetails {
    const events: HistoryEntry[] = stored.map((s) => ({
      source: 'event',
      seq: s.seq,
      kind: s.event.kind,
      label: CASE_EVENT_LABELS[s.event.kind],
      at: s.event.at,
      actor: s.event.actor,
      recordedAt: s.recordedAt,
      event: s.event,
    }));
    const audits: HistoryEntry[] = audit.map((a) => ({
      source: 'audit',
      kind: 'calendar_changed',
      label: '节假日安排变更，答复期限重新计算',
      at: chinaDateOf(a.recordedAt),
      actor: a.actor,
      recordedAt: a.recordedAt,
      detail: a.detail as CalendarChangedDetail,
    }));
    // Events keep their order; audit entries go by when they were recorded.
    const history = [...events];
    for (const entry of audits) {
      const index = history.findIndex((other) => other.recordedAt > entry.recordedAt);
      history.splice(index < 0 ? history.length : index, 0, entry);
    }
    return {
      idProof,
      trackingNumber: row.tracking_number,
      agencyId: row.agency_id,
      channel: row.channel,
      applicant: {
        type: row.applicant_type,
        name: row.applicant_name,
        idNumber: row.id_number,
        creditCode: row.credit_code,
        phone: row.contact_phone,
        email: row.contact_email,
        address: row.contact_address,
      },
      requestedInformation: row.requested_information,
      requestedForm: row.requested_form,
      deliveryMethod: row.delivery_method,
      receivedOn: applicationCase.receivedOn,
      state: applicationCase.state,
      stateLabel: CASE_STATE_LABELS[applicationCase.state],
      outcome: applicationCase.outcome,
      outcomeLabel: applicationCase.outcome === null ? null : outcomeLabel(applicationCase.outcome),
      concludedOn: applicationCase.concludedOn,
      version: applicationCase.version,
      clock: deriveCaseClock(applicationCase, calendar, today()),
      history,
    };
  }

  function clockCacheOf(clock: CaseClock) {
    return { dueOn: clock.dueOn, paused: clock.paused, provisional: clock.provisional };
  }

  async function getAgency(agencyCode: string): Promise<Agency> {
    return agencies.getAgencyByCode(agencyCode);
  }

  return {
    /**
     * Registers an application; the query code is returned once and never stored in clear.
     * `afterInsert` runs inside the case's transaction (e.g. storing the portal's ID proof), so both
     * are written or neither.
     */
    async receiveApplication(
      agencyCode: string,
      input: ApplicationInput,
      actor: string,
      actorRoles: readonly string[],
      options: { afterInsert?: (trx: Kysely<Database>, ref: { agencyId: number; applicationId: number; trackingNumber: string }) => Promise<void> } = {},
    ): Promise<{ trackingNumber: string; queryCode: string }> {
      requirePermission(actorRoles, 'application.receive');
      const agency = await getAgency(agencyCode);
      if (input.receivedOn > today()) throw badInput('receivedOn', '收到申请之日（receivedOn）不能晚于今天');
      const identity = checkApplicant(input.applicant, input.receivedOn);
      if (input.requestedInformation.trim() === '') throw badInput('requestedInformation', '所需政府信息的描述（requestedInformation）不能为空');
      const received: ReceivedEvent = {
        kind: 'received',
        at: input.receivedOn,
        actor,
        channel: input.channel,
        applicantType: input.applicant.type,
        rulesVersion: (findDeadlineRulesInForceOn(input.receivedOn)?.version ?? '') as DeadlineRulesVersion,
      };
      // Checked before a number is taken; the stored id is the tracking number.
      const opened = openCase('new', received);
      const queryCode = generateQueryCode();
      const year = Number(input.receivedOn.slice(0, 4));

      const trackingNumber = await db.transaction().execute(async (trx) => {
        // A new case counts in its year's 一 and, while open, in later years' 二 and 四.
        await assertRecordsChangeAllowed(trx, agency.id, {
          before: {},
          after: { applications: [toReportRecord(opened)] },
          years: [year],
        });
        const calendar = await calendars.current(trx);
        const sequence = await nextTrackingSequence(trx, agency.id, year);
        const number = formatTrackingNumber(agency.code, year, sequence);
        const applicationId = await insertApplication(trx, {
          agencyId: agency.id,
          trackingNumber: number,
          queryCodeHash: hashQueryCode(queryCode),
          channel: input.channel,
          applicantType: input.applicant.type,
          applicantName: input.applicant.name.trim(),
          idNumber: identity.idNumber,
          creditCode: identity.creditCode,
          contactPhone: blankToNull(input.applicant.phone),
          contactEmail: blankToNull(input.applicant.email),
          contactAddress: blankToNull(input.applicant.address),
          requestedInformation: input.requestedInformation.trim(),
          requestedForm: blankToNull(input.requestedForm),
          deliveryMethod: blankToNull(input.deliveryMethod),
          receivedOn: input.receivedOn,
          state: opened.state,
        });
        await appendEvent(trx, agency.id, applicationId, 1, received);
        await writeClockCache(trx, applicationId, clockCacheOf(deriveCaseClock(opened, calendar, today())));
        // No personal data in the trail: the case number stands for the applicant.
        await appendAuditEntry(trx, {
          at: now(),
          actor: received.actor,
          agencyId: agency.id,
          action: 'application.received',
          subject: `application:${number}`,
          detail: { channel: input.channel, applicantType: input.applicant.type, receivedOn: input.receivedOn, version: 1 },
        });
        if (options.afterInsert !== undefined) await options.afterInsert(trx, { agencyId: agency.id, applicationId, trackingNumber: number });
        return number;
      });
      return { trackingNumber, queryCode };
    },

    /** Applies one event under the version check; throws CONFLICT with VERSION_CONFLICT_MESSAGE when the case moved. */
    async recordEvent(trackingNumber: string, input: CaseEventInput, options: RecordEventOptions): Promise<ApplicationDetails> {
      // 条例第三十三条: approving an extension is the 负责人's decision (then also the approver-roles rule).
      requirePermission(options.actorRoles, input.kind === 'extensionApproved' ? 'application.approveExtension' : 'application.recordEvent');
      const event = { ...(await withComputedFee(trackingNumber, input)), actor: options.actor } as CaseEvent;
      const versionConflict = (found: number) =>
        new DomainError('CONFLICT', `${trackingNumber}: expected version ${options.expectedVersion}, found ${found}`, VERSION_CONFLICT_MESSAGE, { field: 'expectedVersion' });
      const { row, applicationCase, stored, calendar } = await db.transaction().execute(async (trx) => {
        const calendar = await calendars.current(trx);
        const current = await requireApplication(trx, trackingNumber);
        const loaded = await loadCase(trx, current);
        if (loaded.applicationCase.version !== options.expectedVersion) throw versionConflict(loaded.applicationCase.version);
        const next = applyCaseEvent(loaded.applicationCase, event, { calendar, actorRoles: options.actorRoles, approverRoles });
        // The event's own year is closed even when no number moves; a conclusion also changes
        // the later years' 结转 rows, which the recomputation catches.
        await assertRecordsChangeAllowed(trx, current.agency_id, {
          before: { applications: [toReportRecord(loaded.applicationCase)] },
          after: { applications: [toReportRecord(next)] },
          years: [yearOfDate(event.at)],
        });
        const summary = { state: next.state, outcome: next.outcome, concludedOn: next.concludedOn, version: next.version };
        if (!(await updateSummary(trx, current.id, options.expectedVersion, summary))) throw versionConflict(-1);
        await appendEvent(trx, current.agency_id, current.id, next.version, event);
        await writeClockCache(trx, current.id, clockCacheOf(deriveCaseClock(next, calendar, today())));
        await appendAuditEntry(trx, {
          at: now(),
          actor: event.actor,
          agencyId: current.agency_id,
          action: `application.${event.kind}`,
          subject: `application:${current.tracking_number}`,
          detail: { at: event.at, version: next.version, state: next.state },
        });
        return { row: current, applicationCase: next, stored: [...loaded.stored, { seq: next.version, event, recordedAt: '' }], calendar };
      });
      // recordedAt of the new event is set by the database: read it back outside the transaction.
      const fresh = (await findEvents(db, [row.id])).get(row.id) ?? stored;
      return details(row, applicationCase, fresh, calendar, await findAuditEntries(db, row.id), await findIdProofSummary(db, row.id));
    },

    /** The code of the agency a case belongs to (routes check the user's roles there); NOT_FOUND when none. */
    async agencyCodeOf(trackingNumber: string): Promise<string> {
      const row = await requireApplication(db, trackingNumber);
      const agency = await db.selectFrom('agencies').select('code').where('id', '=', row.agency_id).executeTakeFirstOrThrow();
      return agency.code;
    },

    /** The case for staff: applicant, derived clock and history (who, when, what). */
    async getApplication(trackingNumber: string): Promise<ApplicationDetails> {
      const row = await requireApplication(db, trackingNumber);
      const { applicationCase, stored } = await loadCase(db, row);
      return details(row, applicationCase, stored, await calendars.current(), await findAuditEntries(db, row.id), await findIdProofSummary(db, row.id));
    },

    async listApplications(agencyCode: string, options: ListApplicationsOptions = {}): Promise<ApplicationListPage> {
      const limit = options.limit ?? LIST_PAGE_SIZE;
      const offset = options.offset ?? 0;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_PAGE_SIZE) throw badInput('limit', `每页件数（limit）须为1至${MAX_LIST_PAGE_SIZE}之间的整数`);
      if (!Number.isInteger(offset) || offset < 0) throw badInput('offset', '起始位置（offset）须为不小于0的整数');
      const agency = await getAgency(agencyCode);
      const filter: ApplicationFilter = {};
      if (options.state !== undefined) filter.state = options.state;
      if (options.year !== undefined) filter.year = options.year;
      if (options.search !== undefined && options.search.trim() !== '') filter.search = options.search.trim();
      const day = today();
      const calendar = await calendars.current();
      // dueSoon/overdue: the clock cache (due_on) picks the candidates by index; the exact clock
      // is then derived for those rows only. Paused cases are always candidates, as their date moves daily.
      const narrowed = options.state !== 'closed' && (options.dueSoon === true || options.overdue === true);
      const openStates = CASE_STATES.filter((state) => state !== 'closed');
      // Open rows written without the cache would be missed by the index: fill them first (none, usually).
      if (narrowed) await fillClockCache({ agencyId: agency.id, states: openStates });
      // A list filtered by the derived clock is paged after the clocks are derived; other lists page in SQL.
      const byClock = options.dueSoon !== undefined || options.overdue !== undefined;
      const { rows, total } = narrowed
        ? {
            rows: await findClockCandidateRows(db, agency.id, {
              ...filter,
              // Overdue: due before today. Due soon: due from today to the day before the 6th working day after it.
              dueFrom: options.overdue === true ? null : day,
              dueTo: options.dueSoon === true ? addDays(addWorkingDays(calendar, day, DUE_SOON_WORKING_DAYS + 1).dueOn, -1) : addDays(day, -1),
              openStates,
            }),
            total: null,
          }
        : byClock
          ? { rows: await listAllApplicationRows(db, agency.id, filter), total: null }
          : await listApplicationRows(db, agency.id, filter, { limit, offset });
      // A running case's due date does not move with time, so its cached clock answers the list;
      // only paused cases (their date moves daily), closed ones and rows without a cache are replayed.
      const fromCache = (row: ApplicationRow): boolean => row.state !== 'closed' && row.paused === 0 && row.clock_computed_at !== null;
      const events = await findEvents(
        db,
        rows.filter((row) => !fromCache(row)).map((r) => r.id),
      );
      const items = rows.map((row): ApplicationListItem => {
        const base = {
          trackingNumber: row.tracking_number,
          applicantType: row.applicant_type,
          applicantName: row.applicant_name,
          channel: row.channel,
        };
        if (fromCache(row)) {
          const state = row.state as CaseState;
          const dueOn = row.due_on;
          // The same definitions as deriveCaseClock (workingDaysLeft, overdue, dueSoon).
          const workingDaysLeft = dueOn === null ? null : dueOn >= day ? countWorkingDays(calendar, day, dueOn) : 0 - countWorkingDays(calendar, dueOn, day);
          const overdue = dueOn !== null && day > dueOn;
          return {
            ...base,
            receivedOn: row.received_on,
            state,
            stateLabel: CASE_STATE_LABELS[state],
            outcome: row.outcome,
            dueOn,
            workingDaysLeft,
            paused: false,
            dueSoon: !overdue && workingDaysLeft !== null && workingDaysLeft <= DUE_SOON_WORKING_DAYS,
            overdue,
            provisional: row.provisional === 1,
            version: row.version,
          };
        }
        const applicationCase = replayCaseEvents(row.tracking_number, (events.get(row.id) ?? []).map((s) => s.event));
        const clock = deriveCaseClock(applicationCase, calendar, day);
        return {
          ...base,
          receivedOn: applicationCase.receivedOn,
          state: applicationCase.state,
          stateLabel: CASE_STATE_LABELS[applicationCase.state],
          outcome: applicationCase.outcome,
          dueOn: clock.dueOn,
          workingDaysLeft: clock.workingDaysLeft,
          paused: clock.paused,
          dueSoon: clock.dueSoon,
          overdue: clock.overdue,
          provisional: clock.provisional,
          version: applicationCase.version,
        };
      });
      if (total !== null) return { applications: items, total, limit, offset };
      // Both flags true: the clerk's working list, due soon or overdue.
      const either = options.dueSoon === true && options.overdue === true;
      const matching = items.filter((item) =>
        either ? item.dueSoon || item.overdue : (options.dueSoon === undefined || item.dueSoon === options.dueSoon) && (options.overdue === undefined || item.overdue === options.overdue),
      );
      return { applications: matching.slice(offset, offset + limit), total: matching.length, limit, offset };
    },

    /**
     * Loads one year's 节假日安排 (replacing an earlier load of the year) and, in the same
     * transaction, recomputes the clock of every open case whose count may touch that year;
     * each case whose due date or provisional mark changed gets a 'calendar_changed' history entry.
     */
    async loadCalendarYear(arrangement: YearArrangement, actor: string, actorRoles: readonly string[]): Promise<CalendarLoadResult> {
      requirePermission(actorRoles, 'calendar.load');
      return db.transaction().execute(async (trx) => {
        const before = await calendars.current(trx);
        const loaded = await calendars.storeYear(trx, arrangement, actor);
        const after = await calendars.current(trx);
        const day = today();
        const rows = await findOpenRowsTouchingYear(trx, loaded.year, CASE_STATES.filter((state) => state !== 'closed'));
        const events = await findEvents(trx, rows.map((r) => r.id));
        const changedCases: CalendarLoadResult['changedCases'] = [];
        for (const row of rows) {
          const applicationCase = replayCaseEvents(row.tracking_number, (events.get(row.id) ?? []).map((s) => s.event));
          const old = deriveCaseClock(applicationCase, before, day);
          const fresh = deriveCaseClock(applicationCase, after, day);
          await writeClockCache(trx, row.id, clockCacheOf(fresh));
          if (old.dueOn === fresh.dueOn && old.provisional === fresh.provisional) continue;
          const detail: CalendarChangedDetail = {
            year: loaded.year,
            source: loaded.source,
            oldDueOn: old.dueOn,
            newDueOn: fresh.dueOn,
            oldProvisional: old.provisional,
            newProvisional: fresh.provisional,
          };
          await insertAuditEntry(trx, { agencyId: row.agency_id, applicationId: row.id, actor, kind: 'calendar_changed', detail });
          changedCases.push({ trackingNumber: row.tracking_number, ...detail });
        }
        await appendAuditEntry(trx, {
          at: now(),
          actor,
          agencyId: null,
          action: 'calendar.loaded',
          subject: `calendar:${loaded.year}`,
          detail: { year: loaded.year, source: loaded.source, changedCases: changedCases.length },
        });
        return { year: loaded.year, source: loaded.source, loadedAt: loaded.loadedAt, loadedBy: loaded.loadedBy, changedCases };
      });
    },

    /** The years an administrator loaded, and the built-in years. */
    async listCalendarYears(): Promise<{ loaded: Omit<LoadedCalendarYear, 'arrangement'>[]; builtInYears: number[] }> {
      const loaded = await calendars.loadedYears();
      return { loaded: loaded.map(({ arrangement: _arrangement, ...rest }) => rest), builtInYears: calendars.builtIn.map((a) => a.year) };
    },

    /** Fills the clock cache of cases stored without it (before it existed, or bulk-loaded); returns how many. */
    refreshClockCache: () => fillClockCache(),

    /** The public status page: a wrong number and a wrong code give the same NOT_FOUND. */
    async findByQueryCode(trackingNumber: string, queryCode: string): Promise<PublicStatus> {
      const refused = new DomainError('NOT_FOUND', 'tracking number or query code does not match', NOT_FOUND_BY_CODE_MESSAGE, { field: 'queryCode' });
      let normalized: string;
      try {
        normalized = normalizeTrackingNumber(trackingNumber);
      } catch {
        throw refused;
      }
      const row = await findApplicationByTrackingNumber(db, normalized);
      if (row === undefined || !sameHash(row.query_code_hash, hashQueryCode(queryCode))) throw refused;
      const { applicationCase, stored } = await loadCase(db, row);
      const clock = deriveCaseClock(applicationCase, await calendars.current(), today());
      return {
        trackingNumber: row.tracking_number,
        receivedOn: applicationCase.receivedOn,
        state: applicationCase.state,
        stateLabel: CASE_STATE_LABELS[applicationCase.state],
        dueOn: clock.dueOn,
        paused: clock.paused,
        concludedOn: applicationCase.concludedOn,
        outcomeLabel: applicationCase.outcome === null ? null : outcomeLabel(applicationCase.outcome),
        steps: stored.map((s) => ({ at: s.event.at, label: CASE_EVENT_LABELS[s.event.kind] })),
      };
    },

    async createReviewCase(agencyCode: string, input: ReviewCaseInput, actor: string, actorRoles: readonly string[]): Promise<ReviewCase> {
      requirePermission(actorRoles, 'review.record');
      const agency = await getAgency(agencyCode);
      if (input.body.trim() === '') throw badInput('body', '复议机关或法院（body）不能为空');
      let applicationId: number | null = null;
      let trackingNumber: string | null = null;
      const linked = blankToNull(input.trackingNumber);
      if (linked !== null) {
        const row = await findApplicationByTrackingNumber(db, normalizeTrackingNumber(linked));
        // Another agency's case is not found, not forbidden: its existence is not disclosed.
        if (row === undefined || row.agency_id !== agency.id) throw notFound(linked);
        if (input.filedOn < row.received_on) throw badInput('filedOn', '提起复议或诉讼之日（filedOn）不能早于收到申请之日');
        applicationId = row.id;
        trackingNumber = row.tracking_number;
      }
      const row = await db.transaction().execute(async (trx) => {
        await assertRecordsChangeAllowed(trx, agency.id, {
          before: {},
          after: { reviewCases: [{ id: 'new', kind: input.kind, filedOn: input.filedOn, concludedOn: null, result: null }] },
          years: [yearOfDate(input.filedOn)],
        });
        const inserted = await insertReviewCase(trx, { agencyId: agency.id, applicationId, kind: input.kind, body: input.body.trim(), filedOn: input.filedOn });
        await appendAuditEntry(trx, {
          at: now(),
          actor,
          agencyId: agency.id,
          action: 'review.filed',
          subject: `review:${inserted.id}`,
          detail: { kind: input.kind, filedOn: input.filedOn, trackingNumber },
        });
        return inserted;
      });
      return toReviewCase(row, trackingNumber);
    },

    async concludeReviewCase(agencyCode: string, id: number, input: { concludedOn: IsoDate; result: ReviewResult }, actor: string, actorRoles: readonly string[]): Promise<ReviewCase> {
      requirePermission(actorRoles, 'review.record');
      const agency = await getAgency(agencyCode);
      const existing = await findReviewCaseRow(db, agency.id, id);
      if (existing === undefined) throw new DomainError('NOT_FOUND', `No review case ${id}`, `找不到编号为${id}的复议或诉讼案件。`, { field: 'id' });
      if (existing.result !== null) throw new DomainError('CONFLICT', `review case ${id} already concluded`, '该复议或诉讼案件已经审结，不能再次登记结果。', { field: 'result' });
      if (input.concludedOn < existing.filed_on) throw badInput('concludedOn', '审结之日（concludedOn）不能早于提起之日');
      const row = await db.transaction().execute(async (trx) => {
        // Concluded in 2026, a case filed in 2025 changes 2026 (and the years after), not 2025.
        const pending = { id: String(id), kind: existing.kind as ReviewGroup, filedOn: existing.filed_on, concludedOn: null, result: null };
        await assertRecordsChangeAllowed(trx, agency.id, {
          before: { reviewCases: [pending] },
          after: { reviewCases: [{ ...pending, concludedOn: input.concludedOn, result: input.result }] },
          years: [yearOfDate(input.concludedOn)],
        });
        const concluded = await concludeReviewCaseRow(trx, agency.id, id, input.concludedOn, input.result);
        if (concluded !== undefined) {
          await appendAuditEntry(trx, { at: now(), actor, agencyId: agency.id, action: 'review.concluded', subject: `review:${id}`, detail: { concludedOn: input.concludedOn, result: input.result } });
        }
        return concluded;
      });
      if (row === undefined) throw new DomainError('NOT_FOUND', `No review case ${id}`, `找不到编号为${id}的复议或诉讼案件。`, { field: 'id' });
      return toReviewCase(row, await trackingNumberOf(agency.id, row.application_id));
    },

    async listReviewCases(agencyCode: string): Promise<ReviewCase[]> {
      const agency = await getAgency(agencyCode);
      const rows = await listReviewCaseRows(db, agency.id);
      const result: ReviewCase[] = [];
      for (const row of rows) result.push(toReviewCase(row, await trackingNumberOf(agency.id, row.application_id)));
      return result;
    },
  };

  async function fillClockCache(scope?: { agencyId: number; states: readonly string[] }): Promise<number> {
    const calendar = await calendars.current();
    const day = today();
    let count = 0;
    for (;;) {
      const rows = await findRowsWithoutClockCache(db, 500, scope);
      if (rows.length === 0) return count;
      const events = await findEvents(db, rows.map((r) => r.id));
      for (const row of rows) {
        const applicationCase = replayCaseEvents(row.tracking_number, (events.get(row.id) ?? []).map((s) => s.event));
        await writeClockCache(db, row.id, clockCacheOf(deriveCaseClock(applicationCase, calendar, day)));
      }
      count += rows.length;
    }
  }

  async function trackingNumberOf(agencyId: number, applicationId: number | null): Promise<string | null> {
    if (applicationId === null) return null;
    return (await findApplicationById(db, agencyId, applicationId))?.tracking_number ?? null;
  }
}

export type ApplicationService = ReturnType<typeof createApplicationService>;
