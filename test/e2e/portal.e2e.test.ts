// The public portal in Chromium on a real server (SQLite, demo data plus imported publications):
// a citizen searches and opens a document; every page type passes axe-core (WCAG 2 A/AA) without
// serious or critical violations and breaks no Content-Security-Policy rule; screenshots at phone
// (390×844) and desktop (1280×900) widths go to test-artifacts/portal-*.png.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_CODES } from '../../src/domain/account/roles.ts';
import type { PublicationFields } from '../../src/domain/publication/publication.ts';
import { parseConfig } from '../../src/server/config.ts';
import { connectDatabase } from '../../src/server/db/connect-database.ts';
import type { DatabaseConnection } from '../../src/server/db/connect-database.ts';
import { DEMO_CREDIT_CODE } from '../../src/server/demo/demo-records.ts';
import { insertGuideVersion } from '../../src/server/disclosure-settings/disclosure-settings.repository.ts';
import type { RunningServer } from '../../src/server/main.ts';
import { startServer } from '../../src/server/main.ts';
import { insertAttachment } from '../../src/server/publications/publication.repository.ts';
import { createPublicationService } from '../../src/server/publications/publication.service.ts';
import { createPublicationSearch } from '../../src/server/search/publication-search.ts';
import { ARTIFACTS, CHROMIUM, hasBrowser } from './support/e2e-server.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

function fields(title: string, categoryCode: string, overrides: Partial<PublicationFields> = {}): PublicationFields {
  return {
    title,
    bodyHtml: '<p>为进一步做好政府信息公开工作，现将有关事项通知如下。</p><p>一、各单位要按照规定及时公开政策文件。</p><p>二、本通知自发布之日起施行。</p>',
    summary: '关于做好政府信息公开工作的通知。',
    documentNumber: '示政办发〔2025〕3号',
    issuer: '示范市示范局',
    writtenOn: '2025-01-02',
    kind: 'other',
    categoryCode,
    channels: ['website'],
    validity: { status: 'effective', effectiveFrom: null, endedOn: null },
    ...overrides,
  };
}

