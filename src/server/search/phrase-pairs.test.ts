// Pair lexemes (search-entry.ts pairLexeme): the PostgreSQL index answers a quoted phrase by them.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../../../test/test-database.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { createMigrator, migrateToLatest } from '../db/migrate-to-latest.ts';
import { toTsquery } from './postgres-search-index.ts';
import type { SearchDocument } from './publication-search.ts';
import type { SearchEntry } from './search-entry.ts';
import { toSearchEntry, toTsvectorLiteral } from './search-entry.ts';
import { BOUNDARY_TOKEN } from './segment-text.ts';

const document = { agencyId: 3 } as SearchDocument;
const entry = (titleWords: string[], contentWords: string[], parts: string[] = []): SearchEntry => ({ document, searchKey: 1, titleWords, contentWords, parts, facets: [] });
const pairsOf = (literal: string) => [...literal.matchAll(/'([^']*\+[^']*)'/g)].map((m) => m[1]).sort();

describe('pair lexemes', () => {
  it('pairs neighbouring words of the title and of the content, never across the seam, a boundary or into compound parts', () => {
    const literal = toTsvectorLiteral(entry(['关于', '低保', '通知'], ['低保', '资金', BOUNDARY_TOKEN, '发放', '名单'], ['最低', '生活']));
    // 通知 ends the title and 低保 starts the body: no pair between them; 资金 | 发放 are split by punctuation.
    expect(pairsOf(literal)).toEqual(['关于+低保', '低保+通知', '低保+资金', '发放+名单'].sort());
    expect(literal).toMatch(/ 'agency=3'$/);
  });

  it('asks for a phrase of two words by its pair alone, and for a longer one by every pair and the positions', () => {
    expect(toTsquery([{ kind: 'phrase', tokens: ['政府信息', '公开'] }])).toBe("'政府信息+公开'");
    expect(toTsquery([{ kind: 'phrase', tokens: ['优化', '营商', '环境'] }, { kind: 'word', token: '通知' }])).toBe(
      "('优化+营商' & '营商+环境' & ('优化':AB <-> '营商':AB <-> '环境':AB)) & '通知'",
    );
  });
});

describe.runIf(testDialects().includes('postgres'))('migration 12-20: pairs for items indexed before [postgres]', () => {
  it('adds to each stored tsvector exactly the pairs the application writes today', async () => {
    const database = await openTestDatabase('postgres', { migrate: false });
    try {
      const { error } = await (await createMigrator(database.db)).migrateTo('2026-11-28T12-10_widen-keys-for-distribution');
      expect(error).toBeUndefined();
      const agencyId = (await createAgenciesRepository(database.db).createAgency({ code: 'city', name: '示范市人民政府', level: 'municipal' })).id;
      const documents: SearchDocument[] = [
        { publicationId: 1, agencyId, title: '关于印发《示范市城乡居民最低生活保障资金管理办法》的通知', bodyText: '为规范低保资金管理，保障困难群众基本生活，制定本办法。', attachmentsText: '附件：低保资金发放名单。', indexNumber: 'a-1', documentNumber: null, issuer: '示范市民政局', categoryCode: '20-1', kind: 'normativeDocuments', validity: 'effective', publishedOn: '2025-03-01' },
        { publicationId: 2, agencyId, title: '政府信息公开指南', bodyText: '本机关主动公开政府信息。依申请公开的办理流程如下。', attachmentsText: '', indexNumber: 'a-2', documentNumber: null, issuer: '示范市人民政府办公室', categoryCode: '20-2', kind: 'other', validity: 'effective', publishedOn: '2025-04-01' },
      ];
      const today = documents.map((d) => toTsvectorLiteral(toSearchEntry(d)));
      // As the index stored them before pairs: the same literal without its pair lexemes.
      for (const [i, d] of documents.entries()) {
        const before = (today[i] ?? '').split(' ').filter((lexeme) => !/^'[^']*\+[^']*'$/.test(lexeme)).join(' ');
        await sql`insert into publication_search (publication_id, search_key, agency_id, title, body_text, attachments_text, index_number, document_number, issuer, category_code, kind, validity, published_on, words)
          values (${d.publicationId}, ${d.publicationId}, ${agencyId}, ${d.title}, ${d.bodyText}, ${d.attachmentsText}, ${d.indexNumber}, null, ${d.issuer}, ${d.categoryCode}, ${d.kind}, ${d.validity}, ${d.publishedOn}, ${before}::tsvector)`.execute(database.db);
      }
      await migrateToLatest(database.db);
      const { rows } = await sql<{ publication_id: number; words: string }>`select publication_id, words::text as words from publication_search order by publication_id`.execute(database.db);
      for (const [i, row] of rows.entries()) {
        const expected = pairsOf(today[i] ?? '');
        expect(expected.length).toBeGreaterThan(5);
        expect(pairsOf(row.words)).toEqual(expected);
      }
    } finally {
      await database.close();
    }
  });
});
