// The README's import-file examples must stay true: they parse, and the CSV says what the JSON says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReportRecords } from '../src/domain/report/compute/parse-report-records.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

function codeBlock(language: string): string {
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(readme);
  if (match?.[1] === undefined) throw new Error(`README.md has no ${language} block`);
  return match[1];
}

describe('README records examples', () => {
  it('the JSON example parses into the records it shows', () => {
    const records = parseReportRecords(codeBlock('json'), 'json');
    expect(records.agencyName).toBe('示范市示范局');
    expect(records.applications).toEqual([
      { id: 'YSQ-2025-001', applicantType: 'natural_person', receivedOn: '2025-01-06', concludedOn: '2025-01-20', outcome: 'disclosed' },
      { id: 'YSQ-2025-002', applicantType: 'business', receivedOn: '2025-12-29', concludedOn: null, outcome: null },
    ]);
    expect(records.reviewCases).toEqual([{ id: 'FY-2025-01', kind: 'adminReview', filedOn: '2025-05-19', concludedOn: '2025-07-10', result: 'upheld' }]);
    expect(records.documents).toEqual([{ id: '示范规〔2025〕1号', kind: 'normativeDocuments', issuedOn: '2025-04-18', repealedOn: null }]);
    expect(records.yearlyFigures).toEqual([{ year: 2025, licensing: 1342, penalty: 49, enforcement: 6, administrativeFees: '2.8760' }]);
  });

  it('the CSV example holds the same records as the JSON example', () => {
    expect(parseReportRecords(codeBlock('csv'), 'csv')).toEqual(parseReportRecords(codeBlock('json'), 'json'));
  });
});
