// gongkai audit verify [--expect-count N] [--anchor SEQ:HASH] — checks the hash chain of the audit
// trail: exit 0 when intact, 1 listing each altered, missing or unlinked entry.
// gongkai audit export --out FILE [--format csv|jsonl] [--agency CODE] [--from D] [--to D] — the
// trail for 审计, oldest first. Dates are days in China (UTC+8), both inclusive.
//
// The chain alone cannot show that the newest entries were deleted (what is left is a valid
// shorter chain). verify prints the count and the last hash; kept elsewhere (a signed printout,
// another system), they are given back with --expect-count or --anchor to close that gap.
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AuditChainExpectation } from '../../domain/audit/verify-audit-chain.ts';
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

export async function runAuditVerify(options: AuditVerifyOptions, io: CliIo): Promise<ExitCode> {
  const expected = parseExpectation(options);
  const report = await withDatabase(options.database, io, (connection) => verifyAuditTrail(connection.db, expected));
  const ok = report.findings.length === 0;
  if (options.json) {
    writeLine(io.stdout, JSON.stringify({ ok, ...report }, null, 2));
    return ok ? EXIT_OK : EXIT_ERROR_FINDINGS;
  }
  if (ok) {
    writeLine(io.stdout, `审计记录完整：共 ${report.count} 条，哈希链校验通过。`);
    if (report.lastSeq !== null) {
      writeLine(io.stdout, `最后一条：第${report.lastSeq}条，哈希 ${report.lastHash ?? ''}`);
      writeLine(io.stdout, `末尾的记录被删除时哈希链仍然完整；请另行留存上面的条数和哈希，下次校验时加 --expect-count ${report.count} 或 --anchor ${report.lastSeq}:${report.lastHash ?? ''}。`);
    }
    return EXIT_OK;
  }
  writeLine(io.stdout, `审计记录有问题：共读到 ${report.count} 条，发现 ${report.findings.length} 处问题：`);
  for (const finding of report.findings) writeLine(io.stdout, `  ${finding.message}`);
  return EXIT_ERROR_FINDINGS;
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
