import type { ReportRecords } from './report-records.ts';

/** Reads an import file of records (JSON or CSV); throws DomainError('BAD_INPUT') listing each bad row. */
export function parseReportRecords(_text: string, _format: 'json' | 'csv'): ReportRecords {
  throw new Error('parseReportRecords is not written yet');
}
