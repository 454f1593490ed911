// Render a report, read it back, get the same report: for every format the renderers
// write. The sample report holds a different number in every cell and a few blanks, so a
// value read into the wrong cell, or a blank read as 0, shows up by path.
//
// Prose equality: two text fields are equal when their paragraphs are — each line NFKC-
// normalised and trimmed, blank lines dropped (splitParagraphs). Renderers print one
// paragraph per line and parsers normalise to NFKC, so only that much may change.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AnnualReport } from '../domain/report/annual-report.ts';
import { createEmptyReport } from '../domain/report/annual-report.ts';
import { parseAnnualReport } from '../domain/report/parse/parse-annual-report.ts';
import { createSampleReport } from '../domain/report/render/create-sample-report.ts';
import { renderReportHtml } from '../domain/report/render/render-report-html.ts';
import { parseReportJson, renderReportJson } from '../domain/report/render/render-report-json.ts';
import { renderReportText } from '../domain/report/render/render-report-text.ts';
import { splitParagraphs } from '../domain/report/render/split-paragraphs.ts';
import { TABLE3_ROWS } from '../domain/report/report-format.ts';
import { readReportXlsx, renderReportXlsx } from './render-report-xlsx.ts';
import { renderReportDocx } from './render-report-docx.ts';

const FIXTURES = new URL('../../../shared/fixtures/reports/', import.meta.url);

function normalizeProse(text: string): string {
  return splitParagraphs(text.normalize('NFKC')).join('\n');
}

/** Every leaf of a report as path → value, prose normalised. */
function leaves(value: unknown, path = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) for (const [p, v] of leaves(child, path ? `${path}.${key}` : key)) out.set(p, v);
  } else {
    out.set(path, path.startsWith('text.') && typeof value === 'string' ? normalizeProse(value) : value);
  }
  return out;
}

/** The paths where two reports differ, with both values: "table3.received.total: expected 106, got 0". */
function differences(expected: AnnualReport, actual: AnnualReport): string[] {
  const a = leaves(expected);
  const b = leaves(actual);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths.filter((p) => !Object.is(a.get(p), b.get(p))).map((p) => `${p}: expected ${JSON.stringify(a.get(p))}, got ${JSON.stringify(b.get(p))}`);
}

const report = createSampleReport();

describe('the sample report', () => {
  it('has a different value in every numeric cell, and some blanks', () => {
    const numbers = [...leaves(report).entries()].filter(([p, v]) => !p.startsWith('text.') && p !== 'year' && v !== null && typeof v !== 'string');
    // 6 + 3 (table 2, one blank) + 175 − 2 (table 3) + 15 − 1 (table 4)
    expect(numbers).toHaveLength(5 + 3 + 173 + 14);
    expect(new Set(numbers.map(([, v]) => v)).size).toBe(numbers.length);
    expect(numbers.every(([, v]) => v !== 0)).toBe(true);
    expect([...leaves(report).values()].filter((v) => v === null)).toHaveLength(4);
  });
});

describe('round trip without the parser', () => {
  it('JSON', () => {
    expect(differences(report, parseReportJson(renderReportJson(report)))).toEqual([]);
  });

  it('XLSX', async () => {
    expect(differences(report, await readReportXlsx(await renderReportXlsx(report)))).toEqual([]);
  });

  it('compares prose by paragraphs, and tells a swapped cell', () => {
    const spaced = createSampleReport();
    spaced.text.overview = `\n  ${report.text.overview.replace(/\n/g, '\n\n')}  \n`;
    expect(differences(report, spaced)).toEqual([]);
    const swapped = createSampleReport();
    swapped.table3.received.business = 102;
    swapped.table3.received.research_institution = 101;
    expect(differences(report, swapped)).toEqual([
      'table3.received.business: expected 101, got 102',
      'table3.received.research_institution: expected 102, got 101',
    ]);
  });
});

describe('the text layout is the 漯河 page layout', () => {
  it('has the same fields, empty in the same places, on every table line', () => {
    const fixture = readFileSync(new URL('2021-luohe-shangwuju.txt', FIXTURES), 'utf8');
    const luohe = createEmptyReport(0, '漯河市商务局', 2021);
    luohe.table2.licensing = 39;
    luohe.table2.administrativeFees = '162';
    const pattern = (text: string) =>
      text
        .split('\n')
        .filter((l) => l.includes('\t'))
        .map((l) => l.split('\t').map((f) => (f.trim() === '' ? '_' : /^\d+$/.test(f.trim()) ? f.trim() : 'L')).join(' '));
    const published = pattern(fixture);
    expect(published).toHaveLength(14 + 3 + TABLE3_ROWS.length + 4);
    expect(pattern(renderReportText(luohe))).toEqual(published);
  });
});

// Through the parser: the parser, htmlToText and docxToText are written by others.
describe('round trip through parseAnnualReport', () => {
  it('text', () => {
    const parsed = parseAnnualReport(renderReportText(report), 'txt');
    expect(differences(report, parsed.report)).toEqual([]);
  });

  it('HTML', async () => {
    const { htmlToText } = await import('./html-to-text.ts');
    const parsed = parseAnnualReport(await htmlToText(renderReportHtml(report, { standalone: true })), 'html');
    expect(differences(report, parsed.report)).toEqual([]);
  });

  it('DOCX', async () => {
    const { docxToText } = await import('./docx-to-text.ts');
    const parsed = parseAnnualReport(await docxToText(await renderReportDocx(report)), 'docx');
    expect(differences(report, parsed.report)).toEqual([]);
  });
});
