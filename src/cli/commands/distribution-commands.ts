// gongkai distribution check|plan|apply — the schema on distributed PostgreSQL (Citus), decision 0005.
// check: the migrated schema against the rules of distribution-plan.ts (exit 1 on a problem).
// plan:  the create_reference_table / create_distributed_table statements, to read or run by hand.
// apply: runs them, only where the citus extension is installed; tables Citus already has are skipped,
//        so a run stopped half-way can be started again.
// Registration only: the work (distribution.ts) is loaded when a command runs.
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { DATABASE_OPTION_HELP } from './backup.ts';
import type { DistributionOptions } from './distribution.ts';

const DISTRIBUTION_HELP_AFTER = [
  '',
  '按机关分布（docs/decisions/0005-distributed-postgresql.md）Distribution by agency:',
  '  参照表 reference tables: agencies, users, user_roles, calendar_years, job_runs, audit_verifications',
  '  按 agency_id 分布 by agency: 其余各表 every other table (audit_entries 按 chain_id)',
  '  sessions 按 id，login_attempts 按 login 分布',
  '示例 Example: gongkai distribution check --database postgres://gongkai@db/gongkai',
].join('\n');

export function registerDistributionCommands(program: Command, io: CliIo, run: (work: () => Promise<ExitCode>) => () => Promise<void>): void {
  const distribution = program
    .command('distribution')
    .description('分布式 PostgreSQL（Citus）：检查结构、生成和执行分布语句 distributed PostgreSQL (Citus): check the schema, plan and apply the distribution')
    .addHelpText('after', DISTRIBUTION_HELP_AFTER);
  distribution
    .command('check')
    .description('检查数据库结构能否按机关分布（有问题时退出码为 1）check that the schema can be distributed by agency (exit 1 on a problem)')
    .option('--database <url>', DATABASE_OPTION_HELP)
    .option('--json', '输出 JSON output JSON')
    .action(async (options: DistributionOptions) => {
      const { runDistributionCheck } = await import('./distribution.ts');
      await run(() => runDistributionCheck(options, io))();
    });
  distribution
    .command('plan')
    .description('列出把各表变为 Citus 参照表、分布表的语句（不执行）print the create_reference_table / create_distributed_table statements')
    .option('--database <url>', DATABASE_OPTION_HELP)
    .option('--json', '输出 JSON output JSON')
    .action(async (options: DistributionOptions) => {
      const { runDistributionPlan } = await import('./distribution.ts');
      await run(() => runDistributionPlan(options, io))();
    });
  distribution
    .command('apply')
    .description('在已安装 Citus 的数据库上执行分布语句（已分布的表跳过）run the statements on a database with the citus extension (tables already distributed are skipped)')
    .option('--database <url>', DATABASE_OPTION_HELP)
    .action(async (options: DistributionOptions) => {
      const { runDistributionApply } = await import('./distribution.ts');
      await run(() => runDistributionApply(options, io))();
    });
}
