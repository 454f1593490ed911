import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { createPublicationSearch, RANK_LIMIT } from './publication-search.ts';
import type { PublicationSearch, SearchDocument, SearchPage } from './publication-search.ts';
import { searchKeyOf, toSearchEntry, toTsvectorLiteral } from './search-entry.ts';
import { createPostgresSearchIndex } from './postgres-search-index.ts';
import { createSqliteSearchIndex } from './sqlite-search-index.ts';

let agencyA = 0;
let agencyB = 0;

function doc(publicationId: number, fields: Partial<SearchDocument>): SearchDocument {
  return {
    publicationId,
    agencyId: agencyA,
    title: '关于做好有关工作的通知',
    bodyText: '各有关单位：现将有关事项通知如下。',
    attachmentsText: '',
    indexNumber: `idx-${publicationId}`,
    documentNumber: null,
    issuer: '示范市人民政府办公室',
    categoryCode: '20-1',
    kind: 'other',
    validity: 'effective',
    publishedOn: '2025-03-01',
    ...fields,
  };
}

const ids = (page: SearchPage) => page.items.map((item) => item.publicationId);
const sorted = (page: SearchPage) => ids(page).sort((a, b) => a - b);

describeEachDatabase('publication search', (database) => {
  let search: PublicationSearch;
  const q = (text: string, more: Partial<Parameters<PublicationSearch['search']>[0]> = {}) => search.search({ text, limit: 20, offset: 0, ...more });

  beforeAll(async () => {
    const agencies = createAgenciesRepository(database.db);
    agencyA = (await agencies.createAgency({ code: 'city', name: '示范市人民政府', level: 'municipal' })).id;
    agencyB = (await agencies.createAgency({ code: 'county', name: '示范县人民政府', level: 'county' })).id;
    search = createPublicationSearch({ db: database.db });
    const documents = [
      doc(1, { title: '关于印发《示范市城乡居民最低生活保障资金管理办法》的通知', bodyText: '为规范低保资金管理，保障困难群众基本生活，制定本办法。', kind: 'normativeDocuments', categoryCode: '20-1', publishedOn: '2024-05-10', documentNumber: '示政办发〔2024〕3号' }),
      doc(2, { title: '示范市2025年财政补贴资金公示', bodyText: '现将财政补贴资金发放情况予以公开。电力。在位人员名单见附件。', categoryCode: '20-7', publishedOn: '2025-02-01', agencyId: agencyB, issuer: '示范县财政局' }),
      doc(3, { title: '关于<script>alert(1)</script>行政复议的公告', bodyText: '申请人对行政复议决定不服的，可以依法提起行政诉讼。', publishedOn: '2025-06-30', validity: 'repealed' }),
      doc(4, { title: '政府信息公开指南', bodyText: '本机关主动公开政府信息，依申请公开的办理流程如下。', attachmentsText: '附件：电力在位统计表，规范性文件目录。', publishedOn: '2023-12-31', kind: 'rules' }),
      doc(5, { title: '关于发放2025年度养老补贴的通知', bodyText: '符合条件的老年人可申请补贴。', publishedOn: '2025-09-09', agencyId: agencyB, issuer: '示范县民政局', validity: 'expired' }),
    ];
    await database.db.transaction().execute(async (trx) => {
      for (const document of documents) await search.indexPublication(trx, document);
    });
  });

  describe('words', () => {
    it('finds two-character words: 低保 in a body, 公开 in a body, title and attachment', async () => {
      expect(sorted(await q('低保'))).toEqual([1]);
      expect(sorted(await q('公开'))).toEqual([2, 4]);
    });

    it('finds 补贴 on its own and inside the compound 财政补贴, and 行政复议 whole', async () => {
      expect(sorted(await q('补贴'))).toEqual([2, 5]);
      expect(sorted(await q('财政补贴'))).toEqual([2]);
      expect(sorted(await q('行政复议'))).toEqual([3]);
      expect(sorted(await q('规范性'))).toEqual([4]);
    });

    it('needs every word (AND)', async () => {
      expect(sorted(await q('补贴 养老'))).toEqual([5]);
      expect(sorted(await q('补贴 低保'))).toEqual([]);
    });

    it('matches a quoted phrase only where its words are adjacent, never across punctuation', async () => {
      // Item 2 has 电力。在位 (a sentence ends between them); item 4 has 电力在位.
      expect(sorted(await q('"电力在位"'))).toEqual([4]);
      expect(sorted(await q('电力 在位'))).toEqual([2, 4]);
      expect(sorted(await q('“行政复议决定”'))).toEqual([3]);
      expect(sorted(await q('"决定行政复议"'))).toEqual([]);
    });

    it('ranks a match in the title above a match in the body', async () => {
      // 公开: item 4 has it in title, body and attachment; item 2 in the body once.
      const page = await q('公开');
      expect(page.order).toBe('relevance');
      expect(ids(page)).toEqual([4, 2]);
      expect(page).toMatchObject({ total: 2, totalIsLowerBound: false });
    });
  });

  describe('highlighting', () => {
    it('escapes a title with <script> and marks the matched word', async () => {
      const [hit] = (await q('行政复议')).items;
      expect(hit?.title).toBe('关于<script>alert(1)</script>行政复议的公告');
      expect(hit?.titleHtml).toBe('关于&lt;script&gt;alert(1)&lt;/script&gt;<mark>行政复议</mark>的公告');
      expect(hit?.snippetHtml).toBe('申请人对<mark>行政复议</mark>决定不服的，可以依法提起行政诉讼。');
    });

    it('takes the snippet from the attachments when the body does not match', async () => {
      const [hit] = (await q('统计表')).items;
      expect(hit?.publicationId).toBe(4);
      expect(hit?.snippetHtml).toContain('<mark>统计表</mark>');
    });

    it('returns the fields of the item', async () => {
      const [hit] = (await q('低保')).items;
      expect(hit).toMatchObject({ publicationId: 1, agencyId: agencyA, indexNumber: 'idx-1', documentNumber: '示政办发〔2024〕3号', issuer: '示范市人民政府办公室', publishedOn: '2024-05-10', categoryCode: '20-1', kind: 'normativeDocuments', validity: 'effective' });
    });
  });

  describe('filters and paging', () => {
    it('filters by agency, category, year, issuer, validity and kind', async () => {
      expect(sorted(await q('补贴', { agencyIds: [agencyB] }))).toEqual([2, 5]);
      expect(sorted(await q('公开', { agencyIds: [agencyA] }))).toEqual([4]);
      expect(sorted(await q('公开', { agencyIds: [agencyA, agencyB] }))).toEqual([2, 4]);
      expect(sorted(await q('公开', { agencyIds: [] }))).toEqual([]);
      expect(sorted(await q('补贴', { categoryCode: '20-7' }))).toEqual([2]);
      expect(sorted(await q('补贴', { year: 2025 }))).toEqual([2, 5]);
      expect(sorted(await q('公开', { year: 2023 }))).toEqual([4]);
      expect(sorted(await q('公开', { year: 2024 }))).toEqual([]);
      expect(sorted(await q('补贴', { issuer: '示范县民政局' }))).toEqual([5]);
      expect(sorted(await q('补贴', { validity: 'expired' }))).toEqual([5]);
      expect(sorted(await q('公开', { kind: 'rules' }))).toEqual([4]);
    });

    it('filters by agency past the number of agencies matched inside the index', async () => {
      // 60 agencies (only B holds items): PostgreSQL filters by the column, not by 60 lexemes.
      const many = [agencyB, ...Array.from({ length: 59 }, (_, i) => 100_000 + i)];
      expect(sorted(await q('补贴', { agencyIds: many }))).toEqual([2, 5]);
      expect(sorted(await q('公开', { agencyIds: many }))).toEqual([2]);
    });

    it('never matches the agency lexeme of the PostgreSQL index from search text', async () => {
      expect(sorted(await q('agency'))).toEqual([]);
      expect(sorted(await q(`agency=${agencyA}`))).toEqual([]);
      expect(toTsvectorLiteral(toSearchEntry(doc(9, { agencyId: 7 })))).toMatch(/ 'agency=7'$/);
    });

    it('pages with limit and offset, the total counting every match', async () => {
      const first = await q('通知', { limit: 1, offset: 0 });
      const second = await q('通知', { limit: 1, offset: 1 });
      const third = await q('通知', { limit: 1, offset: 2 });
      expect(first.total).toBe(2);
      expect([...ids(first), ...ids(second)].sort()).toEqual([1, 5]);
      expect(ids(third)).toEqual([]);
      expect(third.total).toBe(2);
    });

    it('refuses bad paging and empty text with Chinese messages', async () => {
      for (const limit of [0, 101, 1.5]) await expect(q('补贴', { limit })).rejects.toMatchObject({ code: 'BAD_INPUT', userMessage: expect.stringContaining('每页条数') });
      await expect(q('补贴', { offset: -1 })).rejects.toMatchObject({ code: 'BAD_INPUT' });
      await expect(q('补贴', { offset: 9_990, limit: 20 })).rejects.toMatchObject({ code: 'BAD_INPUT', userMessage: expect.stringContaining('前 10000 条') });
      await expect(q('')).rejects.toMatchObject({ code: 'BAD_INPUT', userMessage: expect.stringContaining('检索词') });
      await expect(q('，。！')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    });

    it('treats FTS5 and tsquery operators typed by the user as plain words', async () => {
      for (const text of ['AND OR NOT', 'near(低保', "低保' | !补贴", '{title}: 低保*']) {
        const page = await q(text);
        expect(Array.isArray(page.items), text).toBe(true);
      }
      expect(ids(await q('低保*'))).toEqual([1]);
    });
  });

  describe('keeping in step with the item', () => {
    it('an edit replaces the words: the old no longer match, the new do', async () => {
      await search.indexPublication(database.db, doc(6, { title: '关于开展蓝莓种植补助的通知', publishedOn: '2025-10-01' }));
      expect(ids(await q('蓝莓'))).toEqual([6]);
      await search.indexPublication(database.db, doc(6, { title: '关于开展猕猴桃种植补助的通知', publishedOn: '2025-10-02' }));
      expect(ids(await q('蓝莓'))).toEqual([]);
      expect(ids(await q('猕猴桃'))).toEqual([6]);
      expect((await q('猕猴桃')).items[0]?.publishedOn).toBe('2025-10-02');
    });

    it('counts a word per agency exactly through edits, a move to another agency and a withdrawal', async () => {
      const total = async (agencyIds?: number[]) => (await q('枸杞', agencyIds === undefined ? {} : { agencyIds })).total;
      for (const [id, agencyId] of [[20, agencyA], [21, agencyA], [22, agencyB]] as const) {
        await search.indexPublication(database.db, doc(id, { agencyId, title: '关于枸杞收购价格的公告' }));
      }
      expect([await total(), await total([agencyA]), await total([agencyB])]).toEqual([3, 2, 1]);
      await search.indexPublication(database.db, doc(21, { agencyId: agencyA, title: '关于香菇收购价格的公告' }));
      expect([await total(), await total([agencyA]), await total([agencyB])]).toEqual([2, 1, 1]);
      await search.indexPublication(database.db, doc(20, { agencyId: agencyB, title: '关于枸杞收购价格的公告' }));
      expect([await total(), await total([agencyA]), await total([agencyB])]).toEqual([2, 0, 2]);
      await search.removePublication(database.db, 22);
      expect([await total(), await total([agencyA]), await total([agencyB])]).toEqual([1, 0, 1]);
      expect(ids(await q('枸杞', { agencyIds: [agencyB] }))).toEqual([20]);
    });

    it('a withdrawn item is taken out; removing it twice is harmless', async () => {
      await search.indexPublication(database.db, doc(7, { title: '关于核桃收购价格的公告' }));
      expect(ids(await q('核桃'))).toEqual([7]);
      await search.removePublication(database.db, 7);
      await search.removePublication(database.db, 7);
      expect(ids(await q('核桃'))).toEqual([]);
    });

    it('a repeal shows in the validity filter', async () => {
      await search.indexPublication(database.db, doc(8, { title: '关于花椒产业扶持的办法', validity: 'effective' }));
      expect(ids(await q('花椒', { validity: 'effective' }))).toEqual([8]);
      await search.indexPublication(database.db, doc(8, { title: '关于花椒产业扶持的办法', validity: 'repealed' }));
      expect(ids(await q('花椒', { validity: 'effective' }))).toEqual([]);
      expect(ids(await q('花椒', { validity: 'repealed' }))).toEqual([8]);
    });

    it('an index change rolled back with its transaction leaves the index as it was', async () => {
      await expect(
        database.db.transaction().execute(async (trx) => {
          await search.indexPublication(trx, doc(9, { title: '关于板栗的通知' }));
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(ids(await q('板栗'))).toEqual([]);
    });
  });

  describe('more matches than can be ranked', () => {
    it('shows them newest first, counted exactly up to the cap', async () => {
      const engine = database.dialect === 'sqlite' ? createSqliteSearchIndex(database.db) : createPostgresSearchIndex(database.db);
      const count = RANK_LIMIT + 5;
      const entries = Array.from({ length: count }, (_, i) =>
        toSearchEntry(doc(1_000 + i, { title: `木耳收购公告第${i}号`, publishedOn: `2020-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}` })),
      );
      await database.db.transaction().execute((trx) => engine.upsert(trx, entries));
      const page = await q('木耳', { limit: 3, offset: 2 });
      expect(page).toMatchObject({ order: 'newest', total: count, totalIsLowerBound: false, limit: 3, offset: 2 });
      // Newest 发布日期 first, ties by id descending: the days 2020-12-28 come from i ≡ 11 (mod 12) and ≡ 27 (mod 28).
      const expected = entries
        .map((entry) => ({ id: entry.document.publicationId, key: searchKeyOf(entry.document.publishedOn, entry.document.publicationId) }))
        .sort((a, b) => b.key - a.key)
        .slice(2, 5)
        .map((entry) => entry.id);
      expect(ids(page)).toEqual(expected);
      expect(page.items.every((item, i, items) => i === 0 || items[i - 1]!.publishedOn >= item.publishedOn)).toBe(true);
    });
  });
});

describe('search keys', () => {
  it('order by 发布日期, then by id', () => {
    expect(searchKeyOf('2025-01-02', 1)).toBeGreaterThan(searchKeyOf('2025-01-01', 999_999));
    expect(searchKeyOf('2025-01-01', 2)).toBeGreaterThan(searchKeyOf('2025-01-01', 1));
    // 2025-01-01 is day 20,089 since 1970-01-01 (55 years, 14 of them leap years: 55 × 365 + 14).
    expect(searchKeyOf('2025-01-01', 7)).toBe(20_089 * 2 ** 32 + 7);
  });
});
