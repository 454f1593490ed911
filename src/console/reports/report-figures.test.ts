import { describe, expect, it } from 'vitest';
import { checkFiguresForm, figuresFormDirty, FIGURES_FIELDS, formOfFigures, normaliseNumberText } from './report-figures.ts';

const FILLED = { licensing: '12', penalty: '3', enforcement: '0', administrativeFees: '2.5' };

describe('the figures form', () => {
  it('names the four rows of table 二 as the format does, in table order', () => {
    expect(FIGURES_FIELDS.map((f) => `${f.caption}${f.row}`)).toEqual(['第二十条第（五）项行政许可', '第二十条第（六）项行政处罚', '第二十条第（六）项行政强制', '第二十条第（八）项行政事业性收费']);
  });

  it('turns filled fields into the PUT body, counts as numbers and the fee as text', () => {
    expect(checkFiguresForm(FILLED)).toEqual({ body: { licensing: 12, penalty: 3, enforcement: 0, administrativeFees: '2.5' }, problems: null });
  });

  it('reads full-width digits and point typed with a Chinese input method, and trims', () => {
    expect(normaliseNumberText(' １２ ')).toBe('12');
    expect(normaliseNumberText('３．２５')).toBe('3.25');
    expect(checkFiguresForm({ licensing: '１２', penalty: ' 3', enforcement: '0 ', administrativeFees: '０。７５' }).body).toEqual({ licensing: 12, penalty: 3, enforcement: 0, administrativeFees: '0.75' });
  });

  it('says what is wrong with each field', () => {
    expect(checkFiguresForm({ licensing: '', penalty: '-1', enforcement: '1.5', administrativeFees: '1,200' })).toEqual({
      body: null,
      problems: {
        licensing: '请填写行政许可的本年处理决定数量（没有的填 0）',
        penalty: '行政处罚的决定数量应为 0 或正整数',
        enforcement: '行政强制的决定数量应为 0 或正整数',
        administrativeFees: '行政事业性收费金额应为不小于 0 的数，单位万元，最多 4 位小数，不要写“万元”或逗号',
      },
    });
  });

  it('refuses a fee with 5 decimals or a unit, and a count beyond the database integer', () => {
    const problems = (form: Partial<typeof FILLED>) => checkFiguresForm({ ...FILLED, ...form }).problems;
    expect(problems({ administrativeFees: '1.23456' })).toHaveProperty('administrativeFees');
    expect(problems({ administrativeFees: '3万元' })).toHaveProperty('administrativeFees');
    expect(problems({ administrativeFees: '' })).toEqual({ administrativeFees: '请填写行政事业性收费金额（没有的填 0）' });
    expect(problems({ licensing: '2147483647' })).toBeNull();
    expect(problems({ licensing: '2147483648' })).toEqual({ licensing: '行政许可的决定数量应为 0 或正整数' });
  });

  it('shows saved figures as text and a year without figures as blank', () => {
    expect(formOfFigures({ year: 2026, licensing: 12, penalty: 3, enforcement: 0, administrativeFees: '2.5000' })).toEqual({ licensing: '12', penalty: '3', enforcement: '0', administrativeFees: '2.5000' });
    expect(formOfFigures(null)).toEqual({ licensing: '', penalty: '', enforcement: '', administrativeFees: '' });
  });

  it('is dirty only when a field differs beyond spaces and full-width digits', () => {
    const saved = { licensing: '12', penalty: '3', enforcement: '0', administrativeFees: '2.5000' };
    expect(figuresFormDirty({ ...saved, licensing: ' １２' }, saved)).toBe(false);
    expect(figuresFormDirty({ ...saved, administrativeFees: '2.5' }, saved)).toBe(true);
    expect(figuresFormDirty({ ...saved, penalty: '4' }, saved)).toBe(true);
  });
});
