// 政府信息公开指南 (第十二条): 分类、编排体系、获取方式 and the 工作机构's name, address, hours,
// phone, fax and internet contact. Kept per agency with every version.
import { DomainError } from '../domain-error.ts';

export interface DisclosureGuide {
  classification: string;
  arrangement: string;
  howToObtain: string;
  officeName: string;
  officeAddress: string;
  officeHours: string;
  phone: string;
  fax: string;
  internetContact: string;
}

export const DISCLOSURE_GUIDE_LABELS: Record<keyof DisclosureGuide, string> = {
  classification: '政府信息的分类',
  arrangement: '编排体系',
  howToObtain: '获取方式',
  officeName: '政府信息公开工作机构名称',
  officeAddress: '办公地址',
  officeHours: '办公时间',
  phone: '联系电话',
  fax: '传真号码',
  internetContact: '互联网联系方式',
};

/** Parses unknown input (every field a string; the required ones non-empty); BAD_INPUT naming the field in Chinese. */
export function parseDisclosureGuide(value: unknown): DisclosureGuide {
  void value;
  throw new DomainError('BAD_INPUT', 'parseDisclosureGuide: not built yet', '尚未实现');
}
