// An agency's 主动公开 settings: 统一社会信用代码 and 索引号 rule, review chain, 保密审查 checklist,
// the 目录 (第二十条、第二十一条) and the 指南 (第十二条) with its versions, sensitive words and
// 错敏词. Changes need role admin or leader; each is one transaction with its row in
// disclosure_settings_history (who, when, what: old and new).
import type { Kysely } from 'kysely';
import { requirePermission } from '../../domain/account/permissions.ts';
import { validateCreditCode } from '../../domain/application/validate-credit-code.ts';
import { DomainError } from '../../domain/domain-error.ts';
import { defaultCatalogue, validateCatalogue } from '../../domain/publication/catalogue.ts';
import type { AgencyLevel, CatalogueNode } from '../../domain/publication/catalogue.ts';
import { DEFAULT_CONFIDENTIALITY_CHECKLIST, parseChecklist } from '../../domain/publication/confidentiality-checklist.ts';
import type { ChecklistQuestion } from '../../domain/publication/confidentiality-checklist.ts';
import { DEFAULT_WRONG_TERMS } from '../../domain/publication/default-screening-terms.ts';
import { DISCLOSURE_GUIDE_LABELS, parseDisclosureGuide } from '../../domain/publication/disclosure-guide.ts';
import type { DisclosureGuide } from '../../domain/publication/disclosure-guide.ts';
import { DEFAULT_INDEX_NUMBER_PATTERN, validateIndexNumberPattern } from '../../domain/publication/format-index-number.ts';
import { DEFAULT_REVIEW_CHAIN } from '../../domain/publication/publication.ts';
import type { ReviewStep } from '../../domain/publication/publication.ts';
import type { ScreeningTerm } from '../../domain/publication/screen-text.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import type { Agency } from '../agencies/agencies.repository.ts';
import type { Database } from '../db/database.ts';
import {
  checklistOf,
  countPublicationsByCategory,
  deleteScreeningTerm,
  findCatalogueNodes,
  findCurrentGuide,
  findGuideVersions,
  findScreeningTerm,
  findScreeningTermByText,
  findScreeningTerms,
  findSettingsHistory,
  findSettingsRow,
  insertGuideVersion,
  insertScreeningTerm,
  insertSettingsHistory,
  lockAgencySettings,
  replaceCatalogueNodes,
  reviewChainOf,
  saveSettingsRow,
  toAgencyLevel,
} from './disclosure-settings.repository.ts';
import type { DisclosureSettingsRow, GuideVersion, SettingsChange, SettingsHistoryEntry, StoredScreeningTerm } from './disclosure-settings.repository.ts';

export const MAX_REVIEW_STEPS = 6;
export const MAX_CATALOGUE_NODES = 1000;
export const MAX_TERM_LENGTH = 100;
export const HISTORY_PAGE_SIZE = 100;
export const MAX_HISTORY_PAGE_SIZE = 1000;

/** Chinese labels of the history kinds this service writes (others may write more kinds). */
export const SETTINGS_HISTORY_LABELS: Record<string, string> = {
  credit_code_changed: '修改统一社会信用代码',
  index_number_pattern_changed: '修改索引号规则',
  review_chain_changed: '修改审核流程',
  checklist_changed: '修改保密审查清单',
  catalogue_changed: '修改政府信息公开目录',
  guide_saved: '更新政府信息公开指南',
  screening_term_added: '添加敏感词或错敏词',
  screening_term_removed: '删除敏感词或错敏词',
};

export const SCREENING_TERM_KIND_LABELS: Record<ScreeningTerm['kind'], string> = { sensitive_word: '敏感词', wrong_term: '错敏词' };

export interface SettingsActor {
  actor: string;
  actorRoles: readonly string[];
}

export interface SettingsView {
  agencyCode: string;
  creditCode: string | null;
  indexNumberPattern: string;
  reviewChain: ReviewStep[];
  checklist: ChecklistQuestion[];
  /** Which values are the platform's defaults (the agency has set nothing). */
  usesDefault: { indexNumberPattern: boolean; reviewChain: boolean; checklist: boolean };
  updatedBy: string | null;
  /** Settings the agency should fix before publishing, in Chinese. */
  warnings: string[];
}

