// Registers `gongkai agency create|list|move|rename` and `gongkai supervision import` (issue 7).
// Light on imports: the work is loaded only when a command runs.
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';

const DATABASE_HELP = '数据库 database: SQLite 文件路径或 postgres:// 地址 (默认 DATABASE_URL)';

export function registerAgencyCommands(program: Command, io: CliIo, setExitCode: (code: ExitCode) => void): void {
  const agency = program
    .command('agency')
    .description('机关树：新建、列出、调整上级、改名（本机操作员直接操作数据库）the agency tree: create, list, move, rename');
  agency
    .command('create')
    .description('在上级机关之下新建机关 create an agency under a parent (none: a new root)')
    .requiredOption('--code <code>', '机关代码：2至40位小写字母、数字或连字符，不能是 api、console、reports 等保留路径 agency code')
    .requiredOption('--name <name>', '机关名称 name, e.g. 示范市教育局')
    .requiredOption('--level <level>', '层级 level: national 国家级, provincial 省级, municipal 市级, county 县级, township 乡级')
    .option('--parent <code>', '上级机关代码 parent agency code')
    .option('--external', '未上平台的机关（其年度报告由政务公开办导入）not on the platform')
    .option('--json', '输出 JSON output JSON')
    .option('--database <url>', DATABASE_HELP)
    .addHelpText('after', '\n例 Example:\n  gongkai agency create --code city --name 示范市人民政府 --level municipal\n  gongkai agency create --code city-edu --name 示范市教育局 --level municipal --parent city')
    .action(async (options: { code: string; name: string; level: string; parent?: string; external?: boolean; json?: boolean; database?: string }) => {
      const { runAgencyCreate } = await import('./agency.ts');
      setExitCode(await runAgencyCreate(options, io));
    });
  agency
    .command('list')
    .description('按树的顺序列出全部机关 list every agency in tree order')
    .option('--json', '输出 JSON output JSON')
    .option('--database <url>', DATABASE_HELP)
    .action(async (options: { json?: boolean; database?: string }) => {
      const { runAgencyList } = await import('./agency.ts');
      setExitCode(await runAgencyList(options, io));
    });
  agency
    .command('move')
    .description('把机关（连同其下级机关）移到另一上级机关之下 move an agency and its subtree under another parent')
    .requiredOption('--code <code>', '要移动的机关代码 agency code')
    .option('--parent <code>', '新的上级机关代码（不给出则成为最上级机关）new parent (none: make it a root)')
    .option('--json', '输出 JSON output JSON')
    .option('--database <url>', DATABASE_HELP)
    .action(async (options: { code: string; parent?: string; json?: boolean; database?: string }) => {
      const { runAgencyMove } = await import('./agency.ts');
      setExitCode(await runAgencyMove(options, io));
    });
  agency
    .command('rename')
    .description('修改机关名称或层级（代码不变）rename an agency or change its level; the code stays')
    .requiredOption('--code <code>', '机关代码 agency code')
    .option('--name <name>', '新名称 new name')
    .option('--level <level>', '新层级 new level')
    .option('--json', '输出 JSON output JSON')
    .option('--database <url>', DATABASE_HELP)
    .action(async (options: { code: string; name?: string; level?: string; json?: boolean; database?: string }) => {
      const { runAgencyRename } = await import('./agency.ts');
      setExitCode(await runAgencyRename(options, io));
    });

  const supervision = program.command('supervision').description('政务公开办：汇总下级机关的年度报告 the supervisor: roll-up of the subtree\'s annual reports');
  supervision
    .command('import')
    .description('导入未上平台机关已发布的年度报告（文件或文件夹；PDF、Word、Excel、网页、文本）import published reports of agencies not on the platform')
    .requiredOption('--agency <code>', '政务公开办所在机关代码（新机关建在其下）the supervising agency')
    .requiredOption('--year <year>', '报告年度 report year')
    .option('--into <code>', '导入到这个未上平台的机关（不给出则按报告中的机关名称查找或新建）the external agency to import into')
    .option('--json', '输出 JSON output JSON')
    .option('--database <url>', DATABASE_HELP)
    .argument('<path>', '报告文件或文件夹 a report file or a folder of them')
    .addHelpText('after', '\n退出码 Exit codes: 0 全部导入 all imported, 2 有文件未导入 some refused\n例 Example: gongkai supervision import --agency city --year 2025 ./reports-2025/')
    .action(async (path: string, options: { agency: string; year: string; into?: string; json?: boolean; database?: string }) => {
      const { runSupervisionImport } = await import('./supervision.ts');
      setExitCode(await runSupervisionImport(path, options, io));
    });
}
