// 统一社会信用代码, GB 32100-2015《法人和其他组织统一社会信用代码编码规则》.
// 18 characters: 1 登记管理部门码, 1 机构类别码, 6 登记管理机关行政区划码 (GB/T 2260),
// 9 主体标识码 (组织机构代码, GB 11714-1997, with its own check character), 1 校验码
// (GB/T 17710, an ISO 7064 pure system over the 31-character set).
// 条例第二十九条第二款（一）requires the organisation's 身份证明; this checks the code only.
import { DomainError } from '../domain-error.ts';

export type CreditCodeProblem = 'length' | 'characters' | 'registrationAuthority' | 'category' | 'area' | 'organisationCode' | 'checkCharacter';

export type CreditCodeValidation =
  | {
      ok: true;
      normalized: string;
      registrationAuthority: { code: string; label: string };
      category: { code: string; label: string };
      areaCode: string;
      /** 组织机构代码 as printed on old certificates: 8 characters, a hyphen, the check character. */
      organisationCode: string;
    }
  | { ok: false; problem: CreditCodeProblem; reason: string };

/** GB 32100 代码字符集: 0-9 and the capitals without I, O, Z, S, V; a character's value is its index. */
export const CREDIT_CODE_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100 校验码 weights for positions 1…17 (3^(i−1) mod 31). */
const CHECK_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** GB 11714 组织机构代码 weights for its 8 本体代码 characters. */
const ORGANISATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * 登记管理部门码 and the 机构类别码 each allows (GB 32100-2015 附录 table, with the later codes A
 * and N that the published tables now carry).
 */
export const REGISTRATION_AUTHORITIES = [
  { code: '1', label: '机构编制', categories: [['1', '机关'], ['2', '事业单位'], ['3', '中央编办直接管理机构编制的群众团体'], ['9', '其他']] },
  { code: '2', label: '外交', categories: [['1', '外国常驻新闻机构'], ['9', '其他']] },
  { code: '3', label: '司法行政', categories: [['1', '律师执业机构'], ['2', '公证处'], ['3', '基层法律服务所'], ['4', '司法鉴定机构'], ['5', '仲裁委员会'], ['9', '其他']] },
  { code: '4', label: '文化', categories: [['1', '外国在华文化中心'], ['9', '其他']] },
  // 54 (基层群众性自治组织特别法人: 村民委员会, 居民委员会) is what 民政 assigns since 2018 under 民法典's
  // special legal persons; it is not in the 2015 table. [M] — confirm against the 民政部 notice.
  { code: '5', label: '民政', categories: [['1', '社会团体'], ['2', '民办非企业单位'], ['3', '基金会'], ['4', '基层群众性自治组织'], ['9', '其他']] },
  { code: '6', label: '旅游', categories: [['1', '外国旅游部门常驻代表机构'], ['2', '港澳台地区旅游部门常驻内地（大陆）代表机构'], ['9', '其他']] },
  { code: '7', label: '宗教', categories: [['1', '宗教活动场所'], ['2', '宗教院校'], ['9', '其他']] },
  { code: '8', label: '工会', categories: [['1', '基层工会'], ['9', '其他']] },
  { code: '9', label: '工商', categories: [['1', '企业'], ['2', '个体工商户'], ['3', '农民专业合作社']] },
  { code: 'A', label: '中央军委改革和编制办公室', categories: [['1', '军队事业单位'], ['9', '其他']] },
  { code: 'N', label: '农业', categories: [['1', '组级集体经济组织'], ['2', '村级集体经济组织'], ['3', '乡镇级集体经济组织'], ['9', '其他']] },
  { code: 'Y', label: '其他', categories: [['1', '其他']] },
] as const satisfies readonly { code: string; label: string; categories: readonly (readonly [string, string])[] }[];

const REASONS: Record<CreditCodeProblem, string> = {
  length: '统一社会信用代码长度不正确，应为18位',
  characters: '统一社会信用代码含有不允许的字符：只能使用数字和大写字母，且不使用I、O、Z、S、V',
  registrationAuthority: '统一社会信用代码第1位（登记管理部门码）不正确',
  category: '统一社会信用代码第2位（机构类别码）与登记管理部门码不匹配',
  area: '统一社会信用代码第3至8位（登记管理机关行政区划码）应为6位数字',
  organisationCode: '统一社会信用代码第9至17位（组织机构代码）的校验码不正确，请核对代码',
  checkCharacter: '统一社会信用代码校验码（第18位）不正确，请核对代码',
};

/** The 18th character GB 32100 gives for the first 17: C18 = 31 − (Σ Ci×Wi mod 31), 31 → 0. */
export function computeCreditCodeCheckCharacter(first17: string): string {
  if (!new RegExp(`^[${CREDIT_CODE_CHARACTERS}]{17}$`).test(first17)) {
    throw new DomainError('BAD_INPUT', `Expected 17 credit-code characters, got ${first17}`, '统一社会信用代码前17位格式不正确。');
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += CREDIT_CODE_CHARACTERS.indexOf(first17[i]!) * CHECK_WEIGHTS[i]!;
  return CREDIT_CODE_CHARACTERS[(31 - (sum % 31)) % 31]!;
}

/**
 * The 9th character GB 11714 gives for an 8-character 本体代码: C9 = 11 − (Σ Ci×Wi mod 11),
 * 10 → X, 11 → 0. GB 11714 values letters A…Z as 10…35 (not the GB 32100 values).
 */
export function computeOrganisationCodeCheckCharacter(body: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body)) {
    throw new DomainError('BAD_INPUT', `Expected 8 organisation-code characters, got ${body}`, '组织机构代码本体代码应为8位数字或大写字母。');
  }
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += parseInt(body[i]!, 36) * ORGANISATION_CODE_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Checks a 统一社会信用代码. Spaces around it are ignored; lower-case letters are accepted and normalised. */
export function validateCreditCode(value: string): CreditCodeValidation {
  const normalized = value.trim().toUpperCase();
  if (normalized.length !== 18) return failure('length');
  if (![...normalized].every((c) => CREDIT_CODE_CHARACTERS.includes(c))) return failure('characters');

  const authority = REGISTRATION_AUTHORITIES.find((a) => a.code === normalized[0]);
  if (authority === undefined) return failure('registrationAuthority');
  const category = (authority.categories as readonly (readonly [string, string])[]).find(([code]) => code === normalized[1]);
  if (category === undefined) return failure('category');

  const areaCode = normalized.slice(2, 8);
  if (!/^\d{6}$/.test(areaCode)) return failure('area');

  const organisationBody = normalized.slice(8, 16);
  if (computeOrganisationCodeCheckCharacter(organisationBody) !== normalized[16]) return failure('organisationCode');

  if (computeCreditCodeCheckCharacter(normalized.slice(0, 17)) !== normalized[17]) return failure('checkCharacter');

  return {
    ok: true,
    normalized,
    registrationAuthority: { code: authority.code, label: authority.label },
    category: { code: category[0], label: category[1] },
    areaCode,
    organisationCode: `${organisationBody}-${normalized[16]}`,
  };
}

function failure(problem: CreditCodeProblem): CreditCodeValidation {
  return { ok: false, problem, reason: REASONS[problem] };
}
