// gongkai import publications on a temporary SQLite file: every row checked first, every
// rejected row named “第N行 字段：原因”, all or nothing, UTF-8 or GBK.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo, gongkaiInProcess } from '../../../test/capture-cli-io.ts';
import { encodeGbk } from '../../../test/encode-gbk.ts';
import { createAgenciesRepository } from '../../server/agencies/agencies.repository.ts';
import { connectDatabase } from '../../server/db/connect-database.ts';
import { migrateToLatest } from '../../server/db/migrate-to-latest.ts';
import { runImportPublications } from './import-publications.ts';

let dir: string;
let database: string;
let agencyId: number;

const HEADER = '标题,正文,内容概述,文号,发布机构,成文日期,发布日期,索引号,类别,目录,渠道,有效性,失效或废止日期';
const GOOD = [
  HEADER,
  '"关于印发《示范办法》的通知","<p>第一条</p><script>alert(1)</script><p onclick=""x"">第二条</p>",办法全文,示政规〔2024〕1号,示范市示范局,2024-03-01,2024-03-05,IMP-2024-0001,行政规范性文件,zc,政府网站;微信公众号,有效,',
  '2024年第一季度统计信息,"第一段\n第二段 <不是标签",,,示范市示范局,2024-04-02,2024-04-03,,其他,tj,政府网站,,',
].join('\n');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-publications-'));
  database = join(dir, 'publications.db');
  const connection = await connectDatabase(database);
  await migrateToLatest(connection.db);
  agencyId = (await createAgenciesRepository(connection.db).createAgency({ code: 'city', name: '示范市示范局', level: 'municipal' })).id;
  // The agency's own catalogue: two nodes, so the codes below are known.
  await connection.db
    .insertInto('catalogue_nodes')
    .values([
      { agency_id: agencyId, code: 'zc', parent_code: null, name: '政策文件', basis: '第二十条第（一）项', position: 1 },
      { agency_id: agencyId, code: 'tj', parent_code: null, name: '统计信息', basis: '第二十条第（四）项', position: 2 },
    ])
    .execute();
  // 统一社会信用代码 for the default 索引号 rule (GB 32100's worked example).
  await connection.db.insertInto('disclosure_settings').values({ agency_id: agencyId, credit_code: '91350100M000100Y43', index_number_pattern: null, review_chain: null, checklist: null, updated_by: 'setup' }).execute();
  await connection.close();
  writeFileSync(join(dir, 'good.csv'), GOOD);
  writeFileSync(
    join(dir, 'bad.csv'),
    [
      HEADER,
      ',正文,,,示范市示范局,2024-03-01,2024-03-05,,其他,zc,政府网站,,', // 2: no title
      '好的,,,,示范市示范局,2024-03-01,2024-03-05,,其他,zc,政府网站,,', // 3: fine
      '坏的,,,,示范市示范局,2024-13-01,2024-03-05,,通知,zc,报纸,,', // 4: date, kind, channel
    ].join('\n'),
  );
  writeFileSync(join(dir, 'unknown-category.csv'), [HEADER, '目录不对,,,,示范市示范局,2024-03-01,2024-03-05,,其他,nowhere,政府网站,,'].join('\n'));
  writeFileSync(join(dir, 'gbk.csv'), encodeGbk([HEADER, '关于调整收费标准的通知,正文,,,示范市示范局,2025-01-02,2025-01-03,,其他,zc,政府网站,,'].join('\r\n')));
  writeFileSync(join(dir, 'items.txt'), GOOD);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function storedPublications() {
  const connection = await connectDatabase(database);
  try {
    return await connection.db.selectFrom('publications').select(['title', 'index_number', 'state', 'body_html', 'kind', 'published_on']).where('agency_id', '=', agencyId).orderBy('id').execute();
  } finally {
    await connection.close();
  }
}

async function run(file: string, extra: { dryRun?: boolean; json?: boolean } = {}) {
  const { io, output } = captureIo(dir);
  const code = await runImportPublications(file, { agency: 'city', dryRun: extra.dryRun ?? false, json: extra.json ?? false, actor: 'u-clerk', database }, io, { today: () => '2025-11-28' });
  return { ...output(), code };
}

describe('gongkai import publications', () => {
  it('validates with --dry-run and writes nothing', async () => {
    const result = await run('good.csv', { dryRun: true });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('校验通过：2 行，未写入（--dry-run）\n');
    expect(await storedPublications()).toEqual([]);
  });

  it('lists every rejected row with its line and reason, and writes nothing', async () => {
    const result = await run('bad.csv');
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')).toEqual([
      '错误：2 行未通过校验，未导入任何信息：',
      '第2行 标题：不能为空',
      '第4行 成文日期：“2024-13-01”不是有效日期，应为“年-月-日”（如 2025-03-03）',
      '第4行 类别：“通知”无效，应为规章、行政规范性文件、其他之一',
      '第4行 渠道：“报纸”无效，应为政府网站、微信公众号、微博、其他政务新媒体之一',
      '',
    ]);
    expect(await storedPublications()).toEqual([]);
  });

  it('names the row whose 目录 is not in the agency catalogue (checked by the service)', async () => {
    const result = await run('unknown-category.csv');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('第2行 目录：');
    expect(result.stderr).toContain('“nowhere”不在本机关的政府信息公开目录中');
    expect(await storedPublications()).toEqual([]);
  });

  it('imports all rows: a given 索引号 kept, a missing one generated, bodies sanitised, plain text as paragraphs', async () => {
    const result = await run('good.csv');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('已导入 2 条主动公开信息到“示范市示范局”（city）：');
    expect(lines[1]).toBe('第2行 IMP-2024-0001 关于印发《示范办法》的通知');
    expect(lines[2]).toMatch(/^第3行 \S+ 2024年第一季度统计信息$/);
    const rows = await storedPublications();
    expect(rows.map((r) => [r.title, r.state, r.kind, r.published_on])).toEqual([
      ['关于印发《示范办法》的通知', 'published', 'normativeDocuments', '2024-03-05'],
      ['2024年第一季度统计信息', 'published', 'other', '2024-04-03'],
    ]);
    expect(rows[0]?.index_number).toBe('IMP-2024-0001');
    expect(rows[1]?.index_number).not.toBe(null);
    expect(rows[0]?.body_html).toBe('<p>第一条</p><p>第二条</p>');
    expect(rows[1]?.body_html).toBe('<p>第一段</p><p>第二段 &lt;不是标签</p>');
  });

  it('refuses the same file again: its 索引号 is taken; nothing more is written', async () => {
    const result = await run('good.csv');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('第2行 索引号：索引号“IMP-2024-0001”已被使用');
    expect(await storedPublications()).toHaveLength(2);
  });

  it('reads a GBK file saved by Excel, through `gongkai import publications` with --json', async () => {
    const result = await gongkaiInProcess(['import', 'publications', 'gbk.csv', '--agency', 'city', '--actor', 'u-clerk', '--json', '--database', database], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { ok: boolean; imported: number; rows: { line: number; title: string }[] };
    expect(json).toMatchObject({ ok: true, imported: 1, rows: [{ line: 2, title: '关于调整收费标准的通知' }] });
    expect((await storedPublications()).map((r) => r.title)).toContain('关于调整收费标准的通知');
  });

  it('refuses a file that is neither .csv nor .json', async () => {
    const result = await gongkaiInProcess(['import', 'publications', 'items.txt', '--agency', 'city', '--database', database], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('导入文件须为 .csv 或 .json 文件：items.txt');
  });
});
