import { describe, expect, it } from 'vitest';
import type { CatalogueNode, UserRow } from './settings-api.ts';
import { calendarRows, chinaMinute, move, newQuestionId, subtreeCodes, treeOf, usersOfAgency } from './settings-logic.ts';

const node = (code: string, parentCode: string | null, position: number): CatalogueNode => ({ code, parentCode, name: code, basis: '', position, active: true, itemCount: 0 });

const user = (id: number, rolesByAgency: Record<string, string[]>): UserRow => ({
  id,
  login: `u${id}`,
  displayName: `用户${id}`,
  mustChangePassword: false,
  totpEnabled: false,
  disabled: false,
  lockedUntil: null,
  lastLoginAt: null,
  createdAt: '2026-11-28T00:00:00.000Z',
  rolesByAgency,
});

describe('move', () => {
  it('moves a step up or down by one place', () => {
    expect(move(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
  });
});

describe('newQuestionId', () => {
  it('numbers after the list length and skips ids in use', () => {
    expect(newQuestionId([{ id: 'no-state-secret', question: '' }])).toBe('q-2');
    expect(newQuestionId([{ id: 'q-2', question: '' }, { id: 'q-3', question: '' }])).toBe('q-4');
  });
});

describe('treeOf', () => {
  it('nests children under their parent in position order and keeps orphans at the top', () => {
    const tree = treeOf([node('b', null, 2), node('a', null, 1), node('a2', 'a', 2), node('a1', 'a', 1), node('x', 'gone', 0)]);
    expect(tree.map((row) => row.code)).toEqual(['x', 'a', 'b']);
    expect(tree[1]!.children!.map((row) => row.code)).toEqual(['a1', 'a2']);
    expect(tree[2]!.children).toBeUndefined();
  });
});

describe('subtreeCodes', () => {
  it('collects the node and all below it, however the list is ordered', () => {
    const nodes = [node('c', 'b', 0), node('b', 'a', 0), node('a', null, 0), node('d', null, 1)];
    expect([...subtreeCodes(nodes, 'a')].sort()).toEqual(['a', 'b', 'c']);
    expect([...subtreeCodes(nodes, 'd')]).toEqual(['d']);
  });
});

describe('usersOfAgency', () => {
  it('keeps users with a role here or with no role anywhere', () => {
    const users = [user(1, { demo: ['clerk'] }), user(2, { other: ['admin'] }), user(3, {}), user(4, { demo: [], other: ['clerk'] })];
    expect(usersOfAgency(users, 'demo').map((u) => u.id)).toEqual([1, 3, 4]);
  });
});

describe('calendarRows', () => {
  it('lists loaded years and the built-in years not replaced, newest first', () => {
    const rows = calendarRows({
      loaded: [{ year: 2026, source: '国办发明电〔2025〕7号', loadedAt: '2026-11-28T00:00:00.000Z', loadedBy: 'demo-admin' }],
      builtInYears: [2025, 2026],
    });
    expect(rows.map((row) => [row.year, row.builtIn, row.source])).toEqual([
      [2026, false, '国办发明电〔2025〕7号'],
      [2025, true, '系统内置'],
    ]);
  });
});

describe('chinaMinute', () => {
  it('shows a UTC instant in China time, eight hours ahead, across midnight', () => {
    expect(chinaMinute('2026-11-28T16:30:00.000Z')).toBe('2026-11-29 00:30');
    expect(chinaMinute(null)).toBe('—');
  });
});
