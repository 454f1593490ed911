import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZipEntry } from '../../test/read-zip-entry.ts';
import { DomainError } from '../domain/domain-error.ts';
import type { FilledNotice } from '../domain/application/notices/notice-template.ts';
import { renderNoticeDocx, signatureIndents } from './render-notice-docx.ts';

/** A filled 补正告知书, written by hand. */
const notice: FilledNotice = {
  title: '政府信息公开申请补正告知书',
  documentNumber: '申请编号：DEMO-2024-000123',
  addressee: '张三：',
  paragraphs: [
    '本机关于2024年3月1日收到您提出的政府信息公开申请，申请获取“2023年度本市城区道路维修工程的招标文件及中标结果”。经审查，您的申请内容不明确，本机关无法确定您所申请公开的政府信息。根据《中华人民共和国政府信息公开条例》第三十条的规定，请您对下列事项作出补正：',
    '1.请写明所需信息涉及的道路名称或者工程项目名称',
    '2.请写明所需信息的形成时间范围',
    '请您于2024年3月22日前（含当日）向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
    '特此告知。',
    '联系人及联系电话：李四，0371-12345678',
  ],
  agencyName: '示例市交通运输局',
  issuedOn: '2024-03-05',
};

let docx: Uint8Array;
let documentXml: string;

beforeAll(async () => {
  docx = await renderNoticeDocx(notice);
  documentXml = readZipEntry(docx, 'word/document.xml');
});

/** Each paragraph's XML and its text. */
function paragraphs(xml: string): { xml: string; text: string }[] {
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((p) => ({ xml: p[0], text: [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('') }));
}

describe('signatureIndents (GB/T 9704 §7.3.5.2)', () => {
  it('puts the date two characters right of the agency name, keeping both at least 右空二字', () => {
    // 示例市交通运输局: 8 characters. 2024年3月5日: 3 CJK + 6 digits × ½ + 5 CJK/digit gaps × 0.2 = 7.
    // The name at 2 would put the date at 8 − 7 = 1 < 2, so the date keeps 2 and the name moves to 3.
    const short = signatureIndents('示例市交通运输局', '2024年3月5日');
    expect(short.agencyName).toBeCloseTo(3);
    expect(short.date).toBeCloseTo(2);
    // 18 characters: the name at 2, the date at 18 − 7 = 11 from the right.
    const long = signatureIndents('示例省示例市交通运输综合行政执法支队', '2024年3月5日');
    expect(long.agencyName).toBeCloseTo(2);
    expect(long.date).toBeCloseTo(11);
  });
});

describe('renderNoticeDocx', () => {
  it('holds title, number, addressee, body and signature in order', () => {
    const texts = paragraphs(documentXml)
      .map((p) => p.text)
      .filter((t) => t !== '');
    expect(texts).toEqual([notice.title, notice.documentNumber, notice.addressee, ...notice.paragraphs, '示例市交通运输局', '2024年3月5日']);
  });

  it('sets the 公文 fonts, indents and alignments', () => {
    const byText = new Map(paragraphs(documentXml).map((p) => [p.text, p.xml]));
    const title = byText.get('政府信息公开申请补正告知书')!;
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(title).toContain('<w:jc w:val="center"/>');
    const body = byText.get('特此告知。')!;
    expect(body).toContain('w:eastAsia="仿宋_GB2312"');
    expect(body).toContain('<w:sz w:val="32"/>');
    // 首行缩进两字: 2 × 16 pt = 640 twips, on an exact 28.9 pt line.
    expect(body).toContain('<w:spacing w:after="0" w:before="0" w:line="578" w:lineRule="exact"/><w:ind w:firstLine="640"/>');
    expect(byText.get('张三：')).toContain('<w:ind w:firstLine="0"/>');
    expect(byText.get('申请编号：DEMO-2024-000123')).toContain('<w:jc w:val="center"/>');
    // Right indents 3 and 2 characters of 320 twips (see signatureIndents above).
    for (const [text, right] of [['示例市交通运输局', 960], ['2024年3月5日', 640]] as const) {
      expect(byText.get(text)).toContain('<w:jc w:val="right"/>');
      expect(byText.get(text)).toContain(`<w:ind w:right="${right}" w:firstLine="0"/>`);
    }
  });

  it('lays out A4 with the GB/T 9704 margins and a page number footer', () => {
    expect(documentXml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(documentXml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    const footer = readZipEntry(docx, 'word/footer1.xml');
    expect(footer).toContain('PAGE');
    expect(footer).toContain('<w:t xml:space="preserve">— </w:t>');
  });

  it('refuses a signature date that is not a date', async () => {
    await expect(renderNoticeDocx({ ...notice, issuedOn: '2024年3月5日' })).rejects.toThrow(DomainError);
  });
});

const soffice = spawnSync('which', ['soffice'], { encoding: 'utf8' }).stdout.trim();

describe.skipIf(soffice === '')('renderNoticeDocx through LibreOffice (needs soffice on PATH; skipped without it)', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'gongkai-notice-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('converts to one A4 page, the date two characters right of the agency name', { timeout: 90_000 }, async () => {
    const file = path.join(directory, 'notice.docx');
    writeFileSync(file, docx);
    // The same private profile as render-report-docx.test.ts (creating one takes seconds).
    const profile = path.join(tmpdir(), 'gongkai-test-soffice-profile');
    execFileSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', directory, file], { stdio: 'ignore', timeout: 80_000 });
    const pdf = new Uint8Array(readFileSync(path.join(directory, 'notice.pdf')));
    const document = await pdfjs.getDocument({ data: pdf, useSystemFonts: true, disableFontFace: true, isEvalSupported: false, verbosity: pdfjs.VerbosityLevel.ERRORS }).promise;
    expect(document.numPages).toBe(1);
    const page = await document.getPage(1);
    const { width, height } = page.getViewport({ scale: 1 });
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    const items = (await page.getTextContent()).items.flatMap((item) => ('str' in item && item.str.trim() !== '' ? [item] : []));
    const text = items.map((item) => item.str).join('');
    expect(text).toContain('政府信息公开申请补正告知书');
    expect(text).toContain('2.请写明所需信息的形成时间范围');
    const agency = items.find((item) => item.str.startsWith('示例市交通运输局'))!;
    const date = items.find((item) => item.str.startsWith('2024') && item.transform[5] < agency.transform[5])!;
    // One 三号 character is 16 pt; the date sits below the name, starting 2 characters further right.
    expect((date.transform[4] as number) - (agency.transform[4] as number)).toBeGreaterThan(32 - 3);
    expect((date.transform[4] as number) - (agency.transform[4] as number)).toBeLessThan(32 + 3);
    // 右空二字 for the date: its right edge is 2 characters inside the 26 mm right margin.
    const textRight = width - (26 * 72) / 25.4;
    const dateEnd = Math.max(...items.filter((item) => item.transform[5] === date.transform[5]).map((item) => (item.transform[4] as number) + item.width));
    expect(textRight - dateEnd).toBeGreaterThan(32 - 3);
    expect(textRight - dateEnd).toBeLessThan(32 + 3);
    await document.destroy();
  });
});
