import { describe, expect, it } from 'vitest';
import type { AnnualReport } from '../annual-report.ts';
import type { Finding } from '../finding.ts';
import type { LintOptions } from './lint-annual-report.ts';
import { createEmptyReport } from '../annual-report.ts';
import { FEE_HEADER_HENAN } from '../report-format.ts';
import { feeDecimalsPrinted, lintAnnualReport } from './lint-annual-report.ts';
import { correctPreviousReport, correctReport, correctSource, shape } from './lint-test-reports.ts';

type Shape = ReturnType<typeof shape>;
const T3 = { section: '三', table: 'table3' } as const;
const T4 = { section: '四', table: 'table4' } as const;
const T2 = { section: '二', table: 'table2' } as const;

function loc(partial: Partial<Finding['location']>): Finding['location'] {
  return { section: null, table: null, row: null, column: null, ...partial };
}

function lint(mutate: (r: AnnualReport) => void = () => {}, options: LintOptions = {}): Finding[] {
  const report = correctReport();
  mutate(report);
  return lintAnnualReport(report, options);
}

describe('a correct report', () => {
  it('gives no finding at all, with source, previous year and either template', () => {
    expect(lintAnnualReport(correctReport(), { source: correctSource(), previous: correctPreviousReport(), template: 'national' })).toEqual([]);
    expect(lintAnnualReport(correctReport(), { source: correctSource(), previous: correctPreviousReport(), template: 'henan' })).toEqual([]);
  });

  it('an all-zero computed report without prose gives no finding', () => {
    expect(lintAnnualReport(createEmptyReport(0, '某县某局', 2023))).toEqual([]);
  });

  it('an all-blank report gives one finding per blank cell group', () => {
    const findings = lintAnnualReport(createEmptyReport(null));
    // 表二: 规章 3 + 行政规范性文件 3 + 许可/处罚/强制 3 = 9 T2-INT, 1 T2-FEE; 表三 and 表四 one each.
    expect(findings.map((f) => f.ruleId)).toEqual([...Array<string>(9).fill('T2-INT'), 'T2-FEE', 'T3-INT', 'T4-INT']);
  });
});

interface Case {
  name: string;
  mutate: (r: AnnualReport) => void;
  options?: LintOptions;
  expected: Shape[];
}

