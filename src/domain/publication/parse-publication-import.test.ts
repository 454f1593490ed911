// The import file of published items: every row checked, every rejected row named by its line.
// Expected rows written by hand from the CSV text below.
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../domain-error.ts';
import type { ImportRowError } from './parse-publication-import.ts';
import { formatImportRowErrors, normalizeImportDate, parsePublicationImport } from './parse-publication-import.ts';

const HEADER = '标题,正文,内容概述,文号,发布机构,成文日期,发布日期,索引号,类别,目录,渠道,有效性,失效或废止日期';

function rejection(text: string, format: 'csv' | 'json'): { rows: ImportRowError[]; userMessage: string } {
  try {
    parsePublicationImport(text, format);
  } catch (error) {
    if (isDomainError(error) && error.code === 'BAD_INPUT') return { rows: error.details.rows as ImportRowError[], userMessage: error.userMessage };
    throw error;
  }
  throw new Error('expected the import to be rejected');
}

describe('parsePublicationImport (CSV)', () => {
  it('reads Chinese headers, quoted fields with commas, line breaks and "" escapes, and a BOM', () => {
    const csv = [
      `\uFEFF${HEADER}`,
      '"关于印发《示范市政府信息公开办法》的通知","<p>第一条 为了……</p>\n<p>第二条 “公开为常态”，""不公开为例外""。</p>","办法全文，共三十条",示政发〔2024〕1号,示范市人民政府,2024-03-01,2024-03-05,,规章,01,政府网站;微信公众号,有效,',
      '关于废止部分规范性文件的决定,"第一段\n第二段",,示政规〔2023〕2号,示范市人民政府,2023/6/1,2023年6月8日,11410000-2023-00007,规范性文件,01,政府网站、微博,废止,2025-01-10',
      ',,,,,,,,,,,,',
      '2024年第一季度统计信息,,,,示范市统计局,2024-04-02,2024-04-02,,其他,04,website,,',
    ].join('\r\n');
    expect(parsePublicationImport(csv, 'csv')).toEqual([
      {
        line: 2,
        fields: {
          title: '关于印发《示范市政府信息公开办法》的通知',
          bodyHtml: '<p>第一条 为了……</p>\n<p>第二条 “公开为常态”，"不公开为例外"。</p>',
          summary: '办法全文，共三十条',
          documentNumber: '示政发〔2024〕1号',
          issuer: '示范市人民政府',
          writtenOn: '2024-03-01',
          kind: 'rules',
          categoryCode: '01',
          channels: ['website', 'wechat'],
          validity: { status: 'effective', effectiveFrom: null, endedOn: null },
        },
        indexNumber: null,
        publishedOn: '2024-03-05',
      },
      {
        // The line break quoted in the row above makes this the 3rd row but the 4th physical line: rows are counted as a spreadsheet shows them.
        line: 3,
        fields: {
          title: '关于废止部分规范性文件的决定',
          bodyHtml: '第一段\n第二段',
          summary: '',
          documentNumber: '示政规〔2023〕2号',
          issuer: '示范市人民政府',
          writtenOn: '2023-06-01',
          kind: 'normativeDocuments',
          categoryCode: '01',
          channels: ['website', 'weibo'],
          validity: { status: 'repealed', effectiveFrom: null, endedOn: '2025-01-10' },
        },
        indexNumber: '11410000-2023-00007',
        publishedOn: '2023-06-08',
      },
      {
        // Row 4 is empty and skipped; its number still counts.
        line: 5,
        fields: {
          title: '2024年第一季度统计信息',
          bodyHtml: '',
          summary: '',
          documentNumber: null,
          issuer: '示范市统计局',
          writtenOn: '2024-04-02',
          kind: 'other',
          categoryCode: '04',
          channels: ['website'],
          validity: { status: 'effective', effectiveFrom: null, endedOn: null },
        },
        indexNumber: null,
        publishedOn: '2024-04-02',
      },
    ]);
  });

  it('reads English headers in any order, with codes for kind, validity and channels', () => {
    const csv = ['kind,title,issuer,writtenOn,publishedOn,category,channels,validity,endedOn,effectiveFrom', 'normativeDocuments,某办法,某局,2022-01-05,2022-01-06,01,website;otherNewMedia,expired,2024-12-31,2022-02-01'].join('\n');
    const [row] = parsePublicationImport(csv, 'csv');
    expect(row?.fields.kind).toBe('normativeDocuments');
    expect(row?.fields.channels).toEqual(['website', 'otherNewMedia']);
    expect(row?.fields.validity).toEqual({ status: 'expired', effectiveFrom: '2022-02-01', endedOn: '2024-12-31' });
  });

  it('lists every rejected row with its line, column and reason, and imports nothing', () => {
    const csv = [
      HEADER,
      ',正文,,,某局,2024-02-30,2024-03-01,,规章,01,政府网站,,', // line 2: no title; 30 February
      '好的一条,,,,某局,2024-03-01,2024-03-02,,规章,01,政府网站,,', // line 3: fine
      '坏类别,,,,某局,2024-03-01,2024-03-02,,决定,01,报纸,,', // line 4: kind and channel unknown
      '早发布,,,,某局,2024-03-10,2024-03-02,,其他,01,政府网站,,', // line 5: published before written
      '废止无日期,,,,某局,2024-03-01,2024-03-02,,其他,01,政府网站,废止,', // line 6: 废止 without a date
      '重复索引一,,,,某局,2024-03-01,2024-03-02,A-1,其他,01,政府网站,,', // line 7
      '重复索引二,,,,某局,2024-03-01,2024-03-02,A-1,其他,01,政府网站,,', // line 8: same 索引号 as line 7
    ].join('\n');
    const { rows, userMessage } = rejection(csv, 'csv');
    expect(rows.map((r) => [r.line, r.field])).toEqual([
      [2, '标题'],
      [2, '成文日期'],
      [4, '类别'],
      [4, '渠道'],
      [5, '发布日期'],
      [6, '失效或废止日期'],
      [8, '索引号'],
    ]);
    expect(rows.find((r) => r.line === 8)?.message).toBe('“A-1”与第7行重复');
    expect(rows.find((r) => r.line === 4 && r.field === '类别')?.message).toBe('“决定”无效，应为规章、行政规范性文件、其他之一');
    expect(userMessage.split('\n')[0]).toBe('导入文件有 5 行未通过校验，未导入任何信息：');
    expect(userMessage).toContain('第2行 标题：不能为空');
    expect(userMessage).toContain('第2行 成文日期：“2024-02-30”不是有效日期，应为“年-月-日”（如 2025-03-03）');
  });

  it('refuses a header with unknown or missing columns, naming them on line 1', () => {
    const { rows } = rejection('标题,正文,发布单位\n甲,乙,丙', 'csv');
    expect(rows[0]).toEqual(expect.objectContaining({ line: 1, field: '发布单位' }));
    expect(rows.filter((r) => r.line === 1).map((r) => r.field)).toEqual(['发布单位', '发布机构', '成文日期', '发布日期', '类别', '目录', '渠道']);
  });

  it('refuses a file with a header and no rows', () => {
    expect(rejection(`${HEADER}\n`, 'csv').rows).toEqual([{ line: 2, field: '文件', message: '没有要导入的信息（表头之后没有数据行）' }]);
  });
});

