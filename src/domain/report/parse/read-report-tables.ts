// Reads tables 二、三、四 out of the tokens: row labels are matched in table order (domain.md
// §9), because “3.其他” and “总计” also occur as column headers; then the numbers after each.
import type { AnnualReport, Cell, ReportTableId } from '../annual-report.ts';
import type { Finding, Severity } from '../finding.ts';
import type { FoundLabel } from '../report-source.ts';
import type { SectionOrdinal } from '../report-format.ts';
import type { LabelKey, LabelSpec } from './report-label-keys.ts';
import type { CellValue, RowCells } from './read-row-cells.ts';
import type { SectionLine } from './find-report-sections.ts';
import type { Token, TokenizedText } from './tokenize-report-text.ts';
import {
  APPLICANT_TYPES,
  DECISION_ROWS,
  DOCUMENT_COLUMNS,
  DOCUMENT_KINDS,
  FEE_ROW,
  OUTCOME_GROUPS,
  OUTCOMES,
  REVIEW_GROUPS,
  REVIEW_RESULTS,
  TABLE3_COLUMN_LABELS,
  TABLE3_COLUMNS,
  TABLE3_ROWS,
} from '../report-format.ts';
import { isGroupKey, isLabelPrefix, isOrdinalOnly, labelKey, matchLabel } from './report-label-keys.ts';
import { parseAmount, parseCount, readRowCells } from './read-row-cells.ts';

export interface ReportTables {
  /** False when no table was recognised at all. */
  found: boolean;
  labels: FoundLabel[];
  feeHeader: string | null;
  findings: Finding[];
}

const SECTION_OF_TABLE: Readonly<Record<ReportTableId, SectionOrdinal>> = { table2: '二', table3: '三', table4: '四' };
const TABLE_NAME: Readonly<Record<ReportTableId, string>> = {
  table2: '表二（主动公开政府信息情况）',
  table3: '表三（收到和处理政府信息公开申请情况）',
  table4: '表四（政府信息公开行政复议、行政诉讼情况）',
};
// Longest label: （六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
const MAX_LABEL_CELL = 60;
const MAX_LABEL_RUN = 4;
const REVIEW_CELLS = REVIEW_GROUPS.length * REVIEW_RESULTS.length;

interface RowPlan {
  table: ReportTableId;
  code: string;
  label: string;
  expected: number;
}

interface LabelHit {
  start: number;
  /** Token index after the label. */
  end: number;
  printed: string;
  spec: LabelSpec;
}

interface LabelMatch {
  spec: LabelSpec;
  end: number;
  printed: string;
}

interface LabelPlace {
  start: number;
  matches: LabelMatch[];
}

interface RowResult {
  hit: LabelHit;
  cells: RowCells;
}

class TableReader {
  readonly tokens: readonly Token[];
  readonly labels: FoundLabel[] = [];
  readonly findings: Finding[] = [];
  private readonly keys: (LabelKey | null | undefined)[];
  private places: LabelPlace[] | null = null;

  constructor(text: TokenizedText) {
    this.tokens = text.tokens;
    this.keys = new Array<LabelKey | null | undefined>(text.tokens.length);
  }

  private keyAt(index: number): LabelKey | null {
    const cached = this.keys[index];
    if (cached !== undefined) return cached;
    const token = this.tokens[index];
    const key = token && token.kind === 'text' && token.compact.length <= MAX_LABEL_CELL ? labelKey(token.compact) : null;
    this.keys[index] = key;
    return key;
  }

  /** Every place a label is printed, in token order: built once, so each row's search is cheap. */
  private labelsAt(): readonly LabelPlace[] {
    if (this.places) return this.places;
    const places: LabelPlace[] = [];
    for (let i = 0; i < this.tokens.length; i++) {
      const key = this.keyAt(i);
      const first = this.tokens[i];
      if (!key || !first) continue;
      const matches: LabelMatch[] = matchLabel(key).map((spec) => ({ spec, end: i + 1, printed: first.compact }));
      // A run of cells starts with the label's beginning or a lone ordinal, never with a
      // group cell (（三）不予公开), which is printed beside the row labels.
      if (isLabelPrefix(key) || isOrdinalOnly(first.compact)) {
        let printed = first.compact;
        for (let j = i + 1; j < this.tokens.length && j < i + MAX_LABEL_RUN; j++) {
          const next = this.tokens[j];
          if (!next || next.kind !== 'text' || next.compact.length > MAX_LABEL_CELL) break;
          printed += next.compact;
          const joined = labelKey(printed);
          for (const spec of matchLabel(joined)) matches.push({ spec, end: j + 1, printed });
          if (!isLabelPrefix(joined)) break;
        }
      }
      if (matches.length > 0) places.push({ start: i, matches });
    }
    this.places = places;
    return places;
  }

