import { describe, expect, it } from 'vitest';
import { hasColumnGaps, layoutPdfPage, normalizeSpaces } from './layout-pdf-page.ts';
import type { Ruling, TextRun } from './pdf-page-content.ts';

// Coordinates are viewport space (y down), an A4 page, 10 pt text unless said otherwise.
const PAGE = { width: 595, height: 842 };

/** A run of CJK text: each character is one em wide. */
function run(text: string, x: number, baseline: number, size = 10): TextRun {
  const width = [...text].reduce((w, c) => w + (/[ -~]/u.test(c) ? 0.5 : 1), 0) * size;
  return { text, x, baseline, width, size };
}

const h = (position: number, start: number, end: number): Ruling => ({ axis: 'horizontal', position, start, end });
const v = (position: number, start: number, end: number): Ruling => ({ axis: 'vertical', position, start, end });

function texts(runs: TextRun[], rulings: Ruling[] = []): string[] {
  return layoutPdfPage({ ...PAGE, runs, rulings }).map((line) => line.cells.join('\t'));
}

describe('layoutPdfPage: prose', () => {
  it('joins abutting runs of one line without a separator (split glyph runs, digits next to CJK)', () => {
    // "2023" ends at 100 + 4 × 5 = 120; "年，全区" starts 1 pt later, well under a character.
    expect(texts([run('2023', 100, 200), run('年，全区', 121, 200), run('政府信息', 161, 200.4)])).toEqual(['2023年，全区政府信息']);
  });

  it('puts a space between Latin words that pdfjs split, and none next to CJK', () => {
    expect(texts([run('Hongze', 100, 200), run('District', 133, 200)])).toEqual(['Hongze District']);
    expect(normalizeSpaces('， 邮 编 ： 223100 ， 电 话')).toBe('，邮编：223100，电话');
    expect(normalizeSpaces('hzzwgk @ 126.com')).toBe('hzzwgk @ 126.com');
  });

  it('separates columns of a borderless table with tabs', () => {
    // Gaps of 3 em between the cells; the baselines differ by a point, as with a bigger digit font.
    expect(texts([run('行政许可', 80, 300), run('550', 200, 301, 12), run('12', 300, 301, 12)])).toEqual(['行政许可\t550\t12']);
  });

  it('orders lines top to bottom and runs left to right whatever order pdfjs gives them in', () => {
    expect(texts([run('第二行', 80, 240), run('右', 200, 220), run('左', 80, 220)])).toEqual(['左\t右', '第二行']);
  });
});

describe('layoutPdfPage: ruled tables', () => {
  // Columns: label 70–300, two numbers 300–340 and 340–380. Rows: 100–130, 130–150, 150–170.
  const grid = [
    h(100, 70, 380),
    h(130, 70, 380),
    h(150, 160, 380), // no border under the group label: it spans rows 2 and 3
    h(170, 70, 380),
    v(70, 100, 170),
    v(160, 130, 170),
    v(300, 100, 170),
    v(340, 100, 170),
    v(380, 100, 170),
  ];

  it('joins a label that wraps inside its cell and keeps the row numbers on its line', () => {
    // The label's two lines sit at 113 and 126; the numbers are centred between them.
    const runs = [
      run('（二）部分公开（区分处理的，只计这一情', 72, 113, 9),
      run('形，不', 247, 113, 9),
      run('计其他情形）', 72, 126, 9),
      run('4', 317, 121, 14),
      run('0', 357, 121, 14),
    ];
    expect(texts(runs, grid)[0]).toBe('（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t4\t0');
  });

  it('writes a cell spanning rows in its first row only, and a ruled empty cell as an empty string', () => {
    const runs = [
      run('标题', 72, 118),
      run('甲', 310, 118),
      run('乙', 350, 118),
      // The group label is centred vertically over rows 2 and 3, at the line between them.
      run('（三）不予公开', 72, 153),
      run('1.属于国家秘密', 162, 144),
      run('1', 317, 144),
      run('0', 357, 144),
      run('2.其他法律行政法规禁止公开', 162, 164),
      run('7', 317, 164),
      // row 3, last column: ruled but blank
    ];
    expect(texts(runs, grid)).toEqual(['标题\t甲\t乙', '（三）不予公开\t1.属于国家秘密\t1\t0', '2.其他法律行政法规禁止公开\t7\t']);
  });

  it('closes a cell whose top edge is not drawn (a table continued from the previous page) with its side rulings', () => {
    const rulings = [h(130, 160, 380), h(160, 70, 380), v(70, 128, 160), v(160, 128, 160), v(380, 128, 160)];
    expect(texts([run('信息内容', 90, 148), run('本年处理决定数量', 220, 148)], rulings)).toEqual(['信息内容\t本年处理决定数量']);
  });

  it('stacks the lines of a header cell (商业 / 企业) into one cell', () => {
    const rulings = [h(100, 70, 170), h(140, 70, 170), v(70, 100, 140), v(120, 100, 140), v(170, 100, 140)];
    const runs = [run('商业', 80, 115), run('企业', 80, 128), run('科研', 130, 115), run('机构', 130, 128)];
    expect(texts(runs, rulings)).toEqual(['商业企业\t科研机构']);
  });

  it('leaves prose around a table alone', () => {
    const rulings = [h(100, 70, 170), h(120, 70, 170), v(70, 100, 120), v(170, 100, 120)];
    expect(texts([run('三、收到和处理政府信息公开申请情况', 70, 90), run('规章', 80, 114), run('一律不准发布。', 70, 140)], rulings)).toEqual([
      '三、收到和处理政府信息公开申请情况',
      '规章',
      '一律不准发布。',
    ]);
    expect(layoutPdfPage({ ...PAGE, runs: [run('规章', 80, 114)], rulings }).map((l) => l.table)).toEqual([true]);
  });
});

describe('hasColumnGaps', () => {
  it('is true for a line with a gap wider than a character or so, false for prose', () => {
    expect(hasColumnGaps([run('行政许可', 80, 300), run('550', 200, 301, 12)])).toBe(true);
    expect(hasColumnGaps([run('2023', 100, 200), run('年，全区', 121, 200), run('第二行', 80, 240), run('右', 104, 240)])).toBe(false);
  });
});
