// A failed schema check (routes use attachValidation; the CLI parses files with the same zod
// schemas) becomes a Chinese BAD_INPUT naming the field. One mechanism; each edge brings the
// names of its own fields.
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../domain/domain-error.ts';

/** Why a value was refused, by ajv keyword / zod issue code. */
export const FIELD_REASONS: Readonly<Record<string, string>> = {
  invalid_type: '缺少或类型不正确',
  invalid_value: '取值不在允许的范围内',
  // A discriminated union with a wrong `kind` reports invalid_union on the kind itself.
  invalid_union: '不符合要求（请检查办理事项类型及其必填内容）',
  invalid_format: '格式不正确',
  custom: '不是有效的日期（应为“年-月-日”，如 2025-03-03）',
  too_small: '为空或过小',
  too_big: '过长或过大',
  unrecognized_keys: '含有不能识别的内容',
};

export interface FieldNaming {
  /** Chinese names by dotted path; array indexes are dropped when looking a path up. */
  labels: Readonly<Record<string, string>>;
  /** FIELD_REASONS by default. */
  reasons?: Readonly<Record<string, string>>;
  /** Add "（path）" after the name (default true). */
  showPath?: boolean;
  /** Say which item of a list: "第2项的…" (default false). */
  itemIndex?: boolean;
  /** The name of the whole input when the path is empty (default 请求内容). */
  whole?: string;
}

/** The Chinese message for one refused field, e.g. 申请人身份证号码（applicant.idNumber）格式不正确. */
export function describeInvalidField(path: string, reasonCode: string, naming: FieldNaming): string {
  const generic = path.replace(/\.\d+(?=\.|$)/g, '');
  const label = naming.labels[path] ?? naming.labels[generic] ?? (path === '' ? (naming.whole ?? '请求内容') : path);
  const index = naming.itemIndex === true ? /\.(\d+)(?:\.|$)/.exec(path)?.[1] : undefined;
  const where = index === undefined ? '' : `第${Number(index) + 1}项的`;
  const named = path === '' || label === path || naming.showPath === false ? label : `${where}${label}（${path}）`;
  return `${named}${(naming.reasons ?? FIELD_REASONS)[reasonCode] ?? '不符合要求'}`;
}

/** A route's check: returns when the request passed its schema, else throws BAD_INPUT naming the field. */
export function createRequestCheck(naming: FieldNaming): (request: FastifyRequest) => void {
  return (request) => {
    const error = request.validationError as (Error & { validation?: { instancePath?: string; keyword?: string }[]; validationContext?: string }) | undefined;
    if (error === undefined || error === null) return;
    const issue = error.validation?.[0];
    const path = (issue?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    throw new DomainError('BAD_INPUT', `${error.validationContext ?? 'request'} ${path}: ${error.message}`, describeInvalidField(path, issue?.keyword ?? '', naming), { field: path });
  };
}
