// Calls to the Gongkai API with the session cookie (same origin). Errors carry the server's
// Chinese message so the screens can show it as it comes.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Dispatched on window when a call answers 401: detail is the server's Chinese message. */
export const SESSION_ENDED_EVENT = 'gongkai:session-ended';

export interface ApiInit {
  method?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data (uploads), with POST unless a method is given. */
  form?: FormData;
  /** What failed, for the message when the server gives none: 服务器出错 by default, e.g. 上传失败. */
  failure?: string;
}

export async function api<T>(path: string, init?: ApiInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init?.method ?? (init?.form === undefined ? 'GET' : 'POST'),
      credentials: 'same-origin',
      headers: init?.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init?.form ?? (init?.body === undefined ? null : JSON.stringify(init.body)),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试。');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text === '' ? null : JSON.parse(text);
  } catch {
    data = null;
  }
  if (!response.ok) {
    const body = (data ?? {}) as { error?: unknown; message?: unknown };
    // The API names fields for programmers too, e.g. 身份证号码（applicant.idNumber）: staff see the Chinese name only.
    const message =
      typeof body.message === 'string' && body.message !== '' ? body.message.replace(/（[A-Za-z][\w.[\]]*）/g, '') : `${init?.failure ?? '服务器出错'}（${response.status}），请稍后重试。`;
    // The session ended (idle, absolute limit, disabled): the whole console goes back to the login.
    if (response.status === 401 && !path.startsWith('/api/auth/')) window.dispatchEvent(new CustomEvent(SESSION_ENDED_EVENT, { detail: message }));
    throw new ApiError(response.status, typeof body.error === 'string' ? body.error : 'HTTP', message);
  }
  return data as T;
}

/** The server's Chinese message of a failed call, or `fallback` for anything else. */
export const errorText = (caught: unknown, fallback = '操作失败，请稍后重试。'): string => (caught instanceof ApiError ? caught.message : fallback);

/** `/api/agencies/{code}` and, when given, a path below it. */
export function agencyApiPath(agency: string, rest = ''): string {
  const base = `/api/agencies/${encodeURIComponent(agency)}`;
  return rest === '' ? base : `${base}/${rest}`;
}

/** One item of an agency's 目录 (GET /api/agencies/{code}/catalogue). */
export interface CatalogueNode {
  code: string;
  parentCode: string | null;
  name: string;
  basis: string;
  position: number;
  active: boolean;
  itemCount: number;
}

export interface Catalogue {
  level: string;
  isDefault: boolean;
  nodes: CatalogueNode[];
}

export interface LoginResult {
  secondFactorRequired: boolean;
  mustChangePassword: boolean;
  expiresAt: string;
}

export interface Me {
  id: number;
  login: string;
  displayName: string;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  rolesByAgency: Record<string, string[]>;
  actionsByAgency: Record<string, string[]>;
  /** The Chinese name of each agency in rolesByAgency. */
  agencyNames: Record<string, string>;
  expiresAt: string;
}

export interface ListItem {
  trackingNumber: string;
  applicantType: string;
  applicantName: string;
  channel: string;
  receivedOn: string;
  state: string;
  stateLabel: string;
  outcome: string | null;
  dueOn: string | null;
  workingDaysLeft: number | null;
  paused: boolean;
  dueSoon: boolean;
  overdue: boolean;
  provisional: boolean;
}

export interface ListPage {
  applications: ListItem[];
  total: number;
  limit: number;
  offset: number;
}

export interface HistoryEntry {
  source: 'event' | 'audit';
  kind: string;
  label: string;
  at: string;
  actor: string;
  recordedAt: string;
}

export interface ApplicationDetails {
  trackingNumber: string;
  channel: string;
  applicant: { type: string; name: string; idNumber: string | null; creditCode: string | null; phone: string | null; email: string | null; address: string | null };
  requestedInformation: string;
  requestedForm: string | null;
  deliveryMethod: string | null;
  receivedOn: string;
  state: string;
  stateLabel: string;
  outcomeLabel: string | null;
  concludedOn: string | null;
  clock: {
    dueOn: string | null;
    workingDaysLeft: number | null;
    paused: boolean;
    dueSoon: boolean;
    overdue: boolean;
    provisional: boolean;
    concludedLate: boolean | null;
    explanation: string[];
  };
  history: HistoryEntry[];
  /** The 身份证明 an online application came with; null otherwise. */
  idProof: { mediaType: string; size: number } | null;
}

export interface ListFilters {
  state?: string;
  year?: number;
  dueSoon?: boolean;
  overdue?: boolean;
  q?: string;
  limit: number;
  offset: number;
}

export function listApplications(agency: string, filters: ListFilters): Promise<ListPage> {
  const query = new URLSearchParams();
  if (filters.state !== undefined) query.set('state', filters.state);
  if (filters.year !== undefined) query.set('year', String(filters.year));
  if (filters.dueSoon === true) query.set('dueSoon', 'true');
  if (filters.overdue === true) query.set('overdue', 'true');
  if (filters.q !== undefined && filters.q.trim() !== '') query.set('q', filters.q.trim());
  query.set('limit', String(filters.limit));
  query.set('offset', String(filters.offset));
  return api<ListPage>(`/api/agencies/${encodeURIComponent(agency)}/applications?${query.toString()}`);
}

export interface AuditEntry {
  /** The chain: the agency's id, or 0 for the platform's (which also holds the entries written before the split). */
  chainId: number;
  /** 1, 2, 3 … within its chain. */
  seq: number;
  /** The entry's agency, null for platform-wide entries. */
  agencyCode: string | null;
  at: string;
  actor: string;
  action: string;
  actionLabel: string;
  subject: string;
  detail: Record<string, unknown> | null;
  hash: string;
}

export interface AuditPage {
  total: number;
  entries: AuditEntry[];
}

export interface AuditFilters {
  actor?: string;
  action?: string;
  /** Days in China, YYYY-MM-DD, both inclusive. */
  from?: string;
  to?: string;
}

export interface AuditFinding {
  chainId: number;
  kind: string;
  seq: number;
  toSeq?: number;
  /** Names the chain, e.g. 示范市示范局（demo）第3条被改动…. */
  message: string;
}

export interface AuditChainVerifyReport {
  chainId: number;
  /** null: the platform's chain. */
  agencyCode: string | null;
  agencyName: string | null;
  count: number;
  lastSeq: number | null;
  lastHash: string | null;
  findings: AuditFinding[];
}

export interface AuditVerifyReport {
  /** Entries read, all chains together. */
  count: number;
  chains: AuditChainVerifyReport[];
  findings: AuditFinding[];
}

function auditQuery(filters: AuditFilters): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of ['actor', 'action', 'from', 'to'] as const) {
    const value = filters[key]?.trim();
    if (value !== undefined && value !== '') query.set(key, value);
  }
  return query;
}

export function listAuditEntries(agency: string, filters: AuditFilters, limit: number, offset: number): Promise<AuditPage> {
  const query = auditQuery(filters);
  query.set('limit', String(limit));
  query.set('offset', String(offset));
  return api<AuditPage>(`/api/agencies/${encodeURIComponent(agency)}/audit?${query.toString()}`);
}

/** The address of the CSV download (the browser follows it with the session cookie). */
export function auditExportUrl(agency: string, filters: AuditFilters): string {
  const query = auditQuery(filters);
  query.set('format', 'csv');
  return `/api/agencies/${encodeURIComponent(agency)}/audit/export?${query.toString()}`;
}
