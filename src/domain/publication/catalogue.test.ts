import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.ts';
import type { CatalogueNode } from './catalogue.ts';
import { defaultCatalogue, validateCatalogue } from './catalogue.ts';

const node = (code: string, parentCode: string | null, name = `分类${code}`): CatalogueNode => ({ code, parentCode, name, basis: '', position: 1, active: true });

function refusal(nodes: CatalogueNode[]): DomainError {
  try {
    validateCatalogue(nodes);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected BAD_INPUT');
}

describe('defaultCatalogue', () => {
  it('holds the 15 items of 第二十条 for every level, in order, with their basis', () => {
    const national = defaultCatalogue('national');
    expect(national).toHaveLength(15);
    expect(national[0]).toEqual({ code: 'a20-01', parentCode: null, name: '行政法规、规章和规范性文件', basis: '第二十条第（一）项', position: 1, active: true });
    expect(national[4]).toMatchObject({ code: 'a20-05', name: '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果', basis: '第二十条第（五）项' });
    expect(national[10]).toMatchObject({ code: 'a20-11', basis: '第二十条第（十一）项' });
    expect(national[14]).toEqual({ code: 'a20-15', parentCode: null, name: '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息', basis: '第二十条第（十五）项', position: 15, active: true });
    expect(defaultCatalogue('provincial')).toEqual(national);
  });

  it.each(['municipal', 'county'] as const)('adds the 第二十一条 items of 设区的市级、县级 for %s', (level) => {
    const local = defaultCatalogue(level).slice(15);
    expect(local.map((n) => n.name)).toEqual(['市政建设', '公共服务', '公益事业', '土地征收', '房屋征收', '治安管理', '社会救助']);
    expect(local.map((n) => n.code)).toEqual(['a21-01', 'a21-02', 'a21-03', 'a21-04', 'a21-05', 'a21-06', 'a21-07']);
    expect(local.every((n) => n.basis === '第二十一条' && n.parentCode === null)).toBe(true);
    expect(local.map((n) => n.position)).toEqual([16, 17, 18, 19, 20, 21, 22]);
  });

  it('adds the 乡（镇） items for township, sharing the codes of the same items', () => {
    const local = defaultCatalogue('township').slice(15);
    expect(local.map((n) => `${n.code} ${n.name}`)).toEqual(['a21-08 贫困救助', 'a21-09 集体土地承包经营', 'a21-04 土地征收', 'a21-05 房屋征收', 'a21-10 筹资筹劳', 'a21-07 社会救助']);
  });

  it.each(['national', 'provincial', 'municipal', 'county', 'township'] as const)('is valid for %s', (level) => {
    expect(() => validateCatalogue(defaultCatalogue(level))).not.toThrow();
  });
});

describe('validateCatalogue', () => {
  it('accepts an agency tree under the default items', () => {
    expect(() => validateCatalogue([...defaultCatalogue('county'), node('own-1', 'a20-01', '本局规范性文件'), node('own-2', 'own-1', '2025年')])).not.toThrow();
  });

  it.each([
    { name: 'a duplicate code', nodes: [node('x', null), node('x', null)], message: /代码“x”重复/ },
    { name: 'an empty code', nodes: [node(' ', null)], message: /代码不能为空/ },
    { name: 'a code with spaces', nodes: [node('a b', null)], message: /不能含空格/ },
    { name: 'an empty name', nodes: [node('x', null, ' ')], message: /“x”的名称不能为空/ },
    { name: 'a name of 101 characters', nodes: [node('x', null, '名'.repeat(101))], message: /不能超过100个字/ },
    { name: 'a missing parent', nodes: [node('x', 'y', '甲')], message: /“甲”的上级分类“y”不存在/ },
    { name: 'a node its own parent', nodes: [node('x', 'x', '甲')], message: /“甲”的上级关系形成循环/ },
    { name: 'a cycle of three', nodes: [node('root', null), node('a', 'c'), node('b', 'a'), node('c', 'b')], message: /形成循环/ },
  ])('refuses $name', ({ nodes, message }) => {
    const error = refusal(nodes);
    expect(error.code).toBe('BAD_INPUT');
    expect(error.userMessage).toMatch(message);
  });
});
