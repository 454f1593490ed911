// The audit trail in the database (table audit_entries, migrations 2026-11-28T08-10 and T12-00):
// append inside the caller's transaction, list for the console, export for 审计 (CSV or JSON
// lines), verify. The trail is one hash chain per agency plus the platform's chain 0
// (toAuditChainId); seq counts within a chain, the key is (chain_id, seq).
//
// Appends to one chain must be serialized, or two transactions would read the same last entry and
// both write seq + 1 (the primary key refuses the second, so the chain never forks, but the change
// fails):
// - PostgreSQL: pg_advisory_xact_lock(AUDIT_ADVISORY_LOCK_KEY, chain_id), held to the end of the
//   caller's transaction. One lock per chain: agencies do not wait for each other, and on Citus the
//   entry is written on its agency's shard. `select … for update` on the last row would not do: an
//   empty chain has no row to lock. Under READ COMMITTED (the default) the read after the lock sees
//   the chain's last committed entry; a caller running REPEATABLE READ may have an older snapshot
//   and gets a primary-key conflict.
// - SQLite: one writer at a time. The app uses one connection, and Kysely runs its transactions
//   one after another on it. Another process (the CLI beside the server) could read in a deferred
//   transaction while this one writes, so the append first claims the write lock with an update
//   that changes nothing; if the caller's transaction had already read an older snapshot, SQLite
//   answers SQLITE_BUSY rather than let the write go ahead.
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { AuditEntry, AuditEntryInput, StoredAuditEntry } from '../../domain/audit/audit-entry.ts';
import { computeNextAuditEntry, PLATFORM_CHAIN_ID, toAuditChainId } from '../../domain/audit/audit-entry.ts';
import type { JsonObject } from '../../domain/audit/canonical-json.ts';
import { canonicalJson } from '../../domain/audit/canonical-json.ts';
import type { AuditChainExpectation, AuditChainOwner, AuditChainReport, AuditChainVerifier, AuditTrailChainReport, AuditTrailReport } from '../../domain/audit/verify-audit-chain.ts';
import { createAuditChainVerifier, toAuditTrailChainReport, toAuditTrailReport } from '../../domain/audit/verify-audit-chain.ts';
import { DomainError } from '../../domain/domain-error.ts';
import type { Database } from '../db/database.ts';
import { sha256Hex } from './sha256-hex.ts';

