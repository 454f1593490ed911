// A report's tables for a terminal: aligned columns, a blank cell shown as 空 (never 0).
import type { AnnualReport, Cell } from '../domain/report/annual-report.ts';
import {
  DECISION_ROWS,
  DOCUMENT_COLUMNS,
  DOCUMENT_KINDS,
  FEE_ROW,
  OUTCOME_GROUPS,
  OUTCOMES,
  REVIEW_GROUPS,
  REVIEW_RESULTS,
  SECTIONS,
  TABLE3_COLUMNS,
  TABLE3_COLUMN_LABELS,
  TABLE3_ROW_CODES,
  TABLE3_ROWS,
} from '../domain/report/report-format.ts';
import type { Align } from './text-layout.ts';
import { formatColumns, truncateDisplay } from './text-layout.ts';

const BLANK = '空';

function cell(value: Cell | string): string {
  return value === null ? BLANK : String(value);
}

function heading(ordinal: string): string {
  const section = SECTIONS.find((s) => s.ordinal === ordinal);
  return section ? `${section.ordinal}、${section.heading}` : ordinal;
}

function indent(block: string): string {
  return block
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** Table 3 rows listed one under another need their group: （三）1.属于国家秘密. */
function table3Label(code: string): string {
  const outcome = OUTCOMES.find((o) => o.code === code);
  if (!outcome) return TABLE3_ROWS.find((r) => r.code === code)?.label ?? code;
  const group = OUTCOME_GROUPS.find((g) => g.code === outcome.group)?.ordinal ?? '';
  // （二）'s label repeats its counting note; the short form is enough in a terminal.
  const label = outcome.code === 'partially_disclosed' ? '部分公开' : outcome.label;
  return `${group}${outcome.item}${label}`;
}

export function formatReportSummary(report: AnnualReport): string {
  const lines: string[] = [];
  lines.push(`机关：${report.agencyName ?? '（未识别）'}    年度：${report.year ?? '（未识别）'}`);
  lines.push('');

  lines.push(heading('二'));
  const t2 = report.table2;
  const docRows = [['信息内容', ...DOCUMENT_COLUMNS.map((c) => c.label)], ...DOCUMENT_KINDS.map((k) => [k.label, ...DOCUMENT_COLUMNS.map((c) => cell(t2[k.code][c.code]))])];
  lines.push(indent(formatColumns(docRows, ['left', 'right', 'right', 'right'])));
  const decisionRows = [
    ...DECISION_ROWS.map((d) => [d.label, cell(t2[d.code])]),
    [`${FEE_ROW.label}（万元）`, cell(t2.administrativeFees)],
  ];
  lines.push(indent(formatColumns(decisionRows, ['left', 'right'])));
  lines.push('');

  lines.push(heading('三'));
  const header = ['', ...TABLE3_COLUMNS.map((c) => TABLE3_COLUMN_LABELS[c])];
  const t3Rows = TABLE3_ROW_CODES.map((code) => [truncateDisplay(table3Label(code), 34), ...TABLE3_COLUMNS.map((c) => cell(report.table3[code][c]))]);
  const align: Align[] = ['left', ...TABLE3_COLUMNS.map((): Align => 'right')];
  lines.push(indent(formatColumns([header, ...t3Rows], align)));
  lines.push('');

  lines.push(heading('四'));
  const t4Header = ['', ...REVIEW_RESULTS.map((r) => r.label)];
  const t4Rows = REVIEW_GROUPS.map((g) => [g.parent ? `${g.parent}·${g.label}` : g.label, ...REVIEW_RESULTS.map((r) => cell(report.table4[g.code][r.code]))]);
  lines.push(indent(formatColumns([t4Header, ...t4Rows], ['left', 'right', 'right', 'right', 'right', 'right'])));
  return lines.join('\n');
}