/** What a PUT may change; a field left out stays, null goes back to the default. */
export interface SettingsChangeInput {
  creditCode?: string | null;
  indexNumberPattern?: string | null;
  reviewChain?: readonly ReviewStep[] | null;
  /** Checked by parseChecklist. */
  checklist?: unknown;
}

export interface CatalogueView {
  level: AgencyLevel;
  /** True while the agency has not saved a catalogue of its own. */
  isDefault: boolean;
  /** Each node with the number of the agency's items (any state) filed under it. */
  nodes: (CatalogueNode & { itemCount: number })[];
}

export interface GuideView {
  /** null before the first version is saved. */
  version: number | null;
  fields: DisclosureGuide | null;
  createdBy: string | null;
  createdAt: string | null;
}

export interface ScreeningTermInput {
  kind: ScreeningTerm['kind'];
  term: string;
  correction?: string | null;
  note?: string | null;
}

export interface ScreeningTermsView {
  terms: StoredScreeningTerm[];
  /** The built-in 错敏词, checked for every agency (default-screening-terms.ts). */
  builtInTerms: ScreeningTerm[];
}

export interface HistoryView {
  entries: (SettingsHistoryEntry & { label: string })[];
  total: number;
  limit: number;
  offset: number;
}

function badInput(field: string, userMessage: string): DomainError {
  return new DomainError('BAD_INPUT', `disclosure settings: bad ${field}`, userMessage, { field });
}

/** settings.edit from the one permission table (分管领导、系统管理员), whoever calls the service. */
function requireEditor(by: SettingsActor): void {
  requirePermission(by.actorRoles, 'settings.edit');
}

const ROLE_ID = /^[a-zA-Z][a-zA-Z0-9_-]*$/;
const HAN = /\p{Script=Han}/u;

/** 1–6 steps; each a role id and a Chinese label; a role at most once (one person cannot pass two steps as the same role). */
export function checkReviewChain(steps: readonly ReviewStep[]): ReviewStep[] {
  if (steps.length < 1 || steps.length > MAX_REVIEW_STEPS) {
    throw badInput('reviewChain', `审核流程（reviewChain）须有1至${MAX_REVIEW_STEPS}个步骤，现有${steps.length}个`);
  }
  const checked: ReviewStep[] = [];
  steps.forEach((step, index) => {
    const role = step.role.trim();
    const label = step.label.trim();
    if (!ROLE_ID.test(role) || role.length > 64) {
      throw badInput(`reviewChain.${index}.role`, `第${index + 1}步的角色代码（reviewChain.${index}.role）须以英文字母开头，只含英文字母、数字、下划线或连字符，最长64个字符`);
    }
    if (label === '' || label.length > 20 || !HAN.test(label)) {
      throw badInput(`reviewChain.${index}.label`, `第${index + 1}步的名称（reviewChain.${index}.label）须为不超过20个字的中文名称，如“科长”`);
    }
    const earlier = checked.findIndex((other) => other.role === role);
    if (earlier >= 0) {
      throw badInput(`reviewChain.${index}.role`, `第${index + 1}步的角色“${role}”与第${earlier + 1}步重复：同一角色在审核流程中只能出现一次`);
    }
    checked.push({ role, label });
  });
  return checked;
}

function checkCreditCode(value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  const result = validateCreditCode(value);
  if (!result.ok) throw badInput('creditCode', `统一社会信用代码（creditCode）不正确：${result.reason}`);
  return result.normalized;
}