  /** The first label in [from, to) accepted by `accept`; a label may be split over up to 4 cells. */
  findLabel(from: number, to: number, accept: (spec: LabelSpec) => boolean): LabelHit | null {
    const places = this.labelsAt();
    let low = 0;
    let high = places.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((places[middle]?.start ?? 0) < from) low = middle + 1;
      else high = middle;
    }
    for (let p = low; p < places.length; p++) {
      const place = places[p];
      if (!place || place.start >= to) break;
      // The longest reading: “（二）部分公开” and its bracket on the next line are one label.
      let match: LabelMatch | null = null;
      for (const candidate of place.matches) if (accept(candidate.spec) && (!match || candidate.end > match.end)) match = candidate;
      if (match) return { start: place.start, end: match.end, printed: match.printed, spec: match.spec };
    }
    return null;
  }

  readRows(plans: readonly RowPlan[], from: number): { results: (RowResult | null)[]; next: number } {
    const results: (RowResult | null)[] = [];
    let cursor = from;
    for (const plan of plans) {
      const hit = this.findLabel(cursor, this.tokens.length, (s) => s.table === plan.table && s.kind === 'row' && s.code === plan.code);
      if (!hit) {
        results.push(null);
        continue;
      }
      const cells = readRowCells(this.tokens, hit.end, this.tokens[hit.end - 1]?.line ?? -1, plan.expected);
      results.push({ hit, cells });
      cursor = cells.next;
    }
    this.recoverMisprintedRows(plans, results);
    for (let i = 0; i < plans.length; i++) {
      const plan = plans[i];
      const result = results[i];
      if (plan && result) this.labels.push({ table: plan.table, code: plan.code, kind: 'row', printed: result.hit.printed });
    }
    return { results, next: cursor };
  }

  /**
   * A run of rows not found between two rows that were, with as many label-and-numbers
   * runs in between: the labels are misprinted (洪泽 2023 “2.其他法律行政止公开”). The
   * printed label is kept for the label rule to report.
   */
  private recoverMisprintedRows(plans: readonly RowPlan[], results: (RowResult | null)[]): void {
    let i = 0;
    while (i < plans.length) {
      if (results[i] !== null) {
        i++;
        continue;
      }
      let j = i;
      while (j < plans.length && results[j] === null) j++;
      const before = results[i - 1];
      const after = results[j];
      if (before && after) {
        const runs = this.labelRuns(before.cells.next, after.hit.start);
        if (runs.length === j - i) {
          runs.forEach((run, k) => {
            const plan = plans[i + k];
            if (!plan) return;
            const spec: LabelSpec = { table: plan.table, kind: 'row', code: plan.code, ordinal: null };
            const cells = readRowCells(this.tokens, run.end, this.tokens[run.end - 1]?.line ?? -1, plan.expected);
            results[i + k] = { hit: { ...run, spec }, cells };
          });
        }
      }
      i = j;
    }
  }

  /** The numbers after the first text cell in [from, to) that contains `word`, or null. */
  readRowAfterWord(from: number, to: number, word: string, expected: number): RowCells | null {
    for (let i = Math.max(from, 0); i < Math.min(to, this.tokens.length); i++) {
      const token = this.tokens[i];
      if (token?.kind === 'text' && token.compact.includes(word)) return readRowCells(this.tokens, i + 1, token.line, expected);
    }
    return null;
  }

  /** Runs of text cells followed by numbers, in [from, to). */
  private labelRuns(from: number, to: number): Omit<LabelHit, 'spec'>[] {
    const runs: Omit<LabelHit, 'spec'>[] = [];
    let i = from;
    while (i < to) {
      const token = this.tokens[i];
      if (!token || token.kind !== 'text') {
        i++;
        continue;
      }
      let end = i;
      let printed = '';
      let start = -1;
      while (end < to && this.tokens[end]?.kind === 'text') {
        const compact = this.tokens[end]?.compact ?? '';
        const key = this.keyAt(end);
        if (!key || !isGroupKey(key)) {
          if (start < 0) start = end;
          printed += compact;
        }
        end++;
      }
      let next = end;
      while (next < to && this.tokens[next]?.kind === 'empty') next++;
      const following = this.tokens[next];
      if (start >= 0 && next < to && following && (following.kind === 'number' || following.kind === 'placeholder')) runs.push({ start, end, printed });
      i = end;
    }
    return runs;
  }

  /** Column labels in [from, to), each once; applicant labels may be split over two header rows (徐闻). */
  findColumns(table: ReportTableId, codes: readonly string[], from: number, to: number): void {
    for (const code of codes) {
      const hit = this.findLabel(from, to, (s) => s.table === table && s.kind === 'column' && s.code === code);
      if (hit) {
        this.labels.push({ table, code, kind: 'column', printed: hit.printed });
        continue;
      }
      if (table === 'table3') {
        const split = this.findSplitColumn(code, from, to);
        if (split) this.labels.push({ table, code, kind: 'column', printed: split });
      }
    }
  }

  private findSplitColumn(code: string, from: number, to: number): string | null {
    const applicant = APPLICANT_TYPES.find((a) => a.code === code);
    if (!applicant) return null;
    for (const label of [applicant.label, ...applicant.variants]) {
      for (let cut = 1; cut < label.length; cut++) {
        const head = label.slice(0, cut);
        const tail = label.slice(cut);
        const headAt = this.indexOfCompact(head, from, to);
        if (headAt < 0) continue;
        if (this.indexOfCompact(tail, headAt + 1, to) >= 0) return label;
      }
    }
    return null;
  }

  private indexOfCompact(compact: string, from: number, to: number): number {
    for (let i = Math.max(from, 0); i < Math.min(to, this.tokens.length); i++) if (this.tokens[i]?.compact === compact) return i;
    return -1;
  }

  report(severity: Severity, ruleId: string, message: string, table: ReportTableId, row: string | null, column: string | null, numbers: Finding['numbers'] = {}): void {
    this.findings.push({ ruleId, severity, message, location: { section: SECTION_OF_TABLE[table], table, row, column }, numbers });
  }

  /** Values of a read row as counts, reporting unreadable cells and guessed blanks. */
  counts(plan: RowPlan, cells: RowCells, columns: readonly { code: string | null; label: string }[]): Cell[] {
    const values = cells.values.map((value, index) => {
      const column = columns[index] ?? { code: null, label: '' };
      return this.count(plan, value, column);
    });
    this.reportShortRow(plan, cells);
    return values;
  }

  private count(plan: RowPlan, value: CellValue, column: { code: string | null; label: string }): Cell {
    if (value.kind === 'blank') return null;
    const parsed = value.kind === 'number' ? parseCount(value.text) : null;
    if (parsed !== null) return parsed;
    const where = column.label === '' ? '' : `“${column.label}”列`;
    this.report(
      'error',
      'PARSE-CELL',
      `${TABLE_NAME[plan.table]}“${plan.label}”一行${where}的“${value.text}”不是件数（应为0或正整数），按空白处理，请核对。`,
      plan.table,
      rowLocation(plan),
      column.code,
      { printed: value.text },
    );
    return null;
  }

  reportShortRow(plan: RowPlan, cells: RowCells): void {
    if (cells.found === 0 || cells.found >= plan.expected) return;
    this.report(
      'warning',
      'PARSE-CELL',
      `${TABLE_NAME[plan.table]}“${plan.label}”一行只读到${cells.found}个格子，应有${plan.expected}个；缺少的格子按空白处理，数字所在的列可能读错，请核对原表。`,
      plan.table,
      rowLocation(plan),
      null,
      { expected: plan.expected, found: cells.found },
    );
  }
}

