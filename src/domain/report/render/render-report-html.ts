import type { AnnualReport } from '../annual-report.ts';
import type { Finding } from '../finding.ts';

export interface RenderHtmlOptions {
  /** Findings to mark on their cells and list beside the tables. */
  findings?: readonly Finding[];
  /** A whole page (<!doctype html>… lang="zh-CN") or only the report <article>. */
  standalone?: boolean;
  title?: string;
}

export function renderReportHtml(_report: AnnualReport, _options: RenderHtmlOptions = {}): string {
  throw new Error('renderReportHtml is not written yet');
}
