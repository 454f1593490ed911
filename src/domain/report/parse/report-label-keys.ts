// Matching printed table labels to the format's labels (domain.md §4, §9): NFKC, no
// whitespace, no quotation marks, no punctuation, and no ordinal (一、 （三） 1.) in front.
// The ordinal is kept aside because “3.其他” and “（七）总计” are only told apart from the
// column headers 其他 and 总计 by it.
import type { ReportTableId } from '../annual-report.ts';
import {
  APPLICANT_TYPES,
  DECISION_ROWS,
  DOCUMENT_COLUMNS,
  DOCUMENT_KINDS,
  FEE_ROW,
  OUTCOME_GROUPS,
  REVIEW_GROUPS,
  REVIEW_RESULTS,
  TABLE3_RESULTS_LABEL,
  TABLE3_ROWS,
} from '../report-format.ts';

export interface LabelKey {
  /** The label without ordinals, quotes, punctuation or whitespace. */
  body: string;
  /** The last ordinal taken off the front ('3' of “（六）其他处理3.其他”), or null. */
  ordinal: string | null;
}

export interface LabelSpec {
  table: ReportTableId;
  kind: 'row' | 'column';
  code: string;
  /** An ambiguous body (其他, 总计) only matches a row with this ordinal in front. */
  ordinal: string | null;
}

const QUOTES = /[“”‘’"'「」『』〝〞″′`´]/g;
const PUNCTUATION = /[,;:.。、!?·()[\]{}【】〔〕<>《》]/g;
const ORDINAL_PREFIX = /^(?:([一二三四五六七八九十]{1,3})[、.,]|\(([一二三四五六七八九十]{1,3}|\d{1,2})\)|(\d{1,2})(?:[.、,)](?!\d)|(?=[^\d.,])))/;
// Row-spanning group cells printed in front of a row label: “三、本年度办理结果”, “（三）不予公开”.
const GROUP_PREFIX = new RegExp(`^(?:${[compactLabel(TABLE3_RESULTS_LABEL).replace(/^[一二三四五六]、/, ''), ...OUTCOME_GROUPS.slice(2).map((g) => g.label)].join('|')})`);
// Printers replace the quotes of “三安全一稳定” with anything (domain.md §9).
const THREE_SECURITY = /^危及.{0,2}三安全一稳定.{0,2}$/;

export function compactLabel(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u3000\u00a0]+/g, '');
}

/** The matching key of a printed label (already NFKC and compact). */
export function labelKey(compact: string): LabelKey {
  let rest = compact.replace(QUOTES, '');
  let ordinal: string | null = null;
  for (let guard = 0; guard < 8; guard++) {
    const ordinalMatch = ORDINAL_PREFIX.exec(rest);
    if (ordinalMatch && ordinalMatch[0].length < rest.length) {
      ordinal = ordinalMatch[1] ?? ordinalMatch[2] ?? ordinalMatch[3] ?? null;
      rest = rest.slice(ordinalMatch[0].length);
      continue;
    }
    const group = GROUP_PREFIX.exec(rest);
    if (group && group[0].length < rest.length) {
      rest = rest.slice(group[0].length);
      continue;
    }
    break;
  }
  let body = rest.replace(PUNCTUATION, '');
  if (THREE_SECURITY.test(body)) body = '危及三安全一稳定';
  return { body, ordinal };
}

/** True when the key is a group cell (（三）不予公开): a row label cannot start with it. */
export function isGroupKey(key: LabelKey): boolean {
  return GROUP_PREFIX.exec(key.body)?.[0].length === key.body.length;
}

const ORDINAL_ONLY = /^(?:[一二三四五六七八九十]{1,3}[、.,]?|\(?[一二三四五六七八九十\d]{1,3}\)|\d{1,2}[.、,)]?)$/;

/** True when the cell is only an ordinal (“（七）” above “总计”): it may start a split label. */
export function isOrdinalOnly(compact: string): boolean {
  return ORDINAL_ONLY.test(compact);
}

function specsOf(): Map<string, LabelSpec[]> {
  const map = new Map<string, LabelSpec[]>();
  const add = (printed: string, spec: Omit<LabelSpec, 'ordinal'>, requireOrdinal = false): void => {
    const key = labelKey(compactLabel(printed));
    const entry: LabelSpec = { ...spec, ordinal: requireOrdinal ? key.ordinal : null };
    const list = map.get(key.body);
    if (list) {
      if (!list.some((s) => s.table === entry.table && s.kind === entry.kind && s.code === entry.code)) list.push(entry);
    } else map.set(key.body, [entry]);
  };
  for (const kind of DOCUMENT_KINDS) for (const label of [kind.label, ...kind.variants]) add(label, { table: 'table2', kind: 'row', code: kind.code });
  for (const column of DOCUMENT_COLUMNS) for (const label of [column.label, ...column.variants]) add(label, { table: 'table2', kind: 'column', code: column.code });
  for (const row of DECISION_ROWS) add(row.label, { table: 'table2', kind: 'row', code: row.code });
  add(FEE_ROW.label, { table: 'table2', kind: 'row', code: FEE_ROW.code });
  for (const row of TABLE3_ROWS) {
    for (const label of [row.label, ...row.variants]) {
      // 3.其他 and （七）总计 are also column headers: they need their ordinal.
      const body = labelKey(compactLabel(label)).body;
      add(label, { table: 'table3', kind: 'row', code: row.code }, body === '其他' || body === '总计');
    }
  }
  for (const applicant of APPLICANT_TYPES) for (const label of [applicant.label, ...applicant.variants]) add(label, { table: 'table3', kind: 'column', code: applicant.code });
  add('总计', { table: 'table3', kind: 'column', code: 'total' });
  for (const group of REVIEW_GROUPS) add(group.label, { table: 'table4', kind: 'column', code: group.code });
  add('行政诉讼', { table: 'table4', kind: 'column', code: 'litigation' });
  for (const result of REVIEW_RESULTS) add(result.label, { table: 'table4', kind: 'column', code: result.code });
  return map;
}

const SPECS = specsOf();
// Every beginning of a label body: a label split over cells is only pieced together while it
// still is one, which keeps the search cheap on long documents.
const BODY_PREFIXES = new Set([...SPECS.keys()].flatMap((body) => Array.from({ length: body.length }, (_, i) => body.slice(0, i + 1))));

export function isLabelPrefix(key: LabelKey): boolean {
  return BODY_PREFIXES.has(key.body);
}

/** The labels a printed cell (or run of cells) can be. */
export function matchLabel(key: LabelKey): readonly LabelSpec[] {
  const found = SPECS.get(key.body);
  if (!found) return [];
  return found.filter((spec) => spec.ordinal === null || spec.ordinal === key.ordinal);
}
