// The text of an attachment, for screening and search: PDF and DOCX through the report
// extractors, XLSX cell by cell, images none.
import ExcelJS from 'exceljs';
import { DomainError, isDomainError } from '../../domain/domain-error.ts';
import { docxToText } from '../docx-to-text.ts';
import { extractPdfText } from '../extract-pdf-text.ts';
import type { AttachmentType } from './sniff-attachment-type.ts';

/**
 * The attachment's text ('' for an image, and for a PDF without a text layer: a scan is a
 * legitimate attachment, it just gives the scanner nothing to read). A damaged file of a
 * known type throws DomainError UNREADABLE_FILE with a Chinese message.
 */
export async function extractAttachmentText(bytes: Uint8Array, type: AttachmentType): Promise<string> {
  switch (type) {
    case 'pdf':
      return extractPdf(bytes);
    case 'docx':
      return docxToText(bytes);
    case 'xlsx':
      return xlsxToText(bytes);
    case 'png':
    case 'jpeg':
    case 'gif':
    case 'webp':
      return '';
  }
}

async function extractPdf(bytes: Uint8Array): Promise<string> {
  try {
    return await extractPdfText(bytes);
  } catch (error) {
    // extractPdfText marks damaged and encrypted files with details.reason; a scan has none.
    if (isDomainError(error) && error.code === 'UNREADABLE_FILE' && error.details.reason === undefined) return '';
    throw error;
  }
}

/** Every sheet, row by row, the cells of a row separated by tabs; sheets separated by a blank line. */
async function xlsxToText(bytes: Uint8Array): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new DomainError(
      'UNREADABLE_FILE',
      `exceljs could not read the XLSX: ${error instanceof Error ? error.message : String(error)}`,
      '无法读取这个 Excel 文件，文件可能已损坏。请重新保存为 .xlsx 后再上传，或上传 PDF。',
    );
  }
  const sheets: string[] = [];
  for (const worksheet of workbook.worksheets) {
    const lines: string[] = [];
    worksheet.eachRow((row) => {
      const cells: string[] = [];
      // includeEmpty keeps the columns in place: B1 stays the second cell of its line.
      row.eachCell({ includeEmpty: true }, (cell) => {
        cells.push(cellText(cell).replace(/[\t\r\n]+/g, ' ').trim());
      });
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      if (cells.length > 0) lines.push(cells.join('\t'));
    });
    if (lines.length > 0) sheets.push(lines.join('\n'));
  }
  return sheets.join('\n\n');
}

function cellText(cell: ExcelJS.Cell): string {
  try {
    return cell.text;
  } catch {
    // A value exceljs cannot format (e.g. a broken rich text run): fall back to its raw form.
    return cell.value === null || cell.value === undefined ? '' : String(cell.value);
  }
}
