// 监督汇总 in the staff console (Chromium): a 政务公开办 supervisor of the demo agency, whose
// subtree is the demo agency (2025 published by the demo loader), a 区分局 and its 所 created
// through /api/agencies (no records: 未开始, 逾期), and a 站 not on the platform whose published
// report is imported through the screen. The supervisor sees every agency with its status, opens
// the 汇总表, clicks a table 三 cell and sees each agency's share adding up to it, downloads the
// XLSX and opens one agency's report; a clerk has no 监督汇总.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createEmptyReport } from '../../src/domain/report/annual-report.ts';
import { renderReportText } from '../../src/domain/report/render/render-report-text.ts';
import type { E2eServer } from './support/e2e-server.ts';
import { apiAs, hasBrowser, loginToken, screenshot, signIn, startE2eServer } from './support/e2e-server.ts';

// The demo loader's data and published reports are for 2024 and 2025.
const YEAR = 2025;
const SUPERVISOR_PASSWORD = 'Jiandu@2026z';
const IMPORTED_NAME = '示范市示范局检测站';

/** The 站's published report: 3 requests from natural persons, all disclosed; 行政许可 7. */
function importedReportText(): string {
  const report = createEmptyReport(0, IMPORTED_NAME, YEAR);
  report.table2.licensing = 7;
  report.table2.administrativeFees = '0.0000';
  report.table3.received.natural_person = 3;
  report.table3.received.total = 3;
  report.table3.disclosed.natural_person = 3;
  report.table3.disclosed.total = 3;
  report.table3.concludedTotal.natural_person = 3;
  report.table3.concludedTotal.total = 3;
  return renderReportText(report);
}

