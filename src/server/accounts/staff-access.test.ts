// Accounts wired into the staff API (issue 5), on both engines: no session → 401, roles count
// only in their own agency (403, or 404 for another agency's records), the 审计员 reads but
// changes nothing in every area, and the permission table holds in the services themselves,
// called directly as the CLI or another service would.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginAs } from '../../../test/login-as.ts';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { DomainError } from '../../domain/domain-error.ts';
import { DEFAULT_CONFIDENTIALITY_CHECKLIST } from '../../domain/publication/confidentiality-checklist.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { buildApp } from '../app.ts';
import { createApplicationService } from '../applications/application.service.ts';
import { createCalendarProvider } from '../calendar/calendar-provider.ts';
import { parseConfig } from '../config.ts';
import { createDisclosureSettingsService } from '../disclosure-settings/disclosure-settings.service.ts';
import { createNoticeService } from '../notices/notice.service.ts';
import { createPublicationService } from '../publications/publication.service.ts';
import { createPublicationSearch } from '../search/publication-search.ts';
import { createYearlyFiguresService } from '../yearly-figures/yearly-figures.service.ts';
import { createAccountsService, SYSTEM_ACTOR } from './accounts.service.ts';

const TODAY = '2025-09-22';
const INTAKE = {
  channel: 'in_person',
  receivedOn: '2025-09-15',
  applicant: { type: 'natural_person', name: '张三', idNumber: '11010519491231002X' },
  requestedInformation: '示范路改造工程的招标文件',
};
const DRAFT = {
  title: '示范市关于加强城市绿化管理的通知',
  bodyHtml: '<p>各区人民政府：</p><p>现将加强城市绿化管理的有关事项通知如下。</p>',
  summary: '城市绿化管理的要求',
  documentNumber: '示政办发〔2025〕3号',
  issuer: '示范市人民政府办公室',
  writtenOn: '2025-09-15',
  kind: 'normativeDocuments',
  categoryCode: 'a20-01',
  channels: ['website', 'wechat'],
};
const CONFIRMED = DEFAULT_CONFIDENTIALITY_CHECKLIST.map((q) => ({ questionId: q.id, confirmed: true, note: '' }));
const YEAR_2027 = { year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }], makeupWorkdays: [], source: '测试用安排' };

async function refusal(promise: Promise<unknown>): Promise<{ code: string; userMessage: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, userMessage: error.userMessage };
    throw error;
  }
  throw new Error('expected a refusal');
}

