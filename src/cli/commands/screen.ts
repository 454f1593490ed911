// gongkai screen FILE|- [--json] [--terms FILE] — the automatic screening of 主动公开 (issue 4)
// for anyone to run on a document before submitting it: 身份证、手机、银行卡号、邮箱、密级标志、
// 敏感词和错敏词. The same screenText the server runs; the file kind is read from the bytes.
import { z } from 'zod';
import { DomainError, isDomainError } from '../../domain/domain-error.ts';
import { DEFAULT_WRONG_TERMS } from '../../domain/publication/default-screening-terms.ts';
import type { ScreeningHit, ScreeningHitKind } from '../../domain/publication/publication.ts';
import type { ScreeningTerm } from '../../domain/publication/screen-text.ts';
import { screenText } from '../../domain/publication/screen-text.ts';
import { decodeText } from '../../files/decode-text.ts';
import { docxToText } from '../../files/docx-to-text.ts';
import { extractPdfText } from '../../files/extract-pdf-text.ts';
import { htmlToText } from '../../files/html-to-text.ts';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_ERROR_FINDINGS, EXIT_OK } from '../exit-codes.ts';
import { MAX_INPUT_BYTES, readInputBytes } from '../read-input-file.ts';
import { formatColumns } from '../text-layout.ts';

export interface ScreenOptions {
  json: boolean;
  /** A JSON file of extra terms: [{ "kind": "sensitive_word" | "wrong_term", "term": "…", "correction": "…" }]. */
  terms?: string;
  /** Read for FILE '-'; process.stdin when not given (tests pass their own). */
  stdin?: AsyncIterable<Uint8Array | string>;
}

export const HIT_KIND_LABELS: Readonly<Record<ScreeningHitKind, string>> = {
  id_number: '身份证号码',
  mobile: '手机号码',
  bank_card: '银行卡号',
  email: '电子邮箱',
  classification_mark: '密级标志',
  sensitive_word: '敏感词',
  wrong_term: '错敏词',
};

const SUPPORTED = '支持的格式：文本（.txt，UTF-8 或 GBK）、Word（.docx）、PDF、网页（.html）。';

const termsFileSchema = z.array(
  z.object({
    kind: z.enum(['sensitive_word', 'wrong_term']),
    term: z.string().trim().min(1),
    correction: z.string().nullable().optional(),
  }),
);

export async function runScreen(file: string, options: ScreenOptions, io: CliIo): Promise<ExitCode> {
  const extraTerms = options.terms === undefined ? [] : await readTermsFile(options.terms, io);
  const bytes = file === '-' ? await readStdin(options.stdin ?? process.stdin) : await readInputBytes(file, io.cwd);
  const name = file === '-' ? '标准输入' : file;
  const text = await extractText(name, bytes);
  const hits = screenText(text, { terms: [...DEFAULT_WRONG_TERMS, ...extraTerms], source: file });
  const lines = lineIndex(text);

  if (options.json) {
    const json = {
      file,
      hits: hits.map((hit) => {
        const { line, column } = positionOf(text, lines, hit.start);
        return { kind: hit.kind, text: hit.text, start: hit.start, end: hit.end, line, column, context: hit.context, suggestion: hit.suggestion };
      }),
    };
    writeLine(io.stdout, JSON.stringify(json, null, 2));
  } else {
    printHits(text, lines, hits, io);
  }
  return hits.length > 0 ? EXIT_ERROR_FINDINGS : EXIT_OK;
}

function printHits(text: string, lines: readonly number[], hits: readonly ScreeningHit[], io: CliIo): void {
  if (hits.length === 0) {
    writeLine(io.stdout, '未发现需要处理的内容。');
    return;
  }
  const oneLine = (value: string) => value.replace(/\s+/g, ' ');
  const rows = hits.map((hit) => {
    const { line, column } = positionOf(text, lines, hit.start);
    return [`第${line}行 第${column}列`, HIT_KIND_LABELS[hit.kind], oneLine(hit.text), oneLine(hit.context), hit.suggestion];
  });
  writeLine(io.stdout, formatColumns(rows));
  writeLine(io.stdout);
  writeLine(io.stdout, `共发现 ${hits.length} 处，请逐一处理。`);
}

/** Offsets where each line starts; a line ends at \n, \r\n or \r. */
function lineIndex(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  return starts;
}

