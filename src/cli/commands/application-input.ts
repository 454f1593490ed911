// The JSON files of `gongkai application receive` and `application event`: the same shapes as
// the HTTP bodies (src/server/applications/application.schemas.ts, shared), checked with zod, and every
// problem told in Chinese naming the field. The service then applies the law's own checks.
import type { z } from 'zod';
import { DomainError } from '../../domain/domain-error.ts';
import { ApplicationBody as ApplicationFile, EVENT_FIELD_LABELS, EventBody as EventFile, INTAKE_FIELD_LABELS } from '../../server/applications/application.schemas.ts';
import { describeInvalidField } from '../../server/request-check.ts';
import type { ApplicationInput, CaseEventInput } from '../../server/applications/application.service.ts';
import { readInputText } from '../read-input-file.ts';

// The file is the intake body, or one event.
const FILE_FIELDS = { labels: { ...INTAKE_FIELD_LABELS, ...EVENT_FIELD_LABELS }, whole: '文件内容' };

function describeIssue(file: string, issue: z.core.$ZodIssue): DomainError {
  const path = issue.path.filter((part) => typeof part === 'string' || typeof part === 'number').join('.');
  return new DomainError('BAD_INPUT', `${file}: ${path}: ${issue.message}`, `${file}：${describeInvalidField(path, issue.code, FILE_FIELDS)}`, { field: path });
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
