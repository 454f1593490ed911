// The work of gongkai distribution check|plan|apply (registered by distribution-commands.ts, loaded
// when one runs): the schema on distributed PostgreSQL (Citus), decision 0005.
// check: the migrated schema against the rules of distribution-plan.ts (exit 1 on a problem).
// plan:  the create_reference_table / create_distributed_table statements, to read or run by hand.
// apply: runs them, only where the citus extension is installed; tables Citus already has are skipped,
//        so a run stopped half-way can be started again.
import { sql } from 'kysely';
import { DomainError } from '../../domain/domain-error.ts';
import type { DatabaseConnection } from '../../server/db/connect-database.ts';
import { connectDatabase } from '../../server/db/connect-database.ts';
import { checkDistributionReadiness, citusDistributionStatements } from '../../server/db/distribution/distribution-plan.ts';
import { citusTables, citusVersion, readCatalogue } from '../../server/db/distribution/read-catalogue.ts';
import { migrateToLatest } from '../../server/db/migrate-to-latest.ts';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_ERROR_FINDINGS, EXIT_OK } from '../exit-codes.ts';
import { databaseUrlFor } from './database-url.ts';

export interface DistributionOptions {
  database?: string;
  json?: boolean;
}

async function withPostgres<T>(options: DistributionOptions, io: CliIo, work: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
  const url = databaseUrlFor(options.database, io);
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new DomainError('BAD_INPUT', `distribution needs a PostgreSQL database, got ${url}`, '分布式部署只用于 PostgreSQL：请用 --database 或 DATABASE_URL 给出 postgres:// 地址（SQLite 不分布）。', { field: 'database' });
  }
  const connection = await connectDatabase(url);
  try {
    await migrateToLatest(connection.db);
    return await work(connection);
  } finally {
    await connection.close();
  }
}

export async function runDistributionCheck(options: DistributionOptions, io: CliIo): Promise<ExitCode> {
  return withPostgres(options, io, async ({ db }): Promise<ExitCode> => {
    const problems = checkDistributionReadiness(await readCatalogue(db));
    if (options.json === true) writeLine(io.stdout, JSON.stringify({ ready: problems.length === 0, problems }, null, 2));
    else if (problems.length === 0) writeLine(io.stdout, '数据库结构符合按机关分布的要求：每个主键、唯一约束和外键都含分布列，自增列均为 bigint。');
    else {
      writeLine(io.stdout, `发现 ${problems.length} 个问题，分布前须先解决：`);
      for (const problem of problems) writeLine(io.stdout, `  - ${problem.message}`);
    }
    return problems.length === 0 ? EXIT_OK : EXIT_ERROR_FINDINGS;
  });
}

async function statementsFor(connection: DatabaseConnection, io: CliIo): Promise<{ statements: string[]; citus: string | null }> {
  const catalogue = await readCatalogue(connection.db);
  const problems = checkDistributionReadiness(catalogue);
  if (problems.length > 0) {
    throw new DomainError('CONFLICT', `schema not ready for distribution: ${problems.length} problems`, `数据库结构还不能分布（${problems.length} 个问题），请先运行 gongkai distribution check 查看。`);
  }
  const citus = await citusVersion(connection.db);
  const done = citus === null ? new Set<string>() : await citusTables(connection.db);
  if (done.size > 0) writeLine(io.stderr, `Citus 已管理 ${done.size} 个表，跳过它们。`);
  return { statements: citusDistributionStatements(catalogue.tables, catalogue.edges, done), citus };
}

export async function runDistributionPlan(options: DistributionOptions, io: CliIo): Promise<ExitCode> {
  return withPostgres(options, io, async (connection): Promise<ExitCode> => {
    const { statements } = await statementsFor(connection, io);
    if (options.json === true) writeLine(io.stdout, JSON.stringify({ statements }, null, 2));
    else for (const statement of statements) writeLine(io.stdout, statement);
    return EXIT_OK;
  });
}

export async function runDistributionApply(options: DistributionOptions, io: CliIo): Promise<ExitCode> {
  return withPostgres(options, io, async (connection): Promise<ExitCode> => {
    const { statements, citus } = await statementsFor(connection, io);
    if (citus === null) {
      throw new DomainError('BAD_INPUT', 'the citus extension is not installed in this database', '此数据库没有安装 Citus 扩展（create extension citus），不能分布。可以先用 gongkai distribution plan 查看将执行的语句。', { field: 'database' });
    }
    for (const statement of statements) {
      writeLine(io.stdout, statement);
      await sql.raw(statement).execute(connection.db);
    }
    writeLine(io.stdout, `完成：执行了 ${statements.length} 条语句（Citus ${citus}）。`);
    return EXIT_OK;
  });
}
