// A report file of any supported kind -> ParsedReport. The kind is read from the bytes, not
// the name: people rename files, and browsers send whatever type the name suggests.
import type { AnnualReport } from '../domain/report/annual-report.ts';
import type { ParsedReport } from '../domain/report/parse/parsed-report.ts';
import type { SourceFormat } from '../domain/report/report-source.ts';
import { DomainError, isDomainError } from '../domain/domain-error.ts';
import { parseAnnualReport } from '../domain/report/parse/parse-annual-report.ts';
import { parseReportJson } from '../domain/report/render/render-report-json.ts';
import { decodeText } from './decode-text.ts';
import { docxToText } from './docx-to-text.ts';
import { extractPdfText } from './extract-pdf-text.ts';
import { htmlToText } from './html-to-text.ts';
import { readReportXlsx } from './render-report-xlsx.ts';

export const MAX_REPORT_FILE_BYTES = 20 * 1024 * 1024;

const SUPPORTED = '支持的格式：PDF、Word（.docx）、Excel（.xlsx）、网页（.html）、文本（.txt）和本系统导出的 JSON。';

export async function readReportFile(input: { name: string; bytes: Uint8Array }): Promise<ParsedReport> {
  const { name, bytes } = input;
  if (bytes.length > MAX_REPORT_FILE_BYTES) {
    throw new DomainError('TOO_LARGE', `report file ${name} has ${bytes.length} bytes, over ${MAX_REPORT_FILE_BYTES}`, `文件“${name}”超过20 MB，无法读取。请上传年度报告本身（通常不到5 MB）。`, {
      name,
      bytes: bytes.length,
    });
  }
  if (bytes.length === 0) throw unreadable(name, 'empty file', '文件是空的。');
  const kind = sniffBinary(bytes);
  switch (kind) {
    case 'pdf':
      return parseAnnualReport(await guarded(name, 'PDF', () => extractPdfText(bytes)), 'pdf');
    case 'docx':
      return parseAnnualReport(await guarded(name, 'Word', () => docxToText(bytes)), 'docx');
    case 'xlsx':
      return fromModel(await guarded(name, 'Excel', () => readReportXlsx(bytes)), 'xlsx');
    case 'zip':
      throw unreadable(name, 'zip archive without a Word or Excel document', `这是一个压缩包，不是 Word 或 Excel 文件。${SUPPORTED}`);
    case 'doc':
      throw unreadable(name, 'legacy OLE (.doc/.xls) file', `这是旧版 Word/Excel 文件（.doc/.xls），暂不支持。请另存为 .docx、.xlsx 或 PDF 后再上传。`);
    case 'image':
      throw unreadable(name, 'image file', `这是一张图片，无法从中读取文字。请上传含文字的报告文件。${SUPPORTED}`);
    case 'binary':
      throw unreadable(name, 'binary file of unknown kind', `无法识别这个文件的格式。${SUPPORTED}`);
    case 'text':
      break;
  }
  const text = decodeText(bytes).replace(/^\ufeff/, '');
  if (text.trim() === '') throw unreadable(name, 'file has only whitespace', '文件中没有文字。');
  if (looksBinary(text)) throw unreadable(name, 'undecodable bytes', `文件内容无法识别为文字，可能已损坏或不是报告文件。${SUPPORTED}`);
  const start = text.trimStart();
  if (start.startsWith('{')) {
    let json: unknown = undefined;
    try {
      json = JSON.parse(start);
    } catch {
      // Not JSON after all: a text report may start with a brace.
    }
    if (json !== null && typeof json === 'object' && !Array.isArray(json)) return fromModel(await guarded(name, 'JSON', async () => parseReportJson(start)), 'json');
  }
  if (looksHtml(start)) return parseAnnualReport(await guarded(name, 'HTML', async () => htmlToText(text)), 'html');
  return parseAnnualReport(text, 'txt');
}

type BinaryKind = 'pdf' | 'docx' | 'xlsx' | 'zip' | 'doc' | 'image' | 'binary' | 'text';

function sniffBinary(bytes: Uint8Array): BinaryKind {
  const head = latin1(bytes.subarray(0, 1024));
  // %PDF may follow a few junk bytes (some servers prepend a BOM or whitespace).
  if (head.includes('%PDF-')) return 'pdf';
  if (head.startsWith('PK\u0003\u0004')) {
    // Entry names are stored uncompressed in the local headers and the central directory.
    if (containsAscii(bytes, 'word/document.xml')) return 'docx';
    if (containsAscii(bytes, 'xl/workbook.xml')) return 'xlsx';
    return 'zip';
  }
  if (head.startsWith('\u00d0\u00cf\u0011\u00e0')) return 'doc';
  if (head.startsWith('\u0089PNG') || head.startsWith('\u00ff\u00d8\u00ff') || head.startsWith('GIF8') || head.startsWith('BM') || (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP')) {
    return 'image';
  }
  if (head.startsWith('\u001f\u008b') || head.startsWith('Rar!') || head.startsWith('7z\u00bc\u00af')) return 'binary';
  return 'text';
}

function latin1(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

function containsAscii(bytes: Uint8Array, needle: string): boolean {
  const first = needle.charCodeAt(0);
  for (let i = bytes.indexOf(first); i >= 0 && i <= bytes.length - needle.length; i = bytes.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && bytes[i + j] === needle.charCodeAt(j)) j++;
    if (j === needle.length) return true;
  }
  return false;
}

/** Control characters and undecodable bytes: random bytes decoded as GB18030 are full of them. */
function looksBinary(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0xfffd || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c)) bad++;
  }
  return bad > Math.max(2, sample.length * 0.02);
}

function looksHtml(start: string): boolean {
  const head = start.slice(0, 2048).toLowerCase();
  return /^<(?:!doctype\s+html|html|head|body|meta|table|div|p|h[1-6]|title|!--)[\s>]/.test(head) || (head.startsWith('<') && /<(?:html|body|table|p)[\s>]/.test(head));
}

/** A report read straight into the model (JSON, XLSX): no printed text to check. */
function fromModel(report: AnnualReport, format: SourceFormat): ParsedReport {
  return { report, source: { format, title: null, fullText: '', sections: [], labels: [], feeHeader: null, statisticsYear: null }, findings: [] };
}

/** Runs a library reader; its own exceptions become DomainError with a Chinese message. */
async function guarded<T>(name: string, kind: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isDomainError(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new DomainError('UNREADABLE_FILE', `could not read ${kind} file ${name}: ${reason}`, `无法读取这个${kind}文件，文件可能已损坏或加了密码。请重新保存后再上传，或换用其他格式。`, { name });
  }
}

function unreadable(name: string, reason: string, userMessage: string): DomainError {
  return new DomainError('UNREADABLE_FILE', `cannot read report file ${name}: ${reason}`, userMessage, { name });
}
