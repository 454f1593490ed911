// The parser against the real 漯河 2021 report (values read by hand from the fixture file)
// and against small reports in the layouts of domain.md §9.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Table3RowCode } from '../report-format.ts';
import type { ParsedReport } from './parsed-report.ts';
import { parseAnnualReport } from './parse-annual-report.ts';

const LUOHE = fileURLToPath(new URL('../../../../../shared/fixtures/reports/2021-luohe-shangwuju.txt', import.meta.url));

/** The 25 rows of table 三 in order, with the codes the model uses. */
const T3_CODES: readonly Table3RowCode[] = [
  'received', 'carriedIn', 'disclosed', 'partially_disclosed',
  'withheld_state_secret', 'withheld_prohibited_by_law', 'withheld_security_stability', 'withheld_third_party_rights',
  'withheld_internal_affairs', 'withheld_process_info', 'withheld_enforcement_file', 'withheld_inquiry_matter',
  'unavailable_not_held', 'unavailable_needs_creation', 'unavailable_unclear_after_correction',
  'not_processed_petition', 'not_processed_duplicate', 'not_processed_publication', 'not_processed_excessive', 'not_processed_confirmation',
  'other_no_correction', 'other_fee_unpaid', 'other', 'concludedTotal', 'carriedOver',
];
const T3_COLUMNS = ['natural_person', 'business', 'research_institution', 'public_interest_org', 'legal_service_org', 'other_org', 'total'] as const;

/** Table 三 of the parsed report as 25 rows of 7 cells. */
function table3(parsed: ParsedReport): (number | null)[][] {
  return T3_CODES.map((code) => T3_COLUMNS.map((column) => parsed.report.table3[code][column]));
}

function table4(parsed: ParsedReport): (number | null)[] {
  const t4 = parsed.report.table4;
  return (['adminReview', 'litigationDirect', 'litigationAfterReview'] as const).flatMap((g) => [t4[g].upheld, t4[g].corrected, t4[g].otherResult, t4[g].pending, t4[g].total]);
}

