// Headers of every portal page (issue 6, Safety): a Content-Security-Policy that allows no script
// and only our own stylesheet, no framing, no MIME sniffing, and no-store on pages that show an
// applicant their own case. Used by portal.routes.ts and the 依申请公开 pages (apply/).
import type { FastifyReply } from 'fastify';

export const PORTAL_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface PortalHeaderOptions {
  /** Receipts and status pages: never kept by browsers or proxies. */
  noStore?: boolean;
  /** 'no-referrer' on pages whose URL or content must not leak to another site (status pages). */
  referrerPolicy?: 'same-origin' | 'no-referrer';
}

export function applyPortalHeaders(reply: FastifyReply, options: PortalHeaderOptions = {}): FastifyReply {
  reply.header('content-security-policy', PORTAL_CSP);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', options.referrerPolicy ?? (options.noStore === true ? 'no-referrer' : 'same-origin'));
  reply.header('x-frame-options', 'DENY');
  if (options.noStore === true) reply.header('cache-control', 'no-store');
  return reply;
}

/** A portal HTML page with its headers. */
export function sendPortalHtml(reply: FastifyReply, page: string, options: PortalHeaderOptions & { status?: number } = {}): FastifyReply {
  return applyPortalHeaders(reply, options)
    .code(options.status ?? 200)
    .type('text/html; charset=utf-8')
    .send(page);
}
