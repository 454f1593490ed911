// 主动公开: one published item (publication), its fields, the facts of its life as an
// append-only event log, and the code lists (domain.md Part 2 §B, §C). State is derived by
// replaying the events (replay-publication-events.ts), as for application cases.
import type { IsoDate } from '../report/compute/report-records.ts';

/** 第二十条第（一）项 counts 规章 and 行政规范性文件 in table 二; everything else is 'other'. */
export const PUBLICATION_KINDS = [
  { code: 'rules', label: '规章' },
  { code: 'normativeDocuments', label: '行政规范性文件' },
  { code: 'other', label: '其他' },
] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number]['code'];

/** 有效性. `expired` (失效) ends by its own terms; `repealed` (废止) by a decision, counted in table 二. */
export const VALIDITY_STATUSES = [
  { code: 'effective', label: '有效' },
  { code: 'expired', label: '失效' },
  { code: 'repealed', label: '废止' },
] as const;
export type ValidityStatus = (typeof VALIDITY_STATUSES)[number]['code'];

/** 第二十三条: 政府网站 or other 互联网政务媒体 (政务新媒体). */
export const PUBLICATION_CHANNELS = [
  { code: 'website', label: '政府网站' },
  { code: 'wechat', label: '微信公众号' },
  { code: 'weibo', label: '微博' },
  { code: 'otherNewMedia', label: '其他政务新媒体' },
] as const;
export type PublicationChannel = (typeof PUBLICATION_CHANNELS)[number]['code'];

export const PUBLICATION_STATES = {
  draft: '草稿',
  in_review: '审核中',
  returned: '已退回',
  published: '已发布',
  withdrawn: '已撤回',
} as const;
export type PublicationState = keyof typeof PUBLICATION_STATES;

export interface Validity {
  status: ValidityStatus;
  /** 生效日期; null when it takes effect on publication. */
  effectiveFrom: IsoDate | null;
  /** The day it stopped being in force (失效 or 废止); null while effective. */
  endedOn: IsoDate | null;
}

/** What the author writes and may change before publishing (and correct after it, with a record). */
export interface PublicationFields {
  title: string;
  /** Rich text, already sanitised (allow-listed tags only). */
  bodyHtml: string;
  /** 内容概述 for the catalogue (第十二条); may be empty. */
  summary: string;
  /** 文号, e.g. 示政办发〔2025〕3号; null when the item has none. */
  documentNumber: string | null;
  /** 发布机构. */
  issuer: string;
  /** 成文日期: 第二十六条 counts 20 working days from it (or from the change). */
  writtenOn: IsoDate;
  kind: PublicationKind;
  /** Code of a catalogue node (catalogue.ts). */
  categoryCode: string;
  channels: readonly PublicationChannel[];
  validity: Validity;
}

// ---------------------------------------------------------------- screening

export const SCREENING_HIT_KINDS = ['id_number', 'mobile', 'bank_card', 'email', 'classification_mark', 'sensitive_word', 'wrong_term'] as const;
export type ScreeningHitKind = (typeof SCREENING_HIT_KINDS)[number];

/** One finding of the automatic scan (screen-text.ts). Offsets are UTF-16 indexes into the scanned text. */
export interface ScreeningHit {
  kind: ScreeningHitKind;
  /** The matched text as written. */
  text: string;
  start: number;
  end: number;
  /** Up to 20 characters either side, for showing the hit in place. */
  context: string;
  /** The correct form (wrong_term), or what to do, in Chinese. */
  suggestion: string;
  /** Where it was found: 'title', 'body', or 'attachment:<file name>'. */
  source: string;
}

/**
 * A hit is resolved by fixing the text (it is gone from the next scan) or by accepting it with a
 * reason. An acceptance is keyed by kind and matched text, so it survives edits elsewhere.
 */
export interface HitAcceptance {
  kind: ScreeningHitKind;
  text: string;
  reason: string;
}

/** One 保密审查 question and its answer (the agency's checklist, confidentiality-checklist.ts). */
export interface ChecklistAnswer {
  questionId: string;
  /** True: the answer that lets the item go on (e.g. "不涉及国家秘密" confirmed). */
  confirmed: boolean;
  note: string;
}

// ---------------------------------------------------------------- review chain

/** One step of an agency's review chain: who may act at it, by role. */
export interface ReviewStep {
  role: string;
  /** Shown to users, e.g. 科长. */
  label: string;
}

