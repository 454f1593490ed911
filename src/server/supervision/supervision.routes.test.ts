// The 政务公开办's view on the real app and both engines: a city's tree with records worked out by
// hand, each agency's status, version, late flag, the sums of tables 二 三 四, one cell broken down,
// the deadline, imported reports of an agency not on the platform, exports, and isolation (a
// supervisor sees its own subtree only; no supervisor reads cases; a user of one agency gets
// 403/404 on another's routes).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginAs } from '../../../test/login-as.ts';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { createEmptyReport } from '../../domain/report/annual-report.ts';
import { renderReportJson } from '../../domain/report/render/render-report-json.ts';
import { renderReportText } from '../../domain/report/render/render-report-text.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { writeAnnualReportRow } from '../annual-reports/annual-reports.repository.ts';
import { buildApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import { createRecordsRepository } from '../records/records.repository.ts';
import { createAnnualReportService } from '../reports/annual-report.service.ts';
import type { SupervisionCell, SupervisionView } from './supervision.service.ts';

const TODAY = '2026-02-10';

/** A multipart body with the given files under the field "files". */
function multipartBody(files: { name: string; content: string }[], fields: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----gongkaiTestBoundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const file of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: text/plain\r\n\r\n`));
    parts.push(Buffer.from(file.content, 'utf8'));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachDatabase('supervision API', (database) => {
  let app: FastifyInstance;
  let supCity: Record<string, string> = {};
  let supX: Record<string, string> = {};
  let clerkA: Record<string, string> = {};
  let clerkY: Record<string, string> = {};

  beforeAll(async () => {
    const agencies = createAgenciesRepository(database.db);
    const city = await agencies.createAgency({ code: 'city', name: '示范市人民政府', level: 'municipal' });
    const bureauA = await agencies.createAgency({ code: 'bureau-a', name: '示范市甲局', level: 'municipal', parentId: city.id });
    const districtX = await agencies.createAgency({ code: 'district-x', name: '示范市X区人民政府', level: 'county', parentId: city.id });
    const townX1 = await agencies.createAgency({ code: 'town-x1', name: 'X1镇人民政府', level: 'township', parentId: districtX.id });
    const districtY = await agencies.createAgency({ code: 'district-y', name: '示范市Y区人民政府', level: 'county', parentId: city.id });
    const records = createRecordsRepository(database.db);
    const app2025 = (id: string, applicantType: 'natural_person' | 'business', receivedOn: string, concludedOn: string | null, outcome: 'disclosed' | 'partially_disclosed' | null) => ({
      id,
      applicantType,
      receivedOn,
      concludedOn,
      outcome,
    });
    // 甲局: 2 natural persons received and disclosed in 2025; 1 business received 20 December, open (carried over).
    await records.replaceRecords(bureauA.id, {
      agencyName: bureauA.name,
      applications: [app2025('A1', 'natural_person', '2025-03-01', '2025-03-20', 'disclosed'), app2025('A2', 'natural_person', '2025-04-01', '2025-04-10', 'disclosed'), app2025('A3', 'business', '2025-12-20', null, null)],
      reviewCases: [],
      documents: [{ id: 'D1', kind: 'normativeDocuments', issuedOn: '2025-02-01', repealedOn: null }],
      yearlyFigures: [{ year: 2025, licensing: 10, penalty: 2, enforcement: 0, administrativeFees: '1.5' }],
    });
    // X区: 1 natural person received 28 December 2024 (carried in), partially disclosed 10 January 2025; one review upheld.
    await records.replaceRecords(districtX.id, {
      agencyName: districtX.name,
      applications: [app2025('X1', 'natural_person', '2024-12-28', '2025-01-10', 'partially_disclosed')],
      reviewCases: [{ id: 'R1', kind: 'adminReview', filedOn: '2025-05-01', concludedOn: '2025-06-01', result: 'upheld' }],
      documents: [],
      yearlyFigures: [{ year: 2025, licensing: 5, penalty: 0, enforcement: 1, administrativeFees: '0.25' }],
    });
    // X1镇: figures only.
    await records.replaceRecords(townX1.id, { agencyName: townX1.name, applications: [], reviewCases: [], documents: [], yearlyFigures: [{ year: 2025, licensing: 1, penalty: 0, enforcement: 0, administrativeFees: '0' }] });
    // Y区: 4 natural persons received and disclosed in 2025; no figures entered.
    await records.replaceRecords(districtY.id, {
      agencyName: districtY.name,
      applications: [1, 2, 3, 4].map((n) => app2025(`Y${n}`, 'natural_person', `2025-0${n}-05`, `2025-0${n}-15`, 'disclosed')),
      reviewCases: [],
      documents: [],
      yearlyFigures: [],
    });
    // 甲局 published on 20 January 2026 a version saying 行政许可 12 (not the 10 of its records): the published version counts.
    const reports = createAnnualReportService({ db: database.db });
    const live = (await reports.computeReport(bureauA, 2025)).report;
    const published = renderReportJson({ ...live, table2: { ...live.table2, licensing: 12 } });
    // X区 froze its report (定稿) but has not published it.
    const frozen = renderReportJson((await reports.computeReport(districtX, 2025)).report);
    await database.db.transaction().execute(async (trx) => {
      await writeAnnualReportRow(trx, bureauA.id, 2025, 0, { state: 'published', finalJson: published, publishedJson: published, publishedAt: '2026-01-20T02:00:00.000Z' }, '2026-01-20T02:00:00.000Z');
      await writeAnnualReportRow(trx, districtX.id, 2025, 0, { state: 'finalized', finalJson: frozen, publishedJson: null, publishedAt: null }, '2026-01-25T02:00:00.000Z');
    });
    supCity = await loginAs(database.db, 's-city', { city: ['supervisor'] });
    supX = await loginAs(database.db, 's-x', { 'district-x': ['supervisor'] });
    clerkA = await loginAs(database.db, 's-clerk-a', { 'bureau-a': ['clerk', 'leader'] });
    clerkY = await loginAs(database.db, 's-clerk-y', { 'district-y': ['clerk'] });
    app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: database.db, today: () => TODAY });
  });
  afterAll(async () => {
    await app.close();
  });

  const view = async (headers: Record<string, string>, code: string, year = 2025) => {
    const res = await app.inject({ url: `/api/supervision/${code}/${year}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<SupervisionView>();
  };

  it("shows every agency of the city's tree with its status, the version used and the late flag", async () => {
    const v = await view(supCity, 'city');
    const rows = v.agencies.map((a) => [a.code, a.depth, a.parentCode, a.status, a.source, a.late, a.deadline]);
    // Tree order: each agency then its children, siblings by code.
    expect(rows).toEqual([
      ['city', 0, null, 'notStarted', 'live', true, '2026-01-31'],
      ['bureau-a', 1, 'city', 'published', 'published', false, '2026-01-31'],
      ['district-x', 1, 'city', 'finalized', 'final', true, '2026-01-31'],
      ['town-x1', 2, 'district-x', 'draft', 'live', true, '2026-01-31'],
      ['district-y', 1, 'city', 'draft', 'live', true, '2026-01-31'],
    ]);
    expect(v.counts).toEqual({ notStarted: 1, draft: 2, inReview: 0, finalized: 1, published: 1, late: 4, agencies: 5 });
    const bureau = v.agencies.find((a) => a.code === 'bureau-a');
    expect(bureau?.links).toEqual({ portal: '/reports/bureau-a/2025', console: '/console/supervision/city/2025/bureau-a', api: '/api/supervision/city/2025/agencies/bureau-a' });
    expect(v.agencies.find((a) => a.code === 'district-y')?.links.portal).toBeNull();
    // Y区 entered no figures: T2-INT errors for the blank 行政许可/处罚/强制/收费 cells.
    expect(v.agencies.find((a) => a.code === 'district-y')?.errors).toBeGreaterThan(0);
  });

  it('adds up tables 二 三 四 over the subtree (hand-worked sums)', async () => {
    const { aggregate } = await view(supCity, 'city');
    // 行政许可: 甲局 published 12 + X区 frozen 5 + X1镇 1 (Y区 and the 市政府 blank) = 18.
    expect(aggregate.table2.licensing).toBe(18);
    expect(aggregate.table2.penalty).toBe(2 + 0 + 0);
    expect(aggregate.table2.enforcement).toBe(0 + 1 + 0);
    // 1.5 + 0.25 + 0 万元.
    expect(aggregate.table2.administrativeFees).toBe('1.7500');
    expect(aggregate.table2.normativeDocuments).toEqual({ issued: 1, repealed: 0, inForce: 1 });
    // 一: 甲局 2 + Y区 4 natural persons; 甲局 1 business.
    expect(aggregate.table3.received.natural_person).toBe(6);
    expect(aggregate.table3.received.business).toBe(1);
    expect(aggregate.table3.received.total).toBe(7);
    // 二: X区's case from December 2024.
    expect(aggregate.table3.carriedIn.natural_person).toBe(1);
    expect(aggregate.table3.disclosed.natural_person).toBe(6);
    expect(aggregate.table3.partially_disclosed.natural_person).toBe(1);
    expect(aggregate.table3.concludedTotal.total).toBe(7);
    expect(aggregate.table3.carriedOver.business).toBe(1);
    expect(aggregate.table4.adminReview).toEqual({ upheld: 1, corrected: 0, otherResult: 0, pending: 0, total: 1 });
  });

  it("lists each agency's share of one sum cell", async () => {
    const res = await app.inject({ url: '/api/supervision/city/2025/cells?table=table2&row=licensing', headers: supCity });
    expect(res.statusCode, res.body).toBe(200);
    const cell = res.json<SupervisionCell>();
    expect(cell.total).toBe(18);
    expect(cell.contributions.map((c) => [c.code, c.source, c.value])).toEqual([
      ['city', 'live', null],
      ['bureau-a', 'published', 12],
      ['district-x', 'final', 5],
      ['town-x1', 'live', 1],
      ['district-y', 'live', null],
    ]);
    const received = (await app.inject({ url: '/api/supervision/city/2025/cells?table=table3&row=received&column=natural_person', headers: supCity })).json<SupervisionCell>();
    expect(received.contributions.map((c) => c.value)).toEqual([0, 2, 0, 0, 4]);
    const bad = await app.inject({ url: '/api/supervision/city/2025/cells?table=table3&row=nothing&column=total', headers: supCity });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toBe('表三没有这一行。');
  });

  it("lets X区's supervisor see X区 and X1镇 only, and set their deadline", async () => {
    const v = await view(supX, 'district-x');
    expect(v.agencies.map((a) => a.code)).toEqual(['district-x', 'town-x1']);
    expect(v.aggregate.table2.licensing).toBe(5 + 1);
    const put = await app.inject({ method: 'PUT', url: '/api/supervision/district-x/2025/deadline', headers: supX, payload: { dueOn: '2026-02-20' } });
    expect(put.statusCode, put.body).toBe(200);
    const after = await view(supCity, 'city');
    // 10 February is before X区's 20 February: X区 and X1镇 are no longer late; Y区 still is.
    expect(after.agencies.map((a) => [a.code, a.late, a.deadline, a.deadlineSetBy])).toEqual([
      ['city', true, '2026-01-31', null],
      ['bureau-a', false, '2026-01-31', null],
      ['district-x', false, '2026-02-20', 'district-x'],
      ['town-x1', false, '2026-02-20', 'district-x'],
      ['district-y', true, '2026-01-31', null],
    ]);
    const early = await app.inject({ method: 'PUT', url: '/api/supervision/district-x/2025/deadline', headers: supX, payload: { dueOn: '2025-12-01' } });
    expect(early.statusCode).toBe(400);
    expect(early.json<{ message: string }>().message).toBe('2025年度报告的报送期限须在2026年（年度结束之后）。');
  });

  it('imports the published report of a 镇 not on the platform, which then joins the view and the sums', async () => {
    const report = createEmptyReport(0, '某某镇人民政府', 2025);
    report.table2.licensing = 7;
    report.table2.administrativeFees = '0.0000';
    report.table3.received.natural_person = 3;
    report.table3.received.total = 3;
    report.table3.disclosed.natural_person = 3;
    report.table3.disclosed.total = 3;
    report.table3.concludedTotal.natural_person = 3;
    report.table3.concludedTotal.total = 3;
    const wrongYear = renderReportText({ ...createEmptyReport(0, '另一镇人民政府', 2024) });
    const body = multipartBody([
      { name: '某某镇2025年报.txt', content: renderReportText(report) },
      { name: '另一镇2024年报.txt', content: wrongYear },
    ]);
    const res = await app.inject({ method: 'POST', url: '/api/supervision/district-x/2025/external-reports', headers: { ...supX, ...body.headers }, payload: body.payload });
    expect(res.statusCode, res.body).toBe(200);
    const { results } = res.json<{ results: { fileName: string; imported: boolean; message: string; agencyCode: string | null; createdAgency: boolean }[] }>();
    expect(results.map((r) => [r.fileName, r.imported, r.agencyCode, r.createdAgency])).toEqual([
      ['某某镇2025年报.txt', true, 'district-x-x1', true],
      ['另一镇2024年报.txt', false, null, false],
    ]);
    expect(results[1]?.message).toBe('报告的年度是2024年，不是2025年，未导入。');
    const v = await view(supX, 'district-x');
    const town = v.agencies.find((a) => a.code === 'district-x-x1');
    expect([town?.name, town?.external, town?.status, town?.source, town?.level, town?.imported?.fileName]).toEqual(['某某镇人民政府', true, 'published', 'imported', 'township', '某某镇2025年报.txt']);
    // 行政许可: X区 5 + X1镇 1 + 某某镇 7.
    expect(v.aggregate.table2.licensing).toBe(13);
    expect(v.aggregate.table3.received.natural_person).toBe(3);
    // The same name again replaces that agency's report, creating nothing.
    report.table2.licensing = 8;
    const again = multipartBody([{ name: '更正版.txt', content: renderReportText(report) }]);
    const second = await app.inject({ method: 'POST', url: '/api/supervision/district-x/2025/external-reports', headers: { ...supX, ...again.headers }, payload: again.payload });
    expect(second.json<{ results: { agencyCode: string; createdAgency: boolean }[] }>().results[0]).toMatchObject({ agencyCode: 'district-x-x1', createdAgency: false });
    expect((await view(supX, 'district-x')).aggregate.table2.licensing).toBe(14);
    // A platform agency's report cannot be replaced by a file.
    const platform = multipartBody([{ name: 'x1.txt', content: renderReportText({ ...report, agencyName: 'X1镇人民政府' }) }]);
    const refused = await app.inject({ method: 'POST', url: '/api/supervision/district-x/2025/external-reports', headers: { ...supX, ...platform.headers }, payload: platform.payload });
    expect(refused.json<{ results: { imported: boolean; message: string }[] }>().results[0]).toEqual(expect.objectContaining({ imported: false, message: '“X1镇人民政府”在平台上编制年度报告，不能导入文件代替。' }));
  });

  it('imports into an external agency named by childCode, whatever name the file prints', async () => {
    const districtY = await createAgenciesRepository(database.db).getAgencyByCode('district-y');
    await createAgenciesRepository(database.db).createAgency({ code: 'ext-y', name: 'Y区某中心', level: 'county', parentId: districtY.id, external: true });
    const report = createEmptyReport(0, '某中心', 2025);
    report.table2.penalty = 9;
    report.table2.administrativeFees = '0.0000';
    const body = multipartBody([{ name: 'center.txt', content: renderReportText(report) }], { childCode: 'ext-y' });
    const res = await app.inject({ method: 'POST', url: '/api/supervision/city/2025/external-reports', headers: { ...supCity, ...body.headers }, payload: body.payload });
    expect(res.json<{ results: { imported: boolean; agencyCode: string; createdAgency: boolean }[] }>().results[0]).toMatchObject({ imported: true, agencyCode: 'ext-y', createdAgency: false });
    const v = await view(supCity, 'city');
    expect(v.agencies.find((a) => a.code === 'ext-y')).toMatchObject({ parentCode: 'district-y', depth: 2, status: 'published', source: 'imported' });
    // 行政处罚: 甲局 2 + X区 0 + X1镇 0 + 某某镇 0 + 某中心 9.
    expect(v.aggregate.table2.penalty).toBe(11);
  });

  it('exports the sums as DOCX and XLSX named as a 汇总表', async () => {
    for (const format of ['docx', 'xlsx']) {
      const res = await app.inject({ url: `/api/supervision/city/2025/export.${format}`, headers: supCity });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(decodeURIComponent(res.headers['content-disposition']?.toString().split("UTF-8''")[1] ?? '')).toBe(`示范市人民政府2025年度政府信息公开工作年度报告汇总表.${format}`);
    }
  });

  it("keeps X区's supervisor out of Y区, the city and other agencies' reports", async () => {
    expect((await app.inject({ url: '/api/supervision/district-y/2025', headers: supX })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/supervision/city/2025', headers: supX })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/supervision/district-x/2025/agencies/bureau-a', headers: supX })).statusCode).toBe(404);
    expect((await app.inject({ method: 'PUT', url: '/api/supervision/city/2025/deadline', headers: supX, payload: { dueOn: '2026-02-01' } })).statusCode).toBe(403);
    // The city's supervisor may open a 区 of its tree.
    expect((await app.inject({ url: '/api/supervision/district-x/2025', headers: supCity })).statusCode).toBe(200);
  });

  it('gives no supervisor the cases (applicants), drafts or report pages of any agency', async () => {
    for (const headers of [supCity, supX]) {
      for (const code of ['city', 'bureau-a', 'district-x', 'town-x1']) {
        for (const url of [`/api/agencies/${code}/applications`, `/api/agencies/${code}/review-cases`, `/api/agencies/${code}/publications`, `/api/agencies/${code}/annual-reports/2025`]) {
          const res = await app.inject({ url, headers });
          expect([403, 404], `${url} ${res.statusCode}`).toContain(res.statusCode);
        }
      }
    }
  });

  it("answers a user of 甲局 403/404 on every supervision, report and staff route of Y区", async () => {
    const urls: [string, string][] = [
      ['GET', '/api/supervision/district-y/2025'],
      ['GET', '/api/supervision/district-y/2025/cells?table=table2&row=licensing'],
      ['GET', '/api/supervision/district-y/2025/agencies/district-y'],
      ['GET', '/api/supervision/district-y/2025/export.xlsx'],
      ['PUT', '/api/supervision/district-y/2025/deadline'],
      ['GET', '/api/supervision/city/2025'],
      ['GET', '/api/agencies/district-y/annual-reports'],
      ['GET', '/api/agencies/district-y/annual-reports/2025'],
      ['GET', '/api/agencies/district-y/annual-reports/2025/export.docx'],
      ['GET', '/api/agencies/district-y/annual-reports/2025/cells?table=table3&row=received&column=total'],
      ['GET', '/api/agencies/district-y/applications'],
      ['GET', '/api/agencies/district-y/review-cases'],
      ['GET', '/api/agencies/district-y/publications'],
      ['GET', '/api/agencies/district-y/yearly-figures'],
      ['GET', '/api/agencies/district-y/audit'],
      ['GET', '/api/agencies/district-y/disclosure-settings'],
      ['GET', '/api/agencies'],
    ];
    for (const [method, url] of urls) {
      const res = await app.inject({ method: method as 'GET' | 'PUT', url, headers: clerkA, ...(method === 'PUT' ? { payload: { dueOn: '2026-02-01' } } : {}) });
      expect([403, 404], `${method} ${url} ${res.statusCode}`).toContain(res.statusCode);
    }
    // …while Y区's own clerk reads Y区's report.
    expect((await app.inject({ url: '/api/agencies/district-y/annual-reports/2025', headers: clerkY })).statusCode).toBe(200);
    const imports = multipartBody([{ name: 'a.txt', content: 'x' }]);
    expect((await app.inject({ method: 'POST', url: '/api/supervision/district-y/2025/external-reports', headers: { ...clerkA, ...imports.headers }, payload: imports.payload })).statusCode).toBe(403);
  });
});
