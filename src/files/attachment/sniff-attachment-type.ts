// What an uploaded attachment is, from its bytes, never from its name: PDF, DOCX, XLSX, PNG,
// JPEG, GIF, WebP. Anything else is refused.

export const ATTACHMENT_TYPES = {
  pdf: { mediaType: 'application/pdf', extension: 'pdf', label: 'PDF 文件' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx', label: 'Word 文档（DOCX）' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx', label: 'Excel 表格（XLSX）' },
  png: { mediaType: 'image/png', extension: 'png', label: 'PNG 图片' },
  jpeg: { mediaType: 'image/jpeg', extension: 'jpg', label: 'JPEG 图片' },
  gif: { mediaType: 'image/gif', extension: 'gif', label: 'GIF 图片' },
  webp: { mediaType: 'image/webp', extension: 'webp', label: 'WebP 图片' },
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** 20 MB: well above a scanned 公文 of a few dozen pages. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((byte, i) => bytes[at + i] === byte);
}

function ascii(text: string): number[] {
  return [...text].map((ch) => ch.charCodeAt(0));
}

/** The type, or undefined for anything not on the list (a renamed .exe, a .doc, a zip). */
export async function sniffAttachmentType(bytes: Uint8Array): Promise<AttachmentType | undefined> {
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  // A local file header: an Office Open XML package is a ZIP; what is inside says which.
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = new Set(zipEntryNames(bytes));
    // ECMA-376 Part 2 (OPC): every package has [Content_Types].xml; ODF files have none.
    if (!names.has('[Content_Types].xml')) return undefined;
    if (names.has('word/document.xml')) return 'docx';
    if (names.has('xl/workbook.xml')) return 'xlsx';
  }
  // Legacy .doc/.xls (OLE compound file, D0 CF 11 E0), executables, plain zips: refused.
  return undefined;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
/** The end record is 22 bytes plus a comment of at most 65 535 bytes. */
const MAX_END_RECORD_DISTANCE = 22 + 0xffff;

/**
 * The names in a ZIP's central directory (APPNOTE.TXT §4.3.12, §4.3.16), or [] when the
 * directory is missing or runs past the end of the file. Every offset is bounds-checked:
 * these are untrusted bytes.
 */
export function zipEntryNames(zip: Uint8Array): string[] {
  if (zip.length < 22) return [];
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  const lowest = Math.max(0, zip.length - MAX_END_RECORD_DISTANCE);
  while (end >= lowest && view.getUint32(end, true) !== END_OF_CENTRAL_DIRECTORY) end -= 1;
  if (end < lowest) return [];
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < count; i += 1) {
    if (offset + 46 > zip.length || view.getUint32(offset, true) !== CENTRAL_DIRECTORY_ENTRY) return [];
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > zip.length) return [];
    names.push(decoder.decode(zip.subarray(offset + 46, offset + 46 + nameLength)));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
