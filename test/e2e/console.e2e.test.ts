// The staff console in a real browser (Debian's Chromium through playwright-core), on a real
// server with the SQLite database and the demo data: sign in through the form, the 工作台
// counts, the 依申请公开 list and search, one case with its timeline, a wrong password, sign out.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/server/demo/demo-users.ts';
import { computeTotp, decodeBase32 } from '../../src/server/accounts/totp.ts';
import type { E2eServer } from './support/e2e-server.ts';
import { apiAs as apiAt, ARTIFACTS, chinaDate, hasBrowser, loginToken, startE2eServer } from './support/e2e-server.ts';

describe.skipIf(!hasBrowser)('staff console in Chromium', () => {
  let e2e: E2eServer;
  let server: E2eServer['server'];
  let page: Page;
  const applicantName = '控制台测试申请人';
  let searchedNumber = '';
  let chiefSecret = '';

  const apiAs = (token: string, path: string, init: { method?: string; body?: unknown } = {}) => apiAt(server.url, token, path, init);

  beforeAll(async () => {
    // Always from the current sources, so the test never checks a stale build (support module).
    e2e = await startE2eServer();
    server = e2e.server;

    // Open cases whose reply period (20 working days, 条例第三十三条) ends soon or has passed:
    // received 20 to 28 calendar days ago, one of them is within 5 working days of its due date
    // whatever the holidays; 60 days ago is past it.
    const token = await loginToken(server.url, 'demo-clerk');
    for (const daysAgo of [20, 22, 24, 26, 28, 60]) {
      const created = await apiAs(token, '/api/agencies/demo/applications', {
        method: 'POST',
        body: {
          channel: 'online',
          receivedOn: chinaDate(daysAgo),
          applicant: { type: 'natural_person', name: daysAgo === 24 ? applicantName : `申请人${daysAgo}`, phone: '13800000000', idNumber: '11010519491231002X' },
          requestedInformation: '本机关2025年政府采购项目的合同文本。',
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      if (daysAgo === 24) searchedNumber = String(created.body.trackingNumber);
    }
    await apiAs(token, '/api/auth/logout', { method: 'POST' });

    // A new colleague whose administrator set an initial password: it must be changed first.
    const adminToken = await loginToken(server.url, 'demo-admin');
    const user = await apiAs(adminToken, '/api/users', {
      method: 'POST',
      body: { login: 'console-new', displayName: '新来的信息员', initialPassword: 'Chushi@2026x', roles: [{ agencyCode: 'demo', roles: ['clerk'] }] },
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    await apiAs(adminToken, '/api/auth/logout', { method: 'POST' });

    // The 科长 uses an authenticator app: the sign-in asks for its 6-digit code.
    const chiefToken = await loginToken(server.url, 'demo-chief');
    chiefSecret = String((await apiAs(chiefToken, '/api/auth/totp/enrol', { method: 'POST' })).body.secret);
    // Confirmed with the previous step's code, so the current one is still unused for the browser.
    const confirmed = await apiAs(chiefToken, '/api/auth/totp/confirm', { method: 'POST', body: { code: computeTotp(decodeBase32(chiefSecret) as Buffer, Date.now() - 30_000) } });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    await apiAs(chiefToken, '/api/auth/logout', { method: 'POST' });

    page = await e2e.newPage();
  }, 120_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it('refuses a wrong password with the Chinese message from the server', async () => {
    await page.goto(new URL('/console/', server.url).href);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByLabel('登录名').fill('demo-clerk');
    await page.getByLabel('密码').fill('wrong-password');
    await page.screenshot({ path: join(ARTIFACTS, 'console-login.png'), fullPage: true, animations: 'disabled' });
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(text).not.toMatch(/Error|undefined|\d{3}）/);
    await page.screenshot({ path: join(ARTIFACTS, 'console-login-error.png'), fullPage: true, animations: 'disabled' });
  });

  it('signs in and shows the 工作台 with the counts of cases due soon and overdue', async () => {
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('示范信息员甲').waitFor();
    await page.getByTestId('due-soon-count').waitFor();
    // The agency picker names the agency, not its code.
    expect(await page.locator('.ant-layout-header .ant-select').innerText()).toContain('示范市示范局');
    // A clerk may not read the audit trail: no 审计记录 in the menu.
    expect(await page.getByRole('menuitem', { name: /审计记录/ }).count()).toBe(0);
    // The counts on the cards are the API's totals, read as a person reads them.
    const totals = await page.evaluate(async () => {
      const read = async (filter: string) => ((await (await fetch(`/api/agencies/demo/applications?${filter}=true&limit=1`, { credentials: 'same-origin' })).json()) as { total: number }).total;
      return { dueSoon: await read('dueSoon'), overdue: await read('overdue') };
    });
    expect(totals.dueSoon).toBeGreaterThan(0);
    expect(totals.overdue).toBeGreaterThan(0);
    const count = async (testId: string) => Number((await page.getByTestId(testId).locator('.ant-statistic-content-value').innerText()).replace(/\D/g, ''));
    await expect.poll(() => count('due-soon-count')).toBe(totals.dueSoon);
    expect(await count('overdue-count')).toBe(totals.overdue);
    await expect.poll(async () => page.locator('.ant-tag-orange').count()).toBeGreaterThan(0);
    expect(await page.locator('.ant-tag-red').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'console-workbench.png'), fullPage: true, animations: 'disabled' });
  });

  it('finds a case in the 依申请公开 list and opens it with its due date and timeline', async () => {
    await page.getByRole('menuitem', { name: /依申请公开/ }).click();
    await page.waitForURL(/\/console\/applications$/);
    await page.getByText(/共 \d+ 件/).waitFor();
    await page.getByPlaceholder('申请编号或申请人姓名').fill('控制台测试');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(async () => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    expect(await page.locator('.ant-table-tbody').innerText()).toContain(applicantName);
    await page.getByText('共 1 件').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'console-list.png'), fullPage: true, animations: 'disabled' });

    await page.getByRole('link', { name: searchedNumber }).click();
    await page.waitForURL(new RegExp(`/console/applications/${encodeURIComponent(searchedNumber)}$`));
    await page.getByText('办理记录').waitFor();
    await page.getByTestId('clock-explanation').waitFor();
    expect(await page.getByTestId('clock-explanation').innerText()).toMatch(/工作日/);
    const timeline = await page.getByTestId('history').innerText();
    expect(timeline).toContain('demo-clerk');
    expect(timeline).toContain(chinaDate(24));
    expect(await page.locator('body').innerText()).toContain(applicantName);
    await page.screenshot({ path: join(ARTIFACTS, 'console-case.png'), fullPage: true, animations: 'disabled' });

    // A reload on a console route gets the console, not a 404.
    await page.reload();
    await page.getByText('办理记录').waitFor();
  });

  it('signs out and is back at the login form; the session no longer works', async () => {
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.getByLabel('登录名').waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/');
    const status = await page.evaluate(async () => (await fetch('/api/auth/me', { credentials: 'same-origin' })).status);
    expect(status).toBe(401);
  });

  it('makes a new user with an initial password set a new one before working', async () => {
    await page.getByLabel('登录名').fill('console-new');
    await page.getByLabel('密码').fill('Chushi@2026x');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('修改初始密码').waitFor();
    await page.getByLabel('再次输入新密码').waitFor();
    // A password the policy refuses: the server's Chinese reason is shown.
    await page.getByLabel('新密码', { exact: true }).fill('short');
    await page.getByLabel('再次输入新密码').fill('short');
    await page.getByRole('button', { name: '保存新密码并进入' }).click();
    const refusal = await page.getByRole('alert').innerText();
    expect(refusal).toMatch(/[\u4e00-\u9fff]/);
    await page.screenshot({ path: join(ARTIFACTS, 'console-change-password.png'), fullPage: true, animations: 'disabled' });
    await page.getByLabel('新密码', { exact: true }).fill('Xinmima#2026');
    await page.getByLabel('再次输入新密码').fill('Xinmima#2026');
    await page.getByRole('button', { name: '保存新密码并进入' }).click();
    await page.getByText('新来的信息员').waitFor();
    await page.getByTestId('due-soon-count').waitFor();
  });

  it('asks for the authenticator code when the account uses one', async () => {
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.getByLabel('登录名').fill('demo-chief');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByLabel('动态验证码').fill('000000');
    await page.getByRole('button', { name: /确\s*认/ }).click();
    expect(await page.getByRole('alert').innerText()).toMatch(/[\u4e00-\u9fff]/);
    await page.screenshot({ path: join(ARTIFACTS, 'console-totp.png'), fullPage: true, animations: 'disabled' });
    await page.getByLabel('动态验证码').fill(computeTotp(decodeBase32(chiefSecret) as Buffer, Date.now()));
    await page.getByRole('button', { name: /确\s*认/ }).click();
    await page.getByText('示范科长').waitFor();
  });

  it('shows the 审计员 the audit trail with the cases created above, and verifies the hash chain', async () => {
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.getByLabel('登录名').fill('demo-auditor');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('示范审计员').waitFor();
    await page.getByRole('menuitem', { name: /审计记录/ }).click();
    await page.waitForURL(/\/console\/audit$/);
    await page.getByText(/共 \d+ 条/).waitFor();
    await page.getByRole('link', { name: /导出 CSV/ }).waitFor();
    // The six cases demo-clerk received in beforeAll, each one entry 登记收到申请.
    await page.getByLabel('操作人').fill('demo-clerk');
    await page.getByLabel('操作', { exact: true }).fill('application.received');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByText('共 6 条').waitFor();
    const table = await page.locator('.ant-table-tbody').innerText();
    expect(table).toContain(`application:${searchedNumber}`);
    expect(table).toContain('登记收到申请');
    expect(table).toContain('demo-clerk');
    await page.getByRole('button', { name: /校\s*验/ }).click();
    const verdict = page.getByTestId('audit-verify');
    await verdict.waitFor();
    // One chain per agency and the platform's (sign-ins, accounts), each listed with its count.
    const verdictText = await verdict.innerText();
    expect(verdictText).toMatch(/^哈希链完整：\d+ 条链共 \d+ 条/);
    expect(verdictText).toContain('全平台链');
    expect(verdictText).toContain('示范市示范局（demo）');
    expect(await verdict.getAttribute('class')).toContain('ant-alert-success');
    // 导出 CSV downloads the filtered entries with the session cookie: the header and six rows.
    const href = String(await page.getByRole('link', { name: /导出 CSV/ }).getAttribute('href'));
    const csv = await page.evaluate(async (url) => (await fetch(url, { credentials: 'same-origin' })).text(), href);
    // (text() drops the BOM the file starts with, as a UTF-8 decoder does.)
    expect(csv.startsWith('序号,')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(7);
    await page.locator('.ant-table-tbody details summary').first().click();
    await page.screenshot({ path: join(ARTIFACTS, 'console-audit.png'), fullPage: true, animations: 'disabled' });
  });
});
