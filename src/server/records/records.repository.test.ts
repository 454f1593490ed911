import { expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DomainError } from '../../domain/domain-error.ts';
import type { ApplicationRecord, ReportRecords } from '../../domain/report/compute/report-records.ts';
import { createSampleRecords } from '../../../test/report-records-fixture.ts';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { createRecordsRepository } from './records.repository.ts';
import { recordYears } from '../reports/annual-report.service.ts';
import { computeAnnualReport } from '../../domain/report/compute/compute-annual-report.ts';
import type { ReportCounts } from '../../domain/report/compute/compute-annual-report-from-counts.ts';
import { computeAnnualReportFromCounts, countReportRecords } from '../../domain/report/compute/compute-annual-report-from-counts.ts';

/** Groups in a fixed order, those of one key summed: the database may split or order them differently. */
function normalize(counts: ReportCounts): ReportCounts {
  const merge = <T extends object>(rows: readonly T[], key: (row: T) => string): T[] => {
    const byKey = new Map<string, T>();
    for (const row of rows) {
      const seen = byKey.get(key(row));
      byKey.set(
        key(row),
        seen === undefined ? { ...row } : (Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? v + (seen[k as keyof T] as number) : v])) as T),
      );
    }
    return [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, row]) => row);
  };
  return {
    applications: merge(counts.applications, (r) => `${r.applicantType}|${r.outcome ?? ''}`),
    reviewCases: merge(counts.reviewCases, (r) => `${r.kind}|${r.result ?? ''}`),
  };
}

// Boundary dates around 2025, with the place of each worked out in compute-annual-report-from-counts.test.ts.
const BOUNDARY_RECORDS: ReportRecords = {
  agencyName: '边界局',
  applications: [
    { id: 'B1', applicantType: 'natural_person', receivedOn: '2025-01-01', concludedOn: null, outcome: null },
    { id: 'B2', applicantType: 'business', receivedOn: '2025-12-31', concludedOn: '2025-12-31', outcome: 'disclosed' },
    { id: 'B3', applicantType: 'natural_person', receivedOn: '2024-12-31', concludedOn: '2025-01-01', outcome: 'other' },
    { id: 'B4', applicantType: 'natural_person', receivedOn: '2024-12-31', concludedOn: '2024-12-31', outcome: 'disclosed' },
    { id: 'B5', applicantType: 'other_org', receivedOn: '2023-06-01', concludedOn: null, outcome: null },
    { id: 'B6', applicantType: 'legal_service_org', receivedOn: '2025-12-31', concludedOn: '2026-01-01', outcome: 'partially_disclosed' },
    { id: 'B7', applicantType: 'business', receivedOn: '2026-01-01', concludedOn: null, outcome: null },
    { id: 'B8', applicantType: 'business', receivedOn: '2025-02-01', concludedOn: '2025-02-20', outcome: 'disclosed' },
  ],
  reviewCases: [
    { id: 'R1', kind: 'adminReview', filedOn: '2024-11-01', concludedOn: '2025-01-01', result: 'upheld' },
    { id: 'R2', kind: 'adminReview', filedOn: '2024-11-01', concludedOn: '2024-12-31', result: 'corrected' },
    { id: 'R3', kind: 'litigationDirect', filedOn: '2025-12-31', concludedOn: null, result: null },
    { id: 'R4', kind: 'litigationAfterReview', filedOn: '2025-06-01', concludedOn: '2026-01-01', result: 'otherResult' },
    { id: 'R5', kind: 'adminReview', filedOn: '2026-01-01', concludedOn: null, result: null },
  ],
  documents: [],
  yearlyFigures: [],
};

