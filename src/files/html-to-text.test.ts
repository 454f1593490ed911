// htmlToText on small pages, and with parseAnnualReport on the four saved 平潭 pages: their
// table values below were read by hand from the HTML source (the <td> cells of each table).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedReport } from '../domain/report/parse/parsed-report.ts';
import type { Table3RowCode } from '../domain/report/report-format.ts';
import { parseAnnualReport } from '../domain/report/parse/parse-annual-report.ts';
import { htmlToText } from './html-to-text.ts';

const FIXTURES = '/work/shared/fixtures/reports';

describe('htmlToText', () => {
  it('puts block elements on their own lines and keeps inline text together', () => {
    const html = '<div><h1>标题</h1><p>第一段<span>接着</span>写。</p><p>第二段<br>换行</p>文字<ul><li>甲</li><li>乙</ul></div>';
    expect(htmlToText(html)).toBe('标题\n第一段接着写。\n第二段\n换行\n文字\n甲\n乙');
  });

  it('writes each table row as one line of tab-separated cells, without expanding spans', () => {
    const html = [
      '<table><tbody>',
      '<tr><td colspan="4"><p>第二十条第（一）项</p></td></tr>',
      '<tr><td rowspan="2"><p>商业</p><p>企业</p></td><td><span>本年</span><span>制发</span></td><td>&nbsp;</td><td><p>&nbsp;</p><p>58</p><p>&nbsp;</p></td></tr>',
      '<tr><td>规章<td>0<td>1<td>2',
      '</tbody></table>',
    ].join('\n');
    expect(htmlToText(html).split('\n')).toEqual(['第二十条第（一）项', '商业 企业\t本年制发\t\t58', '规章\t0\t1\t2']);
  });

  it('drops head, scripts, styles, comments, navigation and hidden elements', () => {
    const html = [
      '<html><head><title>页面</title><style>p { color: red }</style><script>var a = "<p>脚本</p>";</script></head>',
      '<body><nav><a>首页</a><a>政务公开</a></nav><!-- <p>注释</p> -->',
      '<div style="display:none">隐藏</div><p hidden>也隐藏</p><p>正文</p><SCRIPT type="text/javascript">document.write("<table>")</SCRIPT></body></html>',
    ].join('');
    expect(htmlToText(html)).toBe('正文');
  });

  it('decodes character references', () => {
    expect(htmlToText('<p>&ldquo;三安全一稳定&rdquo; &#19968;&#x4E8C; a&lt;b &amp; c &unknown;</p>')).toBe('“三安全一稳定” 一二 a<b & c &unknown;');
  });

  it('copes with broken markup: stray end tags, unclosed cells, a lone “<”', () => {
    const html = '<p>a < b</p></td></div><table><tr><td>一<tr><td>二</td></tr></p></table><p>尾';
    expect(htmlToText(html).split('\n')).toEqual(['a < b', '一', '二', '尾']);
  });

  it('treats a table holding another table as layout, so the inner rows stay rows', () => {
    const html = '<table><tr><td><p>一、总体情况</p><table><tr><td>规章</td><td>0</td><td>0</td><td>1</td></tr></table><p>说明</p></td></tr></table>';
    expect(htmlToText(html).split('\n')).toEqual(['一、总体情况', '规章\t0\t0\t1', '说明']);
  });

  it('cuts the report body out of the site chrome and puts the article title first', () => {
    const html = [
      '<html><head><meta name="ArticleTitle" content="元数据标题年度报告"><title>某局2023年政府信息公开工作年度报告_年报_某市政府</title></head><body>',
      '<div class="header"><p>某市人民政府门户网站</p><p>首页 > 政务公开 > 年度报告</p></div>',
      '<div class="main"><div class="title">某局2023年政府信息公开工作年度报告</div><div class="info">来源：某局</div>',
      '<div class="content"><p>一、总体情况</p><p>概述。</p><table><tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr></table>',
      '<p>五、存在的主要问题及改进情况</p><p>问题。</p><p>六、其他需要报告的事项</p><p>无。</p></div>',
      '<div class="share">分享到：微信</div></div>',
      '<div class="footer"><p>主办单位：某市人民政府办公室</p></div></body></html>',
    ].join('');
    expect(htmlToText(html).split('\n')).toEqual([
      '某局2023年政府信息公开工作年度报告',
      '一、总体情况',
      '概述。',
      '规章\t0\t0\t0',
      '五、存在的主要问题及改进情况',
      '问题。',
      '六、其他需要报告的事项',
      '无。',
    ]);
  });

  it('falls back to the ArticleTitle meta, then the <title>, when no title line precedes the body', () => {
    const body = '<div><p>一、总体情况</p><table><tr><td>规章</td><td>0</td></tr></table></div>';
    expect(htmlToText(`<head><meta name="ArticleTitle" content="甲局2022年度报告"></head><body>${body}</body>`).split('\n')[0]).toBe('甲局2022年度报告');
    expect(htmlToText(`<head><title>首页 | 乙局2022年政府信息公开工作年度报告 | 乙市</title></head><body>${body}</body>`).split('\n')[0]).toBe('乙局2022年政府信息公开工作年度报告');
  });
});

