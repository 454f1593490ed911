// The national annual report format (国办公开办函〔2021〕30号) as data.
// One table drives computation, lint, renderers and the parser, so they cannot drift apart.
// Wording from domain.md §4; variants are the ones seen in published reports.

export const FORMAT_CITATION = '国办公开办函〔2021〕30号';
export const SUPERSEDED_FORMAT_CITATION = '国办公开办函〔2019〕60号';

/** The six report sections, 条例第五十条 with 总体情况 added as 一. */
export const SECTIONS = [
  { ordinal: '一', code: 'overview', heading: '总体情况', keywords: ['总体情况'] },
  { ordinal: '二', code: 'proactive', heading: '主动公开政府信息情况', keywords: ['主动公开'] },
  { ordinal: '三', code: 'applications', heading: '收到和处理政府信息公开申请情况', keywords: ['申请'] },
  { ordinal: '四', code: 'reviewLitigation', heading: '政府信息公开行政复议、行政诉讼情况', keywords: ['复议', '诉讼'] },
  { ordinal: '五', code: 'problems', heading: '存在的主要问题及改进情况', keywords: ['问题'] },
  { ordinal: '六', code: 'otherMatters', heading: '其他需要报告的事项', keywords: ['其他'] },
] as const;

export type SectionOrdinal = (typeof SECTIONS)[number]['ordinal'];
export type SectionCode = (typeof SECTIONS)[number]['code'];

// ---------------------------------------------------------------- table 二

/** 第二十条第（一）项: documents the agency itself issued. */
export const DOCUMENT_KINDS = [
  { code: 'rules', label: '规章', variants: [] as string[] },
  { code: 'normativeDocuments', label: '行政规范性文件', variants: ['规范性文件'] },
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]['code'];

export const DOCUMENT_COLUMNS = [
  { code: 'issued', label: '本年制发件数', variants: ['本年新制作数量'] as string[] },
  { code: 'repealed', label: '本年废止件数', variants: [] as string[] },
  { code: 'inForce', label: '现行有效件数', variants: ['现行有效件数(历史累计)', '对外公开总数量'] },
] as const;
export type DocumentColumn = (typeof DOCUMENT_COLUMNS)[number]['code'];

/** 第二十条第（五）（六）项: counts of decisions; （八）项: fees in 万元. */
export const DECISION_ROWS = [
  { code: 'licensing', label: '行政许可', item: '（五）', header: '本年处理决定数量' },
  { code: 'penalty', label: '行政处罚', item: '（六）', header: '本年处理决定数量' },
  { code: 'enforcement', label: '行政强制', item: '（六）', header: '本年处理决定数量' },
] as const;
export type DecisionKind = (typeof DECISION_ROWS)[number]['code'];

/** The column code of the one value cell of 行政许可/处罚/强制/收费 (it spans three columns). */
export const SINGLE_VALUE_COLUMN = 'value';

export const FEE_ROW = { code: 'administrativeFees', label: '行政事业性收费', item: '（八）' } as const;
export const FEE_HEADER = '本年收费金额（单位：万元）';
export const FEE_HEADER_HENAN = '本年收费金额（单位：万元，保留4位小数）';

export const TABLE2_CONTENT_HEADER = '信息内容';

export const TABLE2_CAPTIONS = ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项'] as const;

// ---------------------------------------------------------------- table 三

/** The 6 applicant columns of table 3, then 总计. */
export const APPLICANT_TYPES = [
  { code: 'natural_person', label: '自然人', variants: [] as string[] },
  { code: 'business', label: '商业企业', variants: [] as string[] },
  { code: 'research_institution', label: '科研机构', variants: [] as string[] },
  // 漯河 2021 prints 社会组织: a label error to flag, not a format to copy.
  { code: 'public_interest_org', label: '社会公益组织', variants: ['社会组织'] },
  { code: 'legal_service_org', label: '法律服务机构', variants: [] as string[] },
  { code: 'other_org', label: '其他', variants: [] as string[] },
] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number]['code'];
export type Table3Column = ApplicantType | 'total';
export const TABLE3_COLUMNS: readonly Table3Column[] = [...APPLICANT_TYPES.map((a) => a.code), 'total'];
export const TABLE3_COLUMN_LABELS: Record<Table3Column, string> = {
  natural_person: '自然人',
  business: '商业企业',
  research_institution: '科研机构',
  public_interest_org: '社会公益组织',
  legal_service_org: '法律服务机构',
  other_org: '其他',
  total: '总计',
};

