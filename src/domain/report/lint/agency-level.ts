// The level of the reporting agency, for the 规章 plausibility rule (T2-AUTH).
// Under 立法法 only 国务院部门 (部门规章) and the governments of 省、自治区、直辖市 and
// 设区的市、自治州 (地方政府规章) make 规章 (domain.md §4.1).

export const AGENCY_LEVELS = [
  { code: 'township', label: '乡镇人民政府、街道办事处', makesRules: false },
  { code: 'county', label: '县级人民政府（含不设区的市、市辖区）', makesRules: false },
  { code: 'county_department', label: '县级人民政府部门', makesRules: false },
  { code: 'city', label: '设区的市、自治州人民政府', makesRules: true },
  { code: 'city_department', label: '设区的市人民政府部门', makesRules: false },
  { code: 'province', label: '省级人民政府', makesRules: true },
  { code: 'provincial_department', label: '省级人民政府部门', makesRules: false },
  { code: 'state_council_department', label: '国务院部门', makesRules: true },
] as const;

export type AgencyLevel = (typeof AGENCY_LEVELS)[number]['code'];

export interface ResolvedAgencyLevel {
  level: AgencyLevel;
  label: string;
  makesRules: boolean;
  /** True when read off the agency name, not given by the caller. */
  inferred: boolean;
}

/**
 * The level given by the caller, or — only for the unambiguous case — a 乡镇/街道 read
 * off the agency name (…镇, …乡, …街道, optionally followed by 人民政府/政府/办事处).
 * Anything else stays unknown: a wrong guess would raise a wrong warning.
 */
export function resolveAgencyLevel(given: AgencyLevel | undefined, agencyName: string | null): ResolvedAgencyLevel | null {
  if (given !== undefined) {
    const found = AGENCY_LEVELS.find((l) => l.code === given);
    return found ? { level: found.code, label: found.label, makesRules: found.makesRules, inferred: false } : null;
  }
  if (agencyName === null) return null;
  const name = agencyName.normalize('NFKC').replace(/\s+/g, '');
  if (/(镇|乡|街道)(人民政府|政府|办事处|党政办公室)?$/.test(name)) {
    return { level: 'township', label: '乡镇人民政府、街道办事处', makesRules: false, inferred: true };
  }
  return null;
}
