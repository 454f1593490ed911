// gongkai audit verify [--agency CODE | --platform] [--expect-count N] [--anchor SEQ:HASH] — checks
// the hash chains of the audit trail (one per agency, one for the platform), or the one chosen:
// exit 0 when intact, 1 listing each altered, missing or unlinked entry, named by its chain.
// gongkai audit export --out FILE [--format csv|jsonl] [--agency CODE] [--from D] [--to D] — the
// trail for 审计, oldest first. Dates are days in China (UTC+8), both inclusive.
//
// A chain alone cannot show that its newest entries were deleted (what is left is a valid shorter
// chain). verify prints each chain's count and last seq:hash; kept elsewhere (a signed printout,
// another system), they are given back for that chain with --expect-count or --anchor.
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PLATFORM_CHAIN_ID } from '../../domain/audit/audit-entry.ts';
import type { AuditChainExpectation, AuditTrailChainReport, AuditTrailReport } from '../../domain/audit/verify-audit-chain.ts';
import { auditChainName } from '../../domain/audit/verify-audit-chain.ts';
import { DomainError } from '../../domain/domain-error.ts';
import { createAgenciesRepository } from '../../server/agencies/agencies.repository.ts';
import type { AuditExportFormat, AuditFilters } from '../../server/audit/audit.repository.ts';
import { chinaDayEnd, chinaDayStart, exportAuditEntries, verifyAuditTrail } from '../../server/audit/audit.repository.ts';
import { connectDatabase } from '../../server/db/connect-database.ts';
import type { DatabaseConnection } from '../../server/db/connect-database.ts';
import { migrateToLatest } from '../../server/db/migrate-to-latest.ts';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_ERROR_FINDINGS, EXIT_OK } from '../exit-codes.ts';
import { databaseUrlFor } from './database-url.ts';

export interface AuditVerifyOptions {
  json: boolean;
  database?: string;
  /** Only this agency's chain. */
  agency?: string;
  /** Only the platform's chain (platform-wide entries, and all entries written before the split). */
  platform?: boolean;
  expectCount?: string;
  anchor?: string;
}

export interface AuditExportOptions {
  out: string;
  format: AuditExportFormat;
  agency?: string;
  from?: string;
  to?: string;
  database?: string;
}

async function withDatabase<T>(database: string | undefined, io: CliIo, work: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
  const connection = await connectDatabase(databaseUrlFor(database, io));
  try {
    await migrateToLatest(connection.db);
    return await work(connection);
  } finally {
    await connection.close();
  }
}

function parseExpectation(options: AuditVerifyOptions): AuditChainExpectation {
  const expected: AuditChainExpectation = {};
  if (options.expectCount !== undefined) {
    if (!/^\d+$/.test(options.expectCount)) throw new DomainError('BAD_INPUT', `--expect-count must be a whole number, got ${options.expectCount}`, `--expect-count 须为整数，即此前留存的审计记录条数（收到：${options.expectCount}）`, { field: 'expectCount' });
    expected.count = Number(options.expectCount);
  }
  if (options.anchor !== undefined) {
    const match = /^(\d+):([0-9a-fA-F]{64})$/.exec(options.anchor);
    if (match === null) throw new DomainError('BAD_INPUT', `--anchor must be SEQ:HASH (64 hex digits), got ${options.anchor}`, `--anchor 须为“序号:哈希”，哈希为64位十六进制，即此前留存的某一条记录（收到：${options.anchor}）`, { field: 'anchor' });
    expected.anchor = { seq: Number(match[1]), hash: (match[2] ?? '').toLowerCase() };
  }
  return expected;
}

/** The one chain chosen with --agency or --platform, checked before the database is opened. */
function checkSelection(options: AuditVerifyOptions): void {
  if (options.agency !== undefined && options.platform === true) {
    throw new DomainError('BAD_INPUT', '--agency and --platform exclude each other', '--agency 与 --platform 只能选一个：前者校验一个机关的链，后者校验全平台链', { field: 'agency' });
  }
  if ((options.expectCount !== undefined || options.anchor !== undefined) && options.agency === undefined && options.platform !== true) {
    throw new DomainError(
      'BAD_INPUT',
      '--expect-count and --anchor need --agency CODE or --platform',
      '--expect-count 和 --anchor 是某一条链留存的值：请同时用 --agency 机关代码 指定机关的链，或用 --platform 指定全平台链',
      { field: options.expectCount === undefined ? 'anchor' : 'expectCount' },
    );
  }
}

