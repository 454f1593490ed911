// The audit trail in the database (table audit_entries, migration 2026-11-28T08-10): append inside
// the caller's transaction, list for the console, export for 审计 (CSV or JSON lines), verify.
//
// Appends must be serialized, or two transactions would read the same last entry and both write
// seq + 1 (the primary key refuses the second, so the chain never forks, but the change fails):
// - PostgreSQL: pg_advisory_xact_lock, held to the end of the caller's transaction. `select … for
//   update` on the last row would not do: an empty table has no row to lock. The lock serializes
//   every audited change of the platform for the rest of its transaction, which is short.
//   Under READ COMMITTED (the default) the read after the lock sees the last committed entry; a
//   caller running REPEATABLE READ may have an older snapshot and gets a primary-key conflict.
// - SQLite: one writer at a time. The app uses one connection, and Kysely runs its transactions
//   one after another on it. Another process (the CLI beside the server) could read in a deferred
//   transaction while this one writes, so the append first claims the write lock with an update
//   that changes nothing; if the caller's transaction had already read an older snapshot, SQLite
//   answers SQLITE_BUSY rather than let the write go ahead.
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { AuditEntry, AuditEntryInput, StoredAuditEntry } from '../../domain/audit/audit-entry.ts';
import { computeNextAuditEntry } from '../../domain/audit/audit-entry.ts';
import type { JsonObject } from '../../domain/audit/canonical-json.ts';
import { canonicalJson } from '../../domain/audit/canonical-json.ts';
import type { AuditChainExpectation, AuditChainReport } from '../../domain/audit/verify-audit-chain.ts';
import { createAuditChainVerifier } from '../../domain/audit/verify-audit-chain.ts';
import { DomainError } from '../../domain/domain-error.ts';
import type { Database } from '../db/database.ts';
import { sha256Hex } from './sha256-hex.ts';

export interface AuditEntriesTable {
  seq: number;
  at: string;
  actor: string;
  agency_id: number | null;
  action: string;
  subject: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** Until database.ts lists audit_entries, the queries here add the table with withTables. */
type AuditTables = { audit_entries: AuditEntriesTable };
type AuditDatabase = Database & AuditTables;

/** 'gkau' in ASCII: the one advisory lock key of the audit trail. */
export const AUDIT_ADVISORY_LOCK_KEY = 0x676b6175;

const PAGE_SIZE = 1000;

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function toStoredEntry(row: AuditEntriesTable): StoredAuditEntry {
  return { seq: row.seq, at: row.at, actor: row.actor, agencyId: row.agency_id, action: row.action, subject: row.subject, detailJson: row.detail, prevHash: row.prev_hash, hash: row.hash };
}

/** Reads the detail back; null when the stored text is not a JSON object (verify says what happened). */
function parseDetail(text: string): JsonObject | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
  } catch {
    return null;
  }
}

/**
 * Appends one entry inside the caller's transaction (the change and its audit entry commit or roll
 * back together): reads the last entry and writes seq + 1 chained to its hash. `trx` is a
 * Transaction, or a Kysely whose isTransaction is true (records.repository.ts passes those).
 */
