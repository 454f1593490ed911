// "A click on a cell of the report lists the cases or publications behind it" (issue 5): on a
// small year built by hand, where each case's cell is known, and on the demo data, every cell's
// list has exactly as many items as the live computed report's number in that cell.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { ROLE_CODES } from '../../domain/account/roles.ts';
import { HOLIDAY_ARRANGEMENTS } from '../../domain/calendar/holiday-arrangements.ts';
import { createWorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import { parsePublicationImport } from '../../domain/publication/parse-publication-import.ts';
import type { AnnualReport } from '../../domain/report/annual-report.ts';
import { computeAnnualReportFromCounts } from '../../domain/report/compute/compute-annual-report-from-counts.ts';
import type { ReportRecords } from '../../domain/report/compute/report-records.ts';
import { DOCUMENT_COLUMNS, DOCUMENT_KINDS, REVIEW_GROUPS, REVIEW_RESULTS, TABLE3_COLUMNS, TABLE3_ROW_CODES } from '../../domain/report/report-format.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import type { CaseEventInput } from '../applications/application.service.ts';
import { createApplicationService } from '../applications/application.service.ts';
import type { Database } from '../db/database.ts';
import { loadDemoData } from '../demo/load-demo-data.ts';
import { createPublicationService } from '../publications/publication.service.ts';
import { createRecordsRepository } from '../records/records.repository.ts';
import { createPublicationSearch } from '../search/publication-search.ts';
import type { ReportCellAddress } from './report-cells.ts';
import { findReportCellContents } from './report-cells.ts';

const ID_NUMBER = '11010519491231002X';
const CREDIT_CODE = '91350100M000100Y43';
const BASIS = '《中华人民共和国政府信息公开条例》第三十六条';

/** The report as the annual report service computes it live (grouped counts, documents, figures). */
async function liveReport(db: Kysely<Database>, agencyId: number, year: number): Promise<AnnualReport> {
  const repository = createRecordsRepository(db);
  return computeAnnualReportFromCounts(await repository.findReportCounts(agencyId, year), year, await repository.findRecordsWithoutCases(agencyId));
}

/** Every computed cell of tables 三, 四 and the document rows of 二, with the report's number. */
function computedCells(report: AnnualReport): { address: ReportCellAddress; value: number }[] {
  const cells: { address: ReportCellAddress; value: number }[] = [];
  for (const row of TABLE3_ROW_CODES) for (const column of TABLE3_COLUMNS) cells.push({ address: { table: 'table3', row, column }, value: report.table3[row][column] ?? 0 });
  for (const group of REVIEW_GROUPS) for (const column of REVIEW_RESULTS) cells.push({ address: { table: 'table4', row: group.code, column: column.code }, value: report.table4[group.code][column.code] ?? 0 });
  for (const kind of DOCUMENT_KINDS) for (const column of DOCUMENT_COLUMNS) cells.push({ address: { table: 'table2', row: kind.code, column: column.code }, value: report.table2[kind.code][column.code] ?? 0 });
  return cells;
}

/** Cells whose list length differs from the report's number: [] when every one matches. */
async function mismatches(db: Kysely<Database>, agencyId: number, year: number): Promise<{ nonEmpty: number; wrong: string[] }> {
  const report = await liveReport(db, agencyId, year);
  const wrong: string[] = [];
  let nonEmpty = 0;
  for (const { address, value } of computedCells(report)) {
    if (value > 0) nonEmpty += 1;
    const contents = await findReportCellContents(db, agencyId, year, address, 5_000);
    const ids = contents.items.map((item) => item.id);
    if (contents.items.length !== value || contents.truncated || new Set(ids).size !== ids.length) {
      wrong.push(`${address.table}/${address.row}/${address.column}: report ${value}, listed ${contents.items.length}`);
    }
  }
  return { nonEmpty, wrong };
}

describeEachDatabase('report cells', (database) => {
  let hb = 0;
  let demo = 0;
  const tn: Record<string, string> = {};
  const pub: Record<string, number> = {};
  const ids = async (address: ReportCellAddress, limit?: number) => (await findReportCellContents(database.db, hb, 2025, address, limit)).items.map((item) => item.id);

  beforeAll(async () => {
    // The demo agency, loaded first (the loader only fills an empty database).
    await loadDemoData(database.db, new Date('2026-02-02T00:00:00Z'));
    demo = (await createAgenciesRepository(database.db).getAgencyByCode('demo')).id;

    // ---- the hand-built year 2025 of agency hb ----
    hb = (await createAgenciesRepository(database.db).createAgency({ code: 'hb', name: '手工测试局', level: 'municipal' })).id;
    const cases = createApplicationService({ db: database.db, calendar: createWorkingDayCalendar(HOLIDAY_ARRANGEMENTS), today: () => '2026-02-02' });
    const receive = async (label: string, receivedOn: string, type: 'natural_person' | 'business', info: string, reply?: { at: string; outcome: string }) => {
      const person = type === 'natural_person';
      const { trackingNumber } = await cases.receiveApplication(
        'hb',
        { channel: 'online', receivedOn, applicant: { type, name: person ? '张三' : '示范有限公司', idNumber: person ? ID_NUMBER : null, creditCode: person ? null : CREDIT_CODE }, requestedInformation: info },
        'u-clerk',
        ['clerk'],
      );
      tn[label] = trackingNumber;
      if (reply) await cases.recordEvent(trackingNumber, { kind: 'replied', at: reply.at, outcome: reply.outcome, legalBasis: BASIS } as CaseEventInput, { actor: 'u-clerk', actorRoles: ['clerk'], expectedVersion: 1 });
    };
    // O1 自然人: received 2024-12-16, replied 2025-01-08 予以公开 → 2025 二 and （一）.
    await receive('O1', '2024-12-16', 'natural_person', '示范路拓宽工程的立项批复', { at: '2025-01-08', outcome: 'disclosed' });
    // O2 商业企业: received 2025-03-03, still open → 一 and 四.
    await receive('O2', '2025-03-03', 'business', '2024年度本市建设工程招标投标情况统计及有关评标专家抽取记录和全部中标结果公示材料汇编');
    // O3 自然人: received 2025-04-01, replied 2025-04-10 属于国家秘密 → 一 and （三）1.
    await receive('O3', '2025-04-01', 'natural_person', '某军事设施周边规划', { at: '2025-04-10', outcome: 'withheld_state_secret' });
    // R1 行政复议 filed 2025-02-01, upheld 2025-05-06.
    const r1 = await cases.createReviewCase('hb', { kind: 'adminReview', body: '示范市人民政府', filedOn: '2025-02-01', trackingNumber: tn.O1! }, 'u-clerk', ['clerk']);
    await cases.concludeReviewCase('hb', r1.id, { concludedOn: '2025-05-06', result: 'upheld' }, 'u-clerk', ['clerk']);
    pub.R1 = r1.id;

    // Imported records.
    const imported: ReportRecords = {
      agencyName: '手工测试局',
      applications: [
        { id: 'I1', applicantType: 'natural_person', receivedOn: '2025-05-06', concludedOn: '2025-05-20', outcome: 'disclosed' }, // 一, （一）
        { id: 'I2', applicantType: 'legal_service_org', receivedOn: '2024-11-01', concludedOn: '2025-12-31', outcome: 'unavailable_not_held' }, // 二, （四）1
        { id: 'I3', applicantType: 'natural_person', receivedOn: '2025-12-30', concludedOn: '2026-01-05', outcome: 'disclosed' }, // 一, 四
        { id: 'I4', applicantType: 'natural_person', receivedOn: '2024-01-02', concludedOn: '2024-06-03', outcome: 'disclosed' }, // not in 2025
      ],
      reviewCases: [
        { id: 'IR1', kind: 'adminReview', filedOn: '2024-10-01', concludedOn: null, result: null }, // 尚未审结
        { id: 'IR2', kind: 'litigationDirect', filedOn: '2025-03-01', concludedOn: '2026-01-10', result: 'corrected' }, // 尚未审结 on 31 December
        { id: 'IR3', kind: 'litigationDirect', filedOn: '2023-03-01', concludedOn: '2024-05-10', result: 'upheld' }, // not in 2025
      ],
      documents: [
        { id: 'ID1', kind: 'rules', issuedOn: '2025-02-01', repealedOn: null }, // 制发, 现行有效
        { id: 'ID2', kind: 'normativeDocuments', issuedOn: '2023-01-01', repealedOn: '2025-06-01' }, // 废止
      ],
      yearlyFigures: [{ year: 2025, licensing: 12, penalty: 3, enforcement: 0, administrativeFees: '0' }],
    };
    await createRecordsRepository(database.db).replaceRecords(hb, imported);

    // 主动公开 items, imported as published.
    await database.db.insertInto('catalogue_nodes').values({ agency_id: hb, code: 'zc', parent_code: null, name: '政策文件', basis: '第二十条第（一）项', position: 1 }).execute();
    await database.db.insertInto('disclosure_settings').values({ agency_id: hb, credit_code: CREDIT_CODE, index_number_pattern: null, review_chain: null, checklist: null, updated_by: 'setup' }).execute();
    const publications = createPublicationService({ db: database.db, today: () => '2026-02-02', search: createPublicationSearch({ db: database.db }) });
    const header = '标题,正文,内容概述,文号,发布机构,成文日期,发布日期,索引号,类别,目录,渠道,有效性,失效或废止日期';
    const rows = parsePublicationImport(
      [
        header,
        '示范市城市绿化管理办法,正文,,示政规〔2025〕1号,手工测试局,2025-03-01,2025-03-05,HB-P1,行政规范性文件,zc,政府网站,有效,', // P1: 制发, 现行有效
        '示范市临时停车管理规定,正文,,,手工测试局,2024-05-01,2024-05-06,HB-P2,行政规范性文件,zc,政府网站,有效,', // P2: 失效 2025-08-01
        '工作动态,正文,,,手工测试局,2025-01-02,2025-01-03,HB-P3,其他,zc,政府网站,有效,', // P3: not in table 二
        '示范市夜间施工管理办法,正文,,示政规〔2025〕2号,手工测试局,2025-04-01,2025-04-03,HB-P4,行政规范性文件,zc,政府网站,有效,', // P4: withdrawn, still counted
      ].join('\n'),
      'csv',
    );
    await publications.importPublications('hb', rows, 'u-clerk', { dryRun: false, actorRoles: ROLE_CODES });
    for (const row of await database.db.selectFrom('publications').select(['id', 'index_number']).where('agency_id', '=', hb).execute()) pub[(row.index_number ?? '').slice(3)] = row.id;
    await publications.changeValidity(pub.P2!, 1, { status: 'expired', effectiveFrom: null, endedOn: '2025-08-01' }, '有效期届满', 'u-clerk', ROLE_CODES);
    await publications.withdraw(pub.P4!, 1, '需重新排版', 'u-clerk', ROLE_CODES);
  });

  it('table 三 of the hand-built 2025: the cases of each cell, newest first', async () => {
    expect(await ids({ table: 'table3', row: 'received', column: 'natural_person' })).toEqual(['I3', 'I1', tn.O3]);
    expect(await ids({ table: 'table3', row: 'received', column: 'business' })).toEqual([tn.O2]);
    expect(await ids({ table: 'table3', row: 'received', column: 'total' })).toEqual(['I3', 'I1', tn.O3, tn.O2]);
    expect(await ids({ table: 'table3', row: 'carriedIn', column: 'total' })).toEqual([tn.O1, 'I2']);
    expect(await ids({ table: 'table3', row: 'disclosed', column: 'natural_person' })).toEqual(['I1', tn.O1]);
    expect(await ids({ table: 'table3', row: 'withheld_state_secret', column: 'total' })).toEqual([tn.O3]);
    expect(await ids({ table: 'table3', row: 'unavailable_not_held', column: 'legal_service_org' })).toEqual(['I2']);
    expect(await ids({ table: 'table3', row: 'concludedTotal', column: 'total' })).toEqual(['I2', 'I1', tn.O3, tn.O1]);
    expect(await ids({ table: 'table3', row: 'carriedOver', column: 'total' })).toEqual(['I3', tn.O2]);
    expect(await ids({ table: 'table3', row: 'partially_disclosed', column: 'total' })).toEqual([]);
  });

  it('shows a case by its number and request, never the applicant, with the outcome and date', async () => {
    const contents = await findReportCellContents(database.db, hb, 2025, { table: 'table3', row: 'disclosed', column: 'natural_person' });
    expect(contents.kind).toBe('applications');
    expect(contents.label).toBe('三、收到和处理政府信息公开申请情况 · 三、本年度办理结果 · （一）予以公开 · 自然人');
    expect(contents.items).toEqual([
      { id: 'I1', title: 'I1（导入的记录）', date: '2025-05-20', detail: '自然人 · 予以公开 · 2025-05-20 办结', consolePath: null },
      { id: tn.O1, title: `${tn.O1} 示范路拓宽工程的立项批复`, date: '2025-01-08', detail: '自然人 · 予以公开 · 2025-01-08 办结', consolePath: `/applications/${tn.O1}` },
    ]);
    const open = await findReportCellContents(database.db, hb, 2025, { table: 'table3', row: 'carriedOver', column: 'business' });
    // The request is cut at 40 characters.
    expect(open.items[0]?.title).toBe(`${tn.O2} 2024年度本市建设工程招标投标情况统计及有关评标专家抽取记录和全部中标结果公示…`);
    expect(open.items[0]?.detail).toBe('商业企业 · 年底未办结 · 2025-03-03 收到');
    expect(JSON.stringify(open)).not.toContain('示范有限公司');
    const secret = await findReportCellContents(database.db, hb, 2025, { table: 'table3', row: 'withheld_state_secret', column: 'natural_person' });
    expect(secret.label).toBe('三、收到和处理政府信息公开申请情况 · 三、本年度办理结果 · （三）不予公开 · 1.属于国家秘密 · 自然人');
  });

  it('table 四 of the hand-built 2025', async () => {
    expect(await ids({ table: 'table4', row: 'adminReview', column: 'upheld' })).toEqual([`review-case-${pub.R1}`]);
    expect(await ids({ table: 'table4', row: 'adminReview', column: 'pending' })).toEqual(['IR1']);
    expect(await ids({ table: 'table4', row: 'adminReview', column: 'total' })).toEqual([`review-case-${pub.R1}`, 'IR1']);
    expect(await ids({ table: 'table4', row: 'litigationDirect', column: 'pending' })).toEqual(['IR2']);
    expect(await ids({ table: 'table4', row: 'litigationDirect', column: 'corrected' })).toEqual([]);
    const contents = await findReportCellContents(database.db, hb, 2025, { table: 'table4', row: 'adminReview', column: 'upheld' });
    expect(contents.label).toBe('四、政府信息公开行政复议、行政诉讼情况 · 行政复议 · 结果维持');
    expect(contents.items[0]).toEqual({
      id: `review-case-${pub.R1}`,
      title: `行政复议第${pub.R1}号（示范市人民政府），涉及申请 ${tn.O1}`,
      date: '2025-05-06',
      detail: '行政复议 · 2025-02-01 提起 · 结果维持 · 2025-05-06 审结',
      consolePath: null,
    });
    const pending = await findReportCellContents(database.db, hb, 2025, { table: 'table4', row: 'litigationDirect', column: 'pending' });
    expect(pending.label).toBe('四、政府信息公开行政复议、行政诉讼情况 · 行政诉讼 · 未经复议直接起诉 · 尚未审结');
    expect(pending.items[0]?.detail).toBe('行政诉讼（未经复议直接起诉） · 2025-03-01 提起 · 年底尚未审结');
  });

  it('table 二 documents of the hand-built 2025: publications (withdrawn ones too) and imported documents', async () => {
    expect(await ids({ table: 'table2', row: 'rules', column: 'issued' })).toEqual(['ID1']);
    expect(await ids({ table: 'table2', row: 'rules', column: 'inForce' })).toEqual(['ID1']);
    expect(await ids({ table: 'table2', row: 'normativeDocuments', column: 'issued' })).toEqual([String(pub.P4), String(pub.P1)]);
    expect(await ids({ table: 'table2', row: 'normativeDocuments', column: 'repealed' })).toEqual(['ID2']);
    // P2 失效 on 2025-08-01: out of 现行有效 without counting as 废止.
    expect(await ids({ table: 'table2', row: 'normativeDocuments', column: 'inForce' })).toEqual([String(pub.P4), String(pub.P1)]);
    const contents = await findReportCellContents(database.db, hb, 2025, { table: 'table2', row: 'normativeDocuments', column: 'issued' });
    expect(contents.label).toBe('二、主动公开政府信息情况 · 第二十条第（一）项 · 行政规范性文件 · 本年制发件数');
    expect(contents.items).toEqual([
      { id: String(pub.P4), title: '示范市夜间施工管理办法', date: '2025-04-01', detail: '行政规范性文件 · 示政规〔2025〕2号 · 2025-04-01 成文 · 有效 · 已撤回', consolePath: `/publications/${pub.P4}` },
      { id: String(pub.P1), title: '示范市城市绿化管理办法', date: '2025-03-01', detail: '行政规范性文件 · 示政规〔2025〕1号 · 2025-03-01 成文 · 有效', consolePath: `/publications/${pub.P1}` },
    ]);
    const in2024 = await findReportCellContents(database.db, hb, 2024, { table: 'table2', row: 'normativeDocuments', column: 'inForce' });
    expect(in2024.items.map((item) => [item.id, item.detail])).toEqual([
      [String(pub.P2), '行政规范性文件 · 无文号 · 2024-05-01 成文 · 失效 2025-08-01'],
      ['ID2', '行政规范性文件 · 2023-01-01 制发 · 2025-06-01 废止'],
    ]);
  });

  it('says where the yearly figures come from, with no items', async () => {
    const licensing = await findReportCellContents(database.db, hb, 2025, { table: 'table2', row: 'licensing', column: null });
    expect(licensing).toMatchObject({ kind: 'figures', items: [], truncated: false, label: '二、主动公开政府信息情况 · 第二十条第（五）项 · 行政许可 · 本年处理决定数量' });
    expect(licensing.note).toContain('年度统计数填报');
    const fees = await findReportCellContents(database.db, hb, 2025, { table: 'table2', row: 'administrativeFees', column: 'value' });
    expect(fees.label).toBe('二、主动公开政府信息情况 · 第二十条第（八）项 · 行政事业性收费 · 本年收费金额（单位：万元）');
    expect(fees.address.column).toBeNull();
  });

  it('cuts a list at the limit and says so', async () => {
    const cut = await findReportCellContents(database.db, hb, 2025, { table: 'table3', row: 'received', column: 'total' }, 2);
    expect([cut.items.map((item) => item.id), cut.truncated]).toEqual([['I3', 'I1'], true]);
    const whole = await findReportCellContents(database.db, hb, 2025, { table: 'table3', row: 'received', column: 'total' }, 4);
    expect(whole.truncated).toBe(false);
  });

  it('refuses an address naming no cell with BAD_INPUT in Chinese', async () => {
    const bad: [ReportCellAddress, string][] = [
      [{ table: 'table5' as 'table2', row: 'received', column: 'total' }, '报告中没有这张表'],
      [{ table: 'table3', row: 'nothing', column: 'total' }, '表三没有这一行'],
      [{ table: 'table3', row: 'received', column: null }, '表三没有这一栏'],
      [{ table: 'table4', row: 'adminReview', column: 'natural_person' }, '表四没有这一栏'],
      [{ table: 'table2', row: 'rules', column: null }, '表二“规章”没有这一栏'],
      [{ table: 'table2', row: 'licensing', column: 'issued' }, '只有一个数字'],
    ];
    for (const [address, message] of bad) {
      await expect(findReportCellContents(database.db, hb, 2025, address)).rejects.toMatchObject({ code: 'BAD_INPUT', userMessage: expect.stringContaining(message) });
    }
    await expect(findReportCellContents(database.db, hb, 2025, { table: 'table3', row: 'received', column: 'total' }, 0)).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('lists as many items as the live report counts, in every cell of the hand-built 2024 and 2025', async () => {
    const y2025 = await mismatches(database.db, hb, 2025);
    // Non-empty cells counted from the comments above: table 三 18, table 四 5, table 二 5.
    expect(y2025).toEqual({ nonEmpty: 28, wrong: [] });
    expect((await mismatches(database.db, hb, 2024)).wrong).toEqual([]);
  });

  it('lists as many items as the live report counts, in every cell of the demo 2024 and 2025', async () => {
    for (const year of [2023, 2024, 2025, 2026]) {
      const { nonEmpty, wrong } = await mismatches(database.db, demo, year);
      expect(wrong).toEqual([]);
      if (year === 2024 || year === 2025) expect(nonEmpty).toBeGreaterThan(40);
    }
  });
});
