// Expected values worked out by hand:
//
// 身份证 (GB 11643, weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; Σ mod 11 → 1 0 X 9 8 7 6 5 4 3 2):
//   41010219900307123·: 4×7+1×9+0+1×5+0+2×4+1×2+9×1+9×6+0+0+3×9+0+7×5+1×8+2×4+3×2
//     = 28+9+5+8+2+9+54+27+35+8+8+6 = 199; 199 mod 11 = 1 → '0'  ⇒ 410102199003071230
//   11010519491231002·: 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → 'X'
//     ⇒ 11010519491231002X (the example printed in GB 11643-1999)
//   41010219900307010·: 28+9+5+8+2+9+54+27+35+0+4+0 = 181; 181 mod 11 = 5 → '7' ⇒ 410102199003070107
// Luhn (from the right, double every second digit, subtract 9 above 9, total ≡ 0 mod 10):
//   622202000000000·: doubled 0,0,0,0,0,0,2→4,6→12→3 = 7; others 0,0,0,0,2,2,2 = 6; 13 → check 7
//     ⇒ 6222020000000007; with 8 as the last digit the total is 13 + 8 = 21, not ≡ 0: …0008 fails
//   622848001234567890·: doubled 0,8→7,6→3,4→8,2→4,0,8→7,8→7,2→4 = 40; others 9,7,5,3,1,0,4,2,6
//     = 37; 77 → check 3 ⇒ 6228480012345678903
//   411111111111111·: doubled 1×7→14, 4→8 = 22; others 7 ones = 7; 29 → check 1 ⇒ 4111111111111111
//   410102199003070107 as a card: undoubled 7+1+7+3+0+9+2+1+1 = 31, doubled 0+0+0+0+9+2+0+0+8 = 19;
//     50 ≡ 0 → it passes Luhn too, and must still be reported once, as an 身份证 number.
import { describe, expect, it } from 'vitest';
import { DEFAULT_WRONG_TERMS } from './default-screening-terms.ts';
import type { ScreeningHit } from './publication.ts';
import type { ScreeningTerm } from './screen-text.ts';
import { screenText } from './screen-text.ts';

function scan(text: string, terms: readonly ScreeningTerm[] = []): ScreeningHit[] {
  return screenText(text, { terms });
}

function kindsAndTexts(text: string, terms: readonly ScreeningTerm[] = []): Array<[string, string]> {
  return scan(text, terms).map((hit) => [hit.kind, hit.text]);
}

describe('screenText: 身份证号码', () => {
  it('finds an 18-character number with a valid check character, with its offsets and advice', () => {
    const text = '申请人：张三，身份证号码：410102199003071230。';
    const hits = scan(text);
    expect(hits).toHaveLength(1);
    const [hit] = hits;
    expect(hit).toMatchObject({ kind: 'id_number', text: '410102199003071230', start: 13, end: 31, source: 'text' });
    expect(hit?.suggestion).toBe('身份证号码：删除，或隐去部分号码（如只保留前6位和后4位：410102********1230）');
    expect(text.slice(hit?.start, hit?.end)).toBe('410102199003071230');
  });

  it('accepts X and x as the check character', () => {
    expect(kindsAndTexts('公民身份号码11010519491231002X。')).toEqual([['id_number', '11010519491231002X']]);
    expect(kindsAndTexts('号码 11010519491231002x 已核实')).toEqual([['id_number', '11010519491231002x']]);
  });

  it('finds a number printed 6-8-4 with spaces', () => {
    expect(kindsAndTexts('身份证号码：410102 19900307 1230，')).toEqual([['id_number', '410102 19900307 1230']]);
  });

  it('ignores a number whose check character is wrong, or whose birth date is not a date', () => {
    expect(scan('身份证号码410102199003071231')).toEqual([]);
    // 19900231: there is no 31 February. Not a card either: …301230 passes Luhn (undoubled
    // 0+2+0+2+0+9+2+1+1 = 17, doubled 6+2+6+0+9+2+0+0+8 = 33, 50), and 1 more undoubled makes 51.
    expect(scan('身份证号码410102199002311230')).toEqual([]);
  });

  it('ignores a valid number embedded in a longer run of digits or letters', () => {
    expect(scan('编号A410102199003071230')).toEqual([]);
    expect(scan('编号4101021990030712301')).toEqual([]);
    expect(scan('编号9410102199003071230')).toEqual([]);
  });

  it('reads full-width digits and reports the text as written', () => {
    const hits = scan('身份证号：４１０１０２１９９００３０７１２３０');
    expect(hits.map((h) => [h.kind, h.text, h.start, h.end])).toEqual([['id_number', '４１０１０２１９９００３０７１２３０', 5, 23]]);
  });

  it('reports a number that also passes Luhn once, as an ID number', () => {
    expect(kindsAndTexts('身份证410102199003070107')).toEqual([['id_number', '410102199003070107']]);
  });
});

