import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.ts';
import { DEFAULT_CONFIDENTIALITY_CHECKLIST, parseChecklist } from './confidentiality-checklist.ts';

function refusal(value: unknown): DomainError {
  try {
    parseChecklist(value);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected BAD_INPUT');
}

describe('DEFAULT_CONFIDENTIALITY_CHECKLIST', () => {
  it('asks about 国家秘密, 工作秘密, 个人隐私, 商业秘密, 第十四条 risks and the 保密法 review, with stable ids', () => {
    expect(DEFAULT_CONFIDENTIALITY_CHECKLIST.map((q) => q.id)).toEqual(['no-state-secret', 'no-work-secret', 'no-personal-info', 'no-trade-secret', 'no-stability-risk', 'reviewed-by-law']);
    const text = DEFAULT_CONFIDENTIALITY_CHECKLIST.map((q) => q.question).join('\n');
    for (const term of ['国家秘密', '工作秘密', '个人隐私', '商业秘密', '国家安全、公共安全、经济安全、社会稳定', '保守国家秘密法']) expect(text).toContain(term);
  });

  it('passes its own parser', () => {
    expect(parseChecklist(DEFAULT_CONFIDENTIALITY_CHECKLIST)).toEqual(DEFAULT_CONFIDENTIALITY_CHECKLIST);
  });
});

describe('parseChecklist', () => {
  it('keeps an agency list, trimmed', () => {
    expect(parseChecklist([{ id: ' legal-check ', question: ' 是否经法制机构审核 ', extra: 1 }])).toEqual([{ id: 'legal-check', question: '是否经法制机构审核' }]);
  });

  it.each([
    { name: 'not a list', value: { id: 'a' }, message: /须为问题列表/ },
    { name: 'an empty list', value: [], message: /至少要有一个问题/ },
    { name: '31 questions', value: Array.from({ length: 31 }, (_, i) => ({ id: `q${i}`, question: '问' })), message: /最多30个问题（现有31个）/ },
    { name: 'an item that is not an object', value: ['问'], message: /第1个问题须包含编号/ },
    { name: 'an id with capitals', value: [{ id: 'NoSecret', question: '问' }], message: /第1个问题的编号（id）须为1至50位小写字母/ },
    { name: 'a repeated id', value: [{ id: 'a', question: '问' }, { id: 'a', question: '又问' }], message: /第2个问题的编号（id）“a”重复/ },
    { name: 'an empty question', value: [{ id: 'a', question: ' ' }], message: /第1个问题的问题（question）不能为空/ },
    { name: 'a question of 201 characters', value: [{ id: 'a', question: '问'.repeat(201) }], message: /不能超过200个字/ },
  ])('refuses $name', ({ value, message }) => {
    const error = refusal(value);
    expect(error.code).toBe('BAD_INPUT');
    expect(error.userMessage).toMatch(message);
  });
});
