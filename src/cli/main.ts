// The `gongkai` command. Chinese first, English after; exit codes in exit-codes.ts.
// Commands load their modules on use, so `gongkai --help` does not load PDF or DOCX libraries.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import type { CaseState } from '../domain/application/application-case.ts';
import { CASE_STATES } from '../domain/application/application-case.ts';
import { isDomainError } from '../domain/domain-error.ts';
import type { CliIo } from './cli-io.ts';
import { processIo, writeLine } from './cli-io.ts';
import type { ExitCode } from './exit-codes.ts';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, exitCodeForErrorCode } from './exit-codes.ts';
import { displayWidth } from './text-layout.ts';
import { registerAgencyCommands } from './commands/agency-commands.ts';
import { registerBackupCommand } from './commands/backup.ts';
import { registerDistributionCommands } from './commands/distribution-commands.ts';
import { registerRestoreCommand } from './commands/restore.ts';

const TITLES: Record<string, string> = {
  'Usage:': '用法 Usage:',
  'Options:': '选项 Options:',
  'Commands:': '命令 Commands:',
  'Arguments:': '参数 Arguments:',
  'Global Options:': '全局选项 Global Options:',
};

/** Commander's error codes in Chinese; its English message follows in brackets. */
const USAGE_ERRORS: Record<string, string> = {
  'commander.unknownOption': '未知选项',
  'commander.unknownCommand': '未知命令',
  'commander.missingArgument': '缺少参数',
  'commander.optionMissingArgument': '选项缺少取值',
  'commander.missingMandatoryOptionValue': '缺少必需的选项',
  'commander.invalidArgument': '取值无效',
  'commander.excessArguments': '参数过多',
  'commander.conflictingOption': '选项冲突',
};

const TEMPLATE_OPTION_HELP = '省级模板 provincial template: national 全国通用 | henan 河南（收费保留4位小数、须说明信息处理费）';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}


function templateOption(): Option {
  return new Option('--template <name>', TEMPLATE_OPTION_HELP).choices(['national', 'henan']).default('national');
}

