import { createRequire } from 'node:module';
import path from 'node:path';
import { DomainError } from '../domain/domain-error.ts';
import { collectPdfRulings } from './pdf/collect-pdf-rulings.ts';
import { joinPdfPages } from './pdf/join-pdf-pages.ts';
import { hasColumnGaps, layoutPdfPage } from './pdf/layout-pdf-page.ts';
import { loadPdfjs } from './pdf/load-pdfjs.ts';
import type { PdfjsModule } from './pdf/load-pdfjs.ts';
import type { PdfPageContent, TextRun } from './pdf/pdf-page-content.ts';
import { multiplyMatrix, toMatrix } from './pdf/pdf-page-content.ts';

// pdfjs reads these data files with fs in Node; it wants directory paths ending in '/'.
const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const dataDirectory = (name: string): string => `${path.join(pdfjsRoot, name).split(path.sep).join('/')}/`;
const CMAP_URL = dataDirectory('cmaps');
const STANDARD_FONT_DATA_URL = dataDirectory('standard_fonts');
const WASM_URL = dataDirectory('wasm');

/**
 * PDF bytes -> the plain-text layout parseAnnualReport reads: one line per paragraph and
 * one line per table row, the cells of a row separated by tabs. Throws
 * DomainError('UNREADABLE_FILE') for a damaged or password-protected PDF, or one with no
 * text layer (a scan).
 */
export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await loadPdfjs();
  const loadingTask = pdfjs.getDocument({
    // A copy: pdfjs may take over (detach) the buffer it is given, and rejects Node Buffers.
    data: new Uint8Array(bytes),
    cMapUrl: CMAP_URL,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONT_DATA_URL,
    wasmUrl: WASM_URL,
    useSystemFonts: true,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  const contents: PdfPageContent[] = [];
  try {
    const document = await loadingTask.promise;
    for (let number = 1; number <= document.numPages; number++) contents.push(await readPage(pdfjs, await document.getPage(number)));
  } catch (error) {
    // Only pdfjs's own failures are the file's fault; a bug in the layout below must not pass for one.
    throw toUnreadableFileError(error);
  } finally {
    await loadingTask.destroy();
  }
  const text = joinPdfPages(contents.map((page) => ({ width: page.width, height: page.height, lines: layoutPdfPage(page) })));
  if (text.trim() === '') {
    throw new DomainError('UNREADABLE_FILE', 'PDF has no text layer (scanned image?)', 'PDF 中没有可提取的文字（可能是扫描件），请上传含文字层的 PDF 或 Word 文件。');
  }
  return text;
}

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<PdfjsModule['getDocument']>['promise']>['getPage']>>;

/** The page's text runs, and its rulings when it may hold a table. */
async function readPage(pdfjs: PdfjsModule, page: PdfPage): Promise<PdfPageContent> {
  // Viewport space: rotation applied, y pointing down, scale 1 (PDF points).
  const viewport = page.getViewport({ scale: 1 });
  const viewportTransform = toMatrix(viewport.transform);
  const content = await page.getTextContent();
  const runs: TextRun[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    // Vertical (top-to-bottom) text is a rotated table label; pdfjs often returns it incomplete.
    if (item.dir === 'ttb') continue;
    const m = multiplyMatrix(viewportTransform, toMatrix(item.transform));
    const size = Math.hypot(m[2], m[3]);
    // Keep upright horizontal text only; rotated stamps and margin notes would scramble lines.
    if (size === 0 || m[0] <= 0 || Math.abs(m[1]) > Math.abs(m[0]) * 0.05) continue;
    runs.push({ text: item.str, x: m[4], baseline: m[5], width: item.width, size });
  }
  const rulings = hasColumnGaps(runs)
    ? collectPdfRulings(await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE }), pdfjs.OPS, viewportTransform, viewport.width, viewport.height)
    : [];
  page.cleanup();
  return { width: viewport.width, height: viewport.height, runs, rulings };
}

function toUnreadableFileError(error: unknown): DomainError {
  const name = error instanceof Error ? error.name : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    return new DomainError('UNREADABLE_FILE', `PDF is password-protected: ${detail}`, 'PDF 文件已加密，无法读取，请上传未加密的文件。', { reason: 'encrypted' });
  }
  return new DomainError('UNREADABLE_FILE', `PDF cannot be read: ${name} ${detail}`.trim(), 'PDF 文件已损坏或不是有效的 PDF，无法读取。', { reason: 'invalid' });
}
