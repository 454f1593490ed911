// `gongkai audit verify|export` through runCli on temporary SQLite files. The tampering is done with
// plain SQL, as someone with database access would; audit.repository.test.ts does the same on
// PostgreSQL too.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gongkaiInProcess } from '../../../test/capture-cli-io.ts';
import { createAgenciesRepository } from '../../server/agencies/agencies.repository.ts';
import { appendAuditEntry } from '../../server/audit/audit.repository.ts';
import { connectDatabase } from '../../server/db/connect-database.ts';
import { migrateToLatest } from '../../server/db/migrate-to-latest.ts';

let dir: string;
let files = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-audit-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Five entries. In China (UTC+8): 1 and 2 on 27 November, 3 to 5 on 28 November.
const TIMES = ['2026-11-27T01:00:00.000Z', '2026-11-27T15:59:59.999Z', '2026-11-27T16:00:00.000Z', '2026-11-28T02:00:00.000Z', '2026-11-28T09:30:00.000Z'];

/** A new database file holding the five entries; `tamper` runs SQL on it afterwards. */
async function trail(tamper: string[] = []): Promise<string> {
  files += 1;
  const database = join(dir, `audit-${files}.db`);
  const connection = await connectDatabase(database);
  try {
    await migrateToLatest(connection.db);
    const agencies = createAgenciesRepository(connection.db);
    const city = await agencies.createAgency({ code: 'city', name: '市政府办公室', level: 'municipal' });
    const town = await agencies.createAgency({ code: 'town', name: '某镇人民政府', level: 'township' });
    for (const [index, at] of TIMES.entries()) {
      const agencyId = index === 1 ? town.id : index === 2 ? null : city.id;
      await connection.db.transaction().execute((trx) => appendAuditEntry(trx, { at, actor: 'u-clerk', agencyId, action: 'application.event', subject: `application:CITY-2026-00000${index + 1}`, detail: { kind: 'received' } }));
    }
    for (const statement of tamper) await sql.raw(statement).execute(connection.db);
  } finally {
    await connection.close();
  }
  return database;
}

const gongkai = (args: string[]) => gongkaiInProcess(args, dir);

describe('gongkai audit verify', () => {
  it('passes an intact trail and prints the count and last hash to keep', async () => {
    const database = await trail();
    const result = await gongkai(['audit', 'verify', '--database', database]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('审计记录完整：共 5 条，哈希链校验通过。');
    expect(lines[1]).toMatch(/^最后一条：第5条，哈希 [0-9a-f]{64}$/);

    const json = await gongkai(['audit', 'verify', '--json', '--database', database]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, count: 5, lastSeq: 5, findings: [] });
  });

  it('lists each altered, missing and unlinked entry and exits 1', async () => {
    const database = await trail([
      `update audit_entries set detail = '{"kind":"withdrawn"}' where seq = 2`,
      'delete from audit_entries where seq = 4',
      `update audit_entries set prev_hash = '${'1'.repeat(64)}' where seq = 3`,
    ]);
    const result = await gongkai(['audit', 'verify', '--database', database]);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      '审计记录有问题：共读到 4 条，发现 4 处问题：',
      '  第2条被改动：保存的哈希与按内容重新计算的哈希不符。',
      '  第3条被改动：保存的哈希与按内容重新计算的哈希不符。',
      '  第3条链接断开：其“前一条哈希”与第2条的哈希不符。',
      '  第4条缺失。',
      '',
    ]);
    const json = await gongkai(['audit', 'verify', '--json', '--database', database]);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { findings: { kind: string; seq: number }[] }).findings.map((f) => `${f.kind} ${f.seq}`)).toEqual(['altered 2', 'altered 3', 'broken_link 3', 'missing 4']);
  });

  it('misses the newest entry deleted, unless given the count or the anchor kept before', async () => {
    const intact = await trail();
    const { lastHash } = JSON.parse((await gongkai(['audit', 'verify', '--json', '--database', intact])).stdout) as { lastHash: string };
    const database = await trail(['delete from audit_entries where seq = 5']);
    expect((await gongkai(['audit', 'verify', '--database', database])).stdout).toContain('审计记录完整：共 4 条，哈希链校验通过。');

    const counted = await gongkai(['audit', 'verify', '--expect-count', '5', '--database', database]);
    expect(counted.code).toBe(1);
    expect(counted.stdout).toContain('  第5条缺失：应至少有5条，而最后一条是第4条，末尾的记录被删除。');
    // Each trail() writes the same five entries, so the intact file's last hash is this one's anchor.
    const anchored = await gongkai(['audit', 'verify', '--anchor', `5:${lastHash}`, '--database', database]);
    expect(anchored.code).toBe(1);
    expect(anchored.stdout).toContain('  第5条缺失：留存的锚点是第5条，而最后一条是第4条，末尾的记录被删除。');
    expect((await gongkai(['audit', 'verify', '--anchor', `5:${lastHash}`, '--database', intact])).code).toBe(0);
  });

  it('refuses a malformed --expect-count or --anchor (exit 2)', async () => {
    const database = await trail();
    const count = await gongkai(['audit', 'verify', '--expect-count', 'five', '--database', database]);
    expect(count.code).toBe(2);
    expect(count.stderr).toContain('--expect-count 须为整数');
    const anchor = await gongkai(['audit', 'verify', '--anchor', '5:abc', '--database', database]);
    expect(anchor.code).toBe(2);
    expect(anchor.stderr).toContain('--anchor 须为“序号:哈希”');
  });
});

