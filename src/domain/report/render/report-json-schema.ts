// The versioned JSON form of an annual report (docs/report-json-schema.md, docs/report.schema.json).
// Keys come from the format tables, so the schema cannot drift from the model.
import { z } from 'zod';
import type { DocumentColumn, ReviewColumn, ReviewGroup, SectionCode, Table3Column, Table3RowCode } from '../report-format.ts';
import { DOCUMENT_COLUMNS, REVIEW_GROUPS, REVIEW_RESULTS, SECTIONS, TABLE3_COLUMNS, TABLE3_ROW_CODES } from '../report-format.ts';

export const REPORT_JSON_SCHEMA_NAME = 'gongkai.annual-report';
export const REPORT_JSON_SCHEMA_VERSION = 1;

/** A decimal as printed, e.g. "162", "0.0000" (万元). */
export const FEE_PATTERN = /^-?[0-9]+(\.[0-9]+)?$/;

/** A count; blank = null. Non-integers are accepted here and reported by the lint rules (T3-INT…). */
const cell = z.number().nullable();

function shapeOf<K extends string, T extends z.ZodType>(keys: readonly K[], value: T): Record<K, T> {
  return Object.fromEntries(keys.map((k) => [k, value])) as Record<K, T>;
}

const documentCounts = z.strictObject(shapeOf<DocumentColumn, typeof cell>(DOCUMENT_COLUMNS.map((c) => c.code), cell));
const table3Row = z.strictObject(shapeOf<Table3Column, typeof cell>(TABLE3_COLUMNS, cell));
const reviewCounts = z.strictObject(shapeOf<ReviewColumn, typeof cell>(REVIEW_RESULTS.map((r) => r.code), cell));

export const reportJsonSchema = z.strictObject({
  schema: z.literal(REPORT_JSON_SCHEMA_NAME),
  schemaVersion: z.literal(REPORT_JSON_SCHEMA_VERSION),
  agencyName: z.string().nullable(),
  year: z.int().nullable(),
  table2: z.strictObject({
    rules: documentCounts,
    normativeDocuments: documentCounts,
    licensing: cell,
    penalty: cell,
    enforcement: cell,
    administrativeFees: z.string().regex(FEE_PATTERN).nullable(),
  }),
  table3: z.strictObject(shapeOf<Table3RowCode, typeof table3Row>(TABLE3_ROW_CODES, table3Row)),
  table4: z.strictObject(shapeOf<ReviewGroup, typeof reviewCounts>(REVIEW_GROUPS.map((g) => g.code), reviewCounts)),
  text: z.strictObject(shapeOf<SectionCode, z.ZodString>(SECTIONS.map((s) => s.code), z.string())),
});

export type ReportJson = z.infer<typeof reportJsonSchema>;
