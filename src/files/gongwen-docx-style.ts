// The 党政机关公文 layout (GB/T 9704-2012) shared by every Word document Gongkai writes: A4,
// margins top 37 mm / bottom 35 mm / left 28 mm / right 26 mm, title in 方正小标宋简体 二号,
// body in 仿宋_GB2312 三号 on a ~28.9 pt line (22 lines a page), headings in 黑体, page numbers
// “— 1 —” in 四号宋体 outside the text block.
import { AlignmentType, Document, Footer, LineRuleType, PageNumber, Packer, Paragraph, TextRun } from 'docx';
import type { IFontAttributesProperties, Table } from 'docx';

const TWIPS_PER_MM = 1440 / 25.4;
export const mm = (value: number) => Math.round(value * TWIPS_PER_MM);

export const PAGE = { width: mm(210), height: mm(297), top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
export const DOCX_TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

/** Font sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt, 小五 9 pt. */
export const SIZE = { erhao: 44, sanhao: 32, sihao: 28, wuhao: 21, xiaowu: 18 } as const;
/** 版心 225 mm / 22 lines ≈ 28.9 pt. */
export const BODY_LINE = 578;
/** One 三号 character, in twips. */
export const CHARACTER = 16 * 20;
/** 首行缩进两字. */
export const INDENT_TWO_CHARS = 2 * CHARACTER;

const font = (eastAsia: string, latin = 'Times New Roman'): IFontAttributesProperties => ({ ascii: latin, hAnsi: latin, cs: latin, eastAsia });
export const FONTS = {
  title: font('方正小标宋简体'),
  heading: font('黑体'),
  body: font('仿宋_GB2312'),
  table: font('宋体'),
  pageNumber: font('宋体'),
};
export const LANGUAGE = { value: 'zh-CN', eastAsia: 'zh-CN' };

/** The title: centred, 二号 小标宋, by default one body line of space below. */
export function titleParagraph(title: string, spaceAfter = BODY_LINE): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: spaceAfter, line: 700, lineRule: LineRuleType.AT_LEAST },
    children: [new TextRun({ text: title, font: FONTS.title, size: SIZE.erhao, language: LANGUAGE })],
  });
}

/** A 三号 line of text; by default a body paragraph, justified with the first line indented two characters. */
export function bodyParagraph(
  text: string,
  options: { font?: IFontAttributesProperties; keepNext?: boolean; alignment?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: { firstLine?: number; right?: number } } = {},
): Paragraph {
  return new Paragraph({
    alignment: options.alignment ?? AlignmentType.JUSTIFIED,
    keepNext: options.keepNext ?? false,
    spacing: { before: 0, after: 0, line: BODY_LINE, lineRule: LineRuleType.EXACT },
    indent: options.indent ?? { firstLine: INDENT_TWO_CHARS },
    children: [new TextRun({ text, font: options.font ?? FONTS.body, size: SIZE.sanhao, language: LANGUAGE })],
  });
}

/** 公文 page numbers: odd pages right, even pages left, each one character in from the edge. */
function pageNumberFooter(side: 'right' | 'left'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: 280 } : { left: 280 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: FONTS.pageNumber, size: SIZE.sihao })],
      }),
    ],
  });
}

/** An A4 公文 document of one section, packed to DOCX bytes. */
export async function packGongwenDocx(title: string, children: (Paragraph | Table)[]): Promise<Uint8Array> {
  const document = new Document({
    title,
    creator: 'gongkai',
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FONTS.body, size: SIZE.sanhao, language: LANGUAGE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            // 页码 sits 7 mm below the text block (GB/T 9704 §7.5).
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: mm(15), footer: mm(22) },
          },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
