// The portal's 依申请公开 pages (issue 6): the online application form, the receipt (answered by the
// POST itself, so the query code never appears in a URL), and the status page found by tracking
// number plus query code. Guards: a CSRF token bound to a cookie, a small arithmetic challenge, a
// rate limit per client address. Also the staff route that serves an application's ID proof.
// Nothing personal is logged: the request logger logs method and path only, and nothing here logs.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { DomainError, isDomainError } from '../../../domain/domain-error.ts';
import type { IsoDate } from '../../../domain/report/compute/report-records.ts';
import { ATTACHMENT_TYPES, sniffAttachmentType } from '../../../files/attachment/sniff-attachment-type.ts';
import { createAccountsService } from '../../accounts/accounts.service.ts';
import type { StaffAccess } from '../../accounts/staff-access.ts';
import { createStaffAccess, STAFF_SECURITY } from '../../accounts/staff-access.ts';
import { createAgenciesRepository } from '../../agencies/agencies.repository.ts';
import type { ApplicationService } from '../../applications/application.service.ts';
import { normalizeTrackingNumber, notFound, todayInChina } from '../../applications/application.service.ts';
import { appendAuditEntry } from '../../audit/audit.repository.ts';
import type { Database } from '../../db/database.ts';
import { html } from '../html.ts';
import type { PortalAgency } from '../portal-layout.ts';
import { agencyPath, renderPortalPage } from '../portal-layout.ts';
import { sendPortalHtml } from '../portal-security.ts';
import type { ApplyField, FieldError, IdProofType, IdProofUpload } from './apply-form.ts';
import { EMPTY_VALUES, ID_PROOF_MAX_BYTES, ID_PROOF_TYPES, sortErrors, toFormValues, validateApplyForm } from './apply-form.ts';
import { APPLY_STYLESHEET_PATH, beijingTime, renderApplyFormPage, renderMessagePage, renderReceiptPage, renderStatusFormPage, renderStatusPage } from './apply-pages.ts';
import {
  createUsedIds,
  CSRF_COOKIE,
  csrfCookieHeader,
  isCsrfCookieValue,
  issueChallenge,
  issueCsrfToken,
  newCsrfCookieValue,
  readCookie,
  verifyChallenge,
  verifyCsrfToken,
} from './form-tokens.ts';
import { findApplicationRef, findIdProof, insertIdProof } from './id-proofs.repository.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { createRateLimiter } from './rate-limiter.ts';

export interface PortalApplyRoutesOptions {
  db: Kysely<Database>;
  applications: ApplicationService;
  /** 32 bytes: signs the forms' CSRF tokens and challenges (derived from the server key in main.ts). */
  signingKey: Uint8Array;
  /** The staff session check for the ID-proof route; default one built on `db` (app.ts may pass its own). */
  access?: StaffAccess;
  /** Today's legal date (the receipt date of an online application); default the date in China. */
  today?: () => IsoDate;
  /** The clock in ms for tokens and rate limits; default Date.now. */
  now?: () => number;
  /** Per client address per window; defaults 5 submissions and 20 status look-ups per 10 minutes. */
  limits?: { submissions?: number; lookups?: number; windowMs?: number };
}

const WINDOW_MS = 10 * 60 * 1000;
/**
 * The portal takes in an application the way the agency's intake desk would (条例第三十一条（三）):
 * the service's permission check is satisfied with the 信息员 role, and the audit trail names the portal.
 */
const PORTAL_ACTOR = 'system:portal';
const PORTAL_INTAKE_ROLES = ['clerk'] as const;
const WRONG_CODE_MESSAGE = '申请编号或查询码不正确，请核对后重新输入。';

const APPLY_CSS = readFileSync(join(import.meta.dirname, 'portal-apply.css'), 'utf8');
const APPLY_CSS_HASH = createHash('sha256').update(APPLY_CSS).digest('hex').slice(0, 16);
const STYLESHEET_HREF = `${APPLY_STYLESHEET_PATH}?v=${APPLY_CSS_HASH}`;

