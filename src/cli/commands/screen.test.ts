// `gongkai screen` on files of each kind, in this process (and once as a child process, for stdin).
// Expected values by hand: 11010519491231002X — Σ(ai×Wi) = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4
// = 167, 167 mod 11 = 2 → X (GB 11643); positions are counted in the text as written below.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo, gongkaiInProcess } from '../../../test/capture-cli-io.ts';
import { runScreen } from './screen.ts';
import { buildTextPdf } from '../../../test/build-text-pdf.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

let dir = '';

async function buildDocx(paragraphs: readonly string[]): Promise<Uint8Array> {
  const document = new Document({ sections: [{ children: paragraphs.map((text) => new Paragraph({ children: [new TextRun(text)] })) }] });
  return new Uint8Array(await Packer.toBuffer(document));
}

interface JsonHit {
  kind: string;
  text: string;
  start: number;
  end: number;
  line: number;
  column: number;
  context: string;
  suggestion: string;
}

function parseJson(stdout: string): { file: string; hits: JsonHit[] } {
  return JSON.parse(stdout) as { file: string; hits: JsonHit[] };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-screen-'));
  writeFileSync(join(dir, 'notice.txt'), '关于开展检查的通知\n联系人：张三，手机：13800138000\n秘密★1年\n');
  writeFileSync(join(dir, 'clean.txt'), '示政办发〔2025〕3号\n索引号：11410100MB1234567X/2025-00012\n2025年1月1日起施行，资金1,234,567.89元，电话0371-12345678。\n');
  // GBK: 秘 C3D8, 密 C3DC, 手 CAD6, 机 BBFA.
  writeFileSync(join(dir, 'gbk.txt'), Buffer.from([0xc3, 0xd8, 0xc3, 0xdc, 0x0a, 0xca, 0xd6, 0xbb, 0xfa, ...Buffer.from('13800138000\n', 'ascii')]));
  writeFileSync(join(dir, 'page.html'), '<!DOCTYPE html><html><head><title>通知</title></head><body><p>联系邮箱：zhangsan@163.com</p></body></html>');
  writeFileSync(join(dir, 'notice.docx'), await buildDocx(['关于公开有关事项的通知', '申请人身份证号码：11010519491231002X', '内部资料']));
  writeFileSync(join(dir, 'notice.pdf'), buildTextPdf(['Notice of disclosure', 'Contact 13800138000 or zhang.san@example.com']));
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'terms.json'), JSON.stringify([{ kind: 'wrong_term', term: '检查的通知', correction: '检查工作的通知' }, { kind: 'sensitive_word', term: '张三', correction: null }]));
  writeFileSync(join(dir, 'bad-terms.json'), JSON.stringify([{ kind: 'wrong_term', term: '甲', correction: '乙' }, { kind: 'typo', term: '丙' }]));
  writeFileSync(join(dir, 'not-json.json'), '[{kind: wrong_term}');
  writeFileSync(join(dir, 'archive.zip'), Buffer.from('PK\u0003\u0004 some/other/file.xml', 'latin1'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('gongkai screen: plain output', () => {
  it('prints one line per hit with line and column, and a summary; exit 1', async () => {
    const { code, stdout, stderr } = await gongkaiInProcess(['screen', 'notice.txt'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    // 联系人：张三，手机：13800138000 — the number starts at character 11 of line 2.
    expect(lines[0]).toMatch(/^第2行 第11列 {2}手机号码 {2}13800138000 +关于开展检查的通知 联系人：张三，手机：13800138000 秘密★1年 +手机号码：删除，或隐去中间4位（如 138\*{4}8000）$/);
    expect(lines[1]).toMatch(/^第3行 第1列 +密级标志 {2}秘密★1年 +.*条例第十四条/);
    expect(lines[2]).toBe('');
    expect(lines[3]).toBe('共发现 2 处，请逐一处理。');
  });

  it('says so when there is nothing to fix; exit 0', async () => {
    const { code, stdout, stderr } = await gongkaiInProcess(['screen', 'clean.txt'], dir);
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '未发现需要处理的内容。\n', stderr: '' });
  });
});

describe('gongkai screen --json', () => {
  it('prints the file and each hit with kind, text, offsets, line, column, context and suggestion', async () => {
    const { code, stdout } = await gongkaiInProcess(['screen', 'notice.txt', '--json'], dir);
    expect(code).toBe(1);
    const json = parseJson(stdout);
    expect(json.file).toBe('notice.txt');
    // 关于开展检查的通知\n = 10 units; 联系人：张三，手机： = 10 more → 13800138000 at 20–31; 秘密★1年 at 32–37.
    expect(json.hits).toEqual([
      {
        kind: 'mobile',
        text: '13800138000',
        start: 20,
        end: 31,
        line: 2,
        column: 11,
        context: '关于开展检查的通知 联系人：张三，手机：13800138000 秘密★1年',
        suggestion: '手机号码：删除，或隐去中间4位（如 138****8000）',
      },
      {
        kind: 'classification_mark',
        text: '秘密★1年',
        start: 32,
        end: 37,
        line: 3,
        column: 1,
        // 20 units before 32 start at 12: 人：张三，手机：(8) + 13800138000(11) + \n(1).
        context: '人：张三，手机：13800138000 秘密★1年',
        suggestion: expect.stringContaining('条例第十四条') as unknown as string,
      },
    ]);
  });

  it('reads GBK text', async () => {
    const { code, stdout } = await gongkaiInProcess(['screen', 'gbk.txt', '--json'], dir);
    expect(code).toBe(1);
    expect(parseJson(stdout).hits.map((h) => [h.kind, h.text, h.line, h.column])).toEqual([
      ['classification_mark', '秘密', 1, 1],
      ['mobile', '13800138000', 2, 3],
    ]);
  });

  it('reads a Word document', async () => {
    const { code, stdout, stderr } = await gongkaiInProcess(['screen', 'notice.docx', '--json'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(parseJson(stdout).hits.map((h) => [h.kind, h.text, h.line])).toEqual([
      ['id_number', '11010519491231002X', 2],
      ['classification_mark', '内部资料', 3],
    ]);
  });

  it('reads a PDF', async () => {
    const { code, stdout, stderr } = await gongkaiInProcess(['screen', 'notice.pdf', '--json'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(parseJson(stdout).hits.map((h) => [h.kind, h.text])).toEqual([
      ['mobile', '13800138000'],
      ['email', 'zhang.san@example.com'],
    ]);
  });

  it('reads a web page as text, not markup', async () => {
    const { code, stdout } = await gongkaiInProcess(['screen', 'page.html', '--json'], dir);
    expect(code).toBe(1);
    expect(parseJson(stdout).hits.map((h) => [h.kind, h.text])).toEqual([['email', 'zhangsan@163.com']]);
  });
});

describe('gongkai screen --terms', () => {
  it('adds the agency’s terms to the built-in 错敏词', async () => {
    const { code, stdout } = await gongkaiInProcess(['screen', 'notice.txt', '--json', '--terms', 'terms.json'], dir);
    expect(code).toBe(1);
    expect(parseJson(stdout).hits.map((h) => [h.kind, h.text, h.suggestion.startsWith('应为') ? h.suggestion : h.kind])).toEqual([
      ['wrong_term', '检查的通知', '应为：检查工作的通知'],
      ['sensitive_word', '张三', 'sensitive_word'],
      ['mobile', '13800138000', 'mobile'],
      ['classification_mark', '秘密★1年', 'classification_mark'],
    ]);
  });

  it('refuses a terms file with a bad item, naming it', async () => {
    const { code, stdout, stderr } = await gongkaiInProcess(['screen', 'notice.txt', '--terms', 'bad-terms.json'], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('词表文件 bad-terms.json 格式不正确：第2项的 kind');
  });

  it('refuses a terms file that is not JSON', async () => {
    const { code, stderr } = await gongkaiInProcess(['screen', 'notice.txt', '--terms', 'not-json.json'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('词表文件 not-json.json 不是有效的 JSON');
  });
});

describe('gongkai screen: bad input', () => {
  it('a missing file: exit 2, a Chinese message, no stack trace', async () => {
    const { code, stdout, stderr } = await gongkaiInProcess(['screen', 'missing.txt'], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('错误：无法读取文件：missing.txt（文件不存在）\n');
  });

  it('an empty file, a zip that is not a Word file, a folder', async () => {
    for (const [file, message] of [
      ['empty.txt', '文件是空的'],
      ['archive.zip', '不是 Word 文件'],
      ['.', '这是一个文件夹'],
    ] as const) {
      const { code, stderr } = await gongkaiInProcess(['screen', file], dir);
      expect(code, file).toBe(2);
      expect(stderr, file).toContain(message);
      expect(stderr, file).not.toMatch(/\n\s+at /);
    }
  });

  it('no file: a usage error', async () => {
    const { code, stderr } = await gongkaiInProcess(['screen'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('缺少参数');
  });
});

describe('gongkai screen -', () => {
  it('reads standard input', async () => {
    const { io, output } = captureIo(dir);
    const code = await runScreen('-', { json: true, stdin: Readable.from([Buffer.from('邮箱：'), Buffer.from('a@b.cn')]) }, io);
    expect(code).toBe(1);
    const json = parseJson(output().stdout);
    expect(json.file).toBe('-');
    expect(json.hits.map((h) => [h.kind, h.text, h.start, h.column])).toEqual([['email', 'a@b.cn', 3, 4]]);
  });

  it('reads standard input as a user pipes it (child process)', async () => {
    const result = await new Promise<{ code: number | null; stdout: string }>((done) => {
      const child = spawn('node', [join(ROOT, 'bin/gongkai.js'), 'screen', '-'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.on('close', (code) => done({ code, stdout }));
      child.stdin.end('示政办发〔2025〕3号\n');
    });
    expect(result).toEqual({ code: 0, stdout: '未发现需要处理的内容。\n' });
  }, 30_000);
});

describe('gongkai screen --help', () => {
  it('is in Chinese and English', async () => {
    const { code, stdout } = await gongkaiInProcess(['screen', '--help'], dir);
    expect(code).toBe(0);
    expect(stdout).toContain('发布前检查文件');
    expect(stdout.replace(/\s+/g, ' ')).toContain('screen a document before publishing');
    expect(stdout).toContain('--terms <file>');
  });
});
