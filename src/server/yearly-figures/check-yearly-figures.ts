// Table 二 第二十条第（五）（六）（八）项 as entered: the counts of 行政许可、行政处罚、行政强制
// decisions and the 行政事业性收费 amount in 万元. One check for the HTTP body and each CSV row,
// so the two ways in cannot disagree; every problem names the field in Chinese.
import type { YearlyFigures } from '../../domain/report/compute/report-records.ts';

/** The 条例 of 2007 (in force 2008-05-01) first required yearly reports; nothing earlier is a report year. */
export const MIN_FIGURES_YEAR = 2008;
export const MAX_FIGURES_YEAR = 2100;
/** PostgreSQL `integer`. */
const MAX_COUNT = 2_147_483_647;
/** 万元 with at most 4 decimals (the Henan template prints 保留4位小数; domain.md §4.1). */
export const FEE_AMOUNT = /^\d{1,12}(?:\.\d{1,4})?$/;

export type FiguresField = keyof YearlyFigures;

export const FIGURES_FIELD_LABELS: Record<FiguresField, string> = {
  year: '年度',
  licensing: '行政许可决定数',
  penalty: '行政处罚决定数',
  enforcement: '行政强制决定数',
  administrativeFees: '行政事业性收费金额（万元）',
};

export interface FiguresProblem {
  field: FiguresField;
  message: string;
}

/** The figures, or every problem with them. Counts may come as numbers or digit strings (a CSV cell). */
export function checkYearlyFigures(input: Record<FiguresField, unknown>): { figures: YearlyFigures; problems: [] } | { figures: undefined; problems: FiguresProblem[] } {
  const problems: FiguresProblem[] = [];
  const year = readInteger(input.year, 'year', problems, MIN_FIGURES_YEAR, MAX_FIGURES_YEAR);
  const licensing = readInteger(input.licensing, 'licensing', problems, 0, MAX_COUNT);
  const penalty = readInteger(input.penalty, 'penalty', problems, 0, MAX_COUNT);
  const enforcement = readInteger(input.enforcement, 'enforcement', problems, 0, MAX_COUNT);
  const administrativeFees = readFee(input.administrativeFees, problems);
  if (problems.length > 0 || year === undefined || licensing === undefined || penalty === undefined || enforcement === undefined || administrativeFees === undefined) {
    return { figures: undefined, problems };
  }
  return { figures: { year, licensing, penalty, enforcement, administrativeFees }, problems: [] };
}

function readInteger(value: unknown, field: FiguresField, problems: FiguresProblem[], min: number, max: number): number | undefined {
  const label = FIGURES_FIELD_LABELS[field];
  const text = typeof value === 'string' ? value.trim() : value;
  if (text === undefined || text === null || text === '') {
    problems.push({ field, message: `${label}不能为空${field === 'year' ? '' : '（没有的填 0）'}` });
    return undefined;
  }
  const number = typeof text === 'number' ? text : typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(number) || number < min || number > max) {
    const shown = typeof value === 'string' || typeof value === 'number' ? String(value) : typeof value;
    problems.push({ field, message: field === 'year' ? `${label}应为 ${min} 至 ${max} 之间的年份（收到：${shown}）` : `${label}应为 0 或正整数（收到：${shown}）` });
    return undefined;
  }
  return number;
}

function readFee(value: unknown, problems: FiguresProblem[]): string | undefined {
  const label = FIGURES_FIELD_LABELS.administrativeFees;
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push({ field: 'administrativeFees', message: value === undefined || value === null || value === '' ? `${label}不能为空（没有的填 0）` : `${label}应写成文本形式的金额，如 "12.5000"` });
    return undefined;
  }
  const text = value.trim();
  if (!FEE_AMOUNT.test(text)) {
    problems.push({ field: 'administrativeFees', message: `${label}应为不小于 0 的金额，单位万元，最多 4 位小数（收到：${text}）` });
    return undefined;
  }
  return text;
}