export const TABLE3_APPLICANT_HEADER = '申请人情况';
export const TABLE3_ORGANISATION_HEADER = '法人或其他组织';

export const TABLE3_GOUJI_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** Outcome groups of 三、本年度办理结果: （一）…（六）. */
export const OUTCOME_GROUPS = [
  { code: 'disclosed', ordinal: '（一）', label: '予以公开' },
  { code: 'partially_disclosed', ordinal: '（二）', label: '部分公开（区分处理的，只计这一情形，不计其他情形）' },
  { code: 'withheld', ordinal: '（三）', label: '不予公开' },
  { code: 'unavailable', ordinal: '（四）', label: '无法提供' },
  { code: 'not_processed', ordinal: '（五）', label: '不予处理' },
  { code: 'other_handling', ordinal: '（六）', label: '其他处理' },
] as const;
export type OutcomeGroup = (typeof OUTCOME_GROUPS)[number]['code'];

interface OutcomeDefinition {
  readonly code: string;
  readonly group: OutcomeGroup;
  /** The item number inside its group ('1.'…), empty for （一）（二）. */
  readonly item: string;
  readonly label: string;
  readonly variants: readonly string[];
  /** Where the category comes from in 条例 (2019) or 109号文; practice where none. */
  readonly citation: string;
}