function parseErrors(parsed: ParsedReport): string[] {
  return parsed.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.message}`);
}

describe('parseAnnualReport on 漯河市商务局 2021 (tab layout copied from the web)', () => {
  const parsed = parseAnnualReport(readFileSync(LUOHE, 'utf8'), 'txt');

  it('reads the title, year, agency and the statistics period (not printed in this report)', () => {
    expect(parsed.source.title).toBe('漯河市商务局2021年政府信息公开工作年度报告');
    expect(parsed.report.year).toBe(2021);
    expect(parsed.report.agencyName).toBe('漯河市商务局');
    expect(parsed.source.statisticsYear).toBeNull();
    expect(parsed.source.format).toBe('txt');
  });

  it('reads every cell of table 二, the fee as printed', () => {
    expect(parsed.report.table2).toEqual({
      rules: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 0, repealed: 0, inForce: 0 },
      licensing: 39,
      penalty: 0,
      enforcement: 0,
      administrativeFees: '162',
    });
    expect(parsed.source.feeHeader).toContain('保留4位小数');
    expect(parsed.source.feeHeader).toBe('本年收费金额(单位:万元,保留4位小数)');
  });

  it('reads table 三 as 25 rows of 7 zeros and table 四 as 15 zeros', () => {
    expect(table3(parsed)).toEqual(T3_CODES.map(() => [0, 0, 0, 0, 0, 0, 0]));
    expect(table4(parsed)).toEqual(new Array(15).fill(0));
  });

  it('finds sections 一…六 in order, with headings as printed', () => {
    expect(parsed.source.sections.map((s) => s.ordinal)).toEqual(['一', '二', '三', '四', '五', '六']);
    expect(parsed.source.sections.map((s) => s.heading)).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
    const offsets = parsed.source.sections.map((s) => s.offset);
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
    for (const section of parsed.source.sections) expect(parsed.source.fullText.slice(section.offset).startsWith(section.heading)).toBe(true);
  });

  it('keeps the labels as printed, including its misprints', () => {
    const printed = (code: string) => parsed.source.labels.find((l) => l.code === code)?.printed;
    expect(printed('public_interest_org')).toBe('社会组织');
    expect(printed('withheld_prohibited_by_law')).toBe('2.其他法律法规禁止公开');
    expect(printed('concludedTotal')).toBe('(七)总计');
    expect(printed('received')).toBe('一、本年新收政府信息公开申请数量');
    // 4 + 6 table-二 labels, 25 rows and 7 columns of table 三, 4 groups and 15 columns of table 四.
    expect(parsed.source.labels.filter((l) => l.table === 'table3' && l.kind === 'row')).toHaveLength(25);
    expect(parsed.source.labels.filter((l) => l.table === 'table3' && l.kind === 'column')).toHaveLength(7);
    expect(parsed.source.labels.filter((l) => l.table === 'table4')).toHaveLength(19);
  });

  it('keeps the prose of 一、五、六 for the text rules', () => {
    expect(parsed.report.text.overview).toContain('处理依法申请公开1起');
    expect(parsed.report.text.overview.startsWith('2021, 市商务局在市委')).toBe(true);
    expect(parsed.report.text.problems).toContain('一是部分信息公开的及时性');
    expect(parsed.report.text.otherMatters).toBe('无');
    expect(parsed.report.text.proactive).toBe('');
  });

  it('reports nothing it could not read', () => {
    expect(parsed.findings).toEqual([]);
  });
});

// ---------------------------------------------------------------- synthetic layouts

/** Table 三 row labels as printed in full-width HTML reports. */
const T3_PRINTED = [
  '一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量',
  '（一）予以公开', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  '1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”', '4.保护第三方合法权益',
  '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项',
  '1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确',
  '1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息',
  '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他',
  '（七）总计', '四、结转下年度继续办理',
];
/** A distinct value in every cell, so a value read into the wrong place shows. */
const cell = (row: number, column: number): number => row * 7 + column;
const T3_VALUES = T3_PRINTED.map((_, r) => [0, 1, 2, 3, 4, 5, 6].map((c) => cell(r, c)));
const T4_VALUES = [1, 0, 2, 0, 3, 4, 0, 0, 1, 5, 0, 6, 0, 0, 6];

const INTRO = ['某某县民政局2023年政府信息公开工作年度报告', '', '本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。', '一、总体情况', '2023年，本局受理政府信息公开申请3件。'];
const OUTRO = ['五、存在的主要问题及改进情况', '公开内容不够全面。', '六、其他需要报告的事项', '本年度未收取信息处理费。'];

describe('parseAnnualReport on the pipe layout (杨凌, 徐闻): `| ||` colspans, leading pipes', () => {
  const text = [
    ...INTRO,
    '二、主动公开政府信息情况',
    '| 第二十条第（一）项 | | | |',
    '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
    '| 规章 | 0 | 0 | 0 |',
    '| 行政规范性文件 | 2 | 1 | 15 |',
    '第二十条第（五）项 | ||',
    '信息内容 | 本年处理决定数量 | ||',
    '行政许可 | 120 | ||',
    '第二十条第（六）项 | ||',
    '信息内容 | 本年处理决定数量 | ||',
    '行政处罚 | 7 | ||',
    '行政强制 | 2 | ||',
    '第二十条第（八）项 | ||',
    '信息内容 | 本年收费金额（单位：万元） | ||',
    '行政事业性收费 | 0.0000 | ||',
    '三、收到和处理政府信息公开申请情况',
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |',
    '自然人 | 法人或其他组织 | 总计 |',
    '商业 | 科研 | 社会公益组织 | 法律服务机构 | 其他 |',
    '企业 | 机构 |',
    ...T3_PRINTED.map((label, r) => {
      const values = (T3_VALUES[r] ?? []).join(' | ');
      if (r === 2) return `三、本年度办理结果 | ${label} | ${values} |`;
      if (r === 4) return `（三）不予公开 | ${label} | ${values} |`;
      return `${label} | ${values} |`;
    }),
    '四、政府信息公开行政复议、行政诉讼情况',
    '| 行政复议 | 行政诉讼 |',
    '| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |',
    '| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |',
    `| ${T4_VALUES.join(' | ')} |`,
    ...OUTRO,
  ].join('\n');
  const parsed = parseAnnualReport(text, 'txt');

  it('reads all three tables', () => {
    expect(parseErrors(parsed)).toEqual([]);
    expect(parsed.report.table2).toEqual({
      rules: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 2, repealed: 1, inForce: 15 },
      licensing: 120,
      penalty: 7,
      enforcement: 2,
      administrativeFees: '0.0000',
    });
    expect(table3(parsed)).toEqual(T3_VALUES);
    expect(table4(parsed)).toEqual(T4_VALUES);
  });

  it('pieces together column headers split over two header rows (商业 / 企业)', () => {
    const columns = parsed.source.labels.filter((l) => l.table === 'table3' && l.kind === 'column').map((l) => `${l.code}=${l.printed}`);
    expect(columns).toContain('business=商业企业');
    expect(columns).toContain('research_institution=科研机构');
    expect(columns).toContain('public_interest_org=社会公益组织');
  });

  it('reads title, year, agency, statistics year and the prose', () => {
    expect(parsed.report.agencyName).toBe('某某县民政局');
    expect(parsed.report.year).toBe(2023);
    expect(parsed.source.statisticsYear).toBe(2023);
    expect(parsed.report.text.overview).toBe('2023年，本局受理政府信息公开申请3件。');
    expect(parsed.report.text.otherMatters).toBe('本年度未收取信息处理费。');
    expect(parsed.source.sections.map((s) => s.ordinal)).toEqual(['一', '二', '三', '四', '五', '六']);
  });
});

describe('parseAnnualReport on one cell per line (太平镇, 螅镇; 汉阳 with lone pipes)', () => {
  const cells = (label: string, values: readonly (number | string)[]): string[] => [label, '', ...values.flatMap((v) => [String(v), ''])];
  const text = [
    ...INTRO,
    '二、主动公开政府信息情况',
    '第二十条第（一）项', '', '信息内容', '', '本年制发件数', '', '本年废止件数', '', '现行有效件数', '',
    ...cells('规章', [0, 0, 0]),
    ...cells('行政规范性文件', [3, 0, 9]),
    '第二十条第（五）项', '', '信息内容', '', '本年处理决定数量', '',
    ...cells('行政许可', [11]),
    '第二十条第（六）项', '', '信息内容', '', '本年处理决定数量', '',
    ...cells('行政处罚', [5]),
    ...cells('行政强制', [0]),
    '第二十条第（八）项', '', '信息内容', '', '本年收费金额（单位：万元）', '',
    ...cells('行政事业性收费', ['1.25']),
    '三、收到和处理政府信息公开申请情况',
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '', '申请人情况', '', '自然人', '', '法人或其他组织', '', '总计', '',
    '商业', '企业', '', '科研', '机构', '', '社会公益组织', '', '法律服务机构', '', '其他', '',
    ...T3_PRINTED.flatMap((label, r) => {
      const values = T3_VALUES[r] ?? [];
      // (三) and 不予公开 in separate cells before the row label (太平镇).
      if (r === 4) return ['(三)', '', '不予公开', '', ...cells(label, values)];
      return cells(label, values);
    }),
    '四、政府信息公开行政复议、行政诉讼情况',
    '行政复议', '', '行政诉讼', '', '结果维持', '', '结果纠正', '', '其他结果', '', '尚未审结', '', '总计', '',
    ...T4_VALUES.flatMap((v) => [String(v), '']),
    ...OUTRO,
  ].join('\n');
  const parsed = parseAnnualReport(text, 'txt');

  it('reads all three tables', () => {
    expect(parseErrors(parsed)).toEqual([]);
    expect(parsed.report.table2.normativeDocuments).toEqual({ issued: 3, repealed: 0, inForce: 9 });
    expect(parsed.report.table2.licensing).toBe(11);
    expect(parsed.report.table2.penalty).toBe(5);
    expect(parsed.report.table2.administrativeFees).toBe('1.25');
    expect(table3(parsed)).toEqual(T3_VALUES);
    expect(table4(parsed)).toEqual(T4_VALUES);
  });

  it('pieces together header words split over lines', () => {
    const printed = (code: string) => parsed.source.labels.find((l) => l.table === 'table3' && l.code === code)?.printed;
    expect(printed('business')).toBe('商业企业');
    expect(printed('research_institution')).toBe('科研机构');
  });

  it('reads the 汉阳 layout: one cell per line ending in “|”, a lone “|” between rows, a blank cell', () => {
    const hanyang = parseAnnualReport(
      ['二、主动公开政府信息情况', '第二十条第（一）项 |', '|', '规章 |', '0 |', '0 |', ' |', '|', '行政规范性文件 |', '4 |', '1 |', '12 |', '|', '行政许可 |', '6 |', '|'].join('\n'),
      'txt',
    );
    expect(hanyang.report.table2.rules).toEqual({ issued: 0, repealed: 0, inForce: null });
    expect(hanyang.report.table2.normativeDocuments).toEqual({ issued: 4, repealed: 1, inForce: 12 });
    expect(hanyang.report.table2.licensing).toBe(6);
  });
});

describe('parseAnnualReport: blank cells, spaces, full-width and PDF-like text', () => {
  it('keeps a blank cell blank (null), never 0 (徐闻: only 总计 filled)', () => {
    const parsed = parseAnnualReport(
      [
        '规章\t0\t\t3',
        '一、本年新收政府信息公开申请数量 | | | | | | | 5 |',
        '二、上年结转政府信息公开申请数量 | 1 | | | | | | 1 |',
        '四、结转下年度继续办理\t\t\t\t\t\t\t',
      ].join('\n'),
      'txt',
    );
    expect(parsed.report.table2.rules).toEqual({ issued: 0, repealed: null, inForce: 3 });
    expect(parsed.report.table3.received).toEqual({ natural_person: null, business: null, research_institution: null, public_interest_org: null, legal_service_org: null, other_org: null, total: 5 });
    expect(parsed.report.table3.carriedIn).toEqual({ natural_person: 1, business: null, research_institution: null, public_interest_org: null, legal_service_org: null, other_org: null, total: 1 });
    expect(Object.values(parsed.report.table3.carriedOver)).toEqual([null, null, null, null, null, null, null]);
    expect(parsed.report.table2.licensing).toBeNull();
  });

  it('reads spaces inside numbers and labels, ideographic spaces and full-width characters', () => {
    const parsed = parseAnnualReport(
      [
        '规　章\t０\t１\t２',
        '行政许可\t1 483\t\t',
        '1. 属于国家秘密\t0\t0\t0\t0\t0\t0\t0',
        '3.危及"三安全一稳定"\t2\t0\t0\t0\t0\t0\t2',
        '（七） 总 计\t１２\t3\t0\t0\t0\t0\t15',
      ].join('\n'),
      'txt',
    );
    expect(parsed.report.table2.rules).toEqual({ issued: 0, repealed: 1, inForce: 2 });
    expect(parsed.report.table2.licensing).toBe(1483);
    expect(parsed.report.table3.concludedTotal.natural_person).toBe(12);
    expect(parsed.report.table3.concludedTotal.total).toBe(15);
    expect(parsed.report.table3.withheld_security_stability.total).toBe(2);
    expect(parsed.source.labels.find((l) => l.code === 'rules')?.printed).toBe('规章');
  });

  it('takes a heading on its own line over a list of the sections in the preface', () => {
    const parsed = parseAnnualReport(
      ['本报告包括：', '一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况。', '一、总体情况', '本年度工作概述。', '二、主动公开政府信息情况', '规章\t0\t0\t0'].join('\n'),
      'txt',
    );
    expect(parsed.source.sections.map((s) => [s.ordinal, s.heading])).toEqual([
      ['一', '一、总体情况'],
      ['二', '二、主动公开政府信息情况'],
    ]);
    expect(parsed.report.text.overview).toBe('本年度工作概述。');
  });

  it('treats the quotes of “三安全一稳定” as any character', () => {
    for (const printed of ['3.危及"三安全一稳定"', '3.危及?三安全一稳定?', '3.危及三安全一稳定', '3.危及「三安全一稳定」']) {
      const parsed = parseAnnualReport(`${printed}\t4\t0\t0\t0\t0\t0\t4`, 'txt');
      expect(parsed.report.table3.withheld_security_stability.natural_person).toBe(4);
    }
  });

  it('reads PDF-like text: labels and space-separated numbers on one line, page furniture between rows', () => {
    const parsed = parseAnnualReport(
      [
        '三、收到和处理政府信息公开申请情况',
        '一、本年新收政府信息公开申请数量 8 1 0 0 0 0 9',
        'Page 9 - 某某区2022年政府信息公开工作年度报告 P. 9',
        '二、上年结转政府信息公开申请数量',
        '0 0 0 0 0 0 0',
        '(七) 总计 7 1 0 0 0 0 8',
        '- 10 -',
        '四、结转下年度继续办理 1 0 0 0 0 0 1',
        '四、政府信息公开行政复议、行政诉讼情况',
        '行政复议 行政诉讼',
        '结 结 其 尚',
        '果 果 他 未',
        '维 纠 结 审',
        '持 正 果 结',
        '1 0 0 0 1 0 0 0 0 0 0 0 0 0 0',
      ].join('\n'),
      'pdf',
    );
    expect(Object.values(parsed.report.table3.received)).toEqual([8, 1, 0, 0, 0, 0, 9]);
    expect(Object.values(parsed.report.table3.carriedIn)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(Object.values(parsed.report.table3.concludedTotal)).toEqual([7, 1, 0, 0, 0, 0, 8]);
    expect(Object.values(parsed.report.table3.carriedOver)).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(table4(parsed)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(parsed.source.format).toBe('pdf');
  });

  it('joins a row label wrapped over two lines and one whose ordinal stands alone', () => {
    const parsed = parseAnnualReport(
      [
        '（二）部分公开',
        '（区分处理的，只计这一情形，不计其他情形）',
        '1 0 0 0 0 0 1',
        '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息',
        '公开申请 0 0 0 0 0 0 0',
        '（七）',
        '总计 3 0 0 0 0 0 3',
      ].join('\n'),
      'pdf',
    );
    expect(parsed.report.table3.partially_disclosed.total).toBe(1);
    expect(parsed.report.table3.other_no_correction.total).toBe(0);
    expect(parsed.report.table3.concludedTotal.total).toBe(3);
  });
});

describe('parseAnnualReport: what it cannot read becomes a finding', () => {
  const t2 = ['二、主动公开政府信息情况', '规章\t0\t0\t0', '行政规范性文件\t1\t—\t5', '行政许可\t3', '行政处罚\t2', '行政事业性收费\t0'];

  it('reports a missing row (PARSE-MISSING-ROW) and an unreadable cell (PARSE-CELL) with their places', () => {
    const parsed = parseAnnualReport(t2.join('\n'), 'txt');
    expect(parsed.report.table2.normativeDocuments).toEqual({ issued: 1, repealed: null, inForce: 5 });
    expect(parsed.report.table2.enforcement).toBeNull();
    const cellFinding = parsed.findings.find((f) => f.ruleId === 'PARSE-CELL');
    expect(cellFinding?.location).toEqual({ section: '二', table: 'table2', row: 'normativeDocuments', column: 'repealed' });
    expect(cellFinding?.message).toContain('“—”');
    const missing = parsed.findings.filter((f) => f.ruleId === 'PARSE-MISSING-ROW');
    expect(missing.map((f) => f.location.row)).toContain('enforcement');
    expect(missing.find((f) => f.location.row === 'enforcement')?.message).toContain('没有找到“行政强制”这一行');
    // Tables 三 and 四 are absent altogether: one finding each.
    expect(missing.filter((f) => f.location.row === null).map((f) => f.location.table)).toEqual(['table3', 'table4']);
  });

  it('keeps a misprinted row label between two rows it knows (洪泽 2023 “2.其他法律行政止公开”)', () => {
    const parsed = parseAnnualReport(['1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1', '2.其他法律行政止公开\t2\t0\t0\t0\t0\t0\t2', '3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0'].join('\n'), 'txt');
    expect(parsed.report.table3.withheld_prohibited_by_law.total).toBe(2);
    expect(parsed.source.labels.find((l) => l.code === 'withheld_prohibited_by_law')?.printed).toBe('2.其他法律行政止公开');
  });

  it('says PARSE-NO-TABLE for prose without a table, an empty text and binary garbage, and never throws', () => {
    const noTable = parseAnnualReport(['某某局2023年政府信息公开工作年度报告', '一、总体情况', '本年度未收到政府信息公开申请。'].join('\n'), 'txt');
    expect(noTable.findings.map((f) => [f.ruleId, f.severity])).toEqual([['PARSE-NO-TABLE', 'error']]);
    expect(noTable.report.year).toBe(2023);
    expect(noTable.report.table3.received.total).toBeNull();
    expect(noTable.source.labels).toEqual([]);

    expect(parseAnnualReport('', 'txt').findings.map((f) => f.ruleId)).toEqual(['PARSE-NO-TABLE']);

    // Deterministic random strings: bytes, control characters, label fragments, tabs and pipes.
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = ['\u0000', '\u0007', '\ufffd', '\t', '|', '\n', ' ', '0', '7', '.', '一、', '（七）', '总计', '其他', '规章', '行政复议', '本年收费金额(', '\ud800', 'é', '“'];
    for (let round = 0; round < 200; round++) {
      let text = '';
      const length = next(400);
      for (let i = 0; i < length; i++) text += next(3) === 0 ? String.fromCharCode(next(0x10000)) : (alphabet[next(alphabet.length)] ?? '');
      const parsed = parseAnnualReport(text, 'txt');
      for (const finding of parsed.findings) expect(finding.ruleId).toMatch(/^PARSE-/);
    }
  });
});

describe('parseAnnualReport: the 2019 format’s single-row （六）其他处理 (domain.md §6)', () => {
  const table3With = (otherHandling: string) =>
    [
      '三、收到和处理政府信息公开申请情况',
      '5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0',
      `（六）其他处理\t\t${otherHandling}`,
      '（七）总计\t3\t0\t0\t0\t0\t0\t3',
      '四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0',
    ].join('\n');
  const subRows = ['other_no_correction', 'other_fee_unpaid', 'other'] as const;

  it('splits a row of zeros exactly: each of the three 2021 sub-rows is 0, and nothing is missing', () => {
    const parsed = parseAnnualReport(table3With('0\t0\t0\t0\t0\t0\t0'), 'txt');
    for (const code of subRows) expect(Object.values(parsed.report.table3[code])).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(parsed.findings.filter((f) => f.location.row !== null && subRows.includes(f.location.row as (typeof subRows)[number]))).toEqual([]);
  });

  it('cannot split a non-zero row: the sub-rows stay blank, with one finding that says why', () => {
    const parsed = parseAnnualReport(table3With('2\t0\t0\t0\t0\t0\t2'), 'txt');
    for (const code of subRows) expect(Object.values(parsed.report.table3[code])).toEqual([null, null, null, null, null, null, null]);
    const about = parsed.findings.filter((f) => f.message.includes('其他处理'));
    expect(about).toHaveLength(1);
    expect(about[0]).toMatchObject({ ruleId: 'PARSE-CELL', severity: 'error', numbers: { total: 2 } });
    expect(parsed.findings.some((f) => f.ruleId === 'PARSE-MISSING-ROW' && subRows.includes(f.location.row as (typeof subRows)[number]))).toBe(false);
  });
});
