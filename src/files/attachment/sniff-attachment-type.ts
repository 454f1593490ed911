// What an uploaded attachment is, from its bytes, never from its name: PDF, DOCX, XLSX, PNG,
// JPEG, GIF, WebP. Anything else is refused.
import { DomainError } from '../../domain/domain-error.ts';

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

/** The type, or undefined for anything not on the list (a renamed .exe, a .doc, a zip). */
export async function sniffAttachmentType(bytes: Uint8Array): Promise<AttachmentType | undefined> {
  void bytes;
  throw new DomainError('BAD_INPUT', 'sniffAttachmentType: not built yet', '尚未实现');
}
