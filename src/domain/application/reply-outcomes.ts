// What the 答复书 says for each of the 21 outcomes of table 3: the ground, its legal basis, the
// kind of reply, whether reasons are required, and the remedies clause.
// 条例第三十六条 to 第三十九条, 第十四 to 十六条, 第三十条, 第三十五条; 国办函〔2020〕109号; domain.md §F, §8.
// Status marks follow domain.md: 'V' checked against a published Chinese copy, 'M' from secondary sources
// (check the gov.cn text before printing), 'NOT VERIFIED', or 'practice' (no article).
import { DomainError } from '../domain-error.ts';
import { OUTCOMES, type OutcomeCode } from '../report/report-format.ts';

export const REGULATION_TITLE = '《中华人民共和国政府信息公开条例》';
export const FEE_MEASURES_TITLE = '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）';

/** What the reply tells the applicant. 'cannot_provide' covers 无法提供 other than 不存在 (第三十条, 第三十八条). */
export const REPLY_KINDS = [
  { code: 'provided', label: '予以公开' },
  { code: 'partly_provided', label: '部分公开' },
  { code: 'refused', label: '不予公开' },
  { code: 'does_not_exist', label: '信息不存在' },
  { code: 'not_this_agency', label: '不属于本机关负责公开' },
  { code: 'cannot_provide', label: '无法提供' },
  { code: 'not_processed', label: '不予处理' },
  { code: 'closed', label: '终止处理' },
] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number]['code'];

export type LegalSource = 'regulation' | 'fee_measures' | 'practice';
export type SourceStatus = 'V' | 'M' | 'NOT VERIFIED' | 'practice';

export interface ReplyGround {
  readonly code: string;
  readonly outcome: OutcomeCode;
  readonly kind: ReplyKind;
  readonly source: LegalSource;
  /** Articles of the source, substantive article first, as cited in the letter; empty when none. */
  readonly articles: readonly string[];
  /** The ground in short Chinese, for the letter. */
  readonly ground: string;
  /** The law requires the letter to give reasons (说明理由). */
  readonly reasonRequired: boolean;
  /** Further things the letter must tell the applicant under the article. */
  readonly letterMustState: readonly string[];
  /** The letter carries the remedies clause (条例第五十一条: 行政复议 or 行政诉讼). */
  readonly remedies: boolean;
  readonly status: SourceStatus;
}

const ITEM_3 = '第三十六条第（三）项';

