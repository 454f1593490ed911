// After 定稿 of a year's report, 主动公开 changes that would move its table 二 （一） are refused
// (issue 5). What counts (to-document-records.ts): a 规章 or 规范性文件 in 本年制发 by its 成文日期,
// in 本年废止 by its 废止 date, in 现行有效 from 成文 until 废止 or 失效. 撤回 moves no number.
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { ROLE_CODES } from '../../domain/account/roles.ts';
import type { DomainError } from '../../domain/domain-error.ts';
import { parsePublicationImport } from '../../domain/publication/parse-publication-import.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { createPublicationSearch } from '../search/publication-search.ts';
import { createPublicationService } from './publication.service.ts';

const HEADER = '标题,正文,内容概述,文号,发布机构,成文日期,发布日期,索引号,类别,目录,渠道,有效性,失效或废止日期';
const line = (title: string, kind: string, writtenOn: string, publishedOn: string, indexNumber: string) =>
  `${title},正文,,,示范市示范局,${writtenOn},${publishedOn},${indexNumber},${kind},zc,政府网站,有效,`;
const rowsOf = (...lines: string[]) => parsePublicationImport([HEADER, ...lines].join('\n'), 'csv');

describeEachDatabase('report lock on publications', (database) => {
  let agencyId = 0;
  const ids: Record<string, number> = {};
  const service = () => createPublicationService({ db: database.db, today: () => '2026-02-02', search: createPublicationSearch({ db: database.db }) });
  const importRows = (rows: ReturnType<typeof rowsOf>) => service().importPublications('pl', rows, 'u-clerk', { dryRun: false, actorRoles: ROLE_CODES });
  const setState = async (year: number, state: string): Promise<void> => {
    await database.db.deleteFrom('annual_reports').where('agency_id', '=', agencyId).where('year', '=', year).execute();
    await database.db.insertInto('annual_reports').values({ agency_id: agencyId, year, state, version: 1, final_json: null, published_json: null, published_at: null }).execute();
  };
  const count = async (table: 'publications' | 'publication_events' | 'audit_entries'): Promise<number> => {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where agency_id = ${agencyId}`.execute(database.db);
    return Number(rows[0]?.n ?? 0);
  };
  const snapshot = async () => ({ publications: await count('publications'), events: await count('publication_events'), audit: await count('audit_entries') });
  const refusal = async (promise: Promise<unknown>): Promise<DomainError> => {
    try {
      await promise;
    } catch (error) {
      return error as DomainError;
    }
    throw new Error('expected a refusal');
  };
  const versionOf = async (id: number) => (await service().getPublication(id)).version;

  beforeAll(async () => {
    agencyId = (await createAgenciesRepository(database.db).createAgency({ code: 'pl', name: '示范市示范局', level: 'municipal' })).id;
    await database.db
      .insertInto('catalogue_nodes')
      .values({ agency_id: agencyId, code: 'zc', parent_code: null, name: '政策文件', basis: '第二十条第（一）项', position: 1 })
      .execute();
    await database.db.insertInto('disclosure_settings').values({ agency_id: agencyId, credit_code: '91350100M000100Y43', index_number_pattern: null, review_chain: null, checklist: null, updated_by: 'setup' }).execute();
    // Imported while 2025 was a draft: P1 成文 2025-03-01, P2 成文 2024-06-01, both in force.
    await setState(2025, 'draft');
    await importRows(rowsOf(line('规范性文件一', '行政规范性文件', '2025-03-01', '2025-03-05', 'PL-0001'), line('规范性文件二', '行政规范性文件', '2024-06-01', '2024-06-05', 'PL-0002')));
    for (const row of await database.db.selectFrom('publications').select(['id', 'index_number']).where('agency_id', '=', agencyId).execute()) {
      ids[row.index_number === 'PL-0001' ? 'P1' : 'P2'] = row.id;
    }
    await setState(2025, 'finalized');
  });

  it('refuses importing a 规范性文件 成文 2025-11-01 (本年制发 of 2025) and writes nothing', async () => {
    const before = await snapshot();
    const error = await refusal(importRows(rowsOf(line('迟到的文件', '行政规范性文件', '2025-11-01', '2026-01-10', 'PL-0003'))));
    expect(error.code).toBe('CONFLICT');
    expect(error.userMessage).toBe('2025年度报告已定稿，该年度的数据已锁定。如确需修改，请由分管领导在“年度报告”中解除锁定（须填写理由）。');
    expect(await snapshot()).toEqual(before);
  });

  it('accepts an item of another kind 成文 in 2025 (not in table 二) and a 规范性文件 成文 2026-01-10', async () => {
    const result = await importRows(rowsOf(line('工作动态', '其他', '2025-11-02', '2026-01-10', 'PL-0004'), line('新文件', '行政规范性文件', '2026-01-10', '2026-01-12', 'PL-0005')));
    expect(result.imported).toBe(2);
  });

  it('refuses 废止 of P2 on 2025-12-01 (本年废止 and 现行有效 of 2025), nothing written', async () => {
    const before = await snapshot();
    const version = await versionOf(ids.P2!);
    const error = await refusal(service().changeValidity(ids.P2!, version, { status: 'repealed', effectiveFrom: null, endedOn: '2025-12-01' }, '已被新文件替代', 'u-clerk', ROLE_CODES));
    expect(error.code).toBe('CONFLICT');
    expect(await snapshot()).toEqual(before);
    expect((await service().getPublication(ids.P2!)).fields.validity.status).toBe('effective');
  });

  it('accepts 废止 of P1 on 2026-01-20: still 现行有效 on 31 December 2025', async () => {
    const version = await versionOf(ids.P1!);
    const details = await service().changeValidity(ids.P1!, version, { status: 'repealed', effectiveFrom: null, endedOn: '2026-01-20' }, '已被新文件替代', 'u-clerk', ROLE_CODES);
    expect(details.fields.validity).toEqual({ status: 'repealed', effectiveFrom: null, endedOn: '2026-01-20' });
  });

  it('accepts withdrawing P2: a withdrawn item was still issued and is not repealed', async () => {
    const details = await service().withdraw(ids.P2!, await versionOf(ids.P2!), '链接失效，重新整理后再发布', 'u-clerk', ROLE_CODES);
    expect(details.state).toBe('withdrawn');
  });

  it('refuses 废止 of P2 in 2025 also when 2025 is 发布, accepts it when 审核中', async () => {
    await setState(2025, 'published');
    const validity = { status: 'repealed' as const, effectiveFrom: null, endedOn: '2025-12-01' };
    const error = await refusal(service().changeValidity(ids.P2!, await versionOf(ids.P2!), validity, '已被新文件替代', 'u-clerk', ROLE_CODES));
    expect(error.userMessage.startsWith('2025年度报告已发布')).toBe(true);
    await setState(2025, 'inReview');
    expect((await service().changeValidity(ids.P2!, await versionOf(ids.P2!), validity, '已被新文件替代', 'u-clerk', ROLE_CODES)).fields.validity.endedOn).toBe('2025-12-01');
  });
});
