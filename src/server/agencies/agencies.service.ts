// The agency tree (issue 7): create, move, rename, list. Who may: a user holding agency.manage
// (系统管理员) in the ROOT agency of the tree the change touches — the platform's own top agency,
// e.g. 示范市人民政府 — so an administrator of one 部门 or 区 can change neither its own place nor
// another tree. A new root needs agency.manage in some existing root (or the CLI, the local
// operator). Every change is one transaction with its audit entry.
import type { Kysely } from 'kysely';
import { can } from '../../domain/account/permissions.ts';
import type { Role } from '../../domain/account/roles.ts';
import { DomainError } from '../../domain/domain-error.ts';
import { appendAuditEntry } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';
import type { Agency } from './agencies.repository.ts';
import { createAgenciesRepository } from './agencies.repository.ts';
import { AGENCY_LEVEL_LABELS, checkAgencyCode, checkAgencyLevel, checkAgencyName, checkLevelUnderParent } from './agency-rules.ts';

export type AgencyActor = { kind: 'system' } | { kind: 'user'; login: string; rolesByAgency: Readonly<Record<string, readonly Role[]>> };
export const SYSTEM_AGENCY_ACTOR: AgencyActor = Object.freeze({ kind: 'system' });

export interface AgencyTreeEntry {
  code: string;
  name: string;
  level: string;
  levelLabel: string;
  parentCode: string | null;
  rootCode: string;
  depth: number;
  external: boolean;
}

export interface CreateAgencyRequest {
  code: string;
  name: string;
  level: string;
  parentCode?: string | null;
  external?: boolean;
}

const notManager = (rootCode: string, rootName: string): DomainError =>
  new DomainError('FORBIDDEN', `agency.manage needed in root agency ${rootCode}`, `只有最上级机关“${rootName}”的系统管理员可以新建、改名或调整机关。`, { action: 'agency.manage', rootCode });

export type AgenciesService = ReturnType<typeof createAgenciesService>;

