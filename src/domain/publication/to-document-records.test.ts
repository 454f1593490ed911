import { describe, expect, it } from 'vitest';
import { computeAnnualReport } from '../report/compute/compute-annual-report.ts';
import type { PublicationForReport } from './to-document-records.ts';
import { toDocumentRecords } from './to-document-records.ts';

const EFFECTIVE = { status: 'effective' as const, effectiveFrom: null, endedOn: null };
const item = (id: number, overrides: Partial<PublicationForReport> = {}): PublicationForReport => ({ id, kind: 'normativeDocuments', state: 'published', writtenOn: '2025-03-03', validity: EFFECTIVE, ...overrides });

describe('toDocumentRecords', () => {
  it('maps a published 规范性文件, issued on its 成文日期', () => {
    expect(toDocumentRecords([item(7)])).toEqual([{ id: 'publication-7', kind: 'normativeDocuments', issuedOn: '2025-03-03', repealedOn: null, expiredOn: null }]);
  });

  it.each([
    { state: 'draft' as const, counted: false },
    { state: 'in_review' as const, counted: false },
    { state: 'returned' as const, counted: false },
    { state: 'published' as const, counted: true },
    { state: 'withdrawn' as const, counted: true },
  ])('counts a $state item: $counted', ({ state, counted }) => {
    expect(toDocumentRecords([item(1, { state })])).toHaveLength(counted ? 1 : 0);
  });

  it.each([
    { kind: 'rules' as const, counted: true },
    { kind: 'normativeDocuments' as const, counted: true },
    { kind: 'other' as const, counted: false },
  ])('counts kind $kind: $counted', ({ kind, counted }) => {
    expect(toDocumentRecords([item(1, { kind })])).toHaveLength(counted ? 1 : 0);
  });

  it('puts 废止 in repealedOn and 失效 in expiredOn', () => {
    const [repealed, expired] = toDocumentRecords([
      item(1, { validity: { status: 'repealed', effectiveFrom: null, endedOn: '2025-09-30' } }),
      item(2, { kind: 'rules', validity: { status: 'expired', effectiveFrom: '2025-04-01', endedOn: '2025-12-31' } }),
    ]);
    expect(repealed).toMatchObject({ repealedOn: '2025-09-30', expiredOn: null });
    expect(expired).toMatchObject({ kind: 'rules', repealedOn: null, expiredOn: '2025-12-31' });
  });

  it('gives table 二 counts worked out by hand', () => {
    const documents = toDocumentRecords([
      item(1, { writtenOn: '2024-05-01' }), // in force
      item(2, { writtenOn: '2025-02-01', state: 'withdrawn' }), // issued 2025, in force
      item(3, { writtenOn: '2023-01-01', validity: { status: 'repealed', effectiveFrom: null, endedOn: '2025-06-30' } }), // repealed 2025
      item(4, { writtenOn: '2025-03-01', validity: { status: 'expired', effectiveFrom: null, endedOn: '2025-08-31' } }), // issued 2025, expired
      item(5, { writtenOn: '2025-04-01', state: 'draft' }), // not issued
      item(6, { writtenOn: '2025-04-01', kind: 'other' }), // not counted in table 二
    ]);
    const report = computeAnnualReport({ agencyName: '测试局', applications: [], reviewCases: [], documents, yearlyFigures: [] }, 2025);
    expect(report.table2.normativeDocuments).toEqual({ issued: 2, repealed: 1, inForce: 2 });
    expect(report.table2.rules).toEqual({ issued: 0, repealed: 0, inForce: 0 });
  });
});
