// The notices a case produces, the article each rests on, and which placeholders each may and
// must use. Status marks follow domain.md ('V' checked, 'M' secondary source, 'NOT VERIFIED').
import { DomainError } from '../../domain-error.ts';
import { REGULATION_TITLE, REPLY_GROUNDS, getReplyGround, type ReplyGroundCode, type SourceStatus } from '../reply-outcomes.ts';
import type { PlaceholderName } from './notice-placeholders.ts';

export const NOTICE_KINDS = [
  { code: 'correction', label: '补正告知书', basis: `${REGULATION_TITLE}第三十条`, status: 'V' },
  { code: 'extension', label: '延期答复告知书', basis: `${REGULATION_TITLE}第三十三条`, status: 'V' },
  { code: 'third_party_consultation', label: '征求第三方意见函', basis: `${REGULATION_TITLE}第三十二条`, status: 'V' },
  { code: 'agency_consultation', label: '征求其他机关意见函', basis: `${REGULATION_TITLE}第三十四条`, status: 'M' },
  // The fee notice's required content is in the unretrieved part of 109号文 (domain.md §G).
  { code: 'fee', label: '收费通知书', basis: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）', status: 'NOT VERIFIED' },
  // One template per reply ground; each ground carries its own articles (reply-outcomes.ts).
  { code: 'reply', label: '答复书', basis: `${REGULATION_TITLE}第三十六条至第三十九条`, status: 'M' },
] as const satisfies readonly { code: string; label: string; basis: string; status: SourceStatus }[];

export type NoticeKind = (typeof NOTICE_KINDS)[number]['code'];

/** What a stored template is for: a notice kind, or `reply.<ground>` for the 答复书 on one ground. */
export type NoticeTemplateKind = Exclude<NoticeKind, 'reply'> | `reply.${ReplyGroundCode}`;

export const NOTICE_TEMPLATE_KINDS: readonly NoticeTemplateKind[] = [
  ...NOTICE_KINDS.flatMap((k) => (k.code === 'reply' ? [] : [k.code])),
  ...REPLY_GROUNDS.map((g) => `reply.${g.code}` as const),
];

export function isNoticeTemplateKind(value: string): value is NoticeTemplateKind {
  return (NOTICE_TEMPLATE_KINDS as readonly string[]).includes(value);
}

/** Throws BAD_INPUT for a kind that does not exist. */
export function parseNoticeTemplateKind(value: string): NoticeTemplateKind {
  if (isNoticeTemplateKind(value)) return value;
  throw new DomainError('BAD_INPUT', `Unknown notice template kind ${value}`, `文书类型“${value}”不存在。`, { field: 'kind' });
}

/** The 答复书 template kind for a reply ground. */
export function replyTemplateKind(ground: ReplyGroundCode): NoticeTemplateKind {
  return `reply.${ground}`;
}

export function isReplyTemplateKind(kind: NoticeTemplateKind): kind is `reply.${ReplyGroundCode}` {
  return kind.startsWith('reply.');
}

/** The ground of a `reply.<ground>` kind, or null for the other notices. */
export function groundOf(kind: NoticeTemplateKind): ReplyGroundCode | null {
  return isReplyTemplateKind(kind) ? (kind.slice('reply.'.length) as ReplyGroundCode) : null;
}

/** The title shown to people, e.g. 答复书（所申请公开信息依法确定为国家秘密）. */
export function noticeTemplateKindLabel(kind: NoticeTemplateKind): string {
  const ground = groundOf(kind);
  if (ground !== null) return `答复书（${getReplyGround(ground).ground}）`;
  return NOTICE_KINDS.find((k) => k.code === kind)!.label;
}

export interface PlaceholderRules {
  /** Placeholders the template must use: without them the notice fails its legal purpose. */
  readonly required: readonly PlaceholderName[];
  /** Every placeholder the case can supply for this kind (required ones included). */
  readonly allowed: readonly PlaceholderName[];
}

/** Any notice may name these; the signature block always prints agency and date. */
const COMMON: readonly PlaceholderName[] = ['trackingNumber', 'receivedOn', 'requestedInformation', 'reason', 'agencyName', 'issuedOn', 'contact'];

export function placeholderRules(kind: NoticeTemplateKind): PlaceholderRules {
  const rules = (required: PlaceholderName[], extra: PlaceholderName[] = []): PlaceholderRules => ({
    required,
    allowed: [...new Set([...COMMON, ...required, ...extra])],
  });
  if (isReplyTemplateKind(kind)) {
    // 条例第三十六条: every reply says what was decided on which basis; a decision can be
    // challenged (第五十一条) except a withdrawal, which decides nothing (reply-outcomes.ts).
    const { remedies } = getReplyGround(groundOf(kind)!);
    const extra: PlaceholderName[] = ['accessMethod', 'competentAgency', 'correctionDeadline', 'payBy'];
    return remedies ? rules(['applicantName', 'legalBasis', 'remedies'], extra) : rules(['applicantName'], extra);
  }
  switch (kind) {
    case 'correction':
      // 第三十条: 一次性告知 the items and a reasonable period.
      return rules(['applicantName', 'correctionItems', 'correctionDeadline']);
    case 'extension':
      // 第三十三条: the extended period, approved, told to the applicant.
      return rules(['applicantName', 'extensionDays', 'newDueOn', 'reason']);
    case 'third_party_consultation':
    case 'agency_consultation':
      // Addressed to the party consulted, not the applicant.
      return rules(['consultedParty', 'requestedInformation']);
    case 'fee':
      return rules(['applicantName', 'feeLines', 'feeAmount', 'payBy'], ['paymentMethod']);
  }
}
