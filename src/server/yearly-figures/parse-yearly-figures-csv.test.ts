// The yearly figures CSV: headers in Chinese or English, every bad row named by its line.
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../domain/domain-error.ts';
import type { FiguresRowError } from './parse-yearly-figures-csv.ts';
import { parseYearlyFiguresCsv } from './parse-yearly-figures-csv.ts';

function rejected(text: string): FiguresRowError[] {
  try {
    parseYearlyFiguresCsv(text);
  } catch (error) {
    if (isDomainError(error)) return error.details.rows as FiguresRowError[];
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('parseYearlyFiguresCsv', () => {
  it('reads Chinese headers (with a BOM) and English ones in any order', () => {
    expect(parseYearlyFiguresCsv('\uFEFF年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）\r\n2024,9487,12,0,0.0000\r\n\r\n2025,10,2,1,"1.5"\r\n')).toEqual([
      { line: 2, year: 2024, licensing: 9487, penalty: 12, enforcement: 0, administrativeFees: '0.0000' },
      { line: 4, year: 2025, licensing: 10, penalty: 2, enforcement: 1, administrativeFees: '1.5' },
    ]);
    expect(parseYearlyFiguresCsv('administrativeFees,enforcement,penalty,licensing,year\n3,2,1,0,2023')).toEqual([{ line: 2, year: 2023, licensing: 0, penalty: 1, enforcement: 2, administrativeFees: '3' }]);
  });

  it('names every bad row and column', () => {
    const rows = rejected(['年度,行政许可,行政处罚,行政强制,行政事业性收费(万元)', '2024,-1,1,1,1', '二〇二四,1,1,1,1', '2025,1,,1,1.23456', '2026,1,1,1,1', '2026,2,2,2,2'].join('\n'));
    expect(rows).toEqual([
      { line: 2, field: '行政许可', message: '行政许可决定数应为 0 或正整数（收到：-1）' },
      { line: 3, field: '年度', message: '年度应为 2008 至 2100 之间的年份（收到：二〇二四）' },
      { line: 4, field: '行政处罚', message: '行政处罚决定数不能为空（没有的填 0）' },
      { line: 4, field: '行政事业性收费（万元）', message: '行政事业性收费金额（万元）应为不小于 0 的金额，单位万元，最多 4 位小数（收到：1.23456）' },
      { line: 6, field: '年度', message: '2026年与第5行重复' },
    ]);
  });

  it('refuses a header with a missing or unknown column, and a file without rows', () => {
    expect(rejected('年度,行政许可,行政处罚,收费\n2024,1,1,1').map((r) => [r.line, r.field])).toEqual([
      [1, '收费'],
      [1, '行政强制'],
      [1, '行政事业性收费（万元）'],
    ]);
    expect(rejected('年度,行政许可,行政处罚,行政强制,行政事业性收费\n')).toEqual([{ line: 2, field: '文件', message: '没有要导入的年度数字（表头之后没有数据行）' }]);
  });
});
