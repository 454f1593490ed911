// Hard rules of table 四 (行政复议、行政诉讼情况), domain.md §7.
import type { AnnualReport } from '../annual-report.ts';
import type { Finding } from '../finding.ts';
import { REVIEW_GROUPS, REVIEW_RESULTS } from '../report-format.ts';
import { allCounts, createFinding, isCount, reviewColumnName, reviewGroupName, sum } from './lint-finding.ts';

const AT = { section: '四', table: 'table4' } as const;

export function lintTable4(report: AnnualReport): Finding[] {
  const findings: Finding[] = [];
  const allBlank = REVIEW_GROUPS.every((g) => REVIEW_RESULTS.every((r) => report.table4[g.code][r.code] === null));
  if (allBlank) {
    return [createFinding('T4-INT', 'error', '表四全部为空白：没有案件的格子应填0，空白会被当作缺数。', AT, { blankCells: REVIEW_GROUPS.length * REVIEW_RESULTS.length })];
  }
  for (const { code: group } of REVIEW_GROUPS) {
    const counts = report.table4[group];
    const blanks = REVIEW_RESULTS.filter((r) => counts[r.code] === null).map((r) => r.code);
    if (blanks.length > 0) {
      findings.push(
        createFinding(
          'T4-INT',
          'error',
          `表四${reviewGroupName(group)}的${blanks.map(reviewColumnName).join('')}为空白：没有案件应填0，空白会被当作缺数。`,
          { ...AT, row: group, column: blanks.length === 1 ? blanks[0] : null },
          { blankCells: blanks.length },
        ),
      );
    }
    for (const { code: column } of REVIEW_RESULTS) {
      const value = counts[column];
      if (value !== null && !isCount(value)) {
        findings.push(createFinding('T4-INT', 'error', `表四${reviewGroupName(group)}的${reviewColumnName(column)}填的是${value}，应为不小于0的整数。`, { ...AT, row: group, column }, { value }));
      }
    }

    // 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, in each of the three groups.
    const parts = [counts.upheld, counts.corrected, counts.otherResult, counts.pending];
    if (allCounts(parts) && isCount(counts.total)) {
      const partSum = sum(parts);
      if (partSum !== counts.total) {
        findings.push(
          createFinding(
            'T4-SUM',
            'error',
            `表四${reviewGroupName(group)}：结果维持、结果纠正、其他结果、尚未审结之和（${partSum}）不等于“总计”（${counts.total}）。`,
            { ...AT, row: group, column: 'total' },
            { upheld: parts[0] ?? null, corrected: parts[1] ?? null, otherResult: parts[2] ?? null, pending: parts[3] ?? null, partSum, total: counts.total },
          ),
        );
      }
    }
  }
  return findings;
}
