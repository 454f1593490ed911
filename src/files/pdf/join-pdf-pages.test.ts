import { describe, expect, it } from 'vitest';
import type { LaidOutLine } from './layout-pdf-page.ts';
import { joinPdfPages } from './join-pdf-pages.ts';
import type { LaidOutPage } from './join-pdf-pages.ts';

// A4 page; prose 16 pt from x 74 to 518 (27 pt line pitch), like the 洪泽区 reports.
const SIZE = 16;

function prose(text: string, top: number, left = 74, right = 518): LaidOutLine {
  return { cells: [text], table: false, top, bottom: top + SIZE, left, right, size: SIZE };
}

function row(cells: string[], top: number): LaidOutLine {
  return { cells, table: true, top, bottom: top + 20, left: 75, right: 517, size: 10 };
}

const page = (...lines: LaidOutLine[]): LaidOutPage => ({ width: 595, height: 842, lines });

describe('joinPdfPages', () => {
  it('joins the lines of a paragraph and starts a new one at a first-line indent or after a short line', () => {
    const text = joinPdfPages([
      page(
        prose('一、总体情况', 100, 106, 202),
        prose('2023年，洪泽区人民政府坚持以习近平新时代中国特色社会', 127, 106),
        prose('主义思想为指导，全面贯彻落实《条例》相关规范要求。', 154, 74, 400),
        prose('（一）主动公开情况。主要通过政府门户网站主动公开政府', 181, 106),
        prose('文件、项目审批、通知公告等各类政府信息。', 208),
      ),
    ]);
    expect(text.split('\n')).toEqual([
      '一、总体情况',
      '2023年，洪泽区人民政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《条例》相关规范要求。',
      '（一）主动公开情况。主要通过政府门户网站主动公开政府文件、项目审批、通知公告等各类政府信息。',
    ]);
  });

  it('puts a space where a paragraph wraps between two Latin words', () => {
    expect(joinPdfPages([page(prose('电子邮箱：hzzwgk@126.com，联系电话0517', 100), prose('87222589', 127, 74, 150))])).toBe('电子邮箱：hzzwgk@126.com，联系电话0517 87222589');
  });

  it('keeps table rows as tab-separated lines and never joins them to prose', () => {
    const text = joinPdfPages([page(prose('二、主动公开政府信息情况', 100, 106, 300), row(['规章', '0', '0', '0'], 130), row(['行政规范性文件', '0', '5', '5'], 150), prose('继续加强对政府网站的日常维护监管，建立政府网站日常监测机', 200), prose('制。', 227, 74, 106))]);
    expect(text.split('\n')).toEqual(['二、主动公开政府信息情况', '规章\t0\t0\t0', '行政规范性文件\t0\t5\t5', '继续加强对政府网站的日常维护监管，建立政府网站日常监测机制。']);
  });

  it('drops page numbers in the page margins, and continues a paragraph across the page break', () => {
    const text = joinPdfPages([
      page(prose('三是继续加强业务指导培训。实行政府信息公开工作', 700), prose('- 4 -', 800, 115, 137)),
      page(prose('人员跟班学习制度，不断提高工作人员的业务水平。', 80, 74, 400), prose('六、其他需要报告的事项', 107, 108, 284), prose('5', 800, 290, 297)),
    ]);
    expect(text.split('\n')).toEqual(['三是继续加强业务指导培训。实行政府信息公开工作人员跟班学习制度，不断提高工作人员的业务水平。', '六、其他需要报告的事项']);
  });

  it('keeps a number that is part of the text, away from the margins', () => {
    expect(joinPdfPages([page(prose('21', 400, 300, 316))])).toBe('21');
  });

  it('drops a running header repeated at the top of most pages, and page footers like 第 1 页 共 3 页', () => {
    // Each page holds one indented paragraph, so the three paragraphs stay apart.
    const pages = [1, 2, 3].map((n) =>
      page(prose('洪泽区人民政府办公室', 30, 200, 360), prose(`（${n}）第${n}页的段落，首行缩进两个字，一直写到右边`, 100, 106), prose('距为止。', 127, 74, 138), prose(`第 ${n} 页 共 3 页`, 800, 250, 350)),
    );
    expect(joinPdfPages(pages).split('\n')).toEqual([1, 2, 3].map((n) => `（${n}）第${n}页的段落，首行缩进两个字，一直写到右边距为止。`));
  });
});
