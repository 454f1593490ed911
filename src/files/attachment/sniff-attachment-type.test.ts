// Types from the bytes: real DOCX/XLSX written by the libraries, hand-made image headers, and
// files that must be refused whatever their name says.
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildZip } from '../../../test/build-zip.ts';
import { sniffAttachmentType, zipEntryNames } from './sniff-attachment-type.ts';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const text = (value: string): Uint8Array => new TextEncoder().encode(value);

describe('sniffAttachmentType', () => {
  it('knows a DOCX written by the docx package', async () => {
    const docx = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('关于印发某办法的通知')] }] })));
    expect(await sniffAttachmentType(docx)).toBe('docx');
  });

  it('knows an XLSX written by exceljs', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('表1').addRow(['项目', '金额']);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await sniffAttachmentType(xlsx)).toBe('xlsx');
  });

  it('knows a real PDF', async () => {
    expect(await sniffAttachmentType(new Uint8Array(readFileSync('/work/shared/fixtures/reports/2023-hongze-quzhengfu.pdf')))).toBe('pdf');
  });

  it.each([
    ['png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52)],
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0)],
    ['gif', text('GIF89a\x01\x00\x01\x00')],
    ['gif', text('GIF87a\x01\x00\x01\x00')],
    ['webp', text('RIFF\x24\x00\x00\x00WEBPVP8 ')],
  ])('knows a %s header', async (type, header) => {
    expect(await sniffAttachmentType(header)).toBe(type);
  });

  it.each([
    ['a Windows executable renamed .pdf', text('MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode.')],
    ['a legacy .doc (OLE compound file)', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0)],
    ['a plain zip', buildZip({ 'readme.txt': '说明', 'data/a.csv': 'a,b' })],
    ['an ODT (OpenDocument, no [Content_Types].xml)', buildZip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office:document-content/>' })],
    ['an OOXML package that is neither Word nor Excel (PowerPoint)', buildZip({ '[Content_Types].xml': '<Types/>', 'ppt/presentation.xml': '<p/>' })],
    ['a zip header with no central directory', text('PK\x03\x04 word/document.xml [Content_Types].xml')],
    ['a RIFF that is a WAV', text('RIFF\x24\x00\x00\x00WAVEfmt ')],
    ['HTML', text('<!DOCTYPE html><html><body>%PDF-</body></html>')],
    ['nothing', new Uint8Array(0)],
    ['two bytes', bytes(0xff, 0xd8)],
  ])('refuses %s', async (_name, input) => {
    expect(await sniffAttachmentType(input)).toBeUndefined();
  });

  it('reads a hand-made DOCX-shaped zip by its entries, whatever the order', async () => {
    expect(await sniffAttachmentType(buildZip({ 'word/document.xml': '<w:document/>', '[Content_Types].xml': '<Types/>' }))).toBe('docx');
    expect(await sniffAttachmentType(buildZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' }))).toBe('xlsx');
  });
});

describe('zipEntryNames', () => {
  it('lists the central directory and gives nothing for a directory that runs past the end', () => {
    const zip = buildZip({ 'a.txt': 'x', '目录/b.txt': 'y' });
    expect(zipEntryNames(zip)).toEqual(['a.txt', '目录/b.txt']);
    // Cut the last central entry short but keep an end record pointing into it.
    const broken = new Uint8Array(zip);
    const view = new DataView(broken.buffer);
    view.setUint32(broken.length - 22 + 16, broken.length - 30, true);
    expect(zipEntryNames(broken)).toEqual([]);
  });
});
