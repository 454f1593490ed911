// The console keeps its own copies of the domain's tables (it is built without src/domain); this
// test fails when the two drift apart.
import { describe, expect, it } from 'vitest';
import { ROLE_CODES, ROLE_LABELS } from '../../domain/account/roles.ts';
import { NOTICE_TEMPLATE_KINDS as DOMAIN_KINDS, noticeTemplateKindLabel } from '../../domain/application/notices/notice-kinds.ts';
import { NOTICE_PLACEHOLDERS as DOMAIN_PLACEHOLDERS } from '../../domain/application/notices/notice-placeholders.ts';
import { DISCLOSURE_GUIDE_LABELS } from '../../domain/publication/disclosure-guide.ts';
import { GUIDE_FIELDS, NOTICE_PLACEHOLDERS, NOTICE_TEMPLATE_KINDS, ROLE_OPTIONS } from './settings-api.ts';

describe('the console copies of the domain tables', () => {
  it('names the same roles in the same order', () => {
    expect(ROLE_OPTIONS).toEqual(ROLE_CODES.map((code) => ({ value: code, label: ROLE_LABELS[code] })));
  });

  it('lists every notice template kind, the non-reply ones under the domain name', () => {
    expect(NOTICE_TEMPLATE_KINDS.map((k) => k.kind)).toEqual([...DOMAIN_KINDS]);
    for (const { kind, label } of NOTICE_TEMPLATE_KINDS.filter((k) => !k.kind.startsWith('reply.'))) {
      expect(label).toBe(noticeTemplateKindLabel(kind as (typeof DOMAIN_KINDS)[number]));
    }
  });

  it('explains the same placeholders', () => {
    expect(NOTICE_PLACEHOLDERS.map((p) => p.name)).toEqual(DOMAIN_PLACEHOLDERS.map((p) => p.name));
  });

  it('edits the guide fields of 第十二条 under their labels', () => {
    expect(Object.fromEntries(GUIDE_FIELDS.map((f) => [f.key, f.label]))).toEqual(DISCLOSURE_GUIDE_LABELS);
  });
});
