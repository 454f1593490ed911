// An agency's 主动公开 settings as the publication service reads them: 统一社会信用代码, 索引号
// rule, review chain, 保密审查 checklist, screening word lists and catalogue codes. Defaults
// apply where the agency has set nothing. SQL only; rows mapped to domain types.
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import { DomainError } from '../../domain/domain-error.ts';
import { defaultCatalogue } from '../../domain/publication/catalogue.ts';
import type { AgencyLevel, CatalogueNode } from '../../domain/publication/catalogue.ts';
import { DEFAULT_CONFIDENTIALITY_CHECKLIST } from '../../domain/publication/confidentiality-checklist.ts';
import type { ChecklistQuestion } from '../../domain/publication/confidentiality-checklist.ts';
import { DEFAULT_WRONG_TERMS } from '../../domain/publication/default-screening-terms.ts';
import type { DisclosureGuide } from '../../domain/publication/disclosure-guide.ts';
import { DEFAULT_INDEX_NUMBER_PATTERN } from '../../domain/publication/format-index-number.ts';
import { DEFAULT_REVIEW_CHAIN } from '../../domain/publication/publication.ts';
import type { ReviewStep } from '../../domain/publication/publication.ts';
import type { ScreeningTerm } from '../../domain/publication/screen-text.ts';
import { toIsoTimestamp } from '../applications/application.repository.ts';
import type { CatalogueNodesTable, Database, DisclosureSettingsTable } from '../db/database.ts';
import type { JsonObject } from '../../domain/audit/canonical-json.ts';
import { appendAuditEntry } from '../audit/audit.repository.ts';

export interface DisclosureSettings {
  creditCode: string | null;
  /** The agency's rule, or DEFAULT_INDEX_NUMBER_PATTERN. */
  indexNumberPattern: string;
  /** The agency's chain, or DEFAULT_REVIEW_CHAIN. */
  reviewChain: readonly ReviewStep[];
  /** The agency's questions, or DEFAULT_CONFIDENTIALITY_CHECKLIST. */
  checklist: readonly ChecklistQuestion[];
  /** The agency's sensitive words and 错敏词, plus the built-in 错敏词 list. */
  screeningTerms: readonly ScreeningTerm[];
  /** The agency's catalogue (the default for its level until edited). */
  catalogue: readonly CatalogueNode[];
}

const AGENCY_LEVELS: readonly AgencyLevel[] = ['national', 'provincial', 'municipal', 'county', 'township'];

/**
 * agencies.level is free text in the schema. An unknown level gets the catalogue of a level that
 * 第二十一条 does not reach (only 第二十条's items), rather than failing every publication.
 */
export function toAgencyLevel(level: string): AgencyLevel {
  return (AGENCY_LEVELS as readonly string[]).includes(level) ? (level as AgencyLevel) : 'national';
}

// ---------------------------------------------------------------- the settings row

export type DisclosureSettingsRow = Selectable<DisclosureSettingsTable>;

export async function findSettingsRow(db: Kysely<Database>, agencyId: number): Promise<DisclosureSettingsRow | undefined> {
  return db.selectFrom('disclosure_settings').selectAll().where('agency_id', '=', agencyId).executeTakeFirst();
}

/**
 * Serialises the settings writes of one agency for the rest of the transaction, so each history
 * row sees the true old value and guide versions do not collide. PostgreSQL: FOR NO KEY UPDATE on
 * the agency row, which does not block inserts that reference the agency; SQLite serialises
 * writing transactions anyway.
 */
export async function lockAgencySettings(trx: Kysely<Database>, agencyId: number): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await trx.selectFrom('agencies').select('id').where('id', '=', agencyId).forNoKeyUpdate().execute();
}

export interface SettingsChange {
  creditCode?: string | null;
  indexNumberPattern?: string | null;
  reviewChain?: readonly ReviewStep[] | null;
  checklist?: readonly ChecklistQuestion[] | null;
}

/** Writes the given columns (null = back to the default), creating the row if the agency has none. */
export async function saveSettingsRow(trx: Kysely<Database>, agencyId: number, change: SettingsChange, actor: string): Promise<void> {
  const json = (value: readonly unknown[] | null) => (value === null ? null : JSON.stringify(value));
  const columns = {
    ...(change.creditCode === undefined ? {} : { credit_code: change.creditCode }),
    ...(change.indexNumberPattern === undefined ? {} : { index_number_pattern: change.indexNumberPattern }),
    ...(change.reviewChain === undefined ? {} : { review_chain: json(change.reviewChain) }),
    ...(change.checklist === undefined ? {} : { checklist: json(change.checklist) }),
  };
  await trx
    .insertInto('disclosure_settings')
    .values({ agency_id: agencyId, credit_code: null, index_number_pattern: null, review_chain: null, checklist: null, ...columns, updated_by: actor })
    .onConflict((oc) => oc.column('agency_id').doUpdateSet({ ...columns, updated_by: actor, updated_at: sql<string>`CURRENT_TIMESTAMP` }))
    .execute();
}

