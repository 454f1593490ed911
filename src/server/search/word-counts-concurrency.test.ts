// Publishing at the same moment in one agency (PostgreSQL): each change moves the per-agency word
// totals (publication_search_word_counts) of the words it removes and adds. The rows must be taken
// in one order by every transaction, or two of them wait on each other and one is killed as a
// deadlock — a publish that fails for no reason the clerk can see.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../../../test/test-database.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import type { SearchDocument } from './publication-search.ts';
import { createPublicationSearch } from './publication-search.ts';

const WORDS = ['枸杞', '香菇', '木耳', '茶叶', '蜂蜜', '板栗', '柑橘', '竹笋'];

function titleOf(start: number, length: number): string {
  return `关于${Array.from({ length }, (_, i) => WORDS[(start + i) % WORDS.length]).join('、')}收购价格的公告`;
}

describe.runIf(testDialects().includes('postgres'))('word totals under concurrent publishing [postgres]', () => {
  it('lets 16 items of one agency change their words at once, every change committed and every total exact', async () => {
    const database = await openTestDatabase('postgres');
    try {
      const agencyId = (await createAgenciesRepository(database.db).createAgency({ code: 'city', name: '示范市人民政府', level: 'municipal' })).id;
      const search = createPublicationSearch({ db: database.db });
      const doc = (publicationId: number, title: string): SearchDocument => ({
        publicationId, agencyId, title, bodyText: '现予公告。', attachmentsText: '', indexNumber: `idx-${publicationId}`, documentNumber: null,
        issuer: '示范市农业农村局', categoryCode: '20-1', kind: 'other', validity: 'effective', publishedOn: '2026-11-02',
      });
      const items = Array.from({ length: 16 }, (_, i) => i + 1);
      for (const id of items) await search.indexPublication(database.db, doc(id, titleOf(id, 5)));
      // Each round every item takes five words starting elsewhere, so the words one change removes
      // are the words another adds, in other orders.
      for (const round of [3, 5, 7]) {
        const results = await Promise.allSettled(items.map((id) => database.db.transaction().execute(async (trx) => {
          await search.indexPublication(trx, doc(id, titleOf(id * round, 5)));
          // Hold the rows a moment, as a publish does while it writes the rest of the item.
          await sql`select pg_sleep(0.01)`.execute(trx);
        })));
        const failures = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
        expect(failures).toEqual([]);
      }
      // Hand count: item id ends with the five words from (id * 7) mod 8 onward.
      const expected = new Map<string, number>();
      for (const id of items) for (let i = 0; i < 5; i += 1) {
        const word = WORDS[(id * 7 + i) % WORDS.length] ?? '';
        expected.set(word, (expected.get(word) ?? 0) + 1);
      }
      for (const word of WORDS) {
        const page = await search.search({ text: word, limit: 20, offset: 0, agencyIds: [agencyId] });
        expect(page.total, word).toBe(expected.get(word) ?? 0);
      }
      const { rows } = await sql<{ word: string; items: number }>`select word, items from publication_search_word_counts where word = any(${WORDS}::text[]) order by word`.execute(database.db);
      expect(new Map(rows.map((r) => [r.word, r.items]))).toEqual(new Map([...expected].sort()));
    } finally {
      await database.close();
    }
  });
});