const tableCases: Case[] = [
  {
    name: 'T3-INT: a blank cell is missing, not 0',
    mutate: (r) => {
      r.table3.received.natural_person = null;
    },
    expected: [{ ruleId: 'T3-INT', severity: 'error', location: loc({ ...T3, row: 'received', column: 'natural_person' }), numbers: { blankCells: 1 } }],
  },
  {
    name: 'T3-INT: a fraction',
    mutate: (r) => {
      r.table3.received.business = 1.5;
    },
    expected: [{ ruleId: 'T3-INT', severity: 'error', location: loc({ ...T3, row: 'received', column: 'business' }), numbers: { value: 1.5 } }],
  },
  {
    name: 'T3-INT: a negative count',
    mutate: (r) => {
      r.table3.disclosed.research_institution = -1;
    },
    expected: [{ ruleId: 'T3-INT', severity: 'error', location: loc({ ...T3, row: 'disclosed', column: 'research_institution' }), numbers: { value: -1 } }],
  },
  {
    name: 'T3-ROWSUM: one 自然人 moved from 部分公开 to 予以公开 (columns still add up)',
    mutate: (r) => {
      r.table3.disclosed.natural_person = 3;
      r.table3.partially_disclosed.natural_person = 0;
    },
    expected: [
      { ruleId: 'T3-ROWSUM', severity: 'error', location: loc({ ...T3, row: 'disclosed', column: 'total' }), numbers: { applicantSum: 4, total: 3 } },
      { ruleId: 'T3-ROWSUM', severity: 'error', location: loc({ ...T3, row: 'partially_disclosed', column: 'total' }), numbers: { applicantSum: 0, total: 1 } },
    ],
  },
  {
    name: 'T3-GOUJI: one more 自然人 received (row still adds up)',
    mutate: (r) => {
      r.table3.received.natural_person = 6;
      r.table3.received.total = 10;
    },
    expected: [
      // 自然人: 6+1 = 7 ≠ 5+1 = 6; 总计: 10+1 = 11 ≠ 9+1 = 10.
      {
        ruleId: 'T3-GOUJI',
        severity: 'error',
        location: loc({ ...T3, column: 'natural_person' }),
        numbers: { received: 6, carriedIn: 1, concludedTotal: 5, carriedOver: 1, firstPlusSecond: 7, thirdPlusFourth: 6 },
      },
      { ruleId: 'T3-GOUJI', severity: 'error', location: loc({ ...T3, column: 'total' }), numbers: { received: 10, carriedIn: 1, concludedTotal: 9, carriedOver: 1, firstPlusSecond: 11, thirdPlusFourth: 10 } },
    ],
  },
  {
    name: 'T3-TOTAL: （七）总计 one higher, carried over one lower (勾稽 still holds)',
    mutate: (r) => {
      r.table3.concludedTotal.natural_person = 6;
      r.table3.concludedTotal.total = 10;
      r.table3.carriedOver.natural_person = 0;
      r.table3.carriedOver.total = 0;
    },
    expected: [
      // The prose “结转下年度继续办理1件” now disagrees with 四 = 0 as well.
      { ruleId: 'TXT-CARRY', severity: 'error', location: loc({ section: '一', table: 'table3', row: 'carriedOver', column: 'total' }), numbers: { textValue: 1, tableValue: 0, quote: '结转下年度继续办理1件' } },
      { ruleId: 'T3-TOTAL', severity: 'error', location: loc({ ...T3, row: 'concludedTotal', column: 'natural_person' }), numbers: { outcomeSum: 5, concludedTotal: 6 } },
      { ruleId: 'T3-TOTAL', severity: 'error', location: loc({ ...T3, row: 'concludedTotal', column: 'total' }), numbers: { outcomeSum: 9, concludedTotal: 10 } },
    ],
  },
  {
    name: 'T3-NONNEG-CARRY: 7 自然人 carried over out of 5+1 (which breaks 勾稽 too)',
    mutate: (r) => {
      r.table3.carriedOver.natural_person = 7;
      r.table3.carriedOver.total = 7;
    },
    expected: [
      { ruleId: 'TXT-CARRY', severity: 'error', location: loc({ section: '一', table: 'table3', row: 'carriedOver', column: 'total' }), numbers: { textValue: 1, tableValue: 7, quote: '结转下年度继续办理1件' } },
      { ruleId: 'T3-GOUJI', severity: 'error', location: loc({ ...T3, column: 'natural_person' }), numbers: { received: 5, carriedIn: 1, concludedTotal: 5, carriedOver: 7, firstPlusSecond: 6, thirdPlusFourth: 12 } },
      { ruleId: 'T3-GOUJI', severity: 'error', location: loc({ ...T3, column: 'total' }), numbers: { received: 9, carriedIn: 1, concludedTotal: 9, carriedOver: 7, firstPlusSecond: 10, thirdPlusFourth: 16 } },
      { ruleId: 'T3-NONNEG-CARRY', severity: 'error', location: loc({ ...T3, row: 'carriedOver', column: 'natural_person' }), numbers: { carriedOver: 7, receivedPlusCarriedIn: 6 } },
    ],
  },
  {
    name: 'T4-INT: a blank cell',
    mutate: (r) => {
      r.table4.adminReview.corrected = null;
    },
    expected: [{ ruleId: 'T4-INT', severity: 'error', location: loc({ ...T4, row: 'adminReview', column: 'corrected' }), numbers: { blankCells: 1 } }],
  },
  {
    name: 'T4-INT: a fraction',
    mutate: (r) => {
      r.table4.litigationDirect.upheld = 0.5;
    },
    expected: [{ ruleId: 'T4-INT', severity: 'error', location: loc({ ...T4, row: 'litigationDirect', column: 'upheld' }), numbers: { value: 0.5 } }],
  },
  {
    name: 'T4-SUM: 行政复议 0+0+0+1 ≠ 2',
    mutate: (r) => {
      r.table4.adminReview.upheld = 0;
    },
    expected: [
      {
        ruleId: 'T4-SUM',
        severity: 'error',
        location: loc({ ...T4, row: 'adminReview', column: 'total' }),
        numbers: { upheld: 0, corrected: 0, otherResult: 0, pending: 1, partSum: 1, total: 2 },
      },
    ],
  },
  {
    name: 'T2-INT: a blank 行政许可 and a fractional 现行有效件数',
    mutate: (r) => {
      r.table2.licensing = null;
      r.table2.normativeDocuments.inForce = 2.5;
    },
    expected: [
      { ruleId: 'T2-INT', severity: 'error', location: loc({ ...T2, row: 'normativeDocuments', column: 'inForce' }), numbers: { value: 2.5 } },
      { ruleId: 'T2-INT', severity: 'error', location: loc({ ...T2, row: 'licensing', column: 'value' }), numbers: { value: null } },
    ],
  },
  {
    name: 'T2-FEE: negative',
    mutate: (r) => {
      r.table2.administrativeFees = '-1';
    },
    expected: [{ ruleId: 'T2-FEE', severity: 'error', location: loc({ ...T2, row: 'administrativeFees', column: 'value' }), numbers: { printed: '-1' } }],
  },
  {
    name: 'T2-FEE: blank',
    mutate: (r) => {
      r.table2.administrativeFees = null;
    },
    expected: [{ ruleId: 'T2-FEE', severity: 'error', location: loc({ ...T2, row: 'administrativeFees', column: 'value' }), numbers: { printed: null } }],
  },
  {
    name: 'T2-FEE: the national template accepts "162"',
    mutate: (r) => {
      r.table2.administrativeFees = '162';
    },
    options: { template: 'national' },
    expected: [],
  },
  {
    name: 'T2-FEE: the Henan template accepts "162.0000"',
    mutate: (r) => {
      r.table2.administrativeFees = '162.0000';
    },
    options: { template: 'henan' },
    expected: [],
  },
  {
    name: 'T2-FEE: the Henan template wants 4 decimals, "162" has none',
    mutate: (r) => {
      r.table2.administrativeFees = '162';
    },
    options: { template: 'henan' },
    expected: [{ ruleId: 'T2-FEE', severity: 'error', location: loc({ ...T2, row: 'administrativeFees', column: 'value' }), numbers: { printed: '162', value: 162, decimals: 0, requiredDecimals: 4 } }],
  },
  {
    name: 'T2-FEE: a header printing 保留4位小数 asks for 4 decimals without a template',
    mutate: (r) => {
      r.table2.administrativeFees = '1.25';
    },
    options: { source: { ...correctSource(), feeHeader: '本年收费金额(单位: 万元, 保留4位小数)' } },
    expected: [{ ruleId: 'T2-FEE', severity: 'error', location: loc({ ...T2, row: 'administrativeFees', column: 'value' }), numbers: { printed: '1.25', value: 1.25, decimals: 2, requiredDecimals: 4 } }],
  },
  {
    name: 'T2-FEE-UNIT: 25000 万元 looks like 元',
    mutate: (r) => {
      r.table2.administrativeFees = '25000';
    },
    expected: [{ ruleId: 'T2-FEE-UNIT', severity: 'warning', location: loc({ ...T2, row: 'administrativeFees', column: 'value' }), numbers: { printed: '25000', value: 25000 } }],
  },
  {
    name: 'T2-PLAUS: 现行有效 0 < 制发 2 − 废止 1',
    mutate: (r) => {
      r.table2.normativeDocuments.inForce = 0;
    },
    expected: [{ ruleId: 'T2-PLAUS', severity: 'warning', location: loc({ ...T2, row: 'normativeDocuments', column: 'inForce' }), numbers: { issued: 2, repealed: 1, inForce: 0 } }],
  },
  {
    name: 'T2-AUTH: 规章 from a county department (level given)',
    mutate: (r) => {
      r.table2.rules = { issued: 1, repealed: 0, inForce: 1 };
    },
    options: { agencyLevel: 'county_department' },
    expected: [{ ruleId: 'T2-AUTH', severity: 'warning', location: loc({ ...T2, row: 'rules' }), numbers: { issued: 1, repealed: 0, inForce: 1, agencyLevel: 'county_department' } }],
  },
  {
    name: 'T2-AUTH: 规章 from a 镇 (level read off the name)',
    mutate: (r) => {
      r.agencyName = '松木塘镇人民政府';
      r.table2.rules = { issued: 2, repealed: 0, inForce: 2 };
    },
    expected: [{ ruleId: 'T2-AUTH', severity: 'warning', location: loc({ ...T2, row: 'rules' }), numbers: { issued: 2, repealed: 0, inForce: 2, agencyLevel: 'township' } }],
  },
  {
    name: 'T2-AUTH: a 设区的市 government makes 规章',
    mutate: (r) => {
      r.table2.rules = { issued: 1, repealed: 0, inForce: 1 };
    },
    options: { agencyLevel: 'city' },
    expected: [],
  },
  {
    name: 'T2-AUTH: an unknown level is not guessed',
    mutate: (r) => {
      r.table2.rules = { issued: 1, repealed: 0, inForce: 1 };
    },
    expected: [],
  },
];

