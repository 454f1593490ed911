// Notices over HTTP on both engines: a case's 补正告知书 and 答复书 as DOCX (document.xml read
// back), an agency's edited template used, a bad template refused, missing values named.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readZipEntry } from '../../../test/read-zip-entry.ts';
import { loginAs } from '../../../test/login-as.ts';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { buildApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import { listAuditEntries } from '../audit/audit.repository.ts';

// Signed in per database in beforeAll (test/login-as.ts). Templates are edited by a 科长 (notice.editTemplate).
let CLERK: Record<string, string> = {};
let CHIEF: Record<string, string> = {};
let AUDITOR: Record<string, string> = {};
const CONTACT = 'contact=' + encodeURIComponent('王五 0591-12345678');

function documentText(body: Buffer): string {
  // Text runs only: the words as Word shows them.
  return [...readZipEntry(new Uint8Array(body), 'word/document.xml').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describeEachDatabase('notices API', (database) => {
  let app: FastifyInstance;
  let corrected = '';
  let replied = '';

  beforeAll(async () => {
    await createAgenciesRepository(database.db).createAgency({ code: 'nt', name: '示范市示范局', level: 'municipal' });
    CLERK = await loginAs(database.db, 'u-clerk', { nt: ['clerk'] });
    CHIEF = await loginAs(database.db, 'u-chief', { nt: ['sectionChief'] });
    AUDITOR = await loginAs(database.db, 'u-auditor', { nt: ['auditor'] });
    app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: database.db, today: () => '2025-09-30' });
    const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload, headers: CLERK });
    const intake = { channel: 'in_person', receivedOn: '2025-09-15', applicant: { type: 'natural_person', name: '张三', idNumber: '11010519491231002X' }, requestedInformation: '示范路改造工程的招标文件' };
    corrected = (await post('/api/agencies/nt/applications', intake)).json<{ trackingNumber: string }>().trackingNumber;
    const correction = { kind: 'correctionRequested', at: '2025-09-16', items: ['请写明所需信息的文件名称或文号', '请提供身份证明'], correctionDueOn: '2025-09-26' };
    expect((await post(`/api/applications/${corrected}/events`, { expectedVersion: 1, event: correction })).statusCode).toBe(200);
    replied = (await post('/api/agencies/nt/applications', intake)).json<{ trackingNumber: string }>().trackingNumber;
    const reply = { kind: 'replied', at: '2025-09-29', outcome: 'disclosed', legalBasis: '条例第三十六条第（二）项' };
    expect((await post(`/api/applications/${replied}/events`, { expectedVersion: 1, event: reply })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
  });

  it('makes the 补正告知书 of a case with its items, deadline and a UTF-8 file name', async () => {
    const res = await app.inject({ url: `/api/applications/${corrected}/notices/correction.docx?issuedOn=2025-09-16&${CONTACT}`, headers: CLERK });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    // 补正告知书 in UTF-8, percent-encoded (RFC 5987).
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''%E8%A1%A5%E6%AD%A3%E5%91%8A%E7%9F%A5%E4%B9%A6-${corrected}.docx`);
    const text = documentText(res.rawPayload);
    expect(text).toContain('政府信息公开申请补正告知书');
    expect(text).toContain(`申请编号：${corrected}`);
    expect(text).toContain('张三：');
    expect(text).toContain('本机关于2025年9月15日收到您提出的政府信息公开申请');
    expect(text).toContain('1.请写明所需信息的文件名称或文号');
    expect(text).toContain('2.请提供身份证明');
    expect(text).toContain('请您于2025年9月26日前（含当日）');
    expect(text).toContain('王五 0591-12345678');
    expect(text).toContain('示范市示范局');
    expect(text).toContain('2025年9月16日');
  });

  it('refuses with 422 naming what the case or the request lacks', async () => {
    const noContact = await app.inject({ url: `/api/applications/${corrected}/notices/correction.docx`, headers: CLERK });
    expect(noContact.statusCode).toBe(422);
    expect(noContact.json<{ message: string }>().message).toContain('联系人及联系电话');

    const noExtension = await app.inject({ url: `/api/applications/${corrected}/notices/extension.docx?${CONTACT}`, headers: CLERK });
    expect(noExtension.statusCode).toBe(422);
    expect(noExtension.json<{ message: string }>().message).toContain('延长答复期限');

    // The reply's remedies clause needs the review body and the court.
    const noRemedies = await app.inject({ url: `/api/applications/${replied}/notices/reply.disclosable.docx?${CONTACT}&accessMethod=${encodeURIComponent('现场领取')}`, headers: CLERK });
    expect(noRemedies.statusCode).toBe(422);
    expect(noRemedies.json<{ message: string }>().message).toContain('救济途径');

    // A ground of another outcome.
    const wrongGround = await app.inject({ url: `/api/applications/${replied}/notices/reply.state_secret.docx?${CONTACT}`, headers: CLERK });
    expect(wrongGround.statusCode).toBe(422);

    expect((await app.inject({ url: `/api/applications/${corrected}/notices/nonsense.docx`, headers: CLERK })).statusCode).toBe(400);
  });

  it('fills a 答复书 with the ground legal basis and the remedies clause', async () => {
    const query = [CONTACT, `accessMethod=${encodeURIComponent('现场领取')}`, `reviewBody=${encodeURIComponent('示范市人民政府')}`, `court=${encodeURIComponent('示范市示范区人民法院')}`].join('&');
    const res = await app.inject({ url: `/api/applications/${replied}/notices/reply.disclosable.docx?${query}`, headers: CLERK });
    expect(res.statusCode, res.body).toBe(200);
    const text = documentText(res.rawPayload);
    expect(text).toContain('根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定');
    expect(text).toContain('自收到本答复书之日起60日内向示范市人民政府申请行政复议');
    expect(text).toContain('6个月内向示范市示范区人民法院提起行政诉讼');
    expect(text).toContain('2025年9月30日');
  });

  it('uses an agency edited template, and refuses a bad one listing the findings in Chinese', async () => {
    const before = await app.inject({ url: '/api/agencies/nt/notice-templates/correction', headers: CLERK });
    expect(before.json()).toMatchObject({ kind: 'correction', label: '补正告知书', isDefault: true, updatedBy: null });

    const edited = {
      title: '示范局补正通知',
      documentNumber: null,
      addressee: '{{applicantName}}：',
      paragraphs: ['您的申请需补正以下事项：', '{{correctionItems}}', '补正期限：{{correctionDeadline}}。'],
    };
    // 信息员 may not edit templates (notice.editTemplate: 科长, 系统管理员); an 审计员 neither.
    for (const who of [CLERK, AUDITOR]) {
      const forbidden = await app.inject({ method: 'PUT', url: '/api/agencies/nt/notice-templates/correction', payload: edited, headers: who });
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json<{ message: string }>().message).toBe('您没有权限修改告知书模板：只有科长、系统管理员可以办理。');
    }
    const saved = await app.inject({ method: 'PUT', url: '/api/agencies/nt/notice-templates/correction', payload: edited, headers: CHIEF });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ isDefault: false, updatedBy: 'u-chief', template: edited });

    const res = await app.inject({ url: `/api/applications/${corrected}/notices/correction.docx`, headers: CLERK });
    expect(res.statusCode, res.body).toBe(200);
    const text = documentText(res.rawPayload);
    expect(text).toContain('示范局补正通知');
    expect(text).toContain('补正期限：2025年9月26日。');
    expect(text).not.toContain('政府信息公开申请补正告知书');

    const bad = { ...edited, paragraphs: ['请补正：{{correctionItems}}', '{{foo}}'] };
    const refused = await app.inject({ method: 'PUT', url: '/api/agencies/nt/notice-templates/correction', payload: bad, headers: CHIEF });
    expect(refused.statusCode).toBe(422);
    const message = refused.json<{ message: string }>().message;
    expect(message).toContain('未知的占位符“{{foo}}”');
    expect(message).toContain('补正期限');
    expect(message).toContain('须单独成段');
    // Nothing saved.
    expect((await app.inject({ url: '/api/agencies/nt/notice-templates/correction', headers: CLERK })).json()).toMatchObject({ template: edited });
    // One audit entry, for the saved edit only.
    const trail = await listAuditEntries(database.db, { action: 'notice.templateChanged' });
    expect(trail.entries.map((e) => [e.actor, e.subject, e.detail])).toEqual([['u-chief', 'notice-template:correction', { ...edited }]]);
  });

  it('fills a 收费通知书 with the lines of 109号文 that add up to the recorded amount', async () => {
    const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload, headers: CLERK });
    const intake = { channel: 'online', receivedOn: '2025-09-22', applicant: { type: 'natural_person', name: '赵六', idNumber: '11010519491231002X' }, requestedInformation: '2024年全部会议纪要' };
    const number = (await post('/api/agencies/nt/applications', intake)).json<{ trackingNumber: string }>().trackingNumber;
    // 按量 150 pages (第五条): 1–30 free, 31–100 70 × 10 = 700, 101–150 50 × 20 = 1000: 1700元.
    const fee = { kind: 'feeNoticeSent', at: '2025-09-23', amount: '1700', basis: { method: 'by_pages', pages: 150 }, paymentDueOn: '2025-10-20' };
    expect((await post(`/api/applications/${number}/events`, { expectedVersion: 1, event: fee })).statusCode).toBe(200);
    const base = `/api/applications/${number}/notices/fee.docx?${CONTACT}&paymentMethod=${encodeURIComponent('银行转账')}&feeMethod=by_pages`;

    const res = await app.inject({ url: `${base}&pages=150`, headers: CLERK });
    expect(res.statusCode, res.body).toBe(200);
    const text = documentText(res.rawPayload);
    expect(text).toContain('第1页至第30页：30页，免费');
    expect(text).toContain('第31页至第100页：70页 × 10元/页 = 700元');
    expect(text).toContain('第101页至第150页：50页 × 20元/页 = 1000元');
    expect(text).toContain('合计：1700元');
    expect(text).toContain('2025年10月20日');

    // 100 pages would be 700元, not the 1700元 recorded.
    const mismatch = await app.inject({ url: `${base}&pages=100`, headers: CLERK });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json<{ message: string }>().message).toContain('不一致');
    // Without the basis there are no lines to print.
    const noLines = await app.inject({ url: `/api/applications/${number}/notices/fee.docx?${CONTACT}&paymentMethod=x`, headers: CLERK });
    expect(noLines.statusCode).toBe(422);
    expect(noLines.json<{ message: string }>().message).toContain('收费明细');
  });

  it('needs a session, and notice.download in the case’s agency, to make a notice', async () => {
    const url = `/api/applications/${corrected}/notices/correction.docx?${CONTACT}`;
    const anonymous = await app.inject({ url });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toEqual({ error: 'FORBIDDEN', message: '请先登录。' });
    // 审计员 reads cases but does not issue documents.
    expect((await app.inject({ url, headers: AUDITOR })).statusCode).toBe(403);
    // A clerk of another agency does not learn that the case exists.
    await createAgenciesRepository(database.db).createAgency({ code: 'nt2', name: '示范市另一局', level: 'municipal' });
    const stranger = await loginAs(database.db, 'u-stranger', { nt2: ['clerk'] });
    expect((await app.inject({ url, headers: stranger })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/agencies/nt/notice-templates/correction', headers: stranger })).statusCode).toBe(403);
  });

  it('lists the new routes in the OpenAPI document', async () => {
    const paths = Object.keys((await app.inject({ url: '/api/docs' })).json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/calendar/years', '/api/agencies/{agencyCode}/notice-templates/{kind}', '/api/applications/{trackingNumber}/notices/{file}']),
    );
  });
});
