// After 定稿 a year's figures (table 二 第二十条第（五）（六）（八）项) are locked (issue 5): a PUT
// is refused; an import may repeat the locked year's figures unchanged but not change them.
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { ROLE_CODES } from '../../domain/account/roles.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { createYearlyFiguresService } from './yearly-figures.service.ts';

const F2024 = { year: 2024, licensing: 120, penalty: 30, enforcement: 4, administrativeFees: '0.0000' };
const F2025 = { year: 2025, licensing: 130, penalty: 31, enforcement: 5, administrativeFees: '1.2500' };

describeEachDatabase('report lock on yearly figures', (database) => {
  let agencyId = 0;
  const service = () => createYearlyFiguresService({ db: database.db });
  const audit = async (): Promise<number> => {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from audit_entries where agency_id = ${agencyId}`.execute(database.db);
    return Number(rows[0]?.n ?? 0);
  };

  beforeAll(async () => {
    agencyId = (await createAgenciesRepository(database.db).createAgency({ code: 'yf', name: '示范市示范局', level: 'municipal' })).id;
    await service().importYearlyFigures('yf', [F2024, F2025], 'u-clerk', { dryRun: false, actorRoles: ROLE_CODES });
    await database.db.insertInto('annual_reports').values({ agency_id: agencyId, year: 2024, state: 'finalized', version: 1, final_json: null, published_json: null, published_at: null }).execute();
  });

  it('refuses a PUT of 2024 (定稿) with CONFLICT and writes nothing', async () => {
    const before = await audit();
    const { licensing: _l, year: _y, ...rest } = F2024;
    await expect(service().putYearlyFigures('yf', 2024, { ...rest, licensing: 121 }, 'u-clerk', ROLE_CODES)).rejects.toMatchObject({
      code: 'CONFLICT',
      userMessage: '2024年度报告已定稿，该年度的数据已锁定。如确需修改，请由分管领导在“年度报告”中解除锁定（须填写理由）。',
    });
    expect(await audit()).toBe(before);
    expect((await service().listYearlyFigures('yf')).figures[0]).toEqual(F2024);
  });

  it('accepts a PUT of 2025 (草稿, no row)', async () => {
    const { year: _y, ...rest } = F2025;
    expect(await service().putYearlyFigures('yf', 2025, { ...rest, penalty: 32 }, 'u-clerk', ROLE_CODES)).toEqual({ ...F2025, penalty: 32 });
  });

  it('accepts an import repeating 2024 unchanged (fees written "0") while changing 2025', async () => {
    const { changes } = await service().importYearlyFigures('yf', [{ ...F2024, administrativeFees: '0' }, { ...F2025, penalty: 33 }], 'u-clerk', { dryRun: false, actorRoles: ROLE_CODES });
    expect(changes.map((c) => c.year)).toEqual([2024, 2025]);
  });

  it('refuses an import, and its dry run, changing 2024; nothing written', async () => {
    const before = await audit();
    const changed = [{ ...F2024, penalty: 29 }, { ...F2025, penalty: 34 }];
    await expect(service().importYearlyFigures('yf', changed, 'u-clerk', { dryRun: true, actorRoles: ROLE_CODES })).rejects.toMatchObject({ code: 'CONFLICT', details: { year: 2024 } });
    await expect(service().importYearlyFigures('yf', changed, 'u-clerk', { dryRun: false, actorRoles: ROLE_CODES })).rejects.toMatchObject({ code: 'CONFLICT', details: { year: 2024 } });
    expect(await audit()).toBe(before);
    expect((await service().listYearlyFigures('yf')).figures.map((f) => f.penalty)).toEqual([30, 33]);
  });
});
