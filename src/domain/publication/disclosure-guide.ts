// 政府信息公开指南 (第十二条): 分类、编排体系、获取方式 and the 工作机构's name, address, hours,
// phone, fax and internet contact. Kept per agency with every version.
import { z } from 'zod';
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

/** Characters allowed per field: the three descriptive parts are prose, the rest one line. */
export const DISCLOSURE_GUIDE_MAX_LENGTHS: Record<keyof DisclosureGuide, number> = {
  classification: 5000,
  arrangement: 5000,
  howToObtain: 5000,
  officeName: 100,
  officeAddress: 200,
  officeHours: 200,
  phone: 100,
  fax: 100,
  internetContact: 200,
};

/** An agency may have no fax or no separate internet contact; every other item is required by 第十二条. */
const OPTIONAL_FIELDS = new Set<keyof DisclosureGuide>(['fax', 'internetContact']);

const field = (key: keyof DisclosureGuide) => {
  const text = z.string().trim();
  const bounded = OPTIONAL_FIELDS.has(key) ? text : text.min(1);
  const checked = bounded.refine((value) => [...value].length <= DISCLOSURE_GUIDE_MAX_LENGTHS[key], { params: { tooLong: true } });
  return OPTIONAL_FIELDS.has(key) ? checked.default('') : checked;
};

const guideSchema = z.object({
  classification: field('classification'),
  arrangement: field('arrangement'),
  howToObtain: field('howToObtain'),
  officeName: field('officeName'),
  officeAddress: field('officeAddress'),
  officeHours: field('officeHours'),
  phone: field('phone'),
  fax: field('fax'),
  internetContact: field('internetContact'),
});

const isGuideKey = (key: unknown): key is keyof DisclosureGuide => typeof key === 'string' && key in DISCLOSURE_GUIDE_LABELS;

function describeIssue(issue: z.core.$ZodIssue | undefined): { field: string; message: string } {
  const key = issue?.path[0];
  if (issue === undefined || !isGuideKey(key)) return { field: 'guide', message: '政府信息公开指南的内容不对' };
  const label = `${DISCLOSURE_GUIDE_LABELS[key]}（${key}）`;
  if (issue.code === 'too_small') return { field: key, message: `${label}不能为空` };
  if (issue.code === 'custom') return { field: key, message: `${label}不能超过${DISCLOSURE_GUIDE_MAX_LENGTHS[key]}个字` };
  return { field: key, message: `${label}须填写文字${OPTIONAL_FIELDS.has(key) ? '，没有的可以留空' : ''}` };
}

/** Parses unknown input (every field a string; the required ones non-empty); BAD_INPUT naming the field in Chinese. */
export function parseDisclosureGuide(value: unknown): DisclosureGuide {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DomainError('BAD_INPUT', 'disclosure guide is not an object', '政府信息公开指南的内容须包含分类、编排体系、获取方式和工作机构的名称、地址、时间、电话等各项', { field: 'guide' });
  }
  const parsed = guideSchema.safeParse(value);
  if (!parsed.success) {
    const { field: name, message } = describeIssue(parsed.error.issues[0]);
    throw new DomainError('BAD_INPUT', `disclosure guide: ${parsed.error.message}`, message, { field: name });
  }
  return parsed.data;
}
