// What the public portal reads: agencies, PUBLISHED publications only (never drafts, items in
// review or withdrawn ones), their attachments, the catalogue, the current guide and the published
// annual reports. SQL only; every query filters on the agency and on state = 'published'.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { defaultCatalogue } from '../../domain/publication/catalogue.ts';
import type { CatalogueNode } from '../../domain/publication/catalogue.ts';
import type { DisclosureGuide } from '../../domain/publication/disclosure-guide.ts';
import { toIsoTimestamp } from '../applications/application.repository.ts';
import type { Database } from '../db/database.ts';
import { findCatalogueNodes, findCurrentGuide, toAgencyLevel } from '../disclosure-settings/disclosure-settings.repository.ts';

export interface PortalAgencyRow {
  id: number;
  code: string;
  name: string;
  level: string;
  parentId: number | null;
}

/** A published item as a list shows it. */
export interface PublishedListItem {
  id: number;
  title: string;
  publishedOn: string;
  documentNumber: string | null;
  validity: string;
  categoryCode: string;
}

export interface PublishedItem extends PublishedListItem {
  agencyId: number;
  indexNumber: string;
  issuer: string;
  writtenOn: string;
  bodyHtml: string;
  summary: string;
  kind: string;
  effectiveFrom: string | null;
  validityEndedOn: string | null;
  /** ISO 8601 UTC. */
  updatedAt: string;
}

export interface PublicAttachment {
  id: number;
  fileName: string;
  mediaType: string;
  size: number;
}

const LIST_COLUMNS = ['id', 'title', 'published_on', 'document_number', 'validity', 'category_code'] as const;

function toListItem(row: { id: number; title: string; published_on: string | null; document_number: string | null; validity: string; category_code: string }): PublishedListItem {
  return { id: row.id, title: row.title, publishedOn: row.published_on ?? '', documentNumber: row.document_number, validity: row.validity, categoryCode: row.category_code };
}

export async function findAgencyByCode(db: Kysely<Database>, code: string): Promise<PortalAgencyRow | undefined> {
  const row = await db.selectFrom('agencies').select(['id', 'code', 'name', 'level', 'parent_id']).where('code', '=', code).executeTakeFirst();
  return row === undefined ? undefined : { id: row.id, code: row.code, name: row.name, level: row.level, parentId: row.parent_id };
}

export async function listAgencies(db: Kysely<Database>): Promise<PortalAgencyRow[]> {
  const rows = await db.selectFrom('agencies').select(['id', 'code', 'name', 'level', 'parent_id']).orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, code: row.code, name: row.name, level: row.level, parentId: row.parent_id }));
}

function published(db: Kysely<Database>, agencyId: number) {
  return db.selectFrom('publications').where('agency_id', '=', agencyId).where('state', '=', 'published');
}

/** Newest first (发布日期, then id). */
export async function listLatestPublished(db: Kysely<Database>, agencyId: number, limit: number): Promise<PublishedListItem[]> {
  const rows = await published(db, agencyId).select(LIST_COLUMNS).orderBy('published_on', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toListItem);
}

export interface PublishedFilter {
  categoryCodes?: readonly string[];
  year?: number;
  validity?: string;
}

function filtered(db: Kysely<Database>, agencyId: number, filter: PublishedFilter) {
  let query = published(db, agencyId);
  if (filter.categoryCodes !== undefined) query = query.where('category_code', 'in', filter.categoryCodes.length === 0 ? [''] : [...filter.categoryCodes]);
  if (filter.year !== undefined) query = query.where('published_on', '>=', `${filter.year}-01-01`).where('published_on', '<=', `${filter.year}-12-31`);
  if (filter.validity !== undefined) query = query.where('validity', '=', filter.validity);
  return query;
}

