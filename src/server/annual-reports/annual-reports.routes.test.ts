// The annual report approval over HTTP, on the real app and both engines: the whole path
// 草稿 → 审核中 → 已定稿 → 已发布 → 解除锁定, the refusals, the frozen and the published versions,
// the audit trail and the exports.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../../../test/login-as.ts';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { buildApp } from '../app.ts';
import { listAuditEntries } from '../audit/audit.repository.ts';
import { parseConfig } from '../config.ts';
import { encodeRfc5987 } from '../reports/content-disposition.ts';
import { locateSoffice, PdfConverterMissingError } from '../../files/convert-docx-to-pdf.ts';
import type { StaffAccess } from '../accounts/staff-access.ts';
import { annualReportRoutes } from './annual-reports.routes.ts';
import { createAnnualReportApprovalService, yearInChina } from './annual-reports.service.ts';
import type { AnnualReportApprovalService, ReportView } from './annual-reports.service.ts';

const hasSoffice = (await locateSoffice(process.env.PATH)) !== null;

/** The PDF's text (poppler's pdftotext), white space removed. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-pdftext-'));
  try {
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const TITLE = '示范市示范局2025年政府信息公开工作年度报告';
const BASE = '/api/agencies/city/annual-reports/2025';
/** Table 三 says 0 applications received in 2025: a text claiming 5 is a TXT-APPS error. */
const WRONG_OVERVIEW = '2025年，本局共收到政府信息公开申请5件。';
const GOOD_TEXT = { overview: '2025年，本局依法做好政府信息公开工作。', problems: '信息发布的及时性有待提高。', otherMatters: '本年度未收取信息处理费。' };

