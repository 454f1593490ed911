// 信息处理费, 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号), under 条例第四十二条.
// 第三条: 按件 or 按量, both 超额累进 (each band priced separately); one standard per application,
// never both. Amounts are whole 元: every unit price is a whole number of 元.
import { DomainError } from '../domain-error.ts';

export const PROCESSING_FEE_CITATION = '国办函〔2020〕109号';
const MEASURES = '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）';

export type FeeMethod = 'by_count' | 'by_pages';

/** One priced band: items `from`…`to` (cumulative ordinals), `quantity` of them at `unitPrice` 元. */
export interface FeeLine {
  from: number;
  to: number;
  quantity: number;
  unitPrice: number;
  amount: number;
}

export interface ProcessingFee {
  method: FeeMethod;
  /** 元. */
  amount: number;
  /** The bands the new items fall in, in order; free bands included (unitPrice 0). */
  lines: FeeLine[];
  /** by_count: applications this applicant had already made this natural month. */
  previousCountThisMonth?: number;
  /** by_count: new applications; by_pages: pages of this application. */
  quantity: number;
  citation: string;
}

export type FeeInput =
  | { method: 'by_count'; previousCountThisMonth: number; count: number }
  | { method: 'by_pages'; pages: number };

/** A band of the progressive scale; `to` null means open-ended. */
export interface FeeBand {
  from: number;
  to: number | null;
  unitPrice: number;
}

/**
 * 第五条 按量计收, per application by pages: 1–30 free, 31–100 10元/页, 101–200 20元/页, 201+ 40元/页.
 */
export const PAGE_FEE_BANDS: readonly FeeBand[] = [
  { from: 1, to: 30, unitPrice: 0 },
  { from: 31, to: 100, unitPrice: 10 },
  { from: 101, to: 200, unitPrice: 20 },
  { from: 201, to: null, unitPrice: 40 },
];

/**
 * 第四条 按件计收, per applicant per 自然月, counted cumulatively: 1–10 free, 11–30 100元/件, then
 * bands of 10 件 whose price rises by 100元/件 each (31–40 200, 41–50 300, …). Returns the band
 * holding the n-th application of the month.
 */
export function countFeeBand(ordinal: number): FeeBand & { to: number } {
  requireCount(ordinal, 'ordinal', 1);
  if (ordinal <= 10) return { from: 1, to: 10, unitPrice: 0 };
  if (ordinal <= 30) return { from: 11, to: 30, unitPrice: 100 };
  const band = Math.ceil((ordinal - 30) / 10);
  return { from: 30 + (band - 1) * 10 + 1, to: 30 + band * 10, unitPrice: 100 * (band + 1) };
}

/** 按件: the fee for `count` new applications when the applicant already made `previousCountThisMonth` this month. */
export function computeFeeByCount(input: { previousCountThisMonth: number; count: number }): ProcessingFee {
  const { previousCountThisMonth, count } = input;
  requireCount(previousCountThisMonth, 'previousCountThisMonth');
  requireCount(count, 'count');
  const lines: FeeLine[] = [];
  let next = previousCountThisMonth + 1;
  const last = previousCountThisMonth + count;
  while (next <= last) {
    const band = countFeeBand(next);
    const to = Math.min(band.to, last);
    lines.push(toLine(next, to, band.unitPrice));
    next = to + 1;
  }
  return { method: 'by_count', amount: sum(lines), lines, previousCountThisMonth, quantity: count, citation: PROCESSING_FEE_CITATION };
}

/** 按量: the fee for one application of `pages` pages. */
export function computeFeeByPages(input: { pages: number }): ProcessingFee {
  const { pages } = input;
  requireCount(pages, 'pages');
  const lines: FeeLine[] = [];
  for (const band of PAGE_FEE_BANDS) {
    if (pages < band.from) break;
    lines.push(toLine(band.from, band.to === null ? pages : Math.min(band.to, pages), band.unitPrice));
  }
  return { method: 'by_pages', amount: sum(lines), lines, quantity: pages, citation: PROCESSING_FEE_CITATION };
}

/** The fee by the one standard the agency chose for the application (第三条). */
export function computeProcessingFee(input: FeeInput): ProcessingFee {
  switch (input.method) {
    case 'by_count':
      return computeFeeByCount(input);
    case 'by_pages':
      return computeFeeByPages(input);
  }
}

/** The breakdown lines for the 收费通知书, in Chinese. */
export function describeFee(fee: ProcessingFee): string[] {
  const unit = fee.method === 'by_count' ? '件' : '页';
  const header =
    fee.method === 'by_count'
      ? [
          `收费标准：按件计收，依据${MEASURES}第四条，同一申请人一个自然月内累计计算，超额累进。`,
          `本月此前已申请${fee.previousCountThisMonth ?? 0}件，本次${fee.quantity}件。`,
        ]
      : [`收费标准：按量计收，依据${MEASURES}第五条，按本申请的页数计算，超额累进。`, `本次共${fee.quantity}页。`];
  const lines = fee.lines.map((line) => {
    const range = line.from === line.to ? `第${line.from}${unit}` : `第${line.from}${unit}至第${line.to}${unit}`;
    return line.unitPrice === 0
      ? `${range}：${line.quantity}${unit}，免费`
      : `${range}：${line.quantity}${unit} × ${line.unitPrice}元/${unit} = ${line.amount}元`;
  });
  return [...header, ...lines, `合计：${fee.amount}元`];
}

function toLine(from: number, to: number, unitPrice: number): FeeLine {
  const quantity = to - from + 1;
  return { from, to, quantity, unitPrice, amount: quantity * unitPrice };
}

function sum(lines: readonly FeeLine[]): number {
  return lines.reduce((total, line) => total + line.amount, 0);
}

function requireCount(value: number, field: string, minimum = 0): void {
  if (Number.isSafeInteger(value) && value >= minimum) return;
  throw new DomainError(
    'BAD_INPUT',
    `${field} must be a whole number ≥ ${minimum}, got ${value}`,
    `${FIELD_LABELS[field] ?? field}应为不小于${minimum}的整数。`,
    { field },
  );
}

const FIELD_LABELS: Record<string, string> = {
  previousCountThisMonth: '本月此前申请件数',
  count: '申请件数',
  pages: '页数',
  ordinal: '本月累计件次',
};
