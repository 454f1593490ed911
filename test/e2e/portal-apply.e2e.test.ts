// 依申请公开 in a real browser (Debian's Chromium through playwright-core) on a real server with the
// demo data: a citizen fills in the form, solves the challenge by reading it, uploads a small PNG,
// reads the receipt, then finds the case with the query code. axe-core checks each page type
// (WCAG 2 A/AA rules: no serious or critical violation); screenshots at phone and desktop width.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/server/config.ts';
import type { RunningServer } from '../../src/server/main.ts';
import { startServer } from '../../src/server/main.ts';
import { CHROMIUM, hasBrowser, ROOT, screenshot } from './support/e2e-server.ts';

// A 1×1 PNG (a grey pixel): signature, IHDR, IDAT, IEND.
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64');
const ID_NUMBER = '11010519491231002X';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's WCAG 2 A/AA rules on the page; the serious and critical violations. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: join(ROOT, 'node_modules/axe-core/axe.min.js') });
  // A string, run in the page: the server's tsconfig has no DOM types.
  const violations = (await page.evaluate(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((result) => result.violations)",
  )) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Reads the question off the label, as a person would, and works it out. */
async function solveChallenge(page: Page): Promise<string> {
  const label = await page.locator('label[for=f-challengeAnswer]').innerText();
  const match = /请计算：(\d+) (加|减) (\d+) 等于几？/.exec(label);
  if (match === null) throw new Error(`no challenge in: ${label}`);
  return String(match[2] === '加' ? Number(match[1]) + Number(match[3]) : Number(match[1]) - Number(match[3]));
}

describe.skipIf(!hasBrowser)('portal 依申请公开 in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gongkai-e2e-apply-'));
    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: join(dataDir, 'e2e.db'), LOG_LEVEL: 'silent' });
    server = await startServer(config);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const [device, viewport] of [
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    it(`a citizen applies, keeps the code and reads the status (${device})`, async () => {
      // bypassCSP only lets the test inject axe-core; the pages themselves allow no script.
      const page = await browser.newPage({ viewport, locale: 'zh-CN', bypassCSP: true });
      try {
        await page.goto(new URL('/demo/apply', server.url).href);
        expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
        await page.getByRole('heading', { level: 1, name: '政府信息公开申请' }).waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, `portal-apply-form-${device}`);

        // First a slip: the challenge left empty. The form comes back with the summary and the values.
        await page.getByLabel('公民', { exact: true }).check();
        await page.getByLabel('申请人姓名或者单位名称').fill('李四');
        await page.getByLabel('身份证号码').fill(ID_NUMBER);
        await page.getByLabel('联系电话').fill('13900139000');
        await page.getByLabel('通信地址').fill('示范市示范路2号 100000');
        await page.getByLabel('所需政府信息的描述').fill('示范局2025年示范路养护工程的合同');
        await page.getByLabel('纸质').check();
        await page.getByLabel('邮寄').check();
        await page.getByLabel('身份证明文件').setInputFiles({ name: '身份证.png', mimeType: 'image/png', buffer: PNG_1X1 });
        await page.getByLabel('我已阅读并确认以上声明').check();
        await page.getByRole('button', { name: '提交申请' }).click();
        await page.locator('.error-summary').waitFor();
        expect(await page.title()).toMatch(/^错误：/);
        expect(await page.locator('.error-summary li').allInnerTexts()).toEqual(['请重新选择身份证明文件：为保护您的信息，出错后页面不保留已选择的文件', '请填写验证题的答案']);
        expect(await page.getByLabel('申请人姓名或者单位名称').inputValue()).toBe('李四');
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, `portal-apply-errors-${device}`);
        // The summary's link takes the keyboard to the field.
        await page.locator('.error-summary a[href="#f-challengeAnswer"]').click();
        expect(await page.evaluate('document.activeElement?.id')).toBe('f-challengeAnswer');

        await page.getByLabel('身份证明文件').setInputFiles({ name: '身份证.png', mimeType: 'image/png', buffer: PNG_1X1 });
        await page.locator('#f-challengeAnswer').fill(await solveChallenge(page));
        await page.getByRole('button', { name: '提交申请' }).click();
        await page.getByRole('heading', { level: 1, name: '申请已提交' }).waitFor();
        // The receipt is the POST's answer: the code is in no URL.
        expect(new URL(page.url()).pathname).toBe('/demo/apply');
        const [trackingNumber, queryCode] = await page.locator('.receipt dd .code-text').allInnerTexts();
        expect(trackingNumber).toMatch(/^DEMO-\d{4}-\d{6}$/);
        expect(queryCode).toMatch(/^[A-Z2-9]{12}$/);
        expect(page.url()).not.toContain(queryCode!);
        expect(await page.locator('.receipt').innerText()).toContain('20 个工作日');
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, `portal-apply-receipt-${device}`);

        await page.getByRole('link', { name: '查询办理进度' }).first().click();
        await page.getByRole('heading', { level: 1, name: '查询申请办理进度' }).waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await page.getByLabel('申请编号').fill(trackingNumber!);
        await page.getByLabel('查询码').fill(queryCode!);
        await page.getByRole('button', { name: '查询' }).click();
        await page.getByRole('heading', { level: 1, name: '申请办理进度' }).waitFor();
        expect(await page.locator('.receipt').innerText()).toContain('办理中');
        expect(await page.locator('.steps li').allInnerTexts()).toHaveLength(1);
        const text = await page.locator('main').innerText();
        for (const personal of ['李四', ID_NUMBER, '13900139000', '示范路2号', queryCode!]) expect(text).not.toContain(personal);
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, `portal-apply-status-${device}`);
      } finally {
        await page.close();
      }
    });
  }
});
