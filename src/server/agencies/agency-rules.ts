// What an agency code, name and level may be, and where an agency may sit in the tree. Pure.
import { DomainError } from '../../domain/domain-error.ts';

/** The first path segments the portal and the app use: an agency code equal to one would shadow them. */
export const RESERVED_AGENCY_CODES: ReadonlySet<string> = new Set(['api', 'console', 'reports', 'tools', 'assets', 'healthz', 'sitemap.xml', 'docs', 'favicon.ico']);

/** Lower-case letters, digits and hyphens, 2–40 long, starting with a letter or digit: it goes in URLs (/<code>/…). */
export const AGENCY_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,39}$/;

/** Highest first: a child sits at its parent's level (a 市政府's 部门 are 市级) or below. */
export const AGENCY_LEVELS = [
  { code: 'national', label: '国家级' },
  { code: 'provincial', label: '省级' },
  { code: 'municipal', label: '市级' },
  { code: 'county', label: '县级' },
  { code: 'township', label: '乡级（乡镇、街道）' },
] as const;

export type AgencyLevelCode = (typeof AGENCY_LEVELS)[number]['code'];

export const AGENCY_LEVEL_LABELS: Readonly<Record<string, string>> = Object.fromEntries(AGENCY_LEVELS.map((l) => [l.code, l.label]));

const levelRank = (level: string): number => AGENCY_LEVELS.findIndex((l) => l.code === level);

export const MAX_AGENCY_NAME_LENGTH = 100;

export function checkAgencyCode(code: string): void {
  if (RESERVED_AGENCY_CODES.has(code.toLowerCase())) {
    throw new DomainError('BAD_INPUT', `agency code ${code} is a reserved path segment`, `机关代码不能为“${code}”：它是门户网站的保留路径，请换一个代码。`, { field: 'code', code });
  }
  if (!AGENCY_CODE_PATTERN.test(code)) {
    throw new DomainError('BAD_INPUT', `invalid agency code ${code}`, `机关代码“${code}”不合要求：须为2至40位小写字母、数字或连字符（-），并以字母或数字开头。`, { field: 'code', code });
  }
}

export function checkAgencyName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new DomainError('BAD_INPUT', 'empty agency name', '机关名称不能为空。', { field: 'name' });
  if (trimmed.length > MAX_AGENCY_NAME_LENGTH) throw new DomainError('BAD_INPUT', 'agency name too long', `机关名称不能超过${MAX_AGENCY_NAME_LENGTH}个字。`, { field: 'name' });
  return trimmed;
}

export function checkAgencyLevel(level: string): AgencyLevelCode {
  if (levelRank(level) < 0) {
    throw new DomainError('BAD_INPUT', `unknown agency level ${level}`, `机关层级须为：${AGENCY_LEVELS.map((l) => `${l.code}（${l.label}）`).join('、')}。`, { field: 'level', level });
  }
  return level as AgencyLevelCode;
}

/** A 乡镇 cannot hold a 市级 department: the child's level is its parent's or lower. */
export function checkLevelUnderParent(childLevel: string, parent: { name: string; level: string }): void {
  if (levelRank(childLevel) < levelRank(parent.level)) {
    throw new DomainError(
      'BAD_INPUT',
      `level ${childLevel} above parent level ${parent.level}`,
      `${AGENCY_LEVEL_LABELS[childLevel] ?? childLevel}机关不能设在${AGENCY_LEVEL_LABELS[parent.level] ?? parent.level}的“${parent.name}”之下。`,
      { field: 'level' },
    );
  }
}
