// Hard rules of table 三 (收到和处理政府信息公开申请情况), domain.md §7.
import type { AnnualReport, Cell } from '../annual-report.ts';
import type { Finding } from '../finding.ts';
import type { Table3Column, Table3RowCode } from '../report-format.ts';
import { APPLICANT_TYPES, OUTCOME_CODES, TABLE3_COLUMNS, TABLE3_ROW_CODES } from '../report-format.ts';
import { allCounts, createFinding, isCount, sum, table3ColumnName, table3RowName } from './lint-finding.ts';

const APPLICANT_CODES = APPLICANT_TYPES.map((a) => a.code);
const AT = { section: '三', table: 'table3' } as const;

export function lintTable3(report: AnnualReport): Finding[] {
  return [...lintCells(report), ...lintRowSums(report), ...lintColumns(report)];
}

function cell(report: AnnualReport, row: Table3RowCode, column: Table3Column): Cell {
  return report.table3[row][column];
}

/** T3-INT: integers ≥ 0; a blank cell is missing, not 0 (the template expects 0). */
function lintCells(report: AnnualReport): Finding[] {
  const allBlank = TABLE3_ROW_CODES.every((row) => TABLE3_COLUMNS.every((column) => cell(report, row, column) === null));
  if (allBlank) {
    return [createFinding('T3-INT', 'error', '表三全部为空白：没有数据的格子应填0，空白会被当作缺数。', AT, { blankCells: TABLE3_ROW_CODES.length * TABLE3_COLUMNS.length })];
  }
  const findings: Finding[] = [];
  for (const row of TABLE3_ROW_CODES) {
    const blanks = TABLE3_COLUMNS.filter((column) => cell(report, row, column) === null);
    if (blanks.length > 0) {
      const names = blanks.map(table3ColumnName).join('');
      findings.push(
        createFinding('T3-INT', 'error', `表三${table3RowName(row)}行${names}列为空白：没有数据应填0，空白会被当作缺数。`, { ...AT, row, column: blanks.length === 1 ? blanks[0] : null }, { blankCells: blanks.length }),
      );
    }
    for (const column of TABLE3_COLUMNS) {
      const value = cell(report, row, column);
      if (value !== null && !isCount(value)) {
        findings.push(createFinding('T3-INT', 'error', `表三${table3RowName(row)}行${table3ColumnName(column)}列填的是${value}，应为不小于0的整数。`, { ...AT, row, column }, { value }));
      }
    }
  }
  return findings;
}

/** T3-ROWSUM: 总计 = the six applicant columns, in every row. */
function lintRowSums(report: AnnualReport): Finding[] {
  const findings: Finding[] = [];
  for (const row of TABLE3_ROW_CODES) {
    const parts = APPLICANT_CODES.map((column) => cell(report, row, column));
    const total = cell(report, row, 'total');
    if (!allCounts(parts) || !isCount(total)) continue;
    const applicantSum = sum(parts);
    if (applicantSum !== total) {
      findings.push(
        createFinding('T3-ROWSUM', 'error', `表三${table3RowName(row)}行：六类申请人之和（${applicantSum}）不等于“总计”列（${total}）。`, { ...AT, row, column: 'total' }, { applicantSum, total }),
      );
    }
  }
  return findings;
}

/** T3-GOUJI, T3-TOTAL and T3-NONNEG-CARRY, column by column. */
function lintColumns(report: AnnualReport): Finding[] {
  const findings: Finding[] = [];
  for (const column of TABLE3_COLUMNS) {
    const received = cell(report, 'received', column);
    const carriedIn = cell(report, 'carriedIn', column);
    const concludedTotal = cell(report, 'concludedTotal', column);
    const carriedOver = cell(report, 'carriedOver', column);
    const name = table3ColumnName(column);

    // The printed 勾稽关系: 第一项加第二项之和，等于第三项加第四项之和 (三 taken at （七）总计).
    if (isCount(received) && isCount(carriedIn) && isCount(concludedTotal) && isCount(carriedOver)) {
      const firstPlusSecond = received + carriedIn;
      const thirdPlusFourth = concludedTotal + carriedOver;
      if (firstPlusSecond !== thirdPlusFourth) {
        findings.push(
          createFinding(
            'T3-GOUJI',
            'error',
            `表三${name}列：第一项加第二项之和（${firstPlusSecond}）不等于第三项加第四项之和（${thirdPlusFourth}）。`,
            { ...AT, column },
            { received, carriedIn, concludedTotal, carriedOver, firstPlusSecond, thirdPlusFourth },
          ),
        );
      }
    }

    // Every concluded case lands in exactly one outcome row; （三）…（六） have no subtotal rows.
    const outcomes = OUTCOME_CODES.map((row) => cell(report, row, column));
    if (allCounts(outcomes) && isCount(concludedTotal)) {
      const outcomeSum = sum(outcomes);
      if (outcomeSum !== concludedTotal) {
        findings.push(
          createFinding(
            'T3-TOTAL',
            'error',
            `表三${name}列：（一）至（六）各项办理结果之和（${outcomeSum}）不等于“（七）总计”（${concludedTotal}）。（三）至（六）没有小计行，每件申请只计一次。`,
            { ...AT, row: 'concludedTotal', column },
            { outcomeSum, concludedTotal },
          ),
        );
      }
    }

    if (isCount(received) && isCount(carriedIn) && isCount(carriedOver) && carriedOver > received + carriedIn) {
      findings.push(
        createFinding(
          'T3-NONNEG-CARRY',
          'error',
          `表三${name}列：“四、结转下年度继续办理”（${carriedOver}）大于本年新收与上年结转之和（${received + carriedIn}），结转的申请不可能比收到的多。`,
          { ...AT, row: 'carriedOver', column },
          { carriedOver, receivedPlusCarriedIn: received + carriedIn },
        ),
      );
    }
  }
  return findings;
}