export async function countPublished(db: Kysely<Database>, agencyId: number, filter: PublishedFilter): Promise<number> {
  const row = await filtered(db, agencyId, filter).select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function listPublished(db: Kysely<Database>, agencyId: number, filter: PublishedFilter, page: { limit: number; offset: number }): Promise<PublishedListItem[]> {
  const rows = await filtered(db, agencyId, filter).select(LIST_COLUMNS).orderBy('published_on', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
  return rows.map(toListItem);
}

/** Published items per catalogue code. */
export async function countPublishedByCategory(db: Kysely<Database>, agencyId: number): Promise<Map<string, number>> {
  const rows = await published(db, agencyId)
    .select(['category_code', (eb) => eb.fn.countAll<number | string>().as('count')])
    .groupBy('category_code')
    .execute();
  return new Map(rows.map((row) => [row.category_code, Number(row.count)]));
}

/** Years with a published item, newest first (the search form's choices). */
export async function listPublishedYears(db: Kysely<Database>, agencyId: number): Promise<number[]> {
  const rows = await published(db, agencyId)
    .select(sql<string>`substr(cast(published_on as text), 1, 4)`.as('year'))
    .groupBy(sql`substr(cast(published_on as text), 1, 4)`)
    .execute();
  return rows.map((row) => Number(row.year)).filter((year) => Number.isInteger(year) && year > 0).sort((a, b) => b - a);
}

/** The item if it is published and belongs to the agency. */
export async function findPublishedItem(db: Kysely<Database>, agencyId: number, id: number): Promise<PublishedItem | undefined> {
  const row = await published(db, agencyId)
    .select([
      ...LIST_COLUMNS,
      'agency_id',
      'index_number',
      'issuer',
      'written_on',
      'body_html',
      'summary',
      'kind',
      'effective_from',
      'validity_ended_on',
      'updated_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    ...toListItem(row),
    agencyId: row.agency_id,
    indexNumber: row.index_number ?? '',
    issuer: row.issuer,
    writtenOn: row.written_on,
    bodyHtml: row.body_html,
    summary: row.summary,
    kind: row.kind,
    effectiveFrom: row.effective_from,
    validityEndedOn: row.validity_ended_on,
    updatedAt: toIsoTimestamp(String(row.updated_at)),
  };
}

export async function listPublicAttachments(db: Kysely<Database>, publicationId: number): Promise<PublicAttachment[]> {
  const rows = await db
    .selectFrom('publication_attachments')
    .select(['id', 'file_name', 'media_type', 'size'])
    .where('publication_id', '=', publicationId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, fileName: row.file_name, mediaType: row.media_type, size: row.size }));
}

/** The bytes of an attachment of a PUBLISHED item of the agency; undefined otherwise. */
export async function findPublicAttachment(
  db: Kysely<Database>,
  agencyId: number,
  publicationId: number,
  attachmentId: number,
): Promise<(PublicAttachment & { content: Uint8Array; storageKey: string | null }) | undefined> {
  const row = await db
    .selectFrom('publication_attachments as a')
    .innerJoin('publications as p', 'p.id', 'a.publication_id')
    .select(['a.id', 'a.file_name', 'a.media_type', 'a.size', 'a.content', 'a.storage_key'])
    .where('a.id', '=', attachmentId)
    .where('a.publication_id', '=', publicationId)
    .where('p.agency_id', '=', agencyId)
    .where('p.state', '=', 'published')
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return { id: row.id, fileName: row.file_name, mediaType: row.media_type, size: row.size, content: new Uint8Array(row.content), storageKey: row.storage_key };
}

/** The agency's catalogue (its own, or the default of its level), active nodes only, in order. */
export async function findPortalCatalogue(db: Kysely<Database>, agency: PortalAgencyRow): Promise<CatalogueNode[]> {
  const own = await findCatalogueNodes(db, agency.id);
  const nodes = own.length > 0 ? own : defaultCatalogue(toAgencyLevel(agency.level));
  return nodes.filter((node) => node.active).sort((a, b) => a.position - b.position);
}

export async function findPortalGuide(db: Kysely<Database>, agencyId: number): Promise<{ version: number; fields: DisclosureGuide; createdAt: string } | undefined> {
  const guide = await findCurrentGuide(db, agencyId);
  return guide === undefined ? undefined : { version: guide.version, fields: guide.fields, createdAt: guide.createdAt };
}

/** Years with a published annual report (published_json), newest first. */
export async function listPublishedReportYears(db: Kysely<Database>, agencyId: number): Promise<{ year: number; publishedAt: string | null }[]> {
  const rows = await db
    .selectFrom('annual_reports')
    .select(['year', 'published_at'])
    .where('agency_id', '=', agencyId)
    .where('published_json', 'is not', null)
    .orderBy('year', 'desc')
    .execute();
  return rows.map((row) => ({ year: row.year, publishedAt: row.published_at === null ? null : toIsoTimestamp(String(row.published_at)) }));
}

export async function findPublishedReportJson(db: Kysely<Database>, agencyId: number, year: number): Promise<string | undefined> {
  const row = await db.selectFrom('annual_reports').select('published_json').where('agency_id', '=', agencyId).where('year', '=', year).executeTakeFirst();
  return row?.published_json ?? undefined;
}

/** For the sitemap: every published item of every agency (id, agency, last change). */
export async function listAllPublishedForSitemap(db: Kysely<Database>): Promise<{ id: number; agencyId: number; updatedAt: string }[]> {
  const rows = await db.selectFrom('publications').select(['id', 'agency_id', 'updated_at']).where('state', '=', 'published').orderBy('agency_id').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, agencyId: row.agency_id, updatedAt: toIsoTimestamp(String(row.updated_at)) }));
}

export async function listAllPublishedReports(db: Kysely<Database>): Promise<{ agencyId: number; year: number; publishedAt: string | null }[]> {
  const rows = await db.selectFrom('annual_reports').select(['agency_id', 'year', 'published_at']).where('published_json', 'is not', null).orderBy('agency_id').orderBy('year').execute();
  return rows.map((row) => ({ agencyId: row.agency_id, year: row.year, publishedAt: row.published_at === null ? null : toIsoTimestamp(String(row.published_at)) }));
}

/** The newest items for the Atom feed, with their summary and last change. */
export async function listFeedItems(db: Kysely<Database>, agencyId: number, limit: number): Promise<(PublishedListItem & { summary: string; issuer: string; updatedAt: string })[]> {
  const rows = await published(db, agencyId)
    .select([...LIST_COLUMNS, 'summary', 'issuer', 'updated_at'])
    .orderBy('published_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...toListItem(row), summary: row.summary, issuer: row.issuer, updatedAt: toIsoTimestamp(String(row.updated_at)) }));
}

/** The newest `perCategory` published items of each of `codes`, in one pass (the 第二十条 page). */
export async function listNewestPerCategory(db: Kysely<Database>, agencyId: number, codes: readonly string[], perCategory: number): Promise<PublishedListItem[]> {
  if (codes.length === 0) return [];
  const { rows } = await sql<{ id: number; title: string; published_on: string | null; document_number: string | null; validity: string; category_code: string }>`
    select id, title, published_on, document_number, validity, category_code from (
      select id, title, published_on, document_number, validity, category_code,
        row_number() over (partition by category_code order by published_on desc, id desc) as rank
      from publications
      where agency_id = ${agencyId} and state = 'published' and category_code in (${sql.join([...codes])})
    ) ranked
    where rank <= ${perCategory}
    order by published_on desc, id desc`.execute(db);
  return rows.map(toListItem);
}