// ---------------------------------------------------------------- the 平潭 pages

const T3_CODES: readonly Table3RowCode[] = [
  'received', 'carriedIn', 'disclosed', 'partially_disclosed',
  'withheld_state_secret', 'withheld_prohibited_by_law', 'withheld_security_stability', 'withheld_third_party_rights',
  'withheld_internal_affairs', 'withheld_process_info', 'withheld_enforcement_file', 'withheld_inquiry_matter',
  'unavailable_not_held', 'unavailable_needs_creation', 'unavailable_unclear_after_correction',
  'not_processed_petition', 'not_processed_duplicate', 'not_processed_publication', 'not_processed_excessive', 'not_processed_confirmation',
  'other_no_correction', 'other_fee_unpaid', 'other', 'concludedTotal', 'carriedOver',
];

/** Table 三 with the rows given here (自然人…总计) and every other row 0 in all 7 columns. */
function table3With(rows: Partial<Record<Table3RowCode, number[]>>): Record<string, (number | null)[]> {
  return Object.fromEntries(T3_CODES.map((code) => [code, rows[code] ?? [0, 0, 0, 0, 0, 0, 0]]));
}

function table3Of(parsed: ParsedReport): Record<string, (number | null)[]> {
  return Object.fromEntries(T3_CODES.map((code) => [code, Object.values(parsed.report.table3[code])]));
}

function table4Of(parsed: ParsedReport): (number | null)[] {
  const t4 = parsed.report.table4;
  return (['adminReview', 'litigationDirect', 'litigationAfterReview'] as const).flatMap((g) => [t4[g].upheld, t4[g].corrected, t4[g].otherResult, t4[g].pending, t4[g].total]);
}

function parsePage(file: string): ParsedReport {
  return parseAnnualReport(htmlToText(readFileSync(`${FIXTURES}/${file}`, 'utf8')), 'html');
}

const ZEROS_15 = new Array<number>(15).fill(0);