export function reviewChainOf(row: DisclosureSettingsRow | undefined): readonly ReviewStep[] | null {
  return row?.review_chain == null ? null : (JSON.parse(row.review_chain) as ReviewStep[]);
}

export function checklistOf(row: DisclosureSettingsRow | undefined): readonly ChecklistQuestion[] | null {
  return row?.checklist == null ? null : (JSON.parse(row.checklist) as ChecklistQuestion[]);
}

// ---------------------------------------------------------------- catalogue

function toCatalogueNode(row: Selectable<CatalogueNodesTable>): CatalogueNode {
  return { code: row.code, parentCode: row.parent_code, name: row.name, basis: row.basis, position: row.position, active: row.active !== 0 };
}

/** The agency's own catalogue in the order it was saved; empty until it saves one (the default for its level applies). */
export async function findCatalogueNodes(db: Kysely<Database>, agencyId: number): Promise<CatalogueNode[]> {
  const rows = await db.selectFrom('catalogue_nodes').selectAll().where('agency_id', '=', agencyId).orderBy('id').execute();
  return rows.map(toCatalogueNode);
}

export async function replaceCatalogueNodes(trx: Kysely<Database>, agencyId: number, nodes: readonly CatalogueNode[]): Promise<void> {
  await trx.deleteFrom('catalogue_nodes').where('agency_id', '=', agencyId).execute();
  if (nodes.length === 0) return;
  await trx
    .insertInto('catalogue_nodes')
    .values(
      nodes.map((node) => ({
        agency_id: agencyId,
        code: node.code,
        parent_code: node.parentCode,
        name: node.name,
        basis: node.basis,
        position: node.position,
        active: node.active ? 1 : 0,
      })),
    )
    .execute();
}