/** A table-3 row as the clerk sees it: （三）不予公开 1.属于国家秘密, （七）总计. */
function table3RowName(code: string, label: string): string {
  if (code === 'concludedTotal') return label;
  const outcome = OUTCOMES.find((o) => o.code === code);
  const group = OUTCOME_GROUPS.find((g) => g.code === outcome?.group);
  if (!outcome || !group) return label;
  return outcome.item === '' ? `${group.ordinal}${outcome.label}` : `${group.ordinal}${group.label} ${outcome.item}${outcome.label}`;
}

function rowLocation(plan: RowPlan): string | null {
  return plan.table === 'table4' ? null : plan.code;
}

function firstTokenOfLine(text: TokenizedText, line: number | undefined): number | null {
  if (line === undefined) return null;
  return text.lineFirstToken[line] ?? null;
}

/** Fills the tables of `report` (created blank) from the text; returns what was seen. */
export function readReportTables(text: TokenizedText, sections: readonly SectionLine[], report: AnnualReport): ReportTables {
  const reader = new TableReader(text);
  const sectionToken = (ordinal: SectionOrdinal): number | null => firstTokenOfLine(text, sections.find((s) => s.ordinal === ordinal)?.line);

  // ---- table 二
  const start2 = sectionToken('二') ?? 0;
  const plans2: RowPlan[] = [
    ...DOCUMENT_KINDS.map((k) => ({ table: 'table2' as const, code: k.code, label: k.label, expected: DOCUMENT_COLUMNS.length })),
    ...DECISION_ROWS.map((d) => ({ table: 'table2' as const, code: d.code, label: d.label, expected: 1 })),
    { table: 'table2', code: FEE_ROW.code, label: FEE_ROW.label, expected: 1 },
  ];
  const rows2 = reader.readRows(plans2, start2);
  const table2 = report.table2;
  const table2Found = rows2.results.some((r) => r !== null);
  let feeHeader: string | null = null;
  if (table2Found) {
    const firstRow = rows2.results.find((r) => r !== null)?.hit.start ?? start2;
    reader.findColumns(
      'table2',
      DOCUMENT_COLUMNS.map((c) => c.code),
      start2,
      firstRow,
    );
    plans2.forEach((plan, index) => {
      const result = rows2.results[index];
      if (!result) return;
      if (plan.code === 'rules' || plan.code === 'normativeDocuments') {
        const values = reader.counts(plan, result.cells, DOCUMENT_COLUMNS.map((c) => ({ code: c.code, label: c.label })));
        table2[plan.code] = { issued: values[0] ?? null, repealed: values[1] ?? null, inForce: values[2] ?? null };
      } else if (plan.code === FEE_ROW.code) {
        table2.administrativeFees = readFee(reader, plan, result.cells);
      } else if (plan.code === 'licensing' || plan.code === 'penalty' || plan.code === 'enforcement') {
        table2[plan.code] = reader.counts(plan, result.cells, [{ code: null, label: '本年处理决定数量' }])[0] ?? null;
      }
    });
    const feeRow = rows2.results[plans2.length - 1];
    const decisionEnd = [...rows2.results.slice(0, -1)].reverse().find((r) => r !== null)?.cells.next ?? start2;
    const fee = findFeeHeader(reader.tokens, decisionEnd, feeRow ? feeRow.hit.start : Math.min(decisionEnd + 40, reader.tokens.length));
    if (fee !== null) {
      feeHeader = fee;
      reader.labels.push({ table: 'table2', code: FEE_ROW.code, kind: 'column', printed: fee });
    }
    reportMissingRows(reader, plans2, rows2.results);
  }

  // ---- table 三
  const start3 = rows2.next;
  const plans3: RowPlan[] = TABLE3_ROWS.map((r) => ({ table: 'table3', code: r.code, label: table3RowName(r.code, r.label), expected: TABLE3_COLUMNS.length }));
  const rows3 = reader.readRows(plans3, start3);
  const table3 = report.table3;
  const table3Found = rows3.results.some((r) => r !== null);
  if (table3Found) {
    const firstRow = rows3.results.find((r) => r !== null)?.hit.start ?? start3;
    const section3 = sectionToken('三');
    const headerFrom = section3 !== null && section3 >= start3 && section3 < firstRow ? section3 : start3;
    reader.findColumns('table3', TABLE3_COLUMNS, headerFrom, firstRow);
    const columns = TABLE3_COLUMNS.map((c) => ({ code: c as string, label: TABLE3_COLUMN_LABELS[c] }));
    plans3.forEach((plan, index) => {
      const result = rows3.results[index];
      if (!result) return;
      const values = reader.counts(plan, result.cells, columns);
      const row = table3[plan.code as keyof typeof table3];
      TABLE3_COLUMNS.forEach((column, c) => {
        row[column] = values[c] ?? null;
      });
    });
    const accounted = readSingleRowOtherHandling(reader, plans3, rows3.results, table3);
    reportMissingRows(reader, plans3, rows3.results, accounted ? OTHER_HANDLING_CODES : []);
  }

  // ---- table 四: one data row of 15 numbers under a header
  const table4 = report.table4;
  const start4 = Math.max(rows3.next, sectionToken('四') ?? 0);
  const section5 = sectionToken('五');
  const end4 = section5 !== null && section5 > start4 ? section5 : text.tokens.length;
  const table4Found = readTable4(reader, text, start4, end4, sections.some((s) => s.ordinal === '四'), table4);

  const found = table2Found || table3Found || table4Found;
  if (found) {
    if (!table2Found) reader.report('error', 'PARSE-MISSING-ROW', `没有找到${TABLE_NAME.table2}，该表各项按空白处理。`, 'table2', null, null);
    if (!table3Found) reader.report('error', 'PARSE-MISSING-ROW', `没有找到${TABLE_NAME.table3}，该表各项按空白处理。`, 'table3', null, null);
    if (!table4Found) reader.report('error', 'PARSE-MISSING-ROW', `没有找到${TABLE_NAME.table4}的数据行（15个数），该表各项按空白处理。`, 'table4', null, null);
  }
  return { found, labels: reader.labels, feeHeader, findings: reader.findings };
}

