// 主动公开 storage: publications (summary columns kept in step with the event log), their
// append-only events (the audit trail: who, when, what), attachments and the 索引号 sequences.
// SQL only. Events are inserted, never updated or deleted; the summary columns are rewritten
// with each change, under the version check.
import { sql } from 'kysely';
import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import type { Publication, PublicationEvent } from '../../domain/publication/publication.ts';
import { toIsoTimestamp } from '../applications/application.repository.ts';
import type { Database, PublicationAttachmentsTable, PublicationsTable } from '../db/database.ts';
import type { FileStorage } from '../storage/file-storage.ts';

export type PublicationRow = Selectable<PublicationsTable>;
export type AttachmentRow = Omit<Selectable<PublicationAttachmentsTable>, 'content'>;

export interface StoredPublicationEvent {
  seq: number;
  event: PublicationEvent;
  /** When the database recorded it, ISO 8601 UTC. */
  recordedAt: string;
}

export interface PublicationFilter {
  state?: string;
  categoryCode?: string;
  kind?: string;
  validity?: string;
  /** Published in this year; for items not published yet, written (成文) in it. */
  year?: number;
  /** Part of the title (any case). */
  search?: string;
}

/** The summary columns as the replayed publication leaves them. */
function summaryColumns(publication: Publication, bodyText: string) {
  const { fields } = publication;
  return {
    index_number: publication.indexNumber,
    title: fields.title,
    body_html: fields.bodyHtml,
    body_text: bodyText,
    summary: fields.summary,
    document_number: fields.documentNumber,
    issuer: fields.issuer,
    written_on: fields.writtenOn,
    published_on: publication.publishedOn,
    kind: fields.kind,
    category_code: fields.categoryCode,
    channels: JSON.stringify(fields.channels),
    validity: fields.validity.status,
    effective_from: fields.validity.effectiveFrom,
    validity_ended_on: fields.validity.endedOn,
    state: publication.state,
    current_step: publication.currentStep,
    author: publication.author,
    withdrawn_on: publication.withdrawnOn,
    version: publication.version,
  };
}

