// Table 二 of the annual report from the agency's own publications (第二十条第（一）项) and the
// yearly figures entered over HTTP (第（五）（六）（八）项), end to end: rows written straight into
// publications / publication_events, figures through PUT, the report through the staff's report route.
// Every expected cell is counted by hand in the comments below.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginAs } from '../../../test/login-as.ts';
import { describeEachDatabase } from '../../../test/test-database.ts';
import type { PublicationEvent, PublicationFields, PublicationKind, PublicationState, ValidityStatus } from '../../domain/publication/publication.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { buildApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import type { DatabaseUnderTest } from '../../../test/test-database.ts';
import { createRecordsRepository } from './records.repository.ts';

interface Item {
  name: string;
  kind: PublicationKind;
  state: PublicationState;
  writtenOn: string;
  validity: ValidityStatus;
  endedOn?: string;
}

// The agency's publications. Report year 2024 unless said otherwise.
const ITEMS: Item[] = [
  { name: 'R1 规章, issued in 2024', kind: 'rules', state: 'published', writtenOn: '2024-03-01', validity: 'effective' },
  { name: 'R2 规章, issued 2023, repealed on the last day of 2024', kind: 'rules', state: 'published', writtenOn: '2023-05-10', validity: 'repealed', endedOn: '2024-12-31' },
  { name: 'R3 规章, issued 2022, still in force', kind: 'rules', state: 'published', writtenOn: '2022-01-01', validity: 'effective' },
  { name: 'N1 规范性文件, issued in 2024', kind: 'normativeDocuments', state: 'published', writtenOn: '2024-02-01', validity: 'effective' },
  { name: 'N2 规范性文件, issued in 2024', kind: 'normativeDocuments', state: 'published', writtenOn: '2024-04-01', validity: 'effective' },
  { name: 'N3 规范性文件, issued 2023, repealed in 2024', kind: 'normativeDocuments', state: 'published', writtenOn: '2023-03-01', validity: 'repealed', endedOn: '2024-09-30' },
  { name: 'N4 规范性文件, issued 2022, repealed the year before (2023-12-31)', kind: 'normativeDocuments', state: 'published', writtenOn: '2022-06-01', validity: 'repealed', endedOn: '2023-12-31' },
  { name: 'N5 规范性文件, issued 2021, expired (失效) in 2024', kind: 'normativeDocuments', state: 'published', writtenOn: '2021-01-01', validity: 'expired', endedOn: '2024-07-01' },
  { name: 'N6 规范性文件, a draft written in 2024: never issued', kind: 'normativeDocuments', state: 'draft', writtenOn: '2024-05-01', validity: 'effective' },
  { name: 'N7 an “other” item of 2024: not table 二', kind: 'other', state: 'published', writtenOn: '2024-05-01', validity: 'effective' },
  { name: 'N8 规范性文件 of 2024, published then withdrawn (撤回): issued all the same', kind: 'normativeDocuments', state: 'withdrawn', writtenOn: '2024-08-01', validity: 'effective' },
  { name: 'N9 规范性文件 issued in 2025', kind: 'normativeDocuments', state: 'published', writtenOn: '2025-01-05', validity: 'effective' },
  { name: 'N10 规范性文件 issued on the last day of 2024', kind: 'normativeDocuments', state: 'published', writtenOn: '2024-12-31', validity: 'effective' },
  { name: 'N11 规章, a draft written in 2019', kind: 'rules', state: 'draft', writtenOn: '2019-06-01', validity: 'effective' },
  { name: 'O2 an “other” item of 2018', kind: 'other', state: 'published', writtenOn: '2018-03-01', validity: 'effective' },
];
// Plus one 规范性文件 imported from a records file (report_documents): D1, issued 2020-01-01, in force.
//
// 2024 by hand:
//   规章        issued   R1                                   = 1
//               repealed R2 (2024-12-31 is within the year)   = 1
//               in force at 2024-12-31: R1, R3 (R2 repealed that day) = 2
//   规范性文件  issued   N1, N2, N8 (withdrawn), N10           = 4   (N6 draft, N7 other, N9 2025: no)
//               repealed N3                                   = 1   (N4 was 2023; N5 expired, not repealed)
//               in force N1, N2, N8, N10, D1                  = 5   (N3, N4 repealed; N5 expired 2024-07-01)
// 2023 by hand:
//   规章        issued R2 = 1; repealed 0; in force R2, R3 = 2
//   规范性文件  issued N3 = 1; repealed N4 = 1; in force N3, N5, D1 = 3 (N4 repealed on 2023-12-31)
// Figures: 2024 entered through PUT (9487, 12, 3, 1.5 万元 → printed 1.5000); 2023 not entered → blank cells.