export interface AuditEntriesTable {
  /** The agency id, or 0 for platform-wide entries and every entry written before the split. */
  chain_id: number;
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

/** 'gkau' in ASCII: the first key of the audit trail's advisory locks; the second is the chain. */
export const AUDIT_ADVISORY_LOCK_KEY = 0x676b6175;

const PAGE_SIZE = 1000;

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function toStoredEntry(row: AuditEntriesTable): StoredAuditEntry {
  return { chainId: row.chain_id, seq: row.seq, at: row.at, actor: row.actor, agencyId: row.agency_id, action: row.action, subject: row.subject, detailJson: row.detail, prevHash: row.prev_hash, hash: row.hash };
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
 * back together): reads the last entry of the entry's chain and writes seq + 1 chained to its hash.
 * `trx` is a Transaction, or a Kysely whose isTransaction is true (records.repository.ts passes those).
 */
export async function appendAuditEntry(trx: Kysely<Database>, input: AuditEntryInput): Promise<StoredAuditEntry> {
  // Outside a transaction the advisory lock would end with its statement, and the entry would not
  // commit or roll back with the change it records.
  if (!trx.isTransaction) throw new Error('appendAuditEntry must run inside the transaction of the change it records');
  const db = trx.withTables<AuditTables>();
  const chainId = toAuditChainId(input.agencyId);
  // The (int4, int4) form: one lock per chain, and a key space apart from one-bigint advisory locks.
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${AUDIT_ADVISORY_LOCK_KEY}::integer, ${chainId}::integer)`.execute(db);
  else await db.updateTable('audit_entries').set({ seq: sql<number>`seq` }).where(sql<boolean>`0 = 1`).execute();
  const last = await db.selectFrom('audit_entries').select(['seq', 'hash']).where('chain_id', '=', chainId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const entry = computeNextAuditEntry(last, input, sha256Hex);
  await db
    .insertInto('audit_entries')
    .values({ chain_id: entry.chainId, seq: entry.seq, at: entry.at, actor: entry.actor, agency_id: entry.agencyId, action: entry.action, subject: entry.subject, detail: entry.detailJson, prev_hash: entry.prevHash, hash: entry.hash })
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
  /** Newest first (by at, then chain and seq, so entries of the same instant keep one order). */
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
    .select(['audit_entries.chain_id', 'audit_entries.seq', 'audit_entries.at', 'audit_entries.actor', 'audit_entries.agency_id', 'audit_entries.action', 'audit_entries.subject', 'audit_entries.detail', 'audit_entries.prev_hash', 'audit_entries.hash', 'agencies.code as agency_code']);
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
  const rows = await applyFilters(selectListed(db), options)
    .orderBy('audit_entries.at', 'desc')
    .orderBy('audit_entries.chain_id', 'desc')
    .orderBy('audit_entries.seq', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return { total: Number(countRow.total), entries: rows.map(toListedEntry) };
}

/** Every matching entry, oldest first (at, then chain and seq), read a page at a time after the last key read. */
async function* readAuditEntries(db: Kysely<Database>, filters: AuditFilters): AsyncGenerator<ListedAuditEntry> {
  checkFilters(filters);
  let after: { at: string; chainId: number; seq: number } | undefined;
  for (;;) {
    let query = applyFilters(selectListed(db), filters);
    if (after !== undefined) {
      const key = after;
      query = query.where((eb) => eb(eb.refTuple('audit_entries.at', 'audit_entries.chain_id', 'audit_entries.seq'), '>', eb.tuple(key.at, key.chainId, key.seq)));
    }
    const rows = await query.orderBy('audit_entries.at', 'asc').orderBy('audit_entries.chain_id', 'asc').orderBy('audit_entries.seq', 'asc').limit(PAGE_SIZE).execute();
    for (const row of rows) yield toListedEntry(row);
    const lastRow = rows.at(-1);
    if (rows.length < PAGE_SIZE || lastRow === undefined) return;
    after = { at: lastRow.at, chainId: lastRow.chain_id, seq: lastRow.seq };
  }
}

export type AuditExportFormat = 'csv' | 'jsonl';

export const AUDIT_CSV_HEADER = ['序号', '链', '时间（UTC）', '操作人', '机关编号', '机关代码', '操作', '对象', '详情（JSON）', '前一条哈希', '本条哈希'] as const;

/** A spreadsheet would run a cell starting with = + - @ as a formula: such a cell gets a leading '. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The trail for 审计, oldest first, as lines of text (each ending in a newline), ready to write to a
 * file. CSV: UTF-8 with a BOM (so Excel reads the Chinese), a Chinese header, the chain id after
 * 序号 (0: the platform's chain), detail as its stored JSON and both hashes. JSON lines: one
 * canonical JSON object per entry, with detail as the stored text, so every hash can be recomputed
 * and each chain followed from the file alone.
 */
export async function* exportAuditEntries(db: Kysely<Database>, filters: AuditFilters, format: AuditExportFormat): AsyncGenerator<string> {
  if (format === 'csv') yield `\uFEFF${AUDIT_CSV_HEADER.join(',')}\r\n`;
  for await (const entry of readAuditEntries(db, filters)) {
    if (format === 'csv') {
      const cells = [String(entry.seq), String(entry.chainId), entry.at, entry.actor, entry.agencyId === null ? '' : String(entry.agencyId), entry.agencyCode ?? '全平台', entry.action, entry.subject, entry.detailJson, entry.prevHash, entry.hash];
      yield `${cells.map(csvCell).join(',')}\r\n`;
    } else {
      yield `${canonicalJson({ chainId: entry.chainId, seq: entry.seq, at: entry.at, actor: entry.actor, agencyId: entry.agencyId, agencyCode: entry.agencyCode, action: entry.action, subject: entry.subject, detail: entry.detailJson, prevHash: entry.prevHash, hash: entry.hash })}\n`;
    }
  }
}

export interface VerifyAuditTrailOptions {
  /** Only these chains (an agency id, or 0 for the platform's); default every chain. */
  chainIds?: readonly number[];
  /**
   * Counts or anchors kept elsewhere, by chain id (see verify-audit-chain.ts). A chain named here
   * is checked even when it has no entry left: all of them deleted is then a finding.
   */
  expected?: ReadonlyMap<number, AuditChainExpectation>;
}

/** The code and name of each agency whose chain was read; chain 0 is the platform's. */
async function findChainOwners(db: Kysely<Database>, chainIds: readonly number[]): Promise<Map<number, AuditChainOwner>> {
  const owners = new Map<number, AuditChainOwner>(chainIds.map((chainId) => [chainId, { chainId, agencyCode: null, agencyName: null }]));
  const agencyIds = chainIds.filter((chainId) => chainId !== PLATFORM_CHAIN_ID);
  for (let start = 0; start < agencyIds.length; start += PAGE_SIZE) {
    const rows = await db.selectFrom('agencies').select(['id', 'code', 'name']).where('id', 'in', agencyIds.slice(start, start + PAGE_SIZE)).execute();
    for (const row of rows) owners.set(row.id, { chainId: row.id, agencyCode: row.code, agencyName: row.name });
  }
  return owners;
}

/**
 * Checks every chain (or those chosen), one after another in one pass over the key (chain_id,
 * seq), a page at a time. Each chain is checked against its own expectation; the report has one
 * entry per chain, findings naming the chain, and the totals.
 */
export async function verifyAuditTrail(db: Kysely<Database>, options: VerifyAuditTrailOptions = {}): Promise<AuditTrailReport> {
  const expected = options.expected ?? new Map<number, AuditChainExpectation>();
  const selected = options.chainIds === undefined ? undefined : [...new Set(options.chainIds)];
  if (selected?.length === 0) return toAuditTrailReport([]);
  const reports = new Map<number, AuditChainReport>();
  const audit = db.withTables<AuditTables>();
  let current: { chainId: number; verifier: AuditChainVerifier } | undefined;
  let after: { chainId: number; seq: number } | undefined;
  for (;;) {
    let query = audit.selectFrom('audit_entries').selectAll();
    if (selected !== undefined) query = query.where('chain_id', 'in', selected);
    if (after !== undefined) {
      const key = after;
      query = query.where((eb) => eb(eb.refTuple('chain_id', 'seq'), '>', eb.tuple(key.chainId, key.seq)));
    }
    const rows = await query.orderBy('chain_id', 'asc').orderBy('seq', 'asc').limit(PAGE_SIZE).execute();
    for (const row of rows) {
      if (current?.chainId !== row.chain_id) {
        if (current !== undefined) reports.set(current.chainId, current.verifier.finish());
        current = { chainId: row.chain_id, verifier: createAuditChainVerifier(sha256Hex, expected.get(row.chain_id)) };
      }
      current.verifier.add(toStoredEntry(row));
    }
    const lastRow = rows.at(-1);
    if (rows.length < PAGE_SIZE || lastRow === undefined) break;
    after = { chainId: lastRow.chain_id, seq: lastRow.seq };
  }
  if (current !== undefined) reports.set(current.chainId, current.verifier.finish());
  // Chains chosen or expected but with no entry in the table: empty, which the expectation judges.
  for (const chainId of selected ?? [...expected.keys()]) {
    if (!reports.has(chainId)) reports.set(chainId, createAuditChainVerifier(sha256Hex, expected.get(chainId)).finish());
  }
  const owners = await findChainOwners(db, [...reports.keys()]);
  const chains: AuditTrailChainReport[] = [];
  for (const [chainId, report] of reports) chains.push(toAuditTrailChainReport(owners.get(chainId) ?? { chainId, agencyCode: null, agencyName: null }, report));
  return toAuditTrailReport(chains);
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
