// The report pages in a real browser (Debian's Chromium through playwright-core): what a
// person sees and clicks, on a real server with the SQLite database and the demo data.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { parseConfig } from '../../src/server/config.ts';
import type { RunningServer } from '../../src/server/main.ts';
import { startServer } from '../../src/server/main.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'reports');
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
// In CI the browser must be there (.ci/run installs it); elsewhere say why the test is skipped.
const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser && process.env.CI === 'true') throw new Error(`Chromium not found at ${CHROMIUM}; .ci/run installs the chromium package`);

describe.skipIf(!hasBrowser)('report pages in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gongkai-e2e-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: join(dataDir, 'e2e.db'), LOG_LEVEL: 'silent' });
    server = await startServer(config);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leads from the home page to the demo report, whose tables and downloads work', async () => {
    await page.goto(server.url);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    // Platform home → the agency's portal → 年度报告 → the 2025 report.
    await page.getByRole('link', { name: '示范市示范局' }).first().click();
    await page.getByRole('navigation', { name: '栏目导航' }).getByRole('link', { name: '年度报告' }).click();
    await page.getByRole('link', { name: '示范市示范局2025年政府信息公开工作年度报告' }).click();
    await page.waitForURL(/\/demo\/reports\/2025$/);
    await page.getByRole('heading', { name: /三、收到和处理政府信息公开申请情况/ }).first().waitFor();
    // 一 + 二 = （七）总计 + 四 in the 总计 column, read off the page as a person would.
    const total = async (row: string) => Number(await page.locator(`td[data-table="table3"][data-row="${row}"][data-column="total"]`).innerText());
    expect((await total('received')) + (await total('carriedIn'))).toBe((await total('concludedTotal')) + (await total('carriedOver')));
    expect(await total('carriedIn')).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'report-page.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /DOCX/ }).click()]);
    expect(download.suggestedFilename()).toBe('示范市示范局2025年政府信息公开工作年度报告.docx');
    const saved = join(dataDir, 'report.docx');
    await download.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('checks an uploaded report and marks each finding on its cell', async () => {
    await page.goto(new URL('/tools/lint', server.url).href);
    await page.getByLabel('上传报告文件').setInputFiles(join(FIXTURES, '2021-luohe-shangwuju.txt'));
    await page.getByLabel(/河南省格式/).check();
    await page.getByRole('button', { name: '检查报告' }).click();
    await page.waitForLoadState('domcontentloaded');

    const body = await page.locator('body').innerText();
    expect(body).toContain('TXT-APPS');
    expect(body).toContain('T2-FEE');
    expect(body).toContain('FEE-STATEMENT');
    // The fee cell carries the T2-FEE mark; the 社会组织 column header the STRUCT-LABELS one.
    expect(await page.locator('[data-table="table2"][data-row="administrativeFees"].has-error[data-rule-ids~="T2-FEE"]').count()).toBe(1);
    expect(await page.locator('.has-warning[data-rule-ids~="STRUCT-LABELS"]').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: join(ARTIFACTS, 'lint-result.png'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(ARTIFACTS, 'lint-result-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('answers a file that is not a report with a plain Chinese message', async () => {
    await page.goto(new URL('/tools/lint', server.url).href);
    await page.getByLabel('上传报告文件').setInputFiles({ name: 'photo.txt', mimeType: 'text/plain', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]) });
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/tools/lint') && r.request().method() === 'POST'), page.getByRole('button', { name: '检查报告' }).click()]);
    expect(response.status()).toBe(422);
    const alert = await page.getByRole('alert').innerText();
    expect(alert).toMatch(/[\u4e00-\u9fff]/);
    expect(alert).not.toMatch(/Error:|at .*\.ts:\d+/);
  });
});
