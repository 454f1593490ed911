// A filled notice (补正告知书, 答复书, …) as a Word document in the 公文 layout of
// gongwen-docx-style.ts: title centred, the 文号-like line under it, the 称谓 flush left, body
// paragraphs indented two characters, then the signature block of GB/T 9704-2012 §7.3.5.2.
import { AlignmentType } from 'docx';
import type { Paragraph } from 'docx';
import { DomainError } from '../domain/domain-error.ts';
import { formatChineseDate, isIsoDate } from '../domain/calendar/iso-date.ts';
import type { IsoDate } from '../domain/report/compute/report-records.ts';
import { CHARACTER, bodyParagraph, packGongwenDocx, titleParagraph } from './gongwen-docx-style.ts';

export interface NoticeToRender {
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly agencyName: string;
  readonly issuedOn: IsoDate;
  readonly documentNumber?: string | null;
  /** The 称谓 line, e.g. 张三：. */
  readonly addressee?: string | null;
}

/**
 * Width in 三号 characters: CJK and full-width forms one, Latin letters and digits about half,
 * plus the gap Word and LibreOffice put between CJK and Latin runs (measured 0.2 in LibreOffice).
 */
function widthInCharacters(text: string): number {
  let width = 0;
  let previousWide: boolean | null = null;
  for (const character of text) {
    const wide = character.charCodeAt(0) >= 0x2e80;
    width += wide ? 1 : 0.5;
    if (previousWide !== null && wide !== previousWide) width += 0.2;
    previousWide = wide;
  }
  return width;
}

/**
 * GB/T 9704 §7.3.5.2 (no seal): the agency name 右空二字; the date on the next line, its first
 * character two characters right of the name's first; a date longer than that keeps 右空二字
 * and pushes the name left. Returns the right indents in characters.
 */
export function signatureIndents(agencyName: string, date: string): { agencyName: number; date: number } {
  const name = widthInCharacters(agencyName);
  const dateWidth = widthInCharacters(date);
  // Name at 2: the date's right indent is 2 + name − date − 2.
  const dateIndent = name - dateWidth;
  return dateIndent >= 2 ? { agencyName: 2, date: dateIndent } : { agencyName: 2 + (2 - dateIndent), date: 2 };
}

export async function renderNoticeDocx(notice: NoticeToRender): Promise<Uint8Array> {
  if (!isIsoDate(notice.issuedOn)) {
    throw new DomainError('BAD_INPUT', `issuedOn ${notice.issuedOn} is not a date`, `落款日期“${notice.issuedOn}”不是有效日期（YYYY-MM-DD）。`, { field: 'issuedOn' });
  }
  if (notice.agencyName.trim() === '') {
    throw new DomainError('BAD_INPUT', 'agencyName is empty', '落款机关名称不能为空。', { field: 'agencyName' });
  }
  const date = formatChineseDate(notice.issuedOn);
  const indents = signatureIndents(notice.agencyName, date);
  const flushLeft = { firstLine: 0 };
  const children: Paragraph[] = [titleParagraph(notice.title, notice.documentNumber ? 0 : undefined)];
  if (notice.documentNumber) {
    children.push(bodyParagraph(notice.documentNumber, { alignment: AlignmentType.CENTER, indent: flushLeft }), bodyParagraph(''));
  }
  if (notice.addressee) children.push(bodyParagraph(notice.addressee, { alignment: AlignmentType.LEFT, indent: flushLeft }));
  // The signature stays on the page of the last lines of text (no page with the signature alone).
  const last = notice.paragraphs.length - 1;
  notice.paragraphs.forEach((text, index) => children.push(bodyParagraph(text, { keepNext: index === last })));
  children.push(
    bodyParagraph('', { keepNext: true }),
    bodyParagraph(notice.agencyName, { alignment: AlignmentType.RIGHT, indent: { firstLine: 0, right: Math.round(indents.agencyName * CHARACTER) }, keepNext: true }),
    bodyParagraph(date, { alignment: AlignmentType.RIGHT, indent: { firstLine: 0, right: Math.round(indents.date * CHARACTER) } }),
  );
  return packGongwenDocx(notice.title, children);
}
