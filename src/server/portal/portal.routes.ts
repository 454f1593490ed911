// The public portal (issue 6): each agency's 政府信息公开专栏 under /<agency code>/, server-rendered
// HTML that works without JavaScript; /assets/portal.css, /sitemap.xml, each agency's Atom feed,
// and the platform home page (registerPortalHome, switched on by app.ts once / is free).
// Only published items are shown; a draft, an item in review or a withdrawn one is "not found".
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { isDomainError } from '../../domain/domain-error.ts';
import { VALIDITY_STATUSES } from '../../domain/publication/publication.ts';
import { renderReportHtml } from '../../domain/report/render/render-report-html.ts';
import { parseReportJson } from '../../domain/report/render/render-report-json.ts';
import { reportTitle } from '../../domain/report/render/report-title.ts';
import { ATTACHMENT_TYPES } from '../../files/attachment/sniff-attachment-type.ts';
import { readAttachmentBytes } from '../publications/publication.repository.ts';
import type { FileStorage } from '../storage/file-storage.ts';
import type { Database } from '../db/database.ts';
import { contentDisposition } from '../reports/content-disposition.ts';
import type { PublicationSearch } from '../search/publication-search.ts';
import { COUNT_LIMIT } from '../search/publication-search.ts';
import { MAX_QUERY_LENGTH } from '../search/parse-search-query.ts';
import { pageWindow, parsePageParam, PORTAL_PAGE_SIZE } from './paging.ts';
import { PORTAL_CSS, PORTAL_CSS_ETAG, PORTAL_CSS_HASH } from './portal-assets.ts';
import { renderAtomFeed, renderSitemap } from './portal-feeds.ts';
import type { SitemapEntry } from './portal-feeds.ts';
import { agencyPath, PORTAL_STYLESHEET_PATH } from './portal-layout.ts';
import type { CachedPage } from './portal-page-cache.ts';
import { createPageCache } from './portal-page-cache.ts';
import {
  article20Codes,
  buildCatalogueTree,
  renderAgencyHome,
  renderCatalogue,
  renderCatalogueNode,
  renderGuide,
  renderPlatformHome,
  renderPortalError,
  renderPublication,
  renderReport,
  renderReportList,
  renderSearch,
  renderStatutory,
  STATUTORY_ITEMS_SHOWN,
} from './portal-pages.ts';
import type { SearchFormState, SearchResults, StatutoryGroup } from './portal-pages.ts';
import { applyPortalHeaders } from './portal-security.ts';
import * as repo from './portal.repository.ts';
import type { PortalAgencyRow } from './portal.repository.ts';

export interface PortalRoutesOptions {
  db: Kysely<Database>;
  search: PublicationSearch;
  /** PUBLIC_URL, e.g. https://gongkai.example.gov.cn (no trailing slash); absolute links use it when set. */
  publicUrl?: string;
  /** Where attachments stored outside the database are (STORAGE=filesystem|s3); undefined: in the rows. */
  fileStorage?: FileStorage | undefined;
}

/** First path segments that are not agency codes (portal.md). */
export const RESERVED_SEGMENTS: ReadonlySet<string> = new Set(['api', 'console', 'reports', 'tools', 'assets', 'healthz', 'sitemap.xml', 'docs', 'favicon.ico']);
const AGENCY_CODE = /^[A-Za-z0-9_-]{1,64}$/;
export const LATEST_ON_HOME = 10;
export const FEED_ENTRIES = 50;

const HTML = 'text/html; charset=utf-8';

/** A page answer that the cache can keep. */
const page = (body: string, status = 200): CachedPage => ({ status, body, contentType: HTML });

function send(reply: FastifyReply, answer: CachedPage): FastifyReply {
  return applyPortalHeaders(reply).code(answer.status).type(answer.contentType).send(answer.body);
}

/**
 * The origin for absolute URLs (sitemap, feed): PUBLIC_URL when set (behind a proxy, and so a
 * cached page never carries a Host header someone made up); else the Host the client used, if it
 * looks like one.
 */
