// Real published reports, each changed in one place (a cell, a label, a number in the prose),
// read from bytes and linted end to end: the right rule must fire at the right place, and the
// unchanged report must give no error. Every expected figure is read off the fixture by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReportFile } from '../src/files/read-report-file.ts';
import { lintAnnualReport } from '../src/domain/report/lint/lint-annual-report.ts';
import type { Finding } from '../src/domain/report/finding.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'reports');
const JIAOTONG = '2024-pingtan-jiaotong-jiansheju.html';
const ZONGHE = '2025-pingtan-zonghe-zhifa-yingjiguanliju.html';

async function lintText(name: string, text: string): Promise<Finding[]> {
  const parsed = await readReportFile({ name, bytes: new TextEncoder().encode(text) });
  return [...parsed.findings, ...lintAnnualReport(parsed.report, { source: parsed.source })];
}

const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const errors = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');
const brief = (f: Finding) => ({ ruleId: f.ruleId, severity: f.severity, table: f.location.table, row: f.location.row, column: f.location.column });

/** Replaces the first `from` after `anchor`, failing loudly if the fixture is not as read by hand. */
function replaceAfter(text: string, anchor: string, from: string, to: string): string {
  const at = text.indexOf(anchor);
  const index = at < 0 ? -1 : text.indexOf(from, at + anchor.length);
  if (index < 0) throw new Error(`fixture changed: "${from}" after "${anchor}" not found`);
  return text.slice(0, index) + to + text.slice(index + from.length);
}

describe('平潭交通与建设局 2024: one change at a time', () => {
  const original = fixture(JIAOTONG);

  it('gives no error as published', async () => {
    expect(errors(await lintText(JIAOTONG, original))).toEqual([]);
  });

  it('a cell: 自然人 58 -> 59 in 一、本年新收 breaks its row sum and the 勾稽关系 of its column', async () => {
    const changed = replaceAfter(original, '一、本年新收政府信息公开申请数量', '<p>58</p>', '<p>59</p>');
    const found = errors(await lintText(JIAOTONG, changed)).map(brief);
    expect(found).toHaveLength(2);
    expect(found).toEqual(
      expect.arrayContaining([
        { ruleId: 'T3-ROWSUM', severity: 'error', table: 'table3', row: 'received', column: 'total' },
        { ruleId: 'T3-GOUJI', severity: 'error', table: 'table3', row: null, column: 'natural_person' },
      ]),
    );
    const rowSum = (await lintText(JIAOTONG, changed)).find((f) => f.ruleId === 'T3-ROWSUM');
    expect(Object.values(rowSum?.numbers ?? {})).toEqual(expect.arrayContaining([58, 59]));
  });

  it('a label: 社会公益组织 printed as 社会组织 is flagged at its column, as a warning', async () => {
    const changed = replaceAfter(original, '申请人情况', '<p>社会公益组织</p>', '<p>社会组织</p>');
    const findings = await lintText(JIAOTONG, changed);
    expect(errors(findings)).toEqual([]);
    expect(findings.map(brief)).toContainEqual({ ruleId: 'STRUCT-LABELS', severity: 'warning', table: 'table3', row: null, column: 'public_interest_org' });
  });

  it('a prose number: “办结政府信息公开申请58件” -> 57 no longer matches table 三', async () => {
    const changed = replaceAfter(original, '依法办结', '58件，', '57件，');
    const found = errors(await lintText(JIAOTONG, changed));
    expect(found.map(brief)).toEqual([{ ruleId: 'TXT-APPS', severity: 'error', table: 'table3', row: 'received', column: 'total' }]);
    expect(found[0]?.numbers).toMatchObject({ textValue: 57, received: 58 });
  });
});

describe('平潭综合执法与应急管理局 2025: the prose about 行政复议', () => {
  const original = fixture(ZONGHE);

  it('gives no error as published (“政府信息公开行政复议1条” and table 四 agree)', async () => {
    expect(errors(await lintText(ZONGHE, original))).toEqual([]);
  });

  it('“行政复议1条” -> 2条 disagrees with the 行政复议 total of table 四', async () => {
    const changed = replaceAfter(original, '政府信息公开', '行政复议1条', '行政复议2条');
    const found = errors(await lintText(ZONGHE, changed)).map(brief);
    expect(found).toEqual([{ ruleId: 'TXT-REVIEW', severity: 'error', table: 'table4', row: 'adminReview', column: 'total' }]);
  });
});
