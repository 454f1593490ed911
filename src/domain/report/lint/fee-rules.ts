// 信息处理费 (国办函〔2020〕109号) in the prose of a report: FEE-XREF and FEE-STATEMENT,
// both warnings (domain.md §7, Part 2 §G).
import type { AnnualReport } from '../annual-report.ts';
import type { Finding } from '../finding.ts';
import type { ReportTemplate } from '../report-templates.ts';
import { CHINESE_NUMERAL_CHARS, FIGURE_SOURCE } from './extract-text-figures.ts';
import { SINGLE_VALUE_COLUMN } from '../report-format.ts';
import { createFinding } from './lint-finding.ts';
import { findProseFigures, reportSentences } from './report-prose.ts';
import { parseFeeAmount } from './table2-rules.ts';

// No punctuation or other number between 信息处理费 and the amount, and not a rate (100元/件).
const PROCESSING_FEE = `信息处理费[^,;:。、()\\d${CHINESE_NUMERAL_CHARS}]{0,12}?${FIGURE_SOURCE}(?<unit>万元|元)(?![/每])`;

export function lintFees(report: AnnualReport, template: ReportTemplate | null): Finding[] {
  return [...lintFeeCrossReference(report), ...(template?.requiresProcessingFeeStatement ? lintFeeStatement(report, template) : [])];
}

/**
 * FEE-XREF: the 信息处理费 stated in the prose is a 行政事业性收费 (河南 notice; 山西 收费目录),
 * so where a unit counts it in 第二十条第（八）项 it cannot exceed that amount. Conventions
 * differ, hence a warning only.
 */
function lintFeeCrossReference(report: AnnualReport): Finding[] {
  const printed = report.table2.administrativeFees;
  const fee = printed === null ? null : parseFeeAmount(printed);
  if (!fee) return [];
  const findings: Finding[] = [];
  for (const item of findProseFigures(reportSentences(report), PROCESSING_FEE, report.year)) {
    const yuan = item.match.groups?.['unit'] === '万元' ? item.figure.value * 10000 : item.figure.value;
    const wanYuan = yuan / 10000;
    if (wanYuan <= fee.value + 1e-9) continue;
    findings.push(
      createFinding(
        'FEE-XREF',
        'warning',
        `正文写有“${item.match[0]}”（合${wanYuan}万元），多于表二“行政事业性收费”的${printed}万元。信息处理费属于行政事业性收费；如本地区将其计入第二十条第（八）项，请核对金额和单位（表二以万元为单位）。`,
        { section: item.sentence.section, table: 'table2', row: 'administrativeFees', column: SINGLE_VALUE_COLUMN },
        { processingFeeYuan: yuan, processingFeeWanYuan: wanYuan, administrativeFees: fee.value, quote: item.match[0] },
      ),
    );
  }
  return findings;
}

/** FEE-STATEMENT: 河南省人民政府办公厅通知第五条 — 信息处理费收取情况纳入年度报告 (in 六). */
function lintFeeStatement(report: AnnualReport, template: ReportTemplate): Finding[] {
  const otherMatters = report.text.otherMatters.normalize('NFKC').replace(/\s+/g, '');
  // “信息处理费”, or in other words “无向申请人收取政府信息公开费用的情况” (平潭 2025).
  if (/处理费|收取[^。]{0,15}费用/.test(otherMatters)) return [];
  return [
    createFinding(
      'FEE-STATEMENT',
      'warning',
      `按${template.name}，第六部分“其他需要报告的事项”应写明本年度收取信息处理费的情况（未收取也应写明“未收取信息处理费”），本报告没有写。`,
      { section: '六' },
      { template: template.id },
    ),
  ];
}
