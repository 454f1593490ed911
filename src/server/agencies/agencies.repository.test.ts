import { expect, it } from 'vitest';
import { DomainError } from '../../domain/domain-error.ts';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { createAgenciesRepository } from './agencies.repository.ts';

describeEachDatabase('agencies repository', (database) => {
  it('creates agencies, finds them by code and lists them in creation order', async () => {
    const agencies = createAgenciesRepository(database.db);
    const city = await agencies.createAgency({ code: 'city', name: '示范市人民政府', level: 'municipal' });
    const bureau = await agencies.createAgency({ code: 'city-bureau', name: '示范市示范局', level: 'municipal', parentId: city.id });

    expect(city).toEqual({ id: city.id, code: 'city', name: '示范市人民政府', level: 'municipal', parentId: null });
    expect(await agencies.isExternal(city.id)).toBe(false);
    expect(bureau.parentId).toBe(city.id);
    expect(bureau.id).not.toBe(city.id);
    expect(await agencies.findAgencyByCode('city-bureau')).toEqual(bureau);
    expect(await agencies.getAgencyByCode('city')).toEqual(city);
    expect((await agencies.listAgencies()).map((a) => a.code)).toEqual(['city', 'city-bureau']);
  });

  it('finds nothing for an unknown code, and get throws NOT_FOUND', async () => {
    const agencies = createAgenciesRepository(database.db);
    expect(await agencies.findAgencyByCode('nowhere')).toBeUndefined();
    const error = await agencies.getAgencyByCode('nowhere').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('NOT_FOUND');
    expect((error as DomainError).userMessage).toContain('nowhere');
  });

  it('refuses a second agency with the same code (CONFLICT)', async () => {
    const agencies = createAgenciesRepository(database.db);
    await agencies.createAgency({ code: 'twice', name: '甲局', level: 'county' });
    const error = await agencies.createAgency({ code: 'twice', name: '乙局', level: 'county' }).catch((e: unknown) => e);
    expect((error as DomainError).code).toBe('CONFLICT');
    expect((await agencies.getAgencyByCode('twice')).name).toBe('甲局');
  });

  it("walks a subtree down and an agency's ancestors up, and moves a branch with one update", async () => {
    const agencies = createAgenciesRepository(database.db);
    const root = await agencies.createAgency({ code: 't-city', name: '市', level: 'municipal' });
    const b = await agencies.createAgency({ code: 't-b', name: '乙区', level: 'county', parentId: root.id });
    const a = await agencies.createAgency({ code: 't-a', name: '甲区', level: 'county', parentId: root.id });
    const a1 = await agencies.createAgency({ code: 't-a1', name: '甲一镇', level: 'township', parentId: a.id, external: true });
    const tree = await agencies.listSubtree(root.id);
    expect(tree.map((n) => [n.code, n.depth, n.external])).toEqual([
      ['t-city', 0, false],
      ['t-a', 1, false],
      ['t-a1', 2, true],
      ['t-b', 1, false],
    ]);
    expect((await agencies.listSubtree(a.id)).map((n) => [n.code, n.depth])).toEqual([
      ['t-a', 0],
      ['t-a1', 1],
    ]);
    expect((await agencies.listAncestors(a1.id)).map((n) => n.code)).toEqual(['t-a', 't-city']);
    expect(await agencies.listAncestors(root.id)).toEqual([]);
    expect(await agencies.isInSubtree(root.id, a1.id)).toBe(true);
    expect(await agencies.isInSubtree(b.id, a1.id)).toBe(false);
    await agencies.setParent(a1.id, b.id);
    expect((await agencies.listAncestors(a1.id)).map((n) => n.code)).toEqual(['t-b', 't-city']);
    expect((await agencies.listSubtree(b.id)).map((n) => n.code)).toEqual(['t-b', 't-a1']);
    expect(await agencies.isExternal(a1.id)).toBe(true);
  });
});