async function insertPublication(database: DatabaseUnderTest, agencyId: number, item: Item, index: number): Promise<void> {
  const fields: PublicationFields = {
    title: item.name,
    bodyHtml: `<p>${item.name}</p>`,
    summary: '',
    documentNumber: null,
    issuer: '示范市人民政府',
    writtenOn: item.writtenOn,
    kind: item.kind,
    categoryCode: 'zc',
    channels: ['website'],
    validity: { status: item.validity, effectiveFrom: null, endedOn: item.endedOn ?? null },
  };
  const issued = item.state !== 'draft';
  const indexNumber = issued ? `T2-${String(index).padStart(3, '0')}` : null;
  // Published the day it was written; an import brings the item with its 有效性 as it stands.
  const events: PublicationEvent[] = issued
    ? [{ kind: 'imported', actor: 'u-clerk', at: '2025-01-10', fields, indexNumber: indexNumber ?? '', publishedOn: item.writtenOn }]
    : [{ kind: 'drafted', actor: 'u-clerk', at: '2025-01-10', fields }];
  if (item.state === 'withdrawn') events.push({ kind: 'withdrawn', actor: 'u-leader', at: '2025-01-11', reason: '链接失效，重新发布' });
  const { id } = await database.db
    .insertInto('publications')
    .values({
      agency_id: agencyId,
      index_number: indexNumber,
      title: fields.title,
      body_html: fields.bodyHtml,
      body_text: item.name,
      summary: '',
      document_number: null,
      issuer: fields.issuer,
      written_on: item.writtenOn,
      published_on: issued ? item.writtenOn : null,
      kind: item.kind,
      category_code: 'zc',
      channels: JSON.stringify(fields.channels),
      validity: item.validity,
      effective_from: null,
      validity_ended_on: item.endedOn ?? null,
      state: item.state,
      current_step: null,
      author: 'u-clerk',
      withdrawn_on: item.state === 'withdrawn' ? '2025-01-11' : null,
      version: events.length,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto('publication_events')
    .values(events.map((event, i) => ({ agency_id: agencyId, publication_id: id, seq: i + 1, kind: event.kind, actor: event.actor, at: event.at, data: JSON.stringify(event) })))
    .execute();
}

interface Table2Json {
  rules: { issued: number | null; repealed: number | null; inForce: number | null };
  normativeDocuments: { issued: number | null; repealed: number | null; inForce: number | null };
  licensing: number | null;
  penalty: number | null;
  enforcement: number | null;
  administrativeFees: string | null;
}

describeEachDatabase('table 二 from publications and entered figures', (database) => {
  let app: FastifyInstance;
  let agencyId: number;

  beforeAll(async () => {
    agencyId = (await createAgenciesRepository(database.db).createAgency({ code: 'city', name: '示范市人民政府', level: 'municipal' })).id;
    // The records file first: `import records` replaces the agency's report records (figures included).
    await createRecordsRepository(database.db).replaceRecords(agencyId, {
      agencyName: '示范市人民政府',
      applications: [],
      reviewCases: [],
      documents: [{ id: 'D1', kind: 'normativeDocuments', issuedOn: '2020-01-01', repealedOn: null }],
      yearlyFigures: [],
    });
    for (const [index, item] of ITEMS.entries()) await insertPublication(database, agencyId, item, index + 1);
    app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: database.db });
    const put = await app.inject({
      method: 'PUT',
      url: '/api/agencies/city/yearly-figures/2024',
      headers: await loginAs(database.db, 'u-clerk', { city: ['clerk'] }),
      payload: { licensing: 9487, penalty: 12, enforcement: 3, administrativeFees: '1.5' },
    });
    expect(put.statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
  });

  const table2 = async (year: number): Promise<Table2Json> => {
    // The live report as staff see it (the portal shows only published reports).
    const response = await app.inject({ method: 'GET', url: `/api/agencies/city/annual-reports/${year}`, headers: await loginAs(database.db, 'u-clerk', { city: ['clerk'] }) });
    expect(response.statusCode).toBe(200);
    return response.json<{ report: { table2: Table2Json } }>().report.table2;
  };

  it('fills every cell of 2024 as counted by hand', async () => {
    expect(await table2(2024)).toEqual({
      rules: { issued: 1, repealed: 1, inForce: 2 },
      normativeDocuments: { issued: 4, repealed: 1, inForce: 5 },
      licensing: 9487,
      penalty: 12,
      enforcement: 3,
      administrativeFees: '1.5000',
    });
  });

  it('fills 2023 the same way, with blank figure cells where none were entered', async () => {
    expect(await table2(2023)).toEqual({
      rules: { issued: 1, repealed: 0, inForce: 2 },
      normativeDocuments: { issued: 1, repealed: 1, inForce: 3 },
      licensing: null,
      penalty: null,
      enforcement: null,
      administrativeFees: null,
    });
  });

  it('lists the years of issue and repeal of the counted publications among the report years', async () => {
    // Issue years of R1–R3, N1–N5, N8–N10: 2024, 2023, 2022, 2021, 2025; repeal years 2024, 2023;
    // the figures' 2024. Not 2019 (N11 is a draft) nor 2018 (O2 is “other”); D1's 2020 stays out (imported documents never made a year).
    expect(await createRecordsRepository(database.db).findRecordYears(agencyId)).toEqual([2025, 2024, 2023, 2022, 2021]);
  });
});
