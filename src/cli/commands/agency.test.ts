// `gongkai agency …` and `gongkai supervision import` on a temporary SQLite file.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../server/db/connect-database.ts';
import { createAgenciesRepository } from '../../server/agencies/agencies.repository.ts';
import { computeSubtreeRollup } from '../../server/supervision/subtree-rollup.ts';
import { gongkaiInProcess } from '../../../test/capture-cli-io.ts';
import { createEmptyReport } from '../../domain/report/annual-report.ts';
import { renderReportText } from '../../domain/report/render/render-report-text.ts';

let dir: string;
let database: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-agency-'));
  database = join(dir, 'gongkai.db');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('gongkai agency and supervision', () => {
  it('builds a tree, refuses a reserved code, moves, and lists in tree order', async () => {
    const run = (args: string[]) => gongkaiInProcess([...args, '--database', database], dir);
    expect((await run(['agency', 'create', '--code', 'city', '--name', '示范市人民政府', '--level', 'municipal'])).code).toBe(0);
    expect((await run(['agency', 'create', '--code', 'dist-a', '--name', '甲区人民政府', '--level', 'county', '--parent', 'city'])).code).toBe(0);
    expect((await run(['agency', 'create', '--code', 'dist-b', '--name', '乙区人民政府', '--level', 'county', '--parent', 'city'])).code).toBe(0);
    expect((await run(['agency', 'create', '--code', 'town', '--name', '东镇人民政府', '--level', 'township', '--parent', 'dist-a'])).code).toBe(0);
    const reserved = await run(['agency', 'create', '--code', 'console', '--name', '某局', '--level', 'municipal', '--parent', 'city']);
    expect(reserved.code).toBe(2);
    expect(reserved.stderr).toContain('机关代码不能为“console”：它是门户网站的保留路径，请换一个代码。');
    expect((await run(['agency', 'move', '--code', 'town', '--parent', 'dist-b'])).code).toBe(0);
    const list = await run(['agency', 'list']);
    expect(list.stdout.trimEnd().split('\n')).toEqual([
      'city  示范市人民政府（市级）',
      '  dist-a  甲区人民政府（县级）',
      '  dist-b  乙区人民政府（县级）',
      '    town  东镇人民政府（乡级（乡镇、街道））',
    ]);
  });

  it('explains the commands in --help', async () => {
    const help = await gongkaiInProcess(['agency', 'create', '--help'], dir);
    expect(help.stdout).toContain('--parent <code>');
    expect(help.stdout).toContain('保留路径');
    const importHelp = await gongkaiInProcess(['supervision', 'import', '--help'], dir);
    expect(importHelp.stdout).toContain('gongkai supervision import --agency city --year 2025 ./reports-2025/');
  });

  it('imports a folder of published reports of agencies not on the platform', async () => {
    const folder = join(dir, 'reports');
    mkdirSync(folder);
    const report = createEmptyReport(0, '西镇人民政府', 2025);
    report.table2.licensing = 4;
    report.table2.administrativeFees = '0.0000';
    writeFileSync(join(folder, '西镇.txt'), renderReportText(report));
    writeFileSync(join(folder, 'notes.md'), 'not a report');
    const result = await gongkaiInProcess(['supervision', 'import', '--agency', 'dist-a', '--year', '2025', folder, '--database', database], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('西镇.txt：已导入为“西镇人民政府”2025年度报告');
    expect(result.stdout).toContain('新建未上平台机关 dist-a-x1');
    const list = await gongkaiInProcess(['agency', 'list', '--database', database], dir);
    expect(list.stdout).toContain('    dist-a-x1  西镇人民政府（乡级（乡镇、街道），未上平台）');
  });

  it("imports the real 漯河市商务局 2021 report with its findings, and adds its table 二 into the city's 2021 sums", async () => {
    const result = await gongkaiInProcess(['supervision', 'import', '--agency', 'city', '--year', '2021', '/work/shared/fixtures/reports/2021-luohe-shangwuju.txt', '--json', '--database', database], dir);
    expect(result.code, result.stderr).toBe(0);
    const [imported] = JSON.parse(result.stdout) as { imported: boolean; agencyName: string; agencyCode: string; createdAgency: boolean; errors: number }[];
    expect(imported).toMatchObject({ imported: true, agencyName: '漯河市商务局', agencyCode: 'city-x1', createdAgency: true });
    const connection = await connectDatabase(database);
    try {
      const city = await createAgenciesRepository(connection.db).getAgencyByCode('city');
      const rollup = await computeSubtreeRollup(connection.db, city.id, 2021, { today: '2022-03-01' });
      const luohe = rollup.agencies.find((e) => e.agency.code === 'city-x1');
      // domain.md §7: its overview claims 1 application while table 三 is all 0; its fee “162” lacks the 4 decimals its header asks for.
      expect(luohe?.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['TXT-APPS', 'T2-FEE']));
      expect([luohe?.status, luohe?.source, luohe?.late]).toEqual(['published', 'imported', false]);
      // 行政许可 39, 行政处罚 0, 行政强制 0, 收费 162 万元 as printed; the platform agencies entered no 2021 figures.
      expect([rollup.aggregate.table2.licensing, rollup.aggregate.table2.penalty, rollup.aggregate.table2.administrativeFees]).toEqual([39, 0, '162.0000']);
    } finally {
      await connection.close();
    }
  });
});
