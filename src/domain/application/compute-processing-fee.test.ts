import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.ts';
import { computeFeeByCount, computeFeeByPages, computeProcessingFee, countFeeBand, describeFee } from './compute-processing-fee.ts';

// Expected amounts worked out from 109号文 第四条/第五条 (domain.md §G), band by band.

describe('countFeeBand (按件, 第四条)', () => {
  it.each([
    [1, { from: 1, to: 10, unitPrice: 0 }],
    [10, { from: 1, to: 10, unitPrice: 0 }],
    [11, { from: 11, to: 30, unitPrice: 100 }],
    [30, { from: 11, to: 30, unitPrice: 100 }],
    [31, { from: 31, to: 40, unitPrice: 200 }],
    [40, { from: 31, to: 40, unitPrice: 200 }],
    [41, { from: 41, to: 50, unitPrice: 300 }],
    [51, { from: 51, to: 60, unitPrice: 400 }],
    // 31–40 200, 41–50 300, 51–60 400, 61–70 500, 71–80 600, 81–90 700, 91–100 800.
    [100, { from: 91, to: 100, unitPrice: 800 }],
  ])('the application no. %i of the month falls in %j', (ordinal, band) => {
    expect(countFeeBand(ordinal)).toEqual(band);
  });

  it('has no application no. 0', () => {
    expect(() => countFeeBand(0)).toThrow(DomainError);
  });
});

describe('computeFeeByCount', () => {
  it('35 applications in a month: 0 + 20×100 + 5×200 = 3000元', () => {
    const fee = computeFeeByCount({ previousCountThisMonth: 0, count: 35 });
    expect(fee.amount).toBe(3000);
    expect(fee.lines).toEqual([
      { from: 1, to: 10, quantity: 10, unitPrice: 0, amount: 0 },
      { from: 11, to: 30, quantity: 20, unitPrice: 100, amount: 2000 },
      { from: 31, to: 35, quantity: 5, unitPrice: 200, amount: 1000 },
    ]);
  });

  it('the 11th application after 10 earlier ones this month costs 100元', () => {
    const fee = computeFeeByCount({ previousCountThisMonth: 10, count: 1 });
    expect(fee.amount).toBe(100);
    expect(fee.lines).toEqual([{ from: 11, to: 11, quantity: 1, unitPrice: 100, amount: 100 }]);
  });

  it('the 31st application costs 200元', () => {
    expect(computeFeeByCount({ previousCountThisMonth: 30, count: 1 }).amount).toBe(200);
  });

  it.each([
    [0, 10, 0], // all in the free band
    [5, 10, 500], // nos. 6–10 free, 11–15 at 100
    [38, 5, 1300], // nos. 39–40 at 200 = 400, 41–43 at 300 = 900
    [0, 50, 7000], // 0 + 2000 + 10×200 + 10×300
    [3, 0, 0],
  ])('after %i this month, %i more cost %i元', (previousCountThisMonth, count, amount) => {
    expect(computeFeeByCount({ previousCountThisMonth, count }).amount).toBe(amount);
  });

  it.each([
    { previousCountThisMonth: -1, count: 1 },
    { previousCountThisMonth: 0, count: 1.5 },
    { previousCountThisMonth: 0, count: Number.NaN },
  ])('refuses %j with BAD_INPUT', (input) => {
    expect(() => computeFeeByCount(input)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});

describe('computeFeeByPages (按量, 第五条)', () => {
  it('250 pages: 0 + 70×10 + 100×20 + 50×40 = 4700元', () => {
    const fee = computeFeeByPages({ pages: 250 });
    expect(fee.amount).toBe(4700);
    expect(fee.lines).toEqual([
      { from: 1, to: 30, quantity: 30, unitPrice: 0, amount: 0 },
      { from: 31, to: 100, quantity: 70, unitPrice: 10, amount: 700 },
      { from: 101, to: 200, quantity: 100, unitPrice: 20, amount: 2000 },
      { from: 201, to: 250, quantity: 50, unitPrice: 40, amount: 2000 },
    ]);
  });

  it.each([
    [0, 0],
    [30, 0],
    [31, 10],
    [100, 700],
    [101, 720],
    [200, 2700],
    [201, 2740],
  ])('%i pages cost %i元', (pages, amount) => {
    expect(computeFeeByPages({ pages }).amount).toBe(amount);
  });

  it('refuses a negative page count', () => {
    expect(() => computeFeeByPages({ pages: -3 })).toThrow(expect.objectContaining({ code: 'BAD_INPUT', userMessage: '页数应为不小于0的整数。' }));
  });
});

describe('computeProcessingFee', () => {
  it('applies the one standard chosen', () => {
    expect(computeProcessingFee({ method: 'by_count', previousCountThisMonth: 0, count: 35 })).toMatchObject({ method: 'by_count', amount: 3000 });
    expect(computeProcessingFee({ method: 'by_pages', pages: 250 })).toMatchObject({ method: 'by_pages', amount: 4700, citation: '国办函〔2020〕109号' });
  });
});

describe('describeFee', () => {
  it('lists the bands of 35 applications for the 收费通知书', () => {
    expect(describeFee(computeFeeByCount({ previousCountThisMonth: 0, count: 35 }))).toEqual([
      '收费标准：按件计收，依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第四条，同一申请人一个自然月内累计计算，超额累进。',
      '本月此前已申请0件，本次35件。',
      '第1件至第10件：10件，免费',
      '第11件至第30件：20件 × 100元/件 = 2000元',
      '第31件至第35件：5件 × 200元/件 = 1000元',
      '合计：3000元',
    ]);
  });

  it('names a single application by its number', () => {
    expect(describeFee(computeFeeByCount({ previousCountThisMonth: 10, count: 1 }))).toEqual([
      expect.stringContaining('按件计收'),
      '本月此前已申请10件，本次1件。',
      '第11件：1件 × 100元/件 = 100元',
      '合计：100元',
    ]);
  });

  it('lists the bands of 250 pages', () => {
    expect(describeFee(computeFeeByPages({ pages: 250 }))).toEqual([
      '收费标准：按量计收，依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第五条，按本申请的页数计算，超额累进。',
      '本次共250页。',
      '第1页至第30页：30页，免费',
      '第31页至第100页：70页 × 10元/页 = 700元',
      '第101页至第200页：100页 × 20元/页 = 2000元',
      '第201页至第250页：50页 × 40元/页 = 2000元',
      '合计：4700元',
    ]);
  });
});