/** 1-based line, and 1-based column counted in characters (a character outside the BMP is one). */
function positionOf(text: string, lines: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lines[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  const lineStart = lines[low] ?? 0;
  return { line: low + 1, column: [...text.slice(lineStart, offset)].length + 1 };
}

async function readStdin(stream: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    size += bytes.length;
    if (size > MAX_INPUT_BYTES) {
      throw new DomainError('TOO_LARGE', `stdin over ${MAX_INPUT_BYTES} bytes`, `输入过大（超过 ${MAX_INPUT_BYTES / 1024 / 1024} MB）`);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

async function readTermsFile(path: string, io: CliIo): Promise<ScreeningTerm[]> {
  const text = decodeText(await readInputBytes(path, io.cwd)).replace(/^\ufeff/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DomainError('BAD_INPUT', `--terms ${path} is not JSON: ${(error as Error).message}`, `词表文件 ${path} 不是有效的 JSON。应为数组，如 [{"kind":"wrong_term","term":"国务院办公室","correction":"国务院办公厅"}]`);
  }
  const parsed = termsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : `第${Number(issue.path[0]) + 1}项的 ${issue.path.slice(1).join('.') || '内容'}`;
    throw new DomainError(
      'BAD_INPUT',
      `--terms ${path}: ${parsed.error.message}`,
      `词表文件 ${path} 格式不正确${where === '' ? '' : `：${where}`}。每项应有 kind（sensitive_word 敏感词 或 wrong_term 错敏词）、term（词语，不能为空）和 correction（正确写法或处理建议，可为 null）。`,
    );
  }
  return parsed.data.map((item) => ({ kind: item.kind, term: item.term, correction: item.correction ?? null }));
}

/** The document's text: PDF and DOCX through the report extractors, HTML as a browser shows it, else text (UTF-8, UTF-16 or GBK). */
async function extractText(name: string, bytes: Uint8Array): Promise<string> {
  if (bytes.length === 0) throw unreadable(name, 'empty input', `文件是空的：${name}`);
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return guarded(name, 'PDF', () => extractPdfText(bytes));
  if (head.startsWith('PK\u0003\u0004')) {
    if (containsAscii(bytes, 'word/document.xml')) return guarded(name, 'Word', () => docxToText(bytes));
    throw unreadable(name, 'zip archive without a Word document', `${name} 是压缩包或 Excel 文件，不是 Word 文件。${SUPPORTED}`);
  }
  if (head.startsWith('\u00d0\u00cf\u0011\u00e0')) {
    throw unreadable(name, 'legacy OLE (.doc) file', `${name} 是旧版 Word 文件（.doc），请另存为 .docx 或 PDF 后再检查。`);
  }
  if (head.startsWith('\u0089PNG') || head.startsWith('\u00ff\u00d8\u00ff') || head.startsWith('GIF8')) {
    throw unreadable(name, 'image file', `${name} 是图片，无法从中读取文字。${SUPPORTED}`);
  }
  const text = decodeText(bytes).replace(/^\ufeff/, '');
  if (text.trim() === '') throw unreadable(name, 'only whitespace', `文件中没有文字：${name}`);
  if (looksBinary(text)) throw unreadable(name, 'undecodable bytes', `无法识别 ${name} 的格式。${SUPPORTED}`);
  const start = text.trimStart().slice(0, 2048).toLowerCase();
  if (/^<(?:!doctype\s+html|html|head|body|meta|div|p|table|h[1-6]|title|!--)[\s>]/.test(start)) return htmlToText(text);
  return text;
}

async function guarded(name: string, kind: string, read: () => Promise<string>): Promise<string> {
  try {
    return await read();
  } catch (error) {
    if (isDomainError(error)) throw error;
    throw unreadable(name, `${kind} reader failed: ${error instanceof Error ? error.message : String(error)}`, `无法读取${kind}文件 ${name}，文件可能已损坏或加了密码。`);
  }
}

function unreadable(name: string, reason: string, userMessage: string): DomainError {
  return new DomainError('UNREADABLE_FILE', `cannot screen ${name}: ${reason}`, userMessage, { name });
}

function containsAscii(bytes: Uint8Array, needle: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle, 0, 'latin1');
}

/** Control characters and U+FFFD: random bytes decoded as GB18030 are full of them. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65536);
  let bad = 0;
  for (let i = 0; i < sample.length; i += 1) {
    const code = sample.charCodeAt(i);
    if (code === 0xfffd || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c)) bad += 1;
  }
  return bad > Math.max(2, sample.length * 0.02);
}
