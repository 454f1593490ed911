// The lock of a 定稿/发布 year's records (issue 5): which years a change touches, worked out by
// hand from computeAnnualReport's rules, and the refusal on real databases.
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-database.ts';
import type { DomainError } from '../../domain/domain-error.ts';
import type { ApplicationRecord, DocumentRecord } from '../../domain/report/compute/report-records.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { assertRecordsChangeAllowed, assertReportYearsOpen, changesReportYear, findLockedReportYears, yearOfDate } from './report-locks.ts';

const openCase: ApplicationRecord = { id: 'A', applicantType: 'natural_person', receivedOn: '2024-12-20', concludedOn: null, outcome: null };

describe('changesReportYear', () => {
  it('a case received 2024-12-20 and concluded 2026-01-10 changes 2026 (办结) and 2027 (no longer 上年结转), not 2024 or 2025', () => {
    const concluded = { ...openCase, concludedOn: '2026-01-10', outcome: 'disclosed' as const };
    const change = (year: number) => changesReportYear({ applications: [openCase] }, { applications: [concluded] }, year);
    // 2024: 一 and 四 before and after. 2025: 二 and 四 before and after (open on 31 December either way).
    expect([2023, 2024, 2025, 2026, 2027, 2030].map(change)).toEqual([false, false, false, true, true, true]);
  });

  it('the same case concluded 2025-06-01 changes 2025 (（一） instead of 四), not 2024', () => {
    const concluded = { ...openCase, concludedOn: '2025-06-01', outcome: 'disclosed' as const };
    const change = (year: number) => changesReportYear({ applications: [openCase] }, { applications: [concluded] }, year);
    expect([2024, 2025, 2026].map(change)).toEqual([false, true, true]);
  });

  it('a new case received 2024-12-20 counts in 2024 and, while open, in every later year', () => {
    const change = (year: number) => changesReportYear({}, { applications: [openCase] }, year);
    expect([2023, 2024, 2025, 2031].map(change)).toEqual([false, true, true, true]);
  });

  it('a document issued 2023-05-01 and repealed on 2025-03-01 changes 2025 (本年废止) and later (现行有效), not 2023 or 2024', () => {
    const issued: DocumentRecord = { id: 'D', kind: 'rules', issuedOn: '2023-05-01', repealedOn: null };
    const change = (year: number) => changesReportYear({ documents: [issued] }, { documents: [{ ...issued, repealedOn: '2025-03-01' }] }, year);
    expect([2023, 2024, 2025, 2026].map(change)).toEqual([false, false, true, true]);
  });

  it('yearly figures change only their year, and the same fee written with more decimals changes nothing', () => {
    const figures = { year: 2024, licensing: 10, penalty: 2, enforcement: 0, administrativeFees: '1.5' };
    expect(changesReportYear({ yearlyFigures: [figures] }, { yearlyFigures: [{ ...figures, licensing: 11 }] }, 2024)).toBe(true);
    expect(changesReportYear({ yearlyFigures: [figures] }, { yearlyFigures: [{ ...figures, licensing: 11 }] }, 2025)).toBe(false);
    expect(changesReportYear({ yearlyFigures: [figures] }, { yearlyFigures: [{ ...figures, administrativeFees: '1.5000' }] }, 2024)).toBe(false);
  });

  it('reads the year of a date', () => {
    expect(yearOfDate('2025-12-31')).toBe(2025);
  });
});

describeEachDatabase('report locks', (database) => {
  let agencyId = 0;
  let otherId = 0;

  const refusal = async (promise: Promise<unknown>): Promise<DomainError> => {
    try {
      await promise;
    } catch (error) {
      return error as DomainError;
    }
    throw new Error('expected a refusal');
  };

  it('sets up: 2022 定稿, 2023 发布, 2024 审核中, 2025 草稿, 2026 no row; another agency has 2024 定稿', async () => {
    const agencies = createAgenciesRepository(database.db);
    agencyId = (await agencies.createAgency({ code: 'lock', name: '锁定测试局', level: 'municipal' })).id;
    otherId = (await agencies.createAgency({ code: 'lock2', name: '另一局', level: 'municipal' })).id;
    const row = (agency: number, year: number, state: string) => ({ agency_id: agency, year, state, version: 1, final_json: null, published_json: null, published_at: null });
    await database.db
      .insertInto('annual_reports')
      .values([row(agencyId, 2022, 'finalized'), row(agencyId, 2023, 'published'), row(agencyId, 2024, 'inReview'), row(agencyId, 2025, 'draft'), row(otherId, 2024, 'finalized')])
      .execute();
    expect(await findLockedReportYears(database.db, agencyId)).toEqual([
      { year: 2022, state: 'finalized' },
      { year: 2023, state: 'published' },
    ]);
  });

  it('refuses a finalized year with CONFLICT and the Chinese message', async () => {
    const error = await refusal(assertReportYearsOpen(database.db, agencyId, [2022]));
    expect(error.code).toBe('CONFLICT');
    expect(error.userMessage).toBe('2022年度报告已定稿，该年度的数据已锁定。如确需修改，请由分管领导在“年度报告”中解除锁定（须填写理由）。');
    expect(error.details).toEqual({ year: 2022, state: 'finalized', reportLocked: true });
  });

  it('refuses a published year', async () => {
    const error = await refusal(assertReportYearsOpen(database.db, agencyId, [2023]));
    expect(error.code).toBe('CONFLICT');
    expect(error.userMessage.startsWith('2023年度报告已发布，该年度的数据已锁定。')).toBe(true);
  });

  it('names the oldest locked year when several are given', async () => {
    const error = await refusal(assertReportYearsOpen(database.db, agencyId, [2025, 2023, 2022]));
    expect(error.details.year).toBe(2022);
  });

  it('allows 审核中, 草稿, a year without a row, no years, and a year locked only for another agency', async () => {
    await expect(assertReportYearsOpen(database.db, agencyId, [2024, 2025, 2026])).resolves.toBeUndefined();
    await expect(assertReportYearsOpen(database.db, agencyId, [])).resolves.toBeUndefined();
    await expect(assertReportYearsOpen(database.db, otherId, [2022, 2023])).resolves.toBeUndefined();
    await expect(assertReportYearsOpen(database.db, otherId, [2024])).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a new case received 2021-12-30 and still open: it would be 上年结转 in locked 2022', async () => {
    const received = { ...openCase, receivedOn: '2021-12-30' };
    const error = await refusal(assertRecordsChangeAllowed(database.db, agencyId, { before: {}, after: { applications: [received] } }));
    expect(error.details).toEqual({ year: 2022, state: 'finalized', reportLocked: true });
  });

  it('allows a case received in 2024 (审核中) but refuses one dated in 2023 (发布)', async () => {
    await expect(assertRecordsChangeAllowed(database.db, agencyId, { before: {}, after: { applications: [{ ...openCase, receivedOn: '2024-03-01' }] } })).resolves.toBeUndefined();
    const error = await refusal(assertRecordsChangeAllowed(database.db, agencyId, { before: {}, after: { applications: [{ ...openCase, receivedOn: '2023-03-01' }] } }));
    expect(error.details.year).toBe(2023);
  });

  it('refuses a named locked year even when no number changes', async () => {
    const same = { applications: [{ ...openCase, receivedOn: '2024-03-01' }] };
    await expect(assertRecordsChangeAllowed(database.db, agencyId, { before: same, after: same })).resolves.toBeUndefined();
    await expect(assertRecordsChangeAllowed(database.db, agencyId, { before: same, after: same, years: [2023] })).rejects.toMatchObject({ code: 'CONFLICT', details: { year: 2023 } });
  });
});
