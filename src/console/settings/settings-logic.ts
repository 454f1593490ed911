// The small calculations behind the 设置 screens, kept apart from React so they are tested alone.
import type { CalendarYears, CatalogueNode, ChecklistQuestion, UserRow } from './settings-api.ts';

/** The list with the item at `index` moved `by` places (−1 up, +1 down). */
export function move<T>(list: readonly T[], index: number, by: number): T[] {
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(index + by, 0, item as T);
  return next;
}

/** A new checklist question's id: q-<n>, lowercase as the server wants, unique in the list. */
export function newQuestionId(list: readonly ChecklistQuestion[]): string {
  for (let n = list.length + 1; ; n += 1) {
    const id = `q-${n}`;
    if (!list.some((item) => item.id === id)) return id;
  }
}

export interface TreeRow extends CatalogueNode {
  children?: TreeRow[];
}

/** The catalogue as a tree, siblings by position; a node whose parent is missing shows at the top. */
export function treeOf(nodes: readonly CatalogueNode[]): TreeRow[] {
  const rows = new Map<string, TreeRow>(nodes.map((node) => [node.code, { ...node }]));
  const roots: TreeRow[] = [];
  for (const node of [...nodes].sort((a, b) => a.position - b.position)) {
    const row = rows.get(node.code)!;
    const parent = node.parentCode === null ? undefined : rows.get(node.parentCode);
    if (parent === undefined) roots.push(row);
    else (parent.children ??= []).push(row);
  }
  return roots;
}

/** The codes of a node and everything under it (removing a node removes its subtree). */
export function subtreeCodes(nodes: readonly CatalogueNode[], code: string): Set<string> {
  const codes = new Set([code]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const node of nodes) {
      if (node.parentCode !== null && codes.has(node.parentCode) && !codes.has(node.code)) {
        codes.add(node.code);
        grew = true;
      }
    }
  }
  return codes;
}

/** The users an administrator manages from this agency: those with a role here, and those with none anywhere yet. */
export function usersOfAgency(users: readonly UserRow[], agency: string): UserRow[] {
  return users.filter((user) => Object.keys(user.rolesByAgency).length === 0 || agency in user.rolesByAgency);
}

export interface CalendarYearRow {
  year: number;
  source: string;
  loadedAt: string;
  loadedBy: string;
  builtIn: boolean;
}

/** Loaded years and the built-in ones a loaded year does not replace, newest first. */
export function calendarRows(years: CalendarYears): CalendarYearRow[] {
  const loaded = years.loaded.map((row) => ({ ...row, builtIn: false }));
  const builtIn = years.builtInYears.filter((year) => !years.loaded.some((row) => row.year === year)).map((year) => ({ year, source: '系统内置', loadedAt: '', loadedBy: '', builtIn: true }));
  return [...loaded, ...builtIn].sort((a, b) => b.year - a.year);
}

/** "2026-11-28 08:30": an instant in China time (UTC+8, no summer time). */
export function chinaMinute(at: string | null): string {
  if (at === null) return '—';
  return new Date(Date.parse(at) + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');
}
