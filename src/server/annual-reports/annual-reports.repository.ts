// Storage of the annual report approval (tables annual_reports, annual_report_events). SQL only;
// the service decides. Writes take the caller's transaction.
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';
import type { ReportState } from '../../domain/report/report-approval.ts';
import type { Database } from '../db/database.ts';

export interface AnnualReportRow {
  year: number;
  state: ReportState;
  version: number;
  finalJson: string | null;
  publishedJson: string | null;
  publishedAt: string | null;
}

export type ReportEventKind = 'submit' | 'return' | 'finalize' | 'publish' | 'unlock' | 'editText';

export interface ReportEventRow {
  seq: number;
  kind: ReportEventKind;
  /** The login. */
  actor: string;
  /** The user's display name when the actor is a user, else null. */
  actorName: string | null;
  note: string | null;
  at: string;
}

/** Timestamps come back as Date (pg) or text (SQLite); both as ISO strings. */
function toIso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  const text = String(value);
  // SQLite CURRENT_TIMESTAMP: '2026-11-28 09:00:00' (UTC).
  const date = new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

function toRow(row: { year: number; state: string; version: number; final_json: string | null; published_json: string | null; published_at: unknown }): AnnualReportRow {
  return { year: row.year, state: row.state as ReportState, version: row.version, finalJson: row.final_json, publishedJson: row.published_json, publishedAt: toIso(row.published_at) };
}

/**
 * forUpdate (PostgreSQL): a command holds the row until it commits, so a record change (which reads
 * the row FOR SHARE in report-locks.ts) cannot commit between the 定稿 check and the freeze.
 */
export async function findAnnualReportRow(db: Kysely<Database>, agencyId: number, year: number, options: { forUpdate?: boolean } = {}): Promise<AnnualReportRow | undefined> {
  let query = db
    .selectFrom('annual_reports')
    .select(['year', 'state', 'version', 'final_json', 'published_json', 'published_at'])
    .where('agency_id', '=', agencyId)
    .where('year', '=', year);
  if (options.forUpdate === true && db.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : toRow(row);
}

/** Every row of the agency without the JSON columns (final_json / published_json left null), newest first. */
export async function listAnnualReportStates(db: Kysely<Database>, agencyId: number): Promise<(AnnualReportRow & { hasPublishedVersion: boolean })[]> {
  const rows = await db
    .selectFrom('annual_reports')
    .select(['year', 'state', 'version', 'published_at'])
    .select((eb) => eb.case().when('published_json', 'is not', null).then(1).else(0).end().as('has_published'))
    .where('agency_id', '=', agencyId)
    .orderBy('year', 'desc')
    .execute();
  return rows.map((row) => ({
    ...toRow({ ...row, final_json: null, published_json: null }),
    hasPublishedVersion: Number(row.has_published) === 1,
  }));
}


export interface ReportRowChange {
  state: ReportState;
  finalJson: string | null;
  publishedJson: string | null;
  publishedAt: string | null;
}

/**
 * Writes the row if its version is still `expectedVersion` (0: no row yet) and returns the new
 * version, or null when someone else changed it first.
 */
export async function writeAnnualReportRow(trx: Kysely<Database>, agencyId: number, year: number, expectedVersion: number, change: ReportRowChange, now: string): Promise<number | null> {
  const values = { state: change.state, final_json: change.finalJson, published_json: change.publishedJson, published_at: change.publishedAt, updated_at: now };
  if (expectedVersion === 0) {
    const result = await trx
      .insertInto('annual_reports')
      .values({ agency_id: agencyId, year, version: 1, ...values })
      .onConflict((oc) => oc.columns(['agency_id', 'year']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1 ? 1 : null;
  }
  const result = await trx
    .updateTable('annual_reports')
    .set({ ...values, version: expectedVersion + 1 })
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? expectedVersion + 1 : null;
}

export async function appendReportEvent(trx: Kysely<Database>, agencyId: number, year: number, event: { kind: ReportEventKind; actor: string; note: string | null; at: string }): Promise<void> {
  const last = await trx
    .selectFrom('annual_report_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .executeTakeFirst();
  const seq = Number(last?.seq ?? 0) + 1;
  await trx.insertInto('annual_report_events').values({ agency_id: agencyId, year, seq, kind: event.kind, actor: event.actor, note: event.note, at: event.at }).execute();
}

/** Oldest first, with the user's display name where the actor is a user. */
export async function listReportEvents(db: Kysely<Database>, agencyId: number, year: number): Promise<ReportEventRow[]> {
  const rows = await db
    .withTables<{ users: { login: string; display_name: string } }>()
    .selectFrom('annual_report_events as e')
    .leftJoin('users as u', 'u.login', 'e.actor')
    .select(['e.seq', 'e.kind', 'e.actor', 'e.note', 'e.at', 'u.display_name'])
    .where('e.agency_id', '=', agencyId)
    .where('e.year', '=', year)
    .orderBy('e.seq')
    .execute();
  return rows.map((row) => ({ seq: row.seq, kind: row.kind as ReportEventKind, actor: row.actor, actorName: row.display_name, note: row.note, at: toIso(row.at) ?? String(row.at) }));
}