describe('table rules', () => {
  it.each(tableCases)('$name', ({ mutate, options, expected }) => {
    expect(lint(mutate, options).map(shape)).toEqual(expected);
  });

  it('words T3-GOUJI as the printed 勾稽关系', () => {
    const [finding] = lint((r) => {
      r.table3.received.natural_person = 6;
    });
    expect(finding?.message).toBe('表三“自然人”列：第一项加第二项之和（7）不等于第三项加第四项之和（6）。');
  });

  it('says where the 镇 level came from', () => {
    const [finding] = lint((r) => {
      r.agencyName = '某某街道办事处';
      r.table2.rules.inForce = 1;
    });
    expect(finding?.ruleId).toBe('T2-AUTH');
    expect(finding?.message).toContain('按机关名称推断为乡镇人民政府、街道办事处');
  });

  it('T2-FEE message gives the required form', () => {
    const [finding] = lint((r) => {
      r.table2.administrativeFees = '162';
    }, { template: 'henan' });
    expect(finding?.message).toContain('应写作“162.0000”');
  });
});

describe('structure rules (need the source)', () => {
  const withSource = (edit: (s: ReturnType<typeof correctSource>) => void): LintOptions => {
    const source = correctSource();
    edit(source);
    return { source };
  };

  const cases: Case[] = [
    {
      name: 'STRUCT-6: section 四 missing',
      mutate: () => {},
      options: withSource((s) => {
        s.sections = s.sections.filter((x) => x.ordinal !== '四');
      }),
      expected: [{ ruleId: 'STRUCT-6', severity: 'error', location: loc({ section: '四' }), numbers: { missingSection: '四' } }],
    },
    {
      name: 'STRUCT-6: 六 before 五',
      mutate: () => {},
      options: withSource((s) => {
        const five = s.sections.find((x) => x.ordinal === '五');
        const six = s.sections.find((x) => x.ordinal === '六');
        if (five && six) [five.offset, six.offset] = [six.offset, five.offset];
      }),
      expected: [{ ruleId: 'STRUCT-6', severity: 'error', location: loc({ section: '六' }), numbers: { section: '六', expectedAfter: '五' } }],
    },
    {
      name: 'STRUCT-6: a row label “四、结转下年度继续办理” found after the real 四 does not count',
      mutate: () => {},
      options: withSource((s) => {
        s.sections.push({ ordinal: '四', heading: '四、结转下年度继续办理', offset: 5 });
        s.sections.sort((a, b) => a.offset - b.offset);
      }),
      // The first 四 (offset 5) is before 三: that is an order error, which is what the parser said.
      expected: [{ ruleId: 'STRUCT-6', severity: 'error', location: loc({ section: '四' }), numbers: { section: '四', expectedAfter: '三' } }],
    },
    {
      name: 'STRUCT-LABELS: the known misprints 社会组织 and 其他法律法规禁止公开 are warnings',
      mutate: () => {},
      options: withSource((s) => {
        s.labels = s.labels.map((l) => {
          if (l.code === 'public_interest_org') return { ...l, printed: '社会组织' };
          if (l.code === 'withheld_prohibited_by_law') return { ...l, printed: '2. 其他法律法规禁止公开' };
          return l;
        });
      }),
      expected: [
        // A column header (no row) reads before the rows.
        { ruleId: 'STRUCT-LABELS', severity: 'warning', location: loc({ ...T3, column: 'public_interest_org' }), numbers: { printed: '社会组织', expected: '社会公益组织' } },
        { ruleId: 'STRUCT-LABELS', severity: 'warning', location: loc({ ...T3, row: 'withheld_prohibited_by_law' }), numbers: { printed: '2. 其他法律法规禁止公开', expected: '2.其他法律行政法规禁止公开' } },
      ],
    },
    {
      name: 'STRUCT-LABELS: an unknown label is an error; a 2019-format label is an error',
      mutate: () => {},
      options: withSource((s) => {
        s.labels = s.labels.map((l) => {
          if (l.code === 'natural_person') return { ...l, printed: '个人' };
          if (l.code === 'issued') return { ...l, printed: '本年新制作数量' };
          return l;
        });
        s.fullText += '\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量';
      }),
      expected: [
        { ruleId: 'STRUCT-LABELS', severity: 'error', location: loc({ ...T2 }), numbers: { marker: '本年新公开数量' } },
        { ruleId: 'STRUCT-LABELS', severity: 'error', location: loc({ ...T2 }), numbers: { marker: '对外公开总数量' } },
        { ruleId: 'STRUCT-LABELS', severity: 'error', location: loc({ ...T2, column: 'issued' }), numbers: { printed: '本年新制作数量', expected: '本年制发件数' } },
        { ruleId: 'STRUCT-LABELS', severity: 'error', location: loc({ ...T3, column: 'natural_person' }), numbers: { printed: '个人', expected: '自然人' } },
      ],
    },
    {
      name: 'STRUCT-LABELS: spacing, full/half-width brackets, quotes and ordinals are tolerated',
      mutate: () => {},
      options: withSource((s) => {
        s.labels = s.labels.map((l) => {
          if (l.code === 'rules') return { ...l, printed: '规　章' };
          if (l.code === 'concludedTotal') return { ...l, printed: '(七) 总计' };
          if (l.code === 'withheld_security_stability') return { ...l, printed: '3.危及"三安全一稳定"' };
          if (l.code === 'partially_disclosed') return { ...l, printed: '(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)' };
          if (l.code === 'business') return { ...l, printed: '商业 企业' };
          if (l.code === 'withheld_state_secret') return { ...l, printed: '(三) 不予公开 1. 属于国家秘密' };
          return l;
        });
      }),
      expected: [],
    },
    {
      name: 'STRUCT-LABELS: a 2019-format caption in the text',
      mutate: () => {},
      options: withSource((s) => {
        // ReportSource.fullText is NFKC, as the parser gives it.
        s.fullText += '\n第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t0\t0'.normalize('NFKC');
      }),
      expected: [
        { ruleId: 'STRUCT-LABELS', severity: 'error', location: loc({ ...T2 }), numbers: { marker: '第二十条第（九）项' } },
        { ruleId: 'STRUCT-LABELS', severity: 'error', location: loc({ ...T2 }), numbers: { marker: '政府集中采购' } },
      ],
    },
    {
      name: 'STRUCT-LABELS: 政府集中采购 in a sentence of prose is not a marker',
      mutate: () => {},
      options: withSource((s) => {
        s.fullText += '\n本年度主动公开政府集中采购项目信息12条，财政预算决算信息3条。';
      }),
      expected: [],
    },
    {
      name: 'STRUCT-LABELS: （六）其他处理 as a single row (2019 format)',
      mutate: () => {},
      options: withSource((s) => {
        s.fullText += '\n\t(六) 其他处理\t0\t0\t0\t0\t0\t0\t0\n\t(七) 总计\t9\t0\t0\t0\t0\t0\t9';
      }),
      expected: [{ ruleId: 'STRUCT-LABELS', severity: 'error', location: loc({ ...T3 }), numbers: { marker: '（六）其他处理' } }],
    },
    {
      name: 'YEAR: title 2022, statistics period 2023',
      mutate: () => {},
      options: withSource((s) => {
        s.title = '某市某局2022年政府信息公开工作年度报告';
      }),
      expected: [{ ruleId: 'YEAR', severity: 'error', location: loc({}), numbers: { titleYear: 2022, statisticsYear: 2023 } }],
    },
    {
      name: 'YEAR: a Chinese-numeral title year that agrees',
      mutate: () => {},
      options: withSource((s) => {
        s.title = '某市某局二〇二三年政府信息公开工作年度报告';
      }),
      expected: [],
    },
    {
      name: 'YEAR: a 2023 report citing 〔2019〕60号',
      mutate: () => {},
      options: withSource((s) => {
        s.fullText += '\n本报告按照国办公开办函〔2019〕60号要求编制。';
      }),
      expected: [{ ruleId: 'YEAR', severity: 'error', location: loc({}), numbers: { year: 2023, cited: '国办公开办函〔2019〕60号' } }],
    },
    {
      name: 'YEAR: a 2020 report citing 〔2019〕60号 is right to do so',
      mutate: (r) => {
        r.year = 2020;
        r.text.overview = '';
      },
      options: withSource((s) => {
        s.title = '某市某局2020年政府信息公开工作年度报告';
        s.statisticsYear = 2020;
        s.fullText += '\n本报告按照国办公开办函〔2019〕60号要求编制。';
      }),
      expected: [],
    },
  ];

  it.each(cases)('$name', ({ mutate, options, expected }) => {
    expect(lint(mutate, options).map(shape)).toEqual(expected);
  });

  it('a row the parser did not find is its PARSE-MISSING-ROW, not also a T3-INT', () => {
    const source = correctSource();
    const blankOther = (r: AnnualReport) => {
      r.table3.other = { natural_person: null, business: null, research_institution: null, public_interest_org: null, legal_service_org: null, other_org: null, total: null };
    };
    // Found by the parser (its label is there) yet blank: T3-INT.
    expect(lint(blankOther, { source }).map((f) => [f.ruleId, f.location.row, f.numbers['blankCells']])).toEqual([['T3-INT', 'other', 7]]);
    source.labels = source.labels.filter((l) => !(l.table === 'table3' && l.code === 'other'));
    expect(lint(blankOther, { source })).toEqual([]);
  });

  it('a table-4 label coded group.result is located at that group and column', () => {
    const source = correctSource();
    source.labels.push({ table: 'table4', code: 'litigationDirect.upheld', kind: 'column', printed: '维持' });
    expect(lint(() => {}, { source }).map(shape)).toEqual([
      { ruleId: 'STRUCT-LABELS', severity: 'error', location: loc({ ...T4, row: 'litigationDirect', column: 'upheld' }), numbers: { printed: '维持', expected: '结果维持' } },
    ]);
  });

  it('without a source there are no structure findings', () => {
    expect(lint().filter((f) => ['STRUCT-6', 'STRUCT-LABELS', 'YEAR'].includes(f.ruleId))).toEqual([]);
  });

  it('the 社会组织 warning says what the format prints', () => {
    const source = correctSource();
    source.labels = source.labels.map((l) => (l.code === 'public_interest_org' ? { ...l, printed: '社会组织' } : l));
    const [finding] = lint(() => {}, { source });
    expect(finding?.message).toBe('表三列名印作“社会组织”，国家格式为“社会公益组织”。这是常见的错印，请按国家格式更正。');
  });
});

