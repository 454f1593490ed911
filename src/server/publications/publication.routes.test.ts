// 主动公开 over HTTP on the real app, real SQLite and (with TEST_DATABASE_URL) PostgreSQL.
// Dates are counted by hand on the 2025 arrangement (国办发明电〔2024〕12号): 国庆节、中秋节
// 1–8 October off, Sunday 28 September and Saturday 11 October worked.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Role } from '../../domain/account/roles.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginAs } from '../../../test/login-as.ts';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { DEFAULT_CONFIDENTIALITY_CHECKLIST } from '../../domain/publication/confidentiality-checklist.ts';
import type { PublicationImportRow } from '../../domain/publication/parse-publication-import.ts';
import { MAX_ATTACHMENT_BYTES } from '../../files/attachment/sniff-attachment-type.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { buildApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import { createCalendarProvider } from '../calendar/calendar-provider.ts';
import { createPublicationSearch } from '../search/publication-search.ts';
import type { PublicationSearch } from '../search/publication-search.ts';
import { createPublicationService } from './publication.service.ts';
import { listAuditEntries, verifyAuditTrail } from '../audit/audit.repository.ts';
import { buildTextPdf } from '../../../test/build-text-pdf.ts';

type Headers = Record<string, string>;
// Signed in per database in beforeAll (test/login-as.ts), with these roles in every test agency.
let AUTHOR: Headers = {};
let CLERK: Headers = {};
let CHIEF: Headers = {};
let LEADER: Headers = {};
const AGENCY_CODES = ['city', 'par', 'tx', 'imp'] as const;
const inEvery = (role: Role) => Object.fromEntries(AGENCY_CODES.map((code) => [code, [role]]));

// GB 11643's own example: Σ(ai×Wi) = 167, 167 mod 11 = 2 → X.
const ID_NUMBER = '11010519491231002X';
const CREDIT_CODES: Record<string, string> = {
  city: '11350100MB0000001A',
  par: '11350100MB0000002A',
  tx: '11350100MB0000003A',
  imp: '11350100MB0000004A',
};
const CONFIRMED = DEFAULT_CONFIDENTIALITY_CHECKLIST.map((q) => ({ questionId: q.id, confirmed: true, note: '' }));

function fields(overrides: Record<string, unknown> = {}) {
  return {
    title: '示范市关于加强城市绿化管理的通知',
    bodyHtml: '<p>各区人民政府：</p><p>现将加强城市绿化管理的有关事项通知如下。</p>',
    summary: '城市绿化管理的要求',
    documentNumber: '示政办发〔2025〕3号',
    issuer: '示范市人民政府办公室',
    writtenOn: '2025-09-15',
    kind: 'normativeDocuments',
    categoryCode: 'a20-01',
    channels: ['website', 'wechat'],
    ...overrides,
  };
}

interface Details {
  id: number;
  state: string;
  stateLabel: string;
  version: number;
  author: string;
  indexNumber: string | null;
  publishedOn: string | null;
  currentStep: number | null;
  fields: { title: string; bodyHtml: string; validity: { status: string; endedOn: string | null } };
  validityLabel: string;
  chain: { step: number; label: string; status: string; actor: string | null; opinion: string | null }[];
  reviews: { step: number; decision: string; actor: string; opinion: string }[];
  screening: { hits: { kind: string; text: string; context: string; suggestion: string; source: string; accepted: boolean }[]; unresolvedCount: number; checklist: { id: string }[] };
  deadline: { dueOn: string; late: boolean; explanation: string };
  corrections: { at: string; actor: string; reason: string }[];
  withdrawal: { on: string; actor: string; reason: string } | null;
  attachments: { id: number; fileName: string; mediaType: string; size: number; sha256: string }[];
  history: { seq: number; kind: string; label: string; detail: string; actor: string; at: string; recordedAt: string }[];
}