describe('screenText: 手机号码', () => {
  it('finds plain, +86, 86 and 3-4-4 spaced or hyphenated numbers', () => {
    const text = '联系人手机13800138000；备用+86 139-1234-5678，或8615012345678，或 138 0013 8000，或(+86)18912345678。';
    expect(kindsAndTexts(text)).toEqual([
      ['mobile', '13800138000'],
      ['mobile', '+86 139-1234-5678'],
      ['mobile', '8615012345678'],
      ['mobile', '138 0013 8000'],
      ['mobile', '18912345678'],
    ]);
  });

  it('masks the middle four digits in the advice', () => {
    expect(scan('手机：13800138000')[0]?.suggestion).toBe('手机号码：删除，或隐去中间4位（如 138****8000）');
  });

  it('finds numbers listed one after another', () => {
    expect(kindsAndTexts('13800138000、13912345678 15012345678')).toEqual([
      ['mobile', '13800138000'],
      ['mobile', '13912345678'],
      ['mobile', '15012345678'],
    ]);
  });

  it('ignores 11 digits inside a longer run, numbers not starting 13–19, amounts and decimals', () => {
    expect(scan('统计用区划代码138001380001')).toEqual([]);
    expect(scan('编号013800138000')).toEqual([]);
    expect(scan('号码12345678901')).toEqual([]);
    expect(scan('全年收入13800138000元')).toEqual([]);
    expect(scan('全年收入13800138000 元')).toEqual([]);
    expect(scan('指数13800138000.5')).toEqual([]);
    expect(scan('第13800138000号')).toEqual([]);
    expect(kindsAndTexts('手机13800138000 人员：张三；13912345678人民路')).toEqual([
      ['mobile', '13800138000'],
      ['mobile', '13912345678'],
    ]);
  });
});

describe('screenText: 银行卡号', () => {
  it('finds 16- and 19-digit numbers passing Luhn, plain or in groups of four', () => {
    expect(kindsAndTexts('退费账户：6222020000000007。')).toEqual([['bank_card', '6222020000000007']]);
    expect(kindsAndTexts('卡号 6222 0200 0000 0007 户名张三')).toEqual([['bank_card', '6222 0200 0000 0007']]);
    expect(kindsAndTexts('卡号6228-4800-1234-5678-903')).toEqual([['bank_card', '6228-4800-1234-5678-903']]);
    expect(kindsAndTexts('卡号6228480012345678903')).toEqual([['bank_card', '6228480012345678903']]);
    expect(scan('卡号6222020000000007')[0]?.suggestion).toBe('银行卡号：删除，或只保留后4位（如 ****0007）');
  });

  it('ignores numbers failing Luhn and amounts', () => {
    expect(scan('卡号6222020000000008')).toEqual([]);
    expect(scan('合计4111111111111111元')).toEqual([]);
    expect(scan('合计￥4111111111111111')).toEqual([]);
    expect(scan('合计人民币4111111111111111')).toEqual([]);
  });

  it('ignores groups of four that are part of a longer grouped run', () => {
    // 4111 1111 1111 1111 alone passes Luhn; followed by a fifth group it is a series of statistics.
    expect(kindsAndTexts('卡号4111 1111 1111 1111')).toEqual([['bank_card', '4111 1111 1111 1111']]);
    expect(scan('各季度数据4111 1111 1111 1111 2024')).toEqual([]);
  });
});

