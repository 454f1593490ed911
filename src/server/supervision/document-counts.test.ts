// Table 二's documents as the triggers of migration 2026-11-28T12-30 count them, read by the roll-up
// (findSubtreeDocumentCounts): every kind of write to publications and report_documents, on both engines.
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { findSubtreeDocumentCounts } from './supervision.repository.ts';

describeEachDatabase('document counts kept by triggers', (database) => {
  let city = 0;
  let district = 0;

  beforeAll(async () => {
    const agencies = createAgenciesRepository(database.db);
    city = (await agencies.createAgency({ code: 'city', name: '示范市人民政府', level: 'municipal' })).id;
    district = (await agencies.createAgency({ code: 'dist', name: '甲区人民政府', level: 'county', parentId: city })).id;
  });

  let next = 0;
  async function publish(agencyId: number, kind: string, state: string, writtenOn: string, validity = 'effective', endedOn: string | null = null): Promise<number> {
    next += 1;
    const row = await database.db
      .insertInto('publications')
      .values({
        agency_id: agencyId, written_on: writtenOn, version: 1, body_text: '正文', summary: '', issuer: '示范市人民政府办公室', author: 'clerk', kind,
        category_code: '20-1', channels: '["portal"]', validity, validity_ended_on: endedOn, state, title: `文件${next}`, body_html: '<p>正文</p>',
        index_number: state === 'draft' ? null : `T/${next}`, published_on: state === 'draft' ? null : writtenOn,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }
  const counts = async (agencyId: number, year: number) => {
    const found = (await findSubtreeDocumentCounts(database.db, city, year)).get(agencyId);
    return { rules: found?.rules?.current ?? null, normative: found?.normativeDocuments?.current ?? null, normativeBefore: found?.normativeDocuments?.previous ?? null };
  };

  it('counts inserts, validity changes, withdrawal, a move of kind, deletion and imported records, year by year', async () => {
    const a = await publish(city, 'normativeDocuments', 'published', '2024-03-01');
    await publish(city, 'normativeDocuments', 'published', '2025-02-01');
    await publish(city, 'normativeDocuments', 'draft', '2025-02-02'); // a draft counts nowhere
    await publish(city, 'other', 'published', '2025-02-03'); // not table 二
    const r = await publish(city, 'rules', 'withdrawn', '2025-05-05'); // withdrawn after publishing still counts
    // 2025: normative issued 1 (Feb), in force 2 (2024's and Feb's); rules issued 1, in force 1.
    expect(await counts(city, 2025)).toEqual({ rules: { issued: 1, repealed: 0, inForce: 1 }, normative: { issued: 1, repealed: 0, inForce: 2 }, normativeBefore: { issued: 1, repealed: 0, inForce: 1 } });
    // 2024's document repealed in 2025, the rule expired in 2025 (ends 现行有效, not counted as 废止).
    await database.db.updateTable('publications').set({ validity: 'repealed', validity_ended_on: '2025-10-01' }).where('id', '=', a).execute();
    await database.db.updateTable('publications').set({ validity: 'expired', validity_ended_on: '2025-12-31' }).where('id', '=', r).execute();
    expect(await counts(city, 2025)).toEqual({ rules: { issued: 1, repealed: 0, inForce: 0 }, normative: { issued: 1, repealed: 1, inForce: 1 }, normativeBefore: { issued: 1, repealed: 0, inForce: 1 } });
    // A rule becomes a normative document; the Feb one is deleted.
    await database.db.updateTable('publications').set({ kind: 'normativeDocuments' }).where('id', '=', r).execute();
    await sql`delete from publications where agency_id = ${city} and written_on = '2025-02-01'`.execute(database.db);
    expect(await counts(city, 2025)).toEqual({ rules: { issued: 0, repealed: 0, inForce: 0 }, normative: { issued: 1, repealed: 1, inForce: 0 }, normativeBefore: { issued: 1, repealed: 0, inForce: 1 } });
    // Imported records of the district: two issued in 2025, one of them repealed in 2026; one from 2023.
    await database.db.insertInto('report_documents').values([
      { agency_id: district, external_id: 'd1', kind: 'normativeDocuments', issued_on: '2025-01-10', repealed_on: null },
      { agency_id: district, external_id: 'd2', kind: 'normativeDocuments', issued_on: '2025-06-10', repealed_on: '2026-03-01' },
      { agency_id: district, external_id: 'd3', kind: 'rules', issued_on: '2023-06-10', repealed_on: null },
    ] as never).execute();
    expect(await counts(district, 2025)).toEqual({ rules: { issued: 0, repealed: 0, inForce: 1 }, normative: { issued: 2, repealed: 0, inForce: 2 }, normativeBefore: { issued: 0, repealed: 0, inForce: 0 } });
    expect(await counts(district, 2026)).toEqual({ rules: { issued: 0, repealed: 0, inForce: 1 }, normative: { issued: 0, repealed: 1, inForce: 1 }, normativeBefore: { issued: 2, repealed: 0, inForce: 2 } });
    await database.db.updateTable('report_documents').set({ repealed_on: null }).where('external_id', '=', 'd2').execute();
    await database.db.deleteFrom('report_documents').where('external_id', '=', 'd3').execute();
    expect(await counts(district, 2026)).toEqual({ rules: { issued: 0, repealed: 0, inForce: 0 }, normative: { issued: 0, repealed: 0, inForce: 2 }, normativeBefore: { issued: 2, repealed: 0, inForce: 2 } });
  });

  it('agrees with a count of the documents themselves after all that', async () => {
    const { rows } = await sql<{ n: number }>`select coalesce(sum(items), 0) as n from report_document_counts`.execute(database.db);
    const direct = await sql<{ n: number }>`select (select count(*) from publications where kind in ('rules', 'normativeDocuments') and state in ('published', 'withdrawn'))
      + (select count(*) from report_documents) as n`.execute(database.db);
    expect(Number(rows[0]?.n)).toBe(Number(direct.rows[0]?.n));
    // The city's repealed document and its withdrawn one, the district's two imported records.
    expect(Number(rows[0]?.n)).toBe(4);
  });
});
