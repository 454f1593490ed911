// Attachment text: a DOCX and an XLSX built here (their text is what we wrote), a published
// PDF whose lines were read by hand, images, and damaged files inside valid-looking containers.
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../domain/domain-error.ts';
import { extractAttachmentText } from './extract-attachment-text.ts';
import { sniffAttachmentType } from './sniff-attachment-type.ts';
import { buildZip } from '../../../test/build-zip.ts';

async function failure(promise: Promise<unknown>): Promise<{ code: string; userMessage: string }> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return { code: error.code, userMessage: error.userMessage };
}

describe('extractAttachmentText', () => {
  it('reads a DOCX: paragraphs as lines, table rows as tab-separated lines', async () => {
    const cell = (value: string) => new TableCell({ children: [new Paragraph(value)] });
    const docx = new Uint8Array(
      await Packer.toBuffer(
        new Document({
          sections: [
            {
              children: [
                new Paragraph('示范市示范局关于公布收费项目的通知'),
                new Table({ rows: [new TableRow({ children: [cell('项目'), cell('标准')] }), new TableRow({ children: [cell('工本费'), cell('10元')] })] }),
              ],
            },
          ],
        }),
      ),
    );
    expect(await extractAttachmentText(docx, 'docx')).toBe('示范市示范局关于公布收费项目的通知\n项目\t标准\n工本费\t10元');
  });

  it('reads an XLSX: every sheet, row by row, cells separated by tabs, empty cells kept in place', async () => {
    const workbook = new ExcelJS.Workbook();
    const first = workbook.addWorksheet('收费');
    first.addRow(['项目', '金额（万元）']);
    first.addRow(['工本费', 1.5]);
    first.getCell('A4').value = '合计';
    first.getCell('C4').value = '见附注';
    const second = workbook.addWorksheet('附注');
    second.addRow(['联系人：张三 13800138000']);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await extractAttachmentText(xlsx, 'xlsx')).toBe('项目\t金额（万元）\n工本费\t1.5\n合计\t\t见附注\n\n联系人：张三 13800138000');
  });

  it('reads a published PDF through the report extractor', async () => {
    const pdf = new Uint8Array(readFileSync('/work/shared/fixtures/reports/2024-hongze-quzhengfu.pdf'));
    const lines = (await extractAttachmentText(pdf, 'pdf')).split('\n');
    // Read by hand from the PDF: the two title lines and two rows of table 二.
    expect(lines.slice(0, 2)).toEqual(['淮安市洪泽区人民政府', '2024年政府信息公开工作年度报告']);
    expect(lines).toContain('行政规范性文件\t3\t0\t8');
    expect(lines).toContain('行政许可\t9487');
  });

  it('gives no text for a PDF without a text layer (a scan), rather than refusing it', async () => {
    const pdf = new TextEncoder().encode(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 100 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
    expect(await extractAttachmentText(pdf, 'pdf')).toBe('');
  });

  it('gives no text for images', async () => {
    expect(await extractAttachmentText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'png')).toBe('');
    expect(await extractAttachmentText(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'jpeg')).toBe('');
  });

  it('refuses garbage inside a valid-looking container with UNREADABLE_FILE in Chinese', async () => {
    const fakeDocx = buildZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': 'not xml at all <<<' });
    expect(await sniffAttachmentType(fakeDocx)).toBe('docx');
    const docx = await failure(extractAttachmentText(fakeDocx, 'docx'));
    expect(docx.code).toBe('UNREADABLE_FILE');
    expect(docx.userMessage).toMatch(/Word 文件/);

    const fakeXlsx = buildZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '\u0000\u0001 garbage' });
    expect(await sniffAttachmentType(fakeXlsx)).toBe('xlsx');
    const xlsx = await failure(extractAttachmentText(fakeXlsx, 'xlsx'));
    expect(xlsx.code).toBe('UNREADABLE_FILE');
    expect(xlsx.userMessage).toMatch(/Excel 文件/);

    const fakePdf = new TextEncoder().encode('%PDF-1.7\n this is not a PDF body');
    expect(await sniffAttachmentType(fakePdf)).toBe('pdf');
    const pdf = await failure(extractAttachmentText(fakePdf, 'pdf'));
    expect(pdf.code).toBe('UNREADABLE_FILE');
    expect(pdf.userMessage).toMatch(/PDF/);
  });
});
