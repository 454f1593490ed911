// The report as versioned JSON ("schema": "gongkai.annual-report", "schemaVersion": 1).
import type { z } from 'zod';
import type { AnnualReport } from '../annual-report.ts';
import type { ReportJson } from './report-json-schema.ts';
import { DomainError } from '../../domain-error.ts';
import { DOCUMENT_COLUMNS, DOCUMENT_KINDS, REVIEW_GROUPS, REVIEW_RESULTS, SECTIONS, TABLE3_COLUMNS, TABLE3_ROW_CODES } from '../report-format.ts';
import { REPORT_JSON_SCHEMA_NAME, REPORT_JSON_SCHEMA_VERSION, reportJsonSchema } from './report-json-schema.ts';

/** Keys in the order of the printed tables, whatever order the model object has. */
export function toReportJson(report: AnnualReport): ReportJson {
  const pick = <K extends string, V>(keys: readonly K[], source: Record<K, V>) => Object.fromEntries(keys.map((k) => [k, source[k]])) as Record<K, V>;
  const documentColumns = DOCUMENT_COLUMNS.map((c) => c.code);
  const t2 = report.table2;
  return {
    schema: REPORT_JSON_SCHEMA_NAME,
    schemaVersion: REPORT_JSON_SCHEMA_VERSION,
    agencyName: report.agencyName,
    year: report.year,
    table2: {
      ...(Object.fromEntries(DOCUMENT_KINDS.map((k) => [k.code, pick(documentColumns, t2[k.code])])) as Pick<ReportJson['table2'], 'rules' | 'normativeDocuments'>),
      licensing: t2.licensing,
      penalty: t2.penalty,
      enforcement: t2.enforcement,
      administrativeFees: t2.administrativeFees,
    },
    table3: Object.fromEntries(TABLE3_ROW_CODES.map((r) => [r, pick(TABLE3_COLUMNS, report.table3[r])])) as ReportJson['table3'],
    table4: Object.fromEntries(REVIEW_GROUPS.map((g) => [g.code, pick(REVIEW_RESULTS.map((r) => r.code), report.table4[g.code])])) as ReportJson['table4'],
    text: pick(
      SECTIONS.map((s) => s.code),
      report.text,
    ),
  };
}

export function renderReportJson(report: AnnualReport): string {
  return `${JSON.stringify(toReportJson(report), null, 2)}\n`;
}

function unreadable(reason: string, userReason: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('UNREADABLE_FILE', `Not a gongkai annual report JSON: ${reason}`, `无法读取年度报告 JSON：${userReason}`, details);
}

function pathText(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '（顶层）' : path.map(String).join('.');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return { found: false, value: undefined };
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: current };
}

const EXPECTED_LABELS: Record<string, string> = { number: '数字或 null', int: '整数或 null', string: '文本', object: '对象', nullable: 'null' };

/** The first problem, in Chinese, naming the path (e.g. “table3.received.total”). */
function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const path = pathText(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return `“${path}”中有无法识别的字段：${issue.keys.join('、')}`;
    case 'invalid_type':
      if (!valueAt(input, issue.path).found) return `缺少字段“${path}”`;
      return `字段“${path}”的类型不对，应为${EXPECTED_LABELS[issue.expected] ?? issue.expected}`;
    case 'invalid_format':
      return `字段“${path}”的格式不对，应为十进制数字文本（如 "0.0000"）或 null`;
    default:
      return `字段“${path}”的值无效`;
  }
}

/** Throws DomainError('UNREADABLE_FILE') with a Chinese message when the JSON is not a report. */
export function parseReportJson(text: string): AnnualReport {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw unreadable(`invalid JSON (${(error as Error).message})`, '文件不是有效的 JSON');
  }
  const marker = valueAt(input, ['schema']).value;
  if (marker !== REPORT_JSON_SCHEMA_NAME) {
    throw unreadable(`schema is ${JSON.stringify(marker)}`, `不是本系统的年度报告格式（“schema”应为 "${REPORT_JSON_SCHEMA_NAME}"）`, { path: 'schema' });
  }
  const version = valueAt(input, ['schemaVersion']).value;
  if (version !== REPORT_JSON_SCHEMA_VERSION) {
    throw unreadable(`unsupported schemaVersion ${JSON.stringify(version)}`, `不支持的版本（“schemaVersion”为 ${JSON.stringify(version) ?? '空'}，本系统读取版本 ${REPORT_JSON_SCHEMA_VERSION}）`, { path: 'schemaVersion' });
  }
  const result = reportJsonSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue ? pathText(issue.path) : '';
    throw unreadable(`${path}: ${issue?.message ?? 'invalid'}`, issue ? describeIssue(issue, input) : '内容不符合格式', { path, issues: result.error.issues.length });
  }
  const { schema: _schema, schemaVersion: _version, ...report } = result.data;
  return report;
}
