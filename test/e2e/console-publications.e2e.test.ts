// 主动公开 in the console, in Chromium on a demo server: demo-clerk drafts an item whose body has a
// mobile number, the check shows it in context, the clerk removes it, the re-check is clean, the
// 保密审查 questions are answered and it is submitted; demo-clerk2 (信息员), demo-chief (科长, from
// 待我审核) and demo-leader (分管领导, from the 工作台) approve, and it is published with a 索引号.
// A clerk sees no 同意 at the 科长's step, and the API refuses the clerk too.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { E2eServer } from './support/e2e-server.ts';
import { apiAs, hasBrowser, loginToken, screenshot, signIn, startE2eServer } from './support/e2e-server.ts';

const TITLE = '示范局2026年部门预算公开说明';
const PHONE = '13912345678';
// A valid 统一社会信用代码 (both check characters worked out by GB 32100 / GB 11714) for the 索引号 rule.
const CREDIT_CODE = '11350100MB0000000Y';

describe.skipIf(!hasBrowser)('主动公开 in the console', () => {
  let e2e: E2eServer;
  let page: Page;
  let id = 0;

  beforeAll(async () => {
    e2e = await startE2eServer();
    // The demo agency has no 统一社会信用代码 yet; the default 索引号 rule starts with it.
    const admin = await loginToken(e2e.server.url, 'demo-admin');
    const settings = await apiAs(e2e.server.url, admin, '/api/agencies/demo/disclosure-settings', { method: 'PUT', body: { creditCode: CREDIT_CODE } });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    const guide = await apiAs(e2e.server.url, admin, '/api/agencies/demo/guide', {
      method: 'PUT',
      body: {
        fields: {
          classification: '本局主动公开的政府信息按政府信息公开目录分类。',
          arrangement: '按目录分类、发布日期编排。',
          howToObtain: '通过示范市人民政府网站查阅，或到本局政府信息公开查阅点查阅。',
          officeName: '示范市示范局办公室',
          officeAddress: '示范市人民路1号',
          officeHours: '工作日 9:00—12:00，14:00—17:30',
          phone: '0591-12345678',
          fax: '0591-12345679',
          internetContact: 'https://www.example.gov.cn',
        },
      },
    });
    expect(guide.status, JSON.stringify(guide.body)).toBe(200);
    page = await e2e.newPage();
  }, 180_000);

  afterAll(async () => {
    await e2e?.close();
  });

  /** Signs out from the layout (the page is inside the console) and in as `login`. */
  async function switchUser(login: string): Promise<void> {
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.getByLabel('登录名').waitFor();
    await signIn(page, e2e.server.url, login);
  }

  /** Answers every 保密审查 question 是 inside `scope`. */
  async function answerChecklist(scope: ReturnType<Page['locator']>): Promise<number> {
    const questions = scope.getByTestId('checklist').locator('.ant-radio-group');
    const count = await questions.count();
    for (let index = 0; index < count; index += 1) await questions.nth(index).getByText('是', { exact: true }).click();
    return count;
  }

  /** Opens the item, answers the checklist in the review panel and 同意 → 确定. */
  async function approveInPanel(opinion: string): Promise<void> {
    const panel = page.getByTestId('review-panel');
    await panel.waitFor();
    expect(await answerChecklist(panel)).toBe(6);
    await panel.getByLabel('审核意见').fill(opinion);
    await panel.getByRole('button', { name: /同\s*意/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
    await panel.waitFor({ state: 'detached' });
  }

  it('drafts an item, shows the mobile number in context, re-checks clean after the fix and submits', async () => {
    await signIn(page, e2e.server.url, 'demo-clerk');
    await page.getByRole('menuitem', { name: '主动公开' }).click();
    await page.getByRole('tab', { name: '草稿' }).click();
    await page.getByRole('button', { name: /新\s*建/ }).click();

    await page.getByLabel('标题').fill(TITLE);
    await page.getByLabel('目录分类').click();
    await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '财政预算、决算信息' }).click();
    await page.getByLabel('文号').fill('示财发〔2026〕1号');
    await page.getByLabel('正文').fill(`现将本局2026年部门预算公开如下。\n如有疑问，请联系经办人，联系电话${PHONE}。`);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/console\/publications\/\d+$/);
    id = Number(/(\d+)$/.exec(page.url())?.[1]);
    expect(id).toBeGreaterThan(0);

    // The check names the kind and shows the number marked in the words around it.
    const hit = page.getByTestId('screening-hit');
    await hit.waitFor();
    expect(await hit.count()).toBe(1);
    await expect.poll(() => hit.locator('.ant-tag').first().textContent()).toBe('手机号码');
    expect(await hit.locator('mark').textContent()).toBe(PHONE);
    expect(await hit.getByTestId('hit-context').textContent()).toContain(`联系电话${PHONE}。`);
    expect(await hit.textContent()).toContain('修改建议：手机号码：删除，或隐去中间4位（如 139****5678）');
    await hit.getByText('已修改').click();
    await screenshot(page, 'console-publication-screening');

    // Submitting is not possible while the hit is unresolved.
    expect(await page.getByRole('button', { name: '提交审核' }).isDisabled()).toBe(true);

    await page.getByLabel('正文').fill('现将本局2026年部门预算公开如下。\n如有疑问，请拨打本局办公室电话。');
    await page.getByRole('button', { name: '保存并重新检查' }).click();
    await page.getByTestId('screening-clean').waitFor();
    expect(await page.getByTestId('screening-hit').count()).toBe(0);

    expect(await answerChecklist(page.locator('body'))).toBe(6);
    await page.getByText('我已逐项审查，确认以上回答属实，同意提交审核').click();
    await screenshot(page, 'console-publication-submit');
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect.poll(() => page.getByTestId('publication-state').textContent()).toBe('审核中');
    expect(await page.getByTestId('review-chain').textContent()).toContain('待审核');
    // The author has no review panel on their own item.
    expect(await page.getByTestId('review-panel').count()).toBe(0);
  });

  it('lets the other clerk approve the 信息员 step from the 工作台', async () => {
    await switchUser('demo-clerk2');
    const count = page.getByTestId('awaiting-review-count');
    await expect.poll(() => count.locator('.ant-statistic-content-value').textContent()).toBe('1');
    await page.getByTestId('awaiting-review').getByRole('link', { name: TITLE }).click();
    await approveInPanel('');
    await expect.poll(() => page.getByText('等待科长审核').count()).toBe(1);
  });

  it('gives a clerk no 同意 at the 科长 step, and the API refuses the clerk too', async () => {
    // demo-clerk2 is still signed in and on the item.
    await page.reload();
    await page.getByTestId('publication-state').waitFor();
    expect(await page.getByTestId('review-panel').count()).toBe(0);
    expect(await page.getByRole('button', { name: /同\s*意/ }).count()).toBe(0);

    const token = await loginToken(e2e.server.url, 'demo-clerk2');
    const details = await apiAs(e2e.server.url, token, `/api/publications/${id}`);
    const version = details.body['version'] as number;
    const checklist = ((details.body['screening'] as { checklist: { id: string }[] }).checklist ?? []).map((q) => ({ questionId: q.id, confirmed: true }));
    const refused = await apiAs(e2e.server.url, token, `/api/publications/${id}/approve`, { method: 'POST', body: { expectedVersion: version, step: 1, opinion: '同意', checklist, acceptances: [] } });
    expect(refused.status).toBe(403);
    expect(refused.body['message']).toBe('第2个审核环节（科长）须由科长审核，当前用户不是科长');
  });

  it('shows the item to demo-chief under 待我审核 and takes the approval', async () => {
    await switchUser('demo-chief');
    await page.getByRole('menuitem', { name: '主动公开' }).click();
    await page.getByRole('tab', { name: '待我审核' }).click();
    const list = page.getByTestId('publication-list');
    await list.getByRole('link', { name: TITLE }).waitFor();
    await screenshot(page, 'console-publication-inbox');
    await list.getByRole('link', { name: TITLE }).click();
    await screenshot(page, 'console-publication-review');
    await approveInPanel('同意公开。');
    await expect.poll(() => page.getByText('等待分管领导审核').count()).toBe(1);
  });

  it('publishes with a 索引号 when demo-leader approves the last step', async () => {
    await switchUser('demo-leader');
    await expect.poll(() => page.getByTestId('awaiting-review-count').locator('.ant-statistic-content-value').textContent()).toBe('1');
    await screenshot(page, 'console-publication-workbench');
    await page.getByTestId('awaiting-review').getByRole('link', { name: TITLE }).click();
    await approveInPanel('同意发布。');
    await expect.poll(() => page.getByTestId('publication-state').textContent()).toBe('已发布');
    const year = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4);
    const fields = await page.getByTestId('publication-fields').textContent();
    expect(fields).toContain(`${CREDIT_CODE}/${year}-00001`);
    // antd spaces two-character labels ("撤 回").
    for (const button of [/^更\s*正$/, /^变更有效性$/, /^撤\s*回$/]) expect(await page.getByRole('button', { name: button }).count()).toBe(1);
    await screenshot(page, 'console-publication-published');

    const token = await loginToken(e2e.server.url, 'demo-leader');
    const published = await apiAs(e2e.server.url, token, `/api/publications/${id}`);
    expect(published.body).toMatchObject({ state: 'published', indexNumber: `${CREDIT_CODE}/${year}-00001` });
    expect((published.body['chain'] as { actor: string; status: string }[]).map((s) => [s.actor, s.status])).toEqual([
      ['demo-clerk2', 'approved'],
      ['demo-chief', 'approved'],
      ['demo-leader', 'approved'],
    ]);
  });

  it('keeps a hit with a reason, takes and removes an attachment, and shows the author the opinion of a return', async () => {
    // demo-clerk2 drafts through the API (the form is covered above); the office e-mail stays with a reason.
    const clerk2 = await loginToken(e2e.server.url, 'demo-clerk2');
    const created = await apiAs(e2e.server.url, clerk2, '/api/agencies/demo/publications', {
      method: 'POST',
      body: {
        title: '示范局政府信息公开工作年度要点',
        bodyHtml: '<p>意见建议请发送至 office@example.gov.cn 。</p>',
        issuer: '示范市示范局',
        writtenOn: new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }),
        kind: 'other',
        categoryCode: 'a20-02',
        channels: ['website'],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const otherId = created.body['id'] as number;

    await switchUser('demo-clerk2');
    await page.goto(new URL(`/console/publications/${otherId}`, e2e.server.url).href);
    const hit = page.getByTestId('screening-hit');
    await hit.waitFor();
    expect(await hit.locator('mark').textContent()).toBe('office@example.gov.cn');

    // A 1×1 PNG: typed by its bytes, listed, then removed after a confirmation.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    await page.locator('input[type=file]').setInputFiles({ name: '示意图.png', mimeType: 'image/png', buffer: png });
    const attachments = page.getByTestId('attachments');
    await attachments.getByText('示意图.png').waitFor();
    await attachments.getByRole('button', { name: /删\s*除/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /删\s*除/ }).click();
    await attachments.getByText('还没有附件').waitFor();

    await hit.getByText('不需修改').click();
    await page.getByLabel('“office@example.gov.cn”不需修改的理由').fill('这是本局对外公布的工作邮箱');
    await answerChecklist(page.locator('body'));
    await page.getByText('我已逐项审查，确认以上回答属实，同意提交审核').click();
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect.poll(() => page.getByTestId('publication-state').textContent()).toBe('审核中');
    expect(await page.getByTestId('screening-hit').textContent()).toContain('不需修改的理由：这是本局对外公布的工作邮箱');

    // demo-clerk (信息员, not the author) returns it with an opinion; the author sees it in the editor.
    await switchUser('demo-clerk');
    await page.goto(new URL(`/console/publications/${otherId}`, e2e.server.url).href);
    const panel = page.getByTestId('review-panel');
    await panel.waitFor();
    expect(await panel.getByRole('button', { name: '退回修改' }).isDisabled()).toBe(true);
    await panel.getByLabel('审核意见').fill('请补充本年度工作要点的具体内容。');
    await panel.getByRole('button', { name: '退回修改' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.getByTestId('publication-state').textContent()).toBe('已退回');

    await switchUser('demo-clerk2');
    await page.goto(new URL(`/console/publications/${otherId}`, e2e.server.url).href);
    await expect.poll(() => page.getByTestId('return-opinion').textContent()).toContain('审核意见：请补充本年度工作要点的具体内容。');
    await screenshot(page, 'console-publication-returned');
  });

  it('shows the catalogue with the count under the category, and the guide', async () => {
    await page.goto(new URL('/console/publications/catalogue', e2e.server.url).href);
    const row = page.getByTestId('catalogue-tree').locator('tr').filter({ hasText: '财政预算、决算信息' });
    await expect.poll(() => row.locator('td').last().textContent()).toBe('1');
    await screenshot(page, 'console-publication-catalogue');
    // The count leads to the list of that category.
    await row.getByRole('link', { name: '1' }).click();
    const list = page.getByTestId('publication-list');
    await list.getByRole('link', { name: TITLE }).waitFor();
    expect(await list.locator('tbody tr.ant-table-row').count()).toBe(1);
    await screenshot(page, 'console-publication-list');
    await page.goto(new URL('/console/publications/guide', e2e.server.url).href);
    await expect.poll(() => page.getByTestId('guide').textContent()).toContain('示范市人民路1号');
    await screenshot(page, 'console-publication-guide');
  });
});
