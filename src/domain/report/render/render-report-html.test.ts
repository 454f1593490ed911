import { parse } from 'node-html-parser';
import type { HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../finding.ts';
import { createSampleReport } from './create-sample-report.ts';
import { renderReportHtml } from './render-report-html.ts';

const report = createSampleReport();

function one(root: HTMLElement, selector: string): HTMLElement {
  const found = root.querySelectorAll(selector);
  expect(found, selector).toHaveLength(1);
  return found[0]!;
}

function thWithText(root: HTMLElement, text: string): HTMLElement {
  const found = root.querySelectorAll('th, td').filter((c) => c.text.trim() === text);
  expect(found, text).toHaveLength(1);
  return found[0]!;
}

function dataCell(root: HTMLElement, table: string, row: string, column: string): HTMLElement {
  return one(root, `td[data-table="${table}"][data-row="${row}"][data-column="${column}"]`);
}

function finding(ruleId: string, severity: Finding['severity'], location: Partial<Finding['location']>, message = `${ruleId} 的说明`): Finding {
  return { ruleId, severity, message, location: { section: null, table: null, row: null, column: null, ...location }, numbers: {} };
}

describe('renderReportHtml, the page', () => {
  const html = renderReportHtml(report, { standalone: true });
  const root = parse(html);

  it('is a whole zh-CN page with its styles inline, printable on A4', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(one(root, 'html').getAttribute('lang')).toBe('zh-CN');
    expect(one(root, 'title').text).toBe('示例市交通运输局2024年政府信息公开工作年度报告');
    const style = one(root, 'head style').text;
    expect(style).toContain('@media print');
    expect(style).toContain('size:A4');
    expect(style).toContain('margin:37mm 26mm 35mm 28mm');
    expect(style).toContain('overflow-x:auto');
    expect(html).not.toMatch(/<link|<script|src="http/);
  });

  it('has the title and the six section headings in order', () => {
    expect(one(root, 'h1').text).toBe('示例市交通运输局2024年政府信息公开工作年度报告');
    expect(root.querySelectorAll('h2').map((h) => h.text)).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
  });

  it('makes one paragraph per line of prose and escapes it', () => {
    const overview = one(root, '#gk-section-overview');
    expect(overview.querySelectorAll('p').map((p) => p.text)).toEqual([
      '2024年，示例市交通运输局认真贯彻《中华人民共和国政府信息公开条例》，统计期限为2024年1月1日至12月31日。',
      '（一）主动公开。全年通过门户网站主动公开政府信息1200条，其中政策文件35件。',
      '（二）依申请公开。严格按照法定时限答复，答复文书规范。',
    ]);
    expect(html).toContain('“A&lt;B &amp; C”');
    expect(one(root, '#gk-section-problems').querySelectorAll('p')[1]?.text).toContain('“A<B & C”');
  });

  it('escapes a hostile agency name and title', () => {
    const hostile = { ...report, agencyName: '<script>alert(1)</script>' };
    const page = renderReportHtml(hostile, { standalone: true });
    expect(page).not.toContain('<script>');
    expect(renderReportHtml(report, { title: '"><img src=x>' })).not.toContain('<img');
  });

  it('puts each table in a focusable, horizontally scrolling region named by its caption', () => {
    const regions = root.querySelectorAll('div.gk-table-scroll');
    expect(regions).toHaveLength(3);
    for (const region of regions) {
      expect(region.getAttribute('role')).toBe('region');
      expect(region.getAttribute('tabindex')).toBe('0');
      const caption = one(region, 'caption');
      expect(region.getAttribute('aria-labelledby')).toBe(caption.id);
      expect(one(region, 'table').getAttribute('aria-labelledby')).toBe(caption.id);
      // Hidden: the heading above shows it, and it must not turn into prose when the page is copied as text.
      expect(caption.hasAttribute('hidden')).toBe(true);
    }
    expect(regions.map((r) => r.querySelector('caption')?.text)).toEqual(['表二　主动公开政府信息情况', '表三　收到和处理政府信息公开申请情况', '表四　政府信息公开行政复议、行政诉讼情况']);
  });
});

describe('renderReportHtml, the official table structure', () => {
  const root = parse(renderReportHtml(report));

  it('gives table 2 four caption rows across all 4 columns and spans the single values over 3', () => {
    const table = one(root, 'table[data-table="table2"]');
    const captions = table.querySelectorAll('th.gk-caption-cell');
    expect(captions.map((c) => [c.text, c.getAttribute('colspan'), c.getAttribute('scope')])).toEqual([
      ['第二十条第（一）项', '4', 'colgroup'],
      ['第二十条第（五）项', '4', 'colgroup'],
      ['第二十条第（六）项', '4', 'colgroup'],
      ['第二十条第（八）项', '4', 'colgroup'],
    ]);
    expect(table.querySelectorAll('tbody')).toHaveLength(4);
    for (const row of ['licensing', 'penalty', 'enforcement', 'administrativeFees']) {
      expect(dataCell(table, 'table2', row, 'value').getAttribute('colspan')).toBe('3');
    }
    expect(dataCell(table, 'table2', 'administrativeFees', 'value').text).toBe('10.1234');
    expect(thWithText(table, '本年收费金额（单位：万元）').getAttribute('colspan')).toBe('3');
  });

  it('gives table 3 the merged header and the nested row labels', () => {
    const table = one(root, 'table[data-table="table3"]');
    const note = thWithText(table, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect([note.tagName, note.getAttribute('rowspan'), note.getAttribute('colspan')]).toEqual(['TD', '3', '3']);
    expect(thWithText(table, '申请人情况').getAttribute('colspan')).toBe('7');
    expect(thWithText(table, '自然人').getAttribute('rowspan')).toBe('2');
    expect(thWithText(table, '法人或其他组织').getAttribute('colspan')).toBe('5');
    expect(thWithText(table, '总计').getAttribute('rowspan')).toBe('2');
    expect(thWithText(table, '三、本年度办理结果').getAttribute('rowspan')).toBe('22');
    expect(['（三）不予公开', '（四）无法提供', '（五）不予处理', '（六）其他处理'].map((t) => thWithText(table, t).getAttribute('rowspan'))).toEqual(['8', '3', '5', '3']);
    expect(thWithText(table, '（七）总计').getAttribute('colspan')).toBe('2');
    expect(thWithText(table, '一、本年新收政府信息公开申请数量').getAttribute('scope')).toBe('row');
    expect(thWithText(table, '商业企业').getAttribute('scope')).toBe('col');
    expect(table.querySelectorAll('thead tr')).toHaveLength(3);
    expect(table.querySelectorAll('tbody tr')).toHaveLength(25);
  });

  it('gives table 4 its three-level header', () => {
    const table = one(root, 'table[data-table="table4"]');
    const head = table.querySelectorAll('thead tr');
    expect(head.map((tr) => tr.querySelectorAll('th').map((th) => `${th.text}:${th.getAttribute('rowspan') ?? 1}x${th.getAttribute('colspan') ?? 1}`))).toEqual([
      ['行政复议:1x5', '行政诉讼:1x10'],
      ['结果维持:2x1', '结果纠正:2x1', '其他结果:2x1', '尚未审结:2x1', '总计:2x1', '未经复议直接起诉:1x5', '复议后起诉:1x5'],
      ['结果维持:1x1', '结果纠正:1x1', '其他结果:1x1', '尚未审结:1x1', '总计:1x1', '结果维持:1x1', '结果纠正:1x1', '其他结果:1x1', '尚未审结:1x1', '总计:1x1'],
    ]);
    expect(table.querySelectorAll('tbody td').map((td) => td.text)).toEqual(['500', '501', '502', '503', '504', '510', '511', '512', '513', '514', '520', '521', '522', '', '524']);
  });

  it('tags every value cell with data-table/data-row/data-column', () => {
    const cells = root.querySelectorAll('td.gk-value');
    expect(cells).toHaveLength(10 + 25 * 7 + 15);
    expect(cells.every((c) => c.getAttribute('data-table') && c.getAttribute('data-row') && c.getAttribute('data-column'))).toBe(true);
    expect(dataCell(root, 'table3', 'received', 'total').text).toBe('106');
    expect(dataCell(root, 'table3', 'other_fee_unpaid', 'legal_service_org').text).toBe('314');
    expect(dataCell(root, 'table4', 'litigationDirect', 'otherResult').text).toBe('512');
  });

  it('renders blank cells empty, labelled 未填写 for screen readers', () => {
    for (const [table, row, column] of [
      ['table2', 'normativeDocuments', 'repealed'],
      ['table3', 'carriedIn', 'research_institution'],
      ['table3', 'other', 'total'],
      ['table4', 'litigationAfterReview', 'pending'],
    ] as const) {
      const cell = dataCell(root, table, row, column);
      expect(cell.text).toBe('');
      expect(cell.getAttribute('aria-label')).toBe('未填写');
      expect(cell.classList.contains('gk-blank')).toBe(true);
    }
    expect(dataCell(root, 'table3', 'received', 'total').getAttribute('aria-label')).toBeUndefined();
  });

  it('links each value to all its headers', () => {
    const cell = dataCell(root, 'table3', 'withheld_state_secret', 'business');
    const headers = (cell.getAttribute('headers') ?? '').split(' ').map((id) => one(root, `#${id}`).text);
    expect(headers.sort()).toEqual(['1.属于国家秘密', '三、本年度办理结果', '商业企业', '法人或其他组织', '申请人情况', '（三）不予公开'].sort());
    const fee = dataCell(root, 'table2', 'administrativeFees', 'value');
    expect((fee.getAttribute('headers') ?? '').split(' ').map((id) => one(root, `#${id}`).text).sort()).toEqual(['本年收费金额（单位：万元）', '第二十条第（八）项', '行政事业性收费'].sort());
    const review = dataCell(root, 'table4', 'litigationAfterReview', 'total');
    expect((review.getAttribute('headers') ?? '').split(' ').map((id) => one(root, `#${id}`).text)).toEqual(['行政诉讼', '复议后起诉', '总计']);
  });
});

describe('renderReportHtml with findings', () => {
  const findings = [
    finding('T3-GOUJI', 'error', { section: '三', table: 'table3', row: 'received', column: 'natural_person' }, '自然人列：第一项加第二项之和不等于第三项加第四项之和'),
    finding('T3-ROWSUM', 'warning', { table: 'table3', row: 'withheld_state_secret' }),
    finding('STRUCT-6', 'error', { section: '六' }),
    finding('T4-SUM', 'warning', { table: 'table4', row: 'litigationDirect' }),
    finding('T2-FEE', 'warning', { table: 'table2', row: 'administrativeFees', column: 'amount' }),
    finding('T3-TOTAL', 'error', { table: 'table3', column: 'total' }),
    finding('YEAR', 'warning', {}),
    finding('T3-INT', 'warning', { table: 'table3', row: 'received', column: 'natural_person' }),
  ];
  const root = parse(renderReportHtml(report, { findings }));

  it('marks the cell of a cell-level finding and links it to the list', () => {
    const cell = dataCell(root, 'table3', 'received', 'natural_person');
    expect(cell.classList.contains('has-error')).toBe(true);
    expect(cell.getAttribute('data-rule-ids')).toBe('T3-GOUJI T3-INT');
    expect(cell.querySelectorAll('a.gk-ref').map((a) => a.getAttribute('href'))).toEqual(['#gk-finding-1', '#gk-finding-8']);
    // The number is CSS-generated: the cell's text stays the value.
    expect(cell.text).toBe('100');
    const item = one(root, '#gk-finding-1');
    expect(item.text).toContain('错误');
    expect(item.text).toContain('T3-GOUJI');
    expect(item.text).toContain('自然人列：第一项加第二项之和不等于第三项加第四项之和');
    expect(item.text).toContain('位置：三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量 › 自然人');
    expect(item.querySelector('a')?.getAttribute('href')).toBe(`#${cell.id}`);
  });

  it('marks the row label for a row-level finding, the section heading for a section-level one', () => {
    const label = thWithText(root, '1.属于国家秘密');
    expect(label.classList.contains('has-warning')).toBe(true);
    expect(label.getAttribute('data-rule-ids')).toBe('T3-ROWSUM');
    const heading = one(root, '#gk-heading-otherMatters');
    expect(heading.classList.contains('has-error')).toBe(true);
    expect(heading.querySelector('a.gk-ref')?.getAttribute('href')).toBe('#gk-finding-3');
    // Table 4 has no row labels: its group header stands for the row.
    expect(thWithText(root, '未经复议直接起诉').getAttribute('data-rule-ids')).toBe('T4-SUM');
  });

  it('marks the single value of a table-2 row whatever its column code, and the column headers of a column-level finding', () => {
    expect(dataCell(root, 'table2', 'administrativeFees', 'value').getAttribute('data-rule-ids')).toBe('T2-FEE');
    const totals = root.querySelectorAll('table[data-table="table3"] th[data-column="total"]');
    expect(totals.map((t) => t.getAttribute('data-rule-ids'))).toEqual(['T3-TOTAL']);
  });

  it('lists every finding in plain Chinese with its rule id and severity, numbered in order', () => {
    const items = root.querySelectorAll('aside.gk-findings li');
    expect(items.map((li) => li.id)).toEqual(findings.map((_, i) => `gk-finding-${i + 1}`));
    expect(items.map((li) => li.querySelector('.gk-severity')?.text)).toEqual(['错误', '警告', '错误', '警告', '警告', '错误', '警告', '警告']);
    expect(items[6]?.text).toContain('位置：全文');
    expect(items[6]?.querySelector('a')).toBeNull();
    expect(items[3]?.text).toContain('四、政府信息公开行政复议、行政诉讼情况 › 行政诉讼·未经复议直接起诉');
    expect(one(root, 'aside.gk-findings').text).toContain('共 8 项：错误 3 项，警告 5 项。');
  });

  it('says so when there is nothing to report, and has no list when no findings are given', () => {
    expect(parse(renderReportHtml(report, { findings: [] })).querySelector('aside.gk-findings')?.text).toContain('未发现问题。');
    expect(parse(renderReportHtml(report)).querySelector('aside')).toBeNull();
  });
});