describeEachDatabase('staff API behind sessions and the permission table', (database) => {
  let app: FastifyInstance;
  // Clerk and auditor of agency A (code east); clerk of agency B (code west).
  let clerkA: Record<string, string>;
  let auditorA: Record<string, string>;
  let clerkB: Record<string, string>;
  let caseOfB = '';
  let itemOfB = 0;

  beforeAll(async () => {
    const agencies = createAgenciesRepository(database.db);
    await agencies.createAgency({ code: 'east', name: '示范市东区局', level: 'county' });
    await agencies.createAgency({ code: 'west', name: '示范市西区局', level: 'county' });
    clerkA = await loginAs(database.db, 'east-clerk', { east: ['clerk'] });
    auditorA = await loginAs(database.db, 'east-auditor', { east: ['auditor'] });
    clerkB = await loginAs(database.db, 'west-clerk', { west: ['clerk'] }, { bearer: true });
    app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: database.db, today: () => TODAY });
    const received = await app.inject({ method: 'POST', url: '/api/agencies/west/applications', payload: INTAKE, headers: clerkB });
    expect(received.statusCode, received.body).toBe(201);
    caseOfB = received.json<{ trackingNumber: string }>().trackingNumber;
    const drafted = await app.inject({ method: 'POST', url: '/api/agencies/west/publications', payload: DRAFT, headers: clerkB });
    expect(drafted.statusCode, drafted.body).toBe(201);
    itemOfB = drafted.json<{ id: number }>().id;
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
    app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });

  it('answers every staff route 401 in Chinese without a session, and a forged or unknown token the same', async () => {
    for (const [method, url] of [
      ['GET', '/api/agencies/west/applications'],
      ['GET', `/api/applications/${caseOfB}`],
      ['POST', `/api/applications/${caseOfB}/events`],
      ['GET', '/api/agencies/west/publications'],
      ['GET', `/api/publications/${itemOfB}`],
      ['GET', `/api/publications/${itemOfB}/screening`],
      ['GET', '/api/agencies/west/disclosure-settings'],
      ['GET', '/api/agencies/west/yearly-figures'],
      ['GET', '/api/agencies/west/notice-templates/correction'],
      ['GET', '/api/agencies/west/review-cases'],
      ['POST', '/api/calendar/years'],
    ] as const) {
      const attempts: Record<string, string>[] = [{}, { cookie: `gongkai_session=${'a'.repeat(64)}` }, { 'x-gongkai-user': 'west-clerk', 'x-gongkai-roles': 'admin' }];
      for (const headers of attempts) {
        const response = await call(method, url, headers, method === 'GET' ? undefined : {});
        expect(response.statusCode, `${method} ${url}`).toBe(401);
        expect(response.json()).toEqual({ error: 'FORBIDDEN', message: '请先登录。' });
      }
    }
  });

  it('refuses work until an initial password is changed', async () => {
    const accounts = createAccountsService({ db: database.db });
    await accounts.createUser({ login: 'east-new', displayName: '新用户', initialPassword: 'Chushi#2026a', roles: [{ agencyCode: 'east', roles: ['clerk'] }] }, SYSTEM_ACTOR, new Date());
    const { token } = await accounts.login('east-new', 'Chushi#2026a', new Date());
    const response = await call('GET', '/api/agencies/east/applications', { authorization: `Bearer ${token}` });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ error: 'FORBIDDEN', message: '请先修改初始密码，再进行其他操作。' });
  });

  it('keeps a role in agency A out of agency B: 403 by agency code, 404 for B’s records', async () => {
    const noRole = '您在机关“west”没有任何角色，不能查看或办理该机关的事项。';
    for (const [method, url, payload] of [
      ['GET', '/api/agencies/west/applications', undefined],
      ['POST', '/api/agencies/west/applications', INTAKE],
      ['GET', '/api/agencies/west/publications', undefined],
      ['POST', '/api/agencies/west/publications', DRAFT],
      ['GET', '/api/agencies/west/disclosure-settings', undefined],
      ['PUT', '/api/agencies/west/yearly-figures/2025', { licensing: 1, penalty: 1, enforcement: 1, administrativeFees: '1' }],
      ['POST', '/api/agencies/west/review-cases', { kind: 'adminReview', body: '示范市人民政府', filedOn: '2025-09-20' }],
    ] as const) {
      const response = await call(method, url, clerkA, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json<{ message: string }>().message).toBe(noRole);
    }
    const hiddenCase = await call('GET', `/api/applications/${caseOfB}`, clerkA);
    expect(hiddenCase.statusCode).toBe(404);
    expect(hiddenCase.json<{ message: string }>().message).toBe(`找不到申请编号为“${caseOfB}”的申请。`);
    expect((await call('POST', `/api/applications/${caseOfB}/events`, clerkA, { expectedVersion: 1, event: { kind: 'withdrawn', at: TODAY } })).statusCode).toBe(404);
    expect((await call('GET', `/api/applications/${caseOfB}/notices/correction.docx`, clerkA)).statusCode).toBe(404);
    const hiddenItem = await call('GET', `/api/publications/${itemOfB}`, clerkA);
    expect(hiddenItem.statusCode).toBe(404);
    expect(hiddenItem.json<{ message: string }>().message).toBe(`找不到编号为${itemOfB}的主动公开信息。`);
    expect((await call('POST', `/api/publications/${itemOfB}/submit`, clerkA, { expectedVersion: 1, checklist: CONFIRMED, acceptances: [] })).statusCode).toBe(404);
    // The same requests by B's own clerk (bearer token) go through.
    expect((await call('GET', `/api/applications/${caseOfB}`, clerkB)).statusCode).toBe(200);
    expect((await call('GET', `/api/publications/${itemOfB}`, clerkB)).statusCode).toBe(200);
  });

  it('lets an auditor read but change nothing, area by area', async () => {
    const received = await call('POST', '/api/agencies/east/applications', clerkA, INTAKE);
    const caseOfA = received.json<{ trackingNumber: string }>().trackingNumber;
    const itemOfA = (await call('POST', '/api/agencies/east/publications', clerkA, DRAFT)).json<{ id: number }>().id;
    // Reads.
    for (const url of ['/api/agencies/east/applications', `/api/applications/${caseOfA}`, '/api/agencies/east/review-cases', '/api/agencies/east/publications', `/api/publications/${itemOfA}`, `/api/publications/${itemOfA}/screening`, '/api/agencies/east/disclosure-settings', '/api/agencies/east/catalogue', '/api/agencies/east/yearly-figures', '/api/agencies/east/notice-templates/correction']) {
      expect((await call('GET', url, auditorA)).statusCode, url).toBe(200);
    }
    // Changes: each refused 403 with the table's Chinese message.
    const changes: [string, 'POST' | 'PUT', string, object, string][] = [
      ['applications', 'POST', '/api/agencies/east/applications', INTAKE, '登记政府信息公开申请'],
      ['case events', 'POST', `/api/applications/${caseOfA}/events`, { expectedVersion: 1, event: { kind: 'withdrawn', at: TODAY } }, '办理政府信息公开申请'],
      ['review cases', 'POST', '/api/agencies/east/review-cases', { kind: 'adminReview', body: '示范市人民政府', filedOn: '2025-09-20' }, '登记行政复议、行政诉讼案件'],
      ['publications', 'POST', '/api/agencies/east/publications', DRAFT, '起草主动公开信息'],
      ['publication edits', 'PUT', `/api/publications/${itemOfA}`, { ...DRAFT, expectedVersion: 1 }, '修改主动公开信息草稿'],
      ['settings', 'PUT', '/api/agencies/east/disclosure-settings', { creditCode: null }, '修改主动公开设置（目录、指南、审核流程、词库）'],
      ['yearly figures', 'PUT', '/api/agencies/east/yearly-figures/2025', { licensing: 1, penalty: 1, enforcement: 1, administrativeFees: '1' }, '填报年度报告统计数'],
      ['notice templates', 'PUT', '/api/agencies/east/notice-templates/correction', { title: 't', documentNumber: null, addressee: 'a', paragraphs: [] }, '修改告知书模板'],
      ['calendar', 'POST', '/api/calendar/years', YEAR_2027, '导入节假日安排'],
    ];
    for (const [area, method, url, payload, action] of changes) {
      const response = await call(method, url, auditorA, payload);
      expect(response.statusCode, area).toBe(403);
      expect(response.json<{ message: string }>().message, area).toMatch(new RegExp(`^您没有权限${action.replace(/[()（）]/g, '.')}：只有`));
    }
    // Nothing changed: still one event on the case, version 1 on the item.
    expect((await call('GET', `/api/applications/${caseOfA}`, auditorA)).json<{ version: number }>().version).toBe(1);
    expect((await call('GET', `/api/publications/${itemOfA}`, auditorA)).json<{ version: number }>().version).toBe(1);
  });

  it('enforces the permission table inside the services, without HTTP', async () => {
    const today = () => TODAY;
    const applications = createApplicationService({ db: database.db, calendars: createCalendarProvider(database.db), today });
    const publications = createPublicationService({ db: database.db, calendars: createCalendarProvider(database.db), today, search: createPublicationSearch({ db: database.db }) });
    const settings = createDisclosureSettingsService({ db: database.db });
    const figures = createYearlyFiguresService({ db: database.db });
    const notices = createNoticeService({ db: database.db, applications, today });
    const intake = { ...INTAKE, channel: 'in_person' as const, applicant: { ...INTAKE.applicant, type: 'natural_person' as const } };

    const refused = [
      await refusal(applications.receiveApplication('east', intake, 'x', ['auditor'])),
      await refusal(applications.receiveApplication('east', intake, 'x', ['admin'])),
      await refusal(applications.recordEvent(caseOfB, { kind: 'withdrawn', at: TODAY }, { actor: 'x', actorRoles: ['leader'], expectedVersion: 1 })),
      await refusal(applications.recordEvent(caseOfB, { kind: 'extensionApproved', at: TODAY, workingDays: 20, reason: '需调取档案' }, { actor: 'x', actorRoles: ['clerk'], expectedVersion: 1 })),
      await refusal(applications.createReviewCase('east', { kind: 'adminReview', body: '示范市人民政府', filedOn: '2025-09-20' }, 'x', ['leader'])),
      await refusal(applications.loadCalendarYear({ ...YEAR_2027, makeupWorkdays: [] }, 'x', ['clerk', 'leader'])),
      await refusal(publications.createDraft('east', { ...DRAFT } as never, 'x', ['leader'])),
      await refusal(publications.submit(itemOfB, 1, { checklist: [], acceptances: [] } as never, 'x', ['auditor'])),
      await refusal(publications.withdraw(itemOfB, 1, '错误', 'x', ['clerk'])),
      await refusal(settings.updateSettings('east', { creditCode: null }, { actor: 'x', actorRoles: ['clerk', 'sectionChief'] })),
      await refusal(figures.putYearlyFigures('east', 2025, { licensing: 1, penalty: 1, enforcement: 1, administrativeFees: '1' }, 'x', ['leader', 'admin'])),
      await refusal(notices.putTemplate('east', 'correction', { title: 't', documentNumber: null, addressee: 'a', paragraphs: [] }, 'x', ['clerk'])),
      await refusal(publications.importPublications('east', [], 'x', { dryRun: true, actorRoles: ['leader'] })),
    ];
    expect(refused.map((r) => r.code)).toEqual(Array(refused.length).fill('FORBIDDEN'));
    expect(refused[0]?.userMessage).toBe('您没有权限登记政府信息公开申请：只有信息员、科长可以办理。');
    expect(refused[3]?.userMessage).toBe('您没有权限批准延长答复期限：只有科长、分管领导可以办理。');
    expect(refused[8]?.userMessage).toBe('您没有权限撤回已公开信息：只有科长、分管领导、系统管理员可以办理。');
    // Unknown role strings grant nothing.
    expect((await refusal(applications.receiveApplication('east', intake, 'x', ['superuser']))).code).toBe('FORBIDDEN');
    // And with the right role the same calls go through.
    expect((await applications.receiveApplication('east', intake, 'x', ['sectionChief'])).trackingNumber).toMatch(/^EAST-2025-/);
  });
});
