// The whole report as HTML: title, sections 一…六 with their prose, and the three tables
// in the official merged structure (domain.md §4). Findings mark their cells and are
// listed below the report. Pure string building; every text is escaped.
import type { AnnualReport } from '../annual-report.ts';
import type { Finding } from '../finding.ts';
import type { SectionOrdinal } from '../report-format.ts';
import type { GridCell, ReportTableGrid } from './report-table-grid.ts';
import { SECTIONS } from '../report-format.ts';
import { describeFindingLocation, TABLE_SECTIONS } from './describe-finding-location.ts';
import { REPORT_HTML_STYLE } from './report-html-style.ts';
import { buildReportTableGrids, gridCells, SINGLE_VALUE_COLUMN } from './report-table-grid.ts';
import { reportTitle } from './report-title.ts';
import { splitParagraphs } from './split-paragraphs.ts';

export interface RenderHtmlOptions {
  /** Findings to mark on their cells and list beside the tables. */
  findings?: readonly Finding[];
  /** A whole page (<!doctype html>… lang="zh-CN") or only the report <article>. */
  standalone?: boolean;
  title?: string;
}

const SEVERITY_LABELS = { error: '错误', warning: '警告' } as const;

const TABLE_CAPTIONS = { table2: '表二', table3: '表三', table4: '表四' } as const;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

interface NumberedFinding {
  number: number;
  finding: Finding;
  /** id of the element the finding marks, if any. */
  target: string | null;
}

