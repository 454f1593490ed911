// 设置 in a real browser (Debian's Chromium through playwright-core) on the demo server: the
// administrator creates a 信息员 who must change the initial password, changes the review chain
// and loads a year's holidays; the 分管领导 saves the 指南 twice and sees both versions; a 信息员
// sees no 用户和角色 and the API refuses them; a template missing its required placeholder is
// refused with the server's Chinese findings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { E2eServer } from './support/e2e-server.ts';
import { computeTotp, decodeBase32 } from '../../src/server/accounts/totp.ts';
import { apiAs, hasBrowser, loginToken, screenshot, signIn, startE2eServer } from './support/e2e-server.ts';

describe.skipIf(!hasBrowser)('console 设置 in Chromium', () => {
  let e2e: E2eServer;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    e2e = await startE2eServer();
    url = e2e.server.url;
    page = await e2e.newPage();
    // A missing element fails its own step, naming the locator, before the test times out.
    page.setDefaultTimeout(25_000);
  }, 180_000);

  afterAll(async () => {
    await e2e?.close();
  });

  /** Signs out whoever is signed in, then in as `login` (signIn alone may look before the page knows the session). */
  async function switchUser(login: string): Promise<void> {
    const signOut = page.getByRole('button', { name: /退\s*出/ });
    if (await signOut.count()) {
      await signOut.click();
      await page.getByLabel('登录名').waitFor();
    }
    await signIn(page, url, login);
  }

  /** A screenshot without the toasts, which pile up over the page. */
  async function shot(name: string): Promise<void> {
    const style = await page.addStyleTag({ content: '.ant-message { display: none !important; }' });
    await screenshot(page, name);
    await style.evaluate((element) => element.remove());
  }

  async function openSettingsTab(label: string): Promise<void> {
    await page.getByRole('menuitem', { name: /设置/ }).click();
    await page.getByRole('tab', { name: label }).click();
  }

  it('lets the administrator create a 信息员, who must change the initial password and then sees no 用户和角色', async () => {
    await switchUser('demo-admin');
    await page.getByRole('menuitem', { name: /设置/ }).click();
    // users.manage: the administrator's first tab is 用户和角色.
    await page.getByRole('tab', { name: '用户和角色', selected: true }).waitFor();
    await page.getByTestId('users-table').getByText('demo-clerk', { exact: true }).waitFor();

    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('登录名').fill('settings-new');
    await dialog.getByLabel('姓名').fill('设置测试信息员');
    // Refused by the password rules first: the server's Chinese reasons are shown.
    await dialog.getByLabel('初始密码').fill('short');
    expect(await dialog.getByRole('checkbox', { name: '信息员' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: /^新\s*建$/ }).click();
    await dialog.getByTestId('users-dialog-error').getByText(/密码长度不能少于10个字符/).waitFor();
    await dialog.getByLabel('初始密码').fill('Chushi@2026y');
    await dialog.getByRole('button', { name: /^新\s*建$/ }).click();
    const row = page.getByTestId('users-table').getByRole('row', { name: /settings-new/ });
    await row.waitFor();
    expect(await row.innerText()).toContain('信息员');
    expect(await row.innerText()).toContain('待修改初始密码');
    await shot('console-settings-users');

    // The new colleague signs in with the initial password and has to replace it.
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.getByLabel('登录名').fill('settings-new');
    await page.getByLabel('密码').fill('Chushi@2026y');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('修改初始密码').waitFor();
    await page.getByLabel('新密码', { exact: true }).fill('Xinmima#2026z');
    await page.getByLabel('再次输入新密码').fill('Xinmima#2026z');
    await page.getByRole('button', { name: '保存新密码并进入' }).click();
    await page.getByText('设置测试信息员').first().waitFor();

    // A 信息员: 我的账号 and the read-only tabs, never 用户和角色.
    await page.getByRole('menuitem', { name: /设置/ }).click();
    await page.getByRole('tab', { name: '我的账号', selected: true }).waitFor();
    const tabs = await page.getByRole('tab').allInnerTexts();
    expect(tabs).not.toContain('用户和角色');
    expect(tabs).toContain('审核流程');
    await page.getByRole('button', { name: '修改密码' }).waitFor();

    // Turning on the authenticator: the secret and the otpauth address are shown as text.
    await page.getByRole('button', { name: '启用动态验证码' }).click();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    expect(await page.getByText(/^otpauth:\/\/totp\//).count()).toBe(1);
    await shot('console-settings-clerk');
    await page.getByLabel('动态验证码', { exact: true }).fill(computeTotp(decodeBase32(secret) as Buffer, Date.now()));
    await page.getByRole('button', { name: '确认启用' }).click();
    await page.getByText(/已启用：登录时除密码外/).waitFor();
    // The browser's own session (the cookie is HttpOnly) asks who it is.
    const me = await page.evaluate(async () => (await (await fetch('/api/auth/me')).json()) as { totpEnabled: boolean });
    expect(me.totpEnabled).toBe(true);
    await page.getByRole('tab', { name: '审核流程' }).click();
    await page.getByText(/只有系统管理员或分管领导可以修改/).waitFor();
    expect(await page.getByRole('button', { name: '保存审核流程' }).count()).toBe(0);

    // And the API refuses the user list and user creation to a 信息员.
    const clerk = await loginToken(url, 'demo-clerk');
    expect((await apiAs(url, clerk, '/api/users')).status).toBe(403);
    const created = await apiAs(url, clerk, '/api/users', { method: 'POST', body: { login: 'sneaky', displayName: '越权', initialPassword: 'Chushi@2026y' } });
    expect(created.status).toBe(403);
  });

  it('lets the administrator shorten the review chain to 信息员 → 分管领导', async () => {
    await switchUser('demo-admin');
    await openSettingsTab('审核流程');
    const steps = page.getByTestId('review-chain-steps');
    await steps.getByText('科长').waitFor();
    // Step 2 of the default chain 信息员 → 科长 → 分管领导 goes.
    await page.getByRole('button', { name: '删除此步' }).nth(1).click();
    await page.getByRole('button', { name: '保存审核流程' }).click();
    await page.getByText('审核流程已保存').waitFor();
    expect(await steps.getByText('科长').count()).toBe(0);
    await shot('console-settings-review-chain');

    const admin = await loginToken(url, 'demo-admin');
    const settings = await apiAs(url, admin, '/api/agencies/demo/disclosure-settings');
    expect(settings.body.reviewChain).toEqual([
      { role: 'clerk', label: '信息员' },
      { role: 'leader', label: '分管领导' },
    ]);
    expect((settings.body.usesDefault as { reviewChain: boolean }).reviewChain).toBe(false);
  });

  it('loads a year of holidays from a JSON file and shows the server result', async () => {
    await openSettingsTab('节假日安排');
    await page.getByTestId('calendar-years').getByText('2026', { exact: true }).waitFor();
    // 2027-01-01 is a Friday; 2027-02-06 a Saturday (a make-up workday must fall on a weekend).
    const year = {
      year: 2027,
      holidays: [
        { date: '2027-01-01', name: '元旦' },
        { date: '2027-02-05', name: '春节' },
        { date: '2027-02-08', name: '春节' },
      ],
      makeupWorkdays: [{ date: '2027-02-06', name: '春节' }],
      source: '端到端测试用安排',
    };
    await page.locator('input[type=file]').setInputFiles({ name: '2027.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(year)) });
    const result = page.getByTestId('calendar-result');
    await result.getByText('已载入2027年节假日安排（端到端测试用安排）').waitFor();
    await page.getByTestId('calendar-years').getByText('端到端测试用安排').waitFor();
    await shot('console-settings-calendar');

    // A make-up workday on a weekday is refused, in Chinese, and nothing is loaded.
    const wrong = { ...year, year: 2028, holidays: [{ date: '2028-01-03', name: '元旦' }], makeupWorkdays: [{ date: '2028-01-05', name: '元旦' }] };
    await page.locator('input[type=file]').setInputFiles({ name: '2028.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(wrong)) });
    await page.getByTestId('calendar-error').getByText(/不是周末/).waitFor();
    const years = await apiAs(url, await loginToken(url, 'demo-admin'), '/api/calendar/years');
    expect((years.body.loaded as { year: number }[]).map((y) => y.year)).toEqual([2027]);
  });

  it('shows the findings when a template loses a required placeholder', async () => {
    await openSettingsTab('告知书模板');
    const paragraphs = page.getByLabel('正文（每行为一段）');
    await expect.poll(async () => (await paragraphs.inputValue()).length).toBeGreaterThan(0);
    // The 补正告知书 must name the 补正事项 ({{correctionItems}}); without them it is refused.
    const text = await paragraphs.inputValue();
    await paragraphs.fill(text.replaceAll('{{correctionItems}}', ''));
    await page.getByRole('button', { name: '保存模板' }).click();
    const findings = page.getByTestId('template-findings');
    await findings.waitFor();
    expect(await findings.innerText()).toMatch(/补正事项/);
    await shot('console-settings-notice-findings');
  });

  it('lets the 分管领导 save the 指南 twice and lists both versions', async () => {
    await switchUser('demo-leader');
    await page.getByRole('menuitem', { name: /设置/ }).click();
    expect(await page.getByRole('tab', { name: '用户和角色' }).count()).toBe(0);
    await page.getByRole('tab', { name: '机关信息和公开指南' }).click();
    const leader = await loginToken(url, 'demo-leader');
    const before = ((await apiAs(url, leader, '/api/agencies/demo/guide/versions')).body.versions as unknown[]).length;

    const guide = page.getByTestId('guide-card');
    await guide.getByLabel('政府信息的分类').waitFor();
    await guide.getByLabel('政府信息的分类').fill('本机关政府信息分为机构职能、政策文件、规划计划、财政信息等类别。');
    await guide.getByLabel('编排体系').fill('按公开目录的分类编排，同一类别按发布日期由新到旧排列。');
    await guide.getByLabel('获取方式').fill('主动公开的信息可在本机关门户网站查阅；也可依申请公开。');
    await guide.getByLabel('政府信息公开工作机构名称').fill('示范局办公室');
    await guide.getByLabel('办公地址').fill('示范市人民路1号');
    await guide.getByLabel('办公时间').fill('工作日 9:00-12:00，13:30-17:00');
    await guide.getByLabel('联系电话').fill('0000-12345678');
    await guide.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByText(`已保存为第${before + 1}版`).waitFor();

    await guide.getByLabel('联系电话').fill('0000-87654321');
    await guide.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByText(`已保存为第${before + 2}版`).waitFor();
    const versions = page.getByTestId('guide-versions');
    await versions.getByText(`第${before + 2}版`).waitFor();
    await versions.getByText(`第${before + 1}版`).waitFor();
    await shot('console-settings-guide');

    const stored = (await apiAs(url, leader, '/api/agencies/demo/guide/versions')).body.versions as { version: number; fields: { phone: string }; createdBy: string }[];
    expect(stored.slice(before).map((v) => [v.version, v.fields.phone, v.createdBy])).toEqual([
      [before + 1, '0000-12345678', 'demo-leader'],
      [before + 2, '0000-87654321', 'demo-leader'],
    ]);
  });

  it('lets the 分管领导 add a 目录 node, rename one, and add a 错敏词', async () => {
    const leader = await loginToken(url, 'demo-leader');
    const before = (await apiAs(url, leader, '/api/agencies/demo/catalogue')).body.nodes as { code: string; name: string; itemCount: number }[];
    const first = before[0]!;
    await page.getByRole('tab', { name: '公开目录' }).click();
    const table = page.getByTestId('catalogue-table');
    await table.getByLabel(`分类“${first.code}”的名称`).fill(`${first.name}（调整）`);
    await page.getByRole('button', { name: '添加一级分类' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('分类代码').fill('E2E01');
    await dialog.getByLabel('名称').fill('端到端测试分类');
    await dialog.getByRole('button', { name: /^添\s*加$/ }).click();
    await table.getByLabel('分类“E2E01”的名称').waitFor();
    await page.getByRole('button', { name: '保存目录' }).click();
    await page.getByText('目录已保存').waitFor();
    await shot('console-settings-catalogue');
    const after = (await apiAs(url, leader, '/api/agencies/demo/catalogue')).body as { isDefault: boolean; nodes: { code: string; parentCode: string | null; name: string }[] };
    expect(after.isDefault).toBe(false);
    expect(after.nodes.length).toBe(before.length + 1);
    expect(after.nodes.find((n) => n.code === first.code)?.name).toBe(`${first.name}（调整）`);
    expect(after.nodes.find((n) => n.code === 'E2E01')).toMatchObject({ parentCode: null, name: '端到端测试分类' });

    await page.getByRole('tab', { name: '敏感词和错敏词' }).click();
    await page.getByText('错敏词', { exact: true }).first().click();
    await page.getByLabel('词语').fill('人民政腐');
    await page.getByLabel('正确写法').fill('人民政府');
    await page.getByRole('button', { name: /^添\s*加$/ }).click();
    await page.getByTestId('screening-terms').getByText('人民政腐').waitFor();
    await shot('console-settings-terms');
    const terms = (await apiAs(url, leader, '/api/agencies/demo/screening-terms')).body.terms as { kind: string; term: string; correction: string | null }[];
    expect(terms.map(({ kind, term, correction }) => ({ kind, term, correction }))).toEqual([{ kind: 'wrong_term', term: '人民政腐', correction: '人民政府' }]);
  });
});
