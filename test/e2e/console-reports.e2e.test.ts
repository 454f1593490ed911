// 年度报告 in the staff console, in Chromium on the demo data: the year's tables with a click on
// a cell listing the cases behind it, the text sections, the lint blocking 提交审核, the table 二
// figures typed in 统计数, the approval 草稿 → 审核 → 定稿 → 发布 with the year's records (and
// figures) locked, an audited 解除锁定, the DOCX export, and an auditor who sees no edit buttons.
import { readFileSync } from 'node:fs';
import { readZipEntry } from '../read-zip-entry.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { E2eServer } from './support/e2e-server.ts';
import { apiAs, hasBrowser, loginToken, screenshot, signIn, startE2eServer } from './support/e2e-server.ts';

const YEAR = 2026;
const TITLE = `示范市示范局${YEAR}年政府信息公开工作年度报告`;
const OVERVIEW = `${YEAR}年，本局认真贯彻《中华人民共和国政府信息公开条例》。本年度共收到政府信息公开申请3件。`;

describe.skipIf(!hasBrowser)('年度报告 in the staff console (Chromium)', () => {
  let e2e: E2eServer;
  let page: Page;
  const trackingNumbers: string[] = [];

  async function openYear(login: string): Promise<void> {
    // signIn checks for 退出 before the console has drawn; sign out first so it finds the form.
    const signOut = page.getByRole('button', { name: /退\s*出/ });
    if (await signOut.isVisible()) {
      await signOut.click();
      await page.getByLabel('登录名').waitFor();
    }
    await signIn(page, e2e.server.url, login);
    await page.goto(new URL(`/console/reports/${YEAR}`, e2e.server.url).href);
    await page.getByTestId('report-state').waitFor();
  }

  const state = () => page.getByTestId('report-state').innerText();
  const stateBecomes = (label: string) => page.getByTestId('report-state').filter({ hasText: label }).waitFor();

  beforeAll(async () => {
    e2e = await startE2eServer();
    // Three requests from natural persons received in the year, still open: table 三 row 一 自然人 = 3.
    const clerk = await loginToken(e2e.server.url, 'demo-clerk');
    for (const [index, receivedOn] of [`${YEAR}-03-02`, `${YEAR}-04-02`, `${YEAR}-05-06`].entries()) {
      const created = await apiAs(e2e.server.url, clerk, '/api/agencies/demo/applications', {
        method: 'POST',
        body: {
          channel: 'online',
          receivedOn,
          applicant: { type: 'natural_person', name: `年报测试申请人${index + 1}`, phone: '13800000000', idNumber: '11010519491231002X' },
          requestedInformation: `本机关${YEAR}年预算执行情况。`,
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      trackingNumbers.push(String(created.body.trackingNumber));
    }
    page = await e2e.newPage();
    // A step that does not come fails at its own line, well before the test's time is up.
    page.setDefaultTimeout(25_000);
  }, 180_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it('lists the years with their state and due date, and opens one', async () => {
    await signIn(page, e2e.server.url, 'demo-clerk');
    await page.getByRole('menuitem', { name: '年度报告' }).click();
    const row = page.getByTestId(`report-year-${YEAR}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('草稿');
    expect(await row.innerText()).toContain(`应于${YEAR + 1}年1月31日前公布`);
    // The demo loader publishes 2024 and 2025.
    expect(await page.getByTestId('report-year-2025').innerText()).toContain('已发布');
    await screenshot(page, 'console-report-years');
    await row.getByRole('button', { name: `打开${YEAR}年度报告` }).click();
    await page.waitForURL(new RegExp(`/console/reports/${YEAR}$`));
    expect(await state()).toBe('草稿');
  });

  it('a table 三 cell lists exactly as many cases as it shows', async () => {
    const cell = page.getByTestId('cell-table3-received-natural_person');
    expect(await cell.innerText()).toBe('3');
    await cell.click();
    const drawer = page.getByTestId('cell-drawer');
    await drawer.getByTestId('cell-items-count').waitFor();
    expect(await drawer.getByTestId('cell-items-count').innerText()).toBe('3');
    expect(await drawer.getByTestId('cell-item').count()).toBe(3);
    const listed = await drawer.innerText();
    for (const number of trackingNumbers) expect(listed).toContain(number);
    await screenshot(page, 'console-report-cell-drawer');
    // The link leads to the case in the console.
    await drawer.getByRole('link', { name: new RegExp(trackingNumbers[0] as string) }).click();
    await page.waitForURL(new RegExp(`/console/applications/${trackingNumbers[0]}$`));
    await page.goBack();
    await page.getByTestId('report-state').waitFor();
  });

  it('saves the text sections; a figure in the text that disagrees with table 三 is flagged there', async () => {
    await page.getByRole('tab', { name: '文字' }).click();
    await page.getByTestId('text-overview').fill(`${YEAR}年，本局共收到政府信息公开申请9件。`);
    await page.getByRole('button', { name: '保存文字' }).click();
    await page.getByText('文字部分已保存').first().waitFor();
    await page.getByText('有尚未保存的修改').waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: /检查/ }).click();
    const mismatch = page.getByTestId('finding').filter({ hasText: '都不是9' });
    expect(await mismatch.innerText()).toContain('一、总体情况');
    await mismatch.click();
    // The click leads to the sentence's section, ready to type.
    await page.waitForFunction("document.activeElement?.getAttribute('data-testid') === 'text-overview'");
    await page.getByTestId('text-overview').fill(OVERVIEW);
    await page.getByTestId('text-problems').fill('一是政府信息公开申请答复文书格式还不够统一；二是下一步将加强业务培训。');
    await page.getByTestId('text-otherMatters').fill('本年度未收取信息处理费。');
    await page.getByRole('button', { name: '保存文字' }).click();
    await page.getByText('文字部分已保存').first().waitFor();
    await page.getByText('有尚未保存的修改').waitFor({ state: 'hidden' });
    await screenshot(page, 'console-report-text');
    await page.reload();
    await page.getByRole('tab', { name: '文字' }).click();
    expect(await page.getByTestId('text-overview').inputValue()).toBe(OVERVIEW);
    expect(await page.getByTestId('report-history').innerText()).toContain('示范信息员甲');
  });

  it('lint errors block 提交审核 with the reasons, and the 检查 panel leads to the cell', async () => {
    // No yearly figures yet for the year: 行政许可…收费 are blank, which the lint calls errors.
    await page.getByRole('tab', { name: /检查/ }).click();
    const summary = await page.getByTestId('findings-summary').innerText();
    expect(summary).toMatch(/发现 4 处错误/);
    await screenshot(page, 'console-report-findings');
    await page.getByTestId('command-submit').click();
    await page.getByTestId('command-ok').click();
    const refusal = page.getByTestId('command-error');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('年度报告还有 4 处错误');
    await screenshot(page, 'console-report-submit-blocked');
    await page.getByRole('button', { name: /取\s*消/ }).click();
    await page.getByTestId('finding').first().click();
    const flagged = page.getByTestId('cell-table2-licensing-value');
    await flagged.waitFor();
    expect(await flagged.getAttribute('data-finding')).toBe('error');
  });

  it('the clerk types the table 二 figures in 统计数; table 二 shows them and the lint errors are gone', async () => {
    // The 表格 tab says the four numbers are missing; a click on the blank 行政许可 cell leads to the form.
    await page.getByRole('tab', { name: '表格' }).click();
    expect(await page.getByTestId('go-figures').innerText()).toBe('填写统计数');
    await page.getByTestId('cell-table2-licensing-value').click();
    await page.getByTestId('cell-drawer-figures').click();
    const field = (code: string) => page.getByTestId(`figures-${code}`);
    await field('licensing').waitFor();
    expect(await page.getByTestId('figures-form').innerText()).toContain('第二十条第（八）项 · 本年收费金额（单位：万元）');
    await field('licensing').fill('12');
    await field('penalty').fill('3');
    await field('enforcement').fill('0');
    // A unit typed into the amount is refused before anything is sent.
    await field('administrativeFees').fill('2.5万元');
    await page.getByTestId('figures-save').click();
    await page.getByText('行政事业性收费金额应为不小于 0 的数，单位万元，最多 4 位小数').waitFor();
    await field('administrativeFees').fill('2.5');
    await page.getByTestId('figures-save').click();
    await page.getByText('统计数已保存，表二已更新').first().waitFor();
    await page.getByText('有尚未保存的修改').waitFor({ state: 'hidden' });
    await screenshot(page, 'console-report-figures');

    // Table 二 shows them at once; the amount in the report's 4 decimals.
    await page.getByRole('tab', { name: '表格' }).click();
    const cell = (row: string) => page.getByTestId(`cell-table2-${row}-value`);
    expect(await cell('licensing').innerText()).toBe('12');
    expect(await cell('penalty').innerText()).toBe('3');
    expect(await cell('enforcement').innerText()).toBe('0');
    expect(await cell('administrativeFees').innerText()).toBe('2.5000');
    expect(await cell('licensing').getAttribute('data-finding')).toBeNull();
    expect(await page.getByTestId('figures-missing').count()).toBe(0);
    // The 4 errors were the blank figures: none left, 提交审核 is no longer blocked.
    expect(await page.getByText(/检查发现 \d+ 处错误/).count()).toBe(0);

    // Saved on the server: after a reload the form and the table still show them.
    await page.reload();
    await page.getByRole('tab', { name: '统计数' }).click();
    expect(await field('licensing').inputValue()).toBe('12');
    expect(await field('penalty').inputValue()).toBe('3');
    await page.getByRole('tab', { name: '表格' }).click();
    expect(await cell('administrativeFees').innerText()).toBe('2.5000');
  });

  it('clerk submits once the figures are in, the leader finalizes and publishes; the year is locked', async () => {
    const clerk = await loginToken(e2e.server.url, 'demo-clerk');
    await page.getByTestId('command-submit').click();
    await page.getByTestId('command-ok').click();
    await stateBecomes('审核中');
    expect(await page.getByTestId('text-overview').isEditable()).toBe(false);

    // The leader first sends it back: 退回修改 needs an opinion.
    await openYear('demo-leader');
    await page.getByTestId('command-return').click();
    await page.getByTestId('command-ok').click();
    expect(await page.getByTestId('command-error').innerText()).toContain('请填写审核意见');
    const opinion = '请在总体情况中补充主动公开的情况。';
    await page.getByRole('dialog').getByRole('textbox').fill(opinion);
    await page.getByTestId('command-ok').click();
    await stateBecomes('草稿');
    expect(await page.getByTestId('report-history').innerText()).toContain(opinion);
    const view = await apiAs(e2e.server.url, clerk, `/api/agencies/demo/annual-reports/${YEAR}`);
    const resubmitted = await apiAs(e2e.server.url, clerk, `/api/agencies/demo/annual-reports/${YEAR}/commands`, {
      method: 'POST',
      body: { command: 'submit', version: view.body.version },
    });
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
    await page.reload();
    await stateBecomes('审核中');
    // Meanwhile the clerk, in another browser, starts changing a figure.
    const clerkPage = await e2e.newPage();
    clerkPage.setDefaultTimeout(25_000);
    await signIn(clerkPage, e2e.server.url, 'demo-clerk');
    await clerkPage.goto(new URL(`/console/reports/${YEAR}`, e2e.server.url).href);
    await clerkPage.getByRole('tab', { name: '统计数' }).click();
    await clerkPage.getByTestId('figures-penalty').fill('4');
    await page.getByTestId('command-finalize').click();
    expect(await page.getByRole('dialog').innerText()).toContain(`${YEAR}年度的申请、主动公开、复议诉讼等记录将被锁定`);
    await screenshot(page, 'console-report-finalize-confirm');
    await page.getByTestId('command-ok').click();
    await page.getByTestId('report-locked-banner').waitFor();
    await stateBecomes('已定稿');
    // The clerk's save comes after 定稿: the server's lock message is shown, nothing changes.
    await clerkPage.getByTestId('figures-save').click();
    const lockMessage = `${YEAR}年度报告已定稿，该年度的数据已锁定。如确需修改，请由分管领导在“年度报告”中解除锁定（须填写理由）。`;
    expect(await clerkPage.getByTestId('figures-error').innerText()).toBe(lockMessage);
    // Opened again, the form is read-only and says why.
    await clerkPage.reload();
    await clerkPage.getByRole('tab', { name: '统计数' }).click();
    expect(await clerkPage.getByTestId('figures-locked').innerText()).toBe(lockMessage);
    expect(await clerkPage.getByTestId('figures-penalty').inputValue()).toBe('3');
    expect(await clerkPage.getByTestId('figures-penalty').isEditable()).toBe(false);
    expect(await clerkPage.getByTestId('figures-save').count()).toBe(0);
    await screenshot(clerkPage, 'console-report-figures-locked');
    await clerkPage.close();
    await page.getByTestId('command-publish').click();
    await page.getByTestId('command-ok').click();
    await stateBecomes('已发布');
    await screenshot(page, 'console-report-published');

    // A change to a case of the year is refused with the lock message.
    const token = await loginToken(e2e.server.url, 'demo-clerk');
    const details = await apiAs(e2e.server.url, token, `/api/applications/${trackingNumbers[0]}`);
    const refused = await apiAs(e2e.server.url, token, `/api/applications/${trackingNumbers[0]}/events`, {
      method: 'POST',
      body: { expectedVersion: details.body.version, event: { kind: 'withdrawn', at: `${YEAR}-06-01` } },
    });
    expect(refused.status).toBe(409);
    expect(String(refused.body.message)).toContain('该年度的数据已锁定');
  });

  it('the leader unlocks with a reason, and the audit trail has it', async () => {
    await page.getByTestId('command-unlock').click();
    expect(await page.getByRole('dialog').innerText()).toContain('解除锁定将记入审计记录');
    await page.getByTestId('command-ok').click();
    expect(await page.getByTestId('command-error').innerText()).toContain('请填写解除锁定的理由');
    const reason = '发现一件申请的办理结果登记错误，需要更正';
    await page.getByRole('dialog').getByRole('textbox').fill(reason);
    await screenshot(page, 'console-report-unlock');
    await page.getByTestId('command-ok').click();
    await stateBecomes('草稿');
    expect(await page.getByTestId('report-locked-banner').count()).toBe(0);
    expect(await page.getByTestId('report-history').innerText()).toContain(reason);

    const auditor = await loginToken(e2e.server.url, 'demo-auditor');
    const audit = await apiAs(e2e.server.url, auditor, '/api/agencies/demo/audit?action=report.unlock&limit=10&offset=0');
    expect(audit.status, JSON.stringify(audit.body)).toBe(200);
    const entries = audit.body.entries as { action: string; detail: Record<string, unknown> | null }[];
    expect(entries.some((entry) => entry.action === 'report.unlock' && JSON.stringify(entry.detail).includes(reason))).toBe(true);
  });

  it('exports the report as DOCX with the title inside', async () => {
    await page.getByRole('tab', { name: '导出' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-docx').click()]);
    expect(download.suggestedFilename()).toBe(`${TITLE}.docx`);
    const file = readFileSync(await download.path());
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(readZipEntry(new Uint8Array(file), 'word/document.xml').replace(/<[^>]+>/g, '')).toContain(TITLE);
    await screenshot(page, 'console-report-exports');
  });

  it('an auditor sees the report but no button that changes it', async () => {
    await openYear('demo-auditor');
    expect(await page.getByTestId(/^command-/).count()).toBe(0);
    expect(await page.getByText('当前没有您可以办理的审批操作。').isVisible()).toBe(true);
    await page.getByRole('tab', { name: '文字' }).click();
    expect(await page.getByTestId('text-overview').isEditable()).toBe(false);
    expect(await page.getByRole('button', { name: '保存文字' }).count()).toBe(0);
    await screenshot(page, 'console-report-auditor');
    // The figures too: shown, not editable (figures.edit is 信息员、科长's).
    await page.getByRole('tab', { name: '统计数' }).click();
    await page.getByTestId('figures-readonly').waitFor();
    expect(await page.getByTestId('figures-licensing').inputValue()).toBe('12');
    expect(await page.getByTestId('figures-licensing').isEditable()).toBe(false);
    expect(await page.getByTestId('figures-save').count()).toBe(0);
  });
});
