// The report pages, downloads, JSON API and checker on the real app over real SQLite with the demo
// data (its 2024 and 2025 reports are loaded published; the portal shows nothing else).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import type { DatabaseConnection } from '../db/connect-database.ts';
import { connectDatabase } from '../db/connect-database.ts';
import { migrateToLatest } from '../db/migrate-to-latest.ts';
import { loadDemoData } from '../demo/load-demo-data.ts';
import { locateSoffice } from '../../files/convert-docx-to-pdf.ts';
import { encodeRfc5987 } from './content-disposition.ts';

const hasSoffice = (await locateSoffice(process.env.PATH)) !== null;

const LUOHE = '/work/shared/fixtures/reports/2021-luohe-shangwuju.txt';
const DEMO_TITLE_2025 = '示范市示范局2025年政府信息公开工作年度报告';
const TABLE3_COLUMNS = ['natural_person', 'business', 'research_institution', 'public_interest_org', 'legal_service_org', 'other_org', 'total'];

interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  contentType?: string;
}

/** A multipart/form-data body as a browser sends it. */
function multipart(parts: readonly Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----gongkaiTestBoundary7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    const type = part.filename === undefined ? '' : `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`), Buffer.from(part.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let connection: DatabaseConnection;
let app: FastifyInstance;
let luohe: Buffer;

beforeAll(async () => {
  connection = await connectDatabase(':memory:');
  await migrateToLatest(connection.db);
  await loadDemoData(connection.db);
  app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: connection.db });
  luohe = await readFile(LUOHE);
});

afterAll(async () => {
  await app.close();
  await connection.close();
});

describe('home page', () => {
  it('names the demo agency, links its reports by year and the checker', async () => {
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.body).toContain('示范市示范局');
    // The platform home lists the agencies; each agency's portal lists its published reports.
    expect(res.body).toContain('href="/demo/"');
    expect(res.body).toContain('href="/tools/lint"');
    expect(res.body).toContain('href="/console/"');
    const reports = await app.inject({ url: '/demo/reports', headers: { accept: 'text/html' } });
    expect(reports.body).toContain('href="/demo/reports/2025"');
    expect(reports.body).toContain('href="/demo/reports/2024"');
  });
});

