// Fills a notice template with a case's data. Pure: the date of issue is data. Nothing is
// escaped: the result goes into DOCX text runs, which are literal.
import { DomainError } from '../../domain-error.ts';
import { formatChineseDate, isIsoDate } from '../../calendar/iso-date.ts';
import { describePlaceholder, findPlaceholder, splitTemplateText, type NoticeData, type PlaceholderName } from './notice-placeholders.ts';
import type { FilledNotice, NoticeTemplate } from './notice-template.ts';
import { placeLabel, templateTexts } from './validate-notice-template.ts';

/**
 * Throws BAD_INPUT naming the field in Chinese when the template is malformed (braces, an
 * unknown placeholder, a list not alone in its paragraph) or a placeholder it uses, or the
 * signature's agency name or date, has no value. Which placeholders suit which notice is
 * validateNoticeTemplate's business, checked when the template is saved.
 */
export function fillNoticeTemplate(template: NoticeTemplate, data: NoticeData): FilledNotice {
  const problems: string[] = [];
  const missing = new Set<PlaceholderName>();

  /** The printed value, or null (and the problem noted) when there is none. */
  const valueOf = (name: string, where: string): string | readonly string[] | null => {
    const placeholder = findPlaceholder(name);
    if (placeholder === undefined) {
      problems.push(`${where}：未知的占位符“{{${name}}}”。`);
      return null;
    }
    const value = data[placeholder.name];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0)) {
      missing.add(placeholder.name);
      return null;
    }
    switch (placeholder.type) {
      case 'text':
        return value as string;
      case 'date':
        if (typeof value === 'string' && isIsoDate(value)) return formatChineseDate(value);
        problems.push(`${describePlaceholder(name)}应为有效日期（YYYY-MM-DD），当前为“${String(value)}”。`);
        return null;
      case 'count':
        if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
        problems.push(`${describePlaceholder(name)}应为非负整数，当前为“${String(value)}”。`);
        return null;
      case 'list': {
        const items = value as readonly string[];
        if (items.some((item) => typeof item !== 'string' || item.trim() === '')) {
          problems.push(`${describePlaceholder(name)}含有空项。`);
          return null;
        }
        return placeholder.numbered ? items.map((item, index) => `${index + 1}.${item}`) : items;
      }
    }
  };

  const fill = (text: string, where: string, allowList: boolean): string[] => {
    const { segments, braceProblems } = splitTemplateText(text);
    for (const problem of braceProblems) problems.push(`${where}：花括号不配对：${problem}`);
    const only = segments.length === 1 ? segments[0] : undefined;
    if (allowList && only !== undefined && 'placeholder' in only && findPlaceholder(only.placeholder)?.type === 'list') {
      const items = valueOf(only.placeholder, where);
      return items === null ? [] : [...items];
    }
    let filled = '';
    for (const segment of segments) {
      if ('text' in segment) {
        filled += segment.text;
        continue;
      }
      const value = valueOf(segment.placeholder, where);
      if (Array.isArray(value)) problems.push(`${where}：列表占位符${describePlaceholder(segment.placeholder)}须单独成段。`);
      else if (value !== null) filled += value;
    }
    return [filled];
  };

  const texts = templateTexts(template).map(({ part, paragraph, text }) => ({ part, lines: fill(text, placeLabel(part, paragraph), part === 'paragraphs') }));
  const single = (part: string) => texts.find((t) => t.part === part)?.lines.join('') ?? null;

  const agencyName = data.agencyName?.trim() ?? '';
  if (agencyName === '') missing.add('agencyName');
  const issuedOn = data.issuedOn ?? '';
  if (issuedOn === '') missing.add('issuedOn');
  else if (!isIsoDate(issuedOn)) problems.push(`${describePlaceholder('issuedOn')}应为有效日期（YYYY-MM-DD），当前为“${issuedOn}”。`);

  if (missing.size > 0) {
    const names = [...missing];
    problems.unshift(`缺少${names.map((name) => describePlaceholder(name)).join('、')}，无法生成文书。`);
  }
  if (problems.length > 0) {
    throw new DomainError('BAD_INPUT', `Cannot fill notice template: ${problems.length} problem(s), missing [${[...missing].join(', ')}]`, problems.join('\n'), {
      field: [...missing][0] ?? null,
      missing: [...missing],
    });
  }
  return {
    title: single('title')!,
    documentNumber: single('documentNumber'),
    addressee: single('addressee')!,
    paragraphs: texts.filter((t) => t.part === 'paragraphs').flatMap((t) => t.lines),
    agencyName,
    issuedOn,
  };
}
