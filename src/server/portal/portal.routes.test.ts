// The portal's pages through app.inject on both engines: two agencies on one server, each with its
// own items only; published items shown, drafts and withdrawn items not; escaping; headers; paging
// worked out by hand; sitemap and Atom well-formed.
import { parse } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { ROLE_CODES } from '../../domain/account/roles.ts';
import type { PublicationFields } from '../../domain/publication/publication.ts';
import type { PublicationImportRow } from '../../domain/publication/parse-publication-import.ts';
import { createSampleReport } from '../../domain/report/render/create-sample-report.ts';
import { renderReportJson } from '../../domain/report/render/render-report-json.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { buildApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import { insertGuideVersion } from '../disclosure-settings/disclosure-settings.repository.ts';
import { insertAttachment } from '../publications/publication.repository.ts';
import { createPublicationService } from '../publications/publication.service.ts';
import { createPublicationSearch } from '../search/publication-search.ts';
import { PORTAL_CSS_HASH } from './portal-assets.ts';
import { PORTAL_CSP } from './portal-security.ts';

const IMPORTER = 'u-importer-7f3a';
const SCRIPT_TITLE = '<script>alert("x")</script>关于公开的通知';

function fields(title: string, categoryCode: string, overrides: Partial<PublicationFields> = {}): PublicationFields {
  return {
    title,
    bodyHtml: '<p>示范内容，涉及办事指南。</p>',
    summary: '',
    documentNumber: null,
    issuer: '示范市示范局',
    writtenOn: '2025-01-02',
    kind: 'other',
    categoryCode,
    channels: ['website'],
    validity: { status: 'effective', effectiveFrom: null, endedOn: null },
    ...overrides,
  };
}

let line = 1;
const row = (publishedOn: string, f: PublicationFields): PublicationImportRow => ({ line: (line += 1), fields: f, indexNumber: null, publishedOn });

/** XML well-formedness for what we emit: balanced tags, only the five entities and numeric ones, no stray < or &. */
function isWellFormedXml(xml: string): boolean {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  let at = 0;
  for (let match = tag.exec(body); match !== null; match = tag.exec(body)) {
    const text = body.slice(at, match.index);
    if (/[<>]/.test(text) || /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) return false;
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(match[3] ?? '')) return false;
    at = match.index + match[0].length;
    const [, closing, name, , selfClosing] = match;
    if (closing === '/') {
      if (stack.pop() !== name) return false;
    } else if (selfClosing !== '/') stack.push(name!);
  }
  return stack.length === 0 && body.slice(at).trim() === '';
}

describe('isWellFormedXml (the test helper)', () => {
  it('accepts balanced escaped XML and refuses a raw < or an open tag', () => {
    expect(isWellFormedXml('<?xml version="1.0"?>\n<a x="1"><b>&lt;c&gt; &amp;</b><d/></a>')).toBe(true);
    expect(isWellFormedXml('<a><b>x < y</b></a>')).toBe(false);
    expect(isWellFormedXml('<a><b>x</a>')).toBe(false);
    expect(isWellFormedXml('<a>AT&T</a>')).toBe(false);
  });
});

