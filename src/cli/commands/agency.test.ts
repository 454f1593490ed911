// `gongkai agency …` and `gongkai supervision import` on a temporary SQLite file.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
