import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DomainError } from '../domain/domain-error.ts';
import type { DomainErrorCode } from '../domain/domain-error.ts';
import { describeEachDatabase, openTestDatabase, testPostgresUrl } from '../../test/test-database.ts';
import type { TestDatabase } from '../../test/test-database.ts';
import { buildApp } from './app.ts';
import { parseConfig } from './config.ts';

describeEachDatabase('GET /healthz', (database) => {
  it('answers ok and names the database engine', async () => {
    const url = database.dialect === 'postgres' ? (testPostgresUrl() ?? '') : ':memory:';
    const app = await buildApp({ config: parseConfig({ DATABASE_URL: url }), db: database.db });
    try {
      const response = await app.inject({ method: 'GET', url: '/healthz' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'ok', database: database.dialect });
    } finally {
      await app.close();
    }
  });
});

describe('the app on a real SQLite database', () => {
  let database: TestDatabase | undefined;
  let app: FastifyInstance | undefined;
  let logLines: string[] = [];

  async function start(): Promise<FastifyInstance> {
    database = await openTestDatabase('sqlite');
    logLines = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
        done();
      },
    });
    app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: database.db, logger: { level: 'info', stream } });
    return app;
  }

  afterEach(async () => {
    await app?.close();
    await database?.close();
    app = undefined;
    database = undefined;
  });

  it('answers 503 from /healthz when the database is gone', async () => {
    const started = await start();
    await database?.close();
    const response = await started.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'error', database: 'sqlite' });
    database = undefined;
  });

  it('answers an unknown path with 404 and a Chinese message, as JSON or as a page', async () => {
    const started = await start();
    const json = await started.inject({ method: 'GET', url: '/no/such/page' });
    expect(json.statusCode).toBe(404);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.json()).toEqual({ error: 'NOT_FOUND', message: '找不到页面或接口：GET /no/such/page' });

    const html = await started.inject({ method: 'GET', url: '/no/such/page', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(html.statusCode).toBe(404);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.body).toContain('<html lang="zh-CN">');
    expect(html.body).toContain('页面不存在');
  });

  it.each<[DomainErrorCode, number]>([
    ['BAD_INPUT', 400],
    ['FORBIDDEN', 403],
    ['NOT_FOUND', 404],
    ['CONFLICT', 409],
    ['TOO_LARGE', 413],
    ['UNREADABLE_FILE', 422],
  ])('maps DomainError %s to HTTP %i with its Chinese user message', async (code, status) => {
    const started = await start();
    started.get('/test/fail', async () => {
      throw new DomainError(code, `test failure ${code}`, `测试错误：${code}`);
    });
    const response = await started.inject({ method: 'GET', url: '/test/fail' });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual({ error: code, message: `测试错误：${code}` });
  });

  it('answers 401 when a FORBIDDEN asks for it (not signed in), and 422 when any error asks for it; other statuses are ignored', async () => {
    const started = await start();
    started.get('/test/asks/:code/:status', async (request) => {
      const { code, status } = request.params as { code: DomainErrorCode; status: string };
      throw new DomainError(code, 'asks', `测试：${status}`, { httpStatus: Number(status) });
    });
    const ask = (code: DomainErrorCode, status: number) => started.inject({ method: 'GET', url: `/test/asks/${code}/${status}` });
    const unauthenticated = await ask('FORBIDDEN', 401);
    expect(unauthenticated.statusCode).toBe(401);
    expect(unauthenticated.json()).toEqual({ error: 'FORBIDDEN', message: '测试：401' });
    expect((await ask('CONFLICT', 422)).statusCode).toBe(422);
    // 401 only for FORBIDDEN (a refusal that signing in may cure); other codes keep their status.
    expect((await ask('BAD_INPUT', 401)).statusCode).toBe(400);
    expect((await ask('FORBIDDEN', 418)).statusCode).toBe(403);
    const page = await started.inject({ method: 'GET', url: '/test/asks/FORBIDDEN/401', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(401);
    expect(page.body).toContain('请先登录');
  });

  it('answers a staff route without a session 401 in Chinese, and serves the accounts API', async () => {
    const started = await start();
    const anonymous = await started.inject({ method: 'GET', url: '/api/agencies/demo/applications' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toEqual({ error: 'FORBIDDEN', message: '请先登录。' });
    const bearer = await started.inject({ method: 'GET', url: '/api/agencies/demo/applications', headers: { authorization: `Bearer ${'0'.repeat(64)}` } });
    expect(bearer.statusCode).toBe(401);
    const badLogin = await started.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'nobody', password: 'Wrong#2026pw' } });
    expect(badLogin.statusCode).toBe(401);
    expect(badLogin.json()).toEqual({ error: 'FORBIDDEN', message: '登录名或密码不正确。' });
    // Public routes stay public.
    expect((await started.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await started.inject({ method: 'GET', url: '/api/calendar/years' })).statusCode).toBe(200);
  });

  it('escapes the message in the HTML error page', async () => {
    const started = await start();
    started.get('/test/html', async () => {
      throw new DomainError('BAD_INPUT', 'bad', '文件名 <script>alert(1)</script> 不正确');
    });
    const response = await started.inject({ method: 'GET', url: '/test/html', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('文件名 &lt;script&gt;alert(1)&lt;/script&gt; 不正确');
    expect(response.body).not.toContain('<script>');
  });

  it('answers an unknown error with 500 and a generic message, and logs it with its context but no query string', async () => {
    const started = await start();
    started.get('/test/crash', async () => {
      throw new Error('database exploded: secret detail');
    });
    const response = await started.inject({ method: 'GET', url: '/test/crash?applicant=%E5%BC%A0%E4%B8%89&idNumber=110101199001011234' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'INTERNAL', message: '服务器内部错误，请稍后重试。如问题持续，请联系系统管理员。' });
    expect(response.body).not.toContain('secret detail');

    const entries = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const logged = entries.find((e) => e.msg === 'unhandled error');
    expect(logged).toMatchObject({ level: 50, method: 'GET', path: '/test/crash', route: '/test/crash' });
    expect(JSON.stringify(logged)).toContain('database exploded');
    const all = logLines.join('\n');
    expect(all).not.toContain('110101199001011234');
    expect(all).not.toContain('applicant=');
    expect(all).not.toContain('remoteAddress');
  });

  it('answers a body over the route limit with 413 TOO_LARGE', async () => {
    const started = await start();
    started.post('/test/upload', { bodyLimit: 16 }, async () => ({ ok: true }));
    const response = await started.inject({ method: 'POST', url: '/test/upload', payload: { text: 'x'.repeat(100) } });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ error: 'TOO_LARGE', message: '上传的文件或提交的内容过大。' });
  });

  it('answers a body that fails its schema with 400 BAD_INPUT', async () => {
    const started = await start();
    started.withTypeProvider<ZodTypeProvider>().post('/test/year', { schema: { body: z.object({ year: z.number().int() }) } }, async (request) => ({ year: request.body.year }));
    const bad = await started.inject({ method: 'POST', url: '/test/year', payload: { year: 'twenty' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: 'BAD_INPUT', message: '请求内容不符合要求，请检查后重试。' });
    const good = await started.inject({ method: 'POST', url: '/test/year', payload: { year: 2025 } });
    expect(good.json()).toEqual({ year: 2025 });
  });
});
