import { describe, expect, it } from 'vitest';
import { createEmptyReport } from '../annual-report.ts';
import { createSampleReport } from './create-sample-report.ts';
import { renderReportText } from './render-report-text.ts';

// The 漯河市商务局 2021 report (fixtures/reports/2021-luohe-shangwuju.txt) in the model,
// with the official labels where the published text has variants (社会组织, 其他法律法规禁止公开).
function luohe() {
  const report = createEmptyReport(0, '漯河市商务局', 2021);
  report.table2.licensing = 39;
  report.table2.administrativeFees = '162';
  report.text.overview = '2021年，市商务局较好的完成了政务信息公开工作。\n\n（一）加强队伍建设，提高公开质量。';
  report.text.problems = '（一）存在的主要问题\n一是部分信息公开的及时性、主动性不够。';
  report.text.otherMatters = '无';
  return report;
}

const T = '\t';
const zeros = (n: number) => new Array<string>(n).fill('0');
const line = (...fields: string[]) => fields.join(T);

describe('renderReportText', () => {
  const lines = renderReportText(luohe()).split('\n');

  it('prints title, headings and prose paragraphs separated by blank lines, as the 漯河 page does', () => {
    expect(lines.slice(0, 8)).toEqual([
      '漯河市商务局2021年政府信息公开工作年度报告',
      '',
      '一、总体情况',
      '',
      '2021年，市商务局较好的完成了政务信息公开工作。',
      '',
      '（一）加强队伍建设，提高公开质量。',
      '',
    ]);
    expect(lines.slice(-10)).toEqual([
      '五、存在的主要问题及改进情况',
      '',
      '（一）存在的主要问题',
      '',
      '一是部分信息公开的及时性、主动性不够。',
      '',
      '六、其他需要报告的事项',
      '',
      '无',
      '',
    ]);
  });

  it('lays out table 2 as four sub-tables of four tab-separated fields', () => {
    const start = lines.indexOf('二、主动公开政府信息情况');
    expect(lines.slice(start, start + 17)).toEqual([
      '二、主动公开政府信息情况',
      '',
      line('第二十条第（一）项', '', '', ''),
      line('信息内容', '本年制发件数', '本年废止件数', '现行有效件数'),
      line('规章', '0', '0', '0'),
      line('行政规范性文件', '0', '0', '0'),
      line('第二十条第（五）项', '', '', ''),
      line('信息内容', '本年处理决定数量', '', ''),
      line('行政许可', '39', '', ''),
      line('第二十条第（六）项', '', '', ''),
      line('信息内容', '本年处理决定数量', '', ''),
      line('行政处罚', '0', '', ''),
      line('行政强制', '0', '', ''),
      line('第二十条第（八）项', '', '', ''),
      line('信息内容', '本年收费金额（单位：万元）', '', ''),
      line('行政事业性收费', '162', '', ''),
      '',
    ]);
  });

  it('lays out table 3 field for field like the 漯河 page, merged labels as empty fields', () => {
    const start = lines.indexOf('三、收到和处理政府信息公开申请情况');
    const seven = zeros(7);
    expect(lines.slice(start, start + 32)).toEqual([
      '三、收到和处理政府信息公开申请情况',
      '',
      line('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '', '申请人情况', '', '', '', '', '', '总计', ''),
      line('', '', '自然人', '法人或其他组织', '', '', '', '', '', ''),
      line('', '', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '', ''),
      line('一、本年新收政府信息公开申请数量', '', ...seven, ''),
      line('二、上年结转政府信息公开申请数量', '', ...seven, ''),
      line('三、本年度办理结果', '（一）予以公开', ...seven, ''),
      line('', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', ...seven, ''),
      line('', '（三）不予公开', '1.属于国家秘密', ...seven),
      line('', '', '2.其他法律行政法规禁止公开', ...seven),
      line('', '', '3.危及“三安全一稳定”', ...seven),
      line('', '', '4.保护第三方合法权益', ...seven),
      line('', '', '5.属于三类内部事务信息', ...seven),
      line('', '', '6.属于四类过程性信息', ...seven),
      line('', '', '7.属于行政执法案卷', ...seven),
      line('', '', '8.属于行政查询事项', ...seven),
      line('', '（四）无法提供', '1.本机关不掌握相关政府信息', ...seven),
      line('', '', '2.没有现成信息需要另行制作', ...seven),
      line('', '', '3.补正后申请内容仍不明确', ...seven),
      line('', '（五）不予处理', '1.信访举报投诉类申请', ...seven),
      line('', '', '2.重复申请', ...seven),
      line('', '', '3.要求提供公开出版物', ...seven),
      line('', '', '4.无正当理由大量反复申请', ...seven),
      line('', '', '5.要求行政机关确认或重新出具已获取信息', ...seven),
      line('', '（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', ...seven),
      line('', '', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', ...seven),
      line('', '', '3.其他', ...seven),
      line('', '', '（七）总计', ...seven),
      line('四、结转下年度继续办理', '', '', ...seven),
      '',
      '四、政府信息公开行政复议、行政诉讼情况',
    ]);
  });

  it('lays out table 4 as three header lines and one line of 15 numbers', () => {
    const start = lines.indexOf('四、政府信息公开行政复议、行政诉讼情况');
    const results = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
    expect(lines.slice(start + 2, start + 7)).toEqual([
      line('行政复议', '', '', '', '', '行政诉讼', '', '', '', '', '', '', '', '', ''),
      line(...results, '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', ''),
      line('', '', '', '', '', ...results, ...results),
      line(...zeros(15)),
      '',
    ]);
  });

  it('prints blank cells as empty fields and the prose of 二 before its table', () => {
    const text = renderReportText(createSampleReport());
    expect(text).toContain('二、主动公开政府信息情况\n\n本年度主动公开情况统计如下。\n\n第二十条第（一）项\t\t\t\n');
    expect(text).toContain(`\n${line('行政规范性文件', '4', '', '6')}\n`);
    expect(text).toContain(`\n${line('二、上年结转政府信息公开申请数量', '', '110', '111', '', '113', '114', '115', '116', '')}\n`);
    expect(text).toContain(`\n${line('', '', '3.其他', '320', '321', '322', '323', '324', '325', '')}\n`);
    expect(text).toContain(`\n${line('500', '501', '502', '503', '504', '510', '511', '512', '513', '514', '520', '521', '522', '', '524')}\n`);
  });

  it('prints headings with nothing under them when a section has no prose, and a title without agency or year', () => {
    const text = renderReportText(createEmptyReport());
    expect(text.startsWith('政府信息公开工作年度报告\n\n一、总体情况\n\n二、主动公开政府信息情况\n\n第二十条第（一）项')).toBe(true);
    expect(text.endsWith('五、存在的主要问题及改进情况\n\n六、其他需要报告的事项\n')).toBe(true);
    expect(text).toContain(`\n${line('规章', '', '', '')}\n`);
  });
});
