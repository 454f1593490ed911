import { describe, expect, it } from 'vitest';
import { isSameAgency } from './report-lint.ts';

describe('isSameAgency', () => {
  it('matches a title with and without the city in front (洪泽 2023 and 2024)', () => {
    expect(isSameAgency('洪泽区人民政府', '淮安市洪泽区人民政府')).toBe(true);
  });

  it('ignores spaces and full-width forms', () => {
    expect(isSameAgency('平潭综合实验区综合执法与应急管理局 ', '平潭综合实验区综合执法与应急管理局')).toBe(true);
  });

  it('does not match two agencies that only share a generic ending', () => {
    expect(isSameAgency('人民政府', '淮安市洪泽区人民政府')).toBe(false);
    expect(isSameAgency('漯河市商务局', '平潭综合实验区社会事业局')).toBe(false);
  });
});
