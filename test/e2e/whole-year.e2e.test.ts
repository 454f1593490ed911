// A year of disclosure work in the console, in Chromium on a demo server (issue 5's browser test):
// - 主动公开: demo-clerk drafts a 行政规范性文件 with a mobile number in it; the check flags it; the
//   clerk removes it and submits; the author cannot approve it, a clerk cannot approve the 科长's
//   step; demo-clerk2 (信息员 step), demo-chief (科长) and demo-leader (分管领导) approve; it is published.
// - 依申请公开: an application arrives at the counter, 补正 is asked and answered, the 科长 extends the
//   deadline, the clerk replies 予以公开.
// - 年度报告 2026: the case is in table 三 under 自然人 (received, 予以公开), the publication in table 二
//   (行政规范性文件 制发); the DOCX downloads and opens; an auditor can change nothing.
//
// Dates are fixed in 2026 and worked out by hand with the 2026 节假日安排 (国办发明电〔2025〕7号):
// received Mon 2026-09-28 → due 2026-10-30; 补正 asked 09-30 (clock stops); corrected application
// 10-19 → the period restarts: due 2026-11-16; 20 more working days approved 11-10 → due 2026-12-14;
// replied 2026-11-25, within the period.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZipEntry } from '../read-zip-entry.ts';
import type { E2eServer } from './support/e2e-server.ts';
import { apiAs, fillDate, hasBrowser, loginToken, screenshot, signIn, startE2eServer } from './support/e2e-server.ts';

const YEAR = 2026;
const TITLE = '示范市示范局关于规范政府信息公开申请办理工作的通知';
const PHONE = '13912345678';
const APPLICANT = '全年测试申请人';
const REPORT_TITLE = `示范市示范局${YEAR}年政府信息公开工作年度报告`;