describe('screenText: ordinary official numbers are not hits', () => {
  it('索引号, 文号 and 统一社会信用代码', () => {
    expect(scan('索引号：11410100MB1234567X/2025-00012')).toEqual([]);
    expect(scan('索引号：000014349/2025-00123')).toEqual([]);
    // An 18-digit first part of a 索引号 is an agency's code, even when it happens to pass GB 11643.
    expect(scan('索引号：410102199003071230/2025-00012')).toEqual([]);
    expect(scan('统一社会信用代码：410102199003071230')).toEqual([]);
    expect(scan('统一社会信用代码：91410100MA44ABCD1X')).toEqual([]);
    expect(scan('发文字号：示政办发〔2025〕3号；豫政〔2024〕12号；国发〔2023〕5号')).toEqual([]);
  });

  it('dates', () => {
    expect(scan('成文日期：2025年1月1日，发布日期：2025-01-01，生效日期20250101，2025.01.01起施行')).toEqual([]);
    expect(scan('有效期20250101-20251231，统计期2025年1月1日—2025年12月31日')).toEqual([]);
  });

  it('amounts', () => {
    expect(scan('下达资金1,234,567.89元，其中中央资金12345.6万元，省级资金1234567890.12元')).toEqual([]);
    expect(scan('全市一般公共预算收入6222020000000007万元')).toEqual([]);
  });

  it('landlines, postal codes and contact blocks of an agency', () => {
    expect(scan('咨询电话：0371-12345678，传真：(0371)67891234，邮政编码：450000')).toEqual([]);
    expect(scan('联系电话：0371－65505123，地址：郑州市金水路17号，邮编：450003')).toEqual([]);
  });

  it('long statistics and table rows', () => {
    const table = ['指标\t2024年\t2025年', '地区生产总值（万元）\t138001380\t145000000', '常住人口（人）\t12600574\t12737345'].join('\n');
    expect(scan(table)).toEqual([]);
    expect(scan('统计用区划代码410102001000，行政区划代码410102')).toEqual([]);
    expect(scan('全省累计13800138000123456人次')).toEqual([]);
  });
});

describe('screenText: 电子邮箱', () => {
  it('finds ordinary addresses', () => {
    expect(kindsAndTexts('请发送至zhang.san_01@163.com或xxgk@zhengzhou.gov.cn。')).toEqual([
      ['email', 'zhang.san_01@163.com'],
      ['email', 'xxgk@zhengzhou.gov.cn'],
    ]);
  });

  it('reports an address made of a phone number once, as an address', () => {
    expect(kindsAndTexts('邮箱13800138000@139.com')).toEqual([['email', '13800138000@139.com']]);
  });

  it('ignores text with an @ that is not an address', () => {
    expect(scan('@某某 请注意；价格@5元')).toEqual([]);
  });
});