export function renderReportHtml(report: AnnualReport, options: RenderHtmlOptions = {}): string {
  const title = options.title ?? reportTitle(report);
  const grids = buildReportTableGrids(report);
  const marks = placeFindings(grids, options.findings ?? []);

  const sections = SECTIONS.map((section) => {
    const headingId = `gk-heading-${section.code}`;
    const sectionMarks = marks.byElement.get(headingId) ?? [];
    const prose = splitParagraphs(report.text[section.code]).map((p) => `<p>${escapeHtml(p)}</p>`);
    const grid = grids.find((g) => g.section === section.ordinal);
    return [
      `<section class="gk-section" id="gk-section-${section.code}" data-section="${section.ordinal}" aria-labelledby="${headingId}">`,
      `<h2 class="${classes('gk-heading', sectionMarks)}" id="${headingId}"${ruleAttribute(sectionMarks)}>${escapeHtml(`${section.ordinal}、${section.heading}`)}${refs(sectionMarks)}</h2>`,
      ...prose,
      ...(grid ? [renderTable(grid, marks.byElement)] : []),
      '</section>',
    ].join('\n');
  });

  const article = [
    '<article class="gk-report" lang="zh-CN">',
    ...(options.standalone ? [] : [`<style>${REPORT_HTML_STYLE}</style>`]),
    `<header><h1 class="gk-title">${escapeHtml(title)}</h1></header>`,
    ...sections,
    ...(options.findings ? [renderFindingList(marks.numbered)] : []),
    '</article>',
  ].join('\n');

  if (!options.standalone) return article;
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    article,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// ------------------------------------------------------------------ findings

function cellId(grid: ReportTableGrid, cell: GridCell): string {
  if (cell.kind === 'data' && cell.location) return `gk-cell-${grid.table}-${cell.location.row}-${cell.location.column}`;
  return `gk-${grid.table}-h${cell.row}-${cell.column}`;
}

/**
 * A finding marks the data cell at (table,row,column); with no column, the row label;
 * with no row, the column headers; otherwise (or when nothing matches) its section heading.
 */
function placeFindings(grids: readonly ReportTableGrid[], findings: readonly Finding[]): { numbered: NumberedFinding[]; byElement: Map<string, NumberedFinding[]> } {
  const byElement = new Map<string, NumberedFinding[]>();
  const numbered = findings.map((finding, index) => {
    const targets = findTargets(grids, finding);
    const entry: NumberedFinding = { number: index + 1, finding, target: targets[0] ?? null };
    for (const id of targets) byElement.set(id, [...(byElement.get(id) ?? []), entry]);
    return entry;
  });
  return { numbered, byElement };
}

function findTargets(grids: readonly ReportTableGrid[], finding: Finding): string[] {
  const { table, row, column, section } = finding.location;
  const grid = table ? grids.find((g) => g.table === table) : undefined;
  if (grid) {
    const cells = gridCells(grid);
    if (row !== null && column !== null) {
      const cell = cells.find((c) => c.kind === 'data' && c.location?.row === row && (c.location.column === column || c.location.column === SINGLE_VALUE_COLUMN));
      if (cell) return [cellId(grid, cell)];
    }
    if (row !== null) {
      const label = cells.find((c) => c.kind !== 'data' && c.location?.row === row && c.location.column === null);
      if (label) return [cellId(grid, label)];
    }
    if (row === null && column !== null) {
      const headers = cells.filter((c) => c.kind !== 'data' && c.location?.row === null && c.location.column === column);
      if (headers.length > 0) return headers.map((c) => cellId(grid, c));
    }
  }
  const ordinal: SectionOrdinal | null = section ?? (table ? TABLE_SECTIONS[table] : null);
  const code = SECTIONS.find((s) => s.ordinal === ordinal)?.code;
  return code ? [`gk-heading-${code}`] : [];
}

function classes(base: string, marks: readonly NumberedFinding[]): string {
  if (marks.some((m) => m.finding.severity === 'error')) return `${base} has-error`;
  if (marks.length > 0) return `${base} has-warning`;
  return base;
}

function ruleAttribute(marks: readonly NumberedFinding[]): string {
  if (marks.length === 0) return '';
  return ` data-rule-ids="${escapeHtml([...new Set(marks.map((m) => m.finding.ruleId))].join(' '))}"`;
}

/** Numbered links to the list; the number is CSS-generated so the cell's text stays the value. */
function refs(marks: readonly NumberedFinding[]): string {
  return marks
    .map((m) => {
      const label = `问题${m.number}：${SEVERITY_LABELS[m.finding.severity]} ${m.finding.ruleId}`;
      return `<a class="gk-ref is-${m.finding.severity}" href="#gk-finding-${m.number}" data-n="${m.number}" aria-label="${escapeHtml(label)}"></a>`;
    })
    .join('');
}

function renderFindingList(numbered: readonly NumberedFinding[]): string {
  const items = numbered.map(({ number, finding, target }) => {
    const link = target ? ` <a href="#${target}">查看位置</a>` : '';
    return [
      `<li id="gk-finding-${number}" class="gk-finding is-${finding.severity}" data-rule-id="${escapeHtml(finding.ruleId)}">`,
      `<span class="gk-severity">${SEVERITY_LABELS[finding.severity]}</span>`,
      `<span class="gk-rule">${escapeHtml(finding.ruleId)}</span>`,
      `<span class="gk-message">${escapeHtml(finding.message)}</span>`,
      `<span class="gk-where">位置：${escapeHtml(describeFindingLocation(finding.location))}${link}</span>`,
      '</li>',
    ].join('');
  });
  const errors = numbered.filter((n) => n.finding.severity === 'error').length;
  const summary = numbered.length === 0 ? '<p>未发现问题。</p>' : `<p>共 ${numbered.length} 项：错误 ${errors} 项，警告 ${numbered.length - errors} 项。</p>`;
  return [
    '<aside class="gk-findings" aria-labelledby="gk-findings-heading">',
    '<h2 id="gk-findings-heading">检查发现的问题</h2>',
    summary,
    ...(items.length > 0 ? ['<ol>', ...items, '</ol>'] : []),
    '</aside>',
  ].join('\n');
}

// ------------------------------------------------------------------ tables

function renderTable(grid: ReportTableGrid, marks: Map<string, NumberedFinding[]>): string {
  const captionId = `gk-caption-${grid.table}`;
  const caption = `${TABLE_CAPTIONS[grid.table]}　${SECTIONS.find((s) => s.ordinal === grid.section)?.heading ?? ''}`;
  const groups = grid.groups.map((group, groupIndex) => {
    const tag = group.header ? 'thead' : 'tbody';
    const rows = group.rows.map((cells) => `<tr>${cells.map((cell) => renderCell(grid, groupIndex, cell, marks)).join('')}</tr>`);
    return `<${tag}>\n${rows.join('\n')}\n</${tag}>`;
  });
  return [
    `<div class="gk-table-scroll" role="region" aria-labelledby="${captionId}" tabindex="0">`,
    `<table class="gk-table gk-table-${grid.table}" data-table="${grid.table}" aria-labelledby="${captionId}">`,
    // Hidden, since the section heading above already shows it; aria-labelledby still names
    // the table and its region by it. A hidden caption is also left out when the page is
    // copied as text (and by htmlToText), so it does not leak into the section's prose.
    `<caption id="${captionId}" hidden>${escapeHtml(caption)}</caption>`,
    ...groups,
    '</table>',
    '</div>',
  ].join('\n');
}

function spanAttributes(cell: GridCell): string {
  return `${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ''}${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ''}`;
}

function locationAttributes(table: string, cell: GridCell): string {
  const row = cell.location?.row;
  const column = cell.location?.column;
  return ` data-table="${table}"${row ? ` data-row="${escapeHtml(row)}"` : ''}${column ? ` data-column="${escapeHtml(column)}"` : ''}`;
}

function renderCell(grid: ReportTableGrid, groupIndex: number, cell: GridCell, marks: Map<string, NumberedFinding[]>): string {
  const id = cellId(grid, cell);
  const cellMarks = marks.get(id) ?? [];
  const common = ` id="${id}"${spanAttributes(cell)}${locationAttributes(grid.table, cell)}${ruleAttribute(cellMarks)}`;
  const text = escapeHtml(cell.text) + refs(cellMarks);
  switch (cell.kind) {
    case 'caption':
      return `<th class="${classes('gk-caption-cell', cellMarks)}" scope="colgroup"${common}>${text}</th>`;
    case 'columnHeader':
      return `<th class="${classes('gk-column-header', cellMarks)}" scope="${cell.colSpan > 1 ? 'colgroup' : 'col'}"${common}>${text}</th>`;
    case 'rowHeader': {
      const narrow = cell.rowSpan > 1 && cell.column === 0 ? ' gk-narrow' : '';
      return `<th class="${classes(`gk-row-header${narrow}`, cellMarks)}" scope="${cell.rowSpan > 1 ? 'rowgroup' : 'row'}"${common}>${text}</th>`;
    }
    case 'note':
      return `<td class="gk-note"${common}>${text}</td>`;
    case 'data': {
      const blank = cell.text === '';
      const headers = headerIds(grid, groupIndex, cell);
      return `<td class="${classes(blank ? 'gk-value gk-blank' : 'gk-value', cellMarks)}"${common} headers="${headers}"${blank ? ' aria-label="未填写" title="未填写"' : ''}>${text}</td>`;
    }
  }
}

/** The th ids over a data cell's column (its own row group and the thead) and to its left on its rows. */
function headerIds(grid: ReportTableGrid, groupIndex: number, cell: GridCell): string {
  const ids: string[] = [];
  grid.groups.forEach((group, index) => {
    if (!group.header && index !== groupIndex) return;
    for (const h of group.rows.flat()) {
      if (h.kind === 'data' || h.kind === 'note') continue;
      const coversColumn = h.column <= cell.column && cell.column < h.column + h.colSpan;
      const coversRow = h.row <= cell.row && cell.row < h.row + h.rowSpan;
      const above = h.row < cell.row && coversColumn && h.kind !== 'rowHeader';
      const left = coversRow && h.column < cell.column && h.kind === 'rowHeader';
      if (above || left) ids.push(cellId(grid, h));
    }
  });
  return ids.join(' ');
}
