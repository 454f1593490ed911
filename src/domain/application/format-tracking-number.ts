// The case tracking number (申请编号) given to the applicant: agency code, year, 6-digit sequence,
// e.g. DEMO-2025-000123. Uniqueness of the sequence is the repository's job; this only spells it.
import { DomainError } from '../domain-error.ts';

export interface TrackingNumber {
  /** Upper case, A–Z, 0–9 and inner hyphens. */
  agencyCode: string;
  year: number;
  sequence: number;
}

export const MAX_TRACKING_SEQUENCE = 999_999;

// Hyphens only inside the code, so the number splits back unambiguously from the right.
const AGENCY_CODE = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;
const TRACKING_NUMBER = /^([A-Z0-9]+(?:-[A-Z0-9]+)*)-(\d{4})-(\d{6})$/;

export function formatTrackingNumber(agencyCode: string, year: number, sequence: number): string {
  const code = agencyCode.trim().toUpperCase();
  if (!AGENCY_CODE.test(code)) {
    throw new DomainError(
      'BAD_INPUT',
      `Agency code ${agencyCode} may only hold A-Z, 0-9 and inner hyphens`,
      `机关代码“${agencyCode}”只能由字母、数字和中间的连字符组成，不能用于申请编号。`,
      { field: 'agencyCode' },
    );
  }
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new DomainError('BAD_INPUT', `Year ${year} is not a 4-digit year`, `年份“${year}”应为4位数字。`, { field: 'year' });
  }
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_TRACKING_SEQUENCE) {
    throw new DomainError(
      'BAD_INPUT',
      `Sequence ${sequence} is outside 1…${MAX_TRACKING_SEQUENCE}`,
      `申请编号序号应在1至${MAX_TRACKING_SEQUENCE}之间，当前为${sequence}。`,
      { field: 'sequence' },
    );
  }
  return `${code}-${year}-${String(sequence).padStart(6, '0')}`;
}

/** Reads a tracking number back (spaces around it and lower case are accepted). Throws BAD_INPUT when malformed. */
export function parseTrackingNumber(value: string): TrackingNumber {
  const match = TRACKING_NUMBER.exec(value.trim().toUpperCase());
  const sequence = match === null ? 0 : Number(match[3]);
  if (match === null || sequence < 1) {
    throw new DomainError('BAD_INPUT', `Not a tracking number: ${value}`, `申请编号“${value}”格式不正确，应类似 DEMO-2025-000123。`, {
      field: 'trackingNumber',
    });
  }
  return { agencyCode: match[1]!, year: Number(match[2]), sequence };
}