/** How the chain is chosen on the command line, for the advice on what to keep. */
function selectionArgument(chain: AuditTrailChainReport): string {
  return chain.chainId === PLATFORM_CHAIN_ID ? '--platform' : `--agency ${chain.agencyCode ?? String(chain.chainId)}`;
}

function chainLine(chain: AuditTrailChainReport): string {
  const last = chain.lastSeq === null ? '' : `，最后一条 ${chain.lastSeq}:${chain.lastHash ?? ''}`;
  const problems = chain.findings.length === 0 ? '' : `，${chain.findings.length} 处问题`;
  return `  ${auditChainName(chain)}：${chain.count} 条${last}${problems}`;
}

function writeReport(report: AuditTrailReport, selected: boolean, io: CliIo): void {
  const ok = report.findings.length === 0;
  const only = report.chains[0];
  const scope = selected && only !== undefined ? `${auditChainName(only)}共 ${report.count} 条` : `${report.chains.length} 条链共 ${report.count} 条`;
  writeLine(io.stdout, ok ? `审计记录完整：${scope}，哈希链校验通过。` : `审计记录有问题：${scope}，发现 ${report.findings.length} 处问题：`);
  for (const chain of report.chains) writeLine(io.stdout, chainLine(chain));
  if (!ok) {
    writeLine(io.stdout, '问题：');
    for (const finding of report.findings) writeLine(io.stdout, `  ${finding.message}`);
    return;
  }
  if (selected && only?.lastSeq != null) {
    writeLine(io.stdout, `末尾的记录被删除时哈希链仍然完整；请另行留存上面的条数和“序号:哈希”，下次校验时加 ${selectionArgument(only)} --expect-count ${only.count} 或 --anchor ${only.lastSeq}:${only.lastHash ?? ''}。`);
  } else if (!selected && report.count > 0) {
    writeLine(io.stdout, '末尾的记录被删除时哈希链仍然完整；请另行留存每条链的条数和最后一条的“序号:哈希”，下次校验时用 --agency 机关代码（全平台链用 --platform）加 --expect-count 或 --anchor。');
  }
}

export async function runAuditVerify(options: AuditVerifyOptions, io: CliIo): Promise<ExitCode> {
  checkSelection(options);
  const expectation = parseExpectation(options);
  const selected = options.agency !== undefined || options.platform === true;
  const report = await withDatabase(options.database, io, async (connection) => {
    if (!selected) return verifyAuditTrail(connection.db);
    const chainId = options.agency === undefined ? PLATFORM_CHAIN_ID : (await createAgenciesRepository(connection.db).getAgencyByCode(options.agency)).id;
    return verifyAuditTrail(connection.db, { chainIds: [chainId], expected: new Map([[chainId, expectation]]) });
  });
  const ok = report.findings.length === 0;
  if (options.json) writeLine(io.stdout, JSON.stringify({ ok, ...report }, null, 2));
  else writeReport(report, selected, io);
  return ok ? EXIT_OK : EXIT_ERROR_FINDINGS;
}

function filtersFor(options: AuditExportOptions): Omit<AuditFilters, 'agencyId'> {
  return { ...(options.from === undefined ? {} : { from: chinaDayStart(options.from) }), ...(options.to === undefined ? {} : { to: chinaDayEnd(options.to) }) };
}

export async function runAuditExport(options: AuditExportOptions, io: CliIo): Promise<ExitCode> {
  // Dates are checked before the database is opened or the file created.
  const filters: AuditFilters = filtersFor(options);
  if (filters.from !== undefined && filters.to !== undefined && filters.from >= filters.to) {
    throw new DomainError('BAD_INPUT', `--from ${options.from ?? ''} is after --to ${options.to ?? ''}`, `--from（${options.from ?? ''}）晚于 --to（${options.to ?? ''}）`, { field: 'from' });
  }
  const path = resolve(io.cwd, options.out);
  const count = await withDatabase(options.database, io, async (connection) => {
    if (options.agency !== undefined) filters.agencyId = (await createAgenciesRepository(connection.db).getAgencyByCode(options.agency)).id;
    const file = await open(path, 'w');
    let lines = 0;
    try {
      for await (const chunk of exportAuditEntries(connection.db, filters, options.format)) {
        await file.write(chunk);
        lines += 1;
      }
    } finally {
      await file.close();
    }
    return options.format === 'csv' ? lines - 1 : lines;
  });
  writeLine(io.stdout, `已导出 ${count} 条审计记录到 ${options.out}（${options.format === 'csv' ? 'CSV，UTF-8' : 'JSON Lines'}）。`);
  return EXIT_OK;
}