export async function appendAuditEntry(trx: Kysely<Database>, input: AuditEntryInput): Promise<StoredAuditEntry> {
  // Outside a transaction the advisory lock would end with its statement, and the entry would not
  // commit or roll back with the change it records.
  if (!trx.isTransaction) throw new Error('appendAuditEntry must run inside the transaction of the change it records');
  const db = trx.withTables<AuditTables>();
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${AUDIT_ADVISORY_LOCK_KEY})`.execute(db);
  else await db.updateTable('audit_entries').set({ seq: sql<number>`seq` }).where(sql<boolean>`0 = 1`).execute();
  const last = await db.selectFrom('audit_entries').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const entry = computeNextAuditEntry(last, input, sha256Hex);
  await db
    .insertInto('audit_entries')
    .values({ seq: entry.seq, at: entry.at, actor: entry.actor, agency_id: entry.agencyId, action: entry.action, subject: entry.subject, detail: entry.detailJson, prev_hash: entry.prevHash, hash: entry.hash })
    .execute();
  return entry;
}

export interface AuditFilters {
  agencyId?: number;
  /** Only platform-wide entries (agency_id null); ignored when agencyId is given. */
  platformOnly?: boolean;
  actor?: string;
  action?: string;
  subject?: string;
  /** UTC instants as stored (toISOString form): from inclusive, to exclusive. */
  from?: string;
  to?: string;
}

export interface ListAuditEntriesOptions extends AuditFilters {
  /** Default 100, at most 1000. */
  limit?: number;
  offset?: number;
}

export interface ListedAuditEntry extends AuditEntry {
  /** The agency's code, null for platform-wide entries. */
  agencyCode: string | null;
}

export interface AuditEntryPage {
  total: number;
  /** Newest first. */
  entries: ListedAuditEntry[];
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function checkFilters(filters: AuditFilters): void {
  for (const field of ['from', 'to'] as const) {
    const value = filters[field];
    if (value !== undefined && !INSTANT.test(value)) {
      throw new DomainError('BAD_INPUT', `audit filter ${field} must be a UTC instant like 2026-11-28T00:00:00.000Z, got ${value}`, `审计记录查询的“${field === 'from' ? '起始时间' : '截止时间'}”格式不对（收到：${value}）`, { field });
    }
  }
}

function applyFilters<O>(query: SelectQueryBuilder<AuditDatabase & { agencies: Database['agencies'] }, 'audit_entries', O>, filters: AuditFilters) {
  let q = query;
  if (filters.agencyId !== undefined) {
    const agencyId = filters.agencyId;
    // The agency's entries, and the platform-wide account entries (logins…) of its own users.
    q = q.where((eb) =>
      eb.or([
        eb('audit_entries.agency_id', '=', agencyId),
        eb.and([
          eb('audit_entries.agency_id', 'is', null),
          eb(
            'audit_entries.subject',
            'in',
            eb
              .selectFrom(sql<{ login: string }>`(select users.login as login from users inner join user_roles on user_roles.user_id = users.id where user_roles.agency_id = ${agencyId})`.as('agency_users'))
              .select(sql<string>`'user:' || agency_users.login`.as('subject')),
          ),
        ]),
      ]),
    );
  }
  else if (filters.platformOnly === true) q = q.where('audit_entries.agency_id', 'is', null);
  if (filters.actor !== undefined) q = q.where('audit_entries.actor', '=', filters.actor);
  if (filters.action !== undefined) q = q.where('audit_entries.action', '=', filters.action);
  if (filters.subject !== undefined) q = q.where('audit_entries.subject', '=', filters.subject);
  if (filters.from !== undefined) q = q.where('audit_entries.at', '>=', filters.from);
  if (filters.to !== undefined) q = q.where('audit_entries.at', '<', filters.to);
  return q;
}

function selectListed(db: Kysely<Database>) {
  return db
    .withTables<AuditTables>()
    .selectFrom('audit_entries')
    .leftJoin('agencies', 'agencies.id', 'audit_entries.agency_id')
    .select(['audit_entries.seq', 'audit_entries.at', 'audit_entries.actor', 'audit_entries.agency_id', 'audit_entries.action', 'audit_entries.subject', 'audit_entries.detail', 'audit_entries.prev_hash', 'audit_entries.hash', 'agencies.code as agency_code']);
}

function toListedEntry(row: AuditEntriesTable & { agency_code: string | null }): ListedAuditEntry {
  const stored = toStoredEntry(row);
  return { ...stored, detail: parseDetail(stored.detailJson), agencyCode: row.agency_code };
}

/** A page of the trail for the console, newest first, with the total matching the filters. */
export async function listAuditEntries(db: Kysely<Database>, options: ListAuditEntriesOptions = {}): Promise<AuditEntryPage> {
  checkFilters(options);
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
  const offset = Math.max(options.offset ?? 0, 0);
  const countRow = await applyFilters(db.withTables<AuditTables>().selectFrom('audit_entries').select((eb) => eb.fn.countAll<number>().as('total')), options).executeTakeFirstOrThrow();
  const rows = await applyFilters(selectListed(db), options).orderBy('audit_entries.seq', 'desc').limit(limit).offset(offset).execute();
  return { total: Number(countRow.total), entries: rows.map(toListedEntry) };
}

/** Every matching entry, oldest first, read a page at a time. */
async function* readAuditEntries(db: Kysely<Database>, filters: AuditFilters): AsyncGenerator<ListedAuditEntry> {
  checkFilters(filters);
  let after = 0;
  for (;;) {
    const rows = await applyFilters(selectListed(db), filters).where('audit_entries.seq', '>', after).orderBy('audit_entries.seq', 'asc').limit(PAGE_SIZE).execute();
    for (const row of rows) yield toListedEntry(row);
    const lastRow = rows.at(-1);
    if (rows.length < PAGE_SIZE || lastRow === undefined) return;
    after = lastRow.seq;
  }
}

export type AuditExportFormat = 'csv' | 'jsonl';

export const AUDIT_CSV_HEADER = ['序号', '时间（UTC）', '操作人', '机关编号', '机关代码', '操作', '对象', '详情（JSON）', '前一条哈希', '本条哈希'] as const;

/** A spreadsheet would run a cell starting with = + - @ as a formula: such a cell gets a leading '. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The trail for 审计, oldest first, as lines of text (each ending in a newline), ready to write to a
 * file. CSV: UTF-8 with a BOM (so Excel reads the Chinese), a Chinese header, detail as its stored
 * JSON and both hashes. JSON lines: one canonical JSON object per entry, with detail as the stored
 * text, so every hash can be recomputed from the file alone.
 */
export async function* exportAuditEntries(db: Kysely<Database>, filters: AuditFilters, format: AuditExportFormat): AsyncGenerator<string> {
  if (format === 'csv') yield `\uFEFF${AUDIT_CSV_HEADER.join(',')}\r\n`;
  for await (const entry of readAuditEntries(db, filters)) {
    if (format === 'csv') {
      const cells = [String(entry.seq), entry.at, entry.actor, entry.agencyId === null ? '' : String(entry.agencyId), entry.agencyCode ?? '全平台', entry.action, entry.subject, entry.detailJson, entry.prevHash, entry.hash];
      yield `${cells.map(csvCell).join(',')}\r\n`;
    } else {
      yield `${canonicalJson({ seq: entry.seq, at: entry.at, actor: entry.actor, agencyId: entry.agencyId, agencyCode: entry.agencyCode, action: entry.action, subject: entry.subject, detail: entry.detailJson, prevHash: entry.prevHash, hash: entry.hash })}\n`;
    }
  }
}

/** Checks the whole trail, a page at a time. `expected`: a count or an anchor kept elsewhere (see verify-audit-chain.ts). */
export async function verifyAuditTrail(db: Kysely<Database>, expected: AuditChainExpectation = {}): Promise<AuditChainReport> {
  const verifier = createAuditChainVerifier(sha256Hex, expected);
  const audit = db.withTables<AuditTables>();
  let after = 0;
  for (;;) {
    const rows = await audit.selectFrom('audit_entries').selectAll().where('seq', '>', after).orderBy('seq', 'asc').limit(PAGE_SIZE).execute();
    for (const row of rows) verifier.add(toStoredEntry(row));
    const lastRow = rows.at(-1);
    if (rows.length < PAGE_SIZE || lastRow === undefined) break;
    after = lastRow.seq;
  }
  return verifier.finish();
}

/** The first instant of a date in China (UTC+8, no daylight saving since 1991), as stored in `at`. */
export function chinaDayStart(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const utc = match === null ? Number.NaN : Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(utc) || new Date(utc).toISOString().slice(0, 10) !== date) {
    throw new DomainError('BAD_INPUT', `expected a date YYYY-MM-DD, got ${date}`, `日期须为 YYYY-MM-DD 格式，如 2026-11-28（收到：${date}）`, { field: 'date' });
  }
  return new Date(utc - 8 * 3600 * 1000).toISOString();
}

/** The day after `date`, for an inclusive "to" date turned into an exclusive instant. */
export function chinaDayEnd(date: string): string {
  return new Date(Date.parse(chinaDayStart(date)) + 24 * 3600 * 1000).toISOString();
}