const OTHER_HANDLING_CODES: readonly string[] = OUTCOMES.filter((o) => o.group === 'other_handling').map((o) => o.code);

/**
 * The 2019 format prints （六）其他处理 as one row (domain.md §6); 2021 splits it in three.
 * When the three are missing, read the one row: zeros split exactly (each part is 0), any
 * other figure cannot be split, so the parts stay blank with one finding saying why.
 * Returns true when the single row was found.
 */
function readSingleRowOtherHandling(reader: TableReader, plans: readonly RowPlan[], results: readonly (RowResult | null)[], table3: AnnualReport['table3']): boolean {
  const indexes = OTHER_HANDLING_CODES.map((code) => plans.findIndex((p) => p.code === code));
  const first = indexes[0] ?? -1;
  const last = indexes[indexes.length - 1] ?? -1;
  if (first < 1 || indexes.some((i) => results[i] !== null)) return false;
  const before = results[first - 1];
  const after = results[last + 1];
  if (!before || !after) return false;
  const cells = reader.readRowAfterWord(before.cells.next, after.hit.start, '其他处理', TABLE3_COLUMNS.length);
  if (!cells || cells.found === 0) return false;
  const plan: RowPlan = { table: 'table3', code: 'other', label: '（六）其他处理', expected: TABLE3_COLUMNS.length };
  const values = reader.counts(plan, cells, TABLE3_COLUMNS.map((c) => ({ code: c as string, label: TABLE3_COLUMN_LABELS[c] })));
  if (values.every((v) => v === 0)) {
    for (const code of OTHER_HANDLING_CODES) {
      const row = table3[code as keyof typeof table3];
      for (const column of TABLE3_COLUMNS) row[column] = 0;
    }
    return true;
  }
  reader.report(
    'error',
    'PARSE-CELL',
    `${TABLE_NAME.table3}“（六）其他处理”只印了一行（2019年旧格式），数字无法分到2021年格式的三个小项，这三行按空白处理。`,
    'table3',
    null,
    null,
    { total: values[TABLE3_COLUMNS.length - 1] ?? null },
  );
  return true;
}