describe('parsePublicationImport (JSON)', () => {
  it('reads an array of objects with channel lists; lines are 1-based array positions', () => {
    const json = JSON.stringify([
      { title: '甲', issuer: '某局', writtenOn: '2024-01-02', publishedOn: '2024-01-03', kind: '其他', category: '02', channels: ['政府网站', '微信公众号'] },
      { 标题: '乙', 发布机构: '某局', 成文日期: '2024-01-02', 发布日期: '2024-01-01', 类别: '其他', 目录: '02', 渠道: '政府网站' },
      { title: 3, issuer: '某局', writtenOn: '2024-01-02', publishedOn: '2024-01-03', kind: '其他', category: '02', channels: [1] },
    ]);
    const { rows } = rejection(json, 'json');
    // Item 2 is published before it was written; item 3's title is a number (read as text "3"), its channels are not names.
    expect(rows.map((r) => [r.line, r.field])).toEqual([
      [2, '发布日期'],
      [3, '渠道'],
    ]);
    const good = parsePublicationImport(JSON.stringify({ publications: [JSON.parse(json)[0]] }), 'json');
    expect(good).toHaveLength(1);
    expect(good[0]?.fields.channels).toEqual(['website', 'wechat']);
    expect(good[0]?.line).toBe(1);
  });

  it('refuses JSON that is not a list', () => {
    expect(rejection('{"title": "x"}', 'json').rows[0]?.message).toBe('JSON 顶层应为数组，或含 publications 数组的对象');
    expect(rejection('[1,', 'json').rows[0]?.field).toBe('文件');
  });
});

describe('normalizeImportDate', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['2024/3/5', '2024-03-05'],
    ['2024.03.05', '2024-03-05'],
    ['2024年3月5日', '2024-03-05'],
    ['2024-02-29', '2024-02-29'],
    ['2023-02-29', undefined],
    ['2024-13-01', undefined],
    ['45321', undefined],
    ['', undefined],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeImportDate(input)).toBe(expected);
  });
});

describe('formatImportRowErrors', () => {
  it('writes 第N行 字段：原因', () => {
    expect(formatImportRowErrors([{ line: 7, field: '标题', message: '不能为空' }])).toEqual(['第7行 标题：不能为空']);
  });
});
