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
});