function readFee(reader: TableReader, plan: RowPlan, cells: RowCells): string | null {
  const value = cells.values[0];
  if (!value || value.kind === 'blank') return null;
  const amount = value.kind === 'number' ? parseAmount(value.text) : null;
  if (amount !== null) return amount;
  reader.report('error', 'PARSE-CELL', `${TABLE_NAME.table2}“${plan.label}”一行的“${value.text}”不是金额（万元），按空白处理，请核对。`, 'table2', plan.code, null, {
    printed: value.text,
  });
  return null;
}

/** The 第二十条第（八）项 column header as printed; it may run over several cells or lines. */
function findFeeHeader(tokens: readonly Token[], from: number, to: number): string | null {
  for (let i = Math.max(from, 0); i < Math.min(to, tokens.length); i++) {
    const token = tokens[i];
    if (!token || token.kind !== 'text' || !token.compact.startsWith('本年收费金额')) continue;
    let printed = token.compact;
    for (let j = i + 1; j < tokens.length && j <= i + 3 && unbalanced(printed); j++) {
      const next = tokens[j];
      if (!next || next.kind !== 'text') break;
      printed += next.compact;
    }
    return printed;
  }
  return null;
}

function unbalanced(text: string): boolean {
  return (text.match(/\(/g)?.length ?? 0) > (text.match(/\)/g)?.length ?? 0);
}

