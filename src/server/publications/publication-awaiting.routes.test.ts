// 待我审核 (awaitingMe=true on the list): items in review whose current step is the user's role and
// which the user did not write, on SQLite and (with TEST_DATABASE_URL) PostgreSQL.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginAs } from '../../../test/login-as.ts';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { DEFAULT_CONFIDENTIALITY_CHECKLIST } from '../../domain/publication/confidentiality-checklist.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { buildApp } from '../app.ts';
import { parseConfig } from '../config.ts';

type Headers = Record<string, string>;
const CONFIRMED = DEFAULT_CONFIDENTIALITY_CHECKLIST.map((q) => ({ questionId: q.id, confirmed: true, note: '' }));

function fields(title: string) {
  return {
    title,
    bodyHtml: '<p>现将有关事项通知如下。</p>',
    issuer: '示范市待审局',
    writtenOn: '2025-09-15',
    kind: 'other',
    categoryCode: 'a20-01',
    channels: ['website'],
  };
}

describeEachDatabase('publications awaiting my review', (database) => {
  let app: FastifyInstance;
  let AUTHOR: Headers = {};
  let CLERK2: Headers = {};
  let CHIEF: Headers = {};
  let LEADER: Headers = {};

  beforeAll(async () => {
    const agency = await createAgenciesRepository(database.db).createAgency({ code: 'aw', name: '示范市待审局', level: 'municipal' });
    // The 索引号 rule starts with the 统一社会信用代码.
    await database.db.insertInto('disclosure_settings').values({ agency_id: agency.id, credit_code: '11350100MB0000009A', updated_by: 'test' }).execute();
    AUTHOR = await loginAs(database.db, 'aw-author', { aw: ['clerk'] });
    CLERK2 = await loginAs(database.db, 'aw-clerk2', { aw: ['clerk'] });
    CHIEF = await loginAs(database.db, 'aw-chief', { aw: ['sectionChief'] });
    LEADER = await loginAs(database.db, 'aw-leader', { aw: ['leader'] });
    app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: database.db, today: () => '2025-09-22' });
  });
  afterAll(async () => {
    await app.close();
  });

  const post = async (url: string, payload: unknown, headers: Headers) => {
    const res = await app.inject({ method: 'POST', url, payload: payload as object, headers });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json<{ id: number; version: number; state: string }>();
  };
  const submitted = async (title: string, author: Headers) => {
    const created = await post('/api/agencies/aw/publications', fields(title), author);
    return post(`/api/publications/${created.id}/submit`, { expectedVersion: created.version, checklist: CONFIRMED, acceptances: [] }, author);
  };
  const approve = (item: { id: number; version: number }, step: number, headers: Headers) =>
    post(`/api/publications/${item.id}/approve`, { expectedVersion: item.version, step, opinion: '同意', checklist: CONFIRMED, acceptances: [] }, headers);
  const waiting = async (headers: Headers, query = '') => {
    const res = await app.inject({ url: `/api/agencies/aw/publications?awaitingMe=true${query}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ publications: { title: string }[]; total: number }>();
    return { titles: body.publications.map((p) => p.title), total: body.total };
  };

  it('lists for each reviewer only the items at their step, never their own', async () => {
    // A draft (not in review) is nobody's to review.
    await post('/api/agencies/aw/publications', fields('草稿不待审'), AUTHOR);
    let first = await submitted('甲稿', AUTHOR);
    await submitted('乙稿', CLERK2);

    // Step 0 is 信息员: each clerk sees the other's item, not their own.
    expect(await waiting(AUTHOR)).toEqual({ titles: ['乙稿'], total: 1 });
    expect(await waiting(CLERK2)).toEqual({ titles: ['甲稿'], total: 1 });
    expect(await waiting(CHIEF)).toEqual({ titles: [], total: 0 });

    first = await approve(first, 0, CLERK2);
    expect(await waiting(CLERK2)).toEqual({ titles: [], total: 0 });
    expect(await waiting(CHIEF)).toEqual({ titles: ['甲稿'], total: 1 });
    expect(await waiting(LEADER)).toEqual({ titles: [], total: 0 });

    first = await approve(first, 1, CHIEF);
    expect(await waiting(CHIEF)).toEqual({ titles: [], total: 0 });
    expect(await waiting(LEADER)).toEqual({ titles: ['甲稿'], total: 1 });

    first = await approve(first, 2, LEADER);
    expect(first.state).toBe('published');
    expect(await waiting(LEADER)).toEqual({ titles: [], total: 0 });
    // The other filters still apply, and paging counts only the waiting items.
    expect(await waiting(AUTHOR, '&q=甲')).toEqual({ titles: [], total: 0 });
    expect(await waiting(AUTHOR, '&limit=1&offset=1')).toEqual({ titles: [], total: 1 });
  });

  it('refuses a value other than true or false', async () => {
    const res = await app.inject({ url: '/api/agencies/aw/publications?awaitingMe=yes', headers: CHIEF });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toContain('待我审核');
  });
});
