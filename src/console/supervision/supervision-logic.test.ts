import { describe, expect, it } from 'vitest';
import type { SupervisedAgency } from './supervision-api.ts';
import { chinaDateTime, defaultYear, filterAgencies, insideConsole, parseSupervisionPath, sumValues, supervisionPath, withSnapshot, yearOptions } from './supervision-logic.ts';

const agency = (code: string, status: SupervisedAgency['status'], late: boolean): SupervisedAgency => ({
  code,
  name: code,
  level: 'county',
  levelLabel: '县级',
  parentCode: null,
  depth: 0,
  external: false,
  status,
  statusLabel: '',
  source: 'live',
  sourceLabel: '',
  late,
  deadline: '2026-01-31',
  deadlineSetBy: null,
  publishedAt: null,
  errors: 0,
  warnings: 0,
  imported: null,
  links: { portal: null, console: '', api: '' },
});

describe('supervision screen helpers', () => {
  it('opens last year by China time: 31 December 17:00 UTC is already 1 January in Beijing', () => {
    expect(defaultYear(new Date('2026-11-28T08:00:00Z'))).toBe(2025);
    expect(defaultYear(new Date('2026-12-31T17:00:00Z'))).toBe(2026);
    expect(defaultYear(new Date('2026-12-31T15:59:00Z'))).toBe(2025);
  });

  it('offers the years from this one back to 2019', () => {
    expect(yearOptions(new Date('2021-06-01T00:00:00Z'))).toEqual([2021, 2020, 2019]);
  });

  it('reads the three kinds of path and writes them back', () => {
    expect(parseSupervisionPath('/supervision', 'demo', 2025)).toEqual({ agency: 'demo', year: 2025, child: null });
    expect(parseSupervisionPath('/supervision/city', 'demo', 2025)).toEqual({ agency: 'city', year: 2025, child: null });
    expect(parseSupervisionPath('/supervision/city/2024', 'demo', 2025)).toEqual({ agency: 'city', year: 2024, child: null });
    expect(parseSupervisionPath('/supervision/city/2024/bureau-a', 'demo', 2025)).toEqual({ agency: 'city', year: 2024, child: 'bureau-a' });
    expect(parseSupervisionPath('/supervision/city/next/bureau-a', 'demo', 2025)).toBeNull();
    expect(parseSupervisionPath('/supervision/a/2024/b/c', 'demo', 2025)).toBeNull();
    expect(supervisionPath({ agency: 'city', year: 2024, child: 'bureau-a' })).toBe('/supervision/city/2024/bureau-a');
    expect(supervisionPath({ agency: 'city', year: 2024, child: null })).toBe('/supervision/city/2024');
    expect(insideConsole('/console/supervision/city/2025/bureau-a')).toBe('/supervision/city/2025/bureau-a');
  });

  it('filters by status and by lateness together', () => {
    const list = [agency('a', 'draft', true), agency('b', 'draft', false), agency('c', 'published', false), agency('d', 'notStarted', true)];
    expect(filterAgencies(list, { status: null, lateOnly: false }).map((a) => a.code)).toEqual(['a', 'b', 'c', 'd']);
    expect(filterAgencies(list, { status: 'draft', lateOnly: false }).map((a) => a.code)).toEqual(['a', 'b']);
    expect(filterAgencies(list, { status: null, lateOnly: true }).map((a) => a.code)).toEqual(['a', 'd']);
    expect(filterAgencies(list, { status: 'draft', lateOnly: true }).map((a) => a.code)).toEqual(['a']);
  });

  it('adds the snapshot id to API and download links', () => {
    expect(withSnapshot('/api/supervision/city/2025/export.xlsx', 'aB3-_x')).toBe('/api/supervision/city/2025/export.xlsx?snapshot=aB3-_x');
    expect(withSnapshot('/api/supervision/city/2025/cells?table=table2&row=licensing', 'aB3-_x')).toBe('/api/supervision/city/2025/cells?table=table2&row=licensing&snapshot=aB3-_x');
    expect(withSnapshot('/api/supervision/city/2025/agencies/a', 'a b')).toBe('/api/supervision/city/2025/agencies/a?snapshot=a%20b');
    expect(withSnapshot('/api/supervision/city/2025/export.docx', null)).toBe('/api/supervision/city/2025/export.docx');
  });

  it('shows the data time on China time (UTC+8)', () => {
    expect(chinaDateTime('2026-11-28T09:30:00.000Z')).toBe('2026-11-28 17:30');
    // 16:05 UTC on New Year's Eve is already 00:05 on 1 January in Beijing.
    expect(chinaDateTime('2026-12-31T16:05:59.000Z')).toBe('2027-01-01 00:05');
  });

  it('adds counts and 万元 amounts, leaving a cell blank only when every agency did', () => {
    expect(sumValues([null, 12, 5, 1, null])).toBe(18);
    expect(sumValues([null, null])).toBeNull();
    expect(sumValues(['1.5', null, '0.25', '0'])).toBe('1.7500');
    expect(sumValues(['0.1', '0.2'])).toBe('0.3000');
  });
});
