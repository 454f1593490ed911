// The official labels of the report format (国办公开办函〔2021〕30号), copied from
// src/domain/report/report-format.ts: the console is built separately and may not import src/domain.

export type ReportTableId = 'table2' | 'table3' | 'table4';
export type SectionOrdinal = '一' | '二' | '三' | '四' | '五' | '六';

export const SECTION_TITLES: Record<SectionOrdinal, string> = {
  一: '一、总体情况',
  二: '二、主动公开政府信息情况',
  三: '三、收到和处理政府信息公开申请情况',
  四: '四、政府信息公开行政复议、行政诉讼情况',
  五: '五、存在的主要问题及改进情况',
  六: '六、其他需要报告的事项',
};

export const TABLE_SECTIONS: Record<ReportTableId, SectionOrdinal> = { table2: '二', table3: '三', table4: '四' };

/** The staff-written sections and what the format expects in each (domain.md §3). */
export const TEXT_SECTIONS = [
  {
    code: 'overview',
    ordinal: '一',
    hint: '概述本年度政府信息公开工作，通常分为（一）主动公开（二）依申请公开（三）政府信息管理（四）政府信息公开平台建设（五）监督保障。文中的件数须与下面表格一致（例如收到申请的件数）。',
  },
  {
    code: 'problems',
    ordinal: '五',
    hint: '写明本年度工作存在的主要问题和改进措施，也可说明上一年度问题的整改情况。',
  },
  {
    code: 'otherMatters',
    ordinal: '六',
    hint: '通常包括：依据《政府信息公开信息处理费管理办法》收取信息处理费的情况；落实上级年度政务公开工作要点情况；人大代表建议和政协提案办理结果公开情况；年度政务公开工作创新情况。没有的也应写明“无”。',
  },
] as const satisfies readonly { code: string; ordinal: SectionOrdinal; hint: string }[];
export type TextSectionCode = (typeof TEXT_SECTIONS)[number]['code'];

// ---------------------------------------------------------------- table 二

export const TABLE2_CONTENT_HEADER = '信息内容';
export const DOCUMENT_KINDS = [
  { code: 'rules', label: '规章' },
  { code: 'normativeDocuments', label: '行政规范性文件' },
] as const;
export const DOCUMENT_COLUMNS = [
  { code: 'issued', label: '本年制发件数' },
  { code: 'repealed', label: '本年废止件数' },
  { code: 'inForce', label: '现行有效件数' },
] as const;
/** 第二十条第（五）（六）项 rows, then （八）项 fees; each has one value cell across three columns. */
export const SINGLE_VALUE_SUBTABLES = [
  { caption: '第二十条第（五）项', header: '本年处理决定数量', rows: [{ code: 'licensing', label: '行政许可' }] },
  {
    caption: '第二十条第（六）项',
    header: '本年处理决定数量',
    rows: [
      { code: 'penalty', label: '行政处罚' },
      { code: 'enforcement', label: '行政强制' },
    ],
  },
  { caption: '第二十条第（八）项', header: '本年收费金额（单位：万元）', rows: [{ code: 'administrativeFees', label: '行政事业性收费' }] },
] as const;
/** The column code the grid and the lint give the one value cell of 许可/处罚/强制/收费. */
export const SINGLE_VALUE_COLUMN = 'value';

// ---------------------------------------------------------------- table 三

export const TABLE3_COLUMNS = ['natural_person', 'business', 'research_institution', 'public_interest_org', 'legal_service_org', 'other_org', 'total'] as const;
export type Table3Column = (typeof TABLE3_COLUMNS)[number];
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
export const TABLE3_RESULTS_LABEL = '三、本年度办理结果';

export const OUTCOME_GROUPS = [
  { code: 'disclosed', ordinal: '（一）', label: '予以公开' },
  { code: 'partially_disclosed', ordinal: '（二）', label: '部分公开（区分处理的，只计这一情形，不计其他情形）' },
  { code: 'withheld', ordinal: '（三）', label: '不予公开' },
  { code: 'unavailable', ordinal: '（四）', label: '无法提供' },
  { code: 'not_processed', ordinal: '（五）', label: '不予处理' },
  { code: 'other_handling', ordinal: '（六）', label: '其他处理' },
] as const;

