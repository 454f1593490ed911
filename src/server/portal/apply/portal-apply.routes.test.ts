// The 依申请公开 pages over HTTP on real SQLite and (with TEST_DATABASE_URL) PostgreSQL: the form with
// its CSRF token and challenge, the checks, the receipt, the status page, the rate limits and the
// staff route for the ID proof. Receipt on Monday 2025-11-03: the 20 working days of 第三十三条 run
// from Tuesday 4 November (no holiday in November 2025): 4–7 (4), 10–14 (9), 17–21 (14),
// 24–28 (19), Monday 1 December (20).
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../../../../test/login-as.ts';
import { describeEachDatabase } from '../../../../test/test-database.ts';
import { createAccountsService } from '../../accounts/accounts.service.ts';
import { createStaffAccess, requireSessionOnStaffRoutes } from '../../accounts/staff-access.ts';
import { createAgenciesRepository } from '../../agencies/agencies.repository.ts';
import { buildApp } from '../../app.ts';
import { createApplicationService } from '../../applications/application.service.ts';
import { listAuditEntries } from '../../audit/audit.repository.ts';
import { createCalendarProvider } from '../../calendar/calendar-provider.ts';
import { parseConfig } from '../../config.ts';
import { registerErrorHandlers } from '../../http-errors.ts';
import { portalApplyRoutes } from './portal-apply.routes.ts';

const TODAY = '2025-11-03';
const ID_NUMBER = '11010519491231002X';
// The same number with the check character 1: Σ = 167, 167 mod 11 = 2 → X, so 1 is wrong.
const BAD_ID_NUMBER = '110105194912310021';
const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4]);
// The start of a Windows executable ("MZ"), sent as a .pdf.
const EXE_BYTES = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);