describeEachDatabase('portal pages', (database) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  const ids: Record<string, number> = {};
  let attachmentId = 0;
  let draftAttachmentId = 0;
  const service = () => createPublicationService({ db: database.db, today: () => '2025-06-01', search: createPublicationSearch({ db: database.db }) });
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  const dom = (body: string) => parse(body);
  const idOf = async (title: string) =>
    (await database.db.selectFrom('publications').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    const agencies = createAgenciesRepository(database.db);
    const a = await agencies.createAgency({ code: 'sfj', name: '示范市示范局', level: 'municipal' });
    const b = await agencies.createAgency({ code: 'yiju', name: '示范市乙局', level: 'municipal', parentId: a.id });
    for (const [agencyId, creditCode] of [[a.id, '91350100M000100Y43'], [b.id, '11350100MB0000000X']] as const) {
      await database.db.insertInto('disclosure_settings').values({ agency_id: agencyId, credit_code: creditCode, index_number_pattern: '{agencyCode}-{year}-{seq:5}', review_chain: null, checklist: null, updated_by: 'setup' }).execute();
    }
    await insertGuideVersion(
      database.db,
      a.id,
      1,
      {
        classification: '本机关政府信息分为主动公开和依申请公开两类。',
        arrangement: '按目录分类编排。\n每类按发布日期排列。',
        howToObtain: '通过本专栏查阅，或依申请获取。',
        officeName: '示范市示范局办公室',
        officeAddress: '示范市人民路1号',
        officeHours: '工作日 9:00—17:00',
        phone: '0000-12345678',
        fax: '',
        internetContact: 'gk@example.gov.cn',
      },
      'setup',
    );
    const rows: PublicationImportRow[] = [];
    for (let n = 1; n <= 24; n += 1) rows.push(row(`2025-03-${String(n).padStart(2, '0')}`, fields(`政策文件第${n}号`, 'a20-01')));
    rows.push(row('2025-04-01', fields(SCRIPT_TITLE, 'a20-01', { summary: '关于<公开>的 "通知" & 说明' })));
    rows.push(row('2024-05-01', fields('已废止的管理办法', 'a20-02', { bodyHtml: '<p>办法正文。</p>', documentNumber: '示政发〔2024〕1号', writtenOn: '2024-01-02', validity: { status: 'repealed', effectiveFrom: null, endedOn: '2025-06-30' } })));
    rows.push(row('2024-06-01', fields('已失效的工作方案', 'a20-02', { bodyHtml: '<p>方案正文。</p>', writtenOn: '2024-01-02', validity: { status: 'expired', effectiveFrom: null, endedOn: '2025-01-31' } })));
    rows.push(row('2025-05-01', fields('将撤回的信息', 'a20-03')));
    await service().importPublications('sfj', rows, IMPORTER, { dryRun: false, actorRoles: ROLE_CODES });
    await service().importPublications('yiju', [row('2025-02-01', fields('乙局专属政策文件', 'a20-01', { issuer: '示范市乙局' }))], IMPORTER, { dryRun: false, actorRoles: ROLE_CODES });
    for (const title of ['政策文件第1号', '已废止的管理办法', '将撤回的信息', '乙局专属政策文件', SCRIPT_TITLE]) ids[title] = await idOf(title);
    const draft = await service().createDraft('sfj', { ...fields('内部草稿信息', 'a20-01'), channels: ['website'] }, IMPORTER, ROLE_CODES);
    ids.draft = draft.id;

    const pdf = new TextEncoder().encode('%PDF-1.4\n%test\n');
    const attach = (publicationId: number, fileName: string) =>
      insertAttachment(database.db, { agencyId: a.id, publicationId, fileName, mediaType: 'application/pdf', size: 1536, sha256: 'x', content: pdf, text: '', createdBy: IMPORTER });
    attachmentId = await attach(ids['政策文件第1号']!, '附件一：实施细则.pdf');
    draftAttachmentId = await attach(ids.draft, '草稿附件.pdf');

    // 2025 published; 2024 finalized only (not public).
    const report = { ...createSampleReport(), agencyName: '示范市示范局', year: 2025 };
    const json = renderReportJson(report);
    await database.db.insertInto('annual_reports').values({ agency_id: a.id, year: 2025, state: 'published', version: 5, final_json: json, published_json: json, published_at: '2026-01-20T02:00:00.000Z' }).execute();
    await database.db.insertInto('annual_reports').values({ agency_id: a.id, year: 2024, state: 'finalized', version: 4, final_json: json, published_json: null, published_at: null }).execute();

    app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: database.db });
    // Seen once before the withdrawal, so a cached copy would show if the cache missed the change.
    expect((await get(`/sfj/publications/${ids['将撤回的信息']}`)).statusCode).toBe(200);
    const version = (await service().getPublication(ids['将撤回的信息']!)).version;
    await service().withdraw(ids['将撤回的信息']!, version, '内容有误', 'u-admin', ROLE_CODES);
  });

  it('every page has lang zh-CN, a title, a description, the CSP and nosniff', async () => {
    for (const url of ['/sfj/', '/sfj/guide', '/sfj/catalogue', '/sfj/catalogue/a20-01', '/sfj/statutory', `/sfj/publications/${ids['政策文件第1号']}`, '/sfj/search?q=政策', '/sfj/reports', '/sfj/reports/2025']) {
      const res = await get(encodeURI(url));
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(PORTAL_CSP);
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      const root = dom(res.body);
      expect(root.querySelector('html')?.getAttribute('lang')).toBe('zh-CN');
      expect(root.querySelector('title')?.text).toMatch(/示范市示范局 - 政府信息公开$/);
      expect(root.querySelector('meta[name="description"]')?.getAttribute('content')?.length).toBeGreaterThan(5);
      expect(root.querySelectorAll('h1')).toHaveLength(1);
      expect(res.body).not.toContain('<script');
      expect(res.body).not.toContain('style=');
      expect(res.body).not.toContain('<style');
      // No personal data: not even the staff login of whoever imported the items.
      expect(res.body).not.toContain(IMPORTER);
      expect(res.body).toContain(`/assets/portal.css?v=${PORTAL_CSS_HASH}`);
    }
  });

  it('agency home: the sections and the 10 newest published items, newest first', async () => {
    const root = dom((await get('/sfj/')).body);
    expect(root.querySelector('h1')?.text).toBe('示范市示范局政府信息公开专栏');
    // 24 + 1 + 2 published after the withdrawal.
    expect(root.querySelector('.lead')?.text).toContain('现有主动公开信息 27 条');
    const titles = root.querySelectorAll('.item-list .item-title a').map((a) => a.text);
    expect(titles).toEqual([SCRIPT_TITLE, ...[24, 23, 22, 21, 20, 19, 18, 17, 16].map((n) => `政策文件第${n}号`)]);
    expect(root.querySelectorAll('.sections a').map((a) => a.getAttribute('href'))).toEqual(['/sfj/guide', '/sfj/catalogue', '/sfj/statutory', '/sfj/search', '/sfj/reports', '/sfj/apply']);
    expect(root.querySelector('nav.site-nav a[aria-current="page"]')?.text).toBe('首页');
  });

  it('guide: every 第十二条 item of the current version', async () => {
    const res = await get('/sfj/guide');
    const root = dom(res.body);
    expect(root.querySelectorAll('h2').map((h) => h.text)).toEqual(['一、政府信息的分类', '二、编排体系', '三、获取方式', '四、政府信息公开工作机构']);
    expect(root.querySelectorAll('.guide-section p').map((p) => p.text)).toContain('每类按发布日期排列。');
    const dl = root.querySelectorAll('dl.meta dt').map((dt) => dt.text);
    expect(dl).toEqual(['机构名称', '办公地址', '办公时间', '联系电话', '传真号码', '互联网联系方式']);
    expect(root.querySelectorAll('dl.meta dd').map((dd) => dd.text)).toEqual(['示范市示范局办公室', '示范市人民路1号', '工作日 9:00—17:00', '0000-12345678', '无', 'gk@example.gov.cn']);
    expect(dom((await get('/yiju/guide')).body).querySelector('.empty')?.text).toContain('尚未发布政府信息公开指南');
  });

  it('catalogue tree with published counts; a node lists 20 per page (25 items: 20 + 5)', async () => {
    const tree = dom((await get('/sfj/catalogue')).body);
    const first = tree.querySelector('a[href="/sfj/catalogue/a20-01"]');
    expect(first?.text).toBe('行政法规、规章和规范性文件');
    expect(first?.parentNode?.querySelector('.count')?.text).toBe('（25 条）');
    expect(tree.querySelector('a[href="/sfj/catalogue/a20-02"]')?.parentNode?.querySelector('.count')?.text).toBe('（2 条）');
    // Withdrawn: not counted.
    expect(tree.querySelector('a[href="/sfj/catalogue/a20-03"]')?.parentNode?.querySelector('.count')?.text).toBe('（0 条）');
    // municipal: 15 items of 第二十条 + 7 of 第二十一条.
    expect(tree.querySelectorAll('ul.tree > li')).toHaveLength(22);

    const one = dom((await get('/sfj/catalogue/a20-01')).body);
    expect(one.querySelector('.muted')?.text).toBe('共 25 条，当前显示第 1–20 条。');
    const titles1 = one.querySelectorAll('.item-list .item-title a').map((a) => a.text);
    expect(titles1).toHaveLength(20);
    expect(titles1[0]).toBe(SCRIPT_TITLE);
    expect(titles1[19]).toBe('政策文件第6号');
    expect(one.querySelectorAll('.pager li').map((li) => li.text)).toEqual(['1', '2', '下一页']);
    expect(one.querySelector('.pager a[rel="next"]')?.getAttribute('href')).toBe('/sfj/catalogue/a20-01?page=2');

    const two = dom((await get('/sfj/catalogue/a20-01?page=2')).body);
    expect(two.querySelector('.muted')?.text).toBe('共 25 条，当前显示第 21–25 条。');
    expect(two.querySelectorAll('.item-list .item-title a').map((a) => a.text)).toEqual([5, 4, 3, 2, 1].map((n) => `政策文件第${n}号`));
    expect(two.querySelector('title')?.text).toBe('行政法规、规章和规范性文件（第 2 页） - 示范市示范局 - 政府信息公开');
    expect((await get('/sfj/catalogue/a20-01?page=3')).statusCode).toBe(404);
    expect((await get('/sfj/catalogue/a20-01?page=0')).statusCode).toBe(400);
    expect((await get('/sfj/catalogue/a20-01?page=abc')).statusCode).toBe(400);
    expect((await get('/sfj/catalogue/no-such-node')).statusCode).toBe(404);
  });

  it('statutory content: the 15 items of 第二十条, 5 newest each, with a link to the rest', async () => {
    const root = dom((await get('/sfj/statutory')).body);
    const headings = root.querySelectorAll('h2').map((h) => h.text);
    expect(headings).toHaveLength(15);
    expect(headings[0]).toBe('（一）行政法规、规章和规范性文件');
    expect(headings[14]).toBe('（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息');
    const sections = root.querySelectorAll('section');
    expect(sections[0]!.querySelectorAll('.item-title a').map((a) => a.text)).toEqual([SCRIPT_TITLE, '政策文件第24号', '政策文件第23号', '政策文件第22号', '政策文件第21号']);
    expect(sections[0]!.querySelector('a[href="/sfj/catalogue/a20-01"]')?.text).toContain('查看本项全部 25 条');
    expect(sections[1]!.querySelectorAll('.item-title').map((t) => t.text)).toEqual(['已失效的工作方案失效', '已废止的管理办法废止']);
    expect(sections[2]!.querySelector('.empty')?.text).toBe('本项暂无主动公开信息。');
  });

  it('publication page: metadata block, sanitised body, attachments with sizes; the title escaped', async () => {
    const res = await get(`/sfj/publications/${ids['政策文件第1号']}`);
    const root = dom(res.body);
    const meta = Object.fromEntries(root.querySelectorAll('dl.meta dt').map((dt) => [dt.text, dt.nextElementSibling?.text]));
    expect(meta).toMatchObject({ 发布机构: '示范市示范局', 成文日期: '2025-01-02', 发布日期: '2025-03-01', 文号: '无', 有效性: '有效', 主题分类: '行政法规、规章和规范性文件', 文件类型: '其他' });
    expect(meta['索引号']).toMatch(/\S/);
    expect(root.querySelector('.doc-body')?.innerHTML).toBe('<p>示范内容，涉及办事指南。</p>');
    expect(root.querySelector('.notice')).toBeNull();
    const link = root.querySelector('.attachments a');
    expect(link?.text).toBe('附件一：实施细则.pdf');
    expect(link?.getAttribute('href')).toBe(`/sfj/publications/${ids['政策文件第1号']}/attachments/${attachmentId}`);
    // 1536 bytes = 1.5 KB.
    expect(link?.parentNode?.querySelector('.muted')?.text).toBe('（1.5 KB）');

    const escaped = await get(`/sfj/publications/${ids[SCRIPT_TITLE]}`);
    expect(escaped.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;关于公开的通知');
    expect(escaped.body).not.toContain('<script>');
    expect(dom(escaped.body).querySelector('meta[name="description"]')?.getAttribute('content')).toBe('关于<公开>的 "通知" & 说明');
  });

  it('repealed and expired items say so at the top', async () => {
    const root = dom((await get(`/sfj/publications/${ids['已废止的管理办法']}`)).body);
    expect(root.querySelector('main > .notice, main .notice')?.text).toBe('本文件已废止（废止日期：2025-06-30）。以下内容仅供查阅，不再作为执行依据。');
    expect(Object.fromEntries(root.querySelectorAll('dl.meta dt').map((dt) => [dt.text, dt.nextElementSibling?.text]))).toMatchObject({ 文号: '示政发〔2024〕1号', 有效性: '废止（2025-06-30）' });
    const expired = dom((await get(`/sfj/publications/${await idOf('已失效的工作方案')}`)).body);
    expect(expired.querySelector('.notice')?.text).toBe('本文件已失效（失效日期：2025-01-31）。以下内容仅供查阅，不再作为执行依据。');
  });

  it('withdrawn, draft, another agency’s item and unknown ids answer the Chinese 404 page', async () => {
    for (const url of [`/sfj/publications/${ids['将撤回的信息']}`, `/sfj/publications/${ids.draft}`, `/sfj/publications/${ids['乙局专属政策文件']}`, '/sfj/publications/999999', '/sfj/publications/abc']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-security-policy']).toBe(PORTAL_CSP);
      const root = dom(res.body);
      expect(root.querySelector('h1')?.text).toBe('页面不存在');
      expect(root.querySelector('main p')?.text).toBe('该信息不存在或已不再公开。');
    }
    expect((await get(`/yiju/publications/${ids['乙局专属政策文件']}`)).statusCode).toBe(200);
  });

  it('attachments: public download of a published item only, with the stored type and the Chinese name', async () => {
    const res = await get(`/sfj/publications/${ids['政策文件第1号']}/attachments/${attachmentId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="attachment-${attachmentId}.pdf"; filename*=UTF-8''%E9%99%84%E4%BB%B6%E4%B8%80%EF%BC%9A%E5%AE%9E%E6%96%BD%E7%BB%86%E5%88%99.pdf`,
    );
    expect(res.body).toBe('%PDF-1.4\n%test\n');
    expect((await get(`/sfj/publications/${ids.draft}/attachments/${draftAttachmentId}`)).statusCode).toBe(404);
    // The right attachment under the wrong item or agency.
    expect((await get(`/sfj/publications/${ids.draft}/attachments/${attachmentId}`)).statusCode).toBe(404);
    expect((await get(`/yiju/publications/${ids['政策文件第1号']}/attachments/${attachmentId}`)).statusCode).toBe(404);
  });

  it('search: labelled form, highlighted titles, count and paging (24 matches: 20 + 4), own agency only', async () => {
    const res = await get(`/sfj/search?q=${encodeURIComponent('政策文件')}`);
    expect(res.statusCode).toBe(200);
    const root = dom(res.body);
    for (const id of ['q', 'category', 'year', 'validity']) expect(root.querySelector(`label[for="${id}"]`)).not.toBeNull();
    expect(root.querySelector('.result-count')?.text).toBe('共找到 24 条信息，当前显示第 1–20 条。');
    const titles = root.querySelectorAll('.item-list .item-title a');
    expect(titles).toHaveLength(20);
    expect(titles[0]?.innerHTML).toMatch(/^<mark>政策文件<\/mark>第\d+号$/);
    expect(res.body).not.toContain('乙局专属');
    expect(root.querySelector('.pager a[rel="next"]')?.getAttribute('href')).toBe('/sfj/search?q=%E6%94%BF%E7%AD%96%E6%96%87%E4%BB%B6&page=2');
    const two = dom((await get('/sfj/search?q=%E6%94%BF%E7%AD%96%E6%96%87%E4%BB%B6&page=2')).body);
    expect(two.querySelector('.result-count')?.text).toBe('共找到 24 条信息，当前显示第 21–24 条。');
    expect(two.querySelectorAll('.item-list .item-title a')).toHaveLength(4);
    // The other agency finds its own item only.
    const other = dom((await get(`/yiju/search?q=${encodeURIComponent('政策文件')}`)).body);
    expect(other.querySelector('.result-count')?.text).toBe('共找到 1 条信息，当前显示第 1–1 条。');
    expect(other.querySelector('.item-title a')?.innerHTML).toBe('乙局专属<mark>政策文件</mark>');
  });

  it('search: the title with <script> stays escaped around the marks', async () => {
    const root = dom((await get(`/sfj/search?q=${encodeURIComponent('通知')}`)).body);
    expect(root.querySelector('.item-title a')?.innerHTML).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;关于公开的<mark>通知</mark>');
  });

  it('search: empty, no-result, filter-only and bad-input states in Chinese', async () => {
    expect(dom((await get('/sfj/search')).body).querySelector('.empty')?.text).toBe('请输入检索词，或选择目录类别、发布年度、有效性后点击“搜索”。');
    const none = dom((await get(`/sfj/search?q=${encodeURIComponent('猕猴桃')}`)).body);
    expect(none.querySelector('.empty')?.text).toBe('没有找到与“猕猴桃”相关的信息。建议检查是否有错别字、换用更常用的词，或减少筛选条件。');
    const repealed = dom((await get('/sfj/search?validity=repealed')).body);
    expect(repealed.querySelector('.result-count')?.text).toBe('共找到 1 条信息，当前显示第 1–1 条。');
    expect(repealed.querySelector('.item-title a')?.text).toBe('已废止的管理办法');
    expect(repealed.querySelector('select#validity option[selected]')?.text).toBe('废止');
    const year2024 = dom((await get('/sfj/search?year=2024')).body);
    expect(year2024.querySelectorAll('.item-title a').map((a) => a.text)).toEqual(['已失效的工作方案', '已废止的管理办法']);
    expect(year2024.querySelectorAll('select#year option').map((o) => o.text)).toEqual(['全部年度', '2025年', '2024年']);
    const punct = await get(`/sfj/search?q=${encodeURIComponent('，。')}`);
    expect(punct.statusCode).toBe(400);
    expect(dom(punct.body).querySelector('.notice')?.text).toBe('请输入检索词（不能为空，也不能只有标点符号）。');
    expect((await get('/sfj/search?validity=bogus')).statusCode).toBe(400);
    expect((await get('/sfj/search?category=nope')).statusCode).toBe(400);
  });

  it('annual reports: published years only; the report as HTML with DOCX and PDF links', async () => {
    const list = dom((await get('/sfj/reports')).body);
    expect(list.querySelectorAll('.item-title a').map((a) => [a.text, a.getAttribute('href')])).toEqual([['示范市示范局2025年政府信息公开工作年度报告', '/sfj/reports/2025']]);
    const res = await get('/sfj/reports/2025');
    const root = dom(res.body);
    expect(root.querySelector('h1.gk-title')?.text).toBe('示范市示范局2025年政府信息公开工作年度报告');
    expect(root.querySelectorAll('.downloads a').map((a) => a.getAttribute('href'))).toEqual(['/reports/sfj/2025.docx', '/reports/sfj/2025.pdf']);
    expect(root.querySelectorAll('table.gk-table').length).toBe(3);
    expect((await get('/sfj/reports/2024')).statusCode).toBe(404);
    expect((await get('/yiju/reports/2025')).statusCode).toBe(404);
    expect(dom((await get('/yiju/reports')).body).querySelector('.empty')?.text).toBe('暂无已发布的年度报告。');
  });

  it('two agencies: each portal shows its own items only', async () => {
    const other = await get('/yiju/');
    expect(other.statusCode).toBe(200);
    const root = dom(other.body);
    expect(root.querySelectorAll('.item-title a').map((a) => a.text)).toEqual(['乙局专属政策文件']);
    expect(other.body).not.toContain('政策文件第');
    expect(dom((await get('/yiju/catalogue')).body).querySelector('a[href="/yiju/catalogue/a20-01"]')?.parentNode?.querySelector('.count')?.text).toBe('（1 条）');
  });

  it('unknown agency and unknown paths: the Chinese 404 in the portal layout; /api stays JSON', async () => {
    const browser = { accept: 'text/html,application/xhtml+xml' };
    const res = await get('/nosuch/', browser);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-security-policy']).toBe(PORTAL_CSP);
    const root = dom(res.body);
    expect(root.querySelector('html')?.getAttribute('lang')).toBe('zh-CN');
    expect(root.querySelector('main p')?.text).toBe('找不到该机关的政府信息公开专栏，请从平台首页选择机关。');
    expect((await get('/nosuch/guide', browser)).statusCode).toBe(404);
    // Not a browser (a script calling a wrong path): the platform's JSON 404.
    const script = await get('/nosuch/guide');
    expect(script.statusCode).toBe(404);
    expect(script.json()).toEqual({ error: 'NOT_FOUND', message: '找不到页面或接口：GET /nosuch/guide' });
    const deep = await get('/sfj/no/such/page');
    expect(deep.statusCode).toBe(404);
    expect(dom(deep.body).querySelector('.site-title a')?.text).toBe('示范市示范局');
    expect((await get('/sfj')).headers.location).toBe('/sfj/');
    const api = await get('/api/nosuch');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/json');
  });

  it('the stylesheet: long cache with the content hash, ETag and 304', async () => {
    const res = await get(`/assets/portal.css?v=${PORTAL_CSS_HASH}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body).toContain('.gk-report{');
    expect((await get('/assets/portal.css', { 'if-none-match': `"${PORTAL_CSS_HASH}"` })).statusCode).toBe(304);
  });

  it('sitemap.xml: well-formed, home, each agency’s pages, each published item and report', async () => {
    const res = await get('/sitemap.xml', { host: 'gk.example.gov.cn' });
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(isWellFormedXml(res.body)).toBe(true);
    const locs = [...res.body.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
    // 1 home + 2 agencies × 6 pages + 27 + 1 published items + 1 report.
    expect(locs).toHaveLength(1 + 12 + 28 + 1);
    expect(locs).toContain('http://gk.example.gov.cn/');
    expect(locs).toContain('http://gk.example.gov.cn/yiju/guide');
    expect(locs).toContain(`http://gk.example.gov.cn/sfj/publications/${ids[SCRIPT_TITLE]}`);
    expect(locs).toContain('http://gk.example.gov.cn/sfj/reports/2025');
    expect(locs).not.toContain(`http://gk.example.gov.cn/sfj/publications/${ids['将撤回的信息']}`);
    expect(locs).not.toContain(`http://gk.example.gov.cn/sfj/publications/${ids.draft}`);
  });

  it('feed.atom: Atom 1.0, newest first, titles escaped, updated dates', async () => {
    const res = await get('/sfj/feed.atom', { host: 'gk.example.gov.cn' });
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(isWellFormedXml(res.body)).toBe(true);
    expect(res.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">');
    const entries = res.body.split('<entry>').slice(1);
    expect(entries).toHaveLength(27);
    expect(entries[0]).toContain('<title type="text">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;关于公开的通知</title>');
    expect(entries[0]).toContain('<summary type="text">关于&lt;公开&gt;的 &quot;通知&quot; &amp; 说明</summary>');
    expect(entries[0]).toContain('<published>2025-04-01T00:00:00+08:00</published>');
    expect(entries[0]).toMatch(/<updated>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z<\/updated>/);
    expect(entries[0]).toContain(`<link rel="alternate" type="text/html" href="http://gk.example.gov.cn/sfj/publications/${ids[SCRIPT_TITLE]}"/>`);
    expect(entries[1]).toContain('<title type="text">政策文件第24号</title>');
    expect(res.body).not.toContain('将撤回的信息');
    expect(res.body).not.toContain('乙局');
  });
});
