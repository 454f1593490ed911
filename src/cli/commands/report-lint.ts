// gongkai report lint FILE|DIR… — check published reports against domain.md §7.
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { DomainError, isDomainError } from '../../domain/domain-error.ts';
import type { AnnualReport } from '../../domain/report/annual-report.ts';
import type { Finding } from '../../domain/report/finding.ts';
import { countBySeverity } from '../../domain/report/finding.ts';
import { lintAnnualReport } from '../../domain/report/lint/lint-annual-report.ts';
import type { ParsedReport } from '../../domain/report/parse/parsed-report.ts';
import type { ReportTemplateId } from '../../domain/report/report-templates.ts';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_BAD_INPUT, EXIT_ERROR_FINDINGS, EXIT_OK, exitCodeForErrorCode, worstExitCode } from '../exit-codes.ts';
import { formatFindings } from '../format-findings.ts';
import { readReportFromPath } from '../read-report-from-path.ts';
import { formatColumns } from '../text-layout.ts';

/** Extensions readReportFile understands; anything else in a folder is skipped with a note. */
export const REPORT_FILE_EXTENSIONS = ['.txt', '.html', '.htm', '.docx', '.pdf', '.json', '.xlsx'] as const;

export interface ReportLintOptions {
  json: boolean;
  template: ReportTemplateId;
  /** Last year's report, for the cross-year rules; only with a single file. */
  previous?: string;
}

interface LintedFile {
  file: string;
  parsed: ParsedReport | null;
  findings: Finding[];
  /** Set when the file could not be read at all. */
  failure: { exitCode: ExitCode; code: string; message: string; detail: string } | null;
}

function isReportFileName(name: string): boolean {
  return (REPORT_FILE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

/** Folders are read one level deep, in name order; files named explicitly are always tried. */
async function collectFiles(inputs: readonly string[], io: CliIo): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    let isDirectory = false;
    try {
      isDirectory = (await stat(resolve(io.cwd, input))).isDirectory();
    } catch {
      // A missing path is reported by the reader as 文件不存在.
    }
    if (!isDirectory) {
      files.push(input);
      continue;
    }
    const entries = await readdir(resolve(io.cwd, input), { withFileTypes: true });
    const names = entries.map((e) => e.name).sort();
    for (const name of names) {
      const entry = entries.find((e) => e.name === name);
      if (!entry?.isFile()) continue;
      if (isReportFileName(name)) files.push(join(input, name));
      else writeLine(io.stderr, `跳过 ${join(input, name)}（不是报告文件）`);
    }
  }
  return files;
}

async function readOne(file: string, io: CliIo): Promise<LintedFile> {
  try {
    const parsed = await readReportFromPath(file, io.cwd);
    return { file, parsed, findings: [], failure: null };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { file, parsed: null, findings: [], failure: { exitCode: exitCodeForErrorCode(error.code), code: error.code, message: error.userMessage, detail: error.message } };
  }
}

function normaliseAgencyName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

/**
 * Two titles name the same agency when equal, or when one ends with the other and the shorter
 * still names a place: 洪泽区人民政府 (2023) and 淮安市洪泽区人民政府 (2024) are one agency.
 */
export function isSameAgency(a: string, b: string): boolean {
  const [x, y] = [normaliseAgencyName(a), normaliseAgencyName(b)];
  if (x === y) return true;
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  return shorter.length >= 6 && longer.endsWith(shorter);
}

/** Same agency, year − 1: the report the cross-year rules compare with (domain.md §7 XY-*). */
function findPreviousYear(report: AnnualReport, all: readonly LintedFile[]): AnnualReport | undefined {
  const { agencyName, year } = report;
  if (agencyName === null || year === null) return undefined;
  return all.find((f) => f.parsed?.report.agencyName != null && isSameAgency(f.parsed.report.agencyName, agencyName) && f.parsed.report.year === year - 1)?.parsed?.report;
}

function printHuman(results: readonly LintedFile[], io: CliIo): void {
  const rows = [['文件', '机关', '年度', '错误', '警告']];
  for (const r of results) {
    if (r.parsed) {
      const { errors, warnings } = countBySeverity(r.findings);
      rows.push([basename(r.file), r.parsed.report.agencyName ?? '（未识别）', r.parsed.report.year?.toString() ?? '—', String(errors), String(warnings)]);
    } else {
      rows.push([basename(r.file), '（无法读取）', '—', '—', '—']);
    }
  }
  writeLine(io.stdout, formatColumns(rows, ['left', 'left', 'left', 'right', 'right']));
  for (const r of results) {
    writeLine(io.stdout);
    if (r.parsed) {
      const { agencyName, year } = r.parsed.report;
      writeLine(io.stdout, `== ${r.file}（${agencyName ?? '机关未识别'} ${year ?? '年度未识别'}）`);
      writeLine(io.stdout, formatFindings(r.findings));
    } else if (r.failure) {
      writeLine(io.stdout, `== ${r.file}`);
      writeLine(io.stdout, `  ${r.failure.message}`);
      if (io.verbose) writeLine(io.stdout, `  (${r.failure.code}) ${r.failure.detail}`);
    }
  }
}

function printJson(results: readonly LintedFile[], io: CliIo): void {
  for (const r of results) {
    const line = r.parsed
      ? { file: r.file, agencyName: r.parsed.report.agencyName, year: r.parsed.report.year, findings: r.findings }
      : { file: r.file, agencyName: null, year: null, findings: [], error: { code: r.failure?.code, message: r.failure?.message } };
    writeLine(io.stdout, JSON.stringify(line));
  }
}

export async function runReportLint(inputs: readonly string[], options: ReportLintOptions, io: CliIo): Promise<ExitCode> {
  const files = await collectFiles(inputs, io);
  if (files.length === 0) {
    throw new DomainError('BAD_INPUT', `no report files in ${inputs.join(', ')}`, `没有找到报告文件（支持 ${REPORT_FILE_EXTENSIONS.join(' ')}）：${inputs.join('、')}`);
  }
  if (options.previous !== undefined && files.length !== 1) {
    throw new DomainError('BAD_INPUT', '--previous needs exactly one report file', '--previous 只能和一个报告文件一起使用（文件夹中的多年报告会自动互相比对）');
  }
  const explicitPrevious = options.previous === undefined ? undefined : (await readReportFromPath(options.previous, io.cwd)).report;

  const bar = io.stderr.isTTY && files.length > 1 ? new cliProgress.SingleBar({ stream: io.stderr as NodeJS.WritableStream, format: '读取报告 [{bar}] {value}/{total} {file}', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic) : null;
  bar?.start(files.length, 0, { file: '' });
  const results: LintedFile[] = [];
  for (const file of files) {
    bar?.update(results.length, { file: basename(file) });
    results.push(await readOne(file, io));
  }
  bar?.update(files.length, { file: '' });
  bar?.stop();

  for (const r of results) {
    if (!r.parsed) continue;
    const previous = explicitPrevious ?? findPreviousYear(r.parsed.report, results);
    const lint = lintAnnualReport(r.parsed.report, { template: options.template, previous, source: r.parsed.source });
    r.findings = [...r.parsed.findings, ...lint];
  }

  if (options.json) printJson(results, io);
  else printHuman(results, io);

  return worstExitCode(results.map((r) => (r.failure ? (r.failure.exitCode === EXIT_OK ? EXIT_BAD_INPUT : r.failure.exitCode) : countBySeverity(r.findings).errors > 0 ? EXIT_ERROR_FINDINGS : EXIT_OK)));
}
