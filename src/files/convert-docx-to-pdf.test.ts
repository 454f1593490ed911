import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSampleReport } from '../domain/report/render/create-sample-report.ts';
import { convertDocxToPdf, locateSoffice, PdfConverterMissingError } from './convert-docx-to-pdf.ts';
import { renderReportDocx } from './render-report-docx.ts';

const root = mkdtempSync(path.join(tmpdir(), 'gongkai-convert-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A stand-in for soffice: a shell script in a directory of its own. */
function fakeSoffice(name: string, script: string): string {
  const dir = path.join(root, name);
  mkdirSync(dir);
  const file = path.join(dir, 'soffice');
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('locateSoffice', () => {
  it('finds soffice on the PATH before the known places, and null when there is none', async () => {
    const fake = fakeSoffice('on-path', 'exit 0');
    expect(await locateSoffice(`/nonexistent:${path.dirname(fake)}`, ['/also/nonexistent/soffice'])).toBe(fake);
    expect(await locateSoffice('/nonexistent', ['/also/nonexistent/soffice'])).toBeNull();
  });
});

describe('convertDocxToPdf failures', () => {
  const docx = new Uint8Array([0x50, 0x4b, 3, 4]);

  it('says LibreOffice is missing when there is no soffice', async () => {
    await expect(convertDocxToPdf(docx, { soffice: null })).rejects.toBeInstanceOf(PdfConverterMissingError);
  });

  it('refuses a run that wrote no PDF (soffice exits 0 even then), and removes its directory', async () => {
    const work = path.join(root, 'work-empty');
    mkdirSync(work);
    const soffice = fakeSoffice('no-output', 'echo "no export filter" >&2; exit 0');
    await expect(convertDocxToPdf(docx, { soffice, workRoot: work })).rejects.toThrow(/produced no PDF \(exit 0\): no export filter/);
    expect(readdirSync(work)).toEqual([]);
  });

  it('kills a conversion that does not finish in time, and removes its directory', async () => {
    const work = path.join(root, 'work-slow');
    mkdirSync(work);
    const soffice = fakeSoffice('slow', 'sleep 30');
    const started = Date.now();
    await expect(convertDocxToPdf(docx, { soffice, workRoot: work, timeoutMs: 300 })).rejects.toThrow('soffice did not finish within 300 ms');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(readdirSync(work)).toEqual([]);
  });
});

const soffice = await locateSoffice(process.env.PATH);

describe.skipIf(soffice === null)('convertDocxToPdf with LibreOffice (skipped without soffice)', () => {
  it('turns the report DOCX into a PDF whose text holds the title and the headings', { timeout: 120_000 }, async () => {
    const work = path.join(root, 'work-real');
    mkdirSync(work);
    const pdf = await convertDocxToPdf(await renderReportDocx(createSampleReport()), { workRoot: work });
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const file = path.join(root, 'sample.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    // createSampleReport: 示例市交通运输局, 2024.
    expect(text).toContain('示例市交通运输局2024年政府信息公开工作年度报告');
    expect(text).toContain('三、收到和处理政府信息公开申请情况');
    // The profile and the input went with the temporary directory.
    expect(readdirSync(work)).toEqual([]);
  });
});