describe('cross-year rules', () => {
  const withPrevious = (edit: (p: AnnualReport) => void): LintOptions => {
    const previous = correctPreviousReport();
    edit(previous);
    return { previous };
  };

  const cases: Case[] = [
    {
      name: 'XY-CARRY: last year carried 2 自然人 over, this year brings in 1',
      mutate: () => {},
      options: withPrevious((p) => {
        p.table3.carriedOver.natural_person = 2;
        p.table3.carriedOver.total = 2;
      }),
      expected: [
        { ruleId: 'XY-CARRY', severity: 'error', location: loc({ ...T3, row: 'carriedIn', column: 'natural_person' }), numbers: { carriedIn: 1, previousCarriedOver: 2 } },
        { ruleId: 'XY-CARRY', severity: 'error', location: loc({ ...T3, row: 'carriedIn', column: 'total' }), numbers: { carriedIn: 1, previousCarriedOver: 2 } },
      ],
    },
    {
      name: 'XY-VALID: 12 + 2 − 1 = 13, not 10',
      mutate: () => {},
      options: withPrevious((p) => {
        p.table2.normativeDocuments.inForce = 12;
      }),
      expected: [
        { ruleId: 'XY-VALID', severity: 'warning', location: loc({ ...T2, row: 'normativeDocuments', column: 'inForce' }), numbers: { inForce: 10, previousInForce: 12, issued: 2, repealed: 1, expected: 13 } },
      ],
    },
    {
      name: 'T4-CARRY: 3 行政复议 pending last year, only 2 in this year’s table',
      mutate: () => {},
      options: withPrevious((p) => {
        p.table4.adminReview = { upheld: 0, corrected: 0, otherResult: 0, pending: 3, total: 3 };
      }),
      expected: [{ ruleId: 'T4-CARRY', severity: 'warning', location: loc({ ...T4, row: 'adminReview', column: 'total' }), numbers: { previousPending: 3, total: 2 } }],
    },
    {
      name: 'XY-YEAR: the previous report is not last year’s',
      mutate: () => {},
      options: withPrevious((p) => {
        p.year = 2020;
      }),
      expected: [{ ruleId: 'XY-YEAR', severity: 'warning', location: loc({}), numbers: { year: 2023, previousYear: 2020 } }],
    },
  ];

  it.each(cases)('$name', ({ mutate, options, expected }) => {
    expect(lint(mutate, options).map(shape)).toEqual(expected);
  });
});

