// Serves the built staff console (dist/console, made by `npm run build:console`) at /console/.
// Files are read with node:fs; any path that is not a file of the build gets index.html, so
// the console's own routes (/console/applications/...) survive a reload. No path can leave
// the build directory: segments are checked before joining and the result is checked after.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

export interface ConsoleStaticOptions {
  /** The built console; default dist/console at the repository root. */
  dir?: string;
}

export const DEFAULT_CONSOLE_DIR = resolve(import.meta.dirname, '..', '..', '..', 'dist', 'console');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>工作平台尚未构建</title>
<style>body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:40em;margin:4em auto;padding:0 1em;line-height:1.7;color:#222}code{background:#f3f3f3;padding:.1em .4em}</style>
</head><body>
<h1>工作平台尚未构建</h1>
<p>工作人员使用的工作平台页面还没有生成，所以暂时无法打开。</p>
<p>请系统管理员在程序所在目录运行 <code>npm run build:console</code>，完成后刷新本页即可。（使用 <code>npm start</code> 启动时会自动生成。）</p>
<p><a href="/">返回首页</a></p>
</body></html>`;

/**
 * The file under `root` that `relative` names, or null when it is not a plain path inside it
 * (.., empty or hidden segments, backslashes, NUL). `relative` is already URL-decoded.
 */
export function consoleFilePath(root: string, relative: string): string | null {
  if (relative === '' || relative.includes('\0') || relative.includes('\\')) return null;
  const segments = relative.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || segment.startsWith('.'))) return null;
  const base = resolve(root);
  const full = resolve(base, ...segments);
  return full.startsWith(base + sep) ? full : null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export async function consoleStaticRoutes(app: FastifyInstance, options: ConsoleStaticOptions): Promise<void> {
  const root = options.dir ?? DEFAULT_CONSOLE_DIR;

  async function sendIndex(reply: FastifyReply) {
    const index = join(root, 'index.html');
    if (!(await isFile(index))) {
      return reply.code(503).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT_PAGE);
    }
    // Always fresh: it names the hashed bundles of the current build.
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(await readFile(index));
  }

  app.get('/console', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/console/'));

  app.get<{ Params: { '*': string } }>('/console/*', { schema: { hide: true } }, async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    const relative = request.params['*'];
    if (relative === '') return sendIndex(reply);
    const path = consoleFilePath(root, relative);
    const type = path === null ? undefined : CONTENT_TYPES[extname(path).toLowerCase()];
    if (path !== null && type !== undefined && (await isFile(path))) {
      // Vite names the bundles by content hash: they never change under one name.
      const immutable = relative.startsWith('assets/');
      return reply
        .header('content-type', type)
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        .send(await readFile(path));
    }
    // A missing asset is a real 404; any other path is one of the console's own pages.
    if (relative.startsWith('assets/') || extname(relative) !== '') return reply.code(404).header('content-type', 'text/plain; charset=utf-8').send('找不到该文件。');
    return sendIndex(reply);
  });
}