describe('report page and downloads', () => {
  it('renders the 2025 report with its tables and download links', async () => {
    const res = await app.inject({ url: '/reports/demo/2025' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.body).toContain(DEMO_TITLE_2025);
    expect(res.body.match(/<table/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    expect(res.body).toContain('本年新收政府信息公开申请数量');
    for (const format of ['docx', 'xlsx', 'pdf', 'txt', 'json']) expect(res.body).toContain(`href="/reports/demo/2025.${format}"`);
  });

  it('serves only published years: the demo has none for 2023', async () => {
    const page = await app.inject({ url: '/reports/demo/2023', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('该年度报告尚未发布');
    expect((await app.inject({ url: '/reports/demo/2023.json' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/agencies/demo/reports/2023' })).json()).toEqual({ error: 'NOT_FOUND', message: '该年度报告尚未发布' });
    expect((await app.inject({ url: '/' })).body).not.toContain('href="/reports/demo/2023"');
  });

  it.skipIf(!hasSoffice)('.pdf is the published report converted by LibreOffice; its text holds the title', { timeout: 120_000 }, async () => {
    const res = await app.inject({ url: '/reports/demo/2025.pdf' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeRfc5987(`${DEMO_TITLE_2025}.pdf`)}`);
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-pdftext-'));
    try {
      writeFileSync(path.join(dir, 'r.pdf'), res.rawPayload);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text).toContain(DEMO_TITLE_2025);
      expect(text).toContain('一、本年新收政府信息公开申请数量');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ])('.%s is a ZIP package with the right type and a UTF-8 file name', async (format, type) => {
    const res = await app.inject({ url: `/reports/demo/2025.${format}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeRfc5987(`${DEMO_TITLE_2025}.${format}`)}`);
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('.json parses and carries the schema version', async () => {
    const res = await app.inject({ url: '/reports/demo/2025.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const json = JSON.parse(res.body) as { schemaVersion: number; agencyName: string; year: number };
    expect(json.schemaVersion).toBe(1);
    expect(json.agencyName).toBe('示范市示范局');
    expect(json.year).toBe(2025);
  });

  it('.txt is UTF-8 text with the table labels', async () => {
    const res = await app.inject({ url: '/reports/demo/2025.txt' });
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body).toContain('一、本年新收政府信息公开申请数量');
  });

  it('refuses a year outside 2019–2100 with 400 and a Chinese message', async () => {
    const res = await app.inject({ url: '/reports/demo/1999', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('2019 至 2100');
  });

  it('answers 404 for an unknown agency', async () => {
    const res = await app.inject({ url: '/reports/nobody/2025', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('nobody');
  });
});

describe('GET /api/agencies/:agencyCode/reports/:year', () => {
  it('carries 2024’s carried-over applications into 2025, column by column', async () => {
    const y2024 = (await app.inject({ url: '/api/agencies/demo/reports/2024' })).json<{ report: { table3: Record<string, Record<string, number>> } }>();
    const res = await app.inject({ url: '/api/agencies/demo/reports/2025' });
    expect(res.statusCode).toBe(200);
    const y2025 = res.json<{ report: { schemaVersion: number; table3: Record<string, Record<string, number>> }; findings: unknown[] }>();
    expect(y2025.report.schemaVersion).toBe(1);
    expect(Array.isArray(y2025.findings)).toBe(true);
    const carriedOver2024 = y2024.report.table3.carriedOver;
    const carriedIn2025 = y2025.report.table3.carriedIn;
    // The demo data carries cases over, so the check compares real numbers, not zeros.
    expect(carriedOver2024?.total).toBeGreaterThan(0);
    for (const column of TABLE3_COLUMNS) expect(carriedIn2025?.[column]).toBe(carriedOver2024?.[column]);
  });

  it('answers 400 with a Chinese message for a bad year and 404 for an unknown agency', async () => {
    const bad = await app.inject({ url: '/api/agencies/demo/reports/20x5' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toContain('年度');
    expect((await app.inject({ url: '/api/agencies/nobody/reports/2025' })).statusCode).toBe(404);
  });
});

describe('/tools/lint', () => {
  it('shows a form with labelled inputs and the two templates', async () => {
    const res = await app.inject({ url: '/tools/lint' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(res.body).toMatch(/<label for="lint-file">/);
    expect(res.body).toMatch(/id="lint-file"/);
    expect(res.body).toMatch(/<label for="lint-text">/);
    expect(res.body).toContain('全国通用');
    expect(res.body).toContain('河南');
  });

  it('checks an uploaded 漯河 report: TXT-APPS and T2-FEE on the page, with counts', async () => {
    const form = multipart([
      { name: 'file', filename: '2021-luohe-shangwuju.txt', contentType: 'text/plain', value: luohe },
      { name: 'text', value: '' },
      { name: 'template', value: 'henan' },
    ]);
    const res = await app.inject({ method: 'POST', url: '/tools/lint', ...form });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('漯河市商务局2021年政府信息公开工作年度报告');
    expect(res.body).toContain('TXT-APPS');
    expect(res.body).toContain('T2-FEE');
    // Only the Henan template asks 六 to state the 信息处理费 collected.
    expect(res.body).toContain('FEE-STATEMENT');
    expect(res.body).toMatch(/错误 [1-9]\d* 项/);
  });

  it('checks pasted text', async () => {
    const form = multipart([
      { name: 'file', filename: '', value: '' },
      { name: 'text', value: luohe.toString('utf8') },
      { name: 'template', value: 'national' },
    ]);
    const res = await app.inject({ method: 'POST', url: '/tools/lint', ...form });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('TXT-APPS');
    expect(res.body).not.toContain('FEE-STATEMENT');
    expect(res.body).toMatch(/value="national" checked/);
  });

  it('answers binary garbage with 422 and a Chinese message on the page', async () => {
    const garbage = Buffer.from([0x00, 0xff, 0xfe, 0x13, 0x37, 0x00, 0x9c, 0x81, 0x00, 0x00, 0xc3, 0x28, 0xa0, 0xa1, 0x00, 0x01]);
    const res = await app.inject({ method: 'POST', url: '/tools/lint', ...multipart([{ name: 'file', filename: 'report.pdf', contentType: 'application/pdf', value: garbage }]) });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('role="alert"');
    expect(res.body).not.toMatch(/^\s+at\s/m);
  });

  it('answers a file over 20 MB with 413', async () => {
    const big = Buffer.alloc(21 * 1024 * 1024, 0x61);
    const res = await app.inject({ method: 'POST', url: '/tools/lint', ...multipart([{ name: 'file', filename: 'big.txt', contentType: 'text/plain', value: big }]) });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('20 MB');
  });

  it('answers an empty submission with 400 and says what to do', async () => {
    const res = await app.inject({ method: 'POST', url: '/tools/lint', ...multipart([{ name: 'file', filename: '', value: '' }, { name: 'text', value: '  ' }]) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('请上传报告文件');
  });

  it('escapes what the user sent', async () => {
    // No slash or quote in the name: the multipart parser keeps only what follows the last slash.
    const res = await app.inject({ method: 'POST', url: '/tools/lint', ...multipart([{ name: 'file', filename: '<img src=x onerror=alert(1)>&.txt', value: luohe }]) });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).toContain('&lt;img src=x onerror=alert(1)&gt;&amp;.txt');
  });
});