/** The 21 outcome rows in table order: group, item number ('' for （一）（二）), label. */
export const OUTCOMES = [
  { code: 'disclosed', group: 'disclosed', item: '', label: '予以公开' },
  { code: 'partially_disclosed', group: 'partially_disclosed', item: '', label: '部分公开（区分处理的，只计这一情形，不计其他情形）' },
  { code: 'withheld_state_secret', group: 'withheld', item: '1.', label: '属于国家秘密' },
  { code: 'withheld_prohibited_by_law', group: 'withheld', item: '2.', label: '其他法律行政法规禁止公开' },
  { code: 'withheld_security_stability', group: 'withheld', item: '3.', label: '危及“三安全一稳定”' },
  { code: 'withheld_third_party_rights', group: 'withheld', item: '4.', label: '保护第三方合法权益' },
  { code: 'withheld_internal_affairs', group: 'withheld', item: '5.', label: '属于三类内部事务信息' },
  { code: 'withheld_process_info', group: 'withheld', item: '6.', label: '属于四类过程性信息' },
  { code: 'withheld_enforcement_file', group: 'withheld', item: '7.', label: '属于行政执法案卷' },
  { code: 'withheld_inquiry_matter', group: 'withheld', item: '8.', label: '属于行政查询事项' },
  { code: 'unavailable_not_held', group: 'unavailable', item: '1.', label: '本机关不掌握相关政府信息' },
  { code: 'unavailable_needs_creation', group: 'unavailable', item: '2.', label: '没有现成信息需要另行制作' },
  { code: 'unavailable_unclear_after_correction', group: 'unavailable', item: '3.', label: '补正后申请内容仍不明确' },
  { code: 'not_processed_petition', group: 'not_processed', item: '1.', label: '信访举报投诉类申请' },
  { code: 'not_processed_duplicate', group: 'not_processed', item: '2.', label: '重复申请' },
  { code: 'not_processed_publication', group: 'not_processed', item: '3.', label: '要求提供公开出版物' },
  { code: 'not_processed_excessive', group: 'not_processed', item: '4.', label: '无正当理由大量反复申请' },
  { code: 'not_processed_confirmation', group: 'not_processed', item: '5.', label: '要求行政机关确认或重新出具已获取信息' },
  { code: 'other_no_correction', group: 'other_handling', item: '1.', label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
  { code: 'other_fee_unpaid', group: 'other_handling', item: '2.', label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
  { code: 'other', group: 'other_handling', item: '3.', label: '其他' },
] as const;

export const TABLE3_ROW_LABELS: Record<string, string> = {
  received: '一、本年新收政府信息公开申请数量',
  carriedIn: '二、上年结转政府信息公开申请数量',
  ...Object.fromEntries(OUTCOMES.map((o) => [o.code, o.item + o.label])),
  concludedTotal: '（七）总计',
  carriedOver: '四、结转下年度继续办理',
};

// ---------------------------------------------------------------- table 四

export const REVIEW_GROUPS = [
  { code: 'adminReview', label: '行政复议', parent: null },
  { code: 'litigationDirect', label: '未经复议直接起诉', parent: '行政诉讼' },
  { code: 'litigationAfterReview', label: '复议后起诉', parent: '行政诉讼' },
] as const;
export const REVIEW_RESULTS = [
  { code: 'upheld', label: '结果维持' },
  { code: 'corrected', label: '结果纠正' },
  { code: 'otherResult', label: '其他结果' },
  { code: 'pending', label: '尚未审结' },
  { code: 'total', label: '总计' },
] as const;

// ---------------------------------------------------------------- where a finding is

export interface FindingLocation {
  section: SectionOrdinal | null;
  table: ReportTableId | null;
  row: string | null;
  column: string | null;
}

export function rowLabel(table: ReportTableId, row: string): string {
  switch (table) {
    case 'table2':
      return [...DOCUMENT_KINDS, ...SINGLE_VALUE_SUBTABLES.flatMap((s): readonly { code: string; label: string }[] => s.rows)].find((r) => r.code === row)?.label ?? row;
    case 'table3': {
      const group = OUTCOME_GROUPS.find((g) => g.code === row);
      return TABLE3_ROW_LABELS[row] ?? (group ? group.ordinal + group.label : row);
    }
    case 'table4': {
      const group = REVIEW_GROUPS.find((g) => g.code === row);
      if (!group) return row;
      return group.parent === null ? group.label : `${group.parent}·${group.label}`;
    }
  }
}

export function columnLabel(table: ReportTableId, column: string): string | null {
  switch (table) {
    case 'table2':
      return DOCUMENT_COLUMNS.find((c) => c.code === column)?.label ?? null;
    case 'table3':
      return (TABLE3_COLUMN_LABELS as Record<string, string>)[column] ?? column;
    case 'table4':
      return REVIEW_RESULTS.find((r) => r.code === column)?.label ?? column;
  }
}

/** e.g. 三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量 › 总计 */
export function describeLocation(location: FindingLocation): string {
  const parts: string[] = [];
  const section = location.section ?? (location.table ? TABLE_SECTIONS[location.table] : null);
  if (section) parts.push(SECTION_TITLES[section]);
  if (location.table) {
    if (location.row !== null) parts.push(rowLabel(location.table, location.row));
    if (location.column !== null) {
      const label = columnLabel(location.table, location.column);
      if (label !== null) parts.push(location.row === null ? `${label}列` : label);
    }
  }
  return parts.length > 0 ? parts.join(' › ') : '全文';
}