describeEachDatabase('records repository', (database) => {
  async function newAgency(code: string, name: string) {
    return createAgenciesRepository(database.db).createAgency({ code, name, level: 'municipal' });
  }

  it('reads back exactly the records it wrote', async () => {
    const agency = await newAgency('round-trip', '往返测试局');
    const records = createSampleRecords('往返测试局');
    const repository = createRecordsRepository(database.db);
    await repository.replaceRecords(agency.id, records);
    expect(await repository.findRecords(agency.id)).toEqual(records);
  });

  it('gives an agency with no records empty lists and its own name', async () => {
    const agency = await newAgency('empty', '空白局');
    expect(await createRecordsRepository(database.db).findRecords(agency.id)).toEqual({
      agencyName: '空白局',
      applications: [],
      reviewCases: [],
      documents: [],
      yearlyFigures: [],
    });
  });

  it('replaces all of an agency\u2019s records, keeping the order written, across several insert batches', async () => {
    const agency = await newAgency('many', '批量局');
    const repository = createRecordsRepository(database.db);
    await repository.replaceRecords(agency.id, createSampleRecords('批量局'));
    // 1 203 rows need three batches of at most 500.
    const applications: ApplicationRecord[] = Array.from({ length: 1203 }, (_, i) => ({
      id: `M-${String(1203 - i).padStart(4, '0')}`,
      applicantType: i % 2 === 0 ? 'natural_person' : 'other_org',
      receivedOn: `2025-${String((i % 12) + 1).padStart(2, '0')}-15`,
      concludedOn: null,
      outcome: null,
    }));
    const replacement: ReportRecords = { agencyName: '批量局', applications, reviewCases: [], documents: [], yearlyFigures: [] };
    await repository.replaceRecords(agency.id, replacement);
    const found = await repository.findRecords(agency.id);
    expect(found.applications).toHaveLength(1203);
    expect(found.applications[0]?.id).toBe('M-1203');
    expect(found.applications[1202]?.id).toBe('M-0001');
    expect(found).toEqual(replacement);
  });

  it('never returns one agency\u2019s records for another', async () => {
    const a = await newAgency('iso-a', '甲局');
    const b = await newAgency('iso-b', '乙局');
    const repository = createRecordsRepository(database.db);
    await repository.replaceRecords(a.id, createSampleRecords('甲局', 'A'));
    await repository.replaceRecords(b.id, createSampleRecords('乙局', 'B'));
    // Replacing B's records leaves A's alone.
    await repository.replaceRecords(b.id, { agencyName: '乙局', applications: [], reviewCases: [], documents: [], yearlyFigures: [] });

    const foundA = await repository.findRecords(a.id);
    const foundB = await repository.findRecords(b.id);
    expect(foundA).toEqual(createSampleRecords('甲局', 'A'));
    expect(foundB.applications).toEqual([]);
    expect(foundB.yearlyFigures).toEqual([]);
  });

  it('leaves the old records untouched when one new row is invalid (one transaction)', async () => {
    const agency = await newAgency('rollback', '回滚局');
    const repository = createRecordsRepository(database.db);
    const old = createSampleRecords('回滚局', 'OLD');
    await repository.replaceRecords(agency.id, old);

    const bad = createSampleRecords('回滚局', 'NEW');
    // The applications and review cases are written first; the last table's row breaks a CHECK.
    bad.yearlyFigures.push({ year: 2025, licensing: -1, penalty: 0, enforcement: 0, administrativeFees: '0' });
    await expect(repository.replaceRecords(agency.id, bad)).rejects.toThrow();
    expect(await repository.findRecords(agency.id)).toEqual(old);

    const badCode = createSampleRecords('回滚局', 'NEW2');
    badCode.applications.push({ id: 'NEW2-X', applicantType: 'journalist' as ApplicationRecord['applicantType'], receivedOn: '2024-05-05', concludedOn: null, outcome: null });
    await expect(repository.replaceRecords(agency.id, badCode)).rejects.toThrow();
    expect(await repository.findRecords(agency.id)).toEqual(old);
  });

  it('rejects a concluded application without an outcome', async () => {
    const agency = await newAgency('open-check', '校验局');
    const records = createSampleRecords('校验局');
    records.applications.push({ id: 'C1', applicantType: 'natural_person', receivedOn: '2024-01-02', concludedOn: '2024-01-10', outcome: null });
    await expect(createRecordsRepository(database.db).replaceRecords(agency.id, records)).rejects.toThrow();
  });

  it('throws NOT_FOUND for an unknown agency', async () => {
    const error = await createRecordsRepository(database.db).findRecords(987654).catch((e: unknown) => e);
    expect((error as DomainError).code).toBe('NOT_FOUND');
  });

  it('saves, reads and overwrites a year\u2019s report text, per agency and year', async () => {
    const agency = await newAgency('texts', '文本局');
    const other = await newAgency('texts-other', '他局');
    const repository = createRecordsRepository(database.db);
    expect(await repository.findReportText(agency.id, 2024)).toBeUndefined();

    await repository.saveReportText(agency.id, 2024, { overview: '总体情况初稿', problems: '问题', otherMatters: '其他' });
    await repository.saveReportText(agency.id, 2024, { overview: '总体情况定稿', problems: '问题二', otherMatters: '其他二' });
    await repository.saveReportText(agency.id, 2025, { overview: '2025年', problems: '', otherMatters: '' });

    expect(await repository.findReportText(agency.id, 2024)).toEqual({ overview: '总体情况定稿', problems: '问题二', otherMatters: '其他二' });
    expect(await repository.findReportText(agency.id, 2025)).toEqual({ overview: '2025年', problems: '', otherMatters: '' });
    expect(await repository.findReportText(other.id, 2024)).toBeUndefined();
  });

  it.each([2023, 2024, 2025, 2026])('groups the imported records of %i in SQL as countReportRecords does', async (year) => {
    const agency = await newAgency(`counts-${year}`, '边界局');
    const repository = createRecordsRepository(database.db);
    await repository.replaceRecords(agency.id, BOUNDARY_RECORDS);
    expect(normalize(await repository.findReportCounts(agency.id, year))).toEqual(normalize(countReportRecords(BOUNDARY_RECORDS, year)));
  });

  it('groups the agency\u2019s own cases too, summed with the imported ones: the report findRecords gives', async () => {
    const agency = await newAgency('counts-cases', '案件局');
    const other = await newAgency('counts-other', '他局');
    const repository = createRecordsRepository(database.db);
    await repository.replaceRecords(agency.id, BOUNDARY_RECORDS);
    const db: Kysely<Database> = database.db;
    // Summary rows as the service writes them; a case not yet closed counts as open whatever its columns say.
    const cases: [number, string, string, string, string | null, string | null][] = [
      [agency.id, 'natural_person', '2024-12-31', 'closed', '2025-01-01', 'disclosed'],
      [agency.id, 'natural_person', '2024-12-31', 'closed', '2024-12-31', 'disclosed'],
      [agency.id, 'business', '2024-10-10', 'in_progress', '2024-11-01', 'disclosed'],
      [agency.id, 'business', '2025-12-31', 'consulting', null, null],
      [agency.id, 'other_org', '2025-01-01', 'closed', '2025-12-31', 'other'],
      [agency.id, 'other_org', '2025-05-05', 'closed', '2026-01-01', 'other'],
      [other.id, 'other_org', '2025-05-05', 'in_progress', null, null],
    ];
    let n = 0;
    for (const [agencyId, applicantType, receivedOn, state, concludedOn, outcome] of cases) {
      n += 1;
      await db
        .insertInto('applications')
        .values({
          agency_id: agencyId,
          tracking_number: `COUNTS-${n}`,
          query_code_hash: 'h',
          channel: 'online',
          applicant_type: applicantType,
          applicant_name: '申请人',
          requested_information: '信息',
          received_on: receivedOn,
          state,
          outcome,
          concluded_on: concludedOn,
          version: 1,
        })
        .execute();
    }
    await db
      .insertInto('review_cases')
      .values([
        { agency_id: agency.id, application_id: null, kind: 'adminReview', body: '市政府', filed_on: '2024-12-31', concluded_on: '2025-01-01', result: 'corrected' },
        { agency_id: agency.id, application_id: null, kind: 'litigationDirect', body: '法院', filed_on: '2025-12-31', concluded_on: null, result: null },
        { agency_id: other.id, application_id: null, kind: 'litigationDirect', body: '法院', filed_on: '2025-12-31', concluded_on: null, result: null },
      ])
      .execute();

    const all = await repository.findRecords(agency.id);
    const rest = await repository.findRecordsWithoutCases(agency.id);
    expect(rest).toEqual({ agencyName: all.agencyName, documents: all.documents, yearlyFigures: all.yearlyFigures });
    for (const year of [2024, 2025, 2026]) {
      const counts = await repository.findReportCounts(agency.id, year);
      expect(normalize(counts)).toEqual(normalize(countReportRecords(all, year)));
      expect(computeAnnualReportFromCounts(counts, year, rest)).toEqual(computeAnnualReport(all, year));
    }
    // Hand-counted 2025 for the cases alone plus the imported ones: 一 = 4 imported (B1, B2, B6, B8) + 3 cases.
    const report = computeAnnualReportFromCounts(await repository.findReportCounts(agency.id, 2025), 2025, rest);
    expect(report.table3.received.total).toBe(7);
    // 二 = B3, B5 + the case closed 1 Jan + the case not closed (its dates notwithstanding).
    expect(report.table3.carriedIn.total).toBe(4);
    expect(report.table4.adminReview).toMatchObject({ upheld: 1, corrected: 1, total: 2 });
    expect(report.table4.litigationDirect).toMatchObject({ pending: 2, total: 2 });
  });

  it('lists the years recordYears lists, without loading the records', async () => {
    const agency = await newAgency('years', '年度局');
    const repository = createRecordsRepository(database.db);
    expect(await repository.findRecordYears(agency.id)).toEqual([]);
    await repository.replaceRecords(agency.id, BOUNDARY_RECORDS);
    // Received or filed in 2023 to 2026 (B5 2023, B3 2024, B1 2025, B7 2026); no figures.
    expect(await repository.findRecordYears(agency.id)).toEqual([2026, 2025, 2024, 2023]);
    const records = createSampleRecords('年度局');
    records.yearlyFigures.push({ year: 2019, licensing: 1, penalty: 0, enforcement: 0, administrativeFees: '0' });
    await repository.replaceRecords(agency.id, records);
    await database.db
      .insertInto('review_cases')
      .values({ agency_id: agency.id, application_id: null, kind: 'adminReview', body: '市政府', filed_on: '2022-03-01', concluded_on: null, result: null })
      .execute();
    // Sample: 2024 applications and cases, figures 2023 and 2024; plus figures 2019 and a 2022 review case.
    expect(await repository.findRecordYears(agency.id)).toEqual([2024, 2023, 2022, 2019]);
    expect(await repository.findRecordYears(agency.id)).toEqual(recordYears(await repository.findRecords(agency.id)));

    // A 规范性文件 published through Gongkai, written 2018 and repealed 2021: both years have a table 二;
    // a draft (2017) does not count.
    const publication = (written: string, state: string, validity: string, endedOn: string | null) => ({
      agency_id: agency.id,
      index_number: state === 'published' ? `X/${written}` : null,
      title: '示范市某某管理办法',
      body_html: '<p>正文</p>',
      body_text: '正文',
      summary: '',
      document_number: null,
      issuer: '年度局',
      written_on: written,
      published_on: state === 'published' ? written : null,
      kind: 'normativeDocuments',
      category_code: 'a20-01',
      channels: '["website"]',
      validity,
      effective_from: null,
      validity_ended_on: endedOn,
      state,
      current_step: null,
      author: 'u-clerk',
      withdrawn_on: null,
      version: 2,
    });
    await database.db
      .insertInto('publications')
      .values([publication('2018-05-02', 'published', 'repealed', '2021-03-01'), publication('2017-06-01', 'draft', 'effective', null)])
      .execute();
    expect(await repository.findRecordYears(agency.id)).toEqual([2024, 2023, 2022, 2021, 2019, 2018]);
    expect(await repository.findRecordYears(agency.id)).toEqual(recordYears(await repository.findRecords(agency.id)));
  });
});
