// The 保密审查 checklist answered before submission and at each review step (《保守国家秘密法》,
// 条例第十七条: 发布前依照法律、法规和国家有关规定进行审查). An agency may replace the questions.
import { DomainError } from '../domain-error.ts';

export interface ChecklistQuestion {
  id: string;
  question: string;
}

/** Ids are stable: answers are stored against them. */
export const DEFAULT_CONFIDENTIALITY_CHECKLIST: readonly ChecklistQuestion[] = [
  { id: 'no-state-secret', question: '是否已确认不涉及国家秘密（条例第十四条）' },
  { id: 'no-work-secret', question: '是否已确认不涉及工作秘密及其他依法不宜公开的内部事项' },
  { id: 'no-personal-info', question: '是否已确认不涉及个人隐私，或已对身份证号码、手机号码等个人信息作去标识化处理（条例第十五条）' },
  { id: 'no-trade-secret', question: '是否已确认不涉及商业秘密，或已取得第三方同意（条例第十五条）' },
  { id: 'no-stability-risk', question: '是否已确认公开后不会危及国家安全、公共安全、经济安全、社会稳定（条例第十四条）' },
  { id: 'reviewed-by-law', question: '是否已按《中华人民共和国保守国家秘密法》及本机关保密审查制度进行审查（条例第十七条）' },
];

export const MAX_CHECKLIST_QUESTIONS = 30;
export const MAX_CHECKLIST_QUESTION_LENGTH = 200;
const QUESTION_ID = /^[a-z0-9][a-z0-9-]{0,49}$/;

function refuse(field: string, message: string, userMessage: string): DomainError {
  return new DomainError('BAD_INPUT', `checklist: ${message}`, userMessage, { field });
}

/**
 * An agency's own questions: a list of 1–30 { id, question }, ids lowercase letters, digits and
 * hyphens, unique; questions non-empty and at most 200 characters (trimmed). BAD_INPUT in Chinese.
 */
export function parseChecklist(value: unknown): ChecklistQuestion[] {
  if (!Array.isArray(value)) throw refuse('checklist', 'not an array', '保密审查清单须为问题列表');
  if (value.length === 0) throw refuse('checklist', 'empty', '保密审查清单至少要有一个问题');
  if (value.length > MAX_CHECKLIST_QUESTIONS) throw refuse('checklist', 'too many questions', `保密审查清单最多${MAX_CHECKLIST_QUESTIONS}个问题（现有${value.length}个）`);
  const seen = new Set<string>();
  return value.map((item: unknown, index) => {
    const where = `第${index + 1}个问题`;
    if (typeof item !== 'object' || item === null) throw refuse(`checklist[${index}]`, 'not an object', `保密审查清单${where}须包含编号（id）和问题（question）`);
    const { id, question } = item as Record<string, unknown>;
    const trimmedId = typeof id === 'string' ? id.trim() : '';
    if (!QUESTION_ID.test(trimmedId)) {
      throw refuse(`checklist[${index}].id`, `bad id ${String(id)}`, `保密审查清单${where}的编号（id）须为1至50位小写字母、数字或连字符，如 no-state-secret`);
    }
    if (seen.has(trimmedId)) throw refuse(`checklist[${index}].id`, `duplicate id ${trimmedId}`, `保密审查清单${where}的编号（id）“${trimmedId}”重复`);
    seen.add(trimmedId);
    const text = typeof question === 'string' ? question.trim() : '';
    if (text === '') throw refuse(`checklist[${index}].question`, 'empty question', `保密审查清单${where}的问题（question）不能为空`);
    if ([...text].length > MAX_CHECKLIST_QUESTION_LENGTH) {
      throw refuse(`checklist[${index}].question`, 'question too long', `保密审查清单${where}的问题（question）不能超过${MAX_CHECKLIST_QUESTION_LENGTH}个字`);
    }
    return { id: trimmedId, question: text };
  });
}