describe('gongkai audit export', () => {
  let database: string;
  beforeAll(async () => {
    database = await trail();
  });

  it('writes CSV with the Chinese header, one row per entry, oldest first', async () => {
    const result = await gongkai(['audit', 'export', '--out', 'all.csv', '--database', database]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('已导出 5 条审计记录到 all.csv（CSV，UTF-8）。\n');
    const rows = readFileSync(join(dir, 'all.csv'), 'utf8').split('\r\n');
    expect(rows[0]).toBe('\uFEFF序号,时间（UTC）,操作人,机关编号,机关代码,操作,对象,详情（JSON）,前一条哈希,本条哈希');
    expect(rows.slice(1, 6).map((row) => row.split(',').slice(0, 5).join(','))).toEqual([
      '1,2026-11-27T01:00:00.000Z,u-clerk,1,city',
      '2,2026-11-27T15:59:59.999Z,u-clerk,2,town',
      '3,2026-11-27T16:00:00.000Z,u-clerk,,全平台',
      '4,2026-11-28T02:00:00.000Z,u-clerk,1,city',
      '5,2026-11-28T09:30:00.000Z,u-clerk,1,city',
    ]);
    expect(rows[6]).toBe('');
  });

  it('filters by agency and by days in China, and writes JSON lines', async () => {
    const city = await gongkai(['audit', 'export', '--out', 'city.jsonl', '--format', 'jsonl', '--agency', 'city', '--database', database]);
    expect(city.stdout).toBe('已导出 3 条审计记录到 city.jsonl（JSON Lines）。\n');
    const seqs = readFileSync(join(dir, 'city.jsonl'), 'utf8').trimEnd().split('\n').map((line) => (JSON.parse(line) as { seq: number }).seq);
    expect(seqs).toEqual([1, 4, 5]);

    // 28 November in China runs from 2026-11-27T16:00Z to 2026-11-28T16:00Z: entries 3, 4, 5.
    const day = await gongkai(['audit', 'export', '--out', 'day.csv', '--from', '2026-11-28', '--to', '2026-11-28', '--database', database]);
    expect(day.stdout).toBe('已导出 3 条审计记录到 day.csv（CSV，UTF-8）。\n');
    const before = await gongkai(['audit', 'export', '--out', 'before.csv', '--to', '2026-11-27', '--database', database]);
    expect(before.stdout).toBe('已导出 2 条审计记录到 before.csv（CSV，UTF-8）。\n');
  });

  it('refuses an unknown agency, a bad date and a wrong format', async () => {
    const agency = await gongkai(['audit', 'export', '--out', 'x.csv', '--agency', 'nowhere', '--database', database]);
    expect(agency.code).toBe(2);
    const date = await gongkai(['audit', 'export', '--out', 'x.csv', '--from', '2026/11/28', '--database', database]);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('日期须为 YYYY-MM-DD 格式');
    const order = await gongkai(['audit', 'export', '--out', 'x.csv', '--from', '2026-11-29', '--to', '2026-11-28', '--database', database]);
    expect(order.code).toBe(2);
    expect((await gongkai(['audit', 'export', '--out', 'x.csv', '--format', 'xml', '--database', database])).code).toBe(2);
  });
});
