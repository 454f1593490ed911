// 主动公开 calls and the shapes the API answers (publication.routes.ts, disclosure-settings.routes.ts).
import { agencyApiPath, api } from '../api.ts';

export interface PublicationFields {
  title: string;
  bodyHtml: string;
  summary: string;
  documentNumber: string | null;
  issuer: string;
  writtenOn: string;
  kind: string;
  categoryCode: string;
  channels: string[];
  validity: { status: string; effectiveFrom: string | null; endedOn: string | null };
}

export type FieldsInput = Omit<PublicationFields, 'validity'> & { validity?: PublicationFields['validity'] };

export interface ScreeningHit {
  kind: string;
  text: string;
  start: number;
  end: number;
  context: string;
  suggestion: string;
  source: string;
  accepted: boolean;
  acceptanceReason: string | null;
}

export interface ChecklistQuestion {
  id: string;
  question: string;
}

export interface Screening {
  hits: ScreeningHit[];
  unresolvedCount: number;
  checklist: ChecklistQuestion[];
}

export interface ChecklistAnswer {
  questionId: string;
  confirmed: boolean;
  note?: string;
}

export interface Acceptance {
  kind: string;
  text: string;
  reason: string;
}

export interface ChainStep {
  step: number;
  role: string;
  label: string;
  status: 'pending' | 'current' | 'approved' | 'returned';
  actor: string | null;
  at: string | null;
  opinion: string | null;
}

export interface Attachment {
  id: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdBy: string;
  createdAt: string;
}

export interface PublicationDetails {
  id: number;
  agencyCode: string;
  fields: PublicationFields;
  kindLabel: string;
  validityLabel: string;
  channelLabels: string[];
  state: string;
  stateLabel: string;
  author: string;
  indexNumber: string | null;
  publishedOn: string | null;
  currentStep: number | null;
  chain: ChainStep[];
  reviews: { step: number; label: string; decision: 'approved' | 'returned'; actor: string; at: string; opinion: string; checklist: ChecklistAnswer[]; acceptances: Acceptance[] }[];
  screening: Screening;
  deadline: { dueOn: string; provisional: boolean; late: boolean; explanation: string };
  corrections: { at: string; actor: string; reason: string }[];
  withdrawal: { on: string; actor: string; reason: string } | null;
  attachments: Attachment[];
  history: { seq: number; kind: string; label: string; detail: string; actor: string; at: string; recordedAt: string }[];
  version: number;
}

export interface PublicationListItem {
  id: number;
  title: string;
  state: string;
  stateLabel: string;
  indexNumber: string | null;
  documentNumber: string | null;
  issuer: string;
  writtenOn: string;
  publishedOn: string | null;
  kind: string;
  categoryCode: string;
  validity: string;
  author: string;
  currentStep: number | null;
  dueOn: string;
  late: boolean;
  version: number;
}

export interface PublicationListPage {
  publications: PublicationListItem[];
  total: number;
  limit: number;
  offset: number;
}

export interface PublicationListFilters {
  state?: string;
  category?: string;
  validity?: string;
  year?: number;
  q?: string;
  awaitingMe?: boolean;
  limit: number;
  offset: number;
}

import type { Catalogue } from '../api.ts';
export type { Catalogue, CatalogueNode } from '../api.ts';

export interface Guide {
  version: number | null;
  fields: Record<string, string> | null;
  createdBy: string | null;
  createdAt: string | null;
}


export function listPublications(agency: string, filters: PublicationListFilters): Promise<PublicationListPage> {
  const query = new URLSearchParams();
  if (filters.state !== undefined) query.set('state', filters.state);
  if (filters.category !== undefined) query.set('category', filters.category);
  if (filters.validity !== undefined) query.set('validity', filters.validity);
  if (filters.year !== undefined) query.set('year', String(filters.year));
  if (filters.q !== undefined && filters.q.trim() !== '') query.set('q', filters.q.trim());
  if (filters.awaitingMe === true) query.set('awaitingMe', 'true');
  query.set('limit', String(filters.limit));
  query.set('offset', String(filters.offset));
  return api<PublicationListPage>(`${agencyApiPath(agency)}/publications?${query.toString()}`);
}

export const getPublication = (id: number) => api<PublicationDetails>(`/api/publications/${id}`);
export const createPublication = (agency: string, fields: FieldsInput) => api<PublicationDetails>(`${agencyApiPath(agency)}/publications`, { method: 'POST', body: fields });
export const savePublication = (id: number, version: number, fields: FieldsInput) =>
  api<PublicationDetails>(`/api/publications/${id}`, { method: 'PUT', body: { ...fields, expectedVersion: version } });
export const getScreening = (id: number) => api<Screening>(`/api/publications/${id}/screening`);
export const submitPublication = (id: number, version: number, checklist: ChecklistAnswer[], acceptances: Acceptance[]) =>
  api<PublicationDetails>(`/api/publications/${id}/submit`, { method: 'POST', body: { expectedVersion: version, checklist, acceptances } });
export const approvePublication = (id: number, version: number, step: number, opinion: string, checklist: ChecklistAnswer[], acceptances: Acceptance[]) =>
  api<PublicationDetails>(`/api/publications/${id}/approve`, { method: 'POST', body: { expectedVersion: version, step, opinion, checklist, acceptances } });
export const returnPublication = (id: number, version: number, step: number, opinion: string) =>
  api<PublicationDetails>(`/api/publications/${id}/return`, { method: 'POST', body: { expectedVersion: version, step, opinion } });
export const withdrawPublication = (id: number, version: number, reason: string) =>
  api<PublicationDetails>(`/api/publications/${id}/withdraw`, { method: 'POST', body: { expectedVersion: version, reason } });
export const correctPublication = (id: number, version: number, fields: Partial<FieldsInput>, reason: string) =>
  api<PublicationDetails>(`/api/publications/${id}/corrections`, { method: 'POST', body: { expectedVersion: version, fields, reason } });
export const changeValidity = (id: number, version: number, validity: PublicationFields['validity'], reason: string) =>
  api<PublicationDetails>(`/api/publications/${id}/validity`, { method: 'POST', body: { expectedVersion: version, validity, reason } });
export const removeAttachment = (id: number, attachmentId: number, version: number) =>
  api<PublicationDetails>(`/api/publications/${id}/attachments/${attachmentId}?expectedVersion=${version}`, { method: 'DELETE' });
export const attachmentUrl = (id: number, attachmentId: number) => `/api/publications/${id}/attachments/${attachmentId}`;
export const getCatalogue = (agency: string) => api<Catalogue>(`${agencyApiPath(agency)}/catalogue`);
export const getGuide = (agency: string) => api<Guide>(`${agencyApiPath(agency)}/guide`);

/** Multipart upload (api() sends JSON only); errors carry the server's Chinese message. */
export async function uploadAttachment(id: number, version: number, file: File): Promise<PublicationDetails> {
  const form = new FormData();
  form.append('expectedVersion', String(version));
  form.append('file', file, file.name);
  return api<PublicationDetails>(`/api/publications/${id}/attachments`, { form, failure: '上传失败' });
}

/** The server's Chinese message, or a plain fallback. */
export { errorText } from '../api.ts';
