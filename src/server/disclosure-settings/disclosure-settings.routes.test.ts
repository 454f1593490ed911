// 主动公开设置 over HTTP on the real app, real SQLite and (with TEST_DATABASE_URL) PostgreSQL.
// Expected values come from the issue and the 条例: the default chain 信息员 → 科长 → 分管领导,
// the 15 items of 第二十条, the local items of 第二十一条 by level, the default 索引号 rule
// 统一社会信用代码/年份-五位序号.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../../../test/login-as.ts';
import { describeEachDatabase } from '../../../test/test-database.ts';
import type { Role } from '../../domain/account/roles.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { buildApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import { findDisclosureSettings } from './disclosure-settings.repository.ts';
import { listAuditEntries } from '../audit/audit.repository.ts';

// GB 32100 worked by hand: 登记管理部门码 1 (机构编制), 机构类别码 1 (机关), area 100000, 主体标识码
// 00000013 with GB 11714 check 11 − (1×4 + 3×2) mod 11 = 1; then Σ = 1×1 + 1×3 + 1×9 + 1×10 + 3×30 +
// 1×28 = 141, 141 mod 31 = 17, 31 − 17 = 14 → 'E'.
const CREDIT_CODE = '11100000000000131E';
// Signed in per database in beforeAll (test/login-as.ts), with these roles in every test agency.
let ADMIN: Record<string, string> = {};
let LEADER: Record<string, string> = {};
let CLERK: Record<string, string> = {};
const AGENCY_CODES = ['city', 'county', 'town', 'prov', 'cat', 'words', 'busy'] as const;
const inEvery = (roles: readonly Role[]) => Object.fromEntries(AGENCY_CODES.map((code) => [code, roles]));

// 条例第二十条（一）–（十五）, item names abridged to a word each item's name must contain.
const ARTICLE_20_WORDS = [
  '规范性文件',
  '机关职能',
  '规划',
  '统计信息',
  '行政许可',
  '行政处罚',
  '预算',
  '收费',
  '采购',
  '重大建设项目',
  '扶贫',
  '突发公共事件',
  '环境保护',
  '公务员',
  '其他',
];
const ARTICLE_21_CITY_WORDS = ['市政建设', '公共服务', '公益事业', '土地征收', '房屋征收', '治安管理', '社会救助'];
const ARTICLE_21_TOWNSHIP_WORDS = ['贫困救助', '集体土地承包经营', '土地征收', '房屋征收', '筹资筹劳', '社会救助'];
const ARTICLE_20_ITEM = /^第二十条第（[一二三四五六七八九十]+）项$/;
const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

const GUIDE = {
  classification: '按主题分类',
  arrangement: '按发布时间倒序编排',
  howToObtain: '登录示范市人民政府门户网站查阅，或到政务服务中心查阅',
  officeName: '示范市示范局办公室',
  officeAddress: '示范市示范路1号',
  officeHours: '工作日上午9:00—12:00，下午13:30—17:30',
  phone: '0371-12345678',
  fax: '0371-12345679',
  internetContact: 'https://www.example.gov.cn/',
};

interface Node {
  code: string;
  parentCode: string | null;
  name: string;
  basis: string;
  position: number;
  active: boolean;
  itemCount: number;
}
interface HistoryEntry {
  actor: string;
  kind: string;
  label: string;
  at: string;
  detail: Record<string, unknown>;
}