/** The 21 outcome rows, in table order. 条例第三十六条 to 第三十九条; domain.md §8. */
export const OUTCOMES = [
  { code: 'disclosed', group: 'disclosed', item: '', label: '予以公开', variants: [], citation: '条例第三十六条第（一）（二）项' },
  { code: 'partially_disclosed', group: 'partially_disclosed', item: '', label: '部分公开（区分处理的，只计这一情形，不计其他情形）', variants: ['部分公开'], citation: '条例第三十七条' },
  { code: 'withheld_state_secret', group: 'withheld', item: '1.', label: '属于国家秘密', variants: [], citation: '条例第十四条' },
  { code: 'withheld_prohibited_by_law', group: 'withheld', item: '2.', label: '其他法律行政法规禁止公开', variants: ['其他法律法规禁止公开'], citation: '条例第十四条' },
  { code: 'withheld_security_stability', group: 'withheld', item: '3.', label: '危及“三安全一稳定”', variants: [], citation: '条例第十四条' },
  { code: 'withheld_third_party_rights', group: 'withheld', item: '4.', label: '保护第三方合法权益', variants: [], citation: '条例第十五条、第三十二条' },
  { code: 'withheld_internal_affairs', group: 'withheld', item: '5.', label: '属于三类内部事务信息', variants: [], citation: '条例第十六条第一款' },
  { code: 'withheld_process_info', group: 'withheld', item: '6.', label: '属于四类过程性信息', variants: [], citation: '条例第十六条第二款' },
  { code: 'withheld_enforcement_file', group: 'withheld', item: '7.', label: '属于行政执法案卷', variants: [], citation: '条例第十六条第二款' },
  { code: 'withheld_inquiry_matter', group: 'withheld', item: '8.', label: '属于行政查询事项', variants: [], citation: '条例第三十六条第（七）项' },
  { code: 'unavailable_not_held', group: 'unavailable', item: '1.', label: '本机关不掌握相关政府信息', variants: [], citation: '条例第三十六条第（四）（五）项' },
  { code: 'unavailable_needs_creation', group: 'unavailable', item: '2.', label: '没有现成信息需要另行制作', variants: [], citation: '条例第三十八条' },
  { code: 'unavailable_unclear_after_correction', group: 'unavailable', item: '3.', label: '补正后申请内容仍不明确', variants: [], citation: '条例第三十条' },
  { code: 'not_processed_petition', group: 'not_processed', item: '1.', label: '信访举报投诉类申请', variants: [], citation: '条例第三十九条第一款' },
  { code: 'not_processed_duplicate', group: 'not_processed', item: '2.', label: '重复申请', variants: [], citation: '条例第三十六条第（六）项' },
  { code: 'not_processed_publication', group: 'not_processed', item: '3.', label: '要求提供公开出版物', variants: [], citation: '条例第三十九条第二款' },
  { code: 'not_processed_excessive', group: 'not_processed', item: '4.', label: '无正当理由大量反复申请', variants: [], citation: '条例第三十五条' },
  { code: 'not_processed_confirmation', group: 'not_processed', item: '5.', label: '要求行政机关确认或重新出具已获取信息', variants: [], citation: '实践类别，条例无单独条款' },
  { code: 'other_no_correction', group: 'other_handling', item: '1.', label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', variants: [], citation: '条例第三十条' },
  { code: 'other_fee_unpaid', group: 'other_handling', item: '2.', label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', variants: [], citation: '国办函〔2020〕109号' },
  { code: 'other', group: 'other_handling', item: '3.', label: '其他', variants: [], citation: '实践类别（如申请人撤回申请）' },
] as const satisfies readonly OutcomeDefinition[];
export type OutcomeCode = (typeof OUTCOMES)[number]['code'];
export const OUTCOME_CODES: readonly OutcomeCode[] = OUTCOMES.map((o) => o.code);

/** The 25 data rows of table 3, in order. */
export const TABLE3_ROWS = [
  { code: 'received', label: '一、本年新收政府信息公开申请数量', variants: [] as string[] },
  { code: 'carriedIn', label: '二、上年结转政府信息公开申请数量', variants: [] as string[] },
  ...OUTCOMES.map((o) => ({ code: o.code, label: o.item + o.label, variants: o.variants.map((v) => o.item + v) })),
  { code: 'concludedTotal', label: '（七）总计', variants: [] as string[] },
  { code: 'carriedOver', label: '四、结转下年度继续办理', variants: [] as string[] },
] as const satisfies readonly { code: string; label: string; variants: readonly string[] }[];
export type Table3RowCode = 'received' | 'carriedIn' | OutcomeCode | 'concludedTotal' | 'carriedOver';
export const TABLE3_ROW_CODES: readonly Table3RowCode[] = TABLE3_ROWS.map((r) => r.code as Table3RowCode);
export const TABLE3_RESULTS_LABEL = '三、本年度办理结果';

// ---------------------------------------------------------------- table 四

export const REVIEW_GROUPS = [
  { code: 'adminReview', label: '行政复议', parent: null },
  { code: 'litigationDirect', label: '未经复议直接起诉', parent: '行政诉讼' },
  { code: 'litigationAfterReview', label: '复议后起诉', parent: '行政诉讼' },
] as const;
export type ReviewGroup = (typeof REVIEW_GROUPS)[number]['code'];

export const REVIEW_RESULTS = [
  { code: 'upheld', label: '结果维持' },
  { code: 'corrected', label: '结果纠正' },
  { code: 'otherResult', label: '其他结果' },
  { code: 'pending', label: '尚未审结' },
  { code: 'total', label: '总计' },
] as const;
export type ReviewColumn = (typeof REVIEW_RESULTS)[number]['code'];
/** A concluded review or lawsuit ends in one of these; 尚未审结 is derived. */
export type ReviewResult = Exclude<ReviewColumn, 'pending' | 'total'>;

// ---------------------------------------------------------------- 2019 format

/** Markers of the superseded 2019 format (domain.md §6); any of them in a 2021+ report is an error. */
export const FORMAT_2019_MARKERS = ['本年新制作数量', '本年新公开数量', '对外公开总数量', '其他对外管理服务事项', '第二十条第（九）项', '政府集中采购', '上一年项目数量'] as const;

// ---------------------------------------------------------------- label lookup

export function outcomeLabel(code: OutcomeCode): string {
  const found = OUTCOMES.find((o) => o.code === code);
  return found ? found.label : code;
}

export function table3RowLabel(code: Table3RowCode): string {
  return TABLE3_ROWS.find((r) => r.code === code)?.label ?? code;
}

export function applicantTypeLabel(code: Table3Column): string {
  return TABLE3_COLUMN_LABELS[code];
}
