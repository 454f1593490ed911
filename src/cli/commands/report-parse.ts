// gongkai report parse FILE — show what the parser read from a published report.
import { countBySeverity } from '../../domain/report/finding.ts';
import { renderReportJson } from '../../domain/report/render/render-report-json.ts';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_ERROR_FINDINGS, EXIT_OK } from '../exit-codes.ts';
import { formatFindings } from '../format-findings.ts';
import { formatReportSummary } from '../format-report-summary.ts';
import { readReportFromPath } from '../read-report-from-path.ts';

export async function runReportParse(file: string, options: { json: boolean }, io: CliIo): Promise<ExitCode> {
  const parsed = await readReportFromPath(file, io.cwd);
  if (options.json) {
    const report: unknown = JSON.parse(renderReportJson(parsed.report));
    writeLine(io.stdout, JSON.stringify({ file, report, findings: parsed.findings }, null, 2));
  } else {
    writeLine(io.stdout, formatReportSummary(parsed.report));
    writeLine(io.stdout);
    writeLine(io.stdout, '解析问题');
    writeLine(io.stdout, formatFindings(parsed.findings));
  }
  return countBySeverity(parsed.findings).errors > 0 ? EXIT_ERROR_FINDINGS : EXIT_OK;
}
