// The text of an attachment, for screening and search: PDF and DOCX through the report
// extractors, XLSX cell by cell, images none.
import { DomainError } from '../../domain/domain-error.ts';
import type { AttachmentType } from './sniff-attachment-type.ts';

export async function extractAttachmentText(bytes: Uint8Array, type: AttachmentType): Promise<string> {
  void bytes;
  void type;
  throw new DomainError('BAD_INPUT', 'extractAttachmentText: not built yet', '尚未实现');
}
