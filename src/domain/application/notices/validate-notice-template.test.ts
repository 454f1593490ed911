import { describe, expect, it } from 'vitest';
import { defaultNoticeTemplate } from './default-notice-templates.ts';
import { splitTemplateText } from './notice-placeholders.ts';
import type { NoticeTemplate } from './notice-template.ts';
import { validateNoticeTemplate } from './validate-notice-template.ts';

const correction = defaultNoticeTemplate('correction');
const edit = (paragraphs: readonly string[], rest: Partial<NoticeTemplate> = {}): NoticeTemplate => ({ ...correction, paragraphs, ...rest });

describe('splitTemplateText', () => {
  it('splits literal text and placeholders, spaces inside braces allowed', () => {
    expect(splitTemplateText('{{applicantName}}：您好，编号{{ trackingNumber }}。')).toEqual({
      segments: [{ placeholder: 'applicantName' }, { text: '：您好，编号' }, { placeholder: 'trackingNumber' }, { text: '。' }],
      braceProblems: [],
    });
  });

  it('reports a {{ without }}, a stray }} and a single brace with their positions', () => {
    expect(splitTemplateText('致{{applicantName：').braceProblems).toEqual(['第2个字符处的“{{”没有对应的“}}”。']);
    expect(splitTemplateText('ab}}').braceProblems).toEqual(['第3个字符处有多余的“}}”。']);
    expect(splitTemplateText('因{reason}').braceProblems).toEqual(['第2个字符处有多余的“{”。', '第9个字符处有多余的“}”。']);
  });
});

describe('validateNoticeTemplate', () => {
  it('rejects an unknown placeholder, naming it and its paragraph', () => {
    const findings = validateNoticeTemplate(edit([...correction.paragraphs, '您的联系电话为{{applicantPhone}}。']), 'correction');
    expect(findings).toEqual([
      { rule: 'UNKNOWN_PLACEHOLDER', part: 'paragraphs', paragraph: 6, placeholder: 'applicantPhone', message: '第6段：未知的占位符“{{applicantPhone}}”。' },
    ]);
  });

  it('requires the placeholders the notice needs by law (第三十条: items and period)', () => {
    const withoutDeadline = correction.paragraphs.map((p) => p.replace('{{correctionDeadline}}', '十五日内'));
    expect(validateNoticeTemplate(edit(withoutDeadline), 'correction')).toEqual([
      { rule: 'MISSING_PLACEHOLDER', part: 'paragraphs', paragraph: null, placeholder: 'correctionDeadline', message: '补正告知书必须包含“补正期限”（{{correctionDeadline}}）。' },
    ]);
  });

  it('reports unbalanced braces where they are', () => {
    const findings = validateNoticeTemplate(edit(correction.paragraphs, { title: '{{agencyName政府信息公开申请补正告知书' }), 'correction');
    expect(findings.map((f) => f.message)).toEqual(['标题：花括号不配对：第1个字符处的“{{”没有对应的“}}”。']);
  });

  it('rejects a placeholder the notice cannot be filled with', () => {
    const findings = validateNoticeTemplate(edit([...correction.paragraphs, '{{feeLines}}']), 'correction');
    expect(findings.map((f) => [f.rule, f.message])).toEqual([['NOT_FOR_THIS_NOTICE', '第6段：占位符“收费明细”（{{feeLines}}）不能用于补正告知书。']]);
  });

  it('gives a withdrawal no remedies clause, and every other reply one', () => {
    const withdrawal = defaultNoticeTemplate('reply.withdrawn');
    const withRemedies = { ...withdrawal, paragraphs: [...withdrawal.paragraphs, '{{remedies}}'] };
    expect(validateNoticeTemplate(withRemedies, 'reply.withdrawn').map((f) => f.rule)).toEqual(['NOT_FOR_THIS_NOTICE']);

    const refusal = defaultNoticeTemplate('reply.state_secret');
    const withoutRemedies = { ...refusal, paragraphs: refusal.paragraphs.filter((p) => p !== '{{remedies}}') };
    expect(validateNoticeTemplate(withoutRemedies, 'reply.state_secret').map((f) => f.message)).toEqual([
      '答复书（所申请公开信息依法确定为国家秘密）必须包含“救济途径”（{{remedies}}）。',
    ]);
  });

  it('wants a list placeholder alone in its paragraph, and no empty title', () => {
    const paragraphs = correction.paragraphs.map((p) => (p === '{{correctionItems}}' ? '补正事项：{{correctionItems}}' : p));
    expect(validateNoticeTemplate(edit(paragraphs, { title: ' ' }), 'correction').map((f) => f.message)).toEqual([
      '标题：不能为空。',
      '第2段：列表占位符“补正事项”（{{correctionItems}}）须单独成段。',
    ]);
  });
});
