import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleFilePath, consoleStaticRoutes } from './console-static.ts';

describe('console static files', () => {
  let base: string;
  let built: string;
  let app: FastifyInstance;
  let notBuilt: FastifyInstance;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'gongkai-console-'));
    built = join(base, 'console');
    mkdirSync(join(built, 'assets'), { recursive: true });
    writeFileSync(join(built, 'index.html'), '<!doctype html><title>控制台</title>');
    writeFileSync(join(built, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(built, '.env'), 'SECRET=1');
    // A file beside the build that no request may reach.
    writeFileSync(join(base, 'secret.txt'), 'do not serve');
    app = Fastify();
    await app.register(consoleStaticRoutes, { dir: built });
    notBuilt = Fastify();
    await notBuilt.register(consoleStaticRoutes, { dir: join(base, 'missing') });
  });

  afterAll(async () => {
    await app.close();
    await notBuilt.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('serves index.html at /console/ and for the console routes, the bundles with their types', async () => {
    const index = await app.inject('/console/');
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('控制台');
    const route = await app.inject('/console/applications/DEMO-2026-0001');
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain('控制台');
    const script = await app.inject('/console/assets/index-abc.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toContain('immutable');
    expect(script.headers['x-content-type-options']).toBe('nosniff');
    expect((await app.inject('/console')).headers.location).toBe('/console/');
  });

  it('answers a missing bundle with 404, not with the page', async () => {
    expect((await app.inject('/console/assets/gone.js')).statusCode).toBe(404);
  });

  it('never serves a file outside the build or a hidden file', async () => {
    for (const url of ['/console/../secret.txt', '/console/%2e%2e/secret.txt', '/console/assets/%2e%2e/%2e%2e/secret.txt', '/console/..%2fsecret.txt', '/console/..%5csecret.txt', '/console/.env', '/console/%2eenv']) {
      const response = await app.inject(url);
      expect(response.body, url).not.toContain('do not serve');
      expect(response.body, url).not.toContain('SECRET');
    }
    expect(consoleFilePath('/srv/console', '../secret.txt')).toBeNull();
    expect(consoleFilePath('/srv/console', 'assets/../../secret.txt')).toBeNull();
    expect(consoleFilePath('/srv/console', 'a\\..\\b')).toBeNull();
    expect(consoleFilePath('/srv/console', '/etc/passwd')).toBeNull();
    expect(consoleFilePath('/srv/console', 'x\0.js')).toBeNull();
    expect(consoleFilePath('/srv/console', 'assets/index.js')).toBe(join('/srv/console', 'assets', 'index.js'));
  });

  it('says in Chinese how to build the console when it was not built', async () => {
    const response = await notBuilt.inject('/console/');
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('npm run build:console');
    expect(response.body).toContain('尚未构建');
  });
});