/** First path segments that are not agency codes (portal.md): their unknown paths get the app's own 404. */
const RESERVED_SEGMENTS = new Set(['api', 'console', 'reports', 'tools', 'assets', 'healthz', 'sitemap.xml', 'docs', 'favicon.ico']);

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Secure unless the page was asked for over plain http from this machine (tests, local use). */
function secureCookie(request: FastifyRequest): boolean {
  return !(request.protocol === 'http' && LOOPBACK_HOSTS.has(request.hostname.toLowerCase()));
}

type WithAgency = { Params: { agencyCode: string } };

interface ParsedForm {
  fields: Record<string, string>;
  file: { bytes: Uint8Array; tooLarge: boolean } | null;
  /** A request the form cannot have sent (too many parts, broken multipart). */
  malformed: boolean;
}

async function readForm(request: FastifyRequest): Promise<ParsedForm> {
  const fields: Record<string, string> = {};
  if (!request.isMultipart()) {
    const body = request.body;
    if (body !== null && typeof body === 'object') {
      for (const [name, value] of Object.entries(body as Record<string, unknown>)) if (typeof value === 'string') fields[name] = value;
    }
    return { fields, file: null, malformed: false };
  }
  let file: ParsedForm['file'] = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        // Every part is read to the end, so the request completes even when the part is ignored.
        const bytes = await part.toBuffer();
        // A browser sends an empty part with no name when no file was chosen.
        if (part.fieldname === 'idProof' && !(part.filename === '' && bytes.length === 0)) file = { bytes: new Uint8Array(bytes), tooLarge: part.file.truncated };
      } else if (typeof part.value === 'string' && !(part.fieldname in fields)) {
        fields[part.fieldname] = part.value;
      }
    }
  } catch {
    return { fields, file, malformed: true };
  }
  return { fields, file, malformed: false };
}