describeEachDatabase('disclosure settings API', (database) => {
  let app: FastifyInstance;
  let cityId = 0;

  beforeAll(async () => {
    const agencies = createAgenciesRepository(database.db);
    cityId = (await agencies.createAgency({ code: 'city', name: '示范市示范局', level: 'municipal' })).id;
    await agencies.createAgency({ code: 'county', name: '示范县人民政府', level: 'county' });
    await agencies.createAgency({ code: 'town', name: '示范镇人民政府', level: 'township' });
    await agencies.createAgency({ code: 'prov', name: '示范省示范厅', level: 'provincial' });
    await agencies.createAgency({ code: 'cat', name: '目录测试局', level: 'municipal' });
    await agencies.createAgency({ code: 'words', name: '词表测试局', level: 'county' });
    await agencies.createAgency({ code: 'busy', name: '并发测试局', level: 'county' });
    ADMIN = await loginAs(database.db, 'u-admin', inEvery(['admin']));
    LEADER = await loginAs(database.db, 'u-leader', inEvery(['clerk', 'leader']));
    CLERK = await loginAs(database.db, 'u-clerk', inEvery(['clerk']));
    app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: database.db });
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (url: string, headers: Record<string, string> = CLERK) => app.inject({ method: 'GET', url, headers });
  const put = (url: string, payload: unknown, headers: Record<string, string> = ADMIN) => app.inject({ method: 'PUT', url, payload: payload as object, headers });
  const post = (url: string, payload: unknown, headers: Record<string, string> = ADMIN) => app.inject({ method: 'POST', url, payload: payload as object, headers });
  const history = async (agency: string) => (await get(`/api/agencies/${agency}/disclosure-settings/history`)).json<{ entries: HistoryEntry[]; total: number }>();
  const catalogue = async (agency: string) => (await get(`/api/agencies/${agency}/catalogue`)).json<{ level: string; isDefault: boolean; nodes: Node[] }>();

  describe('defaults', () => {
    it('gives an agency that set nothing the default rule, chain and checklist, and warns that the credit code is missing', async () => {
      const res = await get('/api/agencies/city/disclosure-settings');
      expect(res.statusCode).toBe(200);
      const body = res.json<Record<string, unknown>>();
      expect(body).toMatchObject({
        agencyCode: 'city',
        creditCode: null,
        indexNumberPattern: '{creditCode}/{year}-{seq:5}',
        reviewChain: [
          { role: 'clerk', label: '信息员' },
          { role: 'sectionChief', label: '科长' },
          { role: 'leader', label: '分管领导' },
        ],
        usesDefault: { indexNumberPattern: true, reviewChain: true, checklist: true },
        updatedBy: null,
      });
      expect((body.checklist as unknown[]).length).toBeGreaterThan(0);
      expect(body.warnings).toEqual([expect.stringContaining('统一社会信用代码')]);
    });

    it('holds the 15 items of 第二十条 for every level', async () => {
      for (const agency of ['city', 'county', 'town', 'prov']) {
        const { isDefault, nodes } = await catalogue(agency);
        expect(isDefault).toBe(true);
        const article20 = nodes.filter((node) => ARTICLE_20_ITEM.test(node.basis));
        expect(article20.map((node) => node.basis).sort()).toEqual(CHINESE_NUMERALS.map((n) => `第二十条第（${n}）项`).sort());
        ARTICLE_20_WORDS.forEach((word, index) => {
          expect(article20.find((node) => node.basis === `第二十条第（${CHINESE_NUMERALS[index]}）项`)?.name, `${agency} 第（${CHINESE_NUMERALS[index]}）项`).toContain(word);
        });
        expect(nodes.every((node) => node.active && node.itemCount === 0)).toBe(true);
      }
    });

    it('adds the local items of 第二十一条 by level: 设区的市级、县级 and 乡（镇）, none for a province', async () => {
      const local = (nodes: Node[]) => nodes.filter((node) => node.basis.startsWith('第二十一条')).map((node) => node.name).join('、');
      for (const agency of ['city', 'county']) {
        const names = local((await catalogue(agency)).nodes);
        for (const word of ARTICLE_21_CITY_WORDS) expect(names, `${agency}: ${word}`).toContain(word);
        expect(names).not.toContain('筹资筹劳');
      }
      const township = local((await catalogue('town')).nodes);
      for (const word of ARTICLE_21_TOWNSHIP_WORDS) expect(township, word).toContain(word);
      expect(township).not.toContain('治安管理');
      expect(local((await catalogue('prov')).nodes)).toBe('');
    });

    it('reads the defaults for the publication service, the built-in 错敏词 among the terms', async () => {
      const settings = await findDisclosureSettings(database.db, cityId);
      expect(settings.creditCode).toBeNull();
      expect(settings.indexNumberPattern).toBe('{creditCode}/{year}-{seq:5}');
      expect(settings.reviewChain.map((step) => step.label)).toEqual(['信息员', '科长', '分管领导']);
      expect(settings.catalogue.filter((node) => ARTICLE_20_ITEM.test(node.basis))).toHaveLength(15);
      // A wrong name written out in default-screening-terms.ts with its source (the 条例 is not a 法).
      expect(settings.screeningTerms).toContainEqual({ kind: 'wrong_term', term: '中华人民共和国政府信息公开法', correction: '中华人民共和国政府信息公开条例' });
    });

    it('answers 404 naming the agency code it does not know', async () => {
      const res = await get('/api/agencies/nowhere/disclosure-settings');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: 'NOT_FOUND', message: '找不到代码为“nowhere”的机关。' });
      expect((await put('/api/agencies/nowhere/catalogue', { nodes: [] })).statusCode).toBe(404);
    });
  });

  describe('settings', () => {
    it('saves the credit code (normalised) and keeps who changed what', async () => {
      const res = await put('/api/agencies/city/disclosure-settings', { creditCode: CREDIT_CODE.toLowerCase() });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ creditCode: CREDIT_CODE, updatedBy: 'u-admin', warnings: [] });
      const { entries } = await history('city');
      expect(entries[0]).toMatchObject({ actor: 'u-admin', kind: 'credit_code_changed', label: '修改统一社会信用代码', detail: { old: null, new: CREDIT_CODE } });
      expect(entries[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect((await findDisclosureSettings(database.db, cityId)).creditCode).toBe(CREDIT_CODE);
    });

    it('refuses a credit code with a wrong check character, naming the field', async () => {
      const res = await put('/api/agencies/city/disclosure-settings', { creditCode: '11100000000000131F' });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ message: string }>().message).toMatch(/^统一社会信用代码（creditCode）不正确：.*校验码/);
    });

    it('changes the review chain with a history row holding the old and the new chain, and resets it with null', async () => {
      const chain = [
        { role: 'clerk', label: '信息员' },
        { role: 'director', label: '办公室主任' },
      ];
      const res = await put('/api/agencies/city/disclosure-settings', { reviewChain: chain }, LEADER);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ reviewChain: chain, usesDefault: { reviewChain: false } });
      const [entry] = (await history('city')).entries;
      expect(entry).toMatchObject({
        actor: 'u-leader',
        kind: 'review_chain_changed',
        detail: {
          old: [
            { role: 'clerk', label: '信息员' },
            { role: 'sectionChief', label: '科长' },
            { role: 'leader', label: '分管领导' },
          ],
          new: chain,
        },
      });
      expect((await findDisclosureSettings(database.db, cityId)).reviewChain).toEqual(chain);
      // The same change in the hash-chained audit trail.
      const [audited] = (await listAuditEntries(database.db, { agencyId: cityId, action: 'settings.review_chain_changed' })).entries;
      expect(audited).toMatchObject({ actor: 'u-leader', subject: 'settings:review_chain_changed', detail: { new: chain } });

      const reset = await put('/api/agencies/city/disclosure-settings', { reviewChain: null });
      expect(reset.json()).toMatchObject({ usesDefault: { reviewChain: true } });
      expect((await history('city')).entries[0]).toMatchObject({ kind: 'review_chain_changed', detail: { old: chain, resetToDefault: true } });
    });

    it('writes no history row when nothing changes', async () => {
      const before = (await history('city')).total;
      expect((await put('/api/agencies/city/disclosure-settings', { creditCode: CREDIT_CODE })).statusCode).toBe(200);
      expect((await put('/api/agencies/city/disclosure-settings', {})).statusCode).toBe(200);
      expect((await history('city')).total).toBe(before);
    });

    it.each([
      ['no step', [], /^审核流程（reviewChain）须有1至6个步骤，现有0个/],
      ['seven steps', Array.from({ length: 7 }, (_, i) => ({ role: `r${i}`, label: '审核人' })), /现有7个/],
      ['a role starting with a digit', [{ role: '1st', label: '信息员' }], /第1步的角色代码（reviewChain\.0\.role）/],
      ['a label that is not Chinese', [{ role: 'clerk', label: 'Clerk' }], /第1步的名称（reviewChain\.0\.label）须为.*中文/],
      ['an empty label', [{ role: 'clerk', label: '  ' }], /第1步的名称（reviewChain\.0\.label）/],
      [
        'the same role twice',
        [
          { role: 'clerk', label: '信息员' },
          { role: 'chief', label: '科长' },
          { role: 'clerk', label: '复核员' },
        ],
        /第3步的角色“clerk”与第1步重复/,
      ],
    ])('refuses a chain with %s (400 naming the field)', async (_name, chain, message) => {
      const res = await put('/api/agencies/city/disclosure-settings', { reviewChain: chain });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: string; message: string }>()).toMatchObject({ error: 'BAD_INPUT', message: expect.stringMatching(message) });
    });

    it('refuses a step without a role as a bad request naming the field', async () => {
      const res = await put('/api/agencies/city/disclosure-settings', { reviewChain: [{ label: '信息员' }] });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ message: string }>().message).toBe('第1项的审核步骤的角色代码（reviewChain.0.role）缺少或类型不正确');
    });

    it('changes nothing when one of the fields is wrong', async () => {
      const res = await put('/api/agencies/city/disclosure-settings', { creditCode: null, reviewChain: [] });
      expect(res.statusCode).toBe(400);
      expect((await get('/api/agencies/city/disclosure-settings')).json()).toMatchObject({ creditCode: CREDIT_CODE });
    });

    it('saves an agency checklist and refuses an empty one', async () => {
      const checklist = [
        { id: 'no-state-secret', question: '是否已确认不涉及国家秘密' },
        { id: 'local-rule', question: '是否已按本局保密审查办法审查' },
      ];
      const res = await put('/api/agencies/city/disclosure-settings', { checklist });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ checklist, usesDefault: { checklist: false } });
      expect((await history('city')).entries[0]).toMatchObject({ kind: 'checklist_changed', detail: { new: checklist } });
      expect((await findDisclosureSettings(database.db, cityId)).checklist).toEqual(checklist);

      const empty = await put('/api/agencies/city/disclosure-settings', { checklist: [] });
      expect(empty.statusCode).toBe(400);
      expect(empty.json<{ message: string }>().message).toContain('保密审查清单');
    });

    it('saves an 索引号 rule and refuses one without a sequence number or without the agency\'s own code', async () => {
      const res = await put('/api/agencies/city/disclosure-settings', { indexNumberPattern: '{agencyCode}-{year}-{seq:4}' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ indexNumberPattern: '{agencyCode}-{year}-{seq:4}', usesDefault: { indexNumberPattern: false } });
      expect((await history('city')).entries[0]).toMatchObject({ kind: 'index_number_pattern_changed', detail: { old: '{creditCode}/{year}-{seq:5}', new: '{agencyCode}-{year}-{seq:4}' } });

      const bad = await put('/api/agencies/city/disclosure-settings', { indexNumberPattern: '{creditCode}/{year}' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ message: string }>().message).toContain('索引号');
      // Without the agency's own code, two agencies would both number 2026-0001.
      const shared = await put('/api/agencies/city/disclosure-settings', { indexNumberPattern: 'SZ-{year}-{seq:4}' });
      expect(shared.statusCode).toBe(400);
      expect(shared.json<{ message: string }>().message).toBe('索引号规则（indexNumberPattern）须含{creditCode}（统一社会信用代码）或{agencyCode}（机关代码），索引号才不会与其他机关重复');
      expect((await findDisclosureSettings(database.db, cityId)).indexNumberPattern).toBe('{agencyCode}-{year}-{seq:4}');
    });

    it('refuses a change by someone who is neither admin nor leader (403), and one without a session (401)', async () => {
      const res = await put('/api/agencies/city/disclosure-settings', { creditCode: null }, CLERK);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({ error: 'FORBIDDEN', message: '您没有权限修改主动公开设置（目录、指南、审核流程、词库）：只有分管领导、系统管理员可以办理。' });
      const anonymous = await app.inject({ method: 'PUT', url: '/api/agencies/city/disclosure-settings', payload: { creditCode: null } });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toEqual({ error: 'FORBIDDEN', message: '请先登录。' });
      expect((await get('/api/agencies/city/disclosure-settings', {})).statusCode).toBe(401);
      // 审计员 reads the settings but changes none of them.
      const auditor = await loginAs(database.db, 'u-auditor', { city: ['auditor'] });
      expect((await get('/api/agencies/city/screening-terms', auditor)).statusCode).toBe(200);
      expect((await put('/api/agencies/city/guide', { fields: GUIDE }, auditor)).statusCode).toBe(403);
      // An administrator of another agency neither reads nor changes this one's settings.
      await createAgenciesRepository(database.db).createAgency({ code: 'elsewhere', name: '别处测试局', level: 'county' });
      const stranger = await loginAs(database.db, 'u-stranger', { elsewhere: ['admin'] });
      expect((await get('/api/agencies/city/disclosure-settings', stranger)).statusCode).toBe(403);
      expect((await put('/api/agencies/city/disclosure-settings', { creditCode: null }, stranger)).statusCode).toBe(403);
      for (const [method, url, payload] of [
        ['PUT', '/api/agencies/city/catalogue', { nodes: [] }],
        ['PUT', '/api/agencies/city/guide', { fields: GUIDE }],
        ['POST', '/api/agencies/city/screening-terms', { kind: 'sensitive_word', term: '内部资料' }],
        ['DELETE', '/api/agencies/city/screening-terms/1', undefined],
      ] as const) {
        const refused = await app.inject({ method, url, headers: CLERK, ...(payload === undefined ? {} : { payload }) });
        expect(refused.statusCode, `${method} ${url}`).toBe(403);
      }
      expect((await get('/api/agencies/city/disclosure-settings')).json()).toMatchObject({ creditCode: CREDIT_CODE });
    });
  });

  describe('catalogue', () => {
    it('saves the agency’s own tree: an item added under 第二十条第（一）项 and one deactivated, with a history row', async () => {
      const { nodes } = await catalogue('cat');
      const first = nodes.find((node) => node.basis === '第二十条第（一）项')!;
      const budget = nodes.find((node) => node.basis === '第二十条第（七）项')!;
      const edited = [
        ...nodes.map(({ itemCount: _itemCount, ...node }) => (node.code === budget.code ? { ...node, active: false } : node)),
        { code: 'own-notices', parentCode: first.code, name: '本局通知公告', basis: '', position: 1, active: true },
      ];
      const res = await put('/api/agencies/cat/catalogue', { nodes: edited }, LEADER);
      expect(res.statusCode).toBe(200);
      const saved = res.json<{ isDefault: boolean; nodes: Node[] }>();
      expect(saved.isDefault).toBe(false);
      expect(saved.nodes).toHaveLength(nodes.length + 1);
      expect(saved.nodes.find((node) => node.code === 'own-notices')).toEqual({ code: 'own-notices', parentCode: first.code, name: '本局通知公告', basis: '', position: 1, active: true, itemCount: 0 });
      expect(saved.nodes.find((node) => node.code === budget.code)?.active).toBe(false);

      const [entry] = (await history('cat')).entries;
      expect(entry).toMatchObject({ actor: 'u-leader', kind: 'catalogue_changed', label: '修改政府信息公开目录', detail: { added: ['own-notices'], removed: [], changed: [budget.code] } });
      const settings = await findDisclosureSettings(database.db, (await createAgenciesRepository(database.db).getAgencyByCode('cat')).id);
      expect(settings.catalogue.map((node) => node.code)).toContain('own-notices');
    });

    it('refuses to remove a node that items are filed under (409 with the count) but lets it be deactivated', async () => {
      const agency = await createAgenciesRepository(database.db).getAgencyByCode('cat');
      const { nodes } = await catalogue('cat');
      const statistics = nodes.find((node) => node.basis === '第二十条第（四）项')!;
      for (const [title, state] of [
        ['2025年示范市统计公报', 'published'],
        ['2026年一季度统计数据（草稿）', 'draft'],
      ] as const) {
        await database.db
          .insertInto('publications')
          .values({
            agency_id: agency.id,
            index_number: null,
            title,
            body_html: '<p>正文</p>',
            body_text: '正文',
            summary: '',
            document_number: null,
            issuer: '目录测试局',
            written_on: '2026-03-02',
            published_on: null,
            kind: 'other',
            category_code: statistics.code,
            channels: '["website"]',
            validity: 'effective',
            effective_from: null,
            validity_ended_on: null,
            state,
            current_step: null,
            author: 'u-clerk',
            withdrawn_on: null,
            version: 1,
          })
          .execute();
      }
      expect((await catalogue('cat')).nodes.find((node) => node.code === statistics.code)?.itemCount).toBe(2);
      const plain = nodes.map(({ itemCount: _itemCount, ...node }) => node);

      const before = (await history('cat')).total;
      // The node and anything under it.
      const under = new Set([statistics.code]);
      for (const node of plain) if (node.parentCode !== null && under.has(node.parentCode)) under.add(node.code);
      const removed = await put('/api/agencies/cat/catalogue', { nodes: plain.filter((node) => !under.has(node.code)) });
      expect(removed.statusCode).toBe(409);
      expect(removed.json()).toEqual({ error: 'CONFLICT', message: `目录项“${statistics.name}”（${statistics.code}，2条）下共有2条政府信息，不能删除；可将其停用（active 设为 false）。` });
      expect((await history('cat')).total).toBe(before);

      const deactivated = await put('/api/agencies/cat/catalogue', { nodes: plain.map((node) => (node.code === statistics.code ? { ...node, active: false } : node)) });
      expect(deactivated.statusCode).toBe(200);
      expect(deactivated.json<{ nodes: Node[] }>().nodes.find((node) => node.code === statistics.code)).toMatchObject({ active: false, itemCount: 2 });
    });

    it('refuses a tree whose node names a parent that is not there, and a node without a code, naming the field', async () => {
      const orphan = await put('/api/agencies/cat/catalogue', { nodes: [{ code: 'a', parentCode: 'missing', name: '孤立的目录项' }] });
      expect(orphan.statusCode).toBe(400);
      expect(orphan.json<{ message: string }>().message).toContain('missing');
      const noCode = await put('/api/agencies/cat/catalogue', { nodes: [{ name: '没有代码' }] });
      expect(noCode.statusCode).toBe(400);
      expect(noCode.json<{ message: string }>().message).toBe('第1项的目录项代码（nodes.0.code）缺少或类型不正确');
    });
  });

  describe('guide', () => {
    it('has no guide before the first is saved', async () => {
      expect((await get('/api/agencies/county/guide')).json()).toEqual({ version: null, fields: null, createdBy: null, createdAt: null });
      expect((await get('/api/agencies/county/guide/versions')).json()).toEqual({ versions: [] });
    });

    it('keeps every version in order with who saved it, and the newest is current', async () => {
      const first = await put('/api/agencies/county/guide', { fields: GUIDE, expectedVersion: 0 });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ version: 1, fields: GUIDE, createdBy: 'u-admin' });
      const moved = { ...GUIDE, officeAddress: '示范县新区政务中心3楼' };
      const second = await put('/api/agencies/county/guide', { fields: moved, expectedVersion: 1 }, LEADER);
      expect(second.json()).toMatchObject({ version: 2, fields: moved, createdBy: 'u-leader' });

      expect((await get('/api/agencies/county/guide')).json()).toMatchObject({ version: 2, fields: { officeAddress: '示范县新区政务中心3楼' } });
      const { versions } = (await get('/api/agencies/county/guide/versions')).json<{ versions: { version: number; createdBy: string; fields: typeof GUIDE }[] }>();
      expect(versions.map((v) => [v.version, v.createdBy, v.fields.officeAddress])).toEqual([
        [1, 'u-admin', '示范市示范路1号'],
        [2, 'u-leader', '示范县新区政务中心3楼'],
      ]);
      expect((await history('county')).entries.slice(0, 2)).toMatchObject([
        { actor: 'u-leader', kind: 'guide_saved', detail: { version: 2, old: { officeAddress: '示范市示范路1号' }, new: { officeAddress: '示范县新区政务中心3楼' } } },
        { actor: 'u-admin', kind: 'guide_saved', detail: { version: 1, old: null } },
      ]);
    });

    it('refuses a save over a version the editor did not see (409) and makes no version of the same text', async () => {
      const stale = await put('/api/agencies/county/guide', { fields: { ...GUIDE, phone: '0371-00000000' }, expectedVersion: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toEqual({ error: 'CONFLICT', message: '政府信息公开指南已被他人更新（当前为第2版），请刷新后再保存。' });
      const same = await put('/api/agencies/county/guide', { fields: { ...GUIDE, officeAddress: '示范县新区政务中心3楼' } });
      expect(same.json()).toMatchObject({ version: 2 });
      expect((await get('/api/agencies/county/guide/versions')).json<{ versions: unknown[] }>().versions).toHaveLength(2);
    });

    it('refuses a guide without the office name, and a phone that is not text, naming the field', async () => {
      const noName = await put('/api/agencies/county/guide', { fields: { ...GUIDE, officeName: '' } });
      expect(noName.statusCode).toBe(400);
      expect(noName.json<{ message: string }>().message).toContain('政府信息公开工作机构名称');
      const badPhone = await put('/api/agencies/county/guide', { fields: { ...GUIDE, phone: 12345678 } });
      expect(badPhone.statusCode).toBe(400);
      expect(badPhone.json<{ message: string }>().message).toBe('指南的“联系电话”（fields.phone）缺少或类型不正确');
    });
  });

  describe('screening terms', () => {
    let wordId = 0;

    it('adds a sensitive word and a 错敏词 with its correct form, each with a history row', async () => {
      const word = await post('/api/agencies/words/screening-terms', { kind: 'sensitive_word', term: ' 内部资料 ', note: '不得对外公开的内部文件标记' });
      expect(word.statusCode).toBe(201);
      const created = word.json<{ id: number }>();
      wordId = created.id;
      expect(created).toEqual({ id: wordId, kind: 'sensitive_word', term: '内部资料', correction: null, note: '不得对外公开的内部文件标记' });
      const wrong = await post('/api/agencies/words/screening-terms', { kind: 'wrong_term', term: '示范县人民政府办', correction: '示范县人民政府办公室' }, LEADER);
      expect(wrong.statusCode).toBe(201);

      const list = (await get('/api/agencies/words/screening-terms')).json<{ terms: { term: string }[]; builtInTerms: { term: string }[] }>();
      expect(list.terms.map((t) => t.term).sort()).toEqual(['内部资料', '示范县人民政府办']);
      expect(list.builtInTerms).toContainEqual({ kind: 'wrong_term', term: '国务院办公室', correction: '国务院办公厅' });

      const agency = await createAgenciesRepository(database.db).getAgencyByCode('words');
      const { screeningTerms } = await findDisclosureSettings(database.db, agency.id);
      expect(screeningTerms).toContainEqual({ kind: 'wrong_term', term: '示范县人民政府办', correction: '示范县人民政府办公室' });
      expect(screeningTerms).toContainEqual({ kind: 'sensitive_word', term: '内部资料', correction: null });
      expect(screeningTerms).toContainEqual({ kind: 'wrong_term', term: '国务院办公室', correction: '国务院办公厅' });

      const entries = (await history('words')).entries;
      expect(entries.map((e) => [e.actor, e.kind])).toEqual([
        ['u-leader', 'screening_term_added'],
        ['u-admin', 'screening_term_added'],
      ]);
      expect(entries[1]!.detail).toEqual({ old: null, new: { id: wordId, kind: 'sensitive_word', term: '内部资料', correction: null, note: '不得对外公开的内部文件标记' } });
    });

    it('refuses the same word twice (409)', async () => {
      const res = await post('/api/agencies/words/screening-terms', { kind: 'sensitive_word', term: '内部资料' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toEqual({ error: 'CONFLICT', message: '敏感词“内部资料”已在列表中。' });
    });

    it.each([
      ['a 错敏词 without its correct form', { kind: 'wrong_term', term: '示范局办' }, '错敏词须填写正确写法（correction）'],
      ['an empty word', { kind: 'sensitive_word', term: '   ' }, '词语（term）不能为空'],
      ['a correct form equal to the word', { kind: 'wrong_term', term: '示范局', correction: '示范局' }, '正确写法（correction）与词语本身相同'],
      ['an unknown kind', { kind: 'swear_word', term: '某词' }, '词条类型（kind）取值不在允许的范围内'],
    ])('refuses %s (400 naming the field)', async (_name, body, message) => {
      const res = await post('/api/agencies/words/screening-terms', body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: 'BAD_INPUT', message });
    });

    it('removes a word with a history row, and answers 404 for a word it does not have', async () => {
      const res = await app.inject({ method: 'DELETE', url: `/api/agencies/words/screening-terms/${wordId}`, headers: ADMIN });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: wordId, term: '内部资料' });
      expect((await history('words')).entries[0]).toMatchObject({ actor: 'u-admin', kind: 'screening_term_removed', detail: { old: { term: '内部资料' }, new: null } });
      const again = await app.inject({ method: 'DELETE', url: `/api/agencies/words/screening-terms/${wordId}`, headers: ADMIN });
      expect(again.statusCode).toBe(404);
      expect(again.json()).toEqual({ error: 'NOT_FOUND', message: `找不到编号为${wordId}的敏感词或错敏词。` });
      // Another agency's word is not found either.
      const other = await app.inject({ method: 'DELETE', url: `/api/agencies/city/screening-terms/${wordId + 1}`, headers: ADMIN });
      expect(other.statusCode).toBe(404);
      const badId = await app.inject({ method: 'DELETE', url: '/api/agencies/words/screening-terms/abc', headers: ADMIN });
      expect(badId.statusCode).toBe(400);
      expect(badId.json<{ message: string }>().message).toBe('词条编号（id）缺少或类型不正确');
    });
  });

  describe('concurrent changes', () => {
    it('gives parallel guide saves consecutive versions and lets only one of two equal words in', async () => {
      const saves = await Promise.all(Array.from({ length: 6 }, (_, i) => put('/api/agencies/busy/guide', { fields: { ...GUIDE, phone: `0371-1000000${i}` } })));
      expect(saves.map((res) => res.statusCode)).toEqual(Array(6).fill(200));
      const { versions } = (await get('/api/agencies/busy/guide/versions')).json<{ versions: { version: number; fields: typeof GUIDE }[] }>();
      expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(new Set(versions.map((v) => v.fields.phone)).size).toBe(6);

      const adds = await Promise.all(Array.from({ length: 4 }, () => post('/api/agencies/busy/screening-terms', { kind: 'sensitive_word', term: '绝密' })));
      expect(adds.map((res) => res.statusCode).sort()).toEqual([201, 409, 409, 409]);
      const kinds = (await history('busy')).entries.map((entry) => entry.kind);
      expect(kinds.filter((kind) => kind === 'guide_saved')).toHaveLength(6);
      expect(kinds.filter((kind) => kind === 'screening_term_added')).toHaveLength(1);
    });
  });

  describe('history and documentation', () => {
    it('lists the history newest first, in pages', async () => {
      const all = await history('city');
      expect(all.total).toBeGreaterThanOrEqual(5);
      const page = (await get('/api/agencies/city/disclosure-settings/history?limit=2&offset=1')).json<{ entries: HistoryEntry[]; limit: number; offset: number }>();
      expect(page).toMatchObject({ limit: 2, offset: 1 });
      expect(page.entries).toEqual(all.entries.slice(1, 3));
      const bad = await get('/api/agencies/city/disclosure-settings/history?limit=0');
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ message: string }>().message).toBe('每页条数（limit）为空或过小');
    });

    it('documents every route under the tag 主动公开设置', async () => {
      const doc = (await get('/api/docs')).json<{ paths: Record<string, Record<string, { tags?: string[]; summary?: string }>> }>();
      const routes = [
        ['/api/agencies/{agencyCode}/disclosure-settings', ['get', 'put']],
        ['/api/agencies/{agencyCode}/disclosure-settings/history', ['get']],
        ['/api/agencies/{agencyCode}/catalogue', ['get', 'put']],
        ['/api/agencies/{agencyCode}/guide', ['get', 'put']],
        ['/api/agencies/{agencyCode}/guide/versions', ['get']],
        ['/api/agencies/{agencyCode}/screening-terms', ['get', 'post']],
        ['/api/agencies/{agencyCode}/screening-terms/{id}', ['delete']],
      ] as const;
      for (const [path, methods] of routes) {
        for (const method of methods) {
          const operation = doc.paths[path]?.[method];
          expect(operation?.tags, `${method} ${path}`).toEqual(['主动公开设置']);
          expect(operation?.summary).toMatch(/\p{Script=Han}/u);
        }
      }
    });
  });
});
