// gongkai report render — one report (computed from records, or read from a file) in another format.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DomainError } from '../../domain/domain-error.ts';
import type { AnnualReport } from '../../domain/report/annual-report.ts';
import { computeAnnualReport } from '../../domain/report/compute/compute-annual-report.ts';
import { renderReportHtml } from '../../domain/report/render/render-report-html.ts';
import { renderReportJson } from '../../domain/report/render/render-report-json.ts';
import { renderReportText } from '../../domain/report/render/render-report-text.ts';
import { renderReportDocx } from '../../files/render-report-docx.ts';
import { renderReportXlsx } from '../../files/render-report-xlsx.ts';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import { parseYearOption } from '../cli-options.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { readRecordsFromPath } from '../read-input-file.ts';

export const RENDER_FORMATS = ['html', 'docx', 'xlsx', 'txt', 'json'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

export interface ReportRenderOptions {
  records?: string;
  year?: string;
  from?: string;
  format: RenderFormat;
  out?: string;
}

async function loadReport(options: ReportRenderOptions, io: CliIo): Promise<AnnualReport> {
  if (options.from !== undefined && options.records === undefined) {
    if (options.year !== undefined) throw new DomainError('BAD_INPUT', '--year goes with --records, not --from', '--year 只能与 --records 一起使用');
    // Loaded on use: reading PDF/DOCX pulls in libraries that --records does not need.
    const { readReportFromPath } = await import('../read-report-from-path.ts');
    return (await readReportFromPath(options.from, io.cwd)).report;
  }
  if (options.records !== undefined && options.from === undefined) {
    if (options.year === undefined) throw new DomainError('BAD_INPUT', '--records needs --year', '使用 --records 时须用 --year 指定年度');
    const year = parseYearOption(options.year);
    return computeAnnualReport(await readRecordsFromPath(options.records, io.cwd), year);
  }
  throw new DomainError('BAD_INPUT', 'give either --records FILE --year YYYY or --from FILE', '请指定 --records 文件 --year 年度，或 --from 报告文件（二选一）');
}

/** Renders to text or bytes; the binary formats come from src/files (decision 0001). */
export async function renderReport(report: AnnualReport, format: RenderFormat): Promise<string | Uint8Array> {
  switch (format) {
    case 'html':
      return renderReportHtml(report, { standalone: true });
    case 'txt':
      return renderReportText(report);
    case 'json':
      return renderReportJson(report);
    case 'docx':
      return renderReportDocx(report);
    case 'xlsx':
      return renderReportXlsx(report);
  }
}

export async function runReportRender(options: ReportRenderOptions, io: CliIo): Promise<ExitCode> {
  const binary = options.format === 'docx' || options.format === 'xlsx';
  if (binary && options.out === undefined && io.stdout.isTTY) {
    throw new DomainError('BAD_INPUT', `refusing to write ${options.format} to a terminal`, `${options.format.toUpperCase()} 是二进制文件，不能输出到终端：请用 --out 指定文件，或重定向到文件`);
  }
  const report = await loadReport(options, io);
  const output = await renderReport(report, options.format);
  if (options.out === undefined) {
    io.stdout.write(typeof output === 'string' && !output.endsWith('\n') ? `${output}\n` : output);
    return EXIT_OK;
  }
  try {
    await writeFile(resolve(io.cwd, options.out), output);
  } catch (error) {
    throw new DomainError('BAD_INPUT', `cannot write ${options.out}: ${(error as Error).message}`, `无法写入文件：${options.out}`);
  }
  writeLine(io.stderr, `已写入 ${options.out}`);
  return EXIT_OK;
}
