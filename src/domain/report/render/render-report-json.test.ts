import { describe, expect, it } from 'vitest';
import jsonSchema from '../../../../docs/report.schema.json' with { type: 'json' };
import { isDomainError } from '../../domain-error.ts';
import { createEmptyReport } from '../annual-report.ts';
import { createSampleReport } from './create-sample-report.ts';
import { reportJsonSchema } from './report-json-schema.ts';
import { parseReportJson, renderReportJson } from './render-report-json.ts';

const report = createSampleReport();
const rendered = renderReportJson(report);

function rejection(text: string): { userMessage: string; path: unknown } {
  try {
    parseReportJson(text);
  } catch (error) {
    if (isDomainError(error) && error.code === 'UNREADABLE_FILE') return { userMessage: error.userMessage, path: error.details.path };
    throw error;
  }
  throw new Error('parseReportJson accepted it');
}

/** Every key path of a JSON value, e.g. table3.received.total. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [`${prefix}${key}`, ...keyPaths(child, `${prefix}${key}.`)]);
}

type SchemaNode = { $ref?: string; properties?: Record<string, SchemaNode>; required?: string[]; additionalProperties?: boolean };

function resolve(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const name = node.$ref.replace('#/$defs/', '');
  return resolve((jsonSchema.$defs as Record<string, SchemaNode>)[name] ?? {});
}

/** Every key path the JSON Schema declares; objects must require all their keys and allow no others. */
function schemaPaths(node: SchemaNode, prefix = ''): string[] {
  const resolved = resolve(node);
  if (!resolved.properties) return [];
  expect(resolved.required?.slice().sort(), `${prefix} required`).toEqual(Object.keys(resolved.properties).sort());
  expect(resolved.additionalProperties, `${prefix} additionalProperties`).toBe(false);
  return Object.entries(resolved.properties).flatMap(([key, child]) => [`${prefix}${key}`, ...schemaPaths(child, `${prefix}${key}.`)]);
}

describe('renderReportJson', () => {
  const data = JSON.parse(rendered);

  it('writes the versioned schema with the values in their places, blank as null', () => {
    expect(reportJsonSchema.safeParse(data).success).toBe(true);
    expect(data.schema).toBe('gongkai.annual-report');
    expect(data.schemaVersion).toBe(1);
    expect(data.agencyName).toBe('示例市交通运输局');
    expect(data.year).toBe(2024);
    expect(data.table2).toEqual({
      rules: { issued: 1, repealed: 2, inForce: 3 },
      normativeDocuments: { issued: 4, repealed: null, inForce: 6 },
      licensing: 7,
      penalty: 8,
      enforcement: 9,
      administrativeFees: '10.1234',
    });
    expect(data.table3.received).toEqual({ natural_person: 100, business: 101, research_institution: 102, public_interest_org: 103, legal_service_org: 104, other_org: 105, total: 106 });
    expect(data.table3.withheld_state_secret.total).toBe(146);
    expect(data.table3.carriedOver.natural_person).toBe(340);
    expect(data.table3.other.total).toBeNull();
    expect(data.table4.litigationAfterReview).toEqual({ upheld: 520, corrected: 521, otherResult: 522, pending: null, total: 524 });
    expect(data.text.otherMatters).toBe('本年度未收取信息处理费。');
  });

  it('orders keys as the tables are printed', () => {
    expect(Object.keys(data)).toEqual(['schema', 'schemaVersion', 'agencyName', 'year', 'table2', 'table3', 'table4', 'text']);
    const rows = Object.keys(data.table3);
    expect(rows).toHaveLength(25);
    expect([rows[0], rows[1], rows[2], rows[22], rows[23], rows[24]]).toEqual(['received', 'carriedIn', 'disclosed', 'other', 'concludedTotal', 'carriedOver']);
    expect(Object.keys(data.table3.received)).toEqual(['natural_person', 'business', 'research_institution', 'public_interest_org', 'legal_service_org', 'other_org', 'total']);
    expect(Object.keys(data.text)).toEqual(['overview', 'proactive', 'applications', 'reviewLitigation', 'problems', 'otherMatters']);
  });

  it('reads back what it wrote', () => {
    expect(parseReportJson(rendered)).toEqual(report);
    const empty = createEmptyReport();
    expect(parseReportJson(renderReportJson(empty))).toEqual(empty);
  });

  it('is described key for key by docs/report.schema.json (draft 2020-12)', () => {
    expect(jsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schemaPaths(jsonSchema as SchemaNode).sort()).toEqual(keyPaths(data).sort());
    // 4 + 6 (table2) + 6 (two document rows × 3) + 25 × 8 (table3) + 3 × 6 (table4) + 6 (text) + the 4 top-level tables/text keys
    expect(keyPaths(data)).toHaveLength(4 + 6 + 6 + 25 * 8 + 3 * 6 + 6 + 4);
  });
});

describe('parseReportJson rejects anything else', () => {
  /** The rendered JSON with the value at `path` replaced (or removed when `value` is undefined). */
  const edit = (path: string, value?: unknown) => {
    const d: unknown = JSON.parse(rendered);
    const keys = path.split('.');
    const last = keys.pop() ?? '';
    const parent = keys.reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, d as Record<string, unknown>);
    if (value === undefined) delete parent[last];
    else parent[last] = value;
    return JSON.stringify(d);
  };

  it('names the bad path in Chinese', () => {
    expect(rejection('{"schema": ')).toMatchObject({ userMessage: '无法读取年度报告 JSON：文件不是有效的 JSON' });
    expect(rejection('[1, 2]').userMessage).toContain('“schema”应为 "gongkai.annual-report"');
    expect(rejection(edit('schemaVersion', 2)).userMessage).toContain('不支持的版本（“schemaVersion”为 2');
    expect(rejection(edit('table3.received.total', '106'))).toEqual({ userMessage: '无法读取年度报告 JSON：字段“table3.received.total”的类型不对，应为数字或 null', path: 'table3.received.total' });
    expect(rejection(edit('table4.adminReview.pending')).userMessage).toBe('无法读取年度报告 JSON：缺少字段“table4.adminReview.pending”');
    expect(rejection(edit('table3.received.social_org', 1)).userMessage).toBe('无法读取年度报告 JSON：“table3.received”中有无法识别的字段：social_org');
    expect(rejection(edit('table2.administrativeFees', '10,5')).userMessage).toContain('字段“table2.administrativeFees”的格式不对');
    expect(rejection(edit('table2.administrativeFees', 10.5)).userMessage).toContain('字段“table2.administrativeFees”的类型不对');
    expect(rejection(edit('year', 2024.5)).userMessage).toBe('无法读取年度报告 JSON：字段“year”的类型不对，应为整数或 null');
    expect(rejection(edit('text')).userMessage).toBe('无法读取年度报告 JSON：缺少字段“text”');
  });

  it('accepts counts that are numbers but not counts, for lint to report', () => {
    const parsed = parseReportJson(edit('table3.received.natural_person', -1.5));
    expect(parsed.table3.received.natural_person).toBe(-1.5);
  });
});
