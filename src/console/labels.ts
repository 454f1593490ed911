// Chinese names of the codes the API returns (they mirror src/domain; the console is built
// separately and keeps its own short copy).

export const STATE_LABELS: Record<string, string> = {
  in_progress: '办理中',
  awaiting_correction: '等待补正',
  consulting: '征求意见中',
  awaiting_fee: '等待缴费',
  awaiting_article35_reasons: '等待申请人说明理由',
  delayed_article35: '延迟答复（第三十五条）',
  closed: '已办结',
};

export const CHANNEL_LABELS: Record<string, string> = {
  in_person: '当面',
  registered_mail: '邮寄',
  ordinary_mail: '平常信函',
  online: '网络',
  fax: '传真',
  oral: '口头代填',
};

export const APPLICANT_TYPE_LABELS: Record<string, string> = {
  natural_person: '自然人',
  business: '商业企业',
  research_institution: '科研机构',
  public_interest_org: '社会公益组织',
  legal_service_org: '法律服务机构',
  other_org: '其他',
};

export const ROLE_LABELS: Record<string, string> = {
  clerk: '信息员',
  sectionChief: '科长',
  leader: '分管领导',
  admin: '系统管理员',
  auditor: '审计员',
};

export const labelOf = (labels: Record<string, string>, code: string | null): string => (code === null ? '—' : (labels[code] ?? code));
