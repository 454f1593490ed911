// A lint finding: one broken rule at one place, in plain Chinese for people.
import type { ReportTableId } from './annual-report.ts';
import type { SectionOrdinal } from './report-format.ts';

export type Severity = 'error' | 'warning';

export interface FindingLocation {
  section: SectionOrdinal | null;
  table: ReportTableId | null;
  /** Row code from report-format.ts (e.g. 'received', 'rules', 'adminReview'). */
  row: string | null;
  /** Column code (e.g. 'total', 'issued', 'pending'). */
  column: string | null;
}

export interface Finding {
  /** The rule id of domain.md §7, e.g. T3-GOUJI, TXT-APPS; PARSE-* for what the parser could not read. */
  ruleId: string;
  severity: Severity;
  /** Plain Chinese for the people who fix the report. */
  message: string;
  location: FindingLocation;
  /** The numbers involved, named (expected/actual, the addends, the text's figure…). */
  numbers: Record<string, number | string | null>;
}

export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors += 1;
    else warnings += 1;
  }
  return { errors, warnings };
}
