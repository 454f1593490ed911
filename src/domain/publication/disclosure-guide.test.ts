import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.ts';
import type { DisclosureGuide } from './disclosure-guide.ts';
import { parseDisclosureGuide } from './disclosure-guide.ts';

const GUIDE: DisclosureGuide = {
  classification: '按第二十条所列事项分类',
  arrangement: '按目录分类、成文日期编排',
  howToObtain: '登录本局网站查阅，或到政务服务中心查阅',
  officeName: '示范市示范局办公室',
  officeAddress: '示范市人民路1号',
  officeHours: '工作日上午9:00—12:00，下午13:30—17:30',
  phone: '0395-1234567',
  fax: '0395-1234568',
  internetContact: 'https://example.gov.cn/gk',
};

function refusal(value: unknown): DomainError {
  try {
    parseDisclosureGuide(value);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected BAD_INPUT');
}

describe('parseDisclosureGuide', () => {
  it('keeps a complete guide, trimmed, without unknown keys', () => {
    expect(parseDisclosureGuide({ ...GUIDE, phone: ' 0395-1234567 ', extra: 'x' })).toEqual(GUIDE);
  });

  it('lets fax and internet contact be empty or absent', () => {
    const { fax: _fax, ...withoutFax } = GUIDE;
    void _fax;
    expect(parseDisclosureGuide({ ...withoutFax, internetContact: '' })).toEqual({ ...GUIDE, fax: '', internetContact: '' });
  });

  it.each([
    { name: 'an empty phone', value: { ...GUIDE, phone: '  ' }, field: 'phone', message: '联系电话（phone）不能为空' },
    { name: 'no office name', value: { ...GUIDE, officeName: undefined }, field: 'officeName', message: '政府信息公开工作机构名称（officeName）须填写文字' },
    { name: 'a number for the address', value: { ...GUIDE, officeAddress: 1 }, field: 'officeAddress', message: '办公地址（officeAddress）须填写文字' },
    { name: 'an empty classification', value: { ...GUIDE, classification: '' }, field: 'classification', message: '政府信息的分类（classification）不能为空' },
    { name: 'office hours of 201 characters', value: { ...GUIDE, officeHours: '时'.repeat(201) }, field: 'officeHours', message: '办公时间（officeHours）不能超过200个字' },
    { name: 'a fax that is not text', value: { ...GUIDE, fax: null }, field: 'fax', message: '传真号码（fax）须填写文字，没有的可以留空' },
  ])('refuses $name', ({ value, field, message }) => {
    const error = refusal(value);
    expect(error.code).toBe('BAD_INPUT');
    expect(error.details.field).toBe(field);
    expect(error.userMessage).toBe(message);
  });

  it('refuses what is not an object', () => {
    expect(refusal('指南').userMessage).toMatch(/须包含分类、编排体系、获取方式/);
    expect(refusal([GUIDE]).code).toBe('BAD_INPUT');
  });
});
