// Rules against last year's report of the same agency (domain.md §7): XY-CARRY (hard),
// XY-VALID and T4-CARRY (soft). A case open on 12月31日 counts in 四 of year Y and in 二
// of year Y+1 (domain.md §8).
import type { AnnualReport } from '../annual-report.ts';
import type { Finding } from '../finding.ts';
import { DOCUMENT_KINDS, REVIEW_GROUPS, TABLE3_COLUMNS } from '../report-format.ts';
import { createFinding, isCount, reviewGroupName, table3ColumnName } from './lint-finding.ts';

export function lintCrossYear(report: AnnualReport, previous: AnnualReport): Finding[] {
  if (report.year !== null && previous.year !== null && previous.year !== report.year - 1) {
    return [
      createFinding(
        'XY-YEAR',
        'warning',
        `用来对照的上年报告是${previous.year}年度的，不是${report.year - 1}年度的，跨年度核对未进行。`,
        {},
        { year: report.year, previousYear: previous.year },
      ),
    ];
  }
  return [...lintCarry(report, previous), ...lintDocumentsInForce(report, previous), ...lintPendingReviews(report, previous)];
}

/** XY-CARRY: this year's 二、上年结转 = last year's 四、结转下年度继续办理, column by column. */
function lintCarry(report: AnnualReport, previous: AnnualReport): Finding[] {
  const findings: Finding[] = [];
  for (const column of TABLE3_COLUMNS) {
    const carriedIn = report.table3.carriedIn[column];
    const previousCarriedOver = previous.table3.carriedOver[column];
    if (isCount(carriedIn) && isCount(previousCarriedOver) && carriedIn !== previousCarriedOver) {
      findings.push(
        createFinding(
          'XY-CARRY',
          'error',
          `表三${table3ColumnName(column)}列：“二、上年结转政府信息公开申请数量”为${carriedIn}，但上年报告的“四、结转下年度继续办理”为${previousCarriedOver}，两者应相等。`,
          { section: '三', table: 'table3', row: 'carriedIn', column },
          { carriedIn, previousCarriedOver },
        ),
      );
    }
  }
  return findings;
}

/** XY-VALID: 现行有效 = last year's 现行有效 + 制发 − 废止. A warning: amendments and documents that expire break it. */
function lintDocumentsInForce(report: AnnualReport, previous: AnnualReport): Finding[] {
  const findings: Finding[] = [];
  for (const kind of DOCUMENT_KINDS) {
    const { issued, repealed, inForce } = report.table2[kind.code];
    const previousInForce = previous.table2[kind.code].inForce;
    if (!isCount(issued) || !isCount(repealed) || !isCount(inForce) || !isCount(previousInForce)) continue;
    const expected = previousInForce + issued - repealed;
    if (inForce !== expected) {
      findings.push(
        createFinding(
          'XY-VALID',
          'warning',
          `表二“${kind.label}”行：现行有效件数为${inForce}，按上年现行有效${previousInForce}件加本年制发${issued}件减本年废止${repealed}件应为${expected}件。如有修订或到期自动失效的文件，请在正文说明。`,
          { section: '二', table: 'table2', row: kind.code, column: 'inForce' },
          { inForce, previousInForce, issued, repealed, expected },
        ),
      );
    }
  }
  return findings;
}

/**
 * T4-CARRY: cases 尚未审结 last year are concluded or still pending this year, so they
 * reappear in this year's table 四 and its 总计 cannot be smaller than their number.
 */
function lintPendingReviews(report: AnnualReport, previous: AnnualReport): Finding[] {
  const findings: Finding[] = [];
  for (const group of REVIEW_GROUPS) {
    const previousPending = previous.table4[group.code].pending;
    const total = report.table4[group.code].total;
    if (isCount(previousPending) && previousPending > 0 && isCount(total) && total < previousPending) {
      findings.push(
        createFinding(
          'T4-CARRY',
          'warning',
          `表四${reviewGroupName(group.code)}：上年报告有${previousPending}件“尚未审结”，今年应计入本表（审结的计入结果栏，仍未审结的计入“尚未审结”），但今年“总计”只有${total}件。`,
          { section: '四', table: 'table4', row: group.code, column: 'total' },
          { previousPending, total },
        ),
      );
    }
  }
  return findings;
}