export async function insertPublication(trx: Kysely<Database>, agencyId: number, publication: Publication, bodyText: string): Promise<number> {
  const row = await trx
    .insertInto('publications')
    .values({ agency_id: agencyId, ...summaryColumns(publication, bodyText) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Rewrites the summary only if the stored version is still `expectedVersion`: false when someone
 * else changed the item in between (on PostgreSQL the second writer waits for the first, then
 * finds the version moved).
 */
export async function updatePublicationSummary(
  trx: Kysely<Database>,
  publicationId: number,
  expectedVersion: number,
  publication: Publication,
  bodyText: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('publications')
    .set({ ...summaryColumns(publication, bodyText), updated_at: sql<string>`CURRENT_TIMESTAMP` })
    .where('id', '=', publicationId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function appendPublicationEvent(trx: Kysely<Database>, agencyId: number, publicationId: number, seq: number, event: PublicationEvent): Promise<void> {
  await trx
    .insertInto('publication_events')
    .values({ agency_id: agencyId, publication_id: publicationId, seq, kind: event.kind, actor: event.actor, at: event.at, data: JSON.stringify(event) })
    .execute();
}

export async function findPublicationRow(db: Kysely<Database>, id: number): Promise<PublicationRow | undefined> {
  return db.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPublicationEvents(db: Kysely<Database>, publicationId: number): Promise<StoredPublicationEvent[]> {
  const rows = await db.selectFrom('publication_events').select(['seq', 'data', 'recorded_at']).where('publication_id', '=', publicationId).orderBy('seq').execute();
  return rows.map((row) => ({ seq: row.seq, event: JSON.parse(row.data) as PublicationEvent, recordedAt: toIsoTimestamp(String(row.recorded_at)) }));
}

/** Whether a 索引号 is taken anywhere on the platform (the column is unique). */
export async function indexNumberExists(db: Kysely<Database>, indexNumber: string): Promise<boolean> {
  const row = await db.selectFrom('publications').select('id').where('index_number', '=', indexNumber).executeTakeFirst();
  return row !== undefined;
}

/** The taken 索引号 among `indexNumbers`. */
export async function findTakenIndexNumbers(db: Kysely<Database>, indexNumbers: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  // Chunked: SQLite limits the number of bound parameters.
  for (let i = 0; i < indexNumbers.length; i += 500) {
    const chunk = indexNumbers.slice(i, i + 500);
    const rows = await db.selectFrom('publications').select('index_number').where('index_number', 'in', chunk).execute();
    for (const row of rows) if (row.index_number !== null) taken.add(row.index_number);
  }
  return taken;
}

/** The next 索引号 sequence of (agency, year): one atomic upsert, row-locked until the transaction ends. */
export async function nextIndexSequence(trx: Kysely<Database>, agencyId: number, year: number): Promise<number> {
  const row = await trx
    .insertInto('publication_index_sequences')
    .values({ agency_id: agencyId, year, last_value: 1 })
    .onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet({ last_value: sql<number>`publication_index_sequences.last_value + 1` }))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

// ---------------------------------------------------------------- lists

/** A LIKE pattern matching `text` anywhere, with % _ and the escape character taken literally. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type PublicationsQuery = SelectQueryBuilder<Database, 'publications', object>;

function applyFilter<Q extends PublicationsQuery>(query: Q, filter: PublicationFilter): Q {
  let q: PublicationsQuery = query;
  if (filter.state !== undefined) q = q.where('state', '=', filter.state);
  if (filter.categoryCode !== undefined) q = q.where('category_code', '=', filter.categoryCode);
  if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
  if (filter.validity !== undefined) q = q.where('validity', '=', filter.validity);
  if (filter.year !== undefined) {
    // Dates are 'YYYY-MM-DD' text on both engines: text order is date order.
    const day = sql<string>`coalesce(published_on, written_on)`;
    q = q.where(day, '>=', `${filter.year}-01-01`).where(day, '<=', `${filter.year}-12-31`);
  }
  const search = filter.search?.trim() ?? '';
  if (search !== '') q = q.where(sql<boolean>`lower(title) like ${containsPattern(search)} escape '\\'`);
  return q as Q;
}

/** Newest first: by publication date, then by id. */
function newestFirst<Q extends PublicationsQuery>(query: Q): Q {
  return query.orderBy(sql`coalesce(published_on, written_on)`, 'desc').orderBy('id', 'desc') as Q;
}

export async function listPublicationRows(
  db: Kysely<Database>,
  agencyId: number,
  filter: PublicationFilter,
  page: { limit: number; offset: number } | null,
): Promise<{ rows: PublicationRow[]; total: number }> {
  const matching = () => applyFilter(db.selectFrom('publications').where('agency_id', '=', agencyId), filter);
  if (page === null) {
    const rows = await newestFirst(matching().selectAll()).execute();
    return { rows, total: rows.length };
  }
  const rows = await newestFirst(matching().selectAll()).limit(page.limit).offset(page.offset).execute();
  const count = await matching().select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.total) };
}

// ---------------------------------------------------------------- attachments

const ATTACHMENT_COLUMNS = ['id', 'agency_id', 'publication_id', 'file_name', 'media_type', 'size', 'sha256', 'storage_key', 'text', 'created_by', 'created_at'] as const;

export interface NewAttachment {
  agencyId: number;
  publicationId: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** The bytes kept in the row; empty when they are in the file storage under storageKey. */
  content: Uint8Array;
  storageKey?: string;
  text: string;
  createdBy: string;
}

export async function insertAttachment(trx: Kysely<Database>, attachment: NewAttachment): Promise<number> {
  if (attachment.storageKey !== undefined && attachment.content.length > 0) throw new Error('An attachment in the file storage keeps no bytes in its row');
  const row = await trx
    .insertInto('publication_attachments')
    .values({
      agency_id: attachment.agencyId,
      publication_id: attachment.publicationId,
      file_name: attachment.fileName,
      media_type: attachment.mediaType,
      size: attachment.size,
      sha256: attachment.sha256,
      // content is NOT NULL (migration 2026-11-28T11-20): empty when the bytes are in the storage.
      content: attachment.content,
      storage_key: attachment.storageKey ?? null,
      text: attachment.text,
      created_by: attachment.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Attachments without their bytes, in order of upload. */
export async function listAttachments(db: Kysely<Database>, publicationId: number): Promise<AttachmentRow[]> {
  return db.selectFrom('publication_attachments').select(ATTACHMENT_COLUMNS).where('publication_id', '=', publicationId).orderBy('id').execute();
}

export async function findAttachmentContent(db: Kysely<Database>, publicationId: number, attachmentId: number): Promise<(AttachmentRow & { content: Uint8Array }) | undefined> {
  const row = await db
    .selectFrom('publication_attachments')
    .select([...ATTACHMENT_COLUMNS, 'content'])
    .where('publication_id', '=', publicationId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  // better-sqlite3 gives a Buffer, pg a Buffer: both are Uint8Arrays.
  return { ...row, content: new Uint8Array(row.content) };
}

/**
 * The bytes of an attachment row: from the file storage when the row has a storage key, else from
 * the row. Also what the portal uses for public downloads. A key without its object is a fault of
 * the deployment (a lost volume, the wrong bucket, STORAGE switched back), not of the request.
 */
export async function readAttachmentBytes(storage: FileStorage | undefined, row: { id: number; storage_key: string | null; content: Uint8Array }): Promise<Uint8Array> {
  if (row.storage_key === null) return new Uint8Array(row.content);
  if (storage === undefined) throw new Error(`Attachment ${row.id} is in the file storage (${row.storage_key}) but STORAGE=database`);
  const bytes = await storage.get(row.storage_key);
  if (bytes === null) throw new Error(`Attachment ${row.id}: ${row.storage_key} is missing from the file storage`);
  return bytes;
}

export async function deleteAttachment(trx: Kysely<Database>, publicationId: number, attachmentId: number): Promise<boolean> {
  const result = await trx.deleteFrom('publication_attachments').where('publication_id', '=', publicationId).where('id', '=', attachmentId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** The code of the agency an item belongs to ({agencyCode} of the 索引号 rule). */
export async function findAgencyCodeById(db: Kysely<Database>, agencyId: number): Promise<string | undefined> {
  const row = await db.selectFrom('agencies').select('code').where('id', '=', agencyId).executeTakeFirst();
  return row?.code;
}