export async function portalApplyRoutes(app: FastifyInstance, options: PortalApplyRoutesOptions): Promise<void> {
  const { db, applications, signingKey } = options;
  const key = signingKey;
  const today = options.today ?? todayInChina;
  const now = options.now ?? Date.now;
  const agencies = createAgenciesRepository(db);
  const access = options.access ?? createStaffAccess({ accounts: createAccountsService({ db }), db });
  const windowMs = options.limits?.windowMs ?? WINDOW_MS;
  const submissions: RateLimiter = createRateLimiter({ limit: options.limits?.submissions ?? 5, windowMs });
  const lookups: RateLimiter = createRateLimiter({ limit: options.limits?.lookups ?? 20, windowMs });
  const usedChallenges = createUsedIds();

  if (!app.hasContentTypeParser('multipart/form-data')) {
    // One file; oversize is seen as truncated (throwFileSizeLimit false) and answered on the form.
    await app.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: ID_PROOF_MAX_BYTES, files: 1, fields: 30, parts: 32, fieldSize: 16 * 1024 } });
  }
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody, { bodyLimit: 64 * 1024 });

  app.get('/assets/portal-apply.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=31536000, immutable').header('x-content-type-options', 'nosniff').type('text/css; charset=utf-8').send(APPLY_CSS),
  );

  async function portalAgency(code: string): Promise<PortalAgency | undefined> {
    if (RESERVED_SEGMENTS.has(code)) return undefined;
    const agency = await agencies.findAgencyByCode(code);
    return agency === undefined ? undefined : { code: agency.code, name: agency.name };
  }

  function sendNotFound(request: FastifyRequest<WithAgency>, reply: FastifyReply): FastifyReply {
    if (RESERVED_SEGMENTS.has(request.params.agencyCode)) {
      reply.callNotFound();
      return reply;
    }
    const page = renderPortalPage({
      title: '页面不存在',
      description: '找不到您要访问的页面。',
      agency: null,
      body: html`<h1>页面不存在</h1><p>找不到该机关的政府信息公开专栏，请从平台首页选择机关。</p><p><a href="/">返回平台首页</a></p>`,
    });
    return sendPortalHtml(reply, page, { status: 404 });
  }

  /** The cookie this browser holds, or a new one set on the reply; the form's token is bound to it. */
  function csrfFor(request: FastifyRequest, reply: FastifyReply): string {
    const existing = readCookie(request.headers.cookie, CSRF_COOKIE);
    const value = isCsrfCookieValue(existing) ? existing : newCsrfCookieValue();
    reply.header('set-cookie', csrfCookieHeader(value, secureCookie(request)));
    return issueCsrfToken(key, value, now());
  }

  function csrfHolds(request: FastifyRequest, token: string | undefined): boolean {
    return verifyCsrfToken(key, readCookie(request.headers.cookie, CSRF_COOKIE), token, now());
  }

  function sendForbidden(reply: FastifyReply, agency: PortalAgency, back: 'apply' | 'status'): FastifyReply {
    const page = renderMessagePage({
      agency,
      title: '页面已过期',
      heading: '无法确认提交来源',
      paragraphs: ['页面已经过期（超过 1 小时），或者浏览器没有发送本站的安全验证信息，因此没有受理这次提交。', '请返回后重新填写并提交。请确认浏览器允许本站使用 Cookie。'],
      link: back === 'apply' ? ['返回在线申请页面', agencyPath(agency, 'apply')] : ['返回查询页面', agencyPath(agency, 'status')],
      stylesheetHref: STYLESHEET_HREF,
    });
    return sendPortalHtml(reply, page, { status: 403, noStore: true });
  }

  function sendTooMany(reply: FastifyReply, agency: PortalAgency, retryAt: number, what: 'apply' | 'status'): FastifyReply {
    const at = now();
    const page = renderMessagePage({
      agency,
      title: '操作过于频繁',
      heading: '操作过于频繁，请稍后再试',
      paragraphs: [
        what === 'apply' ? '为防止滥用，同一网络地址 10 分钟内最多提交 5 次申请。' : '为防止滥用，同一网络地址 10 分钟内最多查询 20 次。',
        `请于北京时间 ${beijingTime(retryAt, at)} 以后再试。`,
      ],
      link: what === 'apply' ? ['返回在线申请页面', agencyPath(agency, 'apply')] : ['返回查询页面', agencyPath(agency, 'status')],
      stylesheetHref: STYLESHEET_HREF,
    });
    reply.header('retry-after', String(Math.max(1, Math.ceil((retryAt - at) / 1000))));
    return sendPortalHtml(reply, page, { status: 429, noStore: true });
  }

  function sendForm(request: FastifyRequest, reply: FastifyReply, agency: PortalAgency, values = EMPTY_VALUES, errors: readonly FieldError[] = []): FastifyReply {
    const page = renderApplyFormPage({ agency, values, errors, csrfToken: csrfFor(request, reply), challenge: issueChallenge(key, now()), stylesheetHref: STYLESHEET_HREF });
    return sendPortalHtml(reply, page, { status: errors.length > 0 ? 400 : 200, noStore: true });
  }

  function sendStatusForm(request: FastifyRequest, reply: FastifyReply, agency: PortalAgency, error: string | null, trackingNumber = '', status = 200): FastifyReply {
    const page = renderStatusFormPage({ agency, csrfToken: csrfFor(request, reply), trackingNumber, error, year: Number(today().slice(0, 4)), stylesheetHref: STYLESHEET_HREF });
    return sendPortalHtml(reply, page, { status, noStore: true, referrerPolicy: 'no-referrer' });
  }


  app.get<WithAgency>('/:agencyCode/apply', { schema: { hide: true } }, async (request, reply) => {
    const agency = await portalAgency(request.params.agencyCode);
    if (agency === undefined) return sendNotFound(request, reply);
    return sendForm(request, reply, agency);
  });

  app.post<WithAgency>('/:agencyCode/apply', { schema: { hide: true } }, async (request, reply) => {
    const agency = await portalAgency(request.params.agencyCode);
    if (agency === undefined) return sendNotFound(request, reply);
    // Counted before the body is read: a refused address costs no parsing of a 5 MB upload.
    const limit = submissions.hit(request.ip, now());
    if (!limit.allowed) return sendTooMany(reply, agency, limit.retryAt!, 'apply');
    const form = await readForm(request);
    if (form.malformed || !csrfHolds(request, form.fields.csrfToken)) return sendForbidden(reply, agency, 'apply');

    const values = toFormValues(form.fields);
    let upload: IdProofUpload = { present: false };
    let proofType: IdProofType | undefined;
    if (form.file !== null) {
      const sniffed = form.file.tooLarge ? undefined : await sniffAttachmentType(form.file.bytes);
      proofType = (ID_PROOF_TYPES as readonly string[]).includes(sniffed ?? '') ? (sniffed as IdProofType) : undefined;
      upload = { present: true, tooLarge: form.file.tooLarge, type: proofType };
    }
    const checked = validateApplyForm(values, upload, today());
    const errors: FieldError[] = [...checked.errors];
    const challenge = verifyChallenge(key, form.fields.challengeToken, form.fields.challengeAnswer, now(), usedChallenges);
    if (!challenge.ok) {
      const message =
        challenge.problem === 'wrong'
          ? (form.fields.challengeAnswer ?? '').trim() === ''
            ? '请填写验证题的答案'
            : '验证题答案不正确，请计算下面的新题目'
          : '验证题已过期或者已使用，请计算下面的新题目';
      errors.push({ field: 'challengeAnswer', message });
    }
    if (errors.length > 0 || checked.input === null) {
      // The page never keeps the file: ask for it again when it was otherwise fine.
      if (upload.present && proofType !== undefined && !errors.some((e) => e.field === 'idProof')) {
        errors.push({ field: 'idProof', message: '请重新选择身份证明文件：为保护您的信息，出错后页面不保留已选择的文件' });
      }
      return sendForm(request, reply, agency, values, sortErrors(errors));
    }

    let received: { trackingNumber: string; queryCode: string };
    // Required and checked above: a missing or unreadable file never gets this far.
    const proof = form.file !== null && proofType !== undefined ? { mediaType: ATTACHMENT_TYPES[proofType].mediaType, bytes: form.file.bytes } : null;
    try {
      // The ID proof is stored in the case's own transaction: both are filed, or neither.
      received = await applications.receiveApplication(agency.code, checked.input, PORTAL_ACTOR, PORTAL_INTAKE_ROLES, {
        afterInsert: async (trx, ref) => {
          if (proof !== null) await insertIdProof(trx, { agencyId: ref.agencyId, applicationId: ref.applicationId, ...proof });
        },
      });
    } catch (error) {
      const field = isDomainError(error) && error.code === 'BAD_INPUT' ? SERVICE_FIELDS[String(error.details.field)] : undefined;
      if (field === undefined || !isDomainError(error)) throw error;
      return sendForm(request, reply, agency, values, [{ field, message: error.userMessage }]);
    }
    const status = await applications.findByQueryCode(received.trackingNumber, received.queryCode);
    const page = renderReceiptPage({
      agency,
      trackingNumber: received.trackingNumber,
      queryCode: received.queryCode,
      receivedOn: status.receivedOn,
      dueOn: status.dueOn,
      stylesheetHref: STYLESHEET_HREF,
    });
    return sendPortalHtml(reply, page, { status: 200, noStore: true, referrerPolicy: 'no-referrer' });
  });

  app.get<WithAgency>('/:agencyCode/status', { schema: { hide: true } }, async (request, reply) => {
    const agency = await portalAgency(request.params.agencyCode);
    if (agency === undefined) return sendNotFound(request, reply);
    return sendStatusForm(request, reply, agency, null);
  });

  app.post<WithAgency>('/:agencyCode/status', { schema: { hide: true } }, async (request, reply) => {
    const agency = await portalAgency(request.params.agencyCode);
    if (agency === undefined) return sendNotFound(request, reply);
    const limit = lookups.hit(request.ip, now());
    if (!limit.allowed) return sendTooMany(reply, agency, limit.retryAt!, 'status');
    const form = await readForm(request);
    if (form.malformed || !csrfHolds(request, form.fields.csrfToken)) return sendForbidden(reply, agency, 'status');
    const trackingNumber = (form.fields.trackingNumber ?? '').trim().slice(0, 80);
    const queryCode = (form.fields.queryCode ?? '').trim().slice(0, 40);
    if (trackingNumber === '' || queryCode === '') return sendStatusForm(request, reply, agency, '请填写申请编号和查询码。', trackingNumber, 400);
    // Another agency's case is not found under this agency's path; the answer is the same as for a wrong code.
    let ref: { id: number; agencyId: number } | undefined;
    try {
      ref = await findApplicationRef(db, normalizeTrackingNumber(trackingNumber));
    } catch {
      ref = undefined;
    }
    const agencyId = (await agencies.findAgencyByCode(agency.code))?.id;
    if (ref === undefined || ref.agencyId !== agencyId) return sendStatusForm(request, reply, agency, WRONG_CODE_MESSAGE, trackingNumber, 404);
    let status;
    try {
      status = await applications.findByQueryCode(trackingNumber, queryCode);
    } catch (error) {
      if (isDomainError(error) && error.code === 'NOT_FOUND') return sendStatusForm(request, reply, agency, WRONG_CODE_MESSAGE, trackingNumber, 404);
      throw error;
    }
    const page = renderStatusPage({ agency, status, csrfToken: csrfFor(request, reply), year: Number(today().slice(0, 4)), stylesheetHref: STYLESHEET_HREF });
    return sendPortalHtml(reply, page, { status: 200, noStore: true, referrerPolicy: 'no-referrer' });
  });

  // ---------------------------------------------------------------- staff: the ID proof

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/applications/:trackingNumber/id-proof',
    {
      schema: {
        summary: '下载在线申请人上传的身份证明（需要“查看政府信息公开申请”权限；每次下载记入审计日志）',
        tags: ['依申请公开'],
        params: z.object({ trackingNumber: z.string().min(1).max(80) }),
        security: STAFF_SECURITY,
      },
    },
    async (request, reply) => {
      const { trackingNumber } = request.params;
      const normalized = normalizeTrackingNumber(trackingNumber);
      const { actor } = await access.inAgency(request, () => applications.agencyCodeOf(normalized), { hidden: () => notFound(normalized), action: 'application.read' });
      const ref = await findApplicationRef(db, normalized);
      if (ref === undefined) throw notFound(normalized);
      const proof = await db.transaction().execute(async (trx) => {
        const found = await findIdProof(trx, ref.agencyId, ref.id);
        if (found === undefined) return undefined;
        // Who looked at an applicant's identity document, and when (条例第十五条 个人隐私).
        await appendAuditEntry(trx, {
          at: new Date(now()).toISOString(),
          actor,
          agencyId: ref.agencyId,
          action: 'application.idProofRead',
          subject: `application:${normalized}`,
          detail: { mediaType: found.mediaType, size: found.size, sha256: found.sha256 },
        });
        return found;
      });
      if (proof === undefined) throw new DomainError('NOT_FOUND', `no id proof for ${normalized}`, '该申请没有在线上传的身份证明。', { field: 'trackingNumber' });
      const extension = Object.values(ATTACHMENT_TYPES).find((t) => t.mediaType === proof.mediaType)?.extension ?? 'bin';
      return reply
        .header('content-type', proof.mediaType)
        .header('content-disposition', `attachment; filename="${normalized}-id-proof.${extension}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(Buffer.from(proof.bytes));
    },
  );
}

/** The service's field names for the few checks it repeats, as the form's fields. */
const SERVICE_FIELDS: Record<string, ApplyField> = {
  'applicant.name': 'name',
  'applicant.idNumber': 'idNumber',
  'applicant.creditCode': 'creditCode',
  requestedInformation: 'description',
};
