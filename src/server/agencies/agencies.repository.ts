// 机关: the agencies hosted on the platform, in a tree (市政府 → 部门 and 区县 → 乡镇/街道) by
// parent_id. SQL only; rows mapped to camelCase.
//
// Subtrees are read with a recursive CTE over parent_id on both engines rather than kept in a
// materialised path column: a move is then one UPDATE of one row (a path would rewrite every
// descendant, in the same transaction, on every move), nothing derived can drift, and a city's
// tree of a few thousand rows is walked through agencies_parent_id_idx in a millisecond or two.
// The CTE runs on a Citus reference table too (agencies is replicated to every node).
import { sql } from 'kysely';
import type { Kysely, RawBuilder, Selectable } from 'kysely';
import { DomainError } from '../../domain/domain-error.ts';
import type { AgenciesTable, Database } from '../db/database.ts';

export interface Agency {
  id: number;
  /** Stable short code used in URLs and the CLI, e.g. 'demo'. */
  code: string;
  name: string;
  /** 'national' | 'provincial' | 'municipal' | 'county' | 'township'. */
  level: string;
  parentId: number | null;
}

export interface CreateAgencyInput {
  code: string;
  name: string;
  level: string;
  parentId?: number | null;
  /** Not on the platform: its published reports are imported (supervision). Default false. */
  external?: boolean;
}

/** An agency in a subtree: how deep below the subtree's root (0 for the root itself). */
export interface AgencyNode extends Agency {
  external: boolean;
  depth: number;
}

/** Deeper than any real administration (国 → 省 → 市 → 县 → 乡 is 5); stops a cycle that slipped in. */
const MAX_TREE_DEPTH = 32;

/**
 * `with recursive subtree(id, depth) as (…)`: the agency and everything below it. Prefix a query
 * with it and filter by `agency_id in (select id from subtree)`: one statement for the whole
 * subtree, on both engines.
 */
export function withSubtree(rootId: number): RawBuilder<unknown> {
  return sql`with recursive subtree(id, depth) as (
    select id, 0 from agencies where id = ${rootId}
    union all
    select a.id, s.depth + 1 from agencies a join subtree s on a.parent_id = s.id where s.depth < ${MAX_TREE_DEPTH}
  )`;
}

/** The rows of a subtree in tree order: each agency followed by its children, siblings by code. */
export function orderAsTree<T extends { id: number; parentId: number | null; code: string }>(rows: readonly T[], rootId: number): T[] {
  const children = new Map<number | null, T[]>();
  for (const row of rows) {
    const list = children.get(row.parentId) ?? [];
    list.push(row);
    children.set(row.parentId, list);
  }
  for (const list of children.values()) list.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const ordered: T[] = [];
  const visit = (row: T): void => {
    ordered.push(row);
    for (const child of children.get(row.id) ?? []) visit(child);
  };
  const root = rows.find((row) => row.id === rootId);
  if (root !== undefined) visit(root);
  return ordered;
}

export interface AgenciesRepository {
  listAgencies(): Promise<Agency[]>;
  findAgencyByCode(code: string): Promise<Agency | undefined>;
  /** Throws DomainError NOT_FOUND. */
  getAgencyByCode(code: string): Promise<Agency>;
  /** Throws DomainError CONFLICT when the code is taken. */
  createAgency(input: CreateAgencyInput): Promise<Agency>;
  findAgencyById(id: number): Promise<Agency | undefined>;
  /** The agency and everything below it, in tree order (see orderAsTree), with depth and the external flag. */
  listSubtree(rootId: number): Promise<AgencyNode[]>;
  /** The agency's ancestors, nearest first (its parent, …, the root); empty for a root. */
  listAncestors(agencyId: number): Promise<Agency[]>;
  /** Whether `agencyId` is `rootId` or below it. */
  isInSubtree(rootId: number, agencyId: number): Promise<boolean>;
  /** The agencies without a parent (the roots of the trees), by code. */
  listRoots(): Promise<Agency[]>;
  /** Sets parent_id; the caller has checked that no cycle results. */
  setParent(agencyId: number, parentId: number | null): Promise<void>;
  rename(agencyId: number, change: { name?: string; level?: string }): Promise<void>;
  isExternal(agencyId: number): Promise<boolean>;
}

