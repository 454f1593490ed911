import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.ts';
import type { PublicationFields } from './publication.ts';
import { FIELDS } from './publication-test-support.ts';
import type { PublicationFieldsOptions } from './validate-publication-fields.ts';
import { normalizePublicationFields, validatePublicationFields } from './validate-publication-fields.ts';

function refusal(fields: PublicationFields, options: PublicationFieldsOptions = {}): DomainError {
  try {
    validatePublicationFields(fields, options);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected BAD_INPUT');
}

const cast = (value: unknown): PublicationFields => value as PublicationFields;

describe('validatePublicationFields', () => {
  it('accepts a complete item and returns it normalised', () => {
    expect(validatePublicationFields({ ...FIELDS, title: ' 通知 ', documentNumber: '  ' })).toEqual({ ...FIELDS, title: '通知', documentNumber: null });
  });

  it.each<{ name: string; fields: PublicationFields; options?: PublicationFieldsOptions; field: string; message: RegExp }>([
    { name: 'empty title', fields: { ...FIELDS, title: '' }, field: 'title', message: /^标题（title）不能为空$/ },
    { name: 'title of 201 characters', fields: { ...FIELDS, title: '字'.repeat(201) }, field: 'title', message: /标题（title）不能超过200个字（现有201个字）/ },
    { name: 'empty issuer', fields: { ...FIELDS, issuer: ' ' }, field: 'issuer', message: /发布机构（issuer）不能为空/ },
    { name: 'a 成文日期 that does not exist', fields: { ...FIELDS, writtenOn: '2025-02-29' }, field: 'writtenOn', message: /成文日期（writtenOn）不是有效日期/ },
    { name: 'a 成文日期 in another format', fields: { ...FIELDS, writtenOn: '2025/3/3' }, field: 'writtenOn', message: /成文日期（writtenOn）/ },
    { name: 'published before written', fields: FIELDS, options: { publishedOn: '2025-03-02' }, field: 'publishedOn', message: /发布日期（2025年3月2日）不能早于成文日期（2025年3月3日）/ },
    { name: 'an unknown kind', fields: cast({ ...FIELDS, kind: 'notice' }), field: 'kind', message: /文件类型（kind）须为规章、行政规范性文件、其他之一/ },
    { name: 'no channel', fields: { ...FIELDS, channels: [] }, field: 'channels', message: /发布渠道（channels）至少选择一个/ },
    { name: 'an unknown channel', fields: cast({ ...FIELDS, channels: ['website', 'tv'] }), field: 'channels', message: /收到：tv/ },
    { name: 'empty category', fields: { ...FIELDS, categoryCode: '' }, field: 'categoryCode', message: /目录分类（categoryCode）不能为空/ },
    { name: 'a category not in the catalogue', fields: FIELDS, options: { categoryCodes: ['a20-02'] }, field: 'categoryCode', message: /不在本机关的政府信息公开目录中/ },
    { name: 'effective with an end date', fields: { ...FIELDS, validity: { status: 'effective', effectiveFrom: null, endedOn: '2025-05-01' } }, field: 'validity', message: /有效性为“有效”的，不能填写/ },
    { name: 'repealed with no date', fields: { ...FIELDS, validity: { status: 'repealed', effectiveFrom: null, endedOn: null } }, field: 'validity', message: /须填写废止日期/ },
    { name: 'expired before written', fields: { ...FIELDS, validity: { status: 'expired', effectiveFrom: null, endedOn: '2025-03-02' } }, field: 'validity', message: /失效日期（2025年3月2日）不能早于成文日期/ },
    {
      name: 'repealed before taking effect',
      fields: { ...FIELDS, validity: { status: 'repealed', effectiveFrom: '2025-04-01', endedOn: '2025-03-20' } },
      field: 'validity',
      message: /废止日期（2025年3月20日）不能早于生效日期（2025年4月1日）/,
    },
    { name: 'an unknown validity', fields: cast({ ...FIELDS, validity: { status: 'void', effectiveFrom: null, endedOn: null } }), field: 'validity', message: /须为有效、失效或废止之一/ },
    { name: 'a 文号 that is not text', fields: cast({ ...FIELDS, documentNumber: 3 }), field: 'documentNumber', message: /文号（documentNumber）/ },
  ])('refuses $name', ({ fields, options, field, message }) => {
    const error = refusal(fields, options);
    expect(error.code).toBe('BAD_INPUT');
    expect(error.details.field).toBe(field);
    expect(error.userMessage).toMatch(message);
  });

  it.each([
    { status: 'expired' as const, endedOn: '2025-03-03' },
    { status: 'repealed' as const, endedOn: '2026-01-01' },
  ])('accepts $status ending on or after the 成文日期 ($endedOn)', ({ status, endedOn }) => {
    expect(validatePublicationFields({ ...FIELDS, validity: { status, effectiveFrom: null, endedOn } }).validity.endedOn).toBe(endedOn);
  });

  it('accepts a title of exactly 200 characters, counted as characters not code units', () => {
    expect(validatePublicationFields({ ...FIELDS, title: '𠀀'.repeat(200) }).title).toHaveLength(400);
  });
});

describe('normalizePublicationFields', () => {
  it('is idempotent', () => {
    const once = normalizePublicationFields({ ...FIELDS, title: ' a ', channels: ['wechat', 'wechat'], documentNumber: ' 示〔2025〕1号 ' });
    expect(once).toMatchObject({ title: 'a', channels: ['wechat'], documentNumber: '示〔2025〕1号' });
    expect(normalizePublicationFields(once)).toEqual(once);
  });
});