export function createAgenciesService({ db, now = () => new Date() }: { db: Kysely<Database>; now?: () => Date }) {
  const repository = createAgenciesRepository(db);

  async function rootOf(agency: Agency, from = repository): Promise<Agency> {
    if (agency.parentId === null) return agency;
    const ancestors = await from.listAncestors(agency.id);
    return ancestors[ancestors.length - 1] ?? agency;
  }

  function manages(by: AgencyActor, rootCode: string): boolean {
    return by.kind === 'system' || can(by.rolesByAgency[rootCode] ?? [], 'agency.manage');
  }

  async function requireManager(by: AgencyActor, agency: Agency, from = repository): Promise<void> {
    const root = await rootOf(agency, from);
    if (!manages(by, root.code)) throw notManager(root.code, root.name);
  }

  const actorName = (by: AgencyActor): string => (by.kind === 'system' ? 'system' : by.login);

  async function audit(trx: Kysely<Database>, by: AgencyActor, agency: Agency, action: string, detail: Record<string, string | boolean | null>): Promise<void> {
    await appendAuditEntry(trx, { at: now().toISOString(), actor: actorName(by), agencyId: agency.id, action, subject: `agency:${agency.code}`, detail });
  }

  async function entriesOf(root: Agency): Promise<AgencyTreeEntry[]> {
    const nodes = await repository.listSubtree(root.id);
    const codeById = new Map(nodes.map((n) => [n.id, n.code]));
    return nodes.map((n) => ({
      code: n.code,
      name: n.name,
      level: n.level,
      levelLabel: AGENCY_LEVEL_LABELS[n.level] ?? n.level,
      parentCode: n.parentId === null ? null : (codeById.get(n.parentId) ?? null),
      rootCode: root.code,
      depth: n.depth,
      external: n.external,
    }));
  }

  async function entryOf(code: string): Promise<AgencyTreeEntry> {
    const agency = await repository.getAgencyByCode(code);
    const root = await rootOf(agency);
    const entry = (await entriesOf(root)).find((e) => e.code === code);
    if (entry === undefined) throw new Error(`agency ${code} not in its own tree`);
    return entry;
  }

  return {
    /** The trees whose root the actor manages (every tree for the CLI), each in tree order. */
    async list(by: AgencyActor): Promise<AgencyTreeEntry[]> {
      const roots = (await repository.listRoots()).filter((root) => manages(by, root.code));
      if (roots.length === 0 && by.kind === 'user') {
        throw new DomainError('FORBIDDEN', 'agency.manage needed in a root agency', '只有最上级机关的系统管理员可以查看和管理机关列表。', { action: 'agency.manage' });
      }
      const result: AgencyTreeEntry[] = [];
      for (const root of roots) result.push(...(await entriesOf(root)));
      return result;
    },

    async create(input: CreateAgencyRequest, by: AgencyActor): Promise<AgencyTreeEntry> {
      const code = input.code.trim();
      checkAgencyCode(code);
      const name = checkAgencyName(input.name);
      const level = checkAgencyLevel(input.level);
      await db.transaction().execute(async (trx) => {
        const agencies = createAgenciesRepository(trx);
        let parent: Agency | null = null;
        if (input.parentCode !== undefined && input.parentCode !== null) {
          parent = await agencies.getAgencyByCode(input.parentCode);
          await requireManager(by, parent, agencies);
          checkLevelUnderParent(level, parent);
          const siblings = await trx.selectFrom('agencies').select('code').where('parent_id', '=', parent.id).where('name', '=', name).executeTakeFirst();
          if (siblings !== undefined) {
            throw new DomainError('CONFLICT', `sibling named ${name} exists`, `“${parent.name}”之下已有名为“${name}”的机关（代码 ${siblings.code}）。`, { field: 'name' });
          }
        } else if (by.kind === 'user') {
          // A new tree: only an administrator of an existing root (the platform's operator).
          const roots = await agencies.listRoots();
          if (!roots.some((root) => manages(by, root.code))) {
            throw new DomainError('FORBIDDEN', 'agency.manage needed in a root agency to create a root', '只有最上级机关的系统管理员可以新建最上级机关。', { action: 'agency.manage' });
          }
        }
        const created = await agencies.createAgency({ code, name, level, parentId: parent?.id ?? null, external: input.external === true });
        await audit(trx, by, created, 'agency.created', { code, name, level, parentCode: parent?.code ?? null, external: input.external === true });
      });
      return entryOf(code);
    },

    /** Moves the agency (and everything below it) under another parent, or makes it a root (parentCode null). */
    async move(code: string, parentCode: string | null, by: AgencyActor): Promise<AgencyTreeEntry> {
      await db.transaction().execute(async (trx) => {
        const agencies = createAgenciesRepository(trx);
        const agency = await agencies.getAgencyByCode(code);
        await requireManager(by, agency, agencies);
        let parent: Agency | null = null;
        if (parentCode !== null) {
          parent = await agencies.getAgencyByCode(parentCode);
          await requireManager(by, parent, agencies);
          if (await agencies.isInSubtree(agency.id, parent.id)) {
            throw new DomainError('CONFLICT', `cannot move ${code} under its own subtree (${parentCode})`, `不能把“${agency.name}”移到它自己或它的下级机关“${parent.name}”之下。`, { field: 'parentCode' });
          }
          checkLevelUnderParent(agency.level, parent);
        }
        const before = agency.parentId === null ? null : ((await agencies.findAgencyById(agency.parentId))?.code ?? null);
        await agencies.setParent(agency.id, parent?.id ?? null);
        await audit(trx, by, agency, 'agency.moved', { from: before, to: parent?.code ?? null });
      });
      return entryOf(code);
    },

    /** New name and/or level; the code never changes (it is in URLs and links already given out). */
    async update(code: string, change: { name?: string; level?: string }, by: AgencyActor): Promise<AgencyTreeEntry> {
      const name = change.name === undefined ? undefined : checkAgencyName(change.name);
      const level = change.level === undefined ? undefined : checkAgencyLevel(change.level);
      await db.transaction().execute(async (trx) => {
        const agencies = createAgenciesRepository(trx);
        const agency = await agencies.getAgencyByCode(code);
        await requireManager(by, agency, agencies);
        if (level !== undefined && agency.parentId !== null) {
          const parent = await agencies.findAgencyById(agency.parentId);
          if (parent !== undefined) checkLevelUnderParent(level, parent);
        }
        await agencies.rename(agency.id, { ...(name === undefined ? {} : { name }), ...(level === undefined ? {} : { level }) });
        await audit(trx, by, agency, 'agency.renamed', { fromName: agency.name, toName: name ?? agency.name, fromLevel: agency.level, toLevel: level ?? agency.level });
      });
      return entryOf(code);
    },
  };
}