describe('screenText: 密级标志', () => {
  it('finds 绝密/机密/秘密 with ★ and a period (GB/T 9704-2012)', () => {
    expect(kindsAndTexts('绝密★30年')).toEqual([['classification_mark', '绝密★30年']]);
    expect(kindsAndTexts('机密★10年\n关于……的通知')).toEqual([['classification_mark', '机密★10年']]);
    expect(kindsAndTexts('秘密★1年')).toEqual([['classification_mark', '秘密★1年']]);
    expect(kindsAndTexts('秘密★长期')).toEqual([['classification_mark', '秘密★长期']]);
    expect(kindsAndTexts('机密★启用前')).toEqual([['classification_mark', '机密★启用前']]);
    expect(kindsAndTexts('秘密 ★ 6个月')).toEqual([['classification_mark', '秘密 ★ 6个月']]);
    expect(kindsAndTexts('本件标有机密★字样')).toEqual([['classification_mark', '机密★']]);
  });

  it('finds a mark standing alone on its line, in brackets, or as a 密级 field', () => {
    expect(kindsAndTexts('秘密\n关于开展检查的通知')).toEqual([['classification_mark', '秘密']]);
    expect(kindsAndTexts('标题\n  内部  \n正文')).toEqual([['classification_mark', '内部']]);
    expect(kindsAndTexts('内部资料　注意保存\n正文')).toEqual([['classification_mark', '内部资料　注意保存']]);
    expect(kindsAndTexts('内部文件\r\n正文')).toEqual([['classification_mark', '内部文件']]);
    expect(kindsAndTexts('国家秘密\n正文')).toEqual([['classification_mark', '国家秘密']]);
    expect(kindsAndTexts('【内部】关于调整值班安排的通知')).toEqual([['classification_mark', '【内部】']]);
    expect(kindsAndTexts('财务管理办法（内部资料）')).toEqual([['classification_mark', '（内部资料）']]);
    expect(kindsAndTexts('密级：机密　份号：000123')).toEqual([['classification_mark', '密级：机密']]);
  });

  it('gives the 国家秘密 advice for secret marks and the 内部事务 advice for 内部', () => {
    expect(scan('秘密★1年')[0]?.suggestion).toContain('条例第十四条');
    expect(scan('内部资料')[0]?.suggestion).toContain('条例第十六条');
  });

  it('does not flag ordinary prose about secrets and internal matters', () => {
    const prose = [
      '经审查，本文件不涉及国家秘密，可以公开。',
      '工作人员应当保守秘密，不得泄露。',
      '加强内部控制，完善内部管理制度。',
      '内部控制制度',
      '提高数据的机密性和完整性。',
      '涉及商业秘密的信息依法不予公开。',
      '不得将内部资料对外提供。',
      '国家秘密的密级分为绝密、机密、秘密三级。',
    ].join('\n');
    expect(scan(prose)).toEqual([]);
  });
});

