import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

export type PdfjsModule = typeof Pdfjs;

// The minified legacy builds: the same code as pdf.mjs / pdf.worker.mjs (whose types we
// use), but without source maps to parse. Under tsx (`npm start`) the unminified pair
// took about three times as long to load (≈ 10 s against ≈ 3.5 s on a busy 2-core machine).
// Plain strings, because the minified files ship no type declarations.
const PDFJS_MODULE: string = 'pdfjs-dist/legacy/build/pdf.min.mjs';
const WORKER_MODULE: string = 'pdfjs-dist/legacy/build/pdf.worker.min.mjs';

let loading: Promise<PdfjsModule> | undefined;

/**
 * pdfjs (legacy build, the one for Node), loaded on first use; call it early to warm up.
 *
 * Its bundled core-js polyfills replace two builtins for the whole process on Node 20:
 * Array.prototype.push (in pdf.mjs and again in pdf.worker.mjs) and JSON.parse. The
 * replacements only fix edge cases pdfjs never reaches (push onto a frozen-length array,
 * JSON.parse source access) and are much slower, so every push and JSON.parse in the
 * server would pay for them. We load the worker code ourselves (pdfjs's fake worker in
 * Node takes it from globalThis.pdfjsWorker) so that both bundles have run, then put the
 * native builtins back.
 */
export function loadPdfjs(): Promise<PdfjsModule> {
  loading ??= (async () => {
    const push = Array.prototype.push;
    const parse = JSON.parse;
    try {
      const pdfjs = (await import(PDFJS_MODULE)) as PdfjsModule;
      await import(WORKER_MODULE);
      return pdfjs;
    } finally {
      Array.prototype.push = push;
      JSON.parse = parse;
    }
  })();
  return loading;
}
