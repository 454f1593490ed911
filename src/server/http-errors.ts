// One map from error code to HTTP status; every error answer has the same shape:
// { error: CODE, message: 用户可读的中文 }. Browsers asking for HTML get a small Chinese page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainErrorCode } from '../domain/domain-error.ts';
import { isDomainError } from '../domain/domain-error.ts';

export const HTTP_STATUS_BY_ERROR_CODE: Readonly<Record<DomainErrorCode, number>> = Object.freeze({
  BAD_INPUT: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  UNREADABLE_FILE: 422,
});

/** What users see when an error carries no message of its own (e.g. Fastify's body-size limit). */
export const DEFAULT_USER_MESSAGES: Readonly<Record<DomainErrorCode, string>> = Object.freeze({
  BAD_INPUT: '请求内容不符合要求，请检查后重试。',
  FORBIDDEN: '您没有权限执行此操作。',
  NOT_FOUND: '找不到您要访问的页面或数据。',
  CONFLICT: '操作与现有数据冲突，请刷新后重试。',
  TOO_LARGE: '上传的文件或提交的内容过大。',
  UNREADABLE_FILE: '无法读取该文件，请确认文件格式正确且内容完整。',
});

export const INTERNAL_ERROR_CODE = 'INTERNAL';
export const INTERNAL_ERROR_MESSAGE = '服务器内部错误，请稍后重试。如问题持续，请联系系统管理员。';

export interface ErrorBody {
  error: DomainErrorCode | typeof INTERNAL_ERROR_CODE;
  message: string;
}

const PAGE_TITLES: Record<number, string> = {
  400: '请求有误',
  401: '请先登录',
  403: '没有权限',
  404: '页面不存在',
  409: '数据冲突',
  413: '内容过大',
  422: '无法读取文件',
  500: '服务器错误',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function renderErrorPage(status: number, message: string): string {
  const title = PAGE_TITLES[status] ?? '出错了';
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)} — 政府信息公开平台</title>`,
    '<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.7;color:#222}h1{font-size:1.5rem}</style>',
    '</head>',
    '<body><main>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(message)}</p>`,
    `<p><a href="/">返回首页</a></p>`,
    '</main></body>',
    '</html>',
  ].join('\n');
}

function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html') && !request.url.startsWith('/api/');
}

function sendError(request: FastifyRequest, reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  reply.code(status);
  if (wantsHtml(request)) return reply.type('text/html; charset=utf-8').send(renderErrorPage(status, body.message));
  return reply.type('application/json; charset=utf-8').send(body);
}

/** Errors Fastify and its plugins raise themselves (body too large, bad JSON, schema validation…). */
function classifyFrameworkError(error: { statusCode?: number; validation?: unknown; code?: string }): DomainErrorCode | undefined {
  if (error.validation !== undefined) return 'BAD_INPUT';
  const status = error.statusCode;
  if (status === undefined || status < 400 || status >= 500) return undefined;
  if (status === 413) return 'TOO_LARGE';
  if (status === 404) return 'NOT_FOUND';
  if (status === 403) return 'FORBIDDEN';
  if (status === 409) return 'CONFLICT';
  return 'BAD_INPUT';
}

function path(request: FastifyRequest): string {
  // The query string may hold what a user typed; the path is enough to find the route.
  return request.url.split('?')[0] ?? request.url;
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    if (isDomainError(error)) {
      // A service may ask for 422 (understood, but cannot be done with this case or template), and
      // accounts for 401 (not signed in, or the session ended): a FORBIDDEN that signing in cures.
      const asked = error.details.httpStatus;
      const status = asked === 422 || (asked === 401 && error.code === 'FORBIDDEN') ? asked : HTTP_STATUS_BY_ERROR_CODE[error.code];
      request.log.info({ errorCode: error.code, reason: error.message }, 'request refused');
      return sendError(request, reply, status, { error: error.code, message: error.userMessage });
    }

    const framework = typeof error === 'object' && error !== null ? classifyFrameworkError(error) : undefined;
    if (framework !== undefined) {
      // Keep Fastify's own 4xx status (415, 406…); a schema validation error has none and is 400.
      const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 400;
      const reason = error instanceof Error ? error.message : String(error);
      request.log.info({ errorCode: framework, reason }, 'request refused');
      return sendError(request, reply, status, { error: framework, message: DEFAULT_USER_MESSAGES[framework] });
    }

    request.log.error({ err: error, method: request.method, path: path(request), route: request.routeOptions.url }, 'unhandled error');
    return sendError(request, reply, 500, { error: INTERNAL_ERROR_CODE, message: INTERNAL_ERROR_MESSAGE });
  });

  app.setNotFoundHandler((request, reply) => {
    sendError(request, reply, 404, { error: 'NOT_FOUND', message: `找不到页面或接口：${request.method} ${path(request)}` });
  });
}
