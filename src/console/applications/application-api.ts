// The 依申请公开 calls of the case page and the intake form: one case with its version and
// history events, recording a lifecycle event, registering an application, and notices as DOCX.
import type { ApplicationDetails } from '../api.ts';
import { api, ApiError } from '../api.ts';

/** One entry of 办理记录; `event` holds the event's own fields (items, party, outcome…). */
export interface CaseHistoryEntry {
  source: 'event' | 'audit';
  kind: string;
  label: string;
  at: string;
  actor: string;
  recordedAt: string;
  event?: Record<string, unknown>;
}

export interface CaseDetails extends Omit<ApplicationDetails, 'history'> {
  version: number;
  outcome: string | null;
  clock: ApplicationDetails['clock'] & { statutoryDueOn: string | null; startedOn: string | null; correctionNoticeDueOn: string };
  history: CaseHistoryEntry[];
}

/** The body of POST /api/applications/:n/events's `event` (the actor comes from the session). */
export type CaseEventInput = { kind: string; at: string } & Record<string, unknown>;

export interface IntakeInput {
  channel: string;
  receivedOn: string;
  applicant: { type: string; name: string; idNumber?: string | null; creditCode?: string | null; phone?: string | null; email?: string | null; address?: string | null };
  requestedInformation: string;
  requestedForm?: string | null;
  deliveryMethod?: string | null;
}

export const caseUrl = (trackingNumber: string) => `/api/applications/${encodeURIComponent(trackingNumber)}`;

export function getCase(trackingNumber: string): Promise<CaseDetails> {
  return api<CaseDetails>(caseUrl(trackingNumber));
}

export function recordCaseEvent(trackingNumber: string, expectedVersion: number, event: CaseEventInput): Promise<CaseDetails> {
  return api<CaseDetails>(`${caseUrl(trackingNumber)}/events`, { method: 'POST', body: { expectedVersion, event } });
}

export function receiveApplication(agency: string, input: IntakeInput): Promise<{ trackingNumber: string; queryCode: string }> {
  return api(`/api/agencies/${encodeURIComponent(agency)}/applications`, { method: 'POST', body: input });
}

/** The server's answer when the case moved since it was loaded (application.service.ts VERSION_CONFLICT_MESSAGE). */
export const isVersionConflict = (error: unknown): boolean => error instanceof ApiError && error.status === 409 && /刷新/.test(error.message);

export function noticeUrl(trackingNumber: string, kind: string, values: Record<string, string>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value.trim() !== '') query.set(key, value.trim());
  const suffix = query.size > 0 ? `?${query.toString()}` : '';
  return `${caseUrl(trackingNumber)}/notices/${kind}.docx${suffix}`;
}

/** The file name from Content-Disposition (RFC 5987 filename* first). */
function fileNameOf(header: string | null, fallback: string): string {
  if (header === null) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1] !== undefined) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? fallback;
}

/**
 * Fetches the DOCX and hands it to the browser as a download. Throws ApiError with the server's
 * Chinese message; 422 means values are missing (named in the message as {{placeholder}}).
 */
export async function downloadNotice(trackingNumber: string, kind: string, values: Record<string, string>): Promise<void> {
  let response: Response;
  try {
    response = await fetch(noticeUrl(trackingNumber, kind, values), { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试。');
  }
  if (!response.ok) {
    let message = `服务器出错（${response.status}），请稍后重试。`;
    let code = 'HTTP';
    try {
      const body = (await response.json()) as { error?: string; message?: string };
      if (typeof body.message === 'string' && body.message !== '') message = body.message;
      if (typeof body.error === 'string') code = body.error;
    } catch {
      // not JSON: keep the generic message
    }
    throw new ApiError(response.status, code, message);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response.headers.get('content-disposition'), `${kind}-${trackingNumber}.docx`);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The placeholders a 422 names, e.g. 缺少“联系人及联系电话”（{{contact}}）… → ['contact']. */
export function missingPlaceholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]!))];
}

/** Today in China as YYYY-MM-DD (the server counts legal dates in China). */
export function chinaToday(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}