function originOf(request: FastifyRequest, publicUrl: string | undefined): string {
  if (publicUrl !== undefined) return publicUrl;
  const host = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(request.host) ? request.host : 'localhost';
  return `${request.protocol}://${host}`;
}

/** Marks "no such agency" inside the cache (never stored: its status is not 200). */
const UNKNOWN_AGENCY: CachedPage = { status: 404, body: '', contentType: HTML };

/** As http-errors.ts decides between its HTML page and JSON. */
function wantsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

function cacheKey(request: FastifyRequest): string {
  return request.url;
}

type Params = Record<string, string | undefined>;

export async function portalRoutes(app: FastifyInstance, options: PortalRoutesOptions): Promise<void> {
  const { db, search, fileStorage } = options;
  const cache = createPageCache(db);

  const notFound = (agency: PortalAgencyRow | null, message = '您访问的页面不存在，可能已被移除或地址有误。'): CachedPage => page(renderPortalError(agency, 404, message), 404);
  const badRequest = (agency: PortalAgencyRow | null, message: string): CachedPage => page(renderPortalError(agency, 400, message), 400);

  /**
   * Every agency page: reserved first segments go to the ordinary 404 (JSON for /api/…), an unknown
   * agency gets the portal's Chinese 404, and the rendered page is cached while nothing changes.
   */
  const agencyPage = (render: (agency: PortalAgencyRow, params: Params, request: FastifyRequest) => Promise<CachedPage>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const params = request.params as Params;
      const code = params.code ?? '';
      if (RESERVED_SEGMENTS.has(code)) return reply.callNotFound();
      const answer = await cache.get(cacheKey(request), async () => {
        const agency = AGENCY_CODE.test(code) ? await repo.findAgencyByCode(db, code) : undefined;
        return agency === undefined ? UNKNOWN_AGENCY : render(agency, params, request);
      });
      return answer === UNKNOWN_AGENCY ? unknownAgency(request, reply) : send(reply, answer);
    };

  /**
   * Not an agency: a browser gets the portal's Chinese 404 page; any other client (an API call to a
   * wrong path) the platform's ordinary 404, JSON.
   */
  const unknownAgency = (request: FastifyRequest, reply: FastifyReply) =>
    wantsHtml(request) ? send(reply, notFound(null, '找不到该机关的政府信息公开专栏，请从平台首页选择机关。')) : reply.callNotFound();

  async function catalogueTree(agency: PortalAgencyRow) {
    const [nodes, counts] = [await repo.findPortalCatalogue(db, agency), await repo.countPublishedByCategory(db, agency.id)];
    return { tree: buildCatalogueTree(nodes, counts), counts };
  }

  // ------------------------------------------------------------ assets, sitemap

  app.get(PORTAL_STYLESHEET_PATH, async (request, reply) => {
    const versioned = (request.query as { v?: string }).v === PORTAL_CSS_HASH;
    reply.header('etag', PORTAL_CSS_ETAG);
    reply.header('cache-control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    reply.header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === PORTAL_CSS_ETAG) return reply.code(304).send();
    return reply.type('text/css; charset=utf-8').send(PORTAL_CSS);
  });

  app.get('/sitemap.xml', async (request, reply) => {
    const origin = originOf(request, options.publicUrl);
    const agencies = await repo.listAgencies(db);
    const byId = new Map(agencies.map((a) => [a.id, a]));
    const entries: SitemapEntry[] = [{ loc: `${origin}/` }];
    for (const agency of agencies) {
      for (const path of ['', 'guide', 'catalogue', 'statutory', 'search', 'reports']) entries.push({ loc: origin + agencyPath(agency, path) });
    }
    for (const item of await repo.listAllPublishedForSitemap(db)) {
      const agency = byId.get(item.agencyId);
      if (agency !== undefined) entries.push({ loc: origin + agencyPath(agency, `publications/${item.id}`), lastmod: item.updatedAt });
    }
    for (const report of await repo.listAllPublishedReports(db)) {
      const agency = byId.get(report.agencyId);
      if (agency !== undefined) entries.push({ loc: origin + agencyPath(agency, `reports/${report.year}`), lastmod: report.publishedAt });
    }
    return reply.header('x-content-type-options', 'nosniff').type('application/xml; charset=utf-8').send(renderSitemap(entries));
  });

  // ------------------------------------------------------------ agency pages

  // /demo → /demo/ (reserved words such as /console are matched by their own routes first).
  app.get('/:code', async (request, reply) => {
    const { code } = request.params as Params;
    if (code === undefined || RESERVED_SEGMENTS.has(code)) return reply.callNotFound();
    if (AGENCY_CODE.test(code) && (await repo.findAgencyByCode(db, code)) !== undefined) return reply.redirect(`/${encodeURIComponent(code)}/`, 301);
    return unknownAgency(request, reply);
  });

  app.get(
    '/:code/',
    agencyPage(async (agency) => {
      const latest = await repo.listLatestPublished(db, agency.id, LATEST_ON_HOME);
      const total = await repo.countPublished(db, agency.id, {});
      return page(renderAgencyHome(agency, latest, total));
    }),
  );

  app.get(
    '/:code/guide',
    agencyPage(async (agency) => page(renderGuide(agency, await repo.findPortalGuide(db, agency.id)))),
  );

  app.get(
    '/:code/catalogue',
    agencyPage(async (agency) => {
      const { tree } = await catalogueTree(agency);
      return page(renderCatalogue(agency, tree, await repo.countPublished(db, agency.id, {})));
    }),
  );

  app.get(
    '/:code/catalogue/:node',
    agencyPage(async (agency, params, request) => {
      const { tree } = await catalogueTree(agency);
      const node = tree.byCode(params.node ?? '');
      if (node === undefined) return notFound(agency, '该目录分类不存在。');
      const pageNumber = parsePageParam((request.query as Params).page);
      if (pageNumber === null) return badRequest(agency, '页码须为正整数。');
      const filter = { categoryCodes: tree.subtreeCodes(node.code) };
      // The tree's counts already hold the node's total: no second count over the items.
      const total = tree.subtreeCount(node.code);
      const window = pageWindow(total, pageNumber);
      if (window === null) return notFound(agency, `本分类共 ${Math.max(1, Math.ceil(total / PORTAL_PAGE_SIZE))} 页，没有第 ${pageNumber} 页。`);
      const items = await repo.listPublished(db, agency.id, filter, window);
      return page(renderCatalogueNode(agency, tree, node, items, window, total));
    }),
  );

  app.get(
    '/:code/statutory',
    agencyPage(async (agency) => {
      const { tree, counts } = await catalogueTree(agency);
      const items = article20Codes().map((item) => ({ item, node: tree.byCode(item.code), codes: tree.byCode(item.code) === undefined ? [item.code] : tree.subtreeCodes(item.code) }));
      // One query for all 15 items: the newest few of every category involved, grouped here.
      const newest = await repo.listNewestPerCategory(db, agency.id, [...new Set(items.flatMap((i) => i.codes))], STATUTORY_ITEMS_SHOWN);
      const groups: StatutoryGroup[] = items.map(({ item, node, codes }) => ({
        ...item,
        name: node?.name ?? item.name,
        inCatalogue: node !== undefined,
        total: node === undefined ? (counts.get(item.code) ?? 0) : tree.subtreeCount(item.code),
        items: newest.filter((row) => codes.includes(row.categoryCode)).slice(0, STATUTORY_ITEMS_SHOWN),
      }));
      return page(renderStatutory(agency, groups));
    }),
  );

  const publicationId = (raw: string | undefined): number | null => (raw !== undefined && /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null);

  app.get(
    '/:code/publications/:id',
    agencyPage(async (agency, params) => {
      const id = publicationId(params.id);
      const item = id === null ? undefined : await repo.findPublishedItem(db, agency.id, id);
      if (item === undefined) return notFound(agency, '该信息不存在或已不再公开。');
      const attachments = await repo.listPublicAttachments(db, item.id);
      const nodes = await repo.findPortalCatalogue(db, agency);
      const tree = buildCatalogueTree(nodes, new Map());
      return page(renderPublication(agency, item, attachments, { node: tree.byCode(item.categoryCode), ancestors: tree.ancestors(item.categoryCode) }));
    }),
  );

  // Attachments of published items only; the bytes are not cached (they may be large).
  app.get('/:code/publications/:id/attachments/:attachmentId', async (request, reply) => {
    const params = request.params as Params;
    const code = params.code ?? '';
    if (RESERVED_SEGMENTS.has(code)) return reply.callNotFound();
    const agency = AGENCY_CODE.test(code) ? await repo.findAgencyByCode(db, code) : undefined;
    const id = publicationId(params.id);
    const attachmentId = publicationId(params.attachmentId);
    const attachment = agency === undefined || id === null || attachmentId === null ? undefined : await repo.findPublicAttachment(db, agency.id, id, attachmentId);
    if (agency === undefined) return unknownAgency(request, reply);
    if (attachment === undefined) return send(reply, notFound(agency, '该附件不存在或已不再公开。'));
    const extension = Object.values(ATTACHMENT_TYPES).find((t) => t.mediaType === attachment.mediaType)?.extension ?? 'bin';
    return reply
      .headers({
        'content-type': attachment.mediaType,
        'content-disposition': contentDisposition(attachment.fileName, `attachment-${attachment.id}.${extension}`),
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'public, max-age=300',
      })
      .send(Buffer.from(await readAttachmentBytes(fileStorage, { id: attachment.id, storage_key: attachment.storageKey, content: attachment.content })));
  });

  app.get(
    '/:code/search',
    agencyPage(async (agency, _params, request) => {
      const query = request.query as Params;
      const text = (value: string | undefined) => (typeof value === 'string' ? value.trim() : '');
      const state: SearchFormState = { q: text(query.q).slice(0, MAX_QUERY_LENGTH + 1), category: text(query.category), year: text(query.year), validity: text(query.validity) };
      const { tree } = await catalogueTree(agency);
      const years = await repo.listPublishedYears(db, agency.id);
      const answer = (results: SearchResults | null, error: string | null, status = 200) => page(renderSearch(agency, { state, tree, years, results, error }), status);

      if (state.category !== '' && tree.byCode(state.category) === undefined) return answer(null, '所选目录类别不存在，请重新选择。', 400);
      if (state.year !== '' && !/^(19|20|21)\d{2}$/.test(state.year)) return answer(null, '发布年度须为四位数年份。', 400);
      if (state.validity !== '' && !VALIDITY_STATUSES.some((s) => s.code === state.validity)) return answer(null, '有效性的取值不正确，请重新选择。', 400);
      const pageNumber = parsePageParam(query.page);
      if (pageNumber === null) return answer(null, '页码须为正整数。', 400);
      if (state.q === '' && state.category === '' && state.year === '' && state.validity === '') return answer(null, null);

      const year = state.year === '' ? undefined : Number(state.year);
      const validity = state.validity === '' ? undefined : state.validity;
      if (state.q === '') {
        // Filters only: the items that match, newest first (no words to rank or mark).
        const filter = { ...(state.category === '' ? {} : { categoryCodes: tree.subtreeCodes(state.category) }), ...(year === undefined ? {} : { year }), ...(validity === undefined ? {} : { validity }) };
        const total = await repo.countPublished(db, agency.id, filter);
        const window = pageWindow(total, pageNumber);
        if (window === null) return answer(null, `检索结果共 ${Math.max(1, Math.ceil(total / PORTAL_PAGE_SIZE))} 页，没有第 ${pageNumber} 页。`, 404);
        const rows = await repo.listPublished(db, agency.id, filter, window);
        const hits = rows.map((row) => ({
          publicationId: row.id,
          agencyId: agency.id,
          title: row.title,
          titleHtml: escapeForMark(row.title),
          snippetHtml: '',
          indexNumber: '',
          documentNumber: row.documentNumber,
          issuer: agency.name,
          publishedOn: row.publishedOn,
          categoryCode: row.categoryCode,
          kind: '',
          validity: row.validity,
        }));
        return answer({ hits, total, totalIsLowerBound: false, window }, null);
      }
      const offset = (pageNumber - 1) * PORTAL_PAGE_SIZE;
      if (offset + PORTAL_PAGE_SIZE > COUNT_LIMIT) return answer(null, `只能查看前 ${COUNT_LIMIT} 条结果，请增加检索词或筛选条件缩小范围。`, 400);
      try {
        // The category filter of the index is one code: a parent category is searched with its own code only.
        const result = await search.search({
          text: state.q,
          agencyIds: [agency.id],
          ...(state.category === '' ? {} : { categoryCode: state.category }),
          ...(year === undefined ? {} : { year }),
          ...(validity === undefined ? {} : { validity }),
          limit: PORTAL_PAGE_SIZE,
          offset,
        });
        const window = pageWindow(result.total, pageNumber);
        if (window === null) return answer(null, `检索结果共 ${Math.max(1, Math.ceil(result.total / PORTAL_PAGE_SIZE))} 页，没有第 ${pageNumber} 页。`, 404);
        return answer({ hits: result.items, total: result.total, totalIsLowerBound: result.totalIsLowerBound, window }, null);
      } catch (error) {
        if (isDomainError(error) && error.code === 'BAD_INPUT') return answer(null, error.userMessage, 400);
        throw error;
      }
    }),
  );

  app.get(
    '/:code/reports',
    agencyPage(async (agency) => page(renderReportList(agency, await repo.listPublishedReportYears(db, agency.id)))),
  );

  app.get(
    '/:code/reports/:year',
    agencyPage(async (agency, params) => {
      const year = /^\d{4}$/.test(params.year ?? '') ? Number(params.year) : null;
      const json = year === null ? undefined : await repo.findPublishedReportJson(db, agency.id, year);
      if (year === null || json === undefined) return notFound(agency, '该年度报告尚未发布。');
      const report = parseReportJson(json);
      const title = reportTitle({ agencyName: report.agencyName ?? agency.name, year });
      // standalone: the report's <style> goes in the <head>, which we drop; portal.css carries the same rules.
      const full = renderReportHtml(report, { standalone: true, title });
      const article = full.slice(full.indexOf('<article'), full.lastIndexOf('</article>') + '</article>'.length);
      return page(renderReport(agency, year, title, article));
    }),
  );

  app.get('/:code/feed.atom', async (request, reply) => {
    const { code = '' } = request.params as Params;
    if (RESERVED_SEGMENTS.has(code)) return reply.callNotFound();
    const agency = AGENCY_CODE.test(code) ? await repo.findAgencyByCode(db, code) : undefined;
    if (agency === undefined) return unknownAgency(request, reply);
    const origin = originOf(request, options.publicUrl);
    const items = await repo.listFeedItems(db, agency.id, FEED_ENTRIES);
    const xml = renderAtomFeed({
      title: `${agency.name}最新公开信息`,
      link: origin + agencyPath(agency),
      self: origin + agencyPath(agency, 'feed.atom'),
      fallbackUpdated: new Date(0).toISOString(),
      entries: items.map((item) => ({
        title: item.title,
        link: origin + agencyPath(agency, `publications/${item.id}`),
        publishedOn: item.publishedOn,
        updated: item.updatedAt,
        summary: item.summary,
        author: item.issuer,
      })),
    });
    return reply.header('x-content-type-options', 'nosniff').type('application/atom+xml; charset=utf-8').send(xml);
  });

  // Anything else under an agency: the portal's 404 (the 依申请公开 paths are matched first by their own routes).
  app.get(
    '/:code/*',
    agencyPage(async (agency) => notFound(agency)),
  );
}

function escapeForMark(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/**
 * The platform's home page at `/`, listing the agencies grouped under their parents. Not called
 * yet: `/` is still the reports home (report.routes.ts); app.ts switches it over.
 */
export async function registerPortalHome(app: FastifyInstance, options: { db: Kysely<Database> }): Promise<void> {
  const cache = createPageCache(options.db);
  app.get('/', async (request, reply) => {
    const answer = await cache.get('/', async () => page(renderPlatformHome(await repo.listAgencies(options.db))));
    return send(reply, answer);
  });
}
