// gongkai report compute --records FILE --year YYYY — build a report from records and check it.
import { computeAnnualReport } from '../../domain/report/compute/compute-annual-report.ts';
import { countBySeverity } from '../../domain/report/finding.ts';
import { lintAnnualReport } from '../../domain/report/lint/lint-annual-report.ts';
import { renderReportJson } from '../../domain/report/render/render-report-json.ts';
import type { ReportTemplateId } from '../../domain/report/report-templates.ts';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import { parseYearOption } from '../cli-options.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_ERROR_FINDINGS, EXIT_OK } from '../exit-codes.ts';
import { formatFindings } from '../format-findings.ts';
import { formatReportSummary } from '../format-report-summary.ts';
import { readRecordsFromPath } from '../read-input-file.ts';

export interface ReportComputeOptions {
  records: string;
  year: string;
  json: boolean;
  template: ReportTemplateId;
}

export async function runReportCompute(options: ReportComputeOptions, io: CliIo): Promise<ExitCode> {
  const year = parseYearOption(options.year);
  const records = await readRecordsFromPath(options.records, io.cwd);
  const report = computeAnnualReport(records, year);
  // Last year's report from the same records, so XY-CARRY checks the carried-in row too.
  const previous = computeAnnualReport(records, year - 1);
  const findings = lintAnnualReport(report, { template: options.template, previous });
  if (options.json) {
    const json: unknown = JSON.parse(renderReportJson(report));
    writeLine(io.stdout, JSON.stringify({ report: json, findings }, null, 2));
  } else {
    writeLine(io.stdout, formatReportSummary(report));
    writeLine(io.stdout);
    writeLine(io.stdout, '检查结果');
    writeLine(io.stdout, formatFindings(findings));
  }
  return countBySeverity(findings).errors > 0 ? EXIT_ERROR_FINDINGS : EXIT_OK;
}
