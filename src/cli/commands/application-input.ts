// The JSON files of `gongkai application receive` and `application event`: the same shapes as
// the HTTP bodies (src/server/applications/application.schemas.ts, shared), checked with zod, and every
// problem told in Chinese naming the field. The service then applies the law's own checks.
import type { z } from 'zod';
import { DomainError } from '../../domain/domain-error.ts';
import { ApplicationBody as ApplicationFile, EventBody as EventFile } from '../../server/applications/application.schemas.ts';
import type { ApplicationInput, CaseEventInput } from '../../server/applications/application.service.ts';
import { readInputText } from '../read-input-file.ts';

const FIELD_LABELS: Record<string, string> = {
  channel: '申请渠道',
  receivedOn: '收到申请之日',
  applicant: '申请人',
  'applicant.type': '申请人类型',
  'applicant.name': '申请人姓名或名称',
  'applicant.idNumber': '身份证号码',
  'applicant.creditCode': '统一社会信用代码',
  'applicant.phone': '联系电话',
  'applicant.email': '电子邮箱',
  'applicant.address': '通信地址',
  requestedInformation: '所需政府信息的描述',
  requestedForm: '获取信息的方式',
  deliveryMethod: '获取信息的途径',
  kind: '办理事项类型',
  at: '办理日期',
  items: '补正事项',
  correctionDueOn: '补正期限',
  party: '征求意见对象类型',
  addressees: '征求意见对象',
  answer: '意见',
  workingDays: '延长的工作日数',
  reason: '延长理由',
  amount: '收费金额',
  paymentDueOn: '缴费期限',
  reasonable: '申请理由是否合理',
  delayedDueOn: '延迟答复的合理期限',
  outcome: '办理结果',
  legalBasis: '法律依据',
};

const REASONS: Record<string, string> = {
  invalid_type: '缺少或类型不正确',
  invalid_value: '取值不在允许的范围内',
  invalid_union: '不符合要求（请检查办理事项类型及其必填内容）',
  invalid_format: '格式不正确',
  custom: '不是有效的日期（应为“年-月-日”，如 2025-03-03）',
  too_small: '为空或过小',
  too_big: '过长或过大',
  unrecognized_keys: '含有不能识别的内容',
};

function describeIssue(file: string, issue: z.core.$ZodIssue): DomainError {
  const path = issue.path.filter((part) => typeof part === 'string' || typeof part === 'number').join('.');
  const label = FIELD_LABELS[path] ?? FIELD_LABELS[path.replace(/\.\d+$/, '')] ?? (path === '' ? '文件内容' : path);
  const named = path === '' || label === path ? label : `${label}（${path}）`;
  // A discriminated union with a wrong `kind` reports invalid_union on the kind itself.
  const reason = REASONS[issue.code] ?? '不符合要求';
  return new DomainError('BAD_INPUT', `${file}: ${path}: ${issue.message}`, `${file}：${named}${reason}`, { field: path });
}

async function readJson(file: string, cwd: string): Promise<unknown> {
  const text = await readInputText(file, cwd);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DomainError('BAD_INPUT', `${file}: ${(error as Error).message}`, `${file}：不是有效的 JSON 文件（${(error as Error).message}）`, { path: file });
  }
}

function check<T>(file: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw describeIssue(file, result.error.issues[0]!);
  return result.data;
}

/** An intake file: the body of POST /api/agencies/:agencyCode/applications. */
export async function readApplicationFile(file: string, cwd: string): Promise<ApplicationInput> {
  return check(file, ApplicationFile, await readJson(file, cwd));
}

/** An event file: the `event` of POST /api/applications/:trackingNumber/events, without the actor. */
export async function readEventFile(file: string, cwd: string): Promise<CaseEventInput> {
  return check(file, EventFile, await readJson(file, cwd)) as CaseEventInput;
}
