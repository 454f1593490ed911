// The agency tree over HTTP on both engines: create under a parent, rename, move, subtree order;
// reserved codes refused in Chinese; only an administrator of the tree's root agency may.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginAs } from '../../../test/login-as.ts';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { buildApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import { createAgenciesRepository } from './agencies.repository.ts';
import type { AgencyTreeEntry } from './agencies.service.ts';

describeEachDatabase('agency tree API', (database) => {
  let app: FastifyInstance;
  let rootAdmin: Record<string, string> = {};
  let districtAdmin: Record<string, string> = {};

  beforeAll(async () => {
    await createAgenciesRepository(database.db).createAgency({ code: 'city', name: '示范市人民政府', level: 'municipal' });
    rootAdmin = await loginAs(database.db, 't-root-admin', { city: ['admin'] });
    app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: database.db });
  });
  afterAll(async () => {
    await app.close();
  });

  const create = (headers: Record<string, string>, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/agencies', headers, payload });

  it('builds 市政府 → 部门 and 区 → 街道, lists it in tree order, renames and moves', async () => {
    for (const payload of [
      { code: 'dist-b', name: '乙区人民政府', level: 'county', parentCode: 'city' },
      { code: 'dist-a', name: '甲区人民政府', level: 'county', parentCode: 'city' },
      { code: 'bureau', name: '示范市教育局', level: 'municipal', parentCode: 'city' },
      { code: 'street-1', name: '东街道办事处', level: 'township', parentCode: 'dist-a' },
    ]) {
      const res = await create(rootAdmin, payload);
      expect(res.statusCode, res.body).toBe(201);
    }
    const list = async () => (await app.inject({ url: '/api/agencies', headers: rootAdmin })).json<{ agencies: AgencyTreeEntry[] }>().agencies.map((a) => `${'  '.repeat(a.depth)}${a.code}<${a.parentCode ?? ''}`);
    expect(await list()).toEqual(['city<', '  bureau<city', '  dist-a<city', '    street-1<dist-a', '  dist-b<city']);
    const moved = await app.inject({ method: 'PATCH', url: '/api/agencies/street-1', headers: rootAdmin, payload: { parentCode: 'dist-b', name: '东湖街道办事处' } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<AgencyTreeEntry>()).toMatchObject({ code: 'street-1', name: '东湖街道办事处', parentCode: 'dist-b', depth: 2, rootCode: 'city' });
    expect(await list()).toEqual(['city<', '  bureau<city', '  dist-a<city', '  dist-b<city', '    street-1<dist-b']);
  });

  it('refuses reserved path segments, a move under its own subtree, and a 区 under a 街道, in Chinese', async () => {
    for (const code of ['api', 'console', 'reports', 'tools', 'assets', 'healthz', 'docs']) {
      const res = await create(rootAdmin, { code, name: '某局', level: 'municipal', parentCode: 'city' });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ message: string }>().message).toBe(`机关代码不能为“${code}”：它是门户网站的保留路径，请换一个代码。`);
    }
    expect((await create(rootAdmin, { code: 'sitemap.xml', name: '某局', level: 'municipal', parentCode: 'city' })).statusCode).toBe(400);
    const cycle = await app.inject({ method: 'PATCH', url: '/api/agencies/dist-b', headers: rootAdmin, payload: { parentCode: 'street-1' } });
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json<{ message: string }>().message).toBe('不能把“乙区人民政府”移到它自己或它的下级机关“东湖街道办事处”之下。');
    const upside = await create(rootAdmin, { code: 'dist-c', name: '丙区人民政府', level: 'county', parentCode: 'street-1' });
    expect(upside.json<{ message: string }>().message).toBe('县级机关不能设在乡级（乡镇、街道）的“东湖街道办事处”之下。');
  });

  it('lets only an administrator of the root agency change the tree', async () => {
    districtAdmin = await loginAs(database.db, 't-dist-admin', { 'dist-a': ['admin'] });
    const res = await create(districtAdmin, { code: 'street-2', name: '西街道办事处', level: 'township', parentCode: 'dist-a' });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ message: string }>().message).toBe('只有最上级机关“示范市人民政府”的系统管理员可以新建、改名或调整机关。');
    expect((await app.inject({ method: 'PATCH', url: '/api/agencies/dist-a', headers: districtAdmin, payload: { name: '新名' } })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/agencies', headers: districtAdmin })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/agencies' })).statusCode).toBe(401);
  });
});
