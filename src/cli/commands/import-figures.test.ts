// gongkai import figures on a temporary SQLite file: all or nothing, named rows, GBK from Excel.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGbk } from '../../../test/encode-gbk.ts';
import { captureIo, gongkaiInProcess } from '../../../test/capture-cli-io.ts';
import { createAgenciesRepository } from '../../server/agencies/agencies.repository.ts';
import { connectDatabase } from '../../server/db/connect-database.ts';
import { migrateToLatest } from '../../server/db/migrate-to-latest.ts';
import { findYearlyFigures } from '../../server/yearly-figures/yearly-figures.repository.ts';
import { runImportFigures } from './import-figures.ts';

let dir: string;
let database: string;
let agencyId: number;

const HEADER = '年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-figures-'));
  database = join(dir, 'figures.db');
  const connection = await connectDatabase(database);
  await migrateToLatest(connection.db);
  agencyId = (await createAgenciesRepository(connection.db).createAgency({ code: 'city', name: '示范市示范局', level: 'municipal' })).id;
  await connection.close();
  writeFileSync(join(dir, 'good.csv'), `${HEADER}\n2024,9487,12,3,0.0000\n2025,100,5,0,1.2500\n`);
  writeFileSync(join(dir, 'bad.csv'), `${HEADER}\n2024,1,1,1,1\n2025,1,x,1,1\n2026,1,1,1,\n`);
  writeFileSync(join(dir, 'gbk.csv'), encodeGbk(`${HEADER}\r\n2023,7,6,5,4.3210\r\n`));
  writeFileSync(join(dir, 'figures.json'), '[]');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function stored() {
  const connection = await connectDatabase(database);
  try {
    return await findYearlyFigures(connection.db, agencyId);
  } finally {
    await connection.close();
  }
}

async function run(file: string, extra: { dryRun?: boolean; json?: boolean } = {}) {
  const { io, output } = captureIo(dir);
  const code = await runImportFigures(file, { agency: 'city', dryRun: extra.dryRun ?? false, json: extra.json ?? false, actor: 'u-clerk', database }, io);
  return { ...output(), code };
}

describe('gongkai import figures', () => {
  it('validates with --dry-run and writes nothing', async () => {
    const result = await run('good.csv', { dryRun: true });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('校验通过：2 行，未写入（--dry-run）。\n');
    expect(await stored()).toEqual([]);
  });

  it('refuses a file with a bad row, listing each, and writes nothing', async () => {
    const result = await run('bad.csv');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(['错误：2 行未通过校验，未导入任何数字：', '第3行 行政处罚：行政处罚决定数应为 0 或正整数（收到：x）', '第4行 行政事业性收费（万元）：行政事业性收费金额（万元）不能为空（没有的填 0）', ''].join('\n'));
    expect(await stored()).toEqual([]);
  });

  it('imports, then replaces only the years a later file names (GBK from Excel)', async () => {
    const first = await run('good.csv');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('已导入“示范市示范局”（city）2 个年度的数字。\n');
    const second = await run('gbk.csv');
    expect(second.code).toBe(0);
    expect(await stored()).toEqual([
      { year: 2023, licensing: 7, penalty: 6, enforcement: 5, administrativeFees: '4.3210' },
      { year: 2024, licensing: 9487, penalty: 12, enforcement: 3, administrativeFees: '0.0000' },
      { year: 2025, licensing: 100, penalty: 5, enforcement: 0, administrativeFees: '1.2500' },
    ]);
    const again = await run('good.csv', { json: true });
    const json = JSON.parse(again.stdout) as { ok: boolean; changes: { year: number; before: unknown }[] };
    expect(json.ok).toBe(true);
    expect(json.changes.map((c) => [c.year, c.before === null])).toEqual([
      [2024, false],
      [2025, false],
    ]);
  });

  it('is registered under `gongkai import`, and refuses a file that is not CSV', async () => {
    const help = await gongkaiInProcess(['import', '--help'], dir);
    expect(help.stdout).toContain('figures');
    expect(help.stdout).toContain('publications');
    const json = await gongkaiInProcess(['import', 'figures', 'figures.json', '--agency', 'city', '--database', database], dir);
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('导入文件须为 .csv 文件：figures.json');
    const unknown = await gongkaiInProcess(['import', 'figures', 'good.csv', '--agency', 'nowhere', '--database', database], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('找不到代码为“nowhere”的机关。');
  });
});
