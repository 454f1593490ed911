import { describe, expect, it } from 'vitest';
import type { AnnualReport } from '../annual-report.ts';
import type { Finding } from '../finding.ts';
import { createEmptyReport } from '../annual-report.ts';
import { lintAnnualReport } from './lint-annual-report.ts';
import { correctReport, shape } from './lint-test-reports.ts';

// The correct report's tables: 一 总计 9, 二 1, （七） 9, 四 1; 予以公开 3, 部分公开 1,
// 不予公开 1 (过程性信息), 无法提供 2 (不掌握), 不予处理 1 (重复申请), 其他处理 1 (其他);
// 行政复议 2 (1 尚未审结), 行政诉讼 1 (直接起诉); 行政规范性文件 制发 2, 废止 1.

function loc(partial: Partial<Finding['location']>): Finding['location'] {
  return { section: null, table: null, row: null, column: null, ...partial };
}

/** Lints the correct report with `overview` as its only prose in 一. */
function lintOverview(overview: string, mutate: (r: AnnualReport) => void = () => {}): Finding[] {
  const report = correctReport();
  report.text.overview = overview;
  mutate(report);
  return lintAnnualReport(report);
}

interface Case {
  text: string;
  mutate?: (r: AnnualReport) => void;
  expected: ReturnType<typeof shape>[];
}

const APPS = loc({ section: '一', table: 'table3', row: 'received', column: 'total' });
const appsNumbers = (textValue: number, quote: string) => ({ textValue, received: 9, carriedIn: 1, concludedTotal: 9, quote });

describe('TXT-APPS and TXT-ZERO-APPS', () => {
  const cases: Case[] = [
    { text: '处理依法申请公开1起。', expected: [{ ruleId: 'TXT-APPS', severity: 'error', location: APPS, numbers: appsNumbers(1, '处理依法申请公开1起') }] },
    { text: '收到政府信息公开申请两件。', expected: [{ ruleId: 'TXT-APPS', severity: 'error', location: APPS, numbers: appsNumbers(2, '收到政府信息公开申请两件') }] },
    { text: '共受理3件政府信息公开申请。', expected: [{ ruleId: 'TXT-APPS', severity: 'error', location: APPS, numbers: appsNumbers(3, '受理3件政府信息公开申请') }] },
    { text: '收到依申请公开事项共计十二件。', expected: [{ ruleId: 'TXT-APPS', severity: 'error', location: APPS, numbers: appsNumbers(12, '收到依申请公开事项共计十二件') }] },
    // 9 = 一 总计; 十 = 一 + 二; 9 = （七）总计; “7 件” with a PDF space is still 7.
    { text: '收到政府信息公开申请九件。', expected: [] },
    { text: '办理政府信息公开申请十件（含上年结转1件）。', expected: [] },
    { text: '办结政府信息公开申请 9 件。', expected: [] },
    { text: '收到政府信息公开申请 7 件。', expected: [{ ruleId: 'TXT-APPS', severity: 'error', location: APPS, numbers: appsNumbers(7, '收到政府信息公开申请7件') }] },
    // Approximate, other periods, area-wide totals and unrelated counts are not compared.
    { text: '收到政府信息公开申请约20件。', expected: [] },
    { text: '收到政府信息公开申请20余件。', expected: [] },
    { text: '办理市长热线20余起，公开信息共计600余条。', expected: [] },
    { text: '2022年收到政府信息公开申请3件。', expected: [] },
    { text: '与上年相比，收到政府信息公开申请3件。', expected: [] },
    { text: '全市共收到政府信息公开申请120件。', expected: [] },
    { text: '收到政府信息公开申请涉及信息20条。', expected: [] },
    { text: '依申请公开答复满意率100%。', expected: [] },
    { text: '目前正在办理政府信息公开申请1件。', expected: [] },
    // TXT-ZERO-APPS
    {
      text: '本年度未收到政府信息公开申请。',
      expected: [{ ruleId: 'TXT-ZERO-APPS', severity: 'error', location: APPS, numbers: { textValue: 0, received: 9, quote: '未收到政府信息公开申请' } }],
    },
    { text: '本年度未收到政府信息公开申请方面的投诉。', expected: [] },
    { text: '未发生依申请公开逾期答复的情况。', expected: [] },
  ];

  it.each(cases)('$text', ({ text, mutate, expected }) => {
    expect(lintOverview(text, mutate).map(shape)).toEqual(expected);
  });

  it('an all-zero report saying it received none is right; saying 1起 is wrong', () => {
    const report = createEmptyReport(0, '漯河市商务局', 2021);
    report.text.overview = '本年度未收到政府信息公开申请。';
    expect(lintAnnualReport(report)).toEqual([]);
    report.text.overview = '扎实做好舆情舆论管控等工作, 办理市长热线20余起, 处理依法申请公开1起, 在单位和市政府网站公开相关法律法规、公告、信息共计600余条。';
    const [finding, ...rest] = lintAnnualReport(report);
    expect(rest).toEqual([]);
    expect(finding && shape(finding)).toEqual({
      ruleId: 'TXT-APPS',
      severity: 'error',
      location: APPS,
      numbers: { textValue: 1, received: 0, carriedIn: 0, concludedTotal: 0, quote: '处理依法申请公开1起' },
    });
    expect(finding?.message).toBe('第一部分“总体情况”写有“处理依法申请公开1起”，但表三“一、本年新收政府信息公开申请数量”总计为0，加上年结转为0，“（七）总计”为0，都不是1。请核对文字和表三。');
  });
});

