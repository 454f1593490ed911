// A case from the counter to the reply in a real browser, as staff do it: demo-clerk registers
// an application at the counter, asks for 补正, records the corrected application; demo-chief
// approves an extension (条例第三十三条: the 负责人 decides); demo-clerk replies 予以公开 and
// downloads the 答复书 after giving the values the server asks for.
//
// Dates are fixed in 2026 so the due dates can be worked out by hand with the 2026 节假日安排
// (国办发明电〔2025〕7号: 10月1日至7日放假, 9月20日、10月10日上班):
// - received Mon 2026-09-28: 20 working days = 9/29, 9/30, 10/8, 10/9, 10/10 (调休上班), 10/12–16,
//   10/19–23, 10/26–30 → due Fri 2026-10-30.
// - 补正 asked Wed 2026-09-30 (within 7 working days: by 10/13): no due date while waiting.
// - corrected application received Mon 2026-10-19: the period restarts (第三十条): 10/20–23,
//   10/26–30, 11/2–6, 11/9–13, 11/16 → due Mon 2026-11-16.
// - extension of 20 working days approved Tue 2026-11-10: 11/17–20, 11/23–27, 11/30–12/4,
//   12/7–11, 12/14 → due Mon 2026-12-14.
// - replied Wed 2026-11-25: closed on that day, within the period.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readZipEntry } from '../read-zip-entry.ts';
import type { E2eServer } from './support/e2e-server.ts';
import { fillDate, hasBrowser, screenshot, signIn, startE2eServer } from './support/e2e-server.ts';

const RECEIVED_ON = '2026-09-28';

