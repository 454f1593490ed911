// A publication's body as safe HTML (allow-listed tags and attributes; no script, style, event
// handlers or javascript: links) and as plain text for screening and search.
import { DomainError } from '../domain/domain-error.ts';

export interface SanitizedBody {
  html: string;
  text: string;
}

export function sanitizeBodyHtml(html: string): SanitizedBody {
  void html;
  throw new DomainError('BAD_INPUT', 'sanitizeBodyHtml: not built yet', '尚未实现');
}