function checkIndexNumberPattern(value: string | null): string | null {
  if (value === null) return null;
  const pattern = value.trim();
  if (pattern === '') throw badInput('indexNumberPattern', '索引号规则（indexNumberPattern）不能为空；要恢复默认规则请传 null');
  if (pattern.length > 200) throw badInput('indexNumberPattern', '索引号规则（indexNumberPattern）过长，最多200个字符');
  validateIndexNumberPattern(pattern);
  // 索引号 are unique on the whole platform, and the database keeps them unique per agency only
  // (migration 2026-11-28T12-10, for distribution by agency): the agency's own code makes the rest.
  if (!pattern.includes('{creditCode}') && !pattern.includes('{agencyCode}')) {
    throw badInput('indexNumberPattern', '索引号规则（indexNumberPattern）须含{creditCode}（统一社会信用代码）或{agencyCode}（机关代码），索引号才不会与其他机关重复');
  }
  return pattern;
}

function normalizeNodes(nodes: readonly CatalogueNode[]): CatalogueNode[] {
  if (nodes.length > MAX_CATALOGUE_NODES) throw badInput('nodes', `目录（nodes）最多${MAX_CATALOGUE_NODES}项，现有${nodes.length}项`);
  return nodes.map((node) => {
    const parentCode = node.parentCode === null ? null : node.parentCode.trim();
    return { code: node.code.trim(), parentCode: parentCode === '' ? null : parentCode, name: node.name.trim(), basis: node.basis.trim(), position: node.position, active: node.active };
  });
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Field by field, so the key order of an object does not count as a change. */
const nodeKey = (node: CatalogueNode) => JSON.stringify([node.code, node.parentCode, node.name, node.basis, node.position, node.active]);
const sameNodes = (a: readonly CatalogueNode[], b: readonly CatalogueNode[]) => sameJson(a.map(nodeKey), b.map(nodeKey));
const sameGuide = (a: DisclosureGuide, b: DisclosureGuide) => (Object.keys(DISCLOSURE_GUIDE_LABELS) as (keyof DisclosureGuide)[]).every((key) => a[key] === b[key]);

function describeNodeChanges(before: readonly CatalogueNode[], after: readonly CatalogueNode[]) {
  const old = new Map(before.map((node) => [node.code, nodeKey(node)]));
  const fresh = new Set(after.map((node) => node.code));
  return {
    added: after.filter((node) => !old.has(node.code)).map((node) => node.code),
    removed: before.filter((node) => !fresh.has(node.code)).map((node) => node.code),
    changed: after.filter((node) => old.has(node.code) && old.get(node.code) !== nodeKey(node)).map((node) => node.code),
  };
}

function warningsOf(creditCode: string | null, pattern: string): string[] {
  const warnings: string[] = [];
  if (creditCode === null && pattern.includes('{creditCode}')) {
    warnings.push('索引号规则含有统一社会信用代码（{creditCode}），但本机关尚未设置统一社会信用代码，发布时将无法生成索引号。');
  }
  return warnings;
}

function toView(agency: Agency, row: DisclosureSettingsRow | undefined): SettingsView {
  const creditCode = row?.credit_code ?? null;
  const indexNumberPattern = row?.index_number_pattern ?? DEFAULT_INDEX_NUMBER_PATTERN;
  const chain = reviewChainOf(row);
  const checklist = checklistOf(row);
  return {
    agencyCode: agency.code,
    creditCode,
    indexNumberPattern,
    reviewChain: [...(chain ?? DEFAULT_REVIEW_CHAIN)],
    checklist: [...(checklist ?? DEFAULT_CONFIDENTIALITY_CHECKLIST)],
    usesDefault: { indexNumberPattern: row?.index_number_pattern == null, reviewChain: chain === null, checklist: checklist === null },
    updatedBy: row?.updated_by ?? null,
    warnings: warningsOf(creditCode, indexNumberPattern),
  };
}

export type DisclosureSettingsService = ReturnType<typeof createDisclosureSettingsService>;

export function createDisclosureSettingsService(deps: { db: Kysely<Database> }) {
  const { db } = deps;
  const agencies = createAgenciesRepository(db);

  async function currentCatalogue(executor: Kysely<Database>, agency: Agency): Promise<{ nodes: CatalogueNode[]; isDefault: boolean }> {
    const stored = await findCatalogueNodes(executor, agency.id);
    return stored.length > 0 ? { nodes: stored, isDefault: false } : { nodes: defaultCatalogue(toAgencyLevel(agency.level)), isDefault: true };
  }

  async function updateSettings(agencyCode: string, input: SettingsChangeInput, by: SettingsActor): Promise<SettingsView> {
    requireEditor(by);
    const agency = await agencies.getAgencyByCode(agencyCode);
    // Everything is checked before anything is written.
    const change: SettingsChange = {};
    if (input.creditCode !== undefined) change.creditCode = checkCreditCode(input.creditCode);
    if (input.indexNumberPattern !== undefined) change.indexNumberPattern = checkIndexNumberPattern(input.indexNumberPattern);
    if (input.reviewChain !== undefined) change.reviewChain = input.reviewChain === null ? null : checkReviewChain(input.reviewChain);
    if (input.checklist !== undefined) change.checklist = input.checklist === null ? null : parseChecklist(input.checklist);

    await db.transaction().execute(async (trx) => {
      await lockAgencySettings(trx, agency.id);
      const row = await findSettingsRow(trx, agency.id);
      const entries: { kind: string; detail: Record<string, unknown> }[] = [];
      const effective: SettingsChange = {};
      const consider = <K extends keyof SettingsChange>(key: K, kind: string, stored: SettingsChange[K], fallback: SettingsChange[K]) => {
        const next = change[key];
        if (next === undefined || sameJson(stored, next)) return;
        effective[key] = next;
        entries.push({ kind, detail: { old: stored ?? fallback, new: next ?? fallback, ...(next === null ? { resetToDefault: true } : {}) } });
      };
      consider('creditCode', 'credit_code_changed', row?.credit_code ?? null, null);
      consider('indexNumberPattern', 'index_number_pattern_changed', row?.index_number_pattern ?? null, DEFAULT_INDEX_NUMBER_PATTERN);
      consider('reviewChain', 'review_chain_changed', reviewChainOf(row), DEFAULT_REVIEW_CHAIN);
      consider('checklist', 'checklist_changed', checklistOf(row), DEFAULT_CONFIDENTIALITY_CHECKLIST);
      if (entries.length === 0) return;
      await saveSettingsRow(trx, agency.id, effective, by.actor);
      for (const entry of entries) await insertSettingsHistory(trx, { agencyId: agency.id, actor: by.actor, ...entry });
    });
    return toView(agency, await findSettingsRow(db, agency.id));
  }

  async function getCatalogue(agencyCode: string): Promise<CatalogueView> {
    const agency = await agencies.getAgencyByCode(agencyCode);
    const { nodes, isDefault } = await currentCatalogue(db, agency);
    const counts = await countPublicationsByCategory(db, agency.id);
    return { level: toAgencyLevel(agency.level), isDefault, nodes: nodes.map((node) => ({ ...node, itemCount: counts.get(node.code) ?? 0 })) };
  }

  async function getGuide(agencyCode: string): Promise<GuideView> {
    const agency = await agencies.getAgencyByCode(agencyCode);
    const current = await findCurrentGuide(db, agency.id);
    return current === undefined ? { version: null, fields: null, createdBy: null, createdAt: null } : { ...current };
  }

  return {
    async getSettings(agencyCode: string): Promise<SettingsView> {
      const agency = await agencies.getAgencyByCode(agencyCode);
      return toView(agency, await findSettingsRow(db, agency.id));
    },

    updateSettings,

    /** 统一社会信用代码 (GB 32100): the default 索引号 rule starts with it. null clears it. */
    setCreditCode: (agencyCode: string, creditCode: string | null, by: SettingsActor) => updateSettings(agencyCode, { creditCode }, by),

    /** null goes back to DEFAULT_INDEX_NUMBER_PATTERN. */
    setIndexNumberPattern: (agencyCode: string, pattern: string | null, by: SettingsActor) => updateSettings(agencyCode, { indexNumberPattern: pattern }, by),

    /** Items already in review keep the chain copied at their submission. null goes back to DEFAULT_REVIEW_CHAIN. */
    setReviewChain: (agencyCode: string, steps: readonly ReviewStep[] | null, by: SettingsActor) => updateSettings(agencyCode, { reviewChain: steps }, by),

    /** null goes back to DEFAULT_CONFIDENTIALITY_CHECKLIST. */
    setChecklist: (agencyCode: string, questions: unknown, by: SettingsActor) => updateSettings(agencyCode, { checklist: questions }, by),

    getCatalogue,

    /**
     * Replaces the whole tree (第二十二条: the agency sets the concrete content). A node that items
     * are filed under cannot be removed, only deactivated, so no item loses its place in the 目录.
     */
    async replaceCatalogue(agencyCode: string, input: readonly CatalogueNode[], by: SettingsActor): Promise<CatalogueView> {
      requireEditor(by);
      const agency = await agencies.getAgencyByCode(agencyCode);
      const nodes = normalizeNodes(input);
      validateCatalogue(nodes);
      await db.transaction().execute(async (trx) => {
        await lockAgencySettings(trx, agency.id);
        const current = await currentCatalogue(trx, agency);
        const changes = describeNodeChanges(current.nodes, nodes);
        const used = await countPublicationsByCategory(trx, agency.id, changes.removed);
        const blocking = current.nodes.filter((node) => (used.get(node.code) ?? 0) > 0);
        if (blocking.length > 0) {
          const named = blocking.map((node) => `“${node.name}”（${node.code}，${used.get(node.code)}条）`).join('、');
          const total = blocking.reduce((sum, node) => sum + (used.get(node.code) ?? 0), 0);
          throw new DomainError(
            'CONFLICT',
            `catalogue nodes in use: ${blocking.map((node) => node.code).join(', ')}`,
            `目录项${named}下共有${total}条政府信息，不能删除；可将其停用（active 设为 false）。`,
            { field: 'nodes', codes: blocking.map((node) => node.code), itemCount: total },
          );
        }
        if (sameNodes(current.nodes, nodes)) return;
        await replaceCatalogueNodes(trx, agency.id, nodes);
        await insertSettingsHistory(trx, { agencyId: agency.id, actor: by.actor, kind: 'catalogue_changed', detail: { ...changes, old: current.nodes, new: nodes } });
      });
      return getCatalogue(agencyCode);
    },

    getGuide,

    /**
     * Saves a new version of the 指南 (第十二条: 应当及时更新); every version is kept. With
     * expectedVersion (0 for none yet), a guide changed meanwhile by someone else is refused.
     * The same fields again make no new version.
     */
    async saveGuide(agencyCode: string, input: unknown, by: SettingsActor, expectedVersion?: number): Promise<GuideView> {
      requireEditor(by);
      const agency = await agencies.getAgencyByCode(agencyCode);
      const fields = parseDisclosureGuide(input);
      await db.transaction().execute(async (trx) => {
        await lockAgencySettings(trx, agency.id);
        const current = await findCurrentGuide(trx, agency.id);
        const currentVersion = current?.version ?? 0;
        if (expectedVersion !== undefined && expectedVersion !== currentVersion) {
          throw new DomainError(
            'CONFLICT',
            `guide: expected version ${expectedVersion}, found ${currentVersion}`,
            `政府信息公开指南已被他人更新（当前为第${currentVersion}版），请刷新后再保存。`,
            { field: 'expectedVersion', currentVersion },
          );
        }
        if (current !== undefined && sameGuide(current.fields, fields)) return;
        const version = currentVersion + 1;
        await insertGuideVersion(trx, agency.id, version, fields, by.actor);
        await insertSettingsHistory(trx, { agencyId: agency.id, actor: by.actor, kind: 'guide_saved', detail: { version, old: current?.fields ?? null, new: fields } });
      });
      return getGuide(agencyCode);
    },

    /** Every saved version, oldest first. */
    async listGuideVersions(agencyCode: string): Promise<GuideVersion[]> {
      const agency = await agencies.getAgencyByCode(agencyCode);
      return findGuideVersions(db, agency.id);
    },

    async listScreeningTerms(agencyCode: string): Promise<ScreeningTermsView> {
      const agency = await agencies.getAgencyByCode(agencyCode);
      return { terms: await findScreeningTerms(db, agency.id), builtInTerms: DEFAULT_WRONG_TERMS.map((term) => ({ ...term })) };
    },

    /** A sensitive word (correction optional advice) or a 错敏词 with its correct form. */
    async addScreeningTerm(agencyCode: string, input: ScreeningTermInput, by: SettingsActor): Promise<StoredScreeningTerm> {
      requireEditor(by);
      const agency = await agencies.getAgencyByCode(agencyCode);
      if (input.kind !== 'sensitive_word' && input.kind !== 'wrong_term') throw badInput('kind', '词条类型（kind）须为 sensitive_word（敏感词）或 wrong_term（错敏词）');
      const term = input.term.trim();
      const correction = input.correction?.trim() || null;
      const note = input.note?.trim() ?? '';
      if (term === '') throw badInput('term', '词语（term）不能为空');
      if (term.length > MAX_TERM_LENGTH) throw badInput('term', `词语（term）最长${MAX_TERM_LENGTH}个字`);
      if (input.kind === 'wrong_term' && correction === null) throw badInput('correction', '错敏词须填写正确写法（correction）');
      if (correction !== null && correction.length > MAX_TERM_LENGTH) throw badInput('correction', `正确写法（correction）最长${MAX_TERM_LENGTH}个字`);
      if (correction !== null && correction === term) throw badInput('correction', '正确写法（correction）与词语本身相同');
      if (note.length > 500) throw badInput('note', '备注（note）最长500个字');
      const created = { kind: input.kind, term, correction, note };
      const id = await db.transaction().execute(async (trx) => {
        await lockAgencySettings(trx, agency.id);
        if ((await findScreeningTermByText(trx, agency.id, input.kind, term)) !== undefined) {
          throw new DomainError('CONFLICT', `screening term ${input.kind} ${term} exists`, `${SCREENING_TERM_KIND_LABELS[input.kind]}“${term}”已在列表中。`, { field: 'term' });
        }
        const newId = await insertScreeningTerm(trx, agency.id, created);
        await insertSettingsHistory(trx, { agencyId: agency.id, actor: by.actor, kind: 'screening_term_added', detail: { old: null, new: { id: newId, ...created } } });
        return newId;
      });
      return { id, ...created };
    },

    async removeScreeningTerm(agencyCode: string, id: number, by: SettingsActor): Promise<StoredScreeningTerm> {
      requireEditor(by);
      const agency = await agencies.getAgencyByCode(agencyCode);
      return db.transaction().execute(async (trx) => {
        await lockAgencySettings(trx, agency.id);
        const existing = await findScreeningTerm(trx, agency.id, id);
        if (existing === undefined) throw new DomainError('NOT_FOUND', `No screening term ${id}`, `找不到编号为${id}的敏感词或错敏词。`, { field: 'id' });
        await deleteScreeningTerm(trx, agency.id, id);
        await insertSettingsHistory(trx, { agencyId: agency.id, actor: by.actor, kind: 'screening_term_removed', detail: { old: existing, new: null } });
        return existing;
      });
    },

    /** Newest first. */
    async listHistory(agencyCode: string, page: { limit?: number; offset?: number } = {}): Promise<HistoryView> {
      const limit = page.limit ?? HISTORY_PAGE_SIZE;
      const offset = page.offset ?? 0;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_PAGE_SIZE) throw badInput('limit', `每页条数（limit）须为1至${MAX_HISTORY_PAGE_SIZE}之间的整数`);
      if (!Number.isInteger(offset) || offset < 0) throw badInput('offset', '起始位置（offset）须为不小于0的整数');
      const agency = await agencies.getAgencyByCode(agencyCode);
      const { entries, total } = await findSettingsHistory(db, agency.id, { limit, offset });
      return { entries: entries.map((entry) => ({ ...entry, label: SETTINGS_HISTORY_LABELS[entry.kind] ?? entry.kind })), total, limit, offset };
    },
  };
}
