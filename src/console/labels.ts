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
  supervisor: '政务公开办',
};

export const labelOf = (labels: Record<string, string>, code: string | null): string => (code === null ? '—' : (labels[code] ?? code));

export const CONSULTATION_PARTY_LABELS: Record<string, string> = {
  thirdParty: '第三方',
  otherAgency: '其他机关',
};

export const CONSULTATION_ANSWER_LABELS: Record<string, string> = {
  consented: '同意公开',
  objected: '不同意公开',
  noAnswer: '期满未提出意见',
};

/** How 收到申请之日 is fixed for each channel (条例第三十一条; src/domain/application/intake-channels.ts). */
export const CHANNEL_RECEIPT_RULES: Record<string, string> = {
  in_person: '当面提交的，以提交之日为收到申请之日（条例第三十一条第（一）项）。',
  registered_mail: '邮寄提交的，以本机关签收之日为收到申请之日（条例第三十一条第（二）项）。',
  ordinary_mail: '平常信函等无需签收的，应于收到当日与申请人确认，以确认之日为收到申请之日（条例第三十一条第（二）项）。',
  online: '通过互联网提交的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）。',
  fax: '通过传真提交的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）。',
  oral: '口头提出、由本机关代为填写的，按当面提交处理，以申请人确认提交之日为收到申请之日。',
};
