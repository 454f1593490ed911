import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZipEntry } from '../../test/read-zip-entry.ts';
import { createSampleReport } from '../domain/report/render/create-sample-report.ts';
import { renderReportDocx } from './render-report-docx.ts';

const report = createSampleReport();
let docx: Uint8Array;
let documentXml: string;

beforeAll(async () => {
  docx = await renderReportDocx(report);
  documentXml = readZipEntry(docx, 'word/document.xml');
});

/** The text of each w:t run, joined per paragraph. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}

describe('renderReportDocx', () => {
  it('holds the title, headings, prose, labels and values', () => {
    const texts = paragraphs(documentXml);
    expect(texts[0]).toBe('示例市交通运输局2024年政府信息公开工作年度报告');
    for (const text of [
      '一、总体情况',
      '六、其他需要报告的事项',
      '（一）主动公开。全年通过门户网站主动公开政府信息1200条，其中政策文件35件。',
      '下一步将加强培训，丰富解读形式，做到“应公开、尽公开”，并对“A&lt;B &amp; C”一类符号照原样显示。',
      '第二十条第（八）项',
      '本年收费金额（单位：万元）',
      '10.1234',
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
      '申请人情况',
      '法人或其他组织',
      '三、本年度办理结果',
      '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      '346',
      '未经复议直接起诉',
      '524',
    ]) {
      expect(texts, text).toContain(text);
    }
    // The blank 复议后起诉·尚未审结 leaves an empty paragraph between 522 and 524.
    const tail = texts.slice(texts.lastIndexOf('522'), texts.lastIndexOf('524') + 1);
    expect(tail).toEqual(['522', '', '524']);
  });

  it('lays out an A4 page with the GB/T 9704 margins and 公文 page numbers', () => {
    // 210 × 297 mm; margins 37 / 35 / 28 / 26 mm, in twips (mm × 1440 / 25.4, rounded).
    expect(documentXml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(documentXml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(readZipEntry(docx, 'word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const footers = [readZipEntry(docx, 'word/footer1.xml'), readZipEntry(docx, 'word/footer2.xml')];
    for (const footer of footers) {
      expect(footer).toContain('<w:t xml:space="preserve">— </w:t>');
      expect(footer).toContain('PAGE');
      expect(footer).toContain('<w:sz w:val="28"/>');
    }
    expect(footers.map((f) => /<w:jc w:val="(\w+)"\/>/.exec(f)?.[1]).sort()).toEqual(['left', 'right']);
  });

  it('sets the 公文 fonts for Chinese text and their sizes', () => {
    const runFonts = (text: string) => {
      const run = new RegExp(`<w:r>(?:(?!</w:r>).)*?<w:t(?: [^>]*)?>${text}</w:t>`, 's').exec(documentXml)?.[0] ?? '';
      return { eastAsia: /w:eastAsia="([^"]+)"/.exec(run)?.[1], size: /<w:sz w:val="(\d+)"\/>/.exec(run)?.[1] };
    };
    expect(runFonts('示例市交通运输局2024年政府信息公开工作年度报告')).toEqual({ eastAsia: '方正小标宋简体', size: '44' });
    expect(runFonts('一、总体情况')).toEqual({ eastAsia: '黑体', size: '32' });
    expect(runFonts('本年度未收取信息处理费。')).toEqual({ eastAsia: '仿宋_GB2312', size: '32' });
    expect(runFonts('申请人情况')).toEqual({ eastAsia: '宋体', size: '18' });
    expect(runFonts('行政许可')).toEqual({ eastAsia: '宋体', size: '21' });
    // Body paragraphs: first line indented two 三号 characters (640 twips), exact 28.9 pt lines.
    expect(documentXml).toContain('<w:spacing w:after="0" w:before="0" w:line="578" w:lineRule="exact"/><w:ind w:firstLine="640"/>');
  });

  it('keeps each section heading on the page of what follows it (no heading alone at a page foot)', () => {
    for (const heading of ['一、总体情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']) {
      const paragraph = new RegExp(`<w:p>(?:(?!</w:p>).)*?<w:t(?: [^>]*)?>${heading}</w:t>`, 's').exec(documentXml)?.[0] ?? '';
      expect(paragraph, heading).toContain('<w:keepNext/>');
    }
  });

  it('merges cells like the official tables and fits every table to the text width', () => {
    // Row spans: table 3 note, 自然人, 总计, 三、本年度办理结果, （三）（四）（五）（六）; table 4 the five 行政复议 results.
    expect(documentXml.match(/<w:vMerge w:val="restart"\/>/g)).toHaveLength(8 + 5);
    expect(documentXml).toContain('<w:gridSpan w:val="7"/>');
    expect(documentXml).toContain('<w:gridSpan w:val="10"/>');
    const grids = [...documentXml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((g) => [...g[1]!.matchAll(/w:w="(\d+)"/g)].map((w) => Number(w[1])));
    expect(grids.map((g) => g.length)).toEqual([4, 10, 15]);
    // 210 − 28 − 26 = 156 mm = 8845 twips.
    expect(grids.map((g) => g.reduce((a, b) => a + b, 0))).toEqual([8845, 8845, 8845]);
    expect(documentXml.match(/<w:tblLayout w:type="fixed"\/>/g)).toHaveLength(3);
  });
});

const soffice = spawnSync('which', ['soffice'], { encoding: 'utf8' }).stdout.trim();

describe.skipIf(soffice === '')('renderReportDocx through LibreOffice (needs soffice on PATH; skipped without it)', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'gongkai-docx-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('converts to a PDF whose text stays inside the A4 text block', { timeout: 90_000 }, async () => {
    const file = path.join(directory, 'report.docx');
    writeFileSync(file, docx);
    // A profile of our own, so a LibreOffice already running elsewhere does not take the job;
    // kept between runs because creating one takes LibreOffice several seconds.
    const profile = path.join(tmpdir(), 'gongkai-test-soffice-profile');
    execFileSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', directory, file], { stdio: 'ignore', timeout: 80_000 });
    const pdf = new Uint8Array(readFileSync(path.join(directory, 'report.pdf')));
    expect(pdf.length).toBeGreaterThan(1000);

    const document = await pdfjs.getDocument({ data: pdf, useSystemFonts: true, disableFontFace: true, isEvalSupported: false, verbosity: pdfjs.VerbosityLevel.ERRORS }).promise;
    const points = (millimetres: number) => (millimetres * 72) / 25.4;
    let text = '';
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const { width, height } = page.getViewport({ scale: 1 });
      expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        text += item.str;
        const x = item.transform[4] as number;
        // Text lies within the 156 mm text block (a point of slack for rounding). Page numbers sit
        // one character outside it, and LibreOffice lets a full stop hang into the margin.
        if (/^[—\d\s]+$/.test(item.str) && item.str.includes('—')) continue;
        if (/^[。，、；：”）]$/.test(item.str)) continue;
        expect(x, item.str).toBeGreaterThanOrEqual(points(28) - 1);
        expect(x + item.width, item.str).toBeLessThanOrEqual(width - points(26) + 1);
      }
    }
    await document.destroy();
    expect(text).toContain('申请人情况');
    expect(text).toContain('未经复议直接起诉');
  });
});