/** Every ground a case can be concluded on; an outcome may have more than one (the first is the usual one). */
export const REPLY_GROUNDS = [
  // （一）予以公开
  { code: 'already_published', outcome: 'disclosed', kind: 'provided', source: 'regulation', articles: ['第三十六条第（一）项'], ground: '所申请公开信息已经主动公开', reasonRequired: false, letterMustState: ['获取该政府信息的方式、途径'], remedies: true, status: 'M' },
  { code: 'disclosable', outcome: 'disclosed', kind: 'provided', source: 'regulation', articles: ['第三十六条第（二）项'], ground: '所申请公开信息可以公开', reasonRequired: false, letterMustState: ['向申请人提供该政府信息，或者告知获取该政府信息的方式、途径和时间'], remedies: true, status: 'M' },
  // （二）部分公开
  { code: 'partly_disclosable', outcome: 'partially_disclosed', kind: 'partly_provided', source: 'regulation', articles: ['第三十七条'], ground: '所申请公开信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理', reasonRequired: true, letterMustState: ['提供可以公开的政府信息内容', '对不予公开的内容说明理由'], remedies: true, status: 'M' },
  // （三）不予公开: 第三十六条第（三）项 requires 告知不予公开并说明理由.
  { code: 'state_secret', outcome: 'withheld_state_secret', kind: 'refused', source: 'regulation', articles: ['第十四条', ITEM_3], ground: '所申请公开信息依法确定为国家秘密', reasonRequired: true, letterMustState: [], remedies: true, status: 'M' },
  { code: 'prohibited_by_law', outcome: 'withheld_prohibited_by_law', kind: 'refused', source: 'regulation', articles: ['第十四条', ITEM_3], ground: '所申请公开信息属于法律、行政法规禁止公开的信息', reasonRequired: true, letterMustState: ['禁止公开的法律、行政法规名称及条款'], remedies: true, status: 'M' },
  { code: 'security_stability', outcome: 'withheld_security_stability', kind: 'refused', source: 'regulation', articles: ['第十四条', ITEM_3], ground: '所申请公开信息公开后可能危及国家安全、公共安全、经济安全、社会稳定', reasonRequired: true, letterMustState: [], remedies: true, status: 'M' },
  { code: 'third_party_rights', outcome: 'withheld_third_party_rights', kind: 'refused', source: 'regulation', articles: ['第十五条', '第三十二条', ITEM_3], ground: '所申请公开信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害', reasonRequired: true, letterMustState: [], remedies: true, status: 'M' },
  { code: 'internal_affairs', outcome: 'withheld_internal_affairs', kind: 'refused', source: 'regulation', articles: ['第十六条第一款', ITEM_3], ground: '所申请公开信息属于人事管理、后勤管理、内部工作流程等内部事务信息', reasonRequired: true, letterMustState: [], remedies: true, status: 'M' },
  { code: 'process_info', outcome: 'withheld_process_info', kind: 'refused', source: 'regulation', articles: ['第十六条第二款', ITEM_3], ground: '所申请公开信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息', reasonRequired: true, letterMustState: [], remedies: true, status: 'M' },
  { code: 'enforcement_file', outcome: 'withheld_enforcement_file', kind: 'refused', source: 'regulation', articles: ['第十六条第二款', ITEM_3], ground: '所申请公开信息属于行政执法案卷信息', reasonRequired: true, letterMustState: [], remedies: true, status: 'M' },
  // 第三十六条第（七）项 is a referral to the special law; table 3 counts it under 不予公开.
  { code: 'inquiry_matter', outcome: 'withheld_inquiry_matter', kind: 'refused', source: 'regulation', articles: ['第三十六条第（七）项'], ground: '所申请公开信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定', reasonRequired: false, letterMustState: ['依照有关法律、行政法规的规定办理（写明该法律、行政法规）'], remedies: true, status: 'M' },
  // （四）无法提供
  { code: 'not_exist', outcome: 'unavailable_not_held', kind: 'does_not_exist', source: 'regulation', articles: ['第三十六条第（四）项'], ground: '经检索没有所申请公开信息', reasonRequired: false, letterMustState: ['该政府信息不存在'], remedies: true, status: 'M' },
  { code: 'not_this_agency', outcome: 'unavailable_not_held', kind: 'not_this_agency', source: 'regulation', articles: ['第三十六条第（五）项'], ground: '所申请公开信息不属于本行政机关负责公开', reasonRequired: true, letterMustState: ['能够确定负责公开该政府信息的行政机关的，该行政机关的名称、联系方式'], remedies: true, status: 'M' },
  { code: 'needs_creation', outcome: 'unavailable_needs_creation', kind: 'cannot_provide', source: 'regulation', articles: ['第三十八条'], ground: '所申请公开信息需要行政机关对现有政府信息进行加工、分析', reasonRequired: false, letterMustState: [], remedies: true, status: 'M' },
  { code: 'unclear_after_correction', outcome: 'unavailable_unclear_after_correction', kind: 'cannot_provide', source: 'regulation', articles: ['第三十条'], ground: '申请人补正后申请内容仍不明确，无法确定所申请公开的政府信息', reasonRequired: false, letterMustState: [], remedies: true, status: 'practice' },
  // （五）不予处理
  { code: 'petition', outcome: 'not_processed_petition', kind: 'not_processed', source: 'regulation', articles: ['第三十九条第一款'], ground: '申请人以政府信息公开申请的形式进行信访、投诉、举报等活动', reasonRequired: false, letterMustState: ['不作为政府信息公开申请处理', '可以通过相应渠道提出'], remedies: true, status: 'M' },
  { code: 'duplicate', outcome: 'not_processed_duplicate', kind: 'not_processed', source: 'regulation', articles: ['第三十六条第（六）项'], ground: '本机关已就申请人提出的政府信息公开申请作出答复，申请人重复申请公开相同政府信息', reasonRequired: false, letterMustState: ['不予重复处理'], remedies: true, status: 'M' },
  { code: 'publication', outcome: 'not_processed_publication', kind: 'not_processed', source: 'regulation', articles: ['第三十九条第二款'], ground: '申请内容为要求行政机关提供政府公报、报刊、书籍等公开出版物', reasonRequired: false, letterMustState: ['获取该出版物的途径'], remedies: true, status: 'M' },
  { code: 'excessive', outcome: 'not_processed_excessive', kind: 'not_processed', source: 'regulation', articles: ['第三十五条'], ground: '申请公开政府信息的数量、频次明显超过合理范围，且申请理由不合理', reasonRequired: false, letterMustState: ['不予处理'], remedies: true, status: 'M' },
  // No single article: the letter's basis is written by staff.
  { code: 'confirmation', outcome: 'not_processed_confirmation', kind: 'not_processed', source: 'practice', articles: [], ground: '申请内容为要求行政机关确认或者重新出具申请人已获取的信息', reasonRequired: false, letterMustState: [], remedies: true, status: 'practice' },
  // （六）其他处理
  { code: 'no_correction', outcome: 'other_no_correction', kind: 'closed', source: 'regulation', articles: ['第三十条'], ground: '申请人无正当理由逾期不补正，视为放弃申请', reasonRequired: false, letterMustState: ['不再处理该政府信息公开申请'], remedies: true, status: 'M' },
  // 109号文's article on non-payment was not retrieved (domain.md §G): cite the measures without an article.
  { code: 'fee_unpaid', outcome: 'other_fee_unpaid', kind: 'closed', source: 'fee_measures', articles: [], ground: '申请人逾期未按收费通知要求缴纳信息处理费，视为放弃申请', reasonRequired: false, letterMustState: ['不再处理该政府信息公开申请'], remedies: true, status: 'NOT VERIFIED' },
  // A withdrawal ends the case at the applicant's wish: no decision, so no 答复书 and no remedies clause.
  { code: 'withdrawn', outcome: 'other', kind: 'closed', source: 'practice', articles: [], ground: '申请人撤回政府信息公开申请', reasonRequired: false, letterMustState: [], remedies: false, status: 'practice' },
  { code: 'other', outcome: 'other', kind: 'closed', source: 'practice', articles: [], ground: '其他情形', reasonRequired: true, letterMustState: ['处理情况及依据'], remedies: true, status: 'practice' },
] as const satisfies readonly ReplyGround[];

