// readReportFile tells formats apart by their bytes, and turns what it cannot read into a
// DomainError with a Chinese message (never a library's raw exception).
import { readFileSync } from 'node:fs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { describe, expect, it } from 'vitest';
import type { DomainError } from '../domain/domain-error.ts';
import { isDomainError } from '../domain/domain-error.ts';
import { createEmptyReport } from '../domain/report/annual-report.ts';
import { renderReportJson } from '../domain/report/render/render-report-json.ts';
import { readReportFile } from './read-report-file.ts';
import { renderReportXlsx } from './render-report-xlsx.ts';

const FIXTURES = '/work/shared/fixtures/reports';
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(`${FIXTURES}/${name}`));

async function failure(name: string, bytes: Uint8Array): Promise<DomainError> {
  const error: unknown = await readReportFile({ name, bytes }).catch((e: unknown) => e);
  if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe('readReportFile: formats by content', () => {
  it('reads the 漯河 text report, whatever its name says', async () => {
    const parsed = await readReportFile({ name: 'report.pdf', bytes: fixture('2021-luohe-shangwuju.txt') });
    expect(parsed.source.format).toBe('txt');
    expect(parsed.report.table2.licensing).toBe(39);
    expect(parsed.report.agencyName).toBe('漯河市商务局');
  });

  it('reads GBK and UTF-16 text', async () => {
    // GBK bytes of “行政许可\t7” (d0d0 d5fe d0ed bfc9).
    const gbk = await readReportFile({ name: 'gbk.txt', bytes: new Uint8Array([0xd0, 0xd0, 0xd5, 0xfe, 0xd0, 0xed, 0xbf, 0xc9, 0x09, 0x37]) });
    expect(gbk.report.table2.licensing).toBe(7);
    const utf16 = await readReportFile({ name: 'u.txt', bytes: new Uint8Array([0xff, 0xfe, ...Buffer.from('行政处罚\t12', 'utf16le')]) });
    expect(utf16.report.table2.penalty).toBe(12);
  });

  it('reads a saved web page as HTML', async () => {
    const parsed = await readReportFile({ name: 'page.txt', bytes: fixture('2024-pingtan-ziranziyuan-shengtaihuanjingju.html') });
    expect(parsed.source.format).toBe('html');
    expect(parsed.report.table2.licensing).toBe(308);
  });

  it('reads a Word document', async () => {
    const row = (...cells: string[]) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) });
    const document = new Document({
      sections: [{ children: [new Paragraph('某局2023年政府信息公开工作年度报告'), new Table({ rows: [row('规章', '1', '0', '4'), row('行政许可', '25')] })] }],
    });
    const parsed = await readReportFile({ name: 'x.bin', bytes: new Uint8Array(await Packer.toBuffer(document)) });
    expect(parsed.source.format).toBe('docx');
    expect(parsed.report.table2.rules).toEqual({ issued: 1, repealed: 0, inForce: 4 });
    expect(parsed.report.table2.licensing).toBe(25);
    expect(parsed.report.year).toBe(2023);
  });

  it('reads this system’s JSON and XLSX exports into the model, with a source that has no text', async () => {
    const report = createEmptyReport(0, '某局', 2023);
    report.table2.licensing = 9;
    const json = await readReportFile({ name: 'r.json', bytes: new TextEncoder().encode(renderReportJson(report)) });
    expect(json.source.format).toBe('json');
    expect(json.report.table2.licensing).toBe(9);
    expect(json.source.sections).toEqual([]);
    const xlsx = await readReportFile({ name: 'r.xlsx', bytes: await renderReportXlsx(report) });
    expect(xlsx.source.format).toBe('xlsx');
    expect(xlsx.report.table2.licensing).toBe(9);
    expect(xlsx.findings).toEqual([]);
  });

  it('reads a PDF through the PDF extractor', async () => {
    const parsed = await readReportFile({ name: 'hz.pdf', bytes: fixture('2024-hongze-quzhengfu.pdf') });
    expect(parsed.source.format).toBe('pdf');
    expect(parsed.findings.map((f) => f.ruleId)).not.toContain('PARSE-NO-TABLE');
  });

  it('returns PARSE-NO-TABLE for a text without a table, rather than failing', async () => {
    const parsed = await readReportFile({ name: 'n.txt', bytes: new TextEncoder().encode('某局2023年政府信息公开工作年度报告\n一、总体情况\n无。') });
    expect(parsed.findings.map((f) => f.ruleId)).toEqual(['PARSE-NO-TABLE']);
  });
});

describe('readReportFile: files it cannot read', () => {
  it('rejects an empty file and whitespace', async () => {
    expect((await failure('e.txt', new Uint8Array())).code).toBe('UNREADABLE_FILE');
    expect((await failure('w.txt', new TextEncoder().encode(' \n\t \n'))).userMessage).toBe('文件中没有文字。');
  });

  it('rejects random bytes', async () => {
    let seed = 7;
    const bytes = new Uint8Array(4096).map(() => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed >> 16;
    });
    const error = await failure('r.bin', bytes);
    expect(error.code).toBe('UNREADABLE_FILE');
    expect(error.userMessage).toMatch(/无法识别|无法读取|无法从中读取/);
  });

  it('rejects an image, a zip that is neither Word nor Excel, and an old .doc', async () => {
    const png = await failure('p.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    expect(png.code).toBe('UNREADABLE_FILE');
    expect(png.userMessage).toContain('图片');
    const zip = await failure('z.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode('readme.txt hello')]));
    expect(zip.userMessage).toContain('压缩包');
    const doc = await failure('old.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(doc.userMessage).toContain('.docx');
  });

  it('wraps a library failure on a damaged PDF, DOCX or XLSX in UNREADABLE_FILE', async () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    for (const bytes of [encode('%PDF-1.7\nthis is not really a pdf'), encode('PK\u0003\u0004word/document.xml garbage'), encode('PK\u0003\u0004xl/workbook.xml garbage')]) {
      const error = await failure('broken', bytes);
      expect(error.code).toBe('UNREADABLE_FILE');
      expect(error.userMessage).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('rejects a file over 20 MB with TOO_LARGE', async () => {
    const error = await failure('big.txt', new Uint8Array(20 * 1024 * 1024 + 1));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.userMessage).toContain('20 MB');
  });
});
