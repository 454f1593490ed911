// DOCX → PDF with LibreOffice (`soffice --headless --convert-to pdf`), for the report's PDF
// download. Each call gets its own temporary directory holding the input, the output and a fresh
// LibreOffice profile (-env:UserInstallation): two soffice processes sharing a profile block each
// other, and the default profile lives in the service user's home. Calls run one at a time (a
// conversion takes seconds and a lot of memory on a 2-core machine); a stuck soffice is killed.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const PDF_CONVERSION_TIMEOUT_MS = 120_000;

/** Where Debian and the LibreOffice installers put soffice, tried after PATH. */
const KNOWN_SOFFICE_PATHS = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice'];

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable soffice on the PATH or at the known places, or null. */
export async function locateSoffice(pathVariable: string | undefined, knownPaths: readonly string[] = KNOWN_SOFFICE_PATHS): Promise<string | null> {
  const candidates = [...(pathVariable ?? '').split(delimiter).filter((dir) => dir !== '').map((dir) => join(dir, 'soffice')), ...knownPaths];
  for (const candidate of candidates) if (await isExecutable(candidate)) return candidate;
  return null;
}

let cachedSoffice: Promise<string | null> | undefined;

/** The soffice executable, or null when LibreOffice is not installed. Looked up once per process. */
export function findSoffice(): Promise<string | null> {
  cachedSoffice ??= locateSoffice(process.env.PATH);
  return cachedSoffice;
}

/** Not a DomainError: no DomainErrorCode means 503. Routes answer it with PDF_UNAVAILABLE_MESSAGE. */
export class PdfConverterMissingError extends Error {
  constructor() {
    super('LibreOffice (soffice) is not installed; PDF conversion unavailable');
    this.name = 'PdfConverterMissingError';
  }
}

export const PDF_UNAVAILABLE_MESSAGE = '服务器未安装 LibreOffice，暂时无法生成 PDF。请下载 Word 版本，或请系统管理员安装 LibreOffice。';

export interface ConvertDocxToPdfOptions {
  /** The soffice executable (null: not installed); default findSoffice(). */
  soffice?: string | null;
  timeoutMs?: number;
  /** Where the per-call temporary directory is made; default the OS temp dir. */
  workRoot?: string;
}

// One conversion at a time, in the order asked.
let queue: Promise<unknown> = Promise.resolve();

/** The PDF bytes. Throws PdfConverterMissingError when soffice is missing, an Error when the conversion fails or times out. */
export function convertDocxToPdf(docx: Uint8Array, options: ConvertDocxToPdfOptions = {}): Promise<Uint8Array> {
  const run = queue.then(() => convertNow(docx, options));
  queue = run.catch(() => undefined);
  return run;
}

async function convertNow(docx: Uint8Array, options: ConvertDocxToPdfOptions): Promise<Uint8Array> {
  const soffice = options.soffice === undefined ? await findSoffice() : options.soffice;
  if (soffice === null) throw new PdfConverterMissingError();
  const dir = await mkdtemp(join(options.workRoot ?? tmpdir(), 'gongkai-pdf-'));
  try {
    const input = join(dir, 'report.docx');
    await writeFile(input, docx);
    const args = [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'pdf', '--outdir', dir, input];
    const { code, stderr } = await runProcess(soffice, args, options.timeoutMs ?? PDF_CONVERSION_TIMEOUT_MS);
    // soffice exits 0 even when it could not convert (e.g. a missing filter): the file decides.
    let pdf: Buffer;
    try {
      pdf = await readFile(join(dir, 'report.pdf'));
    } catch {
      throw new Error(`soffice produced no PDF (exit ${code}): ${stderr.slice(0, 500)}`);
    }
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('soffice output is not a PDF');
    return new Uint8Array(pdf);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runProcess(command: string, args: readonly string[], timeoutMs: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    // detached: soffice starts a child (soffice.bin); killing the group stops both.
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 10_000) stderr += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) reject(new Error(`soffice did not finish within ${timeoutMs} ms`));
      else resolve({ code, stderr });
    });
  });
}