function buildProgram(io: CliIo, setExitCode: (code: ExitCode) => void): Command {
  const program = new Command('gongkai');
  // Settings made before .command() are copied to every subcommand.
  program
    .exitOverride()
    .configureHelp({
      styleTitle: (title: string) => TITLES[title] ?? title,
      // CJK characters take two terminal cells; commander counts one and wraps too late.
      displayWidth: (text: string) => displayWidth(text.replace(/\x1b\[\d*(;\d+)*m/g, '')),
    })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Replaced in outputError below: commander's English line becomes a Chinese one.
      outputError: () => {},
    })
    .showSuggestionAfterError(true)
    .helpOption('-h, --help', '显示帮助 show help')
    .helpCommand('help [command]', '显示某个命令的帮助 show help for a command')
    .option('--verbose', '出错时显示英文详情 show the English detail of errors')
    .version(packageVersion(), '-V, --version', '显示版本号 show the version')
    .description('政府信息公开平台：年度报告的计算、检查与发布\nGongkai — government information disclosure: annual reports computed, checked and published')
    .addHelpText(
      'after',
      [
        '',
        '退出码 Exit codes:',
        '  0  正常 ok',
        '  1  发现“错误”级问题 findings of severity error',
        '  2  用法错误或无法读取输入 bad usage or unreadable input',
        '  3  程序内部错误 internal error',
        '  4  冲突：申请已被他人修改，或法律不允许该办理事项 conflict: the case changed since read, or the law forbids the step',
      ].join('\n'),
    );

  const run = (action: () => Promise<ExitCode>) => async () => setExitCode(await action());

  program
    .command('serve')
    .description('启动服务器 start the web server (迁移数据库，空库时载入示范数据 migrates, loads demo data into an empty database)')
    .option('--port <port>', '端口 port (默认 PORT 或 3000)')
    .option('--host <host>', '监听地址 host (默认 HOST 或 0.0.0.0)')
    .option('--database <url>', '数据库 database: SQLite 文件路径或 postgres:// 地址 (默认 DATABASE_URL)')
    .action(async (options: { port?: string; host?: string; database?: string }) => {
      const { runServe } = await import('./commands/serve.ts');
      setExitCode(await runServe(options, io));
    });

  program
    .command('migrate')
    .description('把数据库迁移到最新版本 migrate the database to the latest schema')
    .option('--database <url>', '数据库 database: SQLite 文件路径或 postgres:// 地址 (默认 DATABASE_URL)')
    .action(async (options: { database?: string }) => {
      const { runMigrate } = await import('./commands/migrate.ts');
      await run(() => runMigrate(options, io))();
    });

  registerBackupCommand(program, io, setExitCode);
  registerRestoreCommand(program, io, setExitCode);
  registerDistributionCommands(program, io, run);

  const report = program.command('report').description('年度报告：解析、检查、生成 annual reports: parse, lint, render, compute');

  report
    .command('parse')
    .description('读取一份已发布的年度报告并显示其表格 parse a published report and show its tables')
    .argument('<file>', '报告文件 report file (.txt .html .docx .pdf .json .xlsx)')
    .option('--json', '输出 JSON（报告模型与解析问题）output JSON: the report model and parse findings')
    .action(async (file: string, options: { json?: boolean }) => {
      const { runReportParse } = await import('./commands/report-parse.ts');
      setExitCode(await runReportParse(file, { json: options.json === true }, io));
    });

  report
    .command('lint')
    .description('检查年度报告 lint published annual reports (表内勾稽、文表一致、跨年结转 table sums, text vs tables, cross-year)')
    .argument('<paths...>', '报告文件或文件夹 report files or folders (文件夹读取一层 folders are read one level deep)')
    .option('--json', '每个文件输出一行 JSON one JSON object per file per line')
    .addOption(templateOption())
    .option('--previous <file>', '上一年度的报告，用于跨年检查 last year\'s report, for the cross-year rules (单个文件时 single file only)')
    .action(async (paths: string[], options: { json?: boolean; template: 'national' | 'henan'; previous?: string }) => {
      const { runReportLint } = await import('./commands/report-lint.ts');
      setExitCode(await runReportLint(paths, { json: options.json === true, template: options.template, previous: options.previous }, io));
    });

  report
    .command('render')
    .description('生成报告文件 render a report (由记录计算 from records, 或转换已有报告 or convert a report file)')
    .option('--records <file>', '记录导入文件 records import file (.json / .csv)')
    .option('--year <year>', '报告年度 report year (与 --records 一起 with --records)')
    .option('--from <file>', '已有的报告文件 an existing report file')
    .addOption(new Option('--format <format>', '输出格式 output format').choices(['html', 'docx', 'xlsx', 'txt', 'json']).makeOptionMandatory())
    .option('--out <file>', '输出文件 output file (docx/xlsx 输出到终端时必需 required for binary formats on a terminal)')
    .action(async (options: { records?: string; year?: string; from?: string; format: 'html' | 'docx' | 'xlsx' | 'txt' | 'json'; out?: string }) => {
      const { runReportRender } = await import('./commands/report-render.ts');
      setExitCode(await runReportRender(options, io));
    });

  report
    .command('compute')
    .description('由记录计算年度报告并检查 compute a report from records and lint it')
    .requiredOption('--records <file>', '记录导入文件 records import file (.json / .csv)')
    .requiredOption('--year <year>', '报告年度 report year')
    .option('--json', '输出 JSON output JSON')
    .addOption(templateOption())
    .action(async (options: { records: string; year: string; json?: boolean; template: 'national' | 'henan' }) => {
      const { runReportCompute } = await import('./commands/report-compute.ts');
      setExitCode(await runReportCompute({ ...options, json: options.json === true }, io));
    });

  program
    .command('deadline')
    .description('计算依申请公开的法定期限 statutory deadlines of an application (补正告知、答复、延期 条例第三十条、第三十三条)')
    .requiredOption('--received <date>', '收到申请日期 date of receipt, YYYY-MM-DD')
    .option('--extend', '同时计算延长20个工作日后的期限 also the due date with a 20-working-day extension')
    .option('--json', '输出 JSON output JSON')
    .action(async (options: { received: string; extend?: boolean; json?: boolean }) => {
      const { runDeadline } = await import('./commands/deadline.ts');
      setExitCode(await runDeadline({ received: options.received, extend: options.extend === true, json: options.json === true }, io));
    });

  program
    .command('screen')
    .description('发布前检查文件：身份证、手机、银行卡号、邮箱、密级标志、敏感词和错敏词 screen a document before publishing: personal data, classification marks, sensitive and wrong terms')
    .argument('<file>', '要检查的文件 file to screen (.txt .docx .pdf .html)，- 表示标准输入 - reads stdin')
    .option('--json', '输出 JSON output JSON: {file, hits: [{kind, text, start, end, line, column, context, suggestion}]}')
    .option('--terms <file>', '追加的词表 extra terms, JSON: [{"kind":"sensitive_word|wrong_term","term":"…","correction":"…"}]')
    .addHelpText('after', '\n退出码 Exit codes: 0 未发现 no hits, 1 发现需要处理的内容 hits found, 2 无法读取输入 bad input\n行、列号按提取出的文字计算 line and column count in the extracted text')
    .action(async (file: string, options: { json?: boolean; terms?: string }) => {
      const { runScreen } = await import('./commands/screen.ts');
      setExitCode(await runScreen(file, { json: options.json === true, ...(options.terms === undefined ? {} : { terms: options.terms }) }, io));
    });

  const calendar = program.command('calendar').description('工作日日历：载入一年的节假日安排 the working-day calendar: load a year\'s 节假日安排');
  calendar
    .command('load')
    .description('载入一年的节假日安排（JSON 或 ICS 文件），并重新计算未办结申请的答复期限 load a year (JSON or ICS) and recompute open cases\' due dates')
    .argument('<file>', '节假日安排文件 arrangement file: JSON {year, holidays, makeupWorkdays, source} or ICS')
    .option('--year <year>', '年份（文件中没有写明时）the year, when the file does not say')
    .option('--source <text>', '依据，如 国办发明电〔2026〕×号（文件中没有写明时）the notice, when the file does not say')
    .option('--actor <user>', '载入人 who loads it (默认当前登录名 default: the login name)')
    .option('--json', '输出 JSON output JSON')
    .option('--database <url>', '数据库 database: SQLite 文件路径或 postgres:// 地址 (默认 DATABASE_URL)')
    .action(async (file: string, options: { year?: string; source?: string; actor?: string; json?: boolean; database?: string }) => {
      const { runCalendarLoad } = await import('./commands/calendar.ts');
      setExitCode(await runCalendarLoad({ file, ...options, json: options.json === true }, io));
    });
  calendar
    .command('list')
    .description('内置及已载入的年份 the built-in and the loaded years')
    .option('--json', '输出 JSON output JSON')
    .option('--database <url>', '数据库 database: SQLite 文件路径或 postgres:// 地址 (默认 DATABASE_URL)')
    .action(async (options: { json?: boolean; database?: string }) => {
      const { runCalendarList } = await import('./commands/calendar.ts');
      setExitCode(await runCalendarList({ json: options.json === true, ...(options.database === undefined ? {} : { database: options.database }) }, io));
    });

  registerAgencyCommands(program, io, setExitCode);
  const user = program.command('user').description('用户账号：创建、列出（本机操作员直接操作数据库）user accounts: create, list (the local operator, on the database)');
  user
    .command('create')
    .description('创建用户并授予其在一个机关的角色；首次登录须修改初始密码 create a user with roles in one agency; the initial password must be changed at first login')
    .requiredOption('--login <login>', '登录名 login name (字母、数字或 . _ @ - letters, digits or . _ @ -)')
    .requiredOption('--name <name>', '姓名 display name')
    .requiredOption('--agency <code>', '机关代码 agency code')
    .requiredOption('--roles <roles>', '角色，逗号分隔 roles, comma-separated: clerk 信息员, sectionChief 科长, leader 分管领导, admin 系统管理员, auditor 审计员')
    .option('--password-file <file>', '初始密码所在文件（不给出时随机生成并显示）file holding the initial password (default: generate one and print it)')
    .option('--json', '输出 JSON output JSON')
    .option('--database <url>', '数据库 database: SQLite 文件路径或 postgres:// 地址 (默认 DATABASE_URL)')
    .action(async (options: { login: string; name: string; agency: string; roles: string; passwordFile?: string; json?: boolean; database?: string }) => {
      const { runUserCreate } = await import('./commands/user.ts');
      setExitCode(await runUserCreate({ ...options, json: options.json === true }, io));
    });
  user
    .command('list')
    .description('列出用户及其在各机关的角色 list users with their roles per agency')
    .option('--json', '输出 JSON output JSON')
    .option('--database <url>', '数据库 database: SQLite 文件路径或 postgres:// 地址 (默认 DATABASE_URL)')
    .action(async (options: { json?: boolean; database?: string }) => {
      const { runUserList } = await import('./commands/user.ts');
      setExitCode(await runUserList({ json: options.json === true, ...(options.database === undefined ? {} : { database: options.database }) }, io));
    });

  const audit = program.command('audit').description('审计记录：校验哈希链、导出 the audit trail: verify the hash chain, export');
  audit
    .command('verify')
    .description(
      '校验审计记录的哈希链（每个机关一条链，另有一条全平台链），逐链列出条数和最后一条的“序号:哈希”，找出被改动、缺失或链接断开的记录 verify the hash chains (one per agency, one for the platform): altered, missing or unlinked entries (退出码 1 exit 1)',
    )
    .option('--agency <code>', '只校验该机关的链 only this agency\'s chain')
    .option('--platform', '只校验全平台链（登录、账户、节假日等全平台记录，以及分链前的全部记录） only the platform\'s chain')
    .option('--expect-count <n>', '所选链此前留存的条数，少于它说明末尾记录被删除；须与 --agency 或 --platform 同用 the selected chain\'s count kept earlier: fewer means the newest were deleted')
    .option('--anchor <seq:hash>', '所选链此前留存的某条记录的序号和哈希；须与 --agency 或 --platform 同用 an entry\'s seq and hash in the selected chain kept earlier, e.g. 120:ab12…')
    .option('--json', '输出 JSON（含各链的条数、最后序号和哈希） output JSON, per chain')
    .option('--database <url>', '数据库 database: SQLite 文件路径或 postgres:// 地址 (默认 DATABASE_URL)')
    .action(async (options: { agency?: string; platform?: boolean; expectCount?: string; anchor?: string; json?: boolean; database?: string }) => {
      const { runAuditVerify } = await import('./commands/audit.ts');
      setExitCode(await runAuditVerify({ ...options, json: options.json === true }, io));
    });
  audit
    .command('export')
    .description('导出审计记录（按时间从早到晚，含所属的链、序号和哈希）export the audit trail, oldest first, with chain, seq and hashes')
    .requiredOption('--out <file>', '输出文件 output file')
    .addOption(new Option('--format <format>', '格式 format: csv（Excel 可读 readable in Excel）| jsonl（每行一条 one entry per line）').choices(['csv', 'jsonl']).default('csv'))
    .option('--agency <code>', '只导出该机关的 only this agency\'s entries')
    .option('--from <date>', '起始日期（北京时间，含当日）from this day in China, YYYY-MM-DD')
    .option('--to <date>', '截止日期（北京时间，含当日）to this day in China, YYYY-MM-DD')
    .option('--database <url>', '数据库 database: SQLite 文件路径或 postgres:// 地址 (默认 DATABASE_URL)')
    .action(async (options: { out: string; format: 'csv' | 'jsonl'; agency?: string; from?: string; to?: string; database?: string }) => {
      const { runAuditExport } = await import('./commands/audit.ts');
      setExitCode(await runAuditExport(options, io));
    });

  const application = program
    .command('application')
    .alias('case')
    .description('依申请公开的申请：登记、查看、列表、登记办理事项 applications: receive, show, list, record events');
  const databaseOption = '数据库 database: SQLite 文件路径或 postgres:// 地址 (默认 DATABASE_URL)';

  application
    .command('receive')
    .description('登记一件申请（文件格式同 HTTP 接口）register an application from a JSON file (the HTTP body)')
    .requiredOption('--agency <code>', '机关代码 agency code')
    .requiredOption('--file <file>', '申请 JSON 文件 application JSON file')
    .option('--actor <user>', '登记人 who records it (默认当前登录名 default: the login name)')
    .option('--json', '输出 JSON output JSON')
    .option('--database <url>', databaseOption)
    .action(async (options: { agency: string; file: string; actor?: string; json?: boolean; database?: string }) => {
      const { runApplicationReceive } = await import('./commands/application-receive.ts');
      setExitCode(await runApplicationReceive({ ...options, json: options.json === true }, io));
    });

  application
    .command('show')
    .description('查看一件申请：答复期限及其计算说明、剩余工作日、办理记录 one case: due date explained, days left, history')
    .argument('<trackingNumber>', '申请编号 tracking number, e.g. DEMO-2025-000001')
    .option('--json', '输出 JSON output JSON')
    .option('--database <url>', databaseOption)
    .action(async (trackingNumber: string, options: { json?: boolean; database?: string }) => {
      const { runApplicationShow } = await import('./commands/application-show.ts');
      setExitCode(await runApplicationShow(trackingNumber, { ...options, json: options.json === true }, io));
    });

  application
    .command('list')
    .description('本机关的申请列表 an agency\'s applications (--due-soon 与 --overdue 同用时列出两者 both flags: either)')
    .requiredOption('--agency <code>', '机关代码 agency code')
    .option('--due-soon', '只列即将到期的（剩余5个工作日以内）due within 5 working days')
    .option('--overdue', '只列已超期的 overdue only')
    .addOption(new Option('--state <state>', '办理状态 state').choices(CASE_STATES))
    .option('--year <year>', '收到申请的年度 year of receipt')
    .option('--search <text>', '按申请编号或申请人姓名、名称的一部分查找 part of the tracking number or applicant name')
    .option('--limit <n>', '每页件数（默认100，最多1000）page size (default 100, at most 1000)')
    .option('--offset <n>', '从第几件之后开始（默认0）skip this many cases (default 0)')
    .option('--json', '输出 JSON output JSON')
    .option('--database <url>', databaseOption)
    .action(async (options: { agency: string; dueSoon?: boolean; overdue?: boolean; state?: CaseState; year?: string; search?: string; limit?: string; offset?: string; json?: boolean; database?: string }) => {
      const { runApplicationList } = await import('./commands/application-list.ts');
      setExitCode(await runApplicationList({ ...options, dueSoon: options.dueSoon === true, overdue: options.overdue === true, json: options.json === true }, io));
    });

  application
    .command('event')
    .description('登记一项办理事项（须带上所见的版本号）record one event of a case (with the version you saw)')
    .argument('<trackingNumber>', '申请编号 tracking number')
    .requiredOption('--file <file>', '办理事项 JSON 文件 event JSON file, e.g. {"kind":"correctionRequested",…}')
    .requiredOption('--expected-version <n>', '所见的版本号（application show 显示）the version shown by application show')
    .requiredOption('--actor <user>', '办理人 who records it')
    .option('--roles <roles>', '办理人的角色，逗号分隔 the actor\'s roles, comma-separated (延长期限须 leader 等审批角色 an extension needs an approving role)')
    .option('--json', '输出 JSON output JSON')
    .option('--database <url>', databaseOption)
    .action(async (trackingNumber: string, options: { file: string; expectedVersion: string; actor: string; roles?: string; json?: boolean; database?: string }) => {
      const { runApplicationEvent } = await import('./commands/application-event.ts');
      setExitCode(await runApplicationEvent(trackingNumber, { ...options, json: options.json === true }, io));
    });

  const importCommand = program.command('import').description('导入数据 import data');
  importCommand
    .command('records')
    .description('导入某机关的报告记录（先全部校验，全部成功才写入）import an agency\'s report records (all or nothing)')
    .argument('<file>', '记录导入文件 records import file (.json / .csv)')
    .requiredOption('--agency <code>', '机关代码 agency code, e.g. demo')
    .option('--dry-run', '只校验，不写入 validate only, write nothing')
    .option('--database <url>', '数据库 database (默认 DATABASE_URL)')
    .action(async (file: string, options: { agency: string; dryRun?: boolean; database?: string }) => {
      const { runImportRecords } = await import('./commands/import-records.ts');
      setExitCode(await runImportRecords(file, { agency: options.agency, dryRun: options.dryRun === true, database: options.database }, io));
    });
  withImportFileOptions(
    importCommand
      .command('publications')
      .description('导入已发布的主动公开信息（先逐行校验，全部通过才写入；缺索引号的按本机关规则生成）import published items (all or nothing)')
      .argument('<file>', '导入文件 .csv（UTF-8 或 GBK，首行为表头）或 .json import file'),
  )
    .action(async (file: string, options: ImportFileOptions) => {
      const { runImportPublications } = await import('./commands/import-publications.ts');
      setExitCode(await runImportPublications(file, { ...options, dryRun: options.dryRun === true, json: options.json === true }, io));
    });
  withImportFileOptions(
    importCommand
      .command('figures')
      .description('导入行政许可、处罚、强制决定数和行政事业性收费金额（按年度；全部通过才写入，文件中的年度覆盖原有数字）import yearly figures (all or nothing)')
      .argument('<file>', '导入文件 .csv: 年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）'),
  )
    .action(async (file: string, options: ImportFileOptions) => {
      const { runImportFigures } = await import('./commands/import-figures.ts');
      setExitCode(await runImportFigures(file, { ...options, dryRun: options.dryRun === true, json: options.json === true }, io));
    });

  return program;
}

