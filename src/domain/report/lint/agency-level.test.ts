import { describe, expect, it } from 'vitest';
import { resolveAgencyLevel } from './agency-level.ts';

describe('resolveAgencyLevel', () => {
  it('takes the given level, with whether it makes 规章 (立法法)', () => {
    expect(resolveAgencyLevel('city', '某市人民政府')).toMatchObject({ level: 'city', makesRules: true, inferred: false });
    expect(resolveAgencyLevel('provincial_department', null)).toMatchObject({ level: 'provincial_department', makesRules: false, inferred: false });
  });

  it.each(['松木塘镇', '太平镇人民政府', '螅镇人民政府', '某某乡', '汉阳街道办事处', '某 某 街 道'])('recognises %s as a 乡镇/街道', (name) => {
    expect(resolveAgencyLevel(undefined, name)).toMatchObject({ level: 'township', makesRules: false, inferred: true });
  });

  it.each(['漯河市商务局', '淮安市洪泽区人民政府', '某市乡村振兴局', null])('does not guess for %s', (name) => {
    expect(resolveAgencyLevel(undefined, name)).toBeNull();
  });
});
