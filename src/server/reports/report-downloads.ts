// One report as a file, for the portal's downloads and the console's exports: the same bytes
// and the same Chinese file name (示范市示范局2025年政府信息公开工作年度报告.docx) for both.
import type { AnnualReport } from '../../domain/report/annual-report.ts';
import { renderReportHtml } from '../../domain/report/render/render-report-html.ts';
import { renderReportJson } from '../../domain/report/render/render-report-json.ts';
import { renderReportText } from '../../domain/report/render/render-report-text.ts';
import { reportTitle } from '../../domain/report/render/report-title.ts';
import { convertDocxToPdf } from '../../files/convert-docx-to-pdf.ts';
import { renderReportDocx } from '../../files/render-report-docx.ts';
import { renderReportXlsx } from '../../files/render-report-xlsx.ts';
import { contentDisposition } from './content-disposition.ts';

export const REPORT_FILE_FORMATS = {
  docx: { label: 'Word（.docx）', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { label: 'Excel（.xlsx）', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  pdf: { label: 'PDF', contentType: 'application/pdf' },
  html: { label: '网页（.html）', contentType: 'text/html; charset=utf-8' },
  txt: { label: '文本（.txt）', contentType: 'text/plain; charset=utf-8' },
  json: { label: 'JSON', contentType: 'application/json; charset=utf-8' },
} as const;
export type ReportFileFormat = keyof typeof REPORT_FILE_FORMATS;

export interface ReportFile {
  headers: Record<string, string>;
  body: string | Buffer;
}

/**
 * The file and its headers. pdf converts the DOCX with LibreOffice and throws
 * PdfConverterMissingError when it is not installed.
 */
export async function renderReportFile(report: AnnualReport, format: ReportFileFormat, agencyCode: string, year: number): Promise<ReportFile> {
  const headers = {
    'content-type': REPORT_FILE_FORMATS[format].contentType,
    'content-disposition': contentDisposition(`${reportTitle(report)}.${format}`, `${agencyCode}-${year}-annual-report.${format}`),
  };
  return { headers, body: await renderBody(report, format) };
}

async function renderBody(report: AnnualReport, format: ReportFileFormat): Promise<string | Buffer> {
  switch (format) {
    case 'docx':
      return Buffer.from(await renderReportDocx(report));
    case 'xlsx':
      return Buffer.from(await renderReportXlsx(report));
    case 'pdf':
      return Buffer.from(await convertDocxToPdf(await renderReportDocx(report)));
    case 'html':
      // A page that stands alone (style inlined), without the findings: what would be published.
      return renderReportHtml(report, { standalone: true, title: reportTitle(report) });
    case 'txt':
      return renderReportText(report);
    case 'json':
      return renderReportJson(report);
  }
}
