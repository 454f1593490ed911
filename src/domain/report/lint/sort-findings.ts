// Findings in the order a clerk reads the report: section, table, row, column, then errors first.
import type { Finding } from '../finding.ts';
import { DECISION_ROWS, DOCUMENT_COLUMNS, DOCUMENT_KINDS, FEE_ROW, OUTCOMES, REVIEW_GROUPS, REVIEW_RESULTS, SECTIONS, TABLE3_COLUMNS, TABLE3_ROW_CODES } from '../report-format.ts';

const SECTION_ORDER: readonly string[] = SECTIONS.map((s) => s.ordinal);
const TABLE_ORDER: readonly string[] = ['table2', 'table3', 'table4'];

const TABLE2_ROWS: readonly string[] = [...DOCUMENT_KINDS.map((k) => k.code), ...DECISION_ROWS.map((d) => d.code), FEE_ROW.code];
// An outcome group (withheld…) sorts with its first row.
const TABLE3_ROWS_WITH_GROUPS: readonly string[] = TABLE3_ROW_CODES.flatMap((code) => {
  const outcome = OUTCOMES.find((o) => o.code === code);
  const firstOfGroup = outcome && OUTCOMES.find((o) => o.group === outcome.group) === outcome;
  return firstOfGroup && outcome.group !== code ? [outcome.group, code] : [code];
});

const ROW_ORDER: Readonly<Record<string, readonly string[]>> = {
  table2: TABLE2_ROWS,
  table3: TABLE3_ROWS_WITH_GROUPS,
  table4: REVIEW_GROUPS.map((g) => g.code),
};
const COLUMN_ORDER: Readonly<Record<string, readonly string[]>> = {
  table2: DOCUMENT_COLUMNS.map((c) => c.code),
  table3: TABLE3_COLUMNS,
  table4: REVIEW_RESULTS.map((r) => r.code),
};

/** Position in `order`; null (document- or table-wide) first, unknown codes last. */
function rank(value: string | null, order: readonly string[]): number {
  if (value === null) return -1;
  const at = order.indexOf(value);
  return at >= 0 ? at : order.length;
}

function sortKey(f: Finding): number[] {
  const { section, table, row, column } = f.location;
  return [
    rank(section, SECTION_ORDER),
    rank(table, TABLE_ORDER),
    rank(row, table ? (ROW_ORDER[table] ?? []) : []),
    rank(column, table ? (COLUMN_ORDER[table] ?? []) : []),
    f.severity === 'error' ? 0 : 1,
  ];
}

/** A new array, sorted; findings at the same place keep their order (the sort is stable). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const keyed = findings.map((f) => ({ f, key: sortKey(f) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i += 1) {
      const d = (a.key[i] ?? 0) - (b.key[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  });
  return keyed.map((k) => k.f);
}
