// The real 漯河市商务局 2021 report (fixtures/reports/2021-luohe-shangwuju.txt) has real errors
// (domain.md §7): its overview says “处理依法申请公开1起” while table 三 is all 0; its
// Henan fee header asks for 4 decimals and the cell says “162”; table 三 prints 社会组织 and
// “2. 其他法律法规禁止公开”; and 六 says only “无”, with no word on 信息处理费.
// A test may read a fixture file; the domain code under test stays free of I/O.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../finding.ts';
import type { ReportSource } from '../report-source.ts';
import { createEmptyReport } from '../annual-report.ts';
import { SECTIONS } from '../report-format.ts';
import { parseAnnualReport } from '../parse/parse-annual-report.ts';
import { lintAnnualReport } from './lint-annual-report.ts';
import { shape } from './lint-test-reports.ts';

// /work/shared/fixtures, beside the checkout.
const FIXTURE = fileURLToPath(new URL('../../../../../shared/fixtures/reports/2021-luohe-shangwuju.txt', import.meta.url));
const text = readFileSync(FIXTURE, 'utf8');

function loc(partial: Partial<Finding['location']>): Finding['location'] {
  return { section: null, table: null, row: null, column: null, ...partial };
}

/** The prose between one section heading (as printed in the fixture) and the next. */
function proseOf(ordinal: string): string {
  const headings = SECTIONS.map((s) => text.indexOf(`\n${s.ordinal}、${s.ordinal === '四' ? '政府信息公开行政复议' : ''}`));
  const at = SECTIONS.findIndex((s) => s.ordinal === ordinal);
  const start = headings[at] ?? -1;
  const end = at + 1 < headings.length ? (headings[at + 1] ?? text.length) : text.length;
  return text.slice(text.indexOf('\n', start + 1) + 1, end);
}

describe('漯河市商务局 2021, read by hand', () => {
  // Table values read off the fixture: 表二 all 0 except 行政许可 39 and the fee “162”; 表三 and 表四 all 0.
  const report = createEmptyReport(0, '漯河市商务局', 2021);
  report.table2.licensing = 39;
  report.table2.administrativeFees = '162';
  for (const s of SECTIONS) report.text[s.code] = proseOf(s.ordinal);
  const source: ReportSource = {
    format: 'txt',
    title: '漯河市商务局2021年政府信息公开工作年度报告',
    fullText: text,
    sections: SECTIONS.map((s) => {
      const heading = `${s.ordinal}、${s.heading}`;
      return { ordinal: s.ordinal, heading, offset: text.indexOf(`\n${heading}`) + 1 };
    }),
    labels: [
      { table: 'table3', code: 'natural_person', kind: 'column', printed: '自然人' },
      { table: 'table3', code: 'business', kind: 'column', printed: '商业企业' },
      { table: 'table3', code: 'public_interest_org', kind: 'column', printed: '社会组织' },
      { table: 'table3', code: 'withheld_state_secret', kind: 'row', printed: '1. 属于国家秘密' },
      { table: 'table3', code: 'withheld_prohibited_by_law', kind: 'row', printed: '2. 其他法律法规禁止公开' },
      { table: 'table3', code: 'withheld_security_stability', kind: 'row', printed: '3.危及“三安全一稳定”' },
      { table: 'table3', code: 'partially_disclosed', kind: 'row', printed: '(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)' },
      { table: 'table3', code: 'concludedTotal', kind: 'row', printed: '(七) 总计' },
    ],
    feeHeader: '本年收费金额(单位: 万元, 保留4位小数)',
    statisticsYear: null,
  };

  it('the sections were cut where the headings are', () => {
    expect(report.text.overview).toContain('处理依法申请公开1起');
    expect(report.text.otherMatters.trim()).toBe('无');
    expect(source.sections.every((s) => s.offset > 0)).toBe(true);
  });

  it('gives exactly the known errors and warnings, in reading order (template henan)', () => {
    expect(lintAnnualReport(report, { template: 'henan', source }).map(shape)).toEqual([
      { ruleId: 'TXT-APPS', severity: 'error', location: loc({ section: '一', table: 'table3', row: 'received', column: 'total' }), numbers: { textValue: 1, received: 0, carriedIn: 0, concludedTotal: 0, quote: '处理依法申请公开1起' } },
      { ruleId: 'T2-FEE', severity: 'error', location: loc({ section: '二', table: 'table2', row: 'administrativeFees', column: 'value' }), numbers: { printed: '162', value: 162, decimals: 0, requiredDecimals: 4 } },
      { ruleId: 'STRUCT-LABELS', severity: 'warning', location: loc({ section: '三', table: 'table3', column: 'public_interest_org' }), numbers: { printed: '社会组织', expected: '社会公益组织' } },
      { ruleId: 'STRUCT-LABELS', severity: 'warning', location: loc({ section: '三', table: 'table3', row: 'withheld_prohibited_by_law' }), numbers: { printed: '2. 其他法律法规禁止公开', expected: '2.其他法律行政法规禁止公开' } },
      { ruleId: 'FEE-STATEMENT', severity: 'warning', location: loc({ section: '六' }), numbers: { template: 'henan' } },
    ]);
  });

  it('without a template the printed header still asks for 4 decimals, and 六 is not checked', () => {
    expect(lintAnnualReport(report, { source }).map((f) => f.ruleId)).toEqual(['TXT-APPS', 'T2-FEE', 'STRUCT-LABELS', 'STRUCT-LABELS']);
  });
});

describe('漯河市商务局 2021, through the parser', () => {
  const parsed = parseAnnualReport(text, 'txt');
  const findings = lintAnnualReport(parsed.report, { template: 'henan', source: parsed.source });

  it.each([
    ['TXT-APPS (text 1, table 0)', { ruleId: 'TXT-APPS', severity: 'error', location: loc({ section: '一', table: 'table3', row: 'received', column: 'total' }), numbers: expect.objectContaining({ textValue: 1, received: 0 }) }],
    ['T2-FEE (“162” is not 4 decimals)', { ruleId: 'T2-FEE', severity: 'error', location: loc({ section: '二', table: 'table2', row: 'administrativeFees', column: 'value' }), numbers: expect.objectContaining({ printed: '162', requiredDecimals: 4 }) }],
    ['STRUCT-LABELS 社会组织', { ruleId: 'STRUCT-LABELS', severity: 'warning', location: loc({ section: '三', table: 'table3', column: 'public_interest_org' }), numbers: expect.objectContaining({ printed: '社会组织' }) }],
    ['STRUCT-LABELS 其他法律法规禁止公开', { ruleId: 'STRUCT-LABELS', severity: 'warning', location: loc({ section: '三', table: 'table3', row: 'withheld_prohibited_by_law' }), numbers: expect.objectContaining({ expected: '2.其他法律行政法规禁止公开' }) }],
    ['FEE-STATEMENT (六 says only 无)', { ruleId: 'FEE-STATEMENT', severity: 'warning', location: loc({ section: '六' }), numbers: { template: 'henan' } }],
  ])('reports %s', (_name, expected) => {
    expect(findings.map(shape)).toContainEqual(expected);
  });

  it('reports these five and nothing else', () => {
    expect(findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['TXT-APPS error', 'T2-FEE error', 'STRUCT-LABELS warning', 'STRUCT-LABELS warning', 'FEE-STATEMENT warning']);
  });

  it('reports no table error: the tables themselves add up (all 0)', () => {
    expect(findings.filter((f) => /^T[34]-/.test(f.ruleId))).toEqual([]);
  });
});