describe.skipIf(!hasBrowser)('依申请公开 case actions in Chromium', () => {
  let e2e: E2eServer;
  let page: Page;
  let trackingNumber = '';

  beforeAll(async () => {
    e2e = await startE2eServer();
    page = await e2e.newPage({ width: 1280, height: 1000 });
  }, 180_000);

  afterAll(async () => {
    await e2e?.close();
  });


  async function openAction(button: string) {
    await page.getByTestId('case-actions').getByRole('button', { name: button, exact: true }).click();
    await page.getByRole('dialog', { name: button }).waitFor();
  }

  async function confirm(button: string) {
    await page.getByRole('dialog', { name: button }).getByRole('button', { name: '确认登记' }).click();
    await page.getByRole('dialog', { name: button }).waitFor({ state: 'hidden' });
  }

  const dueOn = () => page.getByTestId('due-on').innerText();
  const history = () => page.getByTestId('history').innerText();

  it('registers an application at the counter, shows the server refusing a wrong 身份证号码, then the number and query code once', async () => {
    await signIn(page, e2e.server.url, 'demo-clerk');
    await page.getByRole('menuitem', { name: /依申请公开/ }).click();
    await page.getByRole('button', { name: '登记申请' }).click();
    const drawer = page.getByRole('dialog', { name: '登记申请' });
    await drawer.waitFor();
    await drawer.getByText('当面', { exact: true }).click();
    await fillDate(page, '收到申请之日', RECEIVED_ON);
    await page.getByLabel('申请人姓名').fill('柜台申请人');
    // Check digit wrong (the right one is X): the server's Chinese reason is shown as it comes.
    await page.getByLabel('身份证号码').fill('110105194912310021');
    await page.getByLabel('联系电话').fill('13800000001');
    await page.getByLabel('所需政府信息的描述').fill('本机关2026年度老旧小区改造项目的立项批复文件。');
    await drawer.getByRole('button', { name: '确认登记' }).click();
    const refusal = page.getByTestId('intake-error');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('身份证号码');
    // The API's field code (applicant.idNumber) is for programmers; staff read the Chinese name only.
    expect(await refusal.innerText()).not.toContain('applicant.idNumber');
    await screenshot(page, 'console-case-actions-1-intake-error');

    await page.getByLabel('身份证号码').fill('11010519491231002X');
    await drawer.getByRole('button', { name: '确认登记' }).click();
    const done = page.getByRole('dialog', { name: '申请已登记' });
    await done.waitFor();
    trackingNumber = (await page.getByTestId('intake-tracking-number').innerText()).trim();
    expect(trackingNumber).toMatch(/^DEMO-2026-/i);
    expect((await page.getByTestId('intake-query-code').innerText()).trim()).toMatch(/^\S{6,}$/);
    expect(await done.innerText()).toContain('查询码只显示这一次');
    await screenshot(page, 'console-case-actions-2-intake-done');

    await done.getByRole('button', { name: '打开该申请' }).click();
    await page.waitForURL(new RegExp(`/console/applications/${encodeURIComponent(trackingNumber)}$`));
    await page.getByTestId('due-on').waitFor();
    expect(await dueOn()).toBe('2026-10-30');
    expect(await history()).toContain(`${RECEIVED_ON} 登记收到申请`);
  });

  it('asks for 补正: no due date while waiting', async () => {
    await openAction('告知补正');
    await fillDate(page, '告知补正之日', '2026-09-30');
    await page.getByLabel('补正事项').fill('请写明所需文件的具体名称或文号\n请写明项目所在的街道');
    await fillDate(page, '补正期限', '2026-10-16');
    await screenshot(page, 'console-case-actions-3-correction-form');
    await confirm('告知补正');
    await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('等待补正');
    expect(await dueOn()).toBe('等待补正，暂不计算');
    expect(await history()).toContain('2026-09-30 告知补正');
    expect(await history()).toContain('补正期限：2026-10-16');
  });

  it('records the corrected application: the period restarts', async () => {
    await openAction('登记收到补正');
    await fillDate(page, '收到补正申请之日', '2026-10-19');
    await confirm('登记收到补正');
    await expect.poll(dueOn).toBe('2026-11-16');
    expect(await page.getByTestId('case-state').innerText()).toBe('办理中');
    expect(await history()).toContain('2026-10-19 收到补正后的申请');
    expect(await page.getByTestId('clock-explanation').innerText()).toContain('2026年10月19日收到补正后的申请');
    // The clerk may not approve an extension: the page says who does.
    expect(await page.getByTestId('case-actions').getByRole('button', { name: '批准延长答复期限' }).count()).toBe(0);
    await page.getByTestId('extension-needs-approver').waitFor();
    // A notice for the 补正 already on record.
    await page.getByRole('button', { name: '下载补正告知书' }).waitFor();
    await screenshot(page, 'console-case-actions-4-corrected');
  });

  it('lets the 科长 approve an extension of 20 working days', async () => {
    await signIn(page, e2e.server.url, 'demo-chief');
    await page.goto(new URL(`/console/applications/${encodeURIComponent(trackingNumber)}`, e2e.server.url).href);
    await page.getByTestId('due-on').waitFor();
    await openAction('批准延长答复期限');
    await fillDate(page, '批准日期', '2026-11-10');
    expect(await page.getByLabel('延长的工作日数').inputValue()).toBe('20');
    await page.getByLabel('延长理由').fill('所需文件须向多个科室调取，无法在20个工作日内答复');
    await screenshot(page, 'console-case-actions-5-extension-form');
    await confirm('批准延长答复期限');
    await expect.poll(dueOn).toBe('2026-12-14');
    expect(await history()).toContain('2026-11-10 延长答复期限');
    expect(await history()).toContain('demo-chief');
    expect(await page.getByTestId('clock-explanation').innerText()).toContain('延长答复期限20个工作日');
    // Once only: no second extension.
    expect(await page.getByTestId('case-actions').getByRole('button', { name: '批准延长答复期限' }).count()).toBe(0);
  });

  it('records the reply 予以公开 as the clerk and closes the case within the period', async () => {
    await signIn(page, e2e.server.url, 'demo-clerk');
    await page.goto(new URL(`/console/applications/${encodeURIComponent(trackingNumber)}`, e2e.server.url).href);
    await page.getByTestId('due-on').waitFor();
    await openAction('登记答复');
    await fillDate(page, '答复日期', '2026-11-25');
    await page.getByLabel('办理结果').fill('予以公开');
    await page.getByLabel('办理结果').press('Enter');
    await page.getByLabel('所申请公开信息可以公开').check();
    expect(await page.getByLabel('法律依据').inputValue()).toBe('《中华人民共和国政府信息公开条例》第三十六条第（二）项');
    await screenshot(page, 'console-case-actions-6-reply-form');
    await confirm('登记答复');
    await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('已办结');
    expect(await page.getByTestId('concluded-on').innerText()).toBe('2026-11-25');
    expect(await dueOn()).toBe('2026-12-14');
    const steps = await history();
    for (const step of [`${RECEIVED_ON} 登记收到申请`, '2026-09-30 告知补正', '2026-10-19 收到补正后的申请', '2026-11-10 延长答复期限', '2026-11-25 答复']) expect(steps).toContain(step);
    expect(steps).toContain('办理结果：予以公开');
    expect(await page.getByTestId('clock-explanation').innerText()).toContain('2026年11月25日办结，办理结果：予以公开，在答复期限内');
    // Nothing more to do on a closed case.
    expect(await page.getByTestId('case-actions').count()).toBe(0);
  });

  it('downloads the 答复书 as DOCX after giving the values the server names as missing', async () => {
    await page.getByRole('button', { name: '下载答复书（所申请公开信息可以公开）' }).click();
    const asking = page.getByRole('dialog', { name: '生成答复书（所申请公开信息可以公开）' });
    await asking.waitFor();
    await page.getByLabel('获取信息的方式、途径').fill('请于2026年12月1日起到本机关政府信息公开窗口领取');
    await page.getByLabel('行政复议机关').fill('示范市人民政府');
    await page.getByLabel('人民法院').fill('示范市示范区人民法院');
    await page.getByLabel('联系人及联系电话').fill('王五，0371-12345678');
    await screenshot(page, 'console-case-actions-7-notice-values');
    const [download] = await Promise.all([page.waitForEvent('download'), asking.getByRole('button', { name: '生成并下载' }).click()]);
    expect(download.suggestedFilename()).toBe(`答复书（所申请公开信息可以公开）-${trackingNumber}.docx`);
    const saved = join(e2e.dataDir, 'reply.docx');
    await download.saveAs(saved);
    const bytes = new Uint8Array(readFileSync(saved));
    expect(Buffer.from(bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
    // The text of the runs, joined (a number may be split across runs).
    const text = [...readZipEntry(bytes, 'word/document.xml').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain(trackingNumber);
    expect(text).toContain('示范市人民政府');
    await asking.waitFor({ state: 'hidden' });
    await screenshot(page, 'console-case-actions-8-closed');
  });

  it('asks to reload when someone else recorded a step on the case meanwhile (409)', async () => {
    const created = await page.evaluate(async () => {
      const response = await fetch('/api/agencies/demo/applications', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: 'online',
          receivedOn: '2026-11-02',
          applicant: { type: 'natural_person', name: '并发测试申请人', idNumber: '11010519491231002X' },
          requestedInformation: '本机关2026年度部门预算。',
        }),
      });
      return ((await response.json()) as { trackingNumber: string }).trackingNumber;
    });
    await page.goto(new URL(`/console/applications/${encodeURIComponent(created)}`, e2e.server.url).href);
    await page.getByTestId('due-on').waitFor();
    await openAction('告知补正');
    await fillDate(page, '告知补正之日', '2026-11-04');
    await page.getByLabel('补正事项').fill('请写明所需预算的科目');
    await fillDate(page, '补正期限', '2026-11-20');
    // A colleague asks for 补正 on the same case first, at version 1.
    const status = await page.evaluate(async (number) => {
      const response = await fetch(`/api/applications/${encodeURIComponent(number)}/events`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ expectedVersion: 1, event: { kind: 'correctionRequested', at: '2026-11-03', items: ['请写明年度'], correctionDueOn: '2026-11-18' } }),
      });
      return response.status;
    }, created);
    expect(status).toBe(200);
    await page.getByRole('dialog', { name: '告知补正' }).getByRole('button', { name: '确认登记' }).click();
    const refusal = page.getByTestId('action-error');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('该申请已被他人修改，请刷新后重试');
    await screenshot(page, 'console-case-actions-9-conflict');
    await refusal.getByRole('button', { name: '重新载入' }).click();
    await page.getByRole('dialog', { name: '告知补正' }).waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('等待补正');
    expect(await history()).toContain('补正事项：请写明年度；补正期限：2026-11-18');
  });

  // A second case through the other forms: received Mon 2026-11-02 (no holidays in Nov–Dec 2026).
  // - third-party consultation out Tue 11-03, consent back Mon 11-09: 11/4, 11/5, 11/6, 11/9 = 4
  //   working days not counted → 24 working days: 11/3–6, 11/9–13, 11/16–20, 11/23–27, 11/30–12/4
  //   → due Fri 2026-12-04.
  // - fee notice Tue 11-10 for 120 pages: 31–100 at 10元 (700) + 101–120 at 20元 (400) = 1100元;
  //   paid Thu 11-12: 11/11, 11/12 = 2 more → 26 working days → 12/7, 12/8 → due Tue 2026-12-08.
  // - 第三十五条: reasons asked Fri 11-13, found reasonable Mon 11-16 (no delayed date); withdrawn Tue 11-17.
  it('runs consultation, fee, 第三十五条 and withdrawal through their forms', async () => {
    const number = await page.evaluate(async () => {
      const response = await fetch('/api/agencies/demo/applications', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: 'registered_mail',
          receivedOn: '2026-11-02',
          applicant: { type: 'natural_person', name: '第二位申请人', idNumber: '11010519491231002X' },
          requestedInformation: '某公司与本机关签订的特许经营协议。',
        }),
      });
      return ((await response.json()) as { trackingNumber: string }).trackingNumber;
    });
    await page.goto(new URL(`/console/applications/${encodeURIComponent(number)}`, e2e.server.url).href);
    await page.getByTestId('due-on').waitFor();

    await openAction('征求意见');
    await fillDate(page, '发出征求意见之日', '2026-11-03');
    await page.getByLabel('第三方', { exact: true }).check();
    await page.getByLabel('征求意见对象', { exact: true }).fill('示范建设有限公司');
    await confirm('征求意见');
    await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('征求意见中');

    await openAction('登记收到意见');
    await fillDate(page, '收到意见之日', '2026-11-09');
    await page.getByLabel('同意公开', { exact: true }).check();
    await confirm('登记收到意见');
    await expect.poll(dueOn).toBe('2026-12-04');
    expect(await page.getByTestId('case-state').innerText()).toBe('办理中');

    await openAction('发出收费通知');
    await fillDate(page, '发出收费通知之日', '2026-11-10');
    await page.getByLabel('按量计收（按页数）').check();
    await page.getByLabel('页数', { exact: true }).fill('120');
    await fillDate(page, '缴费期限', '2026-11-20');
    await confirm('发出收费通知');
    await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('等待缴费');
    expect(await history()).toContain('收费金额：1100元；缴费期限：2026-11-20');

    await openAction('登记已缴费');
    await fillDate(page, '缴费之日', '2026-11-12');
    await confirm('登记已缴费');
    await expect.poll(dueOn).toBe('2026-12-08');

    await openAction('要求说明理由');
    await fillDate(page, '要求说明理由之日', '2026-11-13');
    await confirm('要求说明理由');
    await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('等待申请人说明理由');

    await openAction('作出第三十五条决定');
    await fillDate(page, '决定日期', '2026-11-16');
    await page.getByLabel('合理', { exact: true }).check();
    await confirm('作出第三十五条决定');
    await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('办理中');
    expect(await dueOn()).toBe('2026-12-08');

    await openAction('登记撤回申请');
    await fillDate(page, '撤回申请之日', '2026-11-17');
    await confirm('登记撤回申请');
    await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('已办结');
    expect(await page.getByTestId('concluded-on').innerText()).toBe('2026-11-17');
    const steps = await history();
    for (const step of ['2026-11-03 征求意见', '第三方：示范建设有限公司', '2026-11-09 收到意见', '第三方意见：同意公开', '2026-11-10 发出收费通知', '2026-11-12 缴纳信息处理费', '2026-11-13 要求说明理由', '2026-11-16 作出第三十五条决定', '申请理由合理', '2026-11-17 撤回申请'])
      expect(steps).toContain(step);
    // The notices this record can fill: the consultation letter and the fee notice (no reply: withdrawn).
    expect(await page.getByTestId('notices').innerText()).toMatch(/下载征求第三方意见函[\s\S]*下载收费通知书/);
    await screenshot(page, 'console-case-actions-10-withdrawn');
  });
});
