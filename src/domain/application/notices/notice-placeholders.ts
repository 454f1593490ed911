// The placeholders an agency may write in a notice template, as `{{name}}`, and how a template's
// text splits into literal text and placeholders. One table drives validation, filling and the
// template editor's help text.
import type { IsoDate } from '../../report/compute/report-records.ts';

/**
 * `text` prints as given; `date` is an IsoDate printed as 2024年3月5日; `count` a whole number;
 * `list` stands alone in its paragraph and becomes one paragraph per item (numbered “1.” when
 * `numbered`, the third level of GB/T 9704 §7.3.3).
 */
export type PlaceholderType = 'text' | 'date' | 'count' | 'list';

export const NOTICE_PLACEHOLDERS = [
  { name: 'applicantName', label: '申请人姓名或名称', type: 'text' },
  { name: 'trackingNumber', label: '申请编号', type: 'text' },
  { name: 'receivedOn', label: '收到申请日期', type: 'date' },
  { name: 'requestedInformation', label: '申请公开的政府信息', type: 'text' },
  { name: 'correctionItems', label: '补正事项', type: 'list', numbered: true },
  { name: 'correctionDeadline', label: '补正期限', type: 'date' },
  { name: 'extensionDays', label: '延长的工作日数', type: 'count' },
  { name: 'newDueOn', label: '延长后的答复期限', type: 'date' },
  { name: 'reason', label: '理由', type: 'text' },
  { name: 'consultedParty', label: '被征求意见方', type: 'text' },
  { name: 'feeLines', label: '收费明细', type: 'list', numbered: false },
  { name: 'feeAmount', label: '收费金额', type: 'text' },
  { name: 'payBy', label: '缴费期限', type: 'date' },
  { name: 'paymentMethod', label: '缴费方式', type: 'text' },
  { name: 'accessMethod', label: '获取信息的方式、途径', type: 'text' },
  { name: 'competentAgency', label: '负责公开该信息的行政机关及联系方式', type: 'text' },
  { name: 'legalBasis', label: '法律依据', type: 'text' },
  { name: 'remedies', label: '救济途径', type: 'text' },
  { name: 'agencyName', label: '机关名称', type: 'text' },
  { name: 'issuedOn', label: '落款日期', type: 'date' },
  { name: 'contact', label: '联系人及联系电话', type: 'text' },
] as const satisfies readonly { name: string; label: string; type: PlaceholderType; numbered?: boolean }[];

export type PlaceholderName = (typeof NOTICE_PLACEHOLDERS)[number]['name'];
type Placeholder = (typeof NOTICE_PLACEHOLDERS)[number];
type ValueOf<Type extends PlaceholderType> = Type extends 'count' ? number : Type extends 'list' ? readonly string[] : Type extends 'date' ? IsoDate : string;

/** The values a notice is filled with; `issuedOn` is data, never the clock. */
export type NoticeData = { readonly [P in Placeholder as P['name']]?: ValueOf<P['type']> };

export function findPlaceholder(name: string): Placeholder | undefined {
  return NOTICE_PLACEHOLDERS.find((p) => p.name === name);
}

/** How a placeholder is named to people: 补正期限（{{correctionDeadline}}）. */
export function describePlaceholder(name: string): string {
  const label = findPlaceholder(name)?.label;
  return label === undefined ? `“{{${name}}}”` : `“${label}”（{{${name}}}）`;
}

export type TemplateSegment = { readonly text: string } | { readonly placeholder: string };

export interface SplitTemplateText {
  readonly segments: readonly TemplateSegment[];
  /** Unbalanced braces, in Chinese, e.g. 第5个字符处的“{{”没有对应的“}}”。 */
  readonly braceProblems: readonly string[];
}

/**
 * Splits text into literal runs and `{{name}}` placeholders (spaces inside the braces are
 * allowed). A `{{` without its `}}`, a stray `}}`, or a single `{` or `}` is a brace problem:
 * official Chinese never uses braces, so a lone one is a mistyped placeholder.
 */
export function splitTemplateText(text: string): SplitTemplateText {
  const segments: TemplateSegment[] = [];
  const braceProblems: string[] = [];
  let literal = '';
  let index = 0;
  while (index < text.length) {
    if (text.startsWith('{{', index)) {
      const close = text.indexOf('}}', index + 2);
      const inner = close === -1 ? null : text.slice(index + 2, close);
      if (inner === null || /[{}]/.test(inner)) {
        braceProblems.push(`第${index + 1}个字符处的“{{”没有对应的“}}”。`);
        literal += '{{';
        index += 2;
        continue;
      }
      if (literal !== '') segments.push({ text: literal });
      literal = '';
      segments.push({ placeholder: inner.trim() });
      index = close + 2;
      continue;
    }
    const character = text[index]!;
    if (character === '{' || character === '}') {
      const stray = text.startsWith('}}', index) ? '}}' : character;
      braceProblems.push(`第${index + 1}个字符处有多余的“${stray}”。`);
      literal += stray;
      index += stray.length;
      continue;
    }
    literal += character;
    index += 1;
  }
  if (literal !== '') segments.push({ text: literal });
  return { segments, braceProblems };
}
