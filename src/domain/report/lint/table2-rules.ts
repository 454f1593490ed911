// Rules of table 二 (主动公开政府信息情况), domain.md §7: T2-INT, T2-FEE (hard);
// T2-PLAUS, T2-AUTH, T2-FEE-UNIT (soft).
import type { AnnualReport, Cell } from '../annual-report.ts';
import type { Finding } from '../finding.ts';
import type { DocumentColumn, DocumentKind } from '../report-format.ts';
import type { ResolvedAgencyLevel } from './agency-level.ts';
import { DECISION_ROWS, DOCUMENT_COLUMNS, DOCUMENT_KINDS, FEE_ROW, SINGLE_VALUE_COLUMN } from '../report-format.ts';
import { createFinding, isCount } from './lint-finding.ts';

const AT = { section: '二', table: 'table2' } as const;

export interface Table2LintSettings {
  /** Exact decimals the fee must show (the template prints 保留N位小数), or null. */
  feeDecimals: number | null;
  /** Where the decimals requirement comes from, for the message. */
  feeDecimalsSource: string | null;
  agencyLevel: ResolvedAgencyLevel | null;
}

export function lintTable2(report: AnnualReport, settings: Table2LintSettings): Finding[] {
  return [...lintDocuments(report, settings), ...lintDecisions(report), ...lintFee(report, settings)];
}

function documentLabel(kind: DocumentKind): string {
  return DOCUMENT_KINDS.find((k) => k.code === kind)?.label ?? kind;
}

function documentColumnLabel(column: DocumentColumn): string {
  return DOCUMENT_COLUMNS.find((c) => c.code === column)?.label ?? column;
}

function checkCount(cell: Cell, where: string, row: string, column: string | null): Finding | null {
  if (cell === null) return createFinding('T2-INT', 'error', `表二${where}为空白：没有数据应填0，空白会被当作缺数。`, { ...AT, row, column }, { value: null });
  if (!isCount(cell)) return createFinding('T2-INT', 'error', `表二${where}填的是${cell}，应为不小于0的整数。`, { ...AT, row, column }, { value: cell });
  return null;
}

function lintDocuments(report: AnnualReport, settings: Table2LintSettings): Finding[] {
  const findings: Finding[] = [];
  for (const { code: kind } of DOCUMENT_KINDS) {
    const counts = report.table2[kind];
    for (const { code: column } of DOCUMENT_COLUMNS) {
      const found = checkCount(counts[column], `“${documentLabel(kind)}”行“${documentColumnLabel(column)}”`, kind, column);
      if (found) findings.push(found);
    }
    // Last year's 现行有效 = this year's 现行有效 − 制发 + 废止, and cannot be negative.
    const { issued, repealed, inForce } = counts;
    if (isCount(issued) && isCount(repealed) && isCount(inForce) && inForce < issued - repealed) {
      findings.push(
        createFinding(
          'T2-PLAUS',
          'warning',
          `表二“${documentLabel(kind)}”行：现行有效件数（${inForce}）小于本年制发减本年废止（${issued}−${repealed}=${issued - repealed}），按此推算上年现行有效件数为负数，请核对。`,
          { ...AT, row: kind, column: 'inForce' },
          { issued, repealed, inForce },
        ),
      );
    }
  }

  // 规章 from an agency without 规章制定权 (立法法; domain.md §4.1, e.g. 松木塘镇 2022 “规章制度类2条”).
  const level = settings.agencyLevel;
  const rules = report.table2.rules;
  const ruleValues = [rules.issued, rules.repealed, rules.inForce];
  if (level && !level.makesRules && ruleValues.some((v) => isCount(v) && v > 0)) {
    const how = level.inferred ? `按机关名称推断为${level.label}` : `机关层级为${level.label}`;
    findings.push(
      createFinding(
        'T2-AUTH',
        'warning',
        `表二“规章”行填有非零数（制发${rules.issued ?? '空白'}、废止${rules.repealed ?? '空白'}、现行有效${rules.inForce ?? '空白'}），但本机关（${how}）没有规章制定权。内部规章制度、行政规范性文件不应填入“规章”行。`,
        { ...AT, row: 'rules' },
        { issued: rules.issued, repealed: rules.repealed, inForce: rules.inForce, agencyLevel: level.level },
      ),
    );
  }
  return findings;
}

function lintDecisions(report: AnnualReport): Finding[] {
  const findings: Finding[] = [];
  for (const row of DECISION_ROWS) {
    const found = checkCount(report.table2[row.code], `“${row.label}”的“本年处理决定数量”`, row.code, SINGLE_VALUE_COLUMN);
    if (found) findings.push(found);
  }
  return findings;
}

export interface FeeAmount {
  /** 万元 */
  value: number;
  decimals: number;
}

/** A fee as printed: "162", "0.0000", "1,234.5". Null if it is not a decimal ≥ 0. */
export function parseFeeAmount(printed: string): FeeAmount | null {
  const text = printed.normalize('NFKC').replace(/\s+/g, '');
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const fraction = match[2] ?? '';
  return { value: Number(`${(match[1] ?? '').replace(/,/g, '')}.${fraction || '0'}`), decimals: fraction.length };
}

function lintFee(report: AnnualReport, settings: Table2LintSettings): Finding[] {
  const printed = report.table2.administrativeFees;
  const at = { ...AT, row: FEE_ROW.code, column: SINGLE_VALUE_COLUMN };
  if (printed === null || printed.trim() === '') {
    return [createFinding('T2-FEE', 'error', '表二“行政事业性收费”的收费金额为空白：没有收费应填0。', at, { printed: null })];
  }
  const fee = parseFeeAmount(printed);
  if (!fee) {
    return [createFinding('T2-FEE', 'error', `表二“行政事业性收费”的收费金额填的是“${printed}”，应为不小于0的数字，单位万元。`, at, { printed })];
  }
  const findings: Finding[] = [];
  const required = settings.feeDecimals;
  if (required !== null && fee.decimals !== required) {
    findings.push(
      createFinding(
        'T2-FEE',
        'error',
        `表二“行政事业性收费”的收费金额填的是“${printed}”，${settings.feeDecimalsSource ?? '模板'}要求保留${required}位小数，应写作“${fee.value.toFixed(required)}”。`,
        at,
        { printed, value: fee.value, decimals: fee.decimals, requiredDecimals: required },
      ),
    );
  }
  // 万元: 10 000 万元 is 1亿元. A whole number that large was most likely typed in 元.
  if (Number.isInteger(fee.value) && fee.value > 10000) {
    findings.push(
      createFinding(
        'T2-FEE-UNIT',
        'warning',
        `表二“行政事业性收费”的收费金额为${printed}万元（即${fee.value / 10000}亿元），像是按“元”填写的。单位是万元，请核对。`,
        at,
        { printed, value: fee.value },
      ),
    );
  }
  return findings;
}
