// The yearly figures of table 二 over HTTP, on the real app and both engines.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginAs } from '../../../test/login-as.ts';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { buildApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import { createRecordsRepository } from '../records/records.repository.ts';

// Signed in per database in beforeAll (test/login-as.ts).
let CLERK: Record<string, string> = {};
const FIGURES_2025 = { licensing: 120, penalty: 7, enforcement: 0, administrativeFees: '12.5000' };

describeEachDatabase('yearly figures API', (database) => {
  let app: FastifyInstance;
  let agencyId: number;

  beforeAll(async () => {
    const agencies = createAgenciesRepository(database.db);
    agencyId = (await agencies.createAgency({ code: 'city', name: '示范市示范局', level: 'municipal' })).id;
    CLERK = await loginAs(database.db, 'u-clerk', { city: ['clerk'] });
    app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: database.db });
  });
  afterAll(async () => {
    await app.close();
  });

  const put = (year: number | string, payload: unknown, headers: Record<string, string> = CLERK, agency = 'city') =>
    app.inject({ method: 'PUT', url: `/api/agencies/${agency}/yearly-figures/${year}`, payload: payload as object, headers });
  const list = async () => (await app.inject({ method: 'GET', url: '/api/agencies/city/yearly-figures', headers: CLERK })).json<{ agencyCode: string; figures: unknown[] }>();

  it('starts empty, saves a year, and replaces it on a second PUT', async () => {
    expect(await list()).toEqual({ agencyCode: 'city', figures: [] });
    const saved = await put(2025, FIGURES_2025);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ year: 2025, ...FIGURES_2025 });
    expect((await put(2024, { licensing: 3, penalty: 2, enforcement: 1, administrativeFees: '0' })).statusCode).toBe(200);
    expect((await put(2025, { ...FIGURES_2025, penalty: 8 })).statusCode).toBe(200);
    expect((await list()).figures).toEqual([
      { year: 2024, licensing: 3, penalty: 2, enforcement: 1, administrativeFees: '0' },
      { year: 2025, ...FIGURES_2025, penalty: 8 },
    ]);
  });

  it('records who changed what in the settings history', async () => {
    const rows = await database.db.selectFrom('disclosure_settings_history').select(['actor', 'kind', 'detail']).where('agency_id', '=', agencyId).orderBy('id').execute();
    expect(rows.map((r) => [r.actor, r.kind])).toEqual([
      ['u-clerk', 'yearly_figures'],
      ['u-clerk', 'yearly_figures'],
      ['u-clerk', 'yearly_figures'],
    ]);
    const last = JSON.parse(rows[2]?.detail ?? '{}') as { year: number; before: { penalty: number }; after: { penalty: number }; via: string };
    expect([last.year, last.before.penalty, last.after.penalty, last.via]).toEqual([2025, 7, 8, 'api']);
  });

  it.each([
    ['a negative count', { ...FIGURES_2025, licensing: -1 }, '行政许可决定数不能小于 0'],
    ['a fractional count', { ...FIGURES_2025, penalty: 1.5 }, '行政处罚决定数缺少或类型不正确（决定数为整数，金额为文本，如 "12.5000"）'],
    ['a missing count', { licensing: 1, penalty: 1, administrativeFees: '1' }, '行政强制决定数缺少或类型不正确（决定数为整数，金额为文本，如 "12.5000"）'],
    ['five decimals', { ...FIGURES_2025, administrativeFees: '1.23456' }, '行政事业性收费金额（万元）格式不正确（金额单位万元，不小于 0，最多 4 位小数）'],
    ['a negative amount', { ...FIGURES_2025, administrativeFees: '-3' }, '行政事业性收费金额（万元）格式不正确（金额单位万元，不小于 0，最多 4 位小数）'],
    ['an amount as a number', { ...FIGURES_2025, administrativeFees: 12.5 }, '行政事业性收费金额（万元）缺少或类型不正确（决定数为整数，金额为文本，如 "12.5000"）'],
  ])('answers 400 naming the field for %s', async (_name, body, message) => {
    const response = await put(2025, body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'BAD_INPUT', message });
  });

  it('answers 400 for a year outside 2008–2100', async () => {
    const response = await put(2007, FIGURES_2025);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'BAD_INPUT', message: '年度应为 2008 至 2100 之间的年份' });
  });

  it('needs figures.edit in the agency (信息员、科长, the permission table); a session to read', async () => {
    const message = '您没有权限填报年度报告统计数：只有信息员、科长可以办理。';
    for (const [login, role] of [['u-l', 'leader'], ['u-admin', 'admin'], ['u-auditor', 'auditor']] as const) {
      const forbidden = await put(2025, FIGURES_2025, await loginAs(database.db, login, { city: [role] }));
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json().message).toBe(message);
    }
    // The auditor reads what it may not change.
    const auditorRead = await app.inject({ url: '/api/agencies/city/yearly-figures', headers: await loginAs(database.db, 'u-auditor', { city: ['auditor'] }) });
    expect(auditorRead.statusCode).toBe(200);
    expect((await put(2025, FIGURES_2025, await loginAs(database.db, 'u-x', { city: ['sectionChief'] }))).statusCode).toBe(200);
    expect((await put(2025, FIGURES_2025, CLERK, 'nowhere')).statusCode).toBe(404);
    const noUser = await put(2025, FIGURES_2025, {});
    expect(noUser.statusCode).toBe(401);
    expect(noUser.json()).toEqual({ error: 'FORBIDDEN', message: '请先登录。' });
    expect((await app.inject({ url: '/api/agencies/city/yearly-figures' })).statusCode).toBe(401);
  });

  it('is what the records repository gives the annual report', async () => {
    const { yearlyFigures } = await createRecordsRepository(database.db).findRecordsWithoutCases(agencyId);
    expect(yearlyFigures.map((f) => [f.year, f.licensing, f.administrativeFees])).toEqual([
      [2024, 3, '0'],
      [2025, 120, '12.5000'],
    ]);
  });

  it('is replaced wholesale by `import records` (replaceRecords): years missing from its file are gone', async () => {
    const records = createRecordsRepository(database.db);
    await records.replaceRecords(agencyId, { agencyName: '示范市示范局', applications: [], reviewCases: [], documents: [], yearlyFigures: [{ year: 2023, licensing: 1, penalty: 1, enforcement: 1, administrativeFees: '1' }] });
    expect((await list()).figures).toEqual([{ year: 2023, licensing: 1, penalty: 1, enforcement: 1, administrativeFees: '1' }]);
  });
});
