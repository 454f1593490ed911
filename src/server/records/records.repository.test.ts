import { expect, it } from 'vitest';
import type { DomainError } from '../../domain/domain-error.ts';
import type { ApplicationRecord, ReportRecords } from '../../domain/report/compute/report-records.ts';
import { createSampleRecords } from '../../../test/report-records-fixture.ts';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { createRecordsRepository } from './records.repository.ts';

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
});