describe.skipIf(!hasBrowser)('public portal in Chromium', () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let connection: DatabaseConnection;
  let repealedId = 0;
  let withAttachmentId = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gongkai-portal-e2e-'));
    const file = join(dataDir, 'e2e.db');
    server = await startServer(parseConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: file, LOG_LEVEL: 'silent' }));
    // A second connection to the same file, as `gongkai import publications` would be.
    connection = await connectDatabase(file);
    const db = connection.db;
    const agency = await db.selectFrom('agencies').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow();
    await db
      .insertInto('disclosure_settings')
      .values({ agency_id: agency.id, credit_code: DEMO_CREDIT_CODE, index_number_pattern: null, review_chain: null, checklist: null, updated_by: 'e2e' })
      .onConflict((oc) => oc.column('agency_id').doNothing())
      .execute();
    await insertGuideVersion(
      db,
      agency.id,
      1,
      {
        classification: '本机关的政府信息分为主动公开的政府信息和依申请公开的政府信息。',
        arrangement: '主动公开的政府信息按信息公开目录分类编排，每类按发布日期由新到旧排列。',
        howToObtain: '主动公开的政府信息可通过本专栏查阅、检索和下载；其他政府信息可依申请获取。',
        officeName: '示范市示范局办公室',
        officeAddress: '示范市人民路1号',
        officeHours: '工作日上午 9:00—12:00，下午 14:00—17:30',
        phone: '0591-00000000',
        fax: '0591-00000001',
        internetContact: 'gk@example.gov.cn',
      },
      'e2e',
    );
    const rows = [];
    for (let n = 1; n <= 24; n += 1) {
      rows.push({ line: n + 1, fields: fields(`关于做好${n}月份政府信息公开工作的通知`, 'a20-01', { documentNumber: `示政办发〔2025〕${n}号` }), indexNumber: null, publishedOn: `2025-03-${String(n).padStart(2, '0')}` });
    }
    rows.push({ line: 30, fields: fields('示范市城市管理办法', 'a20-01', { writtenOn: '2020-03-01', validity: { status: 'repealed', effectiveFrom: null, endedOn: '2025-06-30' } }), indexNumber: null, publishedOn: '2020-03-10' });
    rows.push({ line: 31, fields: fields('示范市2025年财政预算公开说明', 'a20-07', { kind: 'other', documentNumber: null }), indexNumber: null, publishedOn: '2025-02-10' });
    const service = createPublicationService({ db, today: () => '2025-07-01', search: createPublicationSearch({ db }) });
    await service.importPublications('demo', rows, 'e2e-importer', { dryRun: false, actorRoles: ROLE_CODES });
    repealedId = (await db.selectFrom('publications').select('id').where('title', '=', '示范市城市管理办法').executeTakeFirstOrThrow()).id;
    withAttachmentId = (await db.selectFrom('publications').select('id').where('title', '=', '关于做好3月份政府信息公开工作的通知').executeTakeFirstOrThrow()).id;
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    await insertAttachment(db, { agencyId: agency.id, publicationId: withAttachmentId, fileName: '附件：政府信息公开工作安排表.pdf', mediaType: 'application/pdf', size: pdf.length, sha256: 'e2e', content: pdf, text: '', createdBy: 'e2e' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await connection?.close();
    await server?.close();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  const url = (path: string) => new URL(path, server.url).href;

  it('a citizen searches, opens a document and downloads its attachment, by keyboard and link', async () => {
    const page = await browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', acceptDownloads: true });
    await page.goto(url('/demo/'));
    // The first Tab reaches the skip link, which then shows on screen.
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').innerText()).toBe('跳到主要内容');
    const box = await page.locator('.skip-link').boundingBox();
    expect(box !== null && box.x >= 0 && box.y >= 0).toBe(true);
    await page.getByRole('navigation', { name: '栏目导航' }).getByRole('link', { name: '搜索' }).click();
    await page.getByLabel('检索词').fill('政府信息公开');
    await page.getByLabel('有效性').selectOption('effective');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/\/demo\/search\?q=/);
    // The same body in all: 24 通知 + the 财政预算 item (effective); the repealed 办法 is filtered out.
    expect(await page.locator('.result-count').innerText()).toBe('共找到 25 条信息，当前显示第 1–20 条。');
    expect(await page.locator('.item-list mark').first().innerText()).toBe('政府信息公开');
    await page.getByRole('link', { name: '下一页' }).click();
    expect(await page.locator('.result-count').innerText()).toBe('共找到 25 条信息，当前显示第 21–25 条。');
    const first = page.locator('.item-list .item-title a').first();
    const title = await first.innerText();
    await first.click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await page.locator('dl.meta dt').allInnerTexts()).toEqual(['索引号', '发布机构', '主题分类', '文件类型', '成文日期', '发布日期', '文号', '有效性']);
    await page.goto(url(`/demo/publications/${withAttachmentId}`));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '附件：政府信息公开工作安排表.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('附件：政府信息公开工作安排表.pdf');
    await page.close();
  });

  const PAGES: readonly (readonly [name: string, path: () => string])[] = [
    ['home', () => '/demo/'],
    ['guide', () => '/demo/guide'],
    ['catalogue', () => '/demo/catalogue'],
    ['catalogue-node', () => '/demo/catalogue/a20-01?page=2'],
    ['statutory', () => '/demo/statutory'],
    ['publication-repealed', () => `/demo/publications/${repealedId}`],
    ['publication', () => `/demo/publications/${withAttachmentId}`],
    ['search', () => `/demo/search?q=${encodeURIComponent('政府信息公开')}`],
    ['search-empty', () => `/demo/search?q=${encodeURIComponent('猕猴桃')}`],
    ['reports', () => '/demo/reports'],
    ['report', () => '/demo/reports/2025'],
    ['not-found', () => '/nosuch/'],
  ];

  it('every page type: no CSP violation, no serious or critical axe violation; phone and desktop screenshots', async () => {
    // CSP in force: any blocked style or script shows as a console error.
    const strict = await browser.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
    const cspErrors: string[] = [];
    strict.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspErrors.push(`${strict.url()}: ${message.text()}`);
    });
    for (const [, path] of PAGES) await strict.goto(url(path()));
    await strict.close();
    expect(cspErrors).toEqual([]);

    // axe is injected as a script, which the CSP forbids: these contexts bypass it.
    const contexts: [string, BrowserContext][] = [
      ['desktop', await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', bypassCSP: true })],
      ['phone', await browser.newContext({ viewport: PHONE, locale: 'zh-CN', bypassCSP: true, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })],
    ];
    const problems: string[] = [];
    for (const [width, context] of contexts) {
      const page: Page = await context.newPage();
      for (const [name, path] of PAGES) {
        const response = await page.goto(url(path()));
        expect(response?.status(), name).toBe(name === 'not-found' ? 404 : 200);
        await page.addScriptTag({ path: AXE });
        const violations = await page.evaluate(async () => {
          // Runs in the page: axe and document are the browser's (this file is typed without the DOM).
          const browserGlobal = globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> }; document: unknown };
          const result = await browserGlobal.axe.run(browserGlobal.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
          return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
        });
        for (const v of violations) if (v.impact === 'serious' || v.impact === 'critical') problems.push(`${width} ${name}: ${v.id} (${v.impact}) ${v.help} ${JSON.stringify(v.nodes)}`);
        // Nothing wider than the screen at phone width, except inside the report's scrolling tables.
        if (width === 'phone') {
          const overflow = await page.evaluate(() => {
            const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
            return root.scrollWidth - root.clientWidth;
          });
          expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
        }
        await page.screenshot({ path: join(ARTIFACTS, `portal-${name}-${width}.png`), fullPage: true, animations: 'disabled' });
      }
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