/** A multipart/form-data body with one file part and optional text fields. */
function multipartBody(fileName: string, bytes: Uint8Array, extra: Record<string, string> = {}): { payload: Buffer; headers: Headers } {
  const boundary = '----gongkai-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(extra)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(Buffer.from(bytes));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachDatabase('publications API', (database) => {
  let app: FastifyInstance;
  let search: PublicationSearch;
  let today = '2025-09-22';
  const agencyIds: Record<string, number> = {};

  beforeAll(async () => {
    const agencies = createAgenciesRepository(database.db);
    for (const code of AGENCY_CODES) {
      const agency = await agencies.createAgency({ code, name: `示范市${code}局`, level: 'municipal' });
      agencyIds[code] = agency.id;
      const creditCode = CREDIT_CODES[code];
      if (creditCode !== undefined) await database.db.insertInto('disclosure_settings').values({ agency_id: agency.id, credit_code: creditCode, updated_by: 'test' }).execute();
    }
    AUTHOR = await loginAs(database.db, 'u-author', inEvery('clerk'));
    CLERK = await loginAs(database.db, 'u-clerk2', inEvery('clerk'));
    CHIEF = await loginAs(database.db, 'u-chief', inEvery('sectionChief'));
    LEADER = await loginAs(database.db, 'u-leader', inEvery('leader'));
    app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: database.db, today: () => today });
    search = createPublicationSearch({ db: database.db });
  });
  afterAll(async () => {
    await app.close();
  });

  const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, payload: unknown, headers: Headers) => app.inject({ method, url, payload: payload as object, headers });
  const draft = (agency: string, body: unknown = fields(), headers = AUTHOR) => send('POST', `/api/agencies/${agency}/publications`, body, headers);
  const get = async (id: number) => (await app.inject({ url: `/api/publications/${id}`, headers: AUTHOR })).json<Details>();
  const act = (id: number, action: string, payload: unknown, headers: Headers) => send('POST', `/api/publications/${id}/${action}`, payload, headers);
  const newDraft = async (agency = 'city', body: unknown = fields()) => {
    const res = await draft(agency, body);
    expect(res.statusCode).toBe(201);
    return res.json<Details>();
  };
  const approve = (id: number, version: number, step: number, headers: Headers, extra: Record<string, unknown> = {}) =>
    act(id, 'approve', { expectedVersion: version, step, opinion: '同意', checklist: CONFIRMED, acceptances: [], ...extra }, headers);
  /** Submit and the three steps of the default chain; returns the published item. */
  const publishThrough = async (id: number): Promise<Details> => {
    let version = (await get(id)).version;
    const steps: [number, Headers][] = [
      [0, CLERK],
      [1, CHIEF],
      [2, LEADER],
    ];
    const submitted = await act(id, 'submit', { expectedVersion: version, checklist: CONFIRMED, acceptances: [] }, AUTHOR);
    expect(submitted.statusCode, submitted.body).toBe(200);
    version = submitted.json<Details>().version;
    let last: Details | undefined;
    for (const [step, headers] of steps) {
      const res = await approve(id, version, step, headers);
      expect(res.statusCode, res.body).toBe(200);
      last = res.json<Details>();
      version = last.version;
    }
    return last!;
  };
  const searchTitles = async (text: string, extra: Record<string, unknown> = {}) =>
    (await search.search({ text, limit: 50, offset: 0, ...extra })).items.map((item) => item.title);

  it('runs the default chain 信息员 → 科长 → 分管领导 with three other users and publishes with the 索引号', async () => {
    today = '2025-09-22';
    const created = await newDraft();
    expect(created).toMatchObject({ state: 'draft', stateLabel: '草稿', version: 1, author: 'u-author', indexNumber: null, publishedOn: null, currentStep: null });
    expect(created.chain.map((s) => [s.label, s.status])).toEqual([
      ['信息员', 'pending'],
      ['科长', 'pending'],
      ['分管领导', 'pending'],
    ]);

    const screening = (await app.inject({ url: `/api/publications/${created.id}/screening`, headers: AUTHOR })).json<Details['screening']>();
    expect(screening.hits).toEqual([]);
    expect(screening.checklist.map((q) => q.id)).toEqual(DEFAULT_CONFIDENTIALITY_CHECKLIST.map((q) => q.id));

    const submitted = await act(created.id, 'submit', { expectedVersion: 1, checklist: CONFIRMED, acceptances: [] }, AUTHOR);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json<Details>()).toMatchObject({ state: 'in_review', stateLabel: '审核中', currentStep: 0, version: 2 });

    // The author holds the 信息员 role, but nobody approves their own draft.
    const own = await approve(created.id, 2, 0, AUTHOR);
    expect(own.statusCode).toBe(403);
    expect(own.json<{ message: string }>().message).toContain('不能审核自己起草的信息');
    // A 科长 cannot decide the 信息员 step.
    const wrongRole = await approve(created.id, 2, 0, CHIEF);
    expect(wrongRole.statusCode).toBe(403);
    expect(wrongRole.json<{ message: string }>().message).toContain('信息员');

    expect((await approve(created.id, 2, 0, CLERK)).statusCode).toBe(200);
    expect((await approve(created.id, 3, 1, CHIEF)).statusCode).toBe(200);
    const published = await approve(created.id, 4, 2, LEADER);
    expect(published.statusCode, published.body).toBe(200);
    const details = published.json<Details>();
    // The first 索引号 of 2025 under the default rule {creditCode}/{year}-{seq:5}.
    expect(details).toMatchObject({ state: 'published', stateLabel: '已发布', indexNumber: '11350100MB0000001A/2025-00001', publishedOn: '2025-09-22', currentStep: null, version: 6 });
    expect(details.chain.map((s) => [s.label, s.status, s.actor, s.opinion])).toEqual([
      ['信息员', 'approved', 'u-clerk2', '同意'],
      ['科长', 'approved', 'u-chief', '同意'],
      ['分管领导', 'approved', 'u-leader', '同意'],
    ]);
    expect(details.history.map((h) => [h.seq, h.kind, h.label, h.actor, h.at])).toEqual([
      [1, 'drafted', '起草', 'u-author', '2025-09-22'],
      [2, 'submitted', '提交审核', 'u-author', '2025-09-22'],
      [3, 'approved', '审核通过', 'u-clerk2', '2025-09-22'],
      [4, 'approved', '审核通过', 'u-chief', '2025-09-22'],
      [5, 'approved', '审核通过', 'u-leader', '2025-09-22'],
      [6, 'published', '发布', 'u-leader', '2025-09-22'],
    ]);
    expect(details.history[0]!.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    // Written 15 September, published 22 September: well inside 20 working days (due 17 October).
    expect(details.deadline).toMatchObject({ dueOn: '2025-10-17', late: false });
    expect(await searchTitles('绿化', { agencyIds: [agencyIds.city!] })).toEqual(['示范市关于加强城市绿化管理的通知']);
    // The public search route of the app finds it too, with the word marked in the title.
    const found = (await app.inject({ url: `/api/search?q=${encodeURIComponent('绿化')}&agency=city` })).json<{ items: { titleHtml: string }[]; total: number }>();
    expect(found.total).toBe(1);
    expect(found.items[0]?.titleHtml).toBe('示范市关于加强城市<mark>绿化</mark>管理的通知');
    // Each event is also in the hash-chained audit trail, with who did it, and the chain verifies.
    const trail = await listAuditEntries(database.db, { subject: `publication:${created.id}` });
    expect(trail.entries.map((e) => [e.action, e.actor]).reverse()).toEqual([
      ['publication.drafted', 'u-author'],
      ['publication.submitted', 'u-author'],
      ['publication.approved', 'u-clerk2'],
      ['publication.approved', 'u-chief'],
      ['publication.approved', 'u-leader'],
      ['publication.published', 'u-leader'],
    ]);
    expect(trail.entries[0]?.detail).toMatchObject({ indexNumber: '11350100MB0000001A/2025-00001', version: 6 });
    expect((await verifyAuditTrail(database.db)).findings).toEqual([]);
    // The event rows are the audit trail: one per act, never rewritten.
    const rows = await database.db.selectFrom('publication_events').select(['seq', 'kind', 'actor']).where('publication_id', '=', created.id).orderBy('seq').execute();
    expect(rows.map((r) => r.kind)).toEqual(['drafted', 'submitted', 'approved', 'approved', 'approved', 'published']);
    const row = await database.db.selectFrom('publications').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'published', version: 6, index_number: '11350100MB0000001A/2025-00001', published_on: '2025-09-22' });
  });

  it('returns with an opinion, shows it on the chain, and starts again at the first step after resubmission', async () => {
    today = '2025-09-22';
    const created = await newDraft('city', fields({ title: '关于公布第二批示范街道名单的通知' }));
    await act(created.id, 'submit', { expectedVersion: 1, checklist: CONFIRMED, acceptances: [] }, AUTHOR);
    expect((await approve(created.id, 2, 0, CLERK)).statusCode).toBe(200);
    const noOpinion = await act(created.id, 'return', { expectedVersion: 3, step: 1, opinion: '  ' }, CHIEF);
    expect(noOpinion.statusCode).toBe(400);
    expect(noOpinion.json<{ message: string }>().message).toContain('审核意见');
    const returned = await act(created.id, 'return', { expectedVersion: 3, step: 1, opinion: '请补充名单的评选依据' }, CHIEF);
    expect(returned.statusCode).toBe(200);
    const afterReturn = returned.json<Details>();
    expect(afterReturn).toMatchObject({ state: 'returned', stateLabel: '已退回', version: 4 });
    expect(afterReturn.chain.map((s) => [s.status, s.actor, s.opinion])).toEqual([
      ['approved', 'u-clerk2', '同意'],
      ['returned', 'u-chief', '请补充名单的评选依据'],
      ['pending', null, null],
    ]);
    expect(afterReturn.history.at(-1)).toMatchObject({ kind: 'returned', label: '退回修改', detail: '第2个审核环节（科长）退回修改：请补充名单的评选依据' });

    // Only the author edits a returned item.
    expect((await send('PUT', `/api/publications/${created.id}`, { ...fields({ title: '改' }), expectedVersion: 4 }, CHIEF)).statusCode).toBe(403);
    const edited = await send('PUT', `/api/publications/${created.id}`, { ...fields({ title: '关于公布第二批示范街道名单及评选依据的通知' }), expectedVersion: 4 }, AUTHOR);
    expect(edited.statusCode, edited.body).toBe(200);
    const resubmitted = await act(created.id, 'submit', { expectedVersion: 5, checklist: CONFIRMED, acceptances: [] }, AUTHOR);
    expect(resubmitted.json<Details>()).toMatchObject({ state: 'in_review', currentStep: 0, version: 6 });
    expect(resubmitted.json<Details>().chain.map((s) => s.status)).toEqual(['current', 'pending', 'pending']);
    // The earlier round stays in the reviews.
    expect(resubmitted.json<Details>().reviews.map((r) => [r.step, r.decision, r.actor])).toEqual([
      [0, 'approved', 'u-clerk2'],
      [1, 'returned', 'u-chief'],
    ]);
  });

  it('refuses bad input with a Chinese message naming the field, stale versions with 409, and unknown items with 404', async () => {
    today = '2025-09-22';
    const empty = await draft('city', fields({ title: '   ' }));
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toEqual({ error: 'BAD_INPUT', message: '标题（title）不能为空' });
    const badDate = await draft('city', fields({ writtenOn: '2025-02-30' }));
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json<{ message: string }>().message).toContain('成文日期');
    const badKind = await draft('city', fields({ kind: 'law' }));
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json<{ message: string }>().message).toContain('文件类型');
    const badCategory = await draft('city', fields({ categoryCode: 'nope' }));
    expect(badCategory.statusCode).toBe(400);
    expect(badCategory.json<{ message: string }>().message).toContain('目录分类');
    const noUser = await send('POST', '/api/agencies/city/publications', fields(), {});
    expect(noUser.statusCode).toBe(401);
    expect(noUser.json()).toEqual({ error: 'FORBIDDEN', message: '请先登录。' });
    expect((await draft('nowhere')).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/publications/999999', headers: AUTHOR })).statusCode).toBe(404);

    const created = await newDraft('city', fields({ title: '关于调整公交线路的公告' }));
    const first = await send('PUT', `/api/publications/${created.id}`, { ...fields({ title: '关于调整3路公交线路的公告' }), expectedVersion: 1 }, AUTHOR);
    expect(first.statusCode).toBe(200);
    // A second editor who saw version 1.
    const stale = await send('PUT', `/api/publications/${created.id}`, { ...fields({ title: '关于调整5路公交线路的公告' }), expectedVersion: 1 }, AUTHOR);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toEqual({ error: 'CONFLICT', message: '该信息已被他人修改，请刷新后重试' });
    expect((await get(created.id)).fields.title).toBe('关于调整3路公交线路的公告');

    // The checklist: unanswered questions refuse the submission (400), an unconfirmed one too (409).
    const unanswered = await act(created.id, 'submit', { expectedVersion: 2, checklist: CONFIRMED.slice(1), acceptances: [] }, AUTHOR);
    expect(unanswered.statusCode).toBe(400);
    expect(unanswered.json<{ message: string }>().message).toContain(DEFAULT_CONFIDENTIALITY_CHECKLIST[0]!.question);
    const unconfirmed = await act(created.id, 'submit', { expectedVersion: 2, checklist: CONFIRMED.map((a, i) => (i === 0 ? { ...a, confirmed: false } : a)), acceptances: [] }, AUTHOR);
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json<{ message: string }>().message).toContain('保密审查');
    expect((await get(created.id))).toMatchObject({ state: 'draft', version: 2 });
    // Approving a draft that is not in review: 409.
    expect((await approve(created.id, 2, 0, CLERK)).statusCode).toBe(409);
    const badStep = await act(created.id, 'approve', { expectedVersion: 2, step: 'one' }, CLERK);
    expect(badStep.statusCode).toBe(400);
    expect(badStep.json<{ message: string }>().message).toContain('审核环节');
  });

  it('makes every screening hit be fixed or accepted with a reason, at submission and at each step', async () => {
    today = '2025-09-22';
    const created = await newDraft('city', fields({ title: '关于征集城市管理意见的公告', bodyHtml: '<p>意见请发送至联系人，电话13800138000。</p>' }));
    const screening = (await app.inject({ url: `/api/publications/${created.id}/screening`, headers: AUTHOR })).json<Details['screening']>();
    expect(screening.unresolvedCount).toBe(1);
    expect(screening.hits).toEqual([
      expect.objectContaining({ kind: 'mobile', text: '13800138000', source: 'body', accepted: false, context: expect.stringContaining('电话13800138000') as unknown, suggestion: expect.stringContaining('138****8000') as unknown }),
    ]);
    const refused = await act(created.id, 'submit', { expectedVersion: 1, checklist: CONFIRMED, acceptances: [] }, AUTHOR);
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ message: string }>().message).toContain('13800138000');
    const accepted = await act(
      created.id,
      'submit',
      { expectedVersion: 1, checklist: CONFIRMED, acceptances: [{ kind: 'mobile', text: '13800138000', reason: '机关对外公布的咨询电话' }] },
      AUTHOR,
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<Details>().screening).toMatchObject({ unresolvedCount: 0, hits: [expect.objectContaining({ accepted: true, acceptanceReason: '机关对外公布的咨询电话' })] });
    expect((await approve(created.id, 2, 0, CLERK)).statusCode).toBe(200);

    // The 科长 adds a personal 身份证号码 while editing at their step: the approval waits until it is resolved.
    const withId = await send(
      'PUT',
      `/api/publications/${created.id}`,
      { ...fields({ title: '关于征集城市管理意见的公告', bodyHtml: `<p>意见请发送至联系人，电话13800138000。</p><p>经办人身份证${ID_NUMBER}</p>` }), expectedVersion: 3 },
      CHIEF,
    );
    expect(withId.statusCode, withId.body).toBe(200);
    const blocked = await approve(created.id, 4, 1, CHIEF);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json<{ message: string }>().message).toContain(ID_NUMBER);
    // Fixed by an edit: the number is gone from the next scan.
    const fixed = await send('PUT', `/api/publications/${created.id}`, { ...fields({ title: '关于征集城市管理意见的公告', bodyHtml: '<p>意见请发送至联系人，电话13800138000。</p>' }), expectedVersion: 4 }, CHIEF);
    expect(fixed.json<Details>().screening.unresolvedCount).toBe(0);
    expect((await approve(created.id, 5, 1, CHIEF)).statusCode).toBe(200);
    // The 分管领导 sees the accepted hit with its reason, and may approve.
    const last = await approve(created.id, 6, 2, LEADER);
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json<Details>().state).toBe('published');
  });

  it('takes attachments typed by their content: a PDF scanned for personal data, a renamed .exe refused, an oversize file refused', async () => {
    today = '2025-09-22';
    const created = await newDraft('city', fields({ title: '关于公布2025年城市绿化补贴名单的通知' }));
    const pdf = buildTextPdf([`Applicant ID ${ID_NUMBER}`]);
    const upload = multipartBody('补贴名单.pdf', pdf, { expectedVersion: '1' });
    const added = await app.inject({ method: 'POST', url: `/api/publications/${created.id}/attachments`, payload: upload.payload, headers: { ...AUTHOR, ...upload.headers } });
    expect(added.statusCode, added.body).toBe(201);
    const details = added.json<Details>();
    expect(details.version).toBe(2);
    expect(details.attachments).toEqual([
      expect.objectContaining({ fileName: '补贴名单.pdf', mediaType: 'application/pdf', size: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') }),
    ]);
    expect(details.screening.hits).toEqual([expect.objectContaining({ kind: 'id_number', text: ID_NUMBER, source: 'attachment:补贴名单.pdf' })]);
    expect(details.history.at(-1)).toMatchObject({ kind: 'edited', detail: '添加附件“补贴名单.pdf”', actor: 'u-author' });

    const attachmentId = details.attachments[0]!.id;
    const download = await app.inject({ url: `/api/publications/${created.id}/attachments/${attachmentId}`, headers: AUTHOR });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="attachment-${attachmentId}.pdf"; filename*=UTF-8''${encodeURIComponent('补贴名单.pdf')}`);
    expect(new Uint8Array(download.rawPayload)).toEqual(pdf);

    // A Windows program (MZ header) named .pdf.
    const exe = new Uint8Array(4096);
    exe.set([0x4d, 0x5a, 0x90, 0x00]);
    const renamed = multipartBody('通知.pdf', exe);
    const refused = await app.inject({ method: 'POST', url: `/api/publications/${created.id}/attachments`, payload: renamed.payload, headers: { ...AUTHOR, ...renamed.headers } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ message: string }>().message).toContain('PDF');
    expect(refused.json<{ message: string }>().message).toContain('通知.pdf');

    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(pdf.slice(0, 8));
    const oversize = multipartBody('大文件.pdf', big);
    const tooLarge = await app.inject({ method: 'POST', url: `/api/publications/${created.id}/attachments`, payload: oversize.payload, headers: { ...AUTHOR, ...oversize.headers } });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json<{ message: string }>().message).toContain('20 MB');
    // Neither refusal left anything behind.
    expect((await get(created.id))).toMatchObject({ version: 2, attachments: [expect.objectContaining({ id: attachmentId })] });

    // Someone else may not touch the author's draft.
    expect((await send('DELETE', `/api/publications/${created.id}/attachments/${attachmentId}`, undefined, CLERK)).statusCode).toBe(403);
    const removed = await send('DELETE', `/api/publications/${created.id}/attachments/${attachmentId}?expectedVersion=2`, undefined, AUTHOR);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json<Details>()).toMatchObject({ version: 3, attachments: [], screening: { hits: [] } });
    expect(removed.json<Details>().history.at(-1)).toMatchObject({ detail: '删除附件“补贴名单.pdf”' });
    expect((await app.inject({ url: `/api/publications/${created.id}/attachments/${attachmentId}`, headers: AUTHOR })).statusCode).toBe(404);
  });

  it('keeps search right: withdrawal takes the item out, a correction and a change of 有效性 re-index it', async () => {
    today = '2025-09-22';
    const created = await newDraft('city', fields({ title: '示范市停车收费标准调整方案', documentNumber: '示发改〔2025〕8号', kind: 'rules' }));
    let item = await publishThrough(created.id);
    expect(await searchTitles('停车收费')).toEqual(['示范市停车收费标准调整方案']);

    today = '2025-09-24';
    const noReason = await act(created.id, 'corrections', { expectedVersion: item.version, fields: { title: '示范市机动车停放服务收费标准调整方案' }, reason: '' }, LEADER);
    expect(noReason.statusCode).toBe(400);
    // Acts on a published item are the publisher's (the chain's last step, 分管领导) or the administrator's.
    const notPublisher = await act(created.id, 'corrections', { expectedVersion: item.version, fields: { title: '示范市机动车停放服务收费标准调整方案' }, reason: '标题用语不规范' }, CHIEF);
    expect(notPublisher.statusCode).toBe(403);
    expect(notPublisher.json<{ message: string }>().message).toBe('已发布的信息，更正须由分管领导或系统管理员办理');
    const corrected = await act(created.id, 'corrections', { expectedVersion: item.version, fields: { title: '示范市机动车停放服务收费标准调整方案' }, reason: '标题用语不规范' }, LEADER);
    expect(corrected.statusCode, corrected.body).toBe(200);
    item = corrected.json<Details>();
    expect(item.corrections).toEqual([{ at: '2025-09-24', actor: 'u-leader', reason: '标题用语不规范' }]);
    expect(item.indexNumber).toMatch(/\/2025-\d{5}$/);
    expect(await searchTitles('机动车停放')).toEqual(['示范市机动车停放服务收费标准调整方案']);
    expect(await searchTitles('停车收费')).toEqual([]);

    const repealed = await act(created.id, 'validity', { expectedVersion: item.version, validity: { status: 'repealed', endedOn: '2025-09-24' }, reason: '已被新方案替代' }, LEADER);
    expect(repealed.statusCode, repealed.body).toBe(200);
    item = repealed.json<Details>();
    expect(item).toMatchObject({ validityLabel: '废止', fields: { validity: { status: 'repealed', endedOn: '2025-09-24' } } });
    expect(await searchTitles('机动车停放', { validity: 'repealed' })).toEqual(['示范市机动车停放服务收费标准调整方案']);
    expect(await searchTitles('机动车停放', { validity: 'effective' })).toEqual([]);

    const withdrawn = await act(created.id, 'withdraw', { expectedVersion: item.version, reason: '内容有误，重新制发' }, LEADER);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json<Details>()).toMatchObject({ state: 'withdrawn', stateLabel: '已撤回', withdrawal: { on: '2025-09-24', actor: 'u-leader', reason: '内容有误，重新制发' } });
    expect(await searchTitles('机动车停放')).toEqual([]);
    // Withdrawn is final for corrections.
    expect((await act(created.id, 'corrections', { expectedVersion: item.version + 1, fields: { title: 'x' }, reason: 'y' }, LEADER)).statusCode).toBe(409);
  });

  it('gives 20 parallel publications 20 distinct 索引号 in sequence', async () => {
    today = '2025-09-22';
    const ids: number[] = [];
    for (let i = 1; i <= 20; i += 1) {
      const created = await newDraft('par', fields({ title: `并发发布测试第${i}件` }));
      await act(created.id, 'submit', { expectedVersion: 1, checklist: CONFIRMED, acceptances: [] }, AUTHOR);
      await approve(created.id, 2, 0, CLERK);
      await approve(created.id, 3, 1, CHIEF);
      ids.push(created.id);
    }
    const results = await Promise.all(ids.map((id) => approve(id, 4, 2, LEADER)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    const numbers = results.map((r) => r.json<Details>().indexNumber).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `11350100MB0000002A/2025-${String(i + 1).padStart(5, '0')}`));
  });

  it('leaves nothing half-written when an insert fails inside the transaction', async () => {
    today = '2025-09-22';
    const created = await newDraft('tx', fields({ title: '事务测试信息' }));
    await act(created.id, 'submit', { expectedVersion: 1, checklist: CONFIRMED, acceptances: [] }, AUTHOR);
    await approve(created.id, 2, 0, CLERK);
    await approve(created.id, 3, 1, CHIEF);
    // A trigger makes the 'published' event insert fail, after the approval, the sequence and the summary were written.
    if (database.dialect === 'sqlite') {
      await sql`create trigger gk_pub_sabotage before insert on publication_events when new.kind = 'published' and new.actor = 'saboteur' begin select raise(abort, 'sabotage'); end`.execute(database.db);
    } else {
      await sql`create function gk_pub_sabotage() returns trigger language plpgsql as $$ begin if new.kind = 'published' and new.actor = 'saboteur' then raise exception 'sabotage'; end if; return new; end $$`.execute(database.db);
      await sql`create trigger gk_pub_sabotage before insert on publication_events for each row execute function gk_pub_sabotage()`.execute(database.db);
    }
    const saboteur = await loginAs(database.db, 'saboteur', { tx: ['leader'] });
    try {
      expect((await approve(created.id, 4, 2, saboteur)).statusCode).toBe(500);
      const row = await database.db.selectFrom('publications').select(['state', 'version', 'index_number', 'current_step']).where('id', '=', created.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ state: 'in_review', version: 4, index_number: null, current_step: 2 });
      const events = await database.db.selectFrom('publication_events').select('kind').where('publication_id', '=', created.id).execute();
      expect(events).toHaveLength(4);
      const sequence = await database.db.selectFrom('publication_index_sequences').select('last_value').where('agency_id', '=', agencyIds.tx!).executeTakeFirst();
      expect(sequence).toBeUndefined();
      expect(await searchTitles('事务测试')).toEqual([]);
    } finally {
      await sql`drop trigger gk_pub_sabotage${database.dialect === 'postgres' ? sql` on publication_events` : sql``}`.execute(database.db);
      if (database.dialect === 'postgres') await sql`drop function gk_pub_sabotage()`.execute(database.db);
    }
    const published = await approve(created.id, 4, 2, LEADER);
    expect(published.json<Details>().indexNumber).toBe('11350100MB0000003A/2025-00001');
  });

  it('flags items not published within 20 working days of their 成文日期 (第二十六条)', async () => {
    // Written Mon 15 September 2025. 20 working days: 16–19 = 4, 22–26 = 9, 28 (Sun, worked) = 10,
    // 29, 30 = 12, (1–8 October off), 9, 10, 11 (Sat, worked) = 15, 13–17 = 20 → due Fri 17 October.
    today = '2025-10-17';
    const onTime = await newDraft('city', fields({ title: '第二十六条测试：按期发布', writtenOn: '2025-09-15' }));
    const waiting = await newDraft('city', fields({ title: '第二十六条测试：尚未发布', writtenOn: '2025-09-15' }));
    expect((await get(waiting.id)).deadline).toMatchObject({ dueOn: '2025-10-17', late: false });
    const published = await publishThrough(onTime.id);
    expect(published).toMatchObject({ publishedOn: '2025-10-17', deadline: { dueOn: '2025-10-17', late: false } });

    today = '2025-10-20';
    const late = await get(waiting.id);
    expect(late.deadline).toMatchObject({ dueOn: '2025-10-17', late: true });
    expect(late.deadline.explanation).toContain('第二十六条');
    expect((await get(onTime.id)).deadline.late).toBe(false);
    const lateList = (await app.inject({ url: '/api/agencies/city/publications?late=true&q=第二十六条', headers: AUTHOR })).json<{ publications: { title: string; late: boolean; dueOn: string }[]; total: number }>();
    expect(lateList.publications.map((p) => [p.title, p.late, p.dueOn])).toEqual([['第二十六条测试：尚未发布', true, '2025-10-17']]);
    expect(lateList.total).toBe(1);

    // Published on Mon 20 October, the first working day after the due date: late.
    const latePublished = await publishThrough(waiting.id);
    expect(latePublished).toMatchObject({ publishedOn: '2025-10-20', deadline: { late: true } });
  });

  it('lists an agency’s items by state, kind, validity, year and title, with paging', async () => {
    const list = async (query: string) => (await app.inject({ url: `/api/agencies/city/publications?${query}`, headers: AUTHOR })).json<{ publications: { title: string; state: string }[]; total: number; limit: number; offset: number }>();
    const all = await list('limit=500');
    expect(all.total).toBeGreaterThan(5);
    const drafts = await list('state=draft');
    expect(drafts.publications.every((p) => p.state === 'draft')).toBe(true);
    const rules = await list('kind=rules');
    expect(rules.publications.map((p) => p.title)).toEqual(['示范市机动车停放服务收费标准调整方案']);
    expect((await list('validity=repealed')).publications.map((p) => p.title)).toEqual(['示范市机动车停放服务收费标准调整方案']);
    expect((await list('year=2024')).total).toBe(0);
    expect((await list('q=绿化管理')).publications.map((p) => p.title)).toEqual(['示范市关于加强城市绿化管理的通知']);
    const page = await list('limit=2&offset=1');
    expect(page).toMatchObject({ limit: 2, offset: 1, total: all.total });
    expect(page.publications).toHaveLength(2);
    const bad = await app.inject({ url: '/api/agencies/city/publications?state=gone', headers: AUTHOR });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toContain('状态');
  });

  it('imports items published elsewhere: given 索引号 kept, missing ones generated, all or nothing', async () => {
    today = '2025-09-22';
    const service = createPublicationService({ db: database.db, today: () => today, search, calendars: createCalendarProvider(database.db) });
    const row = (line: number, title: string, indexNumber: string | null): PublicationImportRow => ({
      line,
      fields: { ...fields({ title, bodyHtml: '<p>正文<script>alert(1)</script></p>' }), channels: ['website'], validity: { status: 'effective', effectiveFrom: null, endedOn: null } } as PublicationImportRow['fields'],
      indexNumber,
      publishedOn: '2025-09-19',
    });
    const rows = [row(2, '导入测试甲', 'OLD/2024-00007'), row(3, '导入测试乙', null)];
    const dry = await service.importPublications('imp', rows, 'u-admin', { dryRun: true, actorRoles: ['clerk'] });
    expect(dry).toEqual({ imported: 2, indexNumbers: ['OLD/2024-00007', '11350100MB0000004A/2025-00001'] });
    expect(await database.db.selectFrom('publications').select('id').where('agency_id', '=', agencyIds.imp!).execute()).toEqual([]);

    const done = await service.importPublications('imp', rows, 'u-admin', { dryRun: false, actorRoles: ['clerk'] });
    expect(done).toEqual({ imported: 2, indexNumbers: ['OLD/2024-00007', '11350100MB0000004A/2025-00001'] });
    const stored = await database.db.selectFrom('publications').select(['id', 'state', 'body_html']).where('agency_id', '=', agencyIds.imp!).orderBy('id').execute();
    expect(stored.map((s) => s.state)).toEqual(['published', 'published']);
    expect(stored[0]!.body_html).not.toContain('script');
    expect((await get(stored[0]!.id)).history.map((h) => h.kind)).toEqual(['imported']);
    expect(await searchTitles('导入测试甲')).toEqual(['导入测试甲']);

    // A 索引号 already taken, and one given twice: nothing is written, every line is named.
    const again = [row(2, '导入测试丙', 'OLD/2024-00007'), row(3, '导入测试丁', 'NEW/1'), row(4, '导入测试戊', 'NEW/1')];
    const error = await service.importPublications('imp', again, 'u-admin', { dryRun: false, actorRoles: ['clerk'] }).then(
      () => null,
      (e: unknown) => e as { code: string; userMessage: string },
    );
    expect(error?.code).toBe('BAD_INPUT');
    expect(error?.userMessage).toContain('第2行');
    expect(error?.userMessage).toContain('第4行');
    expect(await database.db.selectFrom('publications').select('id').where('agency_id', '=', agencyIds.imp!).execute()).toHaveLength(2);

    // A row published before it was written (成文日期 15 September) is refused by its line.
    const early = { ...row(5, '导入测试己', null), publishedOn: '2025-09-01' };
    const refused = await service.importPublications('imp', [row(4, '导入测试庚', null), early], 'u-admin', { dryRun: false, actorRoles: ['clerk'] }).then(
      () => null,
      (e: unknown) => e as { code: string; userMessage: string },
    );
    expect(refused?.code).toBe('BAD_INPUT');
    expect(refused?.userMessage).toMatch(/^第5行：发布日期/);
    expect(await database.db.selectFrom('publications').select('id').where('agency_id', '=', agencyIds.imp!).execute()).toHaveLength(2);
  });

  it('lists the routes in the OpenAPI document under 主动公开', async () => {
    const doc = (await app.inject({ url: '/api/docs' })).json<{ paths: Record<string, Record<string, { tags?: string[]; summary?: string }>> }>();
    const expected: [string, string][] = [
      ['/api/agencies/{agencyCode}/publications', 'post'],
      ['/api/agencies/{agencyCode}/publications', 'get'],
      ['/api/publications/{id}', 'get'],
      ['/api/publications/{id}', 'put'],
      ['/api/publications/{id}/attachments', 'post'],
      ['/api/publications/{id}/attachments/{attachmentId}', 'get'],
      ['/api/publications/{id}/attachments/{attachmentId}', 'delete'],
      ['/api/publications/{id}/screening', 'get'],
      ['/api/publications/{id}/submit', 'post'],
      ['/api/publications/{id}/approve', 'post'],
      ['/api/publications/{id}/return', 'post'],
      ['/api/publications/{id}/withdraw', 'post'],
      ['/api/publications/{id}/corrections', 'post'],
      ['/api/publications/{id}/validity', 'post'],
    ];
    for (const [path, method] of expected) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation?.tags).toEqual(['主动公开']);
      expect(operation?.summary).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
