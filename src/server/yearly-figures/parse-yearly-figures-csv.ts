// `gongkai import figures FILE.csv`: one row per year. Header names in Chinese or English:
//   年度 year, 行政许可 licensing, 行政处罚 penalty, 行政强制 enforcement,
//   行政事业性收费（万元） administrativeFees (also 行政事业性收费, and ASCII brackets).
// Every row is checked; a file with any bad row is refused whole, each problem with its line.
import { DomainError } from '../../domain/domain-error.ts';
import { parseCsv } from '../../domain/report/compute/parse-csv.ts';
import type { YearlyFigures } from '../../domain/report/compute/report-records.ts';
import type { FiguresField } from './check-yearly-figures.ts';
import { checkYearlyFigures } from './check-yearly-figures.ts';

export interface FiguresRowError {
  /** The row number a spreadsheet shows (header = 1). */
  line: number;
  field: string;
  message: string;
}

export interface FiguresImportRow extends YearlyFigures {
  line: number;
}

const COLUMNS: readonly { key: FiguresField; label: string; names: readonly string[] }[] = [
  { key: 'year', label: '年度', names: ['年度', '年份', 'year'] },
  { key: 'licensing', label: '行政许可', names: ['行政许可', 'licensing'] },
  { key: 'penalty', label: '行政处罚', names: ['行政处罚', 'penalty'] },
  { key: 'enforcement', label: '行政强制', names: ['行政强制', 'enforcement'] },
  { key: 'administrativeFees', label: '行政事业性收费（万元）', names: ['行政事业性收费（万元）', '行政事业性收费(万元)', '行政事业性收费', 'administrativefees'] },
];

const COLUMN_BY_NAME = new Map<string, (typeof COLUMNS)[number]>(COLUMNS.flatMap((column) => column.names.map((name) => [name, column] as const)));

/** The rows, or DomainError BAD_INPUT whose details.rows lists every FiguresRowError. */
export function parseYearlyFiguresCsv(text: string): FiguresImportRow[] {
  const errors: FiguresRowError[] = [];
  const table = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = table[0] ?? [];
  const columns = header.map((cell) => COLUMN_BY_NAME.get(cell.trim()) ?? COLUMN_BY_NAME.get(cell.trim().toLowerCase()));
  header.forEach((cell, i) => {
    if (cell.trim() !== '' && columns[i] === undefined) errors.push({ line: 1, field: cell.trim(), message: `无法识别的列名；应为 ${COLUMNS.map((c) => c.label).join('、')}` });
  });
  for (const column of COLUMNS) {
    const count = columns.filter((c) => c === column).length;
    if (count === 0) errors.push({ line: 1, field: column.label, message: `缺少“${column.label}”列` });
    if (count > 1) errors.push({ line: 1, field: column.label, message: `“${column.label}”列出现了 ${count} 次` });
  }
  const rows: FiguresImportRow[] = [];
  if (errors.length === 0) {
    const firstLineOfYear = new Map<number, number>();
    table.slice(1).forEach((cells, index) => {
      const line = index + 2;
      if (cells.every((cell) => cell.trim() === '')) return;
      const input: Record<FiguresField, unknown> = { year: undefined, licensing: undefined, penalty: undefined, enforcement: undefined, administrativeFees: undefined };
      cells.forEach((cell, i) => {
        const column = columns[i];
        if (column !== undefined) input[column.key] = cell;
      });
      const checked = checkYearlyFigures(input);
      if (checked.figures === undefined) {
        for (const problem of checked.problems) errors.push({ line, field: COLUMNS.find((c) => c.key === problem.field)?.label ?? problem.field, message: problem.message });
        return;
      }
      const earlier = firstLineOfYear.get(checked.figures.year);
      if (earlier !== undefined) {
        errors.push({ line, field: '年度', message: `${checked.figures.year}年与第${earlier}行重复` });
        return;
      }
      firstLineOfYear.set(checked.figures.year, line);
      rows.push({ line, ...checked.figures });
    });
    if (errors.length === 0 && rows.length === 0) errors.push({ line: 2, field: '文件', message: '没有要导入的年度数字（表头之后没有数据行）' });
  }
  if (errors.length > 0) {
    const lines = errors.map((e) => `第${e.line}行 ${e.field}：${e.message}`);
    throw new DomainError(
      'BAD_INPUT',
      `figures import rejected: ${errors.length} problem(s); first: line ${errors[0]?.line} ${errors[0]?.field}`,
      `导入文件有 ${new Set(errors.map((e) => e.line)).size} 行未通过校验，未导入任何数字：\n${lines.join('\n')}`,
      { rows: errors },
    );
  }
  return rows;
}