describe('htmlToText + parseAnnualReport on the saved 平潭 pages', () => {
  it('2024 交通与建设局', () => {
    const parsed = parsePage('2024-pingtan-jiaotong-jiansheju.html');
    expect(parsed.findings).toEqual([]);
    expect(parsed.source.title).toBe('平潭综合实验区交通与建设局2024年度政府信息公开工作年度报告');
    expect(parsed.report.agencyName).toBe('平潭综合实验区交通与建设局');
    expect(parsed.report.year).toBe(2024);
    expect(parsed.source.statisticsYear).toBe(2024);
    expect(parsed.report.table2).toEqual({
      rules: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 3, repealed: 1, inForce: 23 },
      licensing: 0,
      penalty: 0,
      enforcement: 0,
      administrativeFees: '0',
    });
    expect(table3Of(parsed)).toEqual(
      table3With({
        received: [58, 0, 0, 0, 0, 0, 58],
        disclosed: [9, 0, 0, 0, 0, 0, 9],
        partially_disclosed: [3, 0, 0, 0, 0, 0, 3],
        withheld_state_secret: [4, 0, 0, 0, 0, 0, 4],
        withheld_internal_affairs: [32, 0, 0, 0, 0, 0, 32],
        unavailable_not_held: [10, 0, 0, 0, 0, 0, 10],
        concludedTotal: [58, 0, 0, 0, 0, 0, 58],
      }),
    );
    expect(table4Of(parsed)).toEqual(ZEROS_15);
    expect(parsed.source.sections.map((s) => s.ordinal)).toEqual(['一', '二', '三', '四', '五', '六']);
    expect(parsed.report.text.overview).toContain('全年我局依法办结政府信息公开申请58件');
    // The page's chrome (menus, footer) is not part of the report.
    expect(parsed.source.fullText).not.toContain('版权所有');
    expect(parsed.source.fullText).not.toContain('领导之窗');
    expect(parsed.source.fullText).not.toContain('itpSiteId');
    expect(parsed.report.text.otherMatters).toContain('本年度没有产生信息公开处理费');
  });

  it('2024 自然资源与生态环境局', () => {
    const parsed = parsePage('2024-pingtan-ziranziyuan-shengtaihuanjingju.html');
    expect(parsed.findings).toEqual([]);
    expect(parsed.source.title).toBe('平潭综合实验区自然资源与生态环境局2024年政府信息公开工作年度报告');
    expect(parsed.report.agencyName).toBe('平潭综合实验区自然资源与生态环境局');
    expect(parsed.report.year).toBe(2024);
    expect(parsed.report.table2).toEqual({
      rules: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 2, repealed: 4, inForce: 33 },
      licensing: 308,
      penalty: 33,
      enforcement: 0,
      administrativeFees: '0',
    });
    expect(table3Of(parsed)).toEqual(
      table3With({
        received: [69, 0, 0, 0, 0, 0, 69],
        disclosed: [23, 0, 0, 0, 0, 0, 23],
        partially_disclosed: [9, 0, 0, 0, 0, 0, 9],
        unavailable_not_held: [37, 0, 0, 0, 0, 0, 37],
        concludedTotal: [69, 0, 0, 0, 0, 0, 69],
      }),
    );
    expect(table4Of(parsed)).toEqual([1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(parsed.report.text.overview).toContain('全年受理信息公开申请69件');
  });

  it('2025 社会事业局: no 规章 row printed, 规范性文件 for 行政规范性文件, spaced T4 headers', () => {
    const parsed = parsePage('2025-pingtan-shehui-shiyeju.html');
    // The page really has no 规章 row; that is the only thing the parser reports.
    expect(parsed.findings.map((f) => [f.ruleId, f.location.table, f.location.row])).toEqual([['PARSE-MISSING-ROW', 'table2', 'rules']]);
    expect(parsed.source.title).toBe('平潭综合实验区社会事业局2025年政府信息公开工作年度报告');
    expect(parsed.report.agencyName).toBe('平潭综合实验区社会事业局');
    expect(parsed.report.year).toBe(2025);
    expect(parsed.source.statisticsYear).toBe(2025);
    expect(parsed.report.table2).toEqual({
      rules: { issued: null, repealed: null, inForce: null },
      normativeDocuments: { issued: 7, repealed: 0, inForce: 0 },
      licensing: 1483,
      penalty: 37,
      enforcement: 0,
      administrativeFees: '0',
    });
    expect(parsed.source.labels.find((l) => l.code === 'normativeDocuments')?.printed).toBe('规范性文件');
    expect(table3Of(parsed)).toEqual(
      table3With({
        received: [3, 0, 0, 0, 0, 0, 3],
        unavailable_not_held: [2, 0, 0, 0, 0, 0, 2],
        unavailable_needs_creation: [1, 0, 0, 0, 0, 0, 1],
        concludedTotal: [3, 0, 0, 0, 0, 0, 3],
      }),
    );
    expect(table4Of(parsed)).toEqual([2, 1, 0, 0, 3, 3, 3, 0, 0, 6, 2, 0, 0, 0, 2]);
    expect(parsed.source.labels.find((l) => l.code === 'adminReview.upheld')?.printed).toBe('结果维持');
    expect(parsed.source.sections.find((s) => s.ordinal === '四')?.heading).toBe('四、政府信息公开行政法复议、行政诉讼情况');
  });

  it('2025 综合执法与应急管理局: a space in the title, no statistics period sentence', () => {
    const parsed = parsePage('2025-pingtan-zonghe-zhifa-yingjiguanliju.html');
    expect(parsed.findings).toEqual([]);
    expect(parsed.source.title).toBe('平潭综合实验区综合执法与应急管理局 2025年政府信息公开工作年度报告');
    expect(parsed.report.agencyName).toBe('平潭综合实验区综合执法与应急管理局');
    expect(parsed.report.year).toBe(2025);
    expect(parsed.source.statisticsYear).toBeNull();
    expect(parsed.report.table2).toEqual({
      rules: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 0, repealed: 0, inForce: 0 },
      licensing: 77,
      penalty: 204,
      enforcement: 0,
      administrativeFees: '0',
    });
    expect(table3Of(parsed)).toEqual(
      table3With({
        received: [1, 0, 0, 0, 0, 0, 1],
        not_processed_petition: [1, 0, 0, 0, 0, 0, 1],
        concludedTotal: [1, 0, 0, 0, 0, 0, 1],
      }),
    );
    expect(table4Of(parsed)).toEqual([0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(parsed.source.sections.find((s) => s.ordinal === '五')?.heading).toBe('五、存在的主要问题及改进措施');
  });
});