export type ReplyGroundCode = (typeof REPLY_GROUNDS)[number]['code'];

/** The table-3 label of an outcome, from the report format (never retyped here). */
export function outcomeLabel(outcome: OutcomeCode): string {
  return OUTCOMES.find((o) => o.code === outcome)!.label;
}

/** The grounds a case with this outcome can be concluded on; the first is the usual one. */
export function replyGroundsFor(outcome: OutcomeCode): readonly ReplyGround[] {
  return REPLY_GROUNDS.filter((g) => g.outcome === outcome);
}

export function getReplyGround(code: string): ReplyGround {
  const ground = REPLY_GROUNDS.find((g) => g.code === code);
  if (ground === undefined) {
    throw new DomainError('BAD_INPUT', `Unknown reply ground ${code}`, `答复依据“${code}”不存在。`, { code });
  }
  return ground;
}

/**
 * The legal basis as printed in the letter, e.g. 《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项.
 * Null for a practice category: staff write the basis themselves.
 */
export function formatLegalBasis(ground: ReplyGround): string | null {
  switch (ground.source) {
    case 'regulation':
      return REGULATION_TITLE + ground.articles.join('、');
    case 'fee_measures':
      return FEE_MEASURES_TITLE + ground.articles.join('、');
    case 'practice':
      return null;
  }
}

/**
 * The remedies clause. TO BE CONFIRMED against the current texts before printing: 60 日 is
 * 行政复议法 (2023修订, in force 2024-01-01) 第二十条 as we understand it, 6 个月 is 行政诉讼法第四十六条;
 * both run from when the applicant knew of the act, here the receipt of the letter. Since the 2023
 * revision the review body for a county-level-or-above 工作部门's act is generally 本级人民政府 [M].
 */
export const REMEDIES_CLAUSE_TEMPLATE =
  '如对本答复不服，可以自收到本答复书之日起60日内向{reviewBody}申请行政复议，或者自收到本答复书之日起6个月内向{court}提起行政诉讼。';

export function formatRemediesClause(parties: { reviewBody: string; court: string }): string {
  const reviewBody = parties.reviewBody.trim();
  const court = parties.court.trim();
  if (reviewBody === '' || court === '') {
    throw new DomainError('BAD_INPUT', 'Remedies clause needs a review body and a court', '救济途径条款需要写明行政复议机关和人民法院。');
  }
  return REMEDIES_CLAUSE_TEMPLATE.replace('{reviewBody}', reviewBody).replace('{court}', court);
}