/** How many of the agency's publications (any state) carry each catalogue code. */
export async function countPublicationsByCategory(db: Kysely<Database>, agencyId: number, codes?: readonly string[]): Promise<Map<string, number>> {
  if (codes !== undefined && codes.length === 0) return new Map();
  let query = db
    .selectFrom('publications')
    .select(['category_code', (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('agency_id', '=', agencyId)
    .groupBy('category_code');
  if (codes !== undefined) query = query.where('category_code', 'in', codes);
  const rows = await query.execute();
  return new Map(rows.map((row) => [row.category_code, Number(row.count)]));
}

// ---------------------------------------------------------------- guide

export interface GuideVersion {
  version: number;
  fields: DisclosureGuide;
  createdBy: string;
  /** ISO 8601 UTC. */
  createdAt: string;
}

export async function findGuideVersions(db: Kysely<Database>, agencyId: number): Promise<GuideVersion[]> {
  const rows = await db.selectFrom('disclosure_guides').selectAll().where('agency_id', '=', agencyId).orderBy('version').execute();
  return rows.map((row) => ({ version: row.version, fields: JSON.parse(row.fields) as DisclosureGuide, createdBy: row.created_by, createdAt: toIsoTimestamp(String(row.created_at)) }));
}

export async function findCurrentGuide(db: Kysely<Database>, agencyId: number): Promise<GuideVersion | undefined> {
  const row = await db.selectFrom('disclosure_guides').selectAll().where('agency_id', '=', agencyId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row === undefined ? undefined : { version: row.version, fields: JSON.parse(row.fields) as DisclosureGuide, createdBy: row.created_by, createdAt: toIsoTimestamp(String(row.created_at)) };
}

export async function insertGuideVersion(trx: Kysely<Database>, agencyId: number, version: number, fields: DisclosureGuide, actor: string): Promise<void> {
  await trx.insertInto('disclosure_guides').values({ agency_id: agencyId, version, fields: JSON.stringify(fields), created_by: actor }).execute();
}

// ---------------------------------------------------------------- screening terms

export interface StoredScreeningTerm extends ScreeningTerm {
  id: number;
  note: string;
}

export async function findScreeningTerms(db: Kysely<Database>, agencyId: number): Promise<StoredScreeningTerm[]> {
  const rows = await db.selectFrom('screening_terms').selectAll().where('agency_id', '=', agencyId).orderBy('kind').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, kind: row.kind as ScreeningTerm['kind'], term: row.term, correction: row.correction, note: row.note }));
}

export async function findScreeningTerm(db: Kysely<Database>, agencyId: number, id: number): Promise<StoredScreeningTerm | undefined> {
  const row = await db.selectFrom('screening_terms').selectAll().where('agency_id', '=', agencyId).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : { id: row.id, kind: row.kind as ScreeningTerm['kind'], term: row.term, correction: row.correction, note: row.note };
}

export async function findScreeningTermByText(db: Kysely<Database>, agencyId: number, kind: ScreeningTerm['kind'], term: string): Promise<number | undefined> {
  const row = await db.selectFrom('screening_terms').select('id').where('agency_id', '=', agencyId).where('kind', '=', kind).where('term', '=', term).executeTakeFirst();
  return row?.id;
}

export async function insertScreeningTerm(trx: Kysely<Database>, agencyId: number, term: ScreeningTerm & { note: string }): Promise<number> {
  const row = await trx
    .insertInto('screening_terms')
    .values({ agency_id: agencyId, kind: term.kind, term: term.term, correction: term.correction, note: term.note })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteScreeningTerm(trx: Kysely<Database>, agencyId: number, id: number): Promise<void> {
  await trx.deleteFrom('screening_terms').where('agency_id', '=', agencyId).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- history

export interface SettingsHistoryEntry {
  id: number;
  actor: string;
  kind: string;
  /** ISO 8601 UTC. */
  at: string;
  detail: Record<string, unknown>;
}

/** The settings' own history (shown per agency), and the same change in the hash-chained audit trail. */
export async function insertSettingsHistory(trx: Kysely<Database>, entry: { agencyId: number; actor: string; kind: string; detail: Record<string, unknown> }): Promise<void> {
  const detail = JSON.stringify(entry.detail);
  await trx.insertInto('disclosure_settings_history').values({ agency_id: entry.agencyId, actor: entry.actor, kind: entry.kind, detail }).execute();
  await appendAuditEntry(trx, {
    at: new Date().toISOString(),
    actor: entry.actor,
    agencyId: entry.agencyId,
    action: `settings.${entry.kind}`,
    subject: `settings:${entry.kind}`,
    detail: JSON.parse(detail) as JsonObject,
  });
}

/** Newest first. */
export async function findSettingsHistory(db: Kysely<Database>, agencyId: number, page: { limit: number; offset: number }): Promise<{ entries: SettingsHistoryEntry[]; total: number }> {
  const rows = await db
    .selectFrom('disclosure_settings_history')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const counted = await db
    .selectFrom('disclosure_settings_history')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('agency_id', '=', agencyId)
    .executeTakeFirstOrThrow();
  return {
    entries: rows.map((row) => ({ id: row.id, actor: row.actor, kind: row.kind, at: toIsoTimestamp(String(row.at)), detail: JSON.parse(row.detail) as Record<string, unknown> })),
    total: Number(counted.count),
  };
}

// ---------------------------------------------------------------- what the publication service reads

/**
 * The agency's own terms first: where it lists a built-in 错敏词 again (e.g. with another
 * correction), its entry wins.
 */
export function withDefaultScreeningTerms(own: readonly ScreeningTerm[]): ScreeningTerm[] {
  const key = (term: ScreeningTerm) => `${term.kind}\u0000${term.term}`;
  const seen = new Set(own.map(key));
  return [...own.map((term) => ({ kind: term.kind, term: term.term, correction: term.correction })), ...DEFAULT_WRONG_TERMS.filter((term) => !seen.has(key(term)))];
}

export async function findDisclosureSettings(db: Kysely<Database>, agencyId: number): Promise<DisclosureSettings> {
  const agency = await db.selectFrom('agencies').select(['id', 'level']).where('id', '=', agencyId).executeTakeFirst();
  if (agency === undefined) throw new DomainError('NOT_FOUND', `No agency with id ${agencyId}`, '找不到该机关。', { agencyId });
  // One after the other: db may be a transaction, i.e. one connection.
  const row = await findSettingsRow(db, agencyId);
  const nodes = await findCatalogueNodes(db, agencyId);
  const terms = await findScreeningTerms(db, agencyId);
  return {
    creditCode: row?.credit_code ?? null,
    indexNumberPattern: row?.index_number_pattern ?? DEFAULT_INDEX_NUMBER_PATTERN,
    reviewChain: reviewChainOf(row) ?? DEFAULT_REVIEW_CHAIN,
    checklist: checklistOf(row) ?? DEFAULT_CONFIDENTIALITY_CHECKLIST,
    screeningTerms: withDefaultScreeningTerms(terms),
    catalogue: nodes.length > 0 ? nodes : defaultCatalogue(toAgencyLevel(agency.level)),
  };
}