describeEachDatabase('annual report approval API', (database) => {
  let app: FastifyInstance;
  let agencyId: number;
  let clerk: Record<string, string> = {};
  let leader: Record<string, string> = {};
  let auditor: Record<string, string> = {};
  let admin: Record<string, string> = {};
  let outsider: Record<string, string> = {};

  beforeAll(async () => {
    const agencies = createAgenciesRepository(database.db);
    agencyId = (await agencies.createAgency({ code: 'city', name: '示范市示范局', level: 'municipal' })).id;
    await agencies.createAgency({ code: 'other', name: '另一局', level: 'municipal' });
    clerk = await loginAs(database.db, 'r-clerk', { city: ['clerk'] });
    leader = await loginAs(database.db, 'r-leader', { city: ['leader'] });
    auditor = await loginAs(database.db, 'r-auditor', { city: ['auditor'] });
    admin = await loginAs(database.db, 'r-admin', { city: ['admin'] });
    outsider = await loginAs(database.db, 'r-outsider', { other: ['clerk'] });
    app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: database.db });
    // The year's table 二 figures: the only records of this agency.
    const figures = await app.inject({ method: 'PUT', url: '/api/agencies/city/yearly-figures/2025', headers: clerk, payload: { licensing: 120, penalty: 7, enforcement: 0, administrativeFees: '12.5000' } });
    expect(figures.statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
  });

  const view = async (headers = clerk) => {
    const res = await app.inject({ url: BASE, headers });
    expect(res.statusCode).toBe(200);
    return res.json<ReportView>();
  };
  const command = (headers: Record<string, string>, payload: { command: string; note?: string; version: number }) =>
    app.inject({ method: 'POST', url: `${BASE}/commands`, headers, payload });
  const putText = (headers: Record<string, string>, payload: Record<string, unknown>) => app.inject({ method: 'PUT', url: `${BASE}/text`, headers, payload });
  const publicJson = () => app.inject({ url: '/api/agencies/city/reports/2025' });

  it('shows a year with no row yet as a draft at version 0 with the live report', async () => {
    const v = await view();
    expect(v).toMatchObject({ year: 2025, state: 'draft', stateLabel: '草稿', version: 0, locked: false, history: [], publishedAt: null, canEditText: true });
    expect(v.report.table2).toMatchObject({ licensing: 120, penalty: 7, enforcement: 0, administrativeFees: '12.5000' });
    expect(v.allowedCommands).toEqual(['submit']);
    expect(v.exports.docx).toBe(`${BASE}/export.docx`);
    // Leader: may edit text, not submit; auditor: nothing.
    expect((await view(leader)).allowedCommands).toEqual([]);
    expect((await view(leader)).canEditText).toBe(true);
    expect((await view(auditor)).canEditText).toBe(false);
  });

  it('lists the year (it has figures) as a draft', async () => {
    const res = await app.inject({ url: '/api/agencies/city/annual-reports', headers: auditor });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ years: unknown[] }>().years).toContainEqual({ year: 2025, state: 'draft', stateLabel: '草稿', publishedAt: null, hasPublishedVersion: false });
  });

  it('refuses the public report before it is published', async () => {
    const res = await publicJson();
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'NOT_FOUND', message: '该年度报告尚未发布' });
    const page = await app.inject({ url: '/reports/city/2025', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('该年度报告尚未发布');
    expect((await app.inject({ url: '/reports/city/2025.docx' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/' })).body).not.toContain('/reports/city/2025');
  });

  it('refuses text from an auditor, and text with a stale version', async () => {
    const forbidden = await putText(auditor, { ...GOOD_TEXT, version: 0 });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json<{ message: string }>().message).toContain('编写年度报告文字部分');
    const stale = await putText(clerk, { ...GOOD_TEXT, version: 3 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ message: string }>().message).toBe('年度报告已被他人修改，请刷新后重试。');
    const tooLong = await putText(clerk, { ...GOOD_TEXT, overview: '字'.repeat(50_001), version: 0 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json<{ message: string }>().message).toContain('一、总体情况');
  });

  it('saves text that contradicts table 三, and then refuses to submit while the lint finds errors', async () => {
    const saved = await putText(clerk, { ...GOOD_TEXT, overview: WRONG_OVERVIEW, version: 0 });
    expect(saved.statusCode).toBe(200);
    const v = saved.json<ReportView>();
    expect(v.version).toBe(1);
    expect(v.text.overview).toBe(WRONG_OVERVIEW);
    expect(v.report.text.overview).toBe(WRONG_OVERVIEW);
    expect(v.history.map((h) => [h.kind, h.label, h.actor])).toEqual([['editText', '修改文字部分', 'r-clerk']]);
    expect(v.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['TXT-APPS']);

    const refused = await command(clerk, { command: 'submit', version: 1 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ message: string }>().message).toBe('年度报告还有 1 处错误，请在检查结果中逐条改正后再提交审核。');
    expect((await view()).state).toBe('draft');
  });

  it('submits once the text is corrected; the clerk then may not finalize nor edit text', async () => {
    const fixed = await putText(clerk, { ...GOOD_TEXT, version: 1 });
    expect(fixed.json<ReportView>().findings.filter((f) => f.severity === 'error')).toEqual([]);
    const stale = await command(clerk, { command: 'submit', version: 1 });
    expect(stale.statusCode).toBe(409);
    const submitted = await command(clerk, { command: 'submit', version: 2 });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json<ReportView>()).toMatchObject({ state: 'inReview', stateLabel: '审核中', version: 3, canEditText: false, allowedCommands: [] });

    const finalize = await command(clerk, { command: 'finalize', version: 3 });
    expect(finalize.statusCode).toBe(403);
    expect(finalize.json<{ message: string }>().message).toBe('您没有权限审核年度报告（定稿或退回）：只有分管领导可以办理。');
    const text = await putText(leader, { ...GOOD_TEXT, version: 3 });
    expect(text.statusCode).toBe(409);
    expect(text.json<{ message: string }>().message).toBe('年度报告当前为“审核中”，只有草稿可以修改文字部分。');
  });

  it('returns only with an opinion, and the clerk submits again', async () => {
    expect((await view(leader)).allowedCommands).toEqual(['return', 'finalize']);
    const noNote = await command(leader, { command: 'return', note: '  ', version: 3 });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json<{ message: string }>().message).toBe('退回修改须填写审核意见。');
    const returned = await command(leader, { command: 'return', note: '请补充第五部分。', version: 3 });
    expect(returned.json<ReportView>()).toMatchObject({ state: 'draft', version: 4 });
    expect((await command(clerk, { command: 'submit', version: 4 })).statusCode).toBe(200);
  });

  it('finalizes: the frozen report is the one shown, the view is locked, publish is offered', async () => {
    const shown = (await view(leader)).report;
    const res = await command(leader, { command: 'finalize', version: 5 });
    expect(res.statusCode).toBe(200);
    const v = res.json<ReportView>();
    expect(v).toMatchObject({ state: 'finalized', stateLabel: '已定稿', version: 6, locked: true, canEditText: false, allowedCommands: ['publish', 'unlock'] });
    expect(v.report).toEqual(shown);
    const stored = await database.db.selectFrom('annual_reports').select(['final_json', 'published_json']).where('agency_id', '=', agencyId).where('year', '=', 2025).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.final_json ?? 'null')).toEqual(shown);
    expect(stored.published_json).toBeNull();
    // Still not public: finalized is not published.
    expect((await publicJson()).statusCode).toBe(404);
    // The admin may publish, not unlock.
    expect((await view(admin)).allowedCommands).toEqual(['publish']);
  });

  it('publishes: the portal serves the frozen report', async () => {
    const res = await command(admin, { command: 'publish', version: 6 });
    expect(res.statusCode).toBe(200);
    const v = res.json<ReportView>();
    expect(v).toMatchObject({ state: 'published', stateLabel: '已发布', version: 7, locked: true });
    expect(v.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const pub = await publicJson();
    expect(pub.statusCode).toBe(200);
    expect(pub.json<{ report: { table2: { licensing: number }; text: { problems: string } } }>().report.table2.licensing).toBe(120);
    expect(pub.json<{ report: { text: { problems: string } } }>().report.text.problems).toBe('信息发布的及时性有待提高。');
    expect((await app.inject({ url: '/city/reports', headers: { accept: 'text/html' } })).body).toContain('href="/city/reports/2025"');
    const page = await app.inject({ url: '/reports/city/2025' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(TITLE);
    const list = await app.inject({ url: '/api/agencies/city/annual-reports', headers: clerk });
    expect(list.json<{ years: { year: number; state: string; hasPublishedVersion: boolean; publishedAt: string | null }[] }>().years.find((y) => y.year === 2025)).toEqual({
      year: 2025,
      state: 'published',
      stateLabel: '已发布',
      publishedAt: v.publishedAt,
      hasPublishedVersion: true,
    });
  });

  it('unlocks only with a reason; records change; the published version stays until the next publish', async () => {
    expect((await command(clerk, { command: 'unlock', note: '数据有误', version: 7 })).statusCode).toBe(403);
    const noReason = await command(leader, { command: 'unlock', version: 7 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<{ message: string }>().message).toBe('解除锁定须填写理由，理由将记入审计记录。');
    const unlocked = await command(leader, { command: 'unlock', note: '行政许可决定数少报了10件。', version: 7 });
    expect(unlocked.json<ReportView>()).toMatchObject({ state: 'draft', locked: false, version: 8, canEditText: true });

    const figures = await app.inject({ method: 'PUT', url: '/api/agencies/city/yearly-figures/2025', headers: clerk, payload: { licensing: 130, penalty: 7, enforcement: 0, administrativeFees: '12.5000' } });
    expect(figures.statusCode).toBe(200);
    // The draft is live again; the portal still shows what was published.
    expect((await view()).report.table2.licensing).toBe(130);
    expect((await publicJson()).json<{ report: { table2: { licensing: number } } }>().report.table2.licensing).toBe(120);

    expect((await command(clerk, { command: 'submit', version: 8 })).statusCode).toBe(200);
    const refinalized = await command(leader, { command: 'finalize', version: 9 });
    expect(refinalized.json<ReportView>().report.table2.licensing).toBe(130);
    expect((await publicJson()).json<{ report: { table2: { licensing: number } } }>().report.table2.licensing).toBe(120);
    expect((await command(leader, { command: 'publish', version: 10 })).statusCode).toBe(200);
    expect((await publicJson()).json<{ report: { table2: { licensing: number } } }>().report.table2.licensing).toBe(130);
  });

  it('refuses a command the state does not allow', async () => {
    const res = await command(leader, { command: 'finalize', version: 11 });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ message: string }>().message).toBe('年度报告当前为“已发布”，不能定稿。');
  });

  it('keeps the whole history, with the notes', async () => {
    const v = await view(auditor);
    expect(v.history.map((h) => h.kind)).toEqual(['editText', 'editText', 'submit', 'return', 'submit', 'finalize', 'publish', 'unlock', 'submit', 'finalize', 'publish']);
    expect(v.history[3]).toMatchObject({ kind: 'return', label: '退回修改', actor: 'r-leader', note: '请补充第五部分。' });
    expect(v.history[7]).toMatchObject({ kind: 'unlock', label: '解除锁定', note: '行政许可决定数少报了10件。' });
    expect(v.history[6]?.actor).toBe('r-admin');
  });

  it('writes one audit entry per change, with the subject report:city/2025 and Chinese labels', async () => {
    const page = await listAuditEntries(database.db, { agencyId, subject: 'report:city/2025', limit: 100, offset: 0 });
    const report = page.entries.filter((e) => e.subject === 'report:city/2025').sort((a, b) => a.seq - b.seq);
    expect(report.map((e) => [e.action, e.actor])).toEqual([
      ['report.editText', 'r-clerk'],
      ['report.editText', 'r-clerk'],
      ['report.submit', 'r-clerk'],
      ['report.return', 'r-leader'],
      ['report.submit', 'r-clerk'],
      ['report.finalize', 'r-leader'],
      ['report.publish', 'r-admin'],
      ['report.unlock', 'r-leader'],
      ['report.submit', 'r-clerk'],
      ['report.finalize', 'r-leader'],
      ['report.publish', 'r-leader'],
    ]);
    expect(report[7]?.detail).toMatchObject({ year: 2025, from: 'published', to: 'draft', note: '行政许可决定数少报了10件。' });
    const http = await app.inject({ url: '/api/agencies/city/audit?action=report.unlock', headers: leader });
    expect(http.json<{ entries: { actionLabel: string }[] }>().entries.map((e) => e.actionLabel)).toEqual(['解除年度报告定稿锁定']);
  });

  it('exports the frozen report as docx, xlsx and html with the Chinese file name', async () => {
    const docx = await app.inject({ url: `${BASE}/export.docx`, headers: auditor });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeRfc5987(`${TITLE}.docx`)}`);
    expect(docx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const xlsx = await app.inject({ url: `${BASE}/export.xlsx`, headers: auditor });
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toContain(encodeRfc5987(`${TITLE}.xlsx`));
    const html = await app.inject({ url: `${BASE}/export.html`, headers: auditor });
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-disposition']).toContain(encodeRfc5987(`${TITLE}.html`));
    expect(html.body).toMatch(/^<!doctype html>/i);
    expect(html.body).toContain('<style>');
    expect(html.body).toContain(`<h1 class="gk-title">${TITLE}</h1>`);
    expect(html.body).toContain('信息发布的及时性有待提高。');
    expect((await app.inject({ url: `${BASE}/export.odt`, headers: auditor })).statusCode).toBe(400);
  });

  it.skipIf(!hasSoffice)('exports the frozen report as PDF through LibreOffice; its text holds the title', { timeout: 120_000 }, async () => {
    const pdf = await app.inject({ url: `${BASE}/export.pdf`, headers: auditor });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(encodeRfc5987(`${TITLE}.pdf`));
    expect(pdfText(pdf.rawPayload)).toContain(TITLE);
    expect((await view()).exports.pdf).toBe(`${BASE}/export.pdf`);
  });

  it('needs a session and a role in the agency', async () => {
    expect((await app.inject({ url: BASE })).statusCode).toBe(401);
    expect((await app.inject({ url: BASE, headers: outsider })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/agencies/nowhere/annual-reports/2025', headers: clerk })).statusCode).toBe(404);
    // Cells of another agency are not even said to exist.
    const cells = await app.inject({ url: `${BASE}/cells?table=table3&row=received&column=natural_person`, headers: outsider });
    expect(cells.statusCode).toBe(404);
    const badYear = await app.inject({ url: '/api/agencies/city/annual-reports/1999', headers: clerk });
    expect(badYear.statusCode).toBe(400);
    expect(badYear.json<{ message: string }>().message).toContain('2019 至 2100');
  });

  it('refuses a cell request without a table', async () => {
    const res = await app.inject({ url: `${BASE}/cells?row=received`, headers: clerk });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toContain('表格');
  });
});

describeEachDatabase('annual report years (service)', (database) => {
  it('lists years with records, years with a report row and last calendar year in China, newest first', async () => {
    const agencies = createAgenciesRepository(database.db);
    const agency = await agencies.createAgency({ code: 'town', name: '某镇人民政府', level: 'township' });
    await database.db.insertInto('report_yearly_figures').values({ agency_id: agency.id, year: 2022, licensing: 1, penalty: 0, enforcement: 0, administrative_fees: '0' }).execute();
    await database.db.insertInto('annual_reports').values({ agency_id: agency.id, year: 2020, state: 'finalized', version: 4, final_json: null, published_json: null, published_at: null }).execute();
    // 2026-12-31T17:00Z is already 2027-01-01 in China: last year there is 2026.
    const service = createAnnualReportApprovalService({ db: database.db, now: () => new Date('2026-12-31T17:00:00Z'), pdfAvailable: async () => false });
    expect(yearInChina(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
    const { years } = await service.listYears('town', ['clerk']);
    expect(years).toEqual([
      { year: 2026, state: 'draft', stateLabel: '草稿', publishedAt: null, hasPublishedVersion: false },
      { year: 2022, state: 'draft', stateLabel: '草稿', publishedAt: null, hasPublishedVersion: false },
      { year: 2020, state: 'finalized', stateLabel: '已定稿', publishedAt: null, hasPublishedVersion: false },
    ]);
    // Without HTTP the permission table still applies.
    await expect(service.listYears('town', ['nobody'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service.runCommand('town', 2022, { command: 'finalize', version: 0 }, 'x', ['clerk'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await service.getView('town', 2022, ['clerk'])).exports.pdf).toBeNull();
  });
});

describeEachDatabase('annual report version check (service)', (database) => {
  it('lets one of two writers with the same version through; the other gets 409 and writes nothing', async () => {
    await createAgenciesRepository(database.db).createAgency({ code: 'twin', name: '并发测试局', level: 'county' });
    const service = createAnnualReportApprovalService({ db: database.db, pdfAvailable: async () => false });
    const texts = (overview: string) => ({ overview, problems: '', otherMatters: '', version: 0 });
    const results = await Promise.allSettled([service.saveText('twin', 2025, texts('甲'), 'a', ['clerk']), service.saveText('twin', 2025, texts('乙'), 'b', ['clerk'])]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT', userMessage: '年度报告已被他人修改，请刷新后重试。' });
    const v = await service.getView('twin', 2025, ['clerk']);
    expect(v.version).toBe(1);
    expect(v.history).toHaveLength(1);
    expect(v.text.overview).toBe(v.history[0]?.actor === 'a' ? '甲' : '乙');
  });
});

describe('PDF export without LibreOffice', () => {
  it('answers 503 with a Chinese message', async () => {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    const service = {
      exportReport: async () => {
        throw new PdfConverterMissingError();
      },
    } as unknown as AnnualReportApprovalService;
    const access = { inAgency: async () => ({ actor: 'x', actorRoles: ['clerk'], session: {} }) } as unknown as StaffAccess;
    await app.register(annualReportRoutes, { service, access });
    const res = await app.inject({ url: '/api/agencies/city/annual-reports/2025/export.pdf' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ error: 'UNAVAILABLE', message: '服务器未安装 LibreOffice，暂时无法生成 PDF。请下载 Word 版本，或请系统管理员安装 LibreOffice。' });
    await app.close();
  });
});

describe('annual report years', () => {
  it('reads the year in China', () => {
    expect(yearInChina(new Date('2026-06-01T00:00:00Z'))).toBe(2026);
  });
});
