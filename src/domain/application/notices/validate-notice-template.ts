// Checks an edited notice template before it is saved: braces, placeholder names, the
// placeholders the notice needs by law (notice-kinds.ts), and where lists may stand.
import { placeholderRules, noticeTemplateKindLabel, type NoticeTemplateKind } from './notice-kinds.ts';
import { describePlaceholder, findPlaceholder, splitTemplateText, type PlaceholderName } from './notice-placeholders.ts';
import type { NoticeTemplate } from './notice-template.ts';

export type NoticeTemplateRule = 'EMPTY_PART' | 'UNBALANCED_BRACES' | 'UNKNOWN_PLACEHOLDER' | 'NOT_FOR_THIS_NOTICE' | 'MISSING_PLACEHOLDER' | 'LIST_NOT_ALONE';

export type NoticeTemplatePart = 'title' | 'documentNumber' | 'addressee' | 'paragraphs';

export interface NoticeTemplateFinding {
  readonly rule: NoticeTemplateRule;
  readonly part: NoticeTemplatePart;
  /** 1-based paragraph number for part 'paragraphs', else null. */
  readonly paragraph: number | null;
  /** The placeholder name concerned, as written between the braces. */
  readonly placeholder: string | null;
  /** Plain Chinese, naming the place and the placeholder. */
  readonly message: string;
}

const PART_LABELS: Record<Exclude<NoticeTemplatePart, 'paragraphs'>, string> = { title: '标题', documentNumber: '文号行', addressee: '称谓' };

/** Every text of the template with where it sits. */
export function templateTexts(template: NoticeTemplate): { part: NoticeTemplatePart; paragraph: number | null; text: string }[] {
  return [
    { part: 'title', paragraph: null, text: template.title },
    ...(template.documentNumber === null ? [] : [{ part: 'documentNumber' as const, paragraph: null, text: template.documentNumber }]),
    { part: 'addressee', paragraph: null, text: template.addressee },
    ...template.paragraphs.map((text, index) => ({ part: 'paragraphs' as const, paragraph: index + 1, text })),
  ];
}

export function placeLabel(part: NoticeTemplatePart, paragraph: number | null): string {
  if (part !== 'paragraphs') return PART_LABELS[part];
  return paragraph === null ? '正文' : `第${paragraph}段`;
}

/** Findings in Chinese; an empty list means the template can be saved. */
export function validateNoticeTemplate(template: NoticeTemplate, kind: NoticeTemplateKind): NoticeTemplateFinding[] {
  const findings: NoticeTemplateFinding[] = [];
  const rules = placeholderRules(kind);
  const used = new Set<string>();
  const add = (rule: NoticeTemplateRule, part: NoticeTemplatePart, paragraph: number | null, placeholder: string | null, message: string) =>
    findings.push({ rule, part, paragraph, placeholder, message: `${placeLabel(part, paragraph)}：${message}` });

  if (template.title.trim() === '') add('EMPTY_PART', 'title', null, null, '不能为空。');
  if (template.addressee.trim() === '') add('EMPTY_PART', 'addressee', null, null, '不能为空。');
  if (template.paragraphs.every((p) => p.trim() === '')) add('EMPTY_PART', 'paragraphs', null, null, '不能为空。');

  for (const { part, paragraph, text } of templateTexts(template)) {
    const { segments, braceProblems } = splitTemplateText(text);
    for (const problem of braceProblems) add('UNBALANCED_BRACES', part, paragraph, null, `花括号不配对：${problem}`);
    for (const segment of segments) {
      if (!('placeholder' in segment)) continue;
      const name = segment.placeholder;
      const placeholder = findPlaceholder(name);
      used.add(name);
      if (placeholder === undefined) {
        add('UNKNOWN_PLACEHOLDER', part, paragraph, name, `未知的占位符“{{${name}}}”。`);
      } else if (!rules.allowed.includes(placeholder.name)) {
        add('NOT_FOR_THIS_NOTICE', part, paragraph, name, `占位符${describePlaceholder(name)}不能用于${noticeTemplateKindLabel(kind)}。`);
      } else if (placeholder.type === 'list' && (part !== 'paragraphs' || segments.length !== 1)) {
        add('LIST_NOT_ALONE', part, paragraph, name, `列表占位符${describePlaceholder(name)}须单独成段。`);
      }
    }
  }

  const missing = rules.required.filter((name: PlaceholderName) => !used.has(name));
  for (const name of missing) {
    findings.push({ rule: 'MISSING_PLACEHOLDER', part: 'paragraphs', paragraph: null, placeholder: name, message: `${noticeTemplateKindLabel(kind)}必须包含${describePlaceholder(name)}。` });
  }
  return findings;
}