function toAgency(row: Selectable<AgenciesTable>): Agency {
  return { id: row.id, code: row.code, name: row.name, level: row.level, parentId: row.parent_id };
}

export function createAgenciesRepository(db: Kysely<Database>): AgenciesRepository {
  async function findAgencyByCode(code: string): Promise<Agency | undefined> {
    const row = await db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst();
    return row === undefined ? undefined : toAgency(row);
  }

  async function listAncestors(agencyId: number): Promise<Agency[]> {
    const { rows } = await sql<{ id: number; code: string; name: string; level: string; parent_id: number | null; depth: number }>`
      with recursive up(id, depth) as (
        select parent_id, 1 from agencies where id = ${agencyId} and parent_id is not null
        union all
        select a.parent_id, u.depth + 1 from agencies a join up u on a.id = u.id where a.parent_id is not null and u.depth < ${MAX_TREE_DEPTH}
      )
      select a.id, a.code, a.name, a.level, a.parent_id, u.depth from agencies a join up u on u.id = a.id order by u.depth`.execute(db);
    return rows.map((row) => ({ id: Number(row.id), code: row.code, name: row.name, level: row.level, parentId: row.parent_id === null ? null : Number(row.parent_id) }));
  }

  return {
    async listAgencies() {
      const rows = await db.selectFrom('agencies').selectAll().orderBy('id').execute();
      return rows.map(toAgency);
    },

    findAgencyByCode,

    async getAgencyByCode(code) {
      const agency = await findAgencyByCode(code);
      if (agency === undefined) {
        throw new DomainError('NOT_FOUND', `No agency with code ${code}`, `找不到代码为“${code}”的机关。`, { code });
      }
      return agency;
    },

    async createAgency(input) {
      // Checked first so the caller gets a plain CONFLICT instead of an engine-specific error.
      if ((await findAgencyByCode(input.code)) !== undefined) {
        throw new DomainError('CONFLICT', `Agency code ${input.code} is taken`, `机关代码“${input.code}”已被使用。`, { code: input.code });
      }
      const row = await db
        .insertInto('agencies')
        .values({ code: input.code, name: input.name, level: input.level, parent_id: input.parentId ?? null, external: input.external === true ? 1 : 0 })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toAgency(row);
    },

    async findAgencyById(id) {
      const row = await db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toAgency(row);
    },

    async listSubtree(rootId) {
      const { rows } = await sql<{ id: number; code: string; name: string; level: string; parent_id: number | null; external: number; depth: number }>`
        ${withSubtree(rootId)}
        select a.id, a.code, a.name, a.level, a.parent_id, a.external, s.depth from agencies a join subtree s on s.id = a.id`.execute(db);
      const nodes = rows.map((row) => ({
        id: Number(row.id),
        code: row.code,
        name: row.name,
        level: row.level,
        parentId: row.parent_id === null ? null : Number(row.parent_id),
        external: Number(row.external) === 1,
        depth: Number(row.depth),
      }));
      return orderAsTree(nodes, rootId);
    },

    listAncestors,

    async isInSubtree(rootId, agencyId) {
      if (rootId === agencyId) return true;
      return (await listAncestors(agencyId)).some((a) => a.id === rootId);
    },

    async listRoots() {
      const rows = await db.selectFrom('agencies').selectAll().where('parent_id', 'is', null).orderBy('code').execute();
      return rows.map(toAgency);
    },

    async setParent(agencyId, parentId) {
      await db.updateTable('agencies').set({ parent_id: parentId }).where('id', '=', agencyId).execute();
    },

    async rename(agencyId, change) {
      const set = { ...(change.name === undefined ? {} : { name: change.name }), ...(change.level === undefined ? {} : { level: change.level }) };
      if (Object.keys(set).length === 0) return;
      await db.updateTable('agencies').set(set).where('id', '=', agencyId).execute();
    },

    async isExternal(agencyId) {
      const row = await db.selectFrom('agencies').select('external').where('id', '=', agencyId).executeTakeFirst();
      return Number(row?.external ?? 0) === 1;
    },
  };
}
