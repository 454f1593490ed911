import { describe, expect, it } from 'vitest';
import type { Finding } from '../finding.ts';
import { createFinding } from './lint-finding.ts';
import { summarizeFindings } from './summarize-findings.ts';

describe('summarizeFindings', () => {
  it('counts errors and warnings, per rule', () => {
    const findings: Finding[] = [
      createFinding('T3-GOUJI', 'error', '', {}),
      createFinding('STRUCT-LABELS', 'warning', '', {}),
      createFinding('T3-GOUJI', 'error', '', {}),
      createFinding('STRUCT-LABELS', 'error', '', {}),
    ];
    expect(summarizeFindings(findings)).toEqual({
      errors: 3,
      warnings: 1,
      byRule: { 'T3-GOUJI': { errors: 2, warnings: 0 }, 'STRUCT-LABELS': { errors: 1, warnings: 1 } },
      text: '发现3个错误、1个警告',
    });
  });

  it('says so when there is nothing', () => {
    expect(summarizeFindings([]).text).toBe('未发现问题');
    expect(summarizeFindings([createFinding('T2-PLAUS', 'warning', '', {})]).text).toBe('发现1个警告');
  });
});
