// computeSubtreeRollup on both engines: the grouped statements over the subtree give each agency
// the report AnnualReportService.computeReport gives it alone, and the sums worked out by hand.
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { createRecordsRepository } from '../records/records.repository.ts';
import { createAnnualReportService } from '../reports/annual-report.service.ts';
import { sumFees } from './aggregate-reports.ts';
import { computeSubtreeRollup, dateInChina } from './subtree-rollup.ts';

it('adds fees exactly and dates a timestamp in China', () => {
  expect(sumFees(['1.5', '0.25', '0', null])).toBe('1.7500');
  expect(sumFees(['0.1', '0.2'])).toBe('0.3000');
  expect(sumFees(['162', '0.00005'])).toBe('162.00005');
  expect(sumFees([null, null])).toBeNull();
  // 16:30 UTC on 31 January is 00:30 on 1 February in Beijing.
  expect(dateInChina('2026-01-31T16:30:00.000Z')).toBe('2026-02-01');
});

describeEachDatabase('computeSubtreeRollup', (database) => {
  it("gives each agency the report computed for it alone, and sums two years' carry-over by hand", async () => {
    const agencies = createAgenciesRepository(database.db);
    const root = await agencies.createAgency({ code: 'r-root', name: '某县人民政府', level: 'county' });
    const dept = await agencies.createAgency({ code: 'r-dept', name: '某县民政局', level: 'county', parentId: root.id });
    const town = await agencies.createAgency({ code: 'r-town', name: '某镇人民政府', level: 'township', parentId: root.id });
    const other = await agencies.createAgency({ code: 'r-other', name: '别县人民政府', level: 'county' });
    const records = createRecordsRepository(database.db);
    const a = (id: string, receivedOn: string, concludedOn: string | null, outcome: 'disclosed' | 'withheld_state_secret' | null, applicantType: 'natural_person' | 'business' = 'natural_person') => ({ id, applicantType, receivedOn, concludedOn, outcome });
    // 民政局: 2024: D1 received and disclosed; D2 received 2024-12-30, open until 2025-01-05 (2024 四, 2025 二).
    // 2025: D3 received, open at year end (2025 四). D4 from 2023 concluded in 2023: in neither year.
    await records.replaceRecords(dept.id, {
      agencyName: dept.name,
      applications: [a('D1', '2024-03-01', '2024-03-10', 'disclosed'), a('D2', '2024-12-30', '2025-01-05', 'withheld_state_secret', 'business'), a('D3', '2025-12-29', null, null), a('D4', '2023-05-01', '2023-05-10', 'disclosed')],
      reviewCases: [{ id: 'V1', kind: 'litigationDirect', filedOn: '2024-11-01', concludedOn: null, result: null }],
      documents: [{ id: 'N1', kind: 'normativeDocuments', issuedOn: '2024-06-01', repealedOn: '2025-03-01' }],
      yearlyFigures: [{ year: 2024, licensing: 3, penalty: 1, enforcement: 0, administrativeFees: '0' }, { year: 2025, licensing: 4, penalty: 0, enforcement: 0, administrativeFees: '0.1' }],
    });
    // 镇: 2025: T1 received and disclosed.
    await records.replaceRecords(town.id, { agencyName: town.name, applications: [a('T1', '2025-02-01', '2025-02-03', 'disclosed')], reviewCases: [], documents: [], yearlyFigures: [] });
    // Another tree: never counted.
    await records.replaceRecords(other.id, { agencyName: other.name, applications: [a('O1', '2025-02-01', '2025-02-03', 'disclosed')], reviewCases: [], documents: [], yearlyFigures: [] });

    const service = createAnnualReportService({ db: database.db });
    for (const year of [2024, 2025]) {
      const rollup = await computeSubtreeRollup(database.db, root.id, year, { today: '2026-02-01' });
      expect(rollup.agencies.map((e) => e.agency.code)).toEqual(['r-root', 'r-dept', 'r-town']);
      for (const entry of rollup.agencies) {
        const alone = await service.computeReport(entry.agency, year);
        expect(entry.report, `${entry.agency.code} ${year}`).toEqual(alone.report);
        expect(entry.findings.map((f) => f.ruleId)).toEqual(alone.findings.map((f) => f.ruleId));
      }
    }
    const y2024 = (await computeSubtreeRollup(database.db, root.id, 2024, { today: '2026-02-01' })).aggregate;
    expect([y2024.table3.received.total, y2024.table3.carriedIn.total, y2024.table3.concludedTotal.total, y2024.table3.carriedOver.total]).toEqual([2, 0, 1, 1]);
    expect(y2024.table4.litigationDirect).toEqual({ upheld: 0, corrected: 0, otherResult: 0, pending: 1, total: 1 });
    expect(y2024.table2.normativeDocuments).toEqual({ issued: 1, repealed: 0, inForce: 1 });
    const y2025 = (await computeSubtreeRollup(database.db, root.id, 2025, { today: '2026-02-01' })).aggregate;
    // 一: D3 + T1; 二: D2; 三（七）: D2 (withheld) + T1 (disclosed); 四: D3.
    expect([y2025.table3.received.total, y2025.table3.carriedIn.business, y2025.table3.concludedTotal.total, y2025.table3.carriedOver.natural_person]).toEqual([2, 1, 2, 1]);
    expect(y2025.table3.withheld_state_secret.business).toBe(1);
    expect(y2025.table3.disclosed.natural_person).toBe(1);
    expect(y2025.table2.normativeDocuments).toEqual({ issued: 0, repealed: 1, inForce: 0 });
    expect([y2025.table2.licensing, y2025.table2.administrativeFees]).toEqual([4, '0.1000']);
  });
});
