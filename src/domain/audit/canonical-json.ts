// Deterministic JSON for hashing: object keys sorted by UTF-16 code units (as RFC 8785 does), no
// whitespace, strings escaped as JSON.stringify does (non-ASCII characters stay as they are, so the
// UTF-8 bytes of the text are what gets hashed). The same value always gives the same text.
import { DomainError } from '../domain-error.ts';

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue | undefined;
}

/** Throws BAD_INPUT for what JSON cannot hold faithfully (NaN, Infinity, functions, bigint, cycles). */
export function canonicalJson(value: JsonValue): string {
  return write(value, [], '');
}

function write(value: unknown, stack: unknown[], path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw unsupported(path, String(value));
      // -0 and 0 are the same JSON number.
      return JSON.stringify(Object.is(value, -0) ? 0 : value);
    case 'object':
      break;
    default:
      throw unsupported(path, typeof value);
  }
  if (stack.includes(value)) throw unsupported(path, 'a cycle');
  const inner = [...stack, value];
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown, index) => write(item === undefined ? null : item, inner, `${path}[${index}]`)).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${write(record[key], inner, path === '' ? key : `${path}.${key}`)}`).join(',')}}`;
}

function unsupported(path: string, what: string): DomainError {
  const where = path === '' ? '(top level)' : path;
  return new DomainError('BAD_INPUT', `canonicalJson: ${where} holds ${what}, which JSON cannot represent`, `审计详情中的“${where}”无法保存为 JSON（${what}）`, { field: where });
}