describe('TXT-REVIEW', () => {
  const cases: Case[] = [
    {
      text: '本年度被申请行政复议3件。',
      expected: [{ ruleId: 'TXT-REVIEW', severity: 'error', location: loc({ section: '一', table: 'table4', row: 'adminReview', column: 'total' }), numbers: { textValue: 3, tableValue: 2, quote: '行政复议3件' } }],
    },
    {
      text: '本年度发生行政诉讼两起。',
      expected: [{ ruleId: 'TXT-REVIEW', severity: 'error', location: loc({ section: '一', table: 'table4', column: 'total' }), numbers: { textValue: 2, tableValue: 1, quote: '行政诉讼两起' } }],
    },
    { text: '本年度被申请行政复议2件，提起行政诉讼1件。', expected: [] },
    { text: '行政复议结果维持1件。', expected: [] },
    {
      text: '本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。',
      expected: [
        {
          ruleId: 'TXT-REVIEW',
          severity: 'error',
          location: loc({ section: '一', table: 'table4', row: 'adminReview', column: 'total' }),
          numbers: { textValue: 0, tableValue: 2, quote: '未发生因政府信息公开工作被申请行政复议、提起行政诉讼' },
        },
        {
          ruleId: 'TXT-REVIEW',
          severity: 'error',
          location: loc({ section: '一', table: 'table4', row: 'litigationDirect', column: 'total' }),
          numbers: { textValue: 0, tableValue: 1, quote: '未发生因政府信息公开工作被申请行政复议、提起行政诉讼' },
        },
      ],
    },
    { text: '本年度未发生行政复议被纠错的情况。', expected: [] },
    { text: '无论行政复议还是行政诉讼，均依法应诉。', expected: [] },
    {
      text: '有1件行政诉讼案件正在审理中。',
      expected: [{ ruleId: 'TXT-REVIEW', severity: 'error', location: loc({ section: '一', table: 'table4', column: 'pending' }), numbers: { textValue: null, tableValue: 0, quote: '正在审理' } }],
    },
    { text: '有1件行政复议案件尚未审结。', expected: [] },
    { text: '目前没有尚未审结的行政诉讼案件。', expected: [] },
  ];

  it.each(cases)('$text', ({ text, mutate, expected }) => {
    expect(lintOverview(text, mutate).map(shape)).toEqual(expected);
  });
});

describe('TXT-CARRY', () => {
  const over = loc({ section: '一', table: 'table3', row: 'carriedOver', column: 'total' });
  const cases: Case[] = [
    { text: '结转下年度继续办理3件。', expected: [{ ruleId: 'TXT-CARRY', severity: 'error', location: over, numbers: { textValue: 3, tableValue: 1, quote: '结转下年度继续办理3件' } }] },
    { text: '另有2件申请结转下一年度办理。', expected: [{ ruleId: 'TXT-CARRY', severity: 'error', location: over, numbers: { textValue: 2, tableValue: 1, quote: '2件申请结转下一年度' } }] },
    { text: '结转下年度继续办理一件。', expected: [] },
    { text: '本年度无结转下年度办理的申请。', expected: [{ ruleId: 'TXT-CARRY', severity: 'error', location: over, numbers: { textValue: 0, tableValue: 1, quote: '无结转下年度' } }] },
    {
      text: '上年结转政府信息公开申请2件。',
      expected: [{ ruleId: 'TXT-CARRY', severity: 'error', location: loc({ section: '一', table: 'table3', row: 'carriedIn', column: 'total' }), numbers: { textValue: 2, tableValue: 1, quote: '上年结转政府信息公开申请2件' } }],
    },
  ];

  it.each(cases)('$text', ({ text, mutate, expected }) => {
    expect(lintOverview(text, mutate).map(shape)).toEqual(expected);
  });
});

