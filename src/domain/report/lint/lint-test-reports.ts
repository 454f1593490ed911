// Test support: a correct 2023 report, worked out by hand, and what a parser would have
// seen of it. Every rule's test mutates one thing of this report.
import type { AnnualReport, Table3Row } from '../annual-report.ts';
import type { Finding } from '../finding.ts';
import type { FoundLabel, ReportSource } from '../report-source.ts';
import type { Table3RowCode } from '../report-format.ts';
import { createEmptyReport } from '../annual-report.ts';
import {
  APPLICANT_TYPES,
  DECISION_ROWS,
  DOCUMENT_COLUMNS,
  DOCUMENT_KINDS,
  FEE_HEADER,
  FEE_ROW,
  REVIEW_GROUPS,
  REVIEW_RESULTS,
  SECTIONS,
  TABLE3_ROWS,
} from '../report-format.ts';

/** [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计] */
type Row7 = [number, number, number, number, number, number, number];

function row(values: Row7): Table3Row {
  const [natural_person, business, research_institution, public_interest_org, legal_service_org, other_org, total] = values;
  return { natural_person, business, research_institution, public_interest_org, legal_service_org, other_org, total };
}

/**
 * 9 new applications (自然人5, 商业企业2, 社会公益组织1, 其他1) and 1 carried in (自然人);
 * 9 concluded: 予以公开3, 部分公开1, 过程性信息1, 不掌握2, 重复申请1, 其他1; 1 carried over.
 * 勾稽: 自然人 5+1 = 5+1; 商业企业 2+0 = 2+0; 社会公益组织 1 = 1; 其他 1 = 1; 总计 9+1 = 9+1.
 */
export function correctReport(): AnnualReport {
  const report = createEmptyReport(0, '某市某局', 2023);
  const t3: Partial<Record<Table3RowCode, Row7>> = {
    received: [5, 2, 0, 1, 0, 1, 9],
    carriedIn: [1, 0, 0, 0, 0, 0, 1],
    disclosed: [2, 1, 0, 0, 0, 0, 3],
    partially_disclosed: [1, 0, 0, 0, 0, 0, 1],
    withheld_process_info: [1, 0, 0, 0, 0, 0, 1],
    unavailable_not_held: [1, 1, 0, 0, 0, 0, 2],
    not_processed_duplicate: [0, 0, 0, 1, 0, 0, 1],
    other: [0, 0, 0, 0, 0, 1, 1],
    concludedTotal: [5, 2, 0, 1, 0, 1, 9],
    carriedOver: [1, 0, 0, 0, 0, 0, 1],
  };
  for (const [code, values] of Object.entries(t3)) report.table3[code as Table3RowCode] = row(values);

  report.table2.normativeDocuments = { issued: 2, repealed: 1, inForce: 10 };
  report.table2.licensing = 39;
  report.table2.penalty = 5;
  report.table2.administrativeFees = '1.2500';

  report.table4.adminReview = { upheld: 1, corrected: 0, otherResult: 0, pending: 1, total: 2 };
  report.table4.litigationDirect = { upheld: 1, corrected: 0, otherResult: 0, pending: 0, total: 1 };

  report.text.overview = [
    '2023年，本机关共收到政府信息公开申请9件，上年结转1件。',
    '共办结政府信息公开申请9件，其中予以公开3件、部分公开1件、不予公开1件、无法提供2件、不予处理1件、其他处理1件。',
    '结转下年度继续办理1件。',
    '本年度制发行政规范性文件2件。',
    '本年度被申请行政复议2件，其中1件尚未审结；行政诉讼1件。',
  ].join('\n');
  report.text.problems = '一是公开的及时性不够；二是队伍建设需要加强。';
  report.text.otherMatters = '本年度未收取信息处理费。';
  return report;
}

/** Last year's report, consistent with this year's: 上年结转 1 and 现行有效 9 (= 10 − 2 + 1). */
export function correctPreviousReport(): AnnualReport {
  const previous = correctReport();
  previous.year = 2022;
  previous.table2.normativeDocuments = { issued: 0, repealed: 0, inForce: 9 };
  previous.table4.adminReview = { upheld: 0, corrected: 0, otherResult: 0, pending: 1, total: 1 };
  previous.text.overview = '';
  return previous;
}

function officialLabels(): FoundLabel[] {
  const labels: FoundLabel[] = [];
  for (const r of TABLE3_ROWS) labels.push({ table: 'table3', code: r.code, kind: 'row', printed: r.label });
  for (const a of APPLICANT_TYPES) labels.push({ table: 'table3', code: a.code, kind: 'column', printed: a.label });
  labels.push({ table: 'table3', code: 'total', kind: 'column', printed: '总计' });
  for (const k of DOCUMENT_KINDS) labels.push({ table: 'table2', code: k.code, kind: 'row', printed: k.label });
  for (const c of DOCUMENT_COLUMNS) labels.push({ table: 'table2', code: c.code, kind: 'column', printed: c.label });
  for (const d of DECISION_ROWS) labels.push({ table: 'table2', code: d.code, kind: 'row', printed: d.label });
  labels.push({ table: 'table2', code: FEE_ROW.code, kind: 'row', printed: FEE_ROW.label });
  for (const g of REVIEW_GROUPS) labels.push({ table: 'table4', code: g.code, kind: 'column', printed: g.label });
  for (const r of REVIEW_RESULTS) labels.push({ table: 'table4', code: r.code, kind: 'column', printed: r.label });
  return labels;
}

/** What a parser saw of the correct report. */
export function correctSource(): ReportSource {
  const title = '某市某局2023年政府信息公开工作年度报告';
  const parts = [title, '本报告统计期间为2023年1月1日至12月31日。'];
  for (const s of SECTIONS) parts.push(`${s.ordinal}、${s.heading}`);
  const fullText = parts.join('\n\n');
  return {
    format: 'txt',
    title,
    fullText,
    sections: SECTIONS.map((s) => ({ ordinal: s.ordinal, heading: `${s.ordinal}、${s.heading}`, offset: fullText.indexOf(`${s.ordinal}、${s.heading}`) })),
    labels: officialLabels(),
    feeHeader: FEE_HEADER,
    statisticsYear: 2023,
  };
}

/** The comparable part of a finding (its message is checked separately). */
export function shape(f: Finding): Omit<Finding, 'message'> {
  return { ruleId: f.ruleId, severity: f.severity, location: f.location, numbers: f.numbers };
}
