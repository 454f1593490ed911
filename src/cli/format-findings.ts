import type { Finding } from '../domain/report/finding.ts';
import { describeFindingLocation } from '../domain/report/render/describe-finding-location.ts';

export const SEVERITY_LABELS = { error: '错误', warning: '警告' } as const;

/** Errors first, then warnings; each finding on two lines: what and where, then the message. */
export function formatFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return '  未发现问题';
  const sorted = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return sorted.map((f) => `  ${SEVERITY_LABELS[f.severity]}  ${f.ruleId}  ${describeFindingLocation(f.location)}\n        ${f.message}`).join('\n');
}