describe('fee rules', () => {
  it('FEE-XREF: 300元 of 信息处理费 is more than 0.0100万元 of 行政事业性收费', () => {
    const findings = lint((r) => {
      r.table2.administrativeFees = '0.0100';
      r.text.otherMatters = '本年度收取信息处理费300元。';
    });
    expect(findings.map(shape)).toEqual([
      {
        ruleId: 'FEE-XREF',
        severity: 'warning',
        location: loc({ section: '六', table: 'table2', row: 'administrativeFees', column: 'value' }),
        numbers: { processingFeeYuan: 300, processingFeeWanYuan: 0.03, administrativeFees: 0.01, quote: '信息处理费300元' },
      },
    ]);
  });

  it('FEE-XREF: 100元 fits in 0.0100万元; 0.5万元 is read in 万元', () => {
    expect(
      lint((r) => {
        r.table2.administrativeFees = '0.0100';
        r.text.otherMatters = '本年度收取信息处理费100元。';
      }),
    ).toEqual([]);
    expect(
      lint((r) => {
        r.table2.administrativeFees = '0.4000';
        r.text.otherMatters = '本年度收取信息处理费0.5万元。';
      }).map((f) => [f.ruleId, f.numbers['processingFeeYuan']]),
    ).toEqual([['FEE-XREF', 5000]]);
  });

  it('FEE-XREF: a rate or a citation of the 办法 is not an amount collected', () => {
    expect(
      lint((r) => {
        r.table2.administrativeFees = '0.0000';
        r.text.otherMatters = '依据《政府信息公开信息处理费管理办法》第四条规定，按件计收100元/件。全年收取信息处理费0元。';
      }),
    ).toEqual([]);
  });

  it('FEE-STATEMENT: other words for the fee statement are accepted', () => {
    expect(lint((r) => (r.text.otherMatters = '2025年度我局无向申请人收取政府信息公开费用的情况。'), { template: 'henan' })).toEqual([]);
  });

  it('FEE-STATEMENT: the Henan template wants the 信息处理费 in 六', () => {
    const findings = lint((r) => {
      r.text.otherMatters = '无';
    }, { template: 'henan' });
    expect(findings.map(shape)).toEqual([{ ruleId: 'FEE-STATEMENT', severity: 'warning', location: loc({ section: '六' }), numbers: { template: 'henan' } }]);
    expect(lint((r) => (r.text.otherMatters = '无'), { template: 'national' })).toEqual([]);
  });

  it('reads 保留N位小数 from a printed header', () => {
    expect(feeDecimalsPrinted(FEE_HEADER_HENAN)).toBe(4);
    expect(feeDecimalsPrinted('本年收费金额(单位: 万元, 保留 4 位小数)')).toBe(4);
    expect(feeDecimalsPrinted('本年收费金额（单位：万元，保留两位小数）')).toBeNull();
    expect(feeDecimalsPrinted('本年收费金额（单位：万元）')).toBeNull();
  });
});

describe('sorting', () => {
  it('orders by section, table, row, column, then errors before warnings', () => {
    const report = correctReport();
    report.text.overview = '处理依法申请公开1起。';
    report.table4.adminReview.upheld = 0; // T4-SUM, section 四
    report.table2.normativeDocuments.inForce = 0; // T2-PLAUS, section 二 row normativeDocuments
    report.table2.licensing = null; // T2-INT, section 二 row licensing
    report.table3.received.natural_person = null; // T3-INT, section 三 row received
    report.text.otherMatters = '无'; // FEE-STATEMENT, section 六
    const source = correctSource();
    source.title = '某市某局2022年政府信息公开工作年度报告'; // YEAR, no section
    const findings = lintAnnualReport(report, { source, template: 'henan' });
    expect(findings.map((f) => `${f.ruleId}@${f.location.section ?? '-'}`)).toEqual([
      'YEAR@-',
      'TXT-APPS@一',
      'T2-PLAUS@二',
      'T2-INT@二',
      'T3-INT@三',
      'T4-SUM@四',
      'FEE-STATEMENT@六',
    ]);
  });
});
