// A Word (.docx) report -> the text layout parseAnnualReport reads, through mammoth's HTML
// (tables stay tables, so rows become tab-separated lines).
import mammoth from 'mammoth';
import { DomainError, isDomainError } from '../domain/domain-error.ts';
import { htmlToText } from './html-to-text.ts';

export async function docxToText(bytes: Uint8Array): Promise<string> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, { ignoreEmptyParagraphs: true, externalFileAccess: false });
    html = result.value;
  } catch (error) {
    if (isDomainError(error)) throw error;
    throw new DomainError('UNREADABLE_FILE', `mammoth could not read the DOCX: ${String(error instanceof Error ? error.message : error)}`, '无法读取这个 Word 文件，文件可能已损坏。请重新保存为 .docx 后再上传，或上传 PDF。');
  }
  return htmlToText(html);
}