interface FilePart {
  name: string;
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

function multipart(fields: Record<string, string>, file?: FilePart): { payload: Buffer; contentType: string } {
  const boundary = '----gongkaiTestBoundary7MA4YWxk';
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file !== undefined) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n`));
    chunks.push(Buffer.from(file.bytes));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function solve(question: string): string {
  const match = /请计算：(\d+) (加|减) (\d+) 等于几？/.exec(question);
  if (match === null) throw new Error(`no challenge in ${question.slice(0, 200)}`);
  return String(match[2] === '加' ? Number(match[1]) + Number(match[3]) : Number(match[1]) - Number(match[3]));
}

interface OpenForm {
  cookie: string;
  csrfToken: string;
  challengeToken: string;
  answer: string;
  page: string;
}

const citizenFields = {
  applicantKind: 'citizen',
  name: '张三丰',
  idNumber: ID_NUMBER,
  phone: '13800138000',
  email: 'zhangsanfeng@example.com',
  address: '示范市示范路1号 100000',
  description: '2024年示范路改造工程的招标文件',
  requestedForm: 'paper',
  delivery: 'post',
  declaration: 'yes',
};

const pngProof: FilePart = { name: 'idProof', filename: '身份证.png', contentType: 'image/png', bytes: PNG_BYTES };

describeEachDatabase('portal 依申请公开 pages', (database) => {
  let app: FastifyInstance;
  let clerk: Record<string, string>;
  let admin: Record<string, string>;
  let outsider: Record<string, string>;
  let addressCounter = 0;
  /** A new client address per test, so one test's attempts do not count against another's. */
  const nextAddress = () => `10.0.0.${(addressCounter += 1)}`;

  beforeAll(async () => {
    const agencies = createAgenciesRepository(database.db);
    await agencies.createAgency({ code: 'city', name: '示范市示范局', level: 'municipal' });
    await agencies.createAgency({ code: 'town', name: '示范镇人民政府', level: 'township' });
    clerk = await loginAs(database.db, 'p-clerk', { city: ['clerk'] });
    admin = await loginAs(database.db, 'p-admin', { city: ['admin'] });
    outsider = await loginAs(database.db, 'p-town', { town: ['clerk'] });
    // The plugin as app.ts registers it, with today fixed (app.ts does not pass its `today` yet).
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandlers(app);
    const access = createStaffAccess({ accounts: createAccountsService({ db: database.db }), db: database.db });
    requireSessionOnStaffRoutes(app, access);
    const applications = createApplicationService({ db: database.db, calendars: createCalendarProvider(database.db), today: () => TODAY });
    await app.register(portalApplyRoutes, { db: database.db, applications, signingKey: new Uint8Array(32).fill(9), access, today: () => TODAY });
  });
  afterAll(async () => {
    await app.close();
  });

  async function openForm(agency = 'city', remoteAddress = nextAddress(), cookie?: string): Promise<OpenForm> {
    const res = await app.inject({ method: 'GET', url: `/${agency}/apply`, remoteAddress, ...(cookie === undefined ? {} : { headers: { cookie } }) });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    const doc = parse(res.body);
    return {
      cookie: setCookie.split(';')[0]!,
      csrfToken: doc.querySelector('input[name=csrfToken]')!.getAttribute('value')!,
      challengeToken: doc.querySelector('input[name=challengeToken]')!.getAttribute('value')!,
      answer: solve(doc.querySelector('label[for=f-challengeAnswer]')!.text),
      page: res.body,
    };
  }

  async function submit(form: OpenForm, fields: Record<string, string>, file: FilePart | undefined, remoteAddress: string, agency = 'city') {
    const body = multipart({ csrfToken: form.csrfToken, challengeToken: form.challengeToken, challengeAnswer: form.answer, ...fields }, file);
    return app.inject({ method: 'POST', url: `/${agency}/apply`, remoteAddress, headers: { cookie: form.cookie, 'content-type': body.contentType }, payload: body.payload });
  }

  async function openStatus(agency = 'city', remoteAddress = nextAddress()) {
    const res = await app.inject({ method: 'GET', url: `/${agency}/status`, remoteAddress });
    expect(res.statusCode).toBe(200);
    return { cookie: String(res.headers['set-cookie']).split(';')[0]!, csrfToken: parse(res.body).querySelector('input[name=csrfToken]')!.getAttribute('value')!, page: res.body };
  }

  async function lookUp(trackingNumber: string, queryCode: string, remoteAddress = nextAddress(), agency = 'city') {
    const form = await openStatus(agency, remoteAddress);
    return app.inject({
      method: 'POST',
      url: `/${agency}/status`,
      remoteAddress,
      headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ csrfToken: form.csrfToken, trackingNumber, queryCode }).toString(),
    });
  }

  /** Files a valid application and returns the receipt's number and code. */
  async function fileApplication(fields: Record<string, string> = citizenFields, agency = 'city') {
    const address = nextAddress();
    const res = await submit(await openForm(agency, address), fields, pngProof, address, agency);
    expect(res.statusCode).toBe(200);
    const codes = parse(res.body).querySelectorAll('.receipt dd .code-text').map((n) => n.text);
    return { res, trackingNumber: codes[0]!, queryCode: codes[1]! };
  }

  it('renders the form with a CSRF token bound to a new cookie, a challenge, a label for every field, and the portal headers', async () => {
    const form = await openForm();
    expect(form.cookie).toMatch(/^gk_apply_csrf=[A-Za-z0-9_-]{43}$/);
    const res = await app.inject({ method: 'GET', url: '/city/apply', remoteAddress: nextAddress() });
    // http://localhost (inject): no Secure, so the form works in local tests.
    expect(res.headers['set-cookie']).toMatch(/; Path=\/; HttpOnly; SameSite=Strict; Max-Age=3600$/);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['cache-control']).toBe('no-store');
    const doc = parse(form.page);
    expect(doc.querySelector('html')!.getAttribute('lang')).toBe('zh-CN');
    expect(doc.querySelector('h1')!.text).toBe('政府信息公开申请');
    const controls = doc.querySelectorAll('form.apply-form input, form.apply-form textarea').filter((n) => n.getAttribute('type') !== 'hidden');
    // 2 + 5 radios of type, name, 身份证, 信用代码, 3 contacts, description, 2 + 3 radios, file, declaration, answer.
    expect(controls).toHaveLength(22);
    for (const control of controls) {
      const id = control.getAttribute('id');
      expect(id, control.toString()).toBeDefined();
      expect(doc.querySelector(`label[for=${id}]`), id).not.toBeNull();
    }
    // The CSP allows no script and no inline style: the page needs neither.
    expect(form.page).not.toMatch(/<script|<style|\sstyle=/);
    expect(doc.querySelector('#f-idProof-hint')!.text).toContain('只接受 PDF、JPEG、PNG 格式，不超过 5 MB');
    // The 2019 条例 asks no purpose: the page says so, and no field asks for one.
    expect(doc.querySelector('.lead')!.text).toContain('申请不需要说明用途');
    expect(doc.querySelectorAll('label, legend').filter((n) => n.text.includes('用途'))).toEqual([]);
  });

  it('keeps the browser’s cookie when it has one', async () => {
    const first = await openForm();
    const again = await app.inject({ method: 'GET', url: '/city/apply', remoteAddress: nextAddress(), headers: { cookie: first.cookie } });
    expect(String(again.headers['set-cookie']).split(';')[0]).toBe(first.cookie);
  });

  it('answers an unknown agency with a Chinese 404 page', async () => {
    const res = await app.inject({ method: 'GET', url: '/nosuch/apply', remoteAddress: nextAddress() });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('找不到该机关的政府信息公开专栏');
    // A reserved first segment is no agency: the app's own 404 (JSON for the API).
    const api = await app.inject({ method: 'GET', url: '/api/status', remoteAddress: nextAddress() });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: 'NOT_FOUND', message: '找不到页面或接口：GET /api/status' });
  });

  it('refuses a POST without the cookie, with a forged token, or with another cookie’s token: 403 in Chinese', async () => {
    const address = nextAddress();
    const form = await openForm('city', address);
    const noCookie = await submit({ ...form, cookie: 'other=1' }, citizenFields, pngProof, address);
    expect(noCookie.statusCode).toBe(403);
    expect(noCookie.body).toContain('无法确认提交来源');
    const forged = await submit({ ...form, csrfToken: `${form.csrfToken.split('.')[0]}.${'A'.repeat(43)}` }, citizenFields, pngProof, address);
    expect(forged.statusCode).toBe(403);
    const other = await openForm('city', address);
    const crossed = await submit({ ...form, cookie: other.cookie }, citizenFields, pngProof, address);
    expect(crossed.statusCode).toBe(403);
    expect(await database.db.selectFrom('applications').select('id').execute()).toEqual([]);
  });

  it('re-renders the form on a wrong answer, keeping the values (not the file) with a new challenge', async () => {
    const address = nextAddress();
    const form = await openForm('city', address);
    const res = await submit({ ...form, answer: String(Number(form.answer) + 1) }, citizenFields, pngProof, address);
    expect(res.statusCode).toBe(400);
    const doc = parse(res.body);
    expect(doc.querySelector('title')!.text.startsWith('错误：')).toBe(true);
    const summary = doc.querySelectorAll('.error-summary li a').map((a) => [a.getAttribute('href'), a.text]);
    expect(summary).toEqual([
      ['#f-idProof', '请重新选择身份证明文件：为保护您的信息，出错后页面不保留已选择的文件'],
      ['#f-challengeAnswer', '验证题答案不正确，请计算下面的新题目'],
    ]);
    expect(doc.querySelector('#f-name')!.getAttribute('value')).toBe('张三丰');
    expect(doc.querySelector('#f-description')!.text).toBe('2024年示范路改造工程的招标文件');
    expect(doc.querySelector('#f-challengeAnswer')!.getAttribute('aria-describedby')).toBe('f-challengeAnswer-hint f-challengeAnswer-error');
    expect(doc.querySelector('input[name=challengeToken]')!.getAttribute('value')).not.toBe(form.challengeToken);
    expect(await database.db.selectFrom('applications').select('id').execute()).toEqual([]);
  });

  it('refuses a 身份证 number with a wrong check character', async () => {
    const address = nextAddress();
    const res = await submit(await openForm('city', address), { ...citizenFields, idNumber: BAD_ID_NUMBER }, pngProof, address);
    expect(res.statusCode).toBe(400);
    const doc = parse(res.body);
    expect(doc.querySelector('#f-idNumber-error')!.text).toBe('错误：身份证号码校验码（第18位）不正确，请核对号码');
    expect(doc.querySelector('#f-idNumber')!.getAttribute('aria-invalid')).toBe('true');
  });

  it('refuses an ID proof over 5 MB, and an executable renamed .pdf', async () => {
    const address = nextAddress();
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG_BYTES);
    const tooLarge = await submit(await openForm('city', address), citizenFields, { ...pngProof, bytes: big }, address);
    expect(tooLarge.statusCode).toBe(400);
    expect(parse(tooLarge.body).querySelector('#f-idProof-error')!.text).toBe('错误：身份证明文件不能超过 5 MB，请压缩或者缩小后重新上传');
    const exe = await submit(await openForm('city', address), citizenFields, { name: 'idProof', filename: 'id.pdf', contentType: 'application/pdf', bytes: EXE_BYTES }, address);
    expect(exe.statusCode).toBe(400);
    expect(parse(exe.body).querySelector('#f-idProof-error')!.text).toBe('错误：身份证明文件只能是 PDF、JPEG 或者 PNG 格式（按文件内容识别，改扩展名无效）');
    expect(await database.db.selectFrom('application_id_proofs').select('id').execute()).toEqual([]);
  });

  it('files the application: receipt with number, code, dates; the case is online; the ID proof stored; the challenge used up', async () => {
    const address = nextAddress();
    const form = await openForm('city', address);
    const res = await submit(form, citizenFields, pngProof, address);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const doc = parse(res.body);
    expect(doc.querySelector('h1')!.text).toBe('申请已提交');
    const values = doc.querySelectorAll('.receipt dd').map((n) => n.text);
    const [trackingNumber, queryCode] = values;
    expect(trackingNumber).toBe('CITY-2025-000001');
    expect(queryCode).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{12}$/);
    expect(values[2]).toBe('2025年11月3日');
    expect(values[3]).toBe('自收到申请之日起 20 个工作日内，即 2025年12月1日 前（条例第三十三条）');
    expect(doc.querySelector('#code-warning-title')!.text).toBe('请立即记下查询码');
    expect(doc.querySelector('a.button')!.getAttribute('href')).toBe('/city/status');

    const row = await database.db.selectFrom('applications').selectAll().where('tracking_number', '=', 'CITY-2025-000001').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'online', applicant_type: 'natural_person', applicant_name: '张三丰', id_number: ID_NUMBER, received_on: TODAY, requested_form: '纸质', delivery_method: '邮寄' });
    const proof = await database.db.selectFrom('application_id_proofs').selectAll().where('application_id', '=', row.id).executeTakeFirstOrThrow();
    expect(proof.media_type).toBe('image/png');
    expect(proof.size).toBe(20);
    expect([...new Uint8Array(proof.content)]).toEqual([...PNG_BYTES]);
    const audit = await listAuditEntries(database.db, { action: 'application.received' });
    expect(audit.entries[0]).toMatchObject({ actor: 'system:portal', subject: 'application:CITY-2025-000001' });

    // The browser re-sends the same POST (reload): the challenge is used, nothing new is filed.
    const again = await submit(form, citizenFields, pngProof, address);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('验证题已过期或者已使用');
    expect((await database.db.selectFrom('applications').select('id').execute()).length).toBe(1);
  });

  it('files an organisation’s application with its 统一社会信用代码', async () => {
    const fields = { ...citizenFields, applicantKind: 'organisation', organisationType: 'business', name: '示范科技有限公司', idNumber: '', creditCode: '91350100M000100Y43' };
    const { trackingNumber } = await fileApplication(fields);
    const row = await database.db.selectFrom('applications').selectAll().where('tracking_number', '=', trackingNumber).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ applicant_type: 'business', credit_code: '91350100M000100Y43', id_number: null, channel: 'online' });
  });

  it('shows the status with the right code, without personal data; a wrong code or number gets one answer', async () => {
    const { trackingNumber, queryCode } = await fileApplication();
    const res = await lookUp(trackingNumber, queryCode.toLowerCase());
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const doc = parse(res.body);
    const pairs = Object.fromEntries(doc.querySelectorAll('.receipt dt').map((dt, i) => [dt.text, doc.querySelectorAll('.receipt dd')[i]!.text]));
    expect(pairs).toEqual({ 申请编号: trackingNumber, 办理状态: '办理中', 收到申请之日: '2025年11月3日', 答复期限: '2025年12月1日 前' });
    expect(doc.querySelectorAll('.steps li').map((li) => li.text)).toEqual(['2025年11月3日收到申请']);
    for (const personal of ['张三丰', ID_NUMBER, '13800138000', 'zhangsanfeng@example.com', '示范路1号', queryCode]) expect(res.body).not.toContain(personal);

    const wrongCode = await lookUp(trackingNumber, 'AAAAAAAAAAAA');
    const wrongNumber = await lookUp('CITY-2025-000999', queryCode);
    const malformed = await lookUp('不是编号', queryCode);
    for (const answer of [wrongCode, wrongNumber, malformed]) {
      expect(answer.statusCode).toBe(404);
      expect(parse(answer.body).querySelector('#status-error')!.text).toBe('申请编号或查询码不正确，请核对后重新输入。');
    }
    // The right number and code under another agency's path: not found either.
    const elsewhere = await lookUp(trackingNumber, queryCode, nextAddress(), 'town');
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.body).toContain('编号或查询码不正确');
  });

  it('answers 429 in Chinese after 5 submissions, and after 20 look-ups, from one address', async () => {
    const address = nextAddress();
    for (let i = 0; i < 5; i += 1) {
      const res = await submit(await openForm('city', address), { ...citizenFields, declaration: '' }, pngProof, address);
      expect(res.statusCode).toBe(400);
    }
    const refused = await submit(await openForm('city', address), citizenFields, pngProof, address);
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('同一网络地址 10 分钟内最多提交 5 次申请');
    expect(refused.body).toContain('请于北京时间');
    // The first attempt leaves the window 10 minutes after it: 600 s at most, and more than 590 s here.
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(590);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(600);
    // Another address is not affected.
    const other = nextAddress();
    expect((await submit(await openForm('city', other), { ...citizenFields, declaration: '' }, pngProof, other)).statusCode).toBe(400);

    const looker = nextAddress();
    for (let i = 0; i < 20; i += 1) expect((await lookUp('CITY-2025-000999', 'AAAAAAAAAAAA', looker)).statusCode).toBe(404);
    const tooMany = await lookUp('CITY-2025-000001', 'AAAAAAAAAAAA', looker);
    expect(tooMany.statusCode).toBe(429);
    expect(tooMany.body).toContain('同一网络地址 10 分钟内最多查询 20 次');
  });

  it('serves the ID proof to staff who may read the case, and audits each download', async () => {
    const { trackingNumber } = await fileApplication();
    const url = `/api/applications/${trackingNumber}/id-proof`;
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    // 系统管理员 holds no application.read (三员分立).
    expect((await app.inject({ method: 'GET', url, headers: admin })).statusCode).toBe(403);
    // Staff of another agency do not learn the case exists.
    expect((await app.inject({ method: 'GET', url, headers: outsider })).statusCode).toBe(404);
    const before = (await listAuditEntries(database.db, { action: 'application.idProofRead' })).total;
    const res = await app.inject({ method: 'GET', url, headers: clerk });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${trackingNumber}-id-proof.png"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect([...res.rawPayload]).toEqual([...PNG_BYTES]);
    const audit = await listAuditEntries(database.db, { action: 'application.idProofRead' });
    expect(audit.total).toBe(before + 1);
    expect(audit.entries[0]).toMatchObject({ actor: 'p-clerk', subject: `application:${trackingNumber}` });
    expect(audit.entries[0]!.detail).toMatchObject({ mediaType: 'image/png', size: 20 });
    // The case's details say there is one (the console links to it), without the bytes.
    const details = await createApplicationService({ db: database.db, calendars: createCalendarProvider(database.db), today: () => TODAY }).getApplication(trackingNumber);
    expect(details).toMatchObject({ channel: 'online', idProof: { mediaType: 'image/png', size: 20 } });
  });
});

describeEachDatabase('portal 依申请公开 pages in the built app', (database) => {
  it('are wired into buildApp', async () => {
    await createAgenciesRepository(database.db).createAgency({ code: 'demo2', name: '示范二局', level: 'county' });
    const app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: database.db });
    try {
      const form = await app.inject({ method: 'GET', url: '/demo2/apply' });
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('政府信息公开申请');
      const css = await app.inject({ method: 'GET', url: '/assets/portal-apply.css' });
      expect(css.statusCode).toBe(200);
      expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    } finally {
      await app.close();
    }
  });
});

describe('status steps', () => {
  it('are named in plain Chinese for the applicant', async () => {
    const { publicStepLabel } = await import('./apply-pages.ts');
    expect(publicStepLabel('登记收到申请')).toBe('收到申请');
    expect(publicStepLabel('延长答复期限')).toBe('延长答复期限');
    expect(publicStepLabel('告知补正')).toBe('告知补正申请内容');
  });
});
