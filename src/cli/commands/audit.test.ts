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

const CITY_CHAIN = `(select id from agencies where code = 'city')`;
const TOWN_CHAIN = `(select id from agencies where code = 'town')`;
const HASH = '[0-9a-f]{64}';

describe('gongkai audit verify', () => {
  // The five entries make three chains: city's seq 1-3 (entries 1, 4, 5), town's seq 1 (entry 2), the platform's seq 1 (entry 3).
  it('passes an intact trail and prints each chain’s count and last seq:hash to keep', async () => {
    const database = await trail();
    const result = await gongkai(['audit', 'verify', '--database', database]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('审计记录完整：3 条链共 5 条，哈希链校验通过。');
    expect(lines[1]).toMatch(new RegExp(`^  全平台链：1 条，最后一条 1:${HASH}$`));
    expect(lines[2]).toMatch(new RegExp(`^  市政府办公室（city）：3 条，最后一条 3:${HASH}$`));
    expect(lines[3]).toMatch(new RegExp(`^  某镇人民政府（town）：1 条，最后一条 1:${HASH}$`));
    expect(lines[4]).toBe('末尾的记录被删除时哈希链仍然完整；请另行留存每条链的条数和最后一条的“序号:哈希”，下次校验时用 --agency 机关代码（全平台链用 --platform）加 --expect-count 或 --anchor。');
    expect(lines.slice(5)).toEqual(['']);

    const json = await gongkai(['audit', 'verify', '--json', '--database', database]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { ok: boolean; count: number; chains: { chainId: number; agencyCode: string | null; count: number; lastSeq: number; lastHash: string }[]; findings: unknown[] };
    expect(report).toMatchObject({ ok: true, count: 5, findings: [] });
    expect(report.chains.map((c) => [c.chainId, c.agencyCode, c.count, c.lastSeq])).toEqual([
      [0, null, 1, 1],
      [1, 'city', 3, 3],
      [2, 'town', 1, 1],
    ]);
    // The text names the same last hash as the JSON.
    expect(lines[2]?.endsWith(`3:${report.chains[1]?.lastHash ?? ''}`)).toBe(true);
  });

  it('lists each altered, missing and unlinked entry by its chain and exits 1', async () => {
    const database = await trail([
      `update audit_entries set detail = '{"kind":"withdrawn"}' where chain_id = ${CITY_CHAIN} and seq = 1`,
      `delete from audit_entries where chain_id = ${CITY_CHAIN} and seq = 2`,
      `update audit_entries set prev_hash = '${'1'.repeat(64)}' where chain_id = ${TOWN_CHAIN} and seq = 1`,
    ]);
    const result = await gongkai(['audit', 'verify', '--database', database]);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('审计记录有问题：3 条链共 4 条，发现 4 处问题：');
    expect(lines[1]).toMatch(new RegExp(`^  全平台链：1 条，最后一条 1:${HASH}$`));
    expect(lines[2]).toMatch(new RegExp(`^  市政府办公室（city）：2 条，最后一条 3:${HASH}，2 处问题$`));
    expect(lines[3]).toMatch(new RegExp(`^  某镇人民政府（town）：1 条，最后一条 1:${HASH}，2 处问题$`));
    expect(lines.slice(4)).toEqual([
      '问题：',
      '  市政府办公室（city）第1条被改动：保存的哈希与按内容重新计算的哈希不符。',
      '  市政府办公室（city）第2条缺失。',
      '  某镇人民政府（town）第1条被改动：保存的哈希与按内容重新计算的哈希不符。',
      '  某镇人民政府（town）第1条是第一条，但其“前一条哈希”不是起始值（64个0）：链的开头被改动。',
      '',
    ]);
    const json = await gongkai(['audit', 'verify', '--json', '--database', database]);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { findings: { chainId: number; kind: string; seq: number }[] }).findings.map((f) => `${f.chainId} ${f.kind} ${f.seq}`)).toEqual([
      '1 altered 1',
      '1 missing 2',
      '2 altered 1',
      '2 bad_genesis 1',
    ]);
  });

  it('misses an agency’s newest entry deleted, unless given that chain’s count or anchor kept before', async () => {
    const intact = await trail();
    const { chains } = JSON.parse((await gongkai(['audit', 'verify', '--json', '--agency', 'city', '--database', intact])).stdout) as { chains: { lastHash: string }[] };
    expect(chains).toHaveLength(1);
    const lastHash = chains[0]?.lastHash ?? '';
    const database = await trail([`delete from audit_entries where chain_id = ${CITY_CHAIN} and seq = 3`]);
    expect((await gongkai(['audit', 'verify', '--database', database])).stdout).toContain('审计记录完整：3 条链共 4 条，哈希链校验通过。');

    const counted = await gongkai(['audit', 'verify', '--agency', 'city', '--expect-count', '3', '--database', database]);
    expect(counted.code).toBe(1);
    expect(counted.stdout.split('\n')[0]).toBe('审计记录有问题：市政府办公室（city）共 2 条，发现 1 处问题：');
    expect(counted.stdout).toContain('  市政府办公室（city）第3条缺失：应至少有3条，而最后一条是第2条，末尾的记录被删除。');
    // Each trail() writes the same five entries, so the intact file's last hash is this one's anchor.
    const anchored = await gongkai(['audit', 'verify', '--agency', 'city', '--anchor', `3:${lastHash}`, '--database', database]);
    expect(anchored.code).toBe(1);
    expect(anchored.stdout).toContain('  市政府办公室（city）第3条缺失：留存的锚点是第3条，而最后一条是第2条，末尾的记录被删除。');
    // The other chains are untouched: their counts pass.
    expect((await gongkai(['audit', 'verify', '--platform', '--expect-count', '1', '--database', database])).code).toBe(0);
    expect((await gongkai(['audit', 'verify', '--agency', 'town', '--expect-count', '1', '--database', database])).code).toBe(0);

    const kept = await gongkai(['audit', 'verify', '--agency', 'city', '--anchor', `3:${lastHash}`, '--database', intact]);
    expect(kept.code).toBe(0);
    expect(kept.stdout.split('\n')).toEqual([
      '审计记录完整：市政府办公室（city）共 3 条，哈希链校验通过。',
      `  市政府办公室（city）：3 条，最后一条 3:${lastHash}`,
      `末尾的记录被删除时哈希链仍然完整；请另行留存上面的条数和“序号:哈希”，下次校验时加 --agency city --expect-count 3 或 --anchor 3:${lastHash}。`,
      '',
    ]);
    const platform = await gongkai(['audit', 'verify', '--platform', '--database', intact]);
    expect(platform.stdout.split('\n')[0]).toBe('审计记录完整：全平台链共 1 条，哈希链校验通过。');
    expect(platform.stdout).toContain('下次校验时加 --platform --expect-count 1 或 --anchor 1:');
  });

  it('refuses --expect-count or --anchor without a chain, both selections at once, an unknown agency and malformed values (exit 2)', async () => {
    const database = await trail();
    const unselected = await gongkai(['audit', 'verify', '--expect-count', '5', '--database', database]);
    expect(unselected.code).toBe(2);
    expect(unselected.stderr).toContain('--expect-count 和 --anchor 是某一条链留存的值：请同时用 --agency 机关代码 指定机关的链，或用 --platform 指定全平台链');
    expect((await gongkai(['audit', 'verify', '--anchor', `1:${'a'.repeat(64)}`, '--database', database])).code).toBe(2);
    const both = await gongkai(['audit', 'verify', '--agency', 'city', '--platform', '--database', database]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--agency 与 --platform 只能选一个');
    const unknown = await gongkai(['audit', 'verify', '--agency', 'nowhere', '--database', database]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('找不到代码为“nowhere”的机关');
    const count = await gongkai(['audit', 'verify', '--agency', 'city', '--expect-count', 'five', '--database', database]);
    expect(count.code).toBe(2);
    expect(count.stderr).toContain('--expect-count 须为整数');
    const anchor = await gongkai(['audit', 'verify', '--platform', '--anchor', '5:abc', '--database', database]);
    expect(anchor.code).toBe(2);
    expect(anchor.stderr).toContain('--anchor 须为“序号:哈希”');
  });
});

describe('gongkai audit export', () => {
  let database: string;
  beforeAll(async () => {
    database = await trail();
  });

  it('writes CSV with the Chinese header, one row per entry with its chain, oldest first', async () => {
    const result = await gongkai(['audit', 'export', '--out', 'all.csv', '--database', database]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('已导出 5 条审计记录到 all.csv（CSV，UTF-8）。\n');
    const rows = readFileSync(join(dir, 'all.csv'), 'utf8').split('\r\n');
    expect(rows[0]).toBe('\uFEFF序号,链,时间（UTC）,操作人,机关编号,机关代码,操作,对象,详情（JSON）,前一条哈希,本条哈希');
    // 序号 counts within 链: city (agency 1) 1, 2, 3; town (2) 1; the platform (0) 1.
    expect(rows.slice(1, 6).map((row) => row.split(',').slice(0, 6).join(','))).toEqual([
      '1,1,2026-11-27T01:00:00.000Z,u-clerk,1,city',
      '1,2,2026-11-27T15:59:59.999Z,u-clerk,2,town',
      '1,0,2026-11-27T16:00:00.000Z,u-clerk,,全平台',
      '2,1,2026-11-28T02:00:00.000Z,u-clerk,1,city',
      '3,1,2026-11-28T09:30:00.000Z,u-clerk,1,city',
    ]);
    expect(rows[6]).toBe('');
  });

  it('filters by agency and by days in China, and writes JSON lines', async () => {
    const city = await gongkai(['audit', 'export', '--out', 'city.jsonl', '--format', 'jsonl', '--agency', 'city', '--database', database]);
    expect(city.stdout).toBe('已导出 3 条审计记录到 city.jsonl（JSON Lines）。\n');
    const keys = readFileSync(join(dir, 'city.jsonl'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { chainId: number; seq: number }).map((row) => `${row.chainId}:${row.seq}`);
    expect(keys).toEqual(['1:1', '1:2', '1:3']);

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