describe('screenText: sensitive words and 错敏词', () => {
  const agencyTerms: ScreeningTerm[] = [
    { kind: 'sensitive_word', term: '内部讲话', correction: null },
    { kind: 'sensitive_word', term: '维稳', correction: '请改用“维护社会稳定”' },
    { kind: 'wrong_term', term: '台湾', correction: '中国台湾' },
    { kind: 'sensitive_word', term: '办公室', correction: null },
  ];

  it('matches terms exactly, with 应为 for wrong terms', () => {
    const hits = scan('国务院办公室印发，中华人民共合国成立，维稳工作，内部讲话。', [...DEFAULT_WRONG_TERMS, ...agencyTerms]);
    expect(hits.map((h) => [h.kind, h.text, h.suggestion])).toEqual([
      ['wrong_term', '国务院办公室', '应为：国务院办公厅'],
      ['wrong_term', '中华人民共合国', '应为：中华人民共和国'],
      ['sensitive_word', '维稳', '敏感词：请改用“维护社会稳定”'],
      ['sensitive_word', '内部讲话', '敏感词：请核实此处表述，必要时删除或改写'],
    ]);
  });

  it('does not flag a wrong term inside its own correct form', () => {
    // 中国台湾 (0–4) contains 台湾; only the bare 台湾 at 5–7 is wrong.
    expect(scan('中国台湾与台湾', agencyTerms).map((h) => [h.text, h.start, h.end])).toEqual([['台湾', 5, 7]]);
  });

  it('leaves correct forms of the built-in list alone', () => {
    const correct = '国务院办公厅、中共中央办公厅、中华人民共和国政府信息公开条例、“一带一路”倡议、台湾当局、台湾地区领导人、苏联、香港特别行政区政府、香港特区政府、国务院台湾事务办公室';
    expect(scan(correct, DEFAULT_WRONG_TERMS)).toEqual([]);
  });

  it('finds the quoted and unquoted forms of “一带一路”战略', () => {
    expect(kindsAndTexts('推进“一带一路”战略，落实一带一路战略', DEFAULT_WRONG_TERMS)).toEqual([
      ['wrong_term', '“一带一路”战略'],
      ['wrong_term', '一带一路战略'],
    ]);
  });

  it('prefers the longer term and the more specific kind when terms overlap', () => {
    const terms: ScreeningTerm[] = [
      { kind: 'sensitive_word', term: '办公室', correction: null },
      { kind: 'wrong_term', term: '国务院办公室', correction: '国务院办公厅' },
      { kind: 'wrong_term', term: '务院', correction: 'x' },
    ];
    expect(kindsAndTexts('国务院办公室', terms)).toEqual([['wrong_term', '国务院办公室']]);
  });

  it('ignores empty and repeated terms', () => {
    const terms: ScreeningTerm[] = [
      { kind: 'sensitive_word', term: '', correction: null },
      { kind: 'sensitive_word', term: '维稳', correction: null },
      { kind: 'sensitive_word', term: '维稳', correction: null },
    ];
    expect(kindsAndTexts('维稳', terms)).toEqual([['sensitive_word', '维稳']]);
  });
});

describe('screenText: hits', () => {
  it('are sorted by position and carry the source', () => {
    const text = '邮箱a@b.cn，手机13800138000，秘密★1年，身份证11010519491231002X';
    const hits = screenText(text, { terms: [], source: 'attachment:附件1.pdf' });
    expect(hits.map((h) => h.kind)).toEqual(['email', 'mobile', 'classification_mark', 'id_number']);
    expect(hits.every((h) => h.source === 'attachment:附件1.pdf')).toBe(true);
    expect(hits.map((h) => h.start)).toEqual([...hits.map((h) => h.start)].sort((a, b) => a - b));
  });

  it('show up to 20 characters either side, newlines as spaces', () => {
    const text = '第一行\n联系人手机：13800138000\n第三行';
    expect(scan(text)[0]?.context).toBe('第一行 联系人手机：13800138000 第三行');
    const long = `${'一'.repeat(30)}13800138000${'二'.repeat(30)}`;
    expect(scan(long)[0]?.context).toBe(`${'一'.repeat(20)}13800138000${'二'.repeat(20)}`);
  });

  it('count offsets in UTF-16 units and do not split a surrogate pair in the context', () => {
    // 𠀀 (U+20000) is two UTF-16 units; 20 units before the hit start in the middle of it.
    const text = `𠀀${'字'.repeat(19)}13800138000`;
    const [hit] = scan(text);
    expect(hit?.start).toBe(21);
    expect(hit?.context).toBe(`${'字'.repeat(19)}13800138000`);
  });

  it('are none for an empty text', () => {
    expect(scan('')).toEqual([]);
  });

  it('scan 1 MB of official text quickly', () => {
    const paragraph = '根据《中华人民共和国政府信息公开条例》第二十条，现将2025年1月1日至2025年12月31日（索引号：11410100MB1234567X/2025-00012，示政办发〔2025〕3号）预算1,234,567.89元公开，电话0371-12345678。\n';
    const text = paragraph.repeat(Math.ceil(1_000_000 / paragraph.length));
    const started = performance.now();
    expect(screenText(text, { terms: DEFAULT_WRONG_TERMS })).toEqual([]);
    // 10–15 ms measured on the development machine; the bound leaves room for a slow CI runner.
    expect(performance.now() - started).toBeLessThan(500);
  });
});