/** The default chain of the issue: 信息员 → 科长 → 分管领导. */
export const DEFAULT_REVIEW_CHAIN: readonly ReviewStep[] = [
  { role: 'clerk', label: '信息员' },
  { role: 'sectionChief', label: '科长' },
  { role: 'leader', label: '分管领导' },
];

/** The 公开办 administrator: may also withdraw, correct or change the validity of a published item. */
export const ADMINISTRATOR: ReviewStep = { role: 'admin', label: '系统管理员' };

// ---------------------------------------------------------------- events

interface PublicationEventBase<Kind extends string> {
  readonly kind: Kind;
  /** Who did it (user id). */
  readonly actor: string;
  /** The date of the act (China). */
  readonly at: IsoDate;
}

export interface DraftedEvent extends PublicationEventBase<'drafted'> {
  readonly fields: PublicationFields;
}

/** Before submission and while returned; also by a reviewer at their step (the fix of a hit). */
export interface EditedEvent extends PublicationEventBase<'edited'> {
  readonly fields: PublicationFields;
  /** Set when the edit adds or removes an attachment (the fields are then unchanged): the audit trail names the file. */
  readonly attachment?: { readonly change: 'added' | 'removed'; readonly fileName: string; readonly sha256: string };
}

/** The author sends it into the chain; the chain is copied so later changes to it do not move items in review. */
export interface SubmittedEvent extends PublicationEventBase<'submitted'> {
  readonly chain: readonly ReviewStep[];
  readonly checklist: readonly ChecklistAnswer[];
  readonly acceptances: readonly HitAcceptance[];
}

export interface ApprovedEvent extends PublicationEventBase<'approved'> {
  /** 0-based index into the submitted chain. */
  readonly step: number;
  readonly opinion: string;
  readonly checklist: readonly ChecklistAnswer[];
  readonly acceptances: readonly HitAcceptance[];
}

export interface ReturnedEvent extends PublicationEventBase<'returned'> {
  readonly step: number;
  readonly opinion: string;
}

/** Follows the last approval at once: the 索引号 is given and the 发布日期 set. */
export interface PublishedEvent extends PublicationEventBase<'published'> {
  readonly indexNumber: string;
  readonly publishedOn: IsoDate;
}

/** 撤回 after publishing: off the portal, kept in the record with the reason. */
export interface WithdrawnEvent extends PublicationEventBase<'withdrawn'> {
  readonly reason: string;
}

/** A correction after publishing (更正): the new fields and why, shown on the item. */
export interface CorrectedEvent extends PublicationEventBase<'corrected'> {
  readonly fields: PublicationFields;
  readonly reason: string;
}

/** 有效性 changed after publishing (失效, 废止, or back to 有效). */
export interface ValidityChangedEvent extends PublicationEventBase<'validityChanged'> {
  readonly validity: Validity;
  readonly reason: string;
}

/** Brought in by `gongkai import publications`: already published elsewhere, outside the chain. */
export interface ImportedEvent extends PublicationEventBase<'imported'> {
  readonly fields: PublicationFields;
  readonly indexNumber: string;
  readonly publishedOn: IsoDate;
}

export type PublicationEvent =
  | DraftedEvent
  | EditedEvent
  | SubmittedEvent
  | ApprovedEvent
  | ReturnedEvent
  | PublishedEvent
  | WithdrawnEvent
  | CorrectedEvent
  | ValidityChangedEvent
  | ImportedEvent;
export type PublicationEventKind = PublicationEvent['kind'];

export const PUBLICATION_EVENT_LABELS: Record<PublicationEventKind, string> = {
  drafted: '起草',
  edited: '修改',
  submitted: '提交审核',
  approved: '审核通过',
  returned: '退回修改',
  published: '发布',
  withdrawn: '撤回',
  corrected: '更正',
  validityChanged: '变更有效性',
  imported: '导入',
};

/** The item as its events leave it. */
export interface Publication {
  state: PublicationState;
  fields: PublicationFields;
  /** The author (actor of 'drafted'); nobody approves their own draft. */
  author: string;
  /** The chain copied at submission; empty before. */
  chain: readonly ReviewStep[];
  /** Index of the step waiting for a decision while in_review; null otherwise. */
  currentStep: number | null;
  /** Acceptances given so far in this round of review (reset when returned). */
  acceptances: readonly HitAcceptance[];
  indexNumber: string | null;
  publishedOn: IsoDate | null;
  withdrawnOn: IsoDate | null;
  /** Each correction after publishing, shown on the item. */
  corrections: readonly { at: IsoDate; reason: string; actor: string }[];
  /** Number of events: the version for the optimistic check. */
  version: number;
}