function reportUsageError(error: CommanderError, io: CliIo): void {
  const chinese = USAGE_ERRORS[error.code] ?? '用法错误';
  const english = error.message.replace(/^error:\s*/, '');
  writeLine(io.stderr, `错误：${chinese}（${english}）`);
  writeLine(io.stderr, '运行 gongkai --help 查看用法。');
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code; never throws. */

interface ImportFileOptions {
  agency: string;
  dryRun?: boolean;
  actor?: string;
  json?: boolean;
  database?: string;
}

/** The options every all-or-nothing import of a file into one agency takes. */
function withImportFileOptions(command: Command): Command {
  return command
    .requiredOption('--agency <code>', '机关代码 agency code, e.g. demo')
    .option('--dry-run', '只校验，不写入 validate only, write nothing')
    .option('--actor <user>', '导入人 who imports (默认当前登录名 default: the login name)')
    .option('--json', '输出 JSON output JSON')
    .option('--database <url>', '数据库 database (默认 DATABASE_URL)');
}

export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  const verbose = argv.includes('--verbose');
  const withVerbose: CliIo = { ...io, verbose };
  let exitCode: ExitCode = EXIT_OK;
  const program = buildProgram(withVerbose, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version "exit" with 0; any other usage problem is bad usage, exit 2.
      if (error.exitCode === 0) return EXIT_OK;
      if (error.code !== 'commander.help') reportUsageError(error, io);
      return EXIT_BAD_INPUT;
    }
    if (isDomainError(error)) {
      writeLine(io.stderr, `错误：${error.userMessage}`);
      if (verbose) writeLine(io.stderr, `(${error.code}) ${error.message}`);
      return exitCodeForErrorCode(error.code);
    }
    writeLine(io.stderr, '错误：程序内部出错，请把命令和输入文件报告给维护者。');
    if (verbose) writeLine(io.stderr, error instanceof Error ? (error.stack ?? error.message) : String(error));
    else writeLine(io.stderr, '（加 --verbose 查看详情 add --verbose for details）');
    return EXIT_INTERNAL;
  }
}

// Run when executed directly (`tsx src/cli/main.ts migrate`, as `npm run db:migrate` does).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