describe.skipIf(!hasBrowser)('监督汇总 in the staff console (Chromium)', () => {
  let e2e: E2eServer;
  let page: Page;
  /** 自然人 received in 2025 in the demo agency's published report (from the demo data: 28). */
  const DEMO_RECEIVED = 28;

  beforeAll(async () => {
    e2e = await startE2eServer();
    const url = e2e.server.url;
    const admin = await loginToken(url, 'demo-admin');
    for (const body of [
      { code: 'demo-east', name: '示范市示范局东区分局', level: 'county', parentCode: 'demo' },
      { code: 'demo-east-1', name: '东区分局第一所', level: 'township', parentCode: 'demo-east' },
    ]) {
      const created = await apiAs(url, admin, '/api/agencies', { method: 'POST', body });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    const user = await apiAs(url, admin, '/api/users', {
      method: 'POST',
      body: { login: 'demo-supervisor', displayName: '示范政务公开办', initialPassword: 'Chushi@2026j', roles: [{ agencyCode: 'demo', roles: ['supervisor'] }] },
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    // The initial password must be changed before work: done here, so the browser signs in directly.
    const first = await loginToken(url, 'demo-supervisor', 'Chushi@2026j');
    const changed = await apiAs(url, first, '/api/auth/password', { method: 'POST', body: { currentPassword: 'Chushi@2026j', newPassword: SUPERVISOR_PASSWORD } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    page = await e2e.newPage();
    page.setDefaultTimeout(25_000);
  }, 180_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it("lists the subtree's agencies, indented, with their report status and 逾期", async () => {
    await signIn(page, e2e.server.url, 'demo-supervisor', SUPERVISOR_PASSWORD);
    await page.getByRole('menuitem', { name: '监督汇总' }).click();
    await page.getByTestId('supervision-title').waitFor();
    // The year shown first is last year's; the demo data is for 2025.
    if (!(await page.getByTestId('supervision-title').innerText()).includes(`${YEAR}年度`)) {
      await page.getByLabel('年度').click();
      await page.getByTitle(`${YEAR}年度`).click();
    }
    await page.waitForURL(new RegExp(`/console/supervision(/demo/${YEAR})?$`));
    await page.getByTestId('supervision-title').filter({ hasText: `示范市示范局及下级机关 ${YEAR}年度` }).waitFor();
    const demo = page.getByTestId('agency-row-demo');
    const east = page.getByTestId('agency-row-demo-east');
    const east1 = page.getByTestId('agency-row-demo-east-1');
    expect(await demo.innerText()).toContain('已发布');
    // The demo loader publishes when it runs, after 31 January: published late.
    expect(await demo.getByTestId('late-tag').innerText()).toBe('逾期发布');
    expect(await demo.getByRole('link', { name: '公开的报告' }).getAttribute('href')).toBe(`/reports/demo/${YEAR}`);
    for (const row of [east, east1]) {
      expect(await row.getByTestId('supervision-status').innerText()).toBe('未开始');
      // The 2025 reports were due on 31 January 2026.
      expect(await row.getByTestId('late-tag').innerText()).toBe('逾期');
      expect(await row.getByRole('link', { name: '公开的报告' }).count()).toBe(0);
    }
    // Indented by depth: the 所 under the 分局 under the 局.
    const indent = async (code: string) => /padding-left: (\d+)px/.exec((await page.getByTestId(`agency-row-${code}`).locator('td').first().locator('div').first().getAttribute('style')) ?? '')?.[1];
    expect([await indent('demo'), await indent('demo-east'), await indent('demo-east-1')]).toEqual(['0', '24', '48']);
    expect(await page.getByTestId('supervision-deadline').innerText()).toBe(`${YEAR + 1}-01-31`);
    // When the roll-up on screen was computed, on China's clock.
    expect(await page.getByTestId('supervision-computed-at').innerText()).toMatch(/^数据时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await screenshot(page, 'console-supervision-list');

    // Only 未开始: the published 局 leaves the list.
    await page.getByLabel('按报告状态筛选').click();
    await page.getByTitle('未开始').click();
    await demo.waitFor({ state: 'detached' });
    expect(await east.count()).toBe(1);
    await page.getByText('只看逾期的').click();
    expect(await east1.count()).toBe(1);
    await page.getByText('只看逾期的').click();
    await page.getByLabel('按报告状态筛选').click();
    await page.getByTitle('全部状态').click();
    await demo.waitFor();
  });

  it('moves the deadline of the subtree and back to 1月31日', async () => {
    await page.getByRole('button', { name: '修改期限' }).click();
    const picker = page.getByLabel('新的报送期限');
    await picker.fill(`${YEAR + 1}-03-31`);
    await picker.press('Enter');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByTestId('supervision-deadline').filter({ hasText: `${YEAR + 1}-03-31` }).waitFor();
    expect(await page.getByTestId('agency-row-demo-east-1').innerText()).toContain(`${YEAR + 1}-03-31`);
    await screenshot(page, 'console-supervision-deadline');
    await page.getByRole('button', { name: '恢复为1月31日' }).click();
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByTestId('supervision-deadline').filter({ hasText: `${YEAR + 1}-01-31` }).waitFor();
    expect(await page.getByTestId('agency-row-demo-east-1').innerText()).toContain(`${YEAR + 1}-01-31`);
  });

  it("imports the published report of a 站 not on the platform and shows what was read", async () => {
    await page.getByRole('tab', { name: '导入未上平台机关的报告' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: '检测站2025年报.txt', mimeType: 'text/plain', buffer: Buffer.from(importedReportText(), 'utf8') });
    await page.getByRole('button', { name: '开始导入' }).click();
    const results = page.getByTestId('import-results');
    await results.getByText('已导入', { exact: true }).waitFor();
    const line = await results.locator('tbody tr').first().innerText();
    expect(line).toContain('检测站2025年报.txt');
    expect(line).toContain(IMPORTED_NAME);
    expect(line).toContain('新建');
    await screenshot(page, 'console-supervision-import');
    await results.getByText('查看读出的报告').click();
    await page.getByTestId('supervised-agency-title').filter({ hasText: IMPORTED_NAME }).waitFor();
    expect(await page.getByTestId('cell-table3-received-natural_person').innerText()).toBe('3');
    expect(await page.getByTestId('cell-table2-licensing-value').innerText()).toBe('7');
    await page.getByRole('button', { name: /返回/ }).click();
    await page.getByTestId('supervision-title').waitFor();
    await page.getByRole('tab', { name: '各机关报送情况' }).click();
    const imported = page.locator('tr[data-testid^="agency-row-"]').filter({ hasText: IMPORTED_NAME });
    expect(await imported.innerText()).toContain('已发布');
    expect(await imported.innerText()).toContain('未上平台');
  });

  it('adds table 三 up over the subtree; a cell lists each agency\'s share', async () => {
    await page.getByRole('tab', { name: /汇总表/ }).click();
    const cell = page.getByTestId('cell-table3-received-natural_person');
    // 28 (示范局, published) + 0 (东区分局 and its 所, no records) + 3 (检测站, imported).
    expect(await cell.innerText()).toBe(String(DEMO_RECEIVED + 3));
    await cell.click();
    await page.getByTestId('cell-total').waitFor();
    expect(await page.getByTestId('cell-total').innerText()).toBe('31');
    const value = async (code: string) => page.locator(`[data-testid="contribution-${code}"] [data-testid="contribution-value"]`).innerText();
    expect(await value('demo')).toBe('28');
    const rows = page.locator('[data-testid^="contribution-"] [data-testid="contribution-value"]');
    const values = await rows.allInnerTexts();
    // 示范局, 东区分局, 第一所, 检测站: four agencies, whose numbers add up to the cell.
    expect(values).toHaveLength(4);
    expect(values.filter((v) => v !== '未填').reduce((sum, v) => sum + Number(v), 0)).toBe(31);
    expect(values).toContain('3');
    // Answered from the view's snapshot: same data time as the screen, no "recomputed" warning.
    const shownAt = (await page.getByTestId('supervision-computed-at').innerText()).replace('数据时间：', '');
    expect(await page.getByTestId('cell-computed-at').innerText()).toBe(`（数据时间：${shownAt}）`);
    expect(await page.getByTestId('cell-recomputed').count()).toBe(0);
    await screenshot(page, 'console-supervision-cell');
    await page.keyboard.press('Escape');
    await page.getByTestId('cell-total').waitFor({ state: 'hidden' });
    await screenshot(page, 'console-supervision-tables');
  });

  it('downloads the 汇总表 as XLSX', async () => {
    expect(await page.getByTestId('supervision-export-xlsx').getAttribute('href')).toMatch(new RegExp(`^/api/supervision/demo/${YEAR}/export\\.xlsx\\?snapshot=[A-Za-z0-9_-]{22}$`));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('supervision-export-xlsx').click()]);
    expect(download.suggestedFilename()).toBe(`示范市示范局${YEAR}年度政府信息公开工作年度报告汇总表.xlsx`);
    const file = readFileSync(await download.path());
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it("opens one agency's report from the list", async () => {
    await page.getByRole('tab', { name: '各机关报送情况' }).click();
    await page.getByTestId('agency-row-demo-east').getByRole('link', { name: '查看详情' }).click();
    await page.waitForURL(new RegExp(`/console/supervision/demo/${YEAR}/demo-east$`));
    await page.getByTestId('supervised-agency-title').filter({ hasText: '示范市示范局东区分局' }).waitFor();
    expect(await page.getByTestId('supervision-status').first().innerText()).toBe('未开始');
    await screenshot(page, 'console-supervision-agency');
  });

  it('shows a clerk no 监督汇总, and refuses the page if typed', async () => {
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.getByLabel('登录名').waitFor();
    await signIn(page, e2e.server.url, 'demo-clerk');
    await page.getByRole('menuitem', { name: '年度报告' }).waitFor();
    expect(await page.getByRole('menuitem', { name: '监督汇总' }).count()).toBe(0);
    await page.goto(new URL('/console/supervision', e2e.server.url).href);
    await page.getByText('无权查看监督汇总').waitFor();
  });
});
