// The 答复 choices: the 21 outcome rows of table 3 grouped as the report groups them, the grounds
// of each with the legal basis printed in the 答复书, and which notices a case can produce.
// Copied from src/domain/report/report-format.ts (OUTCOMES), src/domain/application/reply-outcomes.ts
// (REPLY_GROUNDS, formatLegalBasis) and notices/notice-kinds.ts, as the console is built apart.
import type { CaseHistoryEntry } from './application-api.ts';

const R = '《中华人民共和国政府信息公开条例》';

export interface OutcomeOption {
  code: string;
  label: string;
}

export interface OutcomeGroup {
  label: string;
  outcomes: readonly OutcomeOption[];
}

export const OUTCOME_GROUPS: readonly OutcomeGroup[] = [
  { label: '（一）予以公开', outcomes: [{ code: 'disclosed', label: '予以公开' }] },
  { label: '（二）部分公开', outcomes: [{ code: 'partially_disclosed', label: '部分公开' }] },
  {
    label: '（三）不予公开',
    outcomes: [
      { code: 'withheld_state_secret', label: '属于国家秘密' },
      { code: 'withheld_prohibited_by_law', label: '其他法律行政法规禁止公开' },
      { code: 'withheld_security_stability', label: '危及“三安全一稳定”' },
      { code: 'withheld_third_party_rights', label: '保护第三方合法权益' },
      { code: 'withheld_internal_affairs', label: '属于三类内部事务信息' },
      { code: 'withheld_process_info', label: '属于四类过程性信息' },
      { code: 'withheld_enforcement_file', label: '属于行政执法案卷' },
      { code: 'withheld_inquiry_matter', label: '属于行政查询事项' },
    ],
  },
  {
    label: '（四）无法提供',
    outcomes: [
      { code: 'unavailable_not_held', label: '本机关不掌握相关政府信息' },
      { code: 'unavailable_needs_creation', label: '没有现成信息需要另行制作' },
      { code: 'unavailable_unclear_after_correction', label: '补正后申请内容仍不明确' },
    ],
  },
  {
    label: '（五）不予处理',
    outcomes: [
      { code: 'not_processed_petition', label: '信访举报投诉类申请' },
      { code: 'not_processed_duplicate', label: '重复申请' },
      { code: 'not_processed_publication', label: '要求提供公开出版物' },
      { code: 'not_processed_excessive', label: '无正当理由大量反复申请' },
      { code: 'not_processed_confirmation', label: '要求行政机关确认或重新出具已获取信息' },
    ],
  },
  // （六）1 and 2 close by their own events (逾期未补正, 逾期未缴费), never by a reply.
  { label: '（六）其他处理', outcomes: [{ code: 'other', label: '其他' }] },
];

export interface ReplyGroundOption {
  code: string;
  outcome: string;
  ground: string;
  /** As printed in the 答复书; null for a practice category (staff write it). */
  legalBasis: string | null;
  reasonRequired: boolean;
  /** What the letter must also tell the applicant. */
  mustState: readonly string[];
}

const g = (code: string, outcome: string, ground: string, legalBasis: string | null, reasonRequired: boolean, mustState: string[] = []): ReplyGroundOption => ({
  code,
  outcome,
  ground,
  legalBasis,
  reasonRequired,
  mustState,
});
const ITEM_3 = '第三十六条第（三）项';

