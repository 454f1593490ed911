// The fields of a 主动公开 item as the 目录 needs them (条例第十二条: 索引、名称、内容概述、生成日期;
// local practice adds 发布机构、文号、公开方式、有效性). Checked on drafting, editing, correcting
// and importing; each refusal names the field in Chinese and in code.
import { formatChineseDate, isIsoDate } from '../calendar/iso-date.ts';
import { DomainError } from '../domain-error.ts';
import type { IsoDate } from '../report/compute/report-records.ts';
import type { PublicationChannel, PublicationFields, Validity } from './publication.ts';
import { PUBLICATION_CHANNELS, PUBLICATION_KINDS, VALIDITY_STATUSES } from './publication.ts';

export const MAX_TITLE_LENGTH = 200;
export const MAX_ISSUER_LENGTH = 100;
export const MAX_DOCUMENT_NUMBER_LENGTH = 100;
export const MAX_SUMMARY_LENGTH = 2000;

/** Chinese names of the fields, as shown in forms and refusals. */
export const PUBLICATION_FIELD_LABELS: Record<keyof PublicationFields, string> = {
  title: '标题',
  bodyHtml: '正文',
  summary: '内容概述',
  documentNumber: '文号',
  issuer: '发布机构',
  writtenOn: '成文日期',
  kind: '文件类型',
  categoryCode: '目录分类',
  channels: '发布渠道',
  validity: '有效性',
};

export interface PublicationFieldsOptions {
  /** 发布日期 when known (publishing, importing): not before 成文日期. */
  publishedOn?: IsoDate | null;
  /** The agency's catalogue codes; when given, categoryCode must be one of them. */
  categoryCodes?: readonly string[];
}

const trim = (value: unknown): unknown => (typeof value === 'string' ? value.trim() : value);
const characters = (text: string): number => [...text].length;

/**
 * Trims the text fields, turns an empty 文号 into null and drops repeated channels. Idempotent,
 * and applied when an event is folded in, so a replayed log gives the same fields as the check.
 */
export function normalizePublicationFields(fields: PublicationFields): PublicationFields {
  const documentNumber = trim(fields.documentNumber);
  return {
    ...fields,
    title: trim(fields.title) as string,
    summary: trim(fields.summary) as string,
    issuer: trim(fields.issuer) as string,
    categoryCode: trim(fields.categoryCode) as string,
    documentNumber: documentNumber === '' || documentNumber === undefined ? null : (documentNumber as string | null),
    channels: Array.isArray(fields.channels) ? [...new Set(fields.channels)] : fields.channels,
  };
}

function refuse(field: string, message: string, userMessage: string): DomainError {
  return new DomainError('BAD_INPUT', `publication field ${field}: ${message}`, userMessage, { field });
}

const label = (field: keyof PublicationFields): string => `${PUBLICATION_FIELD_LABELS[field]}（${field}）`;

function requireText(fields: PublicationFields, field: 'title' | 'issuer' | 'categoryCode', max: number): void {
  const value = fields[field];
  if (typeof value !== 'string' || value === '') throw refuse(field, 'empty', `${label(field)}不能为空`);
  if (characters(value) > max) throw refuse(field, `longer than ${max}`, `${label(field)}不能超过${max}个字（现有${characters(value)}个字）`);
}

/** 有效性: 有效 has no end date; 失效 and 废止 need the day it ended, not before 成文日期 (nor 生效日期). */
export function validateValidity(validity: Validity, writtenOn: IsoDate): void {
  const field = 'validity';
  if (typeof validity !== 'object' || validity === null) throw refuse(field, 'missing', `${label('validity')}不能为空`);
  if (!VALIDITY_STATUSES.some((status) => status.code === validity.status)) {
    throw refuse(field, `unknown status ${String(validity.status)}`, `${label('validity')}须为有效、失效或废止之一`);
  }
  if (validity.effectiveFrom !== null && (typeof validity.effectiveFrom !== 'string' || !isIsoDate(validity.effectiveFrom))) {
    throw refuse(field, 'effectiveFrom is not a date', `生效日期（validity.effectiveFrom）不是有效日期，应为“年-月-日”（如 2025-03-03）`);
  }
  if (validity.status === 'effective') {
    if (validity.endedOn !== null) throw refuse(field, 'effective with an end date', '有效性为“有效”的，不能填写失效或废止日期（validity.endedOn）');
    return;
  }
  const what = validity.status === 'expired' ? '失效日期' : '废止日期';
  if (typeof validity.endedOn !== 'string' || !isIsoDate(validity.endedOn)) {
    throw refuse(field, `${validity.status} needs endedOn`, `有效性为“${validity.status === 'expired' ? '失效' : '废止'}”的，须填写${what}（validity.endedOn），格式为“年-月-日”`);
  }
  if (validity.endedOn < writtenOn) {
    throw refuse(field, 'endedOn before writtenOn', `${what}（${formatChineseDate(validity.endedOn)}）不能早于成文日期（${formatChineseDate(writtenOn)}）`);
  }
  if (validity.effectiveFrom !== null && validity.endedOn < validity.effectiveFrom) {
    throw refuse(field, 'endedOn before effectiveFrom', `${what}（${formatChineseDate(validity.endedOn)}）不能早于生效日期（${formatChineseDate(validity.effectiveFrom)}）`);
  }
}

