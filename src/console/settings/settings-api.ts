// The shapes the 设置 screens read from the API, and the Chinese names they show (a short copy of
// src/domain's tables: the console is built separately).
import { agencyApiPath, api } from '../api.ts';

export const ROLE_OPTIONS = [
  { value: 'clerk', label: '信息员' },
  { value: 'sectionChief', label: '科长' },
  { value: 'leader', label: '分管领导' },
  { value: 'admin', label: '系统管理员' },
  { value: 'auditor', label: '审计员' },
  { value: 'supervisor', label: '政务公开办' },
];

/** The password rules of src/domain/account/password-policy.ts, as people read them. */
export const PASSWORD_RULES = '至少10个字符，包含大写字母、小写字母、数字、其他符号中的至少三类，不能包含登录名，不能是常见密码。';


export interface UserRow {
  id: number;
  login: string;
  displayName: string;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  rolesByAgency: Record<string, string[]>;
}

export interface ReviewStep {
  role: string;
  label: string;
}

export interface ChecklistQuestion {
  id: string;
  question: string;
}

export interface DisclosureSettings {
  agencyCode: string;
  creditCode: string | null;
  indexNumberPattern: string;
  reviewChain: ReviewStep[];
  checklist: ChecklistQuestion[];
  usesDefault: { indexNumberPattern: boolean; reviewChain: boolean; checklist: boolean };
  updatedBy: string | null;
  warnings: string[];
}

export const getSettings = (agency: string) => api<DisclosureSettings>(agencyApiPath(agency, 'disclosure-settings'));
export const putSettings = (agency: string, body: Partial<Record<'creditCode' | 'indexNumberPattern' | 'reviewChain' | 'checklist', unknown>>) =>
  api<DisclosureSettings>(agencyApiPath(agency, 'disclosure-settings'), { method: 'PUT', body });

export type { Catalogue, CatalogueNode } from '../api.ts';

export const GUIDE_FIELDS = [
  { key: 'classification', label: '政府信息的分类', long: true, required: true },
  { key: 'arrangement', label: '编排体系', long: true, required: true },
  { key: 'howToObtain', label: '获取方式', long: true, required: true },
  { key: 'officeName', label: '政府信息公开工作机构名称', long: false, required: true },
  { key: 'officeAddress', label: '办公地址', long: false, required: true },
  { key: 'officeHours', label: '办公时间', long: false, required: true },
  { key: 'phone', label: '联系电话', long: false, required: true },
  { key: 'fax', label: '传真号码', long: false, required: false },
  { key: 'internetContact', label: '互联网联系方式', long: false, required: false },
] as const;

export type GuideKey = (typeof GUIDE_FIELDS)[number]['key'];
export type GuideFields = Record<GuideKey, string>;

export interface GuideVersion {
  version: number;
  fields: GuideFields;
  createdBy: string;
  createdAt: string;
}

export interface Guide {
  version: number | null;
  fields: GuideFields | null;
  createdBy: string | null;
  createdAt: string | null;
}

export interface ScreeningTerm {
  id: number;
  kind: 'sensitive_word' | 'wrong_term';
  term: string;
  correction: string | null;
  note: string;
}

export interface ScreeningTerms {
  terms: ScreeningTerm[];
  builtInTerms: { kind: 'sensitive_word' | 'wrong_term'; term: string; correction: string | null }[];
}

export interface CalendarYears {
  loaded: { year: number; source: string; loadedAt: string; loadedBy: string }[];
  builtInYears: number[];
}

export interface CalendarLoadResult {
  year: number;
  source: string;
  loadedAt: string;
  loadedBy: string;
  changedCases: { trackingNumber: string; oldDueOn: string | null; newDueOn: string | null; oldProvisional: boolean; newProvisional: boolean }[];
}

export interface NoticeTemplate {
  title: string;
  documentNumber: string | null;
  addressee: string;
  paragraphs: string[];
}

export interface StoredNoticeTemplate {
  kind: string;
  label: string;
  template: NoticeTemplate;
  isDefault: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** NOTICE_TEMPLATE_KINDS of src/domain/application/notices/notice-kinds.ts with their names. */
export const NOTICE_TEMPLATE_KINDS: { kind: string; label: string }[] = [
  { kind: 'correction', label: '补正告知书' },
  { kind: 'extension', label: '延期答复告知书' },
  { kind: 'third_party_consultation', label: '征求第三方意见函' },
  { kind: 'agency_consultation', label: '征求其他机关意见函' },
  { kind: 'fee', label: '收费通知书' },
  ...(
    [
      ['already_published', '已经主动公开'],
      ['disclosable', '予以公开'],
      ['partly_disclosable', '部分公开'],
      ['state_secret', '国家秘密'],
      ['prohibited_by_law', '法律、行政法规禁止公开'],
      ['security_stability', '危及“三安全一稳定”'],
      ['third_party_rights', '损害第三方合法权益'],
      ['internal_affairs', '内部事务信息'],
      ['process_info', '过程性信息'],
      ['enforcement_file', '行政执法案卷信息'],
      ['inquiry_matter', '按特别规定查询'],
      ['not_exist', '信息不存在'],
      ['not_this_agency', '不属于本机关负责公开'],
      ['needs_creation', '需要加工、分析'],
      ['unclear_after_correction', '补正后仍不明确'],
      ['petition', '信访、投诉、举报'],
      ['duplicate', '重复申请'],
      ['publication', '公开出版物'],
      ['excessive', '明显超过合理范围'],
      ['confirmation', '要求确认或重新出具'],
      ['no_correction', '逾期不补正'],
      ['fee_unpaid', '逾期未缴费'],
      ['withdrawn', '申请人撤回申请'],
      ['other', '其他情形'],
    ] as const
  ).map(([ground, label]) => ({ kind: `reply.${ground}`, label: `答复书（${label}）` })),
];

/** NOTICE_PLACEHOLDERS of notice-placeholders.ts: what `{{name}}` stands for. */
export const NOTICE_PLACEHOLDERS: { name: string; label: string }[] = [
  { name: 'applicantName', label: '申请人姓名或名称' },
  { name: 'trackingNumber', label: '申请编号' },
  { name: 'receivedOn', label: '收到申请日期' },
  { name: 'requestedInformation', label: '申请公开的政府信息' },
  { name: 'correctionItems', label: '补正事项（单独成段）' },
  { name: 'correctionDeadline', label: '补正期限' },
  { name: 'extensionDays', label: '延长的工作日数' },
  { name: 'newDueOn', label: '延长后的答复期限' },
  { name: 'reason', label: '理由' },
  { name: 'consultedParty', label: '被征求意见方' },
  { name: 'feeLines', label: '收费明细（单独成段）' },
  { name: 'feeAmount', label: '收费金额' },
  { name: 'payBy', label: '缴费期限' },
  { name: 'paymentMethod', label: '缴费方式' },
  { name: 'accessMethod', label: '获取信息的方式、途径' },
  { name: 'competentAgency', label: '负责公开该信息的行政机关及联系方式' },
  { name: 'legalBasis', label: '法律依据' },
  { name: 'remedies', label: '救济途径' },
  { name: 'agencyName', label: '机关名称' },
  { name: 'issuedOn', label: '落款日期' },
  { name: 'contact', label: '联系人及联系电话' },
];

export const LEVEL_LABELS: Record<string, string> = {
  national: '国务院部门',
  provincial: '省级',
  municipal: '设区的市级',
  county: '县级',
  township: '乡镇（街道）',
};
