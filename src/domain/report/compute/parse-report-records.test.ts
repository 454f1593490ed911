import { describe, expect, it } from 'vitest';
import { isCalendarDate, parseReportRecords } from './parse-report-records.ts';
import { DomainError } from '../../domain-error.ts';

const csv = [
  'record,id,applicantType,receivedOn,concludedOn,outcome,kind,filedOn,result,issuedOn,repealedOn,year,licensing,penalty,enforcement,administrativeFees',
  'application,a1,natural_person,2024-03-01,2024-03-20,disclosed,,,,,,,,,,',
  'application,a2,business,2024-12-30,,,,,,,,,,,,',
  'reviewCase,r1,,,,,adminReview,2024-05-01,,,,,,,,',
  'document,d1,,,,,normativeDocuments,,,2024-02-02,,,,,,',
  'yearlyFigures,,,,,,,,,,,2024,3,1,0,0.25',
  '',
].join('\r\n');

function problemsOf(fn: () => unknown): { where: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('BAD_INPUT');
    return (error as DomainError).details.problems as { where: string; message: string }[];
  }
  throw new Error('expected a DomainError');
}

describe('parseReportRecords', () => {
  it('reads a CSV with a record column', () => {
    const records = parseReportRecords(csv, 'csv', { agencyName: '测试局' });
    expect(records.agencyName).toBe('测试局');
    expect(records.applications).toEqual([
      { id: 'a1', applicantType: 'natural_person', receivedOn: '2024-03-01', concludedOn: '2024-03-20', outcome: 'disclosed' },
      { id: 'a2', applicantType: 'business', receivedOn: '2024-12-30', concludedOn: null, outcome: null },
    ]);
    expect(records.reviewCases).toEqual([{ id: 'r1', kind: 'adminReview', filedOn: '2024-05-01', concludedOn: null, result: null }]);
    expect(records.documents).toEqual([{ id: 'd1', kind: 'normativeDocuments', issuedOn: '2024-02-02', repealedOn: null }]);
    expect(records.yearlyFigures).toEqual([{ year: 2024, licensing: 3, penalty: 1, enforcement: 0, administrativeFees: '0.25' }]);
  });

  it('reads JSON', () => {
    const json = JSON.stringify({
      agencyName: '某局',
      applications: [{ id: 'x', applicantType: 'other_org', receivedOn: '2024-01-02', concludedOn: null, outcome: null }],
    });
    const records = parseReportRecords(json, 'json');
    expect(records.agencyName).toBe('某局');
    expect(records.applications[0]?.applicantType).toBe('other_org');
    expect(records.reviewCases).toEqual([]);
  });

  it('rejects the whole file and lists every bad row by line', () => {
    const bad = csv
      .replace('natural_person,2024-03-01', 'alien,2024-02-30')
      .replace('2024-12-30,,', '2024-12-30,2024-12-01,');
    const problems = problemsOf(() => parseReportRecords(bad, 'csv', { agencyName: '测试局' }));
    const wheres = problems.map((p) => p.where);
    expect(wheres.filter((w) => w === '第2行')).toHaveLength(2); // bad applicant type, 2月30日
    expect(problems.some((p) => p.where === '第3行' && p.message.includes('缺少“outcome”'))).toBe(true);
    expect(problems.some((p) => p.where === '第3行' && p.message.includes('早于'))).toBe(true);
  });

  it('rejects duplicate ids, an unknown record kind and a file without agency', () => {
    const dup = csv.replace('application,a2', 'application,a1').replace('document,d1', 'memo,d1');
    const problems = problemsOf(() => parseReportRecords(dup, 'csv'));
    expect(problems.some((p) => p.message.includes('memo'))).toBe(true);
    expect(problems.some((p) => p.message.includes('编号“a1”重复'))).toBe(true);
    expect(problems.some((p) => p.where === 'agencyName')).toBe(true);
  });

  it('gives a clear error for non-JSON and for a CSV without header', () => {
    expect(() => parseReportRecords('{oops', 'json')).toThrow(DomainError);
    expect(() => parseReportRecords('a,b\n1,2', 'csv')).toThrow(/record/);
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2024-13-01')).toBe(false);
    expect(isCalendarDate('2024-4-01')).toBe(false);
  });
});