/** The fields normalised (normalizePublicationFields), or BAD_INPUT naming the first wrong field; `details.field` holds its code name. */
export function validatePublicationFields(input: PublicationFields, options: PublicationFieldsOptions = {}): PublicationFields {
  if (typeof input !== 'object' || input === null) throw refuse('fields', 'missing', '缺少信息内容');
  const fields = normalizePublicationFields(input);
  requireText(fields, 'title', MAX_TITLE_LENGTH);
  if (typeof fields.bodyHtml !== 'string') throw refuse('bodyHtml', 'not text', `${label('bodyHtml')}须为文本`);
  if (typeof fields.summary !== 'string') throw refuse('summary', 'not text', `${label('summary')}须为文本，可以为空`);
  if (characters(fields.summary) > MAX_SUMMARY_LENGTH) throw refuse('summary', 'too long', `${label('summary')}不能超过${MAX_SUMMARY_LENGTH}个字`);
  if (fields.documentNumber !== null) {
    if (typeof fields.documentNumber !== 'string') throw refuse('documentNumber', 'not text', `${label('documentNumber')}须为文本，没有文号的留空`);
    if (characters(fields.documentNumber) > MAX_DOCUMENT_NUMBER_LENGTH) throw refuse('documentNumber', 'too long', `${label('documentNumber')}不能超过${MAX_DOCUMENT_NUMBER_LENGTH}个字`);
  }
  requireText(fields, 'issuer', MAX_ISSUER_LENGTH);
  if (typeof fields.writtenOn !== 'string' || !isIsoDate(fields.writtenOn)) {
    throw refuse('writtenOn', `not a date: ${String(fields.writtenOn)}`, `${label('writtenOn')}不是有效日期，应为“年-月-日”（如 2025-03-03）`);
  }
  const publishedOn = options.publishedOn ?? null;
  if (publishedOn !== null) {
    if (!isIsoDate(publishedOn)) throw refuse('publishedOn', `not a date: ${publishedOn}`, '发布日期（publishedOn）不是有效日期，应为“年-月-日”（如 2025-03-03）');
    if (publishedOn < fields.writtenOn) {
      throw refuse('publishedOn', 'before writtenOn', `发布日期（${formatChineseDate(publishedOn)}）不能早于成文日期（${formatChineseDate(fields.writtenOn)}）`);
    }
  }
  if (!PUBLICATION_KINDS.some((kind) => kind.code === fields.kind)) {
    throw refuse('kind', `unknown kind ${String(fields.kind)}`, `${label('kind')}须为${PUBLICATION_KINDS.map((kind) => kind.label).join('、')}之一`);
  }
  requireText(fields, 'categoryCode', 50);
  if (options.categoryCodes !== undefined && !options.categoryCodes.includes(fields.categoryCode)) {
    throw refuse('categoryCode', `unknown category ${fields.categoryCode}`, `${label('categoryCode')}“${fields.categoryCode}”不在本机关的政府信息公开目录中`);
  }
  if (!Array.isArray(fields.channels) || fields.channels.length === 0) throw refuse('channels', 'none', `${label('channels')}至少选择一个`);
  const unknown = fields.channels.find((channel: PublicationChannel) => !PUBLICATION_CHANNELS.some((known) => known.code === channel));
  if (unknown !== undefined) {
    throw refuse('channels', `unknown channel ${String(unknown)}`, `${label('channels')}须为${PUBLICATION_CHANNELS.map((channel) => channel.label).join('、')}之一（收到：${String(unknown)}）`);
  }
  validateValidity(fields.validity, fields.writtenOn);
  return fields;
}