describe('TXT-BREAKDOWN', () => {
  const row = (r: string) => loc({ section: '一', table: 'table3', row: r, column: 'total' });
  const cases: Case[] = [
    {
      text: '办理政府信息公开申请9件，其中予以公开2件、部分公开2件、不予公开1件、无法提供2件、不予处理1件、其他处理1件。',
      expected: [
        { ruleId: 'TXT-BREAKDOWN', severity: 'error', location: row('disclosed'), numbers: { textValue: 2, tableValue: 3, quote: '予以公开2件' } },
        { ruleId: 'TXT-BREAKDOWN', severity: 'error', location: row('partially_disclosed'), numbers: { textValue: 2, tableValue: 1, quote: '部分公开2件' } },
      ],
    },
    {
      text: '申请中属于国家秘密不予公开1件。',
      expected: [{ ruleId: 'TXT-BREAKDOWN', severity: 'error', location: row('withheld_state_secret'), numbers: { textValue: 1, tableValue: 0, quote: '国家秘密不予公开1件' } }],
    },
    {
      text: '对申请人的申请，无法提供三件。',
      expected: [{ ruleId: 'TXT-BREAKDOWN', severity: 'error', location: row('unavailable'), numbers: { textValue: 3, tableValue: 2, quote: '无法提供三件' } }],
    },
    // 主动公开 prose (no 申请, unit 条) is not an outcome breakdown.
    { text: '经保密审查予以公开信息120条。', expected: [] },
  ];

  it.each(cases)('$text', ({ text, mutate, expected }) => {
    expect(lintOverview(text, mutate).map(shape)).toEqual(expected);
  });

  it('reads the 汉阳-style breakdown in 三 without the word 申请', () => {
    const report = correctReport();
    report.text.applications = '予以公开3件，部分公开1件，属于四类过程性信息1件，本机关不掌握相关政府信息2件，其他1件（申请人自主撤销）。';
    expect(lintAnnualReport(report)).toEqual([]);
    report.text.applications = '予以公开3件，部分公开1件，属于四类过程性信息2件。';
    expect(lintAnnualReport(report).map(shape)).toEqual([
      { ruleId: 'TXT-BREAKDOWN', severity: 'error', location: loc({ section: '三', table: 'table3', row: 'withheld_process_info', column: 'total' }), numbers: { textValue: 2, tableValue: 1, quote: '过程性信息2件' } },
    ]);
  });
});

describe('TXT-DOCS', () => {
  const cases: Case[] = [
    {
      text: '本年度制发行政规范性文件3件。',
      expected: [{ ruleId: 'TXT-DOCS', severity: 'error', location: loc({ section: '一', table: 'table2', row: 'normativeDocuments', column: 'issued' }), numbers: { textValue: 3, tableValue: 2, quote: '制发行政规范性文件3件' } }],
    },
    { text: '本年度印发2件规范性文件。', expected: [] },
    {
      text: '废止规范性文件两件。',
      expected: [{ ruleId: 'TXT-DOCS', severity: 'error', location: loc({ section: '一', table: 'table2', row: 'normativeDocuments', column: 'repealed' }), numbers: { textValue: 2, tableValue: 1, quote: '废止规范性文件两件' } }],
    },
    { text: '全区各部门共制发行政规范性文件30件。', expected: [] },
  ];

  it.each(cases)('$text', ({ text, mutate, expected }) => {
    expect(lintOverview(text, mutate).map(shape)).toEqual(expected);
  });
});

describe('TXT-SUM (warning)', () => {
  const sumAt = loc({ section: '一' });
  const cases: Case[] = [
    { text: '共发布信息100条，其中政策文件60条、工作动态50条。', expected: [{ ruleId: 'TXT-SUM', severity: 'warning', location: sumAt, numbers: { stated: 100, partSum: 110, parts: '60+50' } }] },
    // 高平 2023: 126 stated, parts 204.
    { text: '共主动公开信息126条，其中政府网站100条，政务微博54条，微信公众号50条。', expected: [{ ruleId: 'TXT-SUM', severity: 'warning', location: sumAt, numbers: { stated: 126, partSum: 204, parts: '100+54+50' } }] },
    { text: '共发布信息100条，其中政策文件60条、工作动态30条、其他5条。', expected: [{ ruleId: 'TXT-SUM', severity: 'warning', location: sumAt, numbers: { stated: 100, partSum: 95, parts: '60+30+5' } }] },
    // A partial list, a list that adds up then goes on, approximate totals: no warning.
    { text: '共发布信息100条，其中政策文件60条、工作动态30条。', expected: [] },
    { text: '共发布信息100条，其中政策文件六十条、工作动态四十条，另转载上级信息20条。', expected: [] },
    { text: '共发布信息600余条，其中政策文件60条、工作动态50条。', expected: [] },
  ];

  it.each(cases)('$text', ({ text, mutate, expected }) => {
    expect(lintOverview(text, mutate).map(shape)).toEqual(expected);
  });
});

describe('prose in other sections', () => {
  it('a figure in 五 is located in 五', () => {
    const report = correctReport();
    report.text.problems = '本年度收到政府信息公开申请5件，答复及时性有待提高。';
    expect(lintAnnualReport(report).map((f) => [f.ruleId, f.location.section, f.numbers['textValue']])).toEqual([['TXT-APPS', '五', 5]]);
  });

  it('a table line that slipped into the prose is not read as prose', () => {
    const report = correctReport();
    report.text.applications = '一、本年新收政府信息公开申请数量\t\t5\t0\t0\t0\t0\t0\t5';
    expect(lintAnnualReport(report)).toEqual([]);
  });
});
