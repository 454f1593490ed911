import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../domain/domain-error.ts';
import { docxToText } from './docx-to-text.ts';

async function docx(children: (Paragraph | Table)[]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

const cell = (...lines: string[]): TableCell => new TableCell({ children: lines.map((line) => new Paragraph(line)) });

describe('docxToText', () => {
  it('turns paragraphs into lines and table rows into tab-separated lines', async () => {
    const bytes = await docx([
      new Paragraph('某局2023年政府信息公开工作年度报告'),
      new Paragraph('二、主动公开政府信息情况'),
      new Table({
        rows: [
          new TableRow({ children: [new TableCell({ columnSpan: 4, children: [new Paragraph('第二十条第（一）项')] })] }),
          new TableRow({ children: [cell('信息内容'), cell('本年制发件数'), cell('本年废止件数'), cell('现行有效件数')] }),
          new TableRow({ children: [cell('规章'), cell('0'), cell('0'), cell('0')] }),
          new TableRow({ children: [cell('商业', '企业'), cell('3'), cell(''), cell('12')] }),
        ],
      }),
      new Paragraph('三、收到和处理政府信息公开申请情况'),
    ]);
    expect((await docxToText(bytes)).split('\n')).toEqual([
      '某局2023年政府信息公开工作年度报告',
      '二、主动公开政府信息情况',
      '第二十条第（一）项',
      '信息内容\t本年制发件数\t本年废止件数\t现行有效件数',
      '规章\t0\t0\t0',
      '商业 企业\t3\t\t12',
      '三、收到和处理政府信息公开申请情况',
    ]);
  });

  it('turns a damaged file into UNREADABLE_FILE with a Chinese message', async () => {
    const bytes = new TextEncoder().encode('PK\u0003\u0004 word/document.xml but not a zip');
    const error: unknown = await docxToText(bytes).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe('UNREADABLE_FILE');
    expect(isDomainError(error) && error.userMessage).toMatch(/Word/);
  });
});
