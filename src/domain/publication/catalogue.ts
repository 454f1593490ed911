// The 政府信息公开目录 tree (第十二条): the default holds the 15 items of 第二十条 and the local
// items of 第二十一条 (设区的市级、县级 governments and their departments; 乡（镇）); an agency edits it.
import { DomainError } from '../domain-error.ts';

export interface CatalogueNode {
  code: string;
  parentCode: string | null;
  name: string;
  /** e.g. 第二十条第（一）项; '' for the agency's own items. */
  basis: string;
  position: number;
  active: boolean;
}

/** Agency levels as stored in agencies.level. */
export type AgencyLevel = 'national' | 'provincial' | 'municipal' | 'county' | 'township';

export const MAX_CATALOGUE_NAME_LENGTH = 100;
export const MAX_CATALOGUE_CODE_LENGTH = 50;

const ITEM_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'] as const;

/** 条例第二十条（一）至（十五）, verbatim (domain.md Part 2 §B, [V]). Codes a20-01 … a20-15 are stable. */
export const ARTICLE_20_ITEMS: readonly string[] = [
  '行政法规、规章和规范性文件',
  '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
  '国民经济和社会发展规划、专项规划、区域规划及相关政策',
  '国民经济和社会发展统计信息',
  '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果',
  '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定',
  '财政预算、决算信息',
  '行政事业性收费项目及其依据、标准',
  '政府集中采购项目的目录、标准及实施情况',
  '重大建设项目的批准和实施情况',
  '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况',
  '突发公共事件的应急预案、预警信息及应对情况',
  '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况',
  '公务员招考的职位、名额、报考条件等事项以及录用结果',
  '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息',
];

/** 条例第二十一条 items, one stable code each; 土地征收、房屋征收、社会救助 are shared by both lists. */
const ARTICLE_21_CODES: Readonly<Record<string, string>> = {
  市政建设: 'a21-01',
  公共服务: 'a21-02',
  公益事业: 'a21-03',
  土地征收: 'a21-04',
  房屋征收: 'a21-05',
  治安管理: 'a21-06',
  社会救助: 'a21-07',
  贫困救助: 'a21-08',
  集体土地承包经营: 'a21-09',
  筹资筹劳: 'a21-10',
};

/** 设区的市级、县级人民政府及其部门 (第二十一条, [V]). */
const ARTICLE_21_CITY_COUNTY = ['市政建设', '公共服务', '公益事业', '土地征收', '房屋征收', '治安管理', '社会救助'] as const;
/** 乡（镇）人民政府 (第二十一条, [M]). */
const ARTICLE_21_TOWNSHIP = ['贫困救助', '集体土地承包经营', '土地征收', '房屋征收', '筹资筹劳', '社会救助'] as const;

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/** Top-level nodes: the 15 items of 第二十条, then the 第二十一条 items for the agency's level. */
export function defaultCatalogue(level: AgencyLevel): CatalogueNode[] {
  const article20 = ARTICLE_20_ITEMS.map((name, index) => ({
    code: `a20-${twoDigits(index + 1)}`,
    parentCode: null,
    name,
    basis: `第二十条第（${ITEM_NUMBERS[index] ?? ''}）项`,
    position: index + 1,
    active: true,
  }));
  const local = level === 'municipal' || level === 'county' ? ARTICLE_21_CITY_COUNTY : level === 'township' ? ARTICLE_21_TOWNSHIP : [];
  const article21 = local.map((name, index) => ({
    code: ARTICLE_21_CODES[name] ?? '',
    parentCode: null,
    name,
    basis: '第二十一条',
    position: article20.length + index + 1,
    active: true,
  }));
  return [...article20, ...article21];
}

function refuse(message: string, userMessage: string, code: string): DomainError {
  return new DomainError('BAD_INPUT', `catalogue: ${message}`, userMessage, { field: 'catalogue', code });
}

/** Unique codes, parents that exist, no cycles, non-empty names; throws BAD_INPUT in Chinese. */
export function validateCatalogue(nodes: readonly CatalogueNode[]): void {
  const byCode = new Map<string, CatalogueNode>();
  for (const node of nodes) {
    const code = typeof node.code === 'string' ? node.code.trim() : '';
    if (code === '') throw refuse('empty code', '目录分类的代码不能为空', '');
    if (code !== node.code || code.length > MAX_CATALOGUE_CODE_LENGTH || /\s/.test(code)) {
      throw refuse(`bad code ${code}`, `目录分类代码“${node.code}”不能含空格，且不能超过${MAX_CATALOGUE_CODE_LENGTH}个字符`, code);
    }
    if (byCode.has(code)) throw refuse(`duplicate code ${code}`, `目录分类代码“${code}”重复`, code);
    const name = typeof node.name === 'string' ? node.name.trim() : '';
    if (name === '') throw refuse(`empty name at ${code}`, `目录分类“${code}”的名称不能为空`, code);
    if ([...name].length > MAX_CATALOGUE_NAME_LENGTH) throw refuse(`name too long at ${code}`, `目录分类“${name}”的名称不能超过${MAX_CATALOGUE_NAME_LENGTH}个字`, code);
    byCode.set(code, node);
  }
  for (const node of nodes) {
    if (node.parentCode !== null && !byCode.has(node.parentCode)) {
      throw refuse(`unknown parent ${node.parentCode} of ${node.code}`, `目录分类“${node.name}”的上级分类“${node.parentCode}”不存在`, node.code);
    }
  }
  // Walk up from each node: a path longer than the number of nodes has looped.
  for (const node of nodes) {
    let current: CatalogueNode | undefined = node;
    for (let steps = 0; current !== undefined && current.parentCode !== null; steps += 1) {
      if (steps >= nodes.length) throw refuse(`cycle through ${node.code}`, `目录分类“${node.name}”的上级关系形成循环（一个分类不能是自己的上级或下级）`, node.code);
      current = byCode.get(current.parentCode);
    }
  }
}