export const REPLY_GROUNDS: readonly ReplyGroundOption[] = [
  g('already_published', 'disclosed', '所申请公开信息已经主动公开', `${R}第三十六条第（一）项`, false, ['获取该政府信息的方式、途径']),
  g('disclosable', 'disclosed', '所申请公开信息可以公开', `${R}第三十六条第（二）项`, false, ['向申请人提供该政府信息，或者告知获取该政府信息的方式、途径和时间']),
  g('partly_disclosable', 'partially_disclosed', '所申请公开信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理', `${R}第三十七条`, true, ['提供可以公开的政府信息内容', '对不予公开的内容说明理由']),
  g('state_secret', 'withheld_state_secret', '所申请公开信息依法确定为国家秘密', `${R}第十四条、${ITEM_3}`, true),
  g('prohibited_by_law', 'withheld_prohibited_by_law', '所申请公开信息属于法律、行政法规禁止公开的信息', `${R}第十四条、${ITEM_3}`, true, ['禁止公开的法律、行政法规名称及条款']),
  g('security_stability', 'withheld_security_stability', '所申请公开信息公开后可能危及国家安全、公共安全、经济安全、社会稳定', `${R}第十四条、${ITEM_3}`, true),
  g('third_party_rights', 'withheld_third_party_rights', '所申请公开信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害', `${R}第十五条、第三十二条、${ITEM_3}`, true),
  g('internal_affairs', 'withheld_internal_affairs', '所申请公开信息属于人事管理、后勤管理、内部工作流程等内部事务信息', `${R}第十六条第一款、${ITEM_3}`, true),
  g('process_info', 'withheld_process_info', '所申请公开信息属于过程性信息', `${R}第十六条第二款、${ITEM_3}`, true),
  g('enforcement_file', 'withheld_enforcement_file', '所申请公开信息属于行政执法案卷信息', `${R}第十六条第二款、${ITEM_3}`, true),
  g('inquiry_matter', 'withheld_inquiry_matter', '有关法律、行政法规对信息的获取有特别规定', `${R}第三十六条第（七）项`, false, ['依照有关法律、行政法规的规定办理（写明该法律、行政法规）']),
  g('not_exist', 'unavailable_not_held', '经检索没有所申请公开信息', `${R}第三十六条第（四）项`, false, ['该政府信息不存在']),
  g('not_this_agency', 'unavailable_not_held', '所申请公开信息不属于本行政机关负责公开', `${R}第三十六条第（五）项`, true, ['能够确定负责公开该政府信息的行政机关的，该行政机关的名称、联系方式']),
  g('needs_creation', 'unavailable_needs_creation', '所申请公开信息需要行政机关对现有政府信息进行加工、分析', `${R}第三十八条`, false),
  g('unclear_after_correction', 'unavailable_unclear_after_correction', '申请人补正后申请内容仍不明确', `${R}第三十条`, false),
  g('petition', 'not_processed_petition', '以政府信息公开申请的形式进行信访、投诉、举报等活动', `${R}第三十九条第一款`, false, ['不作为政府信息公开申请处理', '可以通过相应渠道提出']),
  g('duplicate', 'not_processed_duplicate', '重复申请公开相同政府信息', `${R}第三十六条第（六）项`, false, ['不予重复处理']),
  g('publication', 'not_processed_publication', '要求提供政府公报、报刊、书籍等公开出版物', `${R}第三十九条第二款`, false, ['获取该出版物的途径']),
  g('excessive', 'not_processed_excessive', '申请公开政府信息的数量、频次明显超过合理范围，且申请理由不合理', `${R}第三十五条`, false, ['不予处理']),
  g('confirmation', 'not_processed_confirmation', '要求行政机关确认或者重新出具申请人已获取的信息', null, false),
  g('other', 'other', '其他情形', null, true, ['处理情况及依据']),
];

export function groundsFor(outcome: string): ReplyGroundOption[] {
  return REPLY_GROUNDS.filter((ground) => ground.outcome === outcome);
}

export function outcomeLabelOf(code: string): string {
  for (const group of OUTCOME_GROUPS) for (const outcome of group.outcomes) if (outcome.code === code) return outcome.label;
  return code;
}

export interface NoticeOption {
  /** The notice kind of the DOCX route (notice.routes.ts), e.g. correction, reply.disclosable. */
  kind: string;
  label: string;
}

/** The notices the case's record can fill (notice.service.ts refuses the others). */
export function availableNotices(history: readonly CaseHistoryEntry[]): NoticeOption[] {
  const events = history.filter((entry) => entry.source === 'event');
  const has = (kind: string, where: (event: Record<string, unknown>) => boolean = () => true) => events.some((entry) => entry.kind === kind && where(entry.event ?? {}));
  const notices: NoticeOption[] = [];
  if (has('correctionRequested')) notices.push({ kind: 'correction', label: '补正告知书' });
  if (has('consultationStarted', (event) => event.party === 'thirdParty')) notices.push({ kind: 'third_party_consultation', label: '征求第三方意见函' });
  if (has('consultationStarted', (event) => event.party === 'otherAgency')) notices.push({ kind: 'agency_consultation', label: '征求其他机关意见函' });
  if (has('extensionApproved')) notices.push({ kind: 'extension', label: '延期答复告知书' });
  if (has('feeNoticeSent')) notices.push({ kind: 'fee', label: '收费通知书' });
  const replied = events.filter((entry) => entry.kind === 'replied').at(-1);
  const outcome = replied?.event?.outcome;
  if (typeof outcome === 'string') {
    // The event keeps the legal basis, not the ground: the ground whose basis it is, else every ground of the outcome.
    const grounds = groundsFor(outcome);
    const matching = grounds.filter((ground) => ground.legalBasis !== null && ground.legalBasis === replied?.event?.legalBasis);
    for (const ground of matching.length > 0 ? matching : grounds) notices.push({ kind: `reply.${ground.code}`, label: `答复书（${ground.ground}）` });
  }
  return notices;
}
