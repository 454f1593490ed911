// A one-line summary and per-rule counts of lint findings, for the CLI and the web page.
import type { Finding } from '../finding.ts';

export interface FindingSummary {
  errors: number;
  warnings: number;
  /** Per rule id, in order of first appearance. */
  byRule: Record<string, { errors: number; warnings: number }>;
  /** e.g. “发现2个错误、1个警告” or “未发现问题”. */
  text: string;
}

export function summarizeFindings(findings: readonly Finding[]): FindingSummary {
  const byRule: Record<string, { errors: number; warnings: number }> = {};
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    const counts = byRule[f.ruleId] ?? { errors: 0, warnings: 0 };
    if (f.severity === 'error') {
      counts.errors += 1;
      errors += 1;
    } else {
      counts.warnings += 1;
      warnings += 1;
    }
    byRule[f.ruleId] = counts;
  }
  const parts = [errors > 0 ? `${errors}个错误` : '', warnings > 0 ? `${warnings}个警告` : ''].filter((p) => p !== '');
  return { errors, warnings, byRule, text: parts.length === 0 ? '未发现问题' : `发现${parts.join('、')}` };
}