describe.skipIf(!hasBrowser)('a year of work in the console', () => {
  let e2e: E2eServer;
  let page: Page;
  let publicationId = 0;
  let trackingNumber = '';

  beforeAll(async () => {
    e2e = await startE2eServer();
    page = await e2e.newPage({ width: 1280, height: 1000 });
  }, 180_000);

  afterAll(async () => {
    await e2e?.close();
  });

  async function switchUser(login: string): Promise<void> {
    await signIn(page, e2e.server.url, login);
  }


  async function answerChecklist(scope: ReturnType<Page['locator']>): Promise<void> {
    const questions = scope.getByTestId('checklist').locator('.ant-radio-group');
    const count = await questions.count();
    expect(count).toBeGreaterThan(0);
    for (let index = 0; index < count; index += 1) await questions.nth(index).getByText('是', { exact: true }).click();
  }

  async function openPublication(): Promise<void> {
    await page.goto(new URL(`/console/publications/${publicationId}`, e2e.server.url).href);
    await page.getByTestId('publication-state').waitFor();
  }

  async function approveInPanel(opinion: string): Promise<void> {
    const panel = page.getByTestId('review-panel');
    await panel.waitFor();
    await answerChecklist(panel);
    await panel.getByLabel('审核意见').fill(opinion);
    await panel.getByRole('button', { name: /同\s*意/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
    await panel.waitFor({ state: 'detached' });
  }

  async function openCase(): Promise<void> {
    await page.goto(new URL(`/console/applications/${encodeURIComponent(trackingNumber)}`, e2e.server.url).href);
    await page.getByTestId('due-on').waitFor();
  }

  async function caseAction(button: string, fill: () => Promise<void>): Promise<void> {
    await page.getByTestId('case-actions').getByRole('button', { name: button, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: button });
    await dialog.waitFor();
    await fill();
    await dialog.getByRole('button', { name: '确认登记' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  async function openReport(login: string): Promise<void> {
    await switchUser(login);
    await page.goto(new URL(`/console/reports/${YEAR}`, e2e.server.url).href);
    await page.getByTestId('report-state').waitFor();
  }

  /** Opens a cell's drawer and returns what it lists; closes it again. */
  async function cellItems(testId: string): Promise<{ value: string; items: string }> {
    const cell = page.getByTestId(testId);
    const value = (await cell.innerText()).trim();
    await cell.click();
    const drawer = page.getByTestId('cell-drawer');
    await drawer.getByTestId('cell-items-count').waitFor();
    const items = await drawer.innerText();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    return { value, items };
  }

  it('主动公开: the clerk drafts a 规范性文件, the check flags the mobile number, the clerk removes it and submits', async () => {
    await switchUser('demo-clerk');
    await page.getByRole('menuitem', { name: '主动公开' }).click();
    await page.getByRole('button', { name: /新\s*建/ }).click();
    await page.getByLabel('标题').fill(TITLE);
    await page.getByLabel('目录分类').click();
    await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '行政法规、规章和规范性文件' }).first().click();
    await page.getByLabel('文件类型').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '行政规范性文件' }).click();
    await page.getByLabel('文号').fill('示政办规〔2026〕3号');
    await fillDate(page, '成文日期', '2026-11-20');
    await page.getByLabel('正文').fill(`为规范政府信息公开申请办理工作，现就有关事项通知如下。\n联系人：王五，联系电话${PHONE}。`);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/console\/publications\/\d+$/);
    publicationId = Number(/(\d+)$/.exec(page.url())?.[1]);

    const hit = page.getByTestId('screening-hit');
    await hit.waitFor();
    expect(await hit.count()).toBe(1);
    expect(await hit.locator('mark').textContent()).toBe(PHONE);
    expect(await hit.getByTestId('hit-context').textContent()).toContain(`联系电话${PHONE}。`);
    expect(await page.getByRole('button', { name: '提交审核' }).isDisabled()).toBe(true);
    await screenshot(page, 'whole-year-1-screening-hit');

    await page.getByLabel('正文').fill('为规范政府信息公开申请办理工作，现就有关事项通知如下。\n联系方式见本局政府信息公开指南。');
    await page.getByRole('button', { name: '保存并重新检查' }).click();
    await page.getByTestId('screening-clean').waitFor();
    await answerChecklist(page.locator('body'));
    await page.getByText('我已逐项审查，确认以上回答属实，同意提交审核').click();
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect.poll(() => page.getByTestId('publication-state').textContent()).toBe('审核中');
    // The author never reviews their own draft.
    expect(await page.getByTestId('review-panel').count()).toBe(0);
  });

  it('主动公开: demo-clerk2 approves the 信息员 step; a clerk then cannot approve the 科长 step, in the page or the API', async () => {
    await switchUser('demo-clerk2');
    await openPublication();
    await approveInPanel('已核对。');
    await expect.poll(() => page.getByText('等待科长审核').count()).toBe(1);
    await page.reload();
    await page.getByTestId('publication-state').waitFor();
    expect(await page.getByRole('button', { name: /同\s*意/ }).count()).toBe(0);

    const clerk = await loginToken(e2e.server.url, 'demo-clerk2');
    const details = await apiAs(e2e.server.url, clerk, `/api/publications/${publicationId}`);
    const checklist = ((details.body['screening'] as { checklist: { id: string }[] }).checklist ?? []).map((q) => ({ questionId: q.id, confirmed: true }));
    const refused = await apiAs(e2e.server.url, clerk, `/api/publications/${publicationId}/approve`, {
      method: 'POST',
      body: { expectedVersion: details.body['version'], step: 1, opinion: '同意', checklist, acceptances: [] },
    });
    expect(refused.status).toBe(403);
    expect(refused.body['message']).toContain('须由科长审核');
  });

  it('主动公开: the 科长 and the 分管领导 approve, and it is published with a 索引号', async () => {
    await switchUser('demo-chief');
    await openPublication();
    await approveInPanel('同意公开。');
    await expect.poll(() => page.getByText('等待分管领导审核').count()).toBe(1);
    await switchUser('demo-leader');
    await openPublication();
    await approveInPanel('同意发布。');
    await expect.poll(() => page.getByTestId('publication-state').textContent()).toBe('已发布');
    const year = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4);
    expect(await page.getByTestId('publication-fields').textContent()).toContain(`11350100MB0000000Y/${year}-00001`);
    await screenshot(page, 'whole-year-2-published');
  });

  it('依申请公开: an application at the counter, 补正 asked and answered, the deadline extended, the reply given', async () => {
    await switchUser('demo-clerk');
    await page.getByRole('menuitem', { name: /依申请公开/ }).click();
    await page.getByRole('button', { name: '登记申请' }).click();
    const drawer = page.getByRole('dialog', { name: '登记申请' });
    await drawer.waitFor();
    await drawer.getByText('当面', { exact: true }).click();
    await fillDate(page, '收到申请之日', '2026-09-28');
    await page.getByLabel('申请人姓名').fill(APPLICANT);
    await page.getByLabel('身份证号码').fill('11010519491231002X');
    await page.getByLabel('联系电话').fill('13800000001');
    await page.getByLabel('所需政府信息的描述').fill('本机关2026年老旧小区改造项目的立项批复文件。');
    await drawer.getByRole('button', { name: '确认登记' }).click();
    const done = page.getByRole('dialog', { name: '申请已登记' });
    await done.waitFor();
    trackingNumber = (await page.getByTestId('intake-tracking-number').innerText()).trim();
    await done.getByRole('button', { name: '打开该申请' }).click();
    await page.getByTestId('due-on').waitFor();
    expect(await page.getByTestId('due-on').innerText()).toBe('2026-10-30');

    await caseAction('告知补正', async () => {
      await fillDate(page, '告知补正之日', '2026-09-30');
      await page.getByLabel('补正事项').fill('请写明所需文件的具体名称或文号');
      await fillDate(page, '补正期限', '2026-10-16');
    });
    await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('等待补正');
    await caseAction('登记收到补正', () => fillDate(page, '收到补正申请之日', '2026-10-19'));
    await expect.poll(() => page.getByTestId('due-on').innerText()).toBe('2026-11-16');
    // The clerk cannot extend: the 负责人 decides (条例第三十三条).
    expect(await page.getByTestId('case-actions').getByRole('button', { name: '批准延长答复期限' }).count()).toBe(0);

    await switchUser('demo-chief');
    await openCase();
    await caseAction('批准延长答复期限', async () => {
      await fillDate(page, '批准日期', '2026-11-10');
      await page.getByLabel('延长理由').fill('所需文件须向多个科室调取');
    });
    await expect.poll(() => page.getByTestId('due-on').innerText()).toBe('2026-12-14');

    await switchUser('demo-clerk');
    await openCase();
    await caseAction('登记答复', async () => {
      await fillDate(page, '答复日期', '2026-11-25');
      await page.getByLabel('办理结果').fill('予以公开');
      await page.getByLabel('办理结果').press('Enter');
      await page.getByLabel('所申请公开信息可以公开').check();
    });
    await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('已办结');
    const history = await page.getByTestId('history').innerText();
    for (const step of ['2026-09-28 登记收到申请', '2026-09-30 告知补正', '2026-10-19 收到补正后的申请', '2026-11-10 延长答复期限', '2026-11-25 答复']) expect(history).toContain(step);
    await screenshot(page, 'whole-year-3-case-closed');
  });

  it('the 工作台 counts the year\u2019s work', async () => {
    await switchUser('demo-clerk');
    await page.getByTestId('year-counts').waitFor();
    const value = (testId: string) => page.getByTestId(testId).locator('.ant-statistic-content-value').innerText();
    const chinaYear = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));
    // The demo data has no case received in 2026: the one above, received and concluded; one item published today.
    if (chinaYear === YEAR) {
      await expect.poll(() => value('year-received')).toBe('1');
      expect(await value('year-concluded')).toBe('1');
      expect(await value('year-published')).toBe('1');
    }
    await screenshot(page, 'whole-year-workbench');
  });

  it('年度报告: the case and the publication are each in the right cell', async () => {
    await openReport('demo-clerk');
    // The demo data has no 2026 records: these counts are the year's work above, and nothing else.
    const received = await cellItems('cell-table3-received-natural_person');
    expect(received.value).toBe('1');
    expect(received.items).toContain(trackingNumber);
    const disclosed = await cellItems('cell-table3-disclosed-natural_person');
    expect(disclosed.value).toBe('1');
    expect(disclosed.items).toContain(trackingNumber);
    expect((await page.getByTestId('cell-table3-disclosed-total').innerText()).trim()).toBe('1');
    // The demo's two cases carried over from 2025 are still open: carried in, and carried over again.
    expect((await page.getByTestId('cell-table3-carriedIn-total').innerText()).trim()).toBe('2');
    expect((await page.getByTestId('cell-table3-carriedOver-total').innerText()).trim()).toBe('2');
    const issued = await cellItems('cell-table2-normativeDocuments-issued');
    expect(issued.value).toBe('1');
    expect(issued.items).toContain(TITLE);
    // In force at the end of 2026: those in force at the end of 2025 (the published report) and this one.
    const published2025 = (await (await fetch(new URL('/api/agencies/demo/reports/2025', e2e.server.url))).json()) as { report: { table2: { normativeDocuments: { inForce: number } } } };
    expect((await page.getByTestId('cell-table2-normativeDocuments-inForce').innerText()).trim()).toBe(String(published2025.report.table2.normativeDocuments.inForce + 1));
    expect((await page.getByTestId('cell-table2-rules-issued').innerText()).trim()).toBe('0');
    await screenshot(page, 'whole-year-4-report-tables');
  });

  it('年度报告: the DOCX downloads and opens, with the year\u2019s numbers in it', async () => {
    await page.getByRole('tab', { name: '导出' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-docx').click()]);
    expect(download.suggestedFilename()).toBe(`${REPORT_TITLE}.docx`);
    const saved = join(e2e.dataDir, 'report.docx');
    await download.saveAs(saved);
    const bytes = new Uint8Array(readFileSync(saved));
    const text = readZipEntry(bytes, 'word/document.xml').replace(/<[^>]+>/g, '');
    expect(text).toContain(REPORT_TITLE);
    // Opened by a word processor: LibreOffice turns it into a PDF whose text has the title.
    if (existsSync('/usr/bin/soffice') && existsSync('/usr/bin/pdftotext')) {
      execFileSync('soffice', [`-env:UserInstallation=file://${join(e2e.dataDir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', e2e.dataDir, saved], { timeout: 120_000, stdio: 'ignore' });
      const pdfText = execFileSync('pdftotext', ['-layout', join(e2e.dataDir, 'report.pdf'), '-']).toString('utf8');
      expect(pdfText.replace(/\s+/g, '')).toContain(REPORT_TITLE);
      writeFileSync(join(e2e.dataDir, 'report.txt'), pdfText);
    }
  });

  it('an auditor can read everything and change nothing', async () => {
    await openReport('demo-auditor');
    expect(await page.getByTestId(/^command-/).count()).toBe(0);
    await page.getByRole('tab', { name: '文字' }).click();
    expect(await page.getByTestId('text-overview').isEditable()).toBe(false);
    await screenshot(page, 'whole-year-5-auditor-report');
    await openCase();
    expect(await page.getByTestId('case-actions').count()).toBe(0);
    await openPublication();
    for (const button of [/^更\s*正$/, /^变更有效性$/, /^撤\s*回$/, /同\s*意/]) expect(await page.getByRole('button', { name: button }).count()).toBe(0);

    const auditor = await loginToken(e2e.server.url, 'demo-auditor');
    const view = await apiAs(e2e.server.url, auditor, `/api/agencies/demo/annual-reports/${YEAR}`);
    expect(view.status).toBe(200);
    const edit = await apiAs(e2e.server.url, auditor, `/api/agencies/demo/annual-reports/${YEAR}/text`, {
      method: 'PUT',
      body: { overview: '审计员试图修改', problems: '', otherMatters: '', version: view.body['version'] },
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(403);
    const published = await apiAs(e2e.server.url, auditor, `/api/publications/${publicationId}`);
    const withdraw = await apiAs(e2e.server.url, auditor, `/api/publications/${publicationId}/withdraw`, { method: 'POST', body: { expectedVersion: published.body['version'], reason: '试图撤回' } });
    expect(withdraw.status, JSON.stringify(withdraw.body)).toBe(403);
  });

  it('the audit trail holds the year\u2019s work, and the chain verifies', async () => {
    const auditor = await loginToken(e2e.server.url, 'demo-auditor');
    const trail = await apiAs(e2e.server.url, auditor, '/api/agencies/demo/audit?limit=200');
    const entries = trail.body['entries'] as { action: string; subject: string; actor: string }[];
    const actions = (subject: string) => entries.filter((e) => e.subject === subject).map((e) => `${e.actor} ${e.action}`).reverse();
    expect(actions(`publication:${publicationId}`)).toEqual(
      expect.arrayContaining(['demo-clerk publication.drafted', 'demo-clerk publication.submitted', 'demo-chief publication.approved', 'demo-leader publication.published']),
    );
    expect(actions(`application:${trackingNumber}`).length).toBeGreaterThanOrEqual(5);
    expect(entries.some((e) => e.action === 'user.login' && e.subject === 'user:demo-leader')).toBe(true);
    const verify = await apiAs(e2e.server.url, auditor, '/api/audit/verify');
    expect(verify.body['findings']).toEqual([]);
  });

  it('sends the user back to the sign-in, saying why, when the session has ended', async () => {
    await switchUser('demo-clerk');
    await page.evaluate(async () => {
      await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' });
    });
    await page.getByRole('menuitem', { name: /依申请公开/ }).click();
    await page.getByTestId('session-ended').waitFor();
    expect(await page.getByTestId('session-ended').innerText()).toMatch(/登录/);
    await page.getByLabel('登录名').waitFor();
  });
});