function reportMissingRows(reader: TableReader, plans: readonly RowPlan[], results: readonly (RowResult | null)[], accountedFor: readonly string[] = []): void {
  plans.forEach((plan, index) => {
    if (results[index] || accountedFor.includes(plan.code)) return;
    reader.report('error', 'PARSE-MISSING-ROW', `${TABLE_NAME[plan.table]}没有找到“${plan.label}”这一行，该行各项按空白处理。`, plan.table, plan.code, null, { label: plan.label });
  });
}

const REVIEW_COLUMNS = REVIEW_GROUPS.flatMap((g) => REVIEW_RESULTS.map((r) => ({ group: g, result: r })));

function readTable4(reader: TableReader, text: TokenizedText, from: number, to: number, sectionFound: boolean, table4: AnnualReport['table4']): boolean {
  const tokens = text.tokens;
  const headerLabel = reader.findLabel(from, to, (s) => s.table === 'table4');
  if (!headerLabel && !sectionFound) return false;
  const searchFrom = headerLabel ? headerLabel.start : from;
  const dataStart = findNumericLine(text, searchFrom, to);
  if (dataStart === null) return false;
  recordReviewHeader(reader, tokens, searchFrom, dataStart);
  const plan: RowPlan = { table: 'table4', code: 'table4', label: '行政复议、行政诉讼数据行', expected: REVIEW_CELLS };
  const cells = readRowCells(tokens, dataStart, tokens[dataStart]?.line ?? -1, REVIEW_CELLS);
  const values = cells.values.map((value, index) => {
    const column = REVIEW_COLUMNS[index];
    if (!column) return null;
    if (value.kind === 'blank') return null;
    const parsed = value.kind === 'number' ? parseCount(value.text) : null;
    if (parsed !== null) return parsed;
    const name = column.group.label === '行政复议' ? '行政复议' : `行政诉讼·${column.group.label}`;
    reader.report('error', 'PARSE-CELL', `${TABLE_NAME.table4}“${name}·${column.result.label}”的“${value.text}”不是件数（应为0或正整数），按空白处理，请核对。`, 'table4', column.group.code, column.result.code, {
      printed: value.text,
    });
    return null;
  });
  reader.reportShortRow(plan, cells);
  REVIEW_COLUMNS.forEach((column, index) => {
    table4[column.group.code][column.result.code] = values[index] ?? null;
  });
  return true;
}

/** First token of the first line in [from, to) made only of numbers and blanks (at least one number). */
function findNumericLine(text: TokenizedText, from: number, to: number): number | null {
  const tokens = text.tokens;
  let i = from;
  while (i < Math.min(to, tokens.length)) {
    const line = tokens[i]?.line ?? -1;
    let j = i;
    let numbers = 0;
    let numeric = true;
    while (j < tokens.length && tokens[j]?.line === line) {
      const kind = tokens[j]?.kind;
      if (kind === 'number') numbers++;
      else if (kind !== 'empty' && kind !== 'placeholder') numeric = false;
      j++;
    }
    if (numeric && numbers > 0) {
      // Leading blank cells belong to the row.
      return i;
    }
    i = j;
  }
  return null;
}

/** 行政复议 / 行政诉讼 / 未经复议直接起诉 / 复议后起诉 and the three runs of 结果维持…总计, as printed. */
function recordReviewHeader(reader: TableReader, tokens: readonly Token[], from: number, to: number): void {
  const seen = new Set<string>();
  const occurrences = new Map<string, number>();
  for (let i = from; i < to; i++) {
    const token = tokens[i];
    if (!token || token.kind !== 'text' || token.compact.length > 20) continue;
    const spec = matchLabel(labelKey(token.compact)).find((s) => s.table === 'table4');
    if (!spec) continue;
    const result = REVIEW_RESULTS.find((r) => r.code === spec.code);
    let code = spec.code;
    if (result) {
      const n = occurrences.get(result.code) ?? 0;
      occurrences.set(result.code, n + 1);
      const group = REVIEW_GROUPS[n];
      if (!group) continue;
      code = `${group.code}.${result.code}`;
    }
    if (seen.has(code)) continue;
    seen.add(code);
    reader.labels.push({ table: 'table4', code, kind: 'column', printed: token.compact });
  }
}
