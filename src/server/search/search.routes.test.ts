// GET /api/search on a small Fastify app with the same compilers and error map as buildApp.
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { registerErrorHandlers } from '../http-errors.ts';
import { createPublicationSearch } from './publication-search.ts';
import type { SearchDocument } from './publication-search.ts';
import { searchRoutes } from './search.routes.ts';

describeEachDatabase('search API', (database) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const agencies = createAgenciesRepository(database.db);
    const city = await agencies.createAgency({ code: 'city', name: '示范市人民政府', level: 'municipal' });
    const bureau = await agencies.createAgency({ code: 'city-finance', name: '示范市财政局', level: 'municipal', parentId: city.id });
    const other = await agencies.createAgency({ code: 'other', name: '另一市人民政府', level: 'municipal' });
    const search = createPublicationSearch({ db: database.db });
    const base: Omit<SearchDocument, 'publicationId' | 'agencyId' | 'title'> = {
      bodyText: '现将低保补贴发放情况予以公开。',
      attachmentsText: '',
      indexNumber: 'x',
      documentNumber: null,
      issuer: '示范市财政局',
      categoryCode: '20-7',
      kind: 'other',
      validity: 'effective',
      publishedOn: '2025-04-01',
    };
    await search.indexPublication(database.db, { ...base, publicationId: 1, agencyId: city.id, title: '示范市低保补贴公示', indexNumber: 'a-1' });
    await search.indexPublication(database.db, { ...base, publicationId: 2, agencyId: bureau.id, title: '财政局低保补贴公示', indexNumber: 'a-2', validity: 'repealed', publishedOn: '2024-04-01' });
    await search.indexPublication(database.db, { ...base, publicationId: 3, agencyId: other.id, title: '另一市低保补贴公示', indexNumber: 'a-3', kind: 'rules' });

    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandlers(app);
    await app.register(searchRoutes, { search, db: database.db });
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (query: string) => app.inject({ method: 'GET', url: `/api/search?${query}` });
  const ids = (body: { items: { publicationId: number }[] }) => body.items.map((item) => item.publicationId).sort();

  it('finds items by a two-character word and marks it', async () => {
    const response = await get(`q=${encodeURIComponent('低保')}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(ids(body)).toEqual([1, 2, 3]);
    expect(body).toMatchObject({ total: 3, totalIsLowerBound: false, order: 'relevance', limit: 20, offset: 0 });
    expect(body.items[0].titleHtml).toContain('<mark>低保</mark>');
  });

  it('filters by agency code with the agencies under it, and by year, validity, kind, category, issuer', async () => {
    const q = `q=${encodeURIComponent('补贴')}`;
    expect(ids((await get(`${q}&agency=city`)).json())).toEqual([1, 2]);
    expect(ids((await get(`${q}&agency=city-finance`)).json())).toEqual([2]);
    expect(ids((await get(`${q}&year=2024`)).json())).toEqual([2]);
    expect(ids((await get(`${q}&validity=repealed`)).json())).toEqual([2]);
    expect(ids((await get(`${q}&kind=rules`)).json())).toEqual([3]);
    expect(ids((await get(`${q}&category=20-7&issuer=${encodeURIComponent('示范市财政局')}`)).json())).toEqual([1, 2, 3]);
    expect(ids((await get(`${q}&category=20-1`)).json())).toEqual([]);
  });

  it('pages', async () => {
    const body = (await get(`q=${encodeURIComponent('公示')}&limit=2&offset=2`)).json();
    expect(body).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(body.items).toHaveLength(1);
  });

  it('answers 400 in Chinese for an empty query, punctuation only, or a bad limit', async () => {
    const cases: [string, string][] = [
      ['q=', '检索词'],
      [`q=${encodeURIComponent('，。')}`, '检索词'],
      ['', '检索词（q）'],
      ['q=a&limit=0', '每页条数（limit）'],
      ['q=a&limit=101', '每页条数（limit）'],
      ['q=a&validity=gone', '有效性（validity）'],
    ];
    for (const [query, field] of cases) {
      const response = await get(query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error).toBe('BAD_INPUT');
      expect(response.json().message, query).toContain(field);
    }
  });

  it('answers 404 for an unknown agency code', async () => {
    const response = await get('q=a&agency=nowhere');
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toContain('nowhere');
  });
});
