// Issue 7: several stateless app processes on one PostgreSQL. Two real server processes
// (src/server/main.ts through tsx, each on its own port) share one database in a fresh schema,
// chosen through the URL's `options=-c search_path=…` as libpq and pg read it, and one attachment
// directory (STORAGE=filesystem). What is shown: a session made on A works on B and ends on both; a
// case created on A is read and edited on B; two edits with the same version, one on each process,
// give exactly one 200 and one 409; an attachment uploaded through A is downloaded through B.
// Skipped (with a message) when no PostgreSQL is configured or reachable; CI=true must run it.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/server/db/connect-database.ts';
import { DEMO_PASSWORD } from '../../src/server/demo/demo-users.ts';
import { testPostgresUrl } from '../test-database.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'src', 'server', 'main.ts');
// Shared by every process of a cluster (docs/deployment.md): TOTP secrets sealed on one are opened on another.
const SECRET_KEY = randomBytes(32).toString('hex');

async function reachable(url: string): Promise<string | undefined> {
  const probe = await connectDatabase(url);
  try {
    await sql`select 1`.execute(probe.db);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await probe.close();
  }
}

const baseUrl = testPostgresUrl();
const unreachable = baseUrl === undefined ? 'TEST_DATABASE_URL is not set (nor CI=true)' : await reachable(baseUrl);
if (unreachable !== undefined) {
  if (process.env.CI === 'true') throw new Error(`two-processes.test.ts: PostgreSQL is required under CI=true: ${unreachable}`);
  console.warn(`two-processes.test.ts skipped: no PostgreSQL (${unreachable})`);
}

interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: string[];
}

/** Starts `node --import tsx src/server/main.ts` and resolves with its URL once it logs that it is ready. */
function startServerProcess(databaseUrl: string, loadDemoData: boolean, storageDir: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, SECRET_KEY, LOAD_DEMO_DATA: String(loadDemoData), LOG_LEVEL: 'info', TZ: 'Asia/Shanghai', STORAGE: 'filesystem', STORAGE_DIR: storageDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in 60 s:\n${output.join('\n')}`));
    }, 60_000);
    const onLine = (line: string) => {
      output.push(line);
      const url = /"url":"(http:\/\/127\.0\.0\.1:\d+\/)"/.exec(line)?.[1];
      if (url !== undefined && line.includes('Gongkai is ready')) {
        clearTimeout(timer);
        resolve({ url, child, output });
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${output.join('\n')}`));
    });
  });
}

async function stopServerProcess(server: ServerProcess | undefined): Promise<void> {
  if (server === undefined || server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(server: ServerProcess, path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<Answer> {
  const response = await fetch(new URL(path, server.url), {
    method: init.method ?? 'GET',
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

describe.skipIf(unreachable !== undefined)('two server processes on one PostgreSQL', () => {
  const schema = `gk_cluster_${randomBytes(6).toString('hex')}`;
  // The directory every process mounts in production (NFS): here one temporary directory.
  const storageDir = mkdtempSync(join(tmpdir(), 'gongkai-cluster-files-'));
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  let token = '';
  let trackingNumber = '';
  const A = () => a!;
  const B = () => b!;

  beforeAll(async () => {
    const admin = await connectDatabase(baseUrl!);
    try {
      await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    } finally {
      await admin.close();
    }
    const url = new URL(baseUrl!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    // Started together, as after a deploy: both try to migrate the empty schema at once (Kysely's
    // migration lock lets one do it); A then loads the demo agency and its users.
    [a, b] = await Promise.all([startServerProcess(url.toString(), true, storageDir), startServerProcess(url.toString(), false, storageDir)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([stopServerProcess(a), stopServerProcess(b)]);
    const admin = await connectDatabase(baseUrl!);
    try {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
    } finally {
      await admin.close();
    }
    rmSync(storageDir, { recursive: true, force: true });
  }, 60_000);

  it('both answer on their own ports from the same database', async () => {
    expect(A().url).not.toBe(B().url);
    expect(await call(A(), '/healthz')).toEqual({ status: 200, body: { status: 'ok', database: 'postgres' } });
    expect(await call(B(), '/healthz')).toEqual({ status: 200, body: { status: 'ok', database: 'postgres' } });
    // Exactly one of them ran the migrations; the other waited for the lock and found the schema current.
    const migrated = [A(), B()].map((server) => (server.output.some((line) => line.includes('"msg":"database migrated"')) ? 'migrated' : server.output.some((line) => line.includes('"msg":"database schema is up to date"')) ? 'up to date' : 'neither'));
    expect(migrated.sort()).toEqual(['migrated', 'up to date']);
  });

  it('a session made on A works on B (sessions live in the database)', async () => {
    const login = await call(A(), '/api/auth/login', { method: 'POST', body: { login: 'demo-clerk', password: DEMO_PASSWORD } });
    expect(login.status).toBe(200);
    token = String(login.body.token);
    const me = await call(B(), '/api/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ login: 'demo-clerk' });
  });

  it('a case created through A is read and edited through B, and A sees the edit', async () => {
    const created = await call(A(), '/api/agencies/demo/applications', {
      method: 'POST',
      token,
      body: {
        channel: 'in_person',
        receivedOn: '2026-11-23',
        applicant: { type: 'natural_person', name: '李四', idNumber: '11010519491231002X', phone: '13800000000', address: '示范市示范路2号' },
        requestedInformation: '示范路改造工程的招标文件',
        requestedForm: '纸质',
        deliveryMethod: '邮寄',
      },
    });
    expect(created.status).toBe(201);
    trackingNumber = String(created.body.trackingNumber);

    const onB = await call(B(), `/api/applications/${trackingNumber}`, { token });
    expect(onB.status).toBe(200);
    expect(onB.body).toMatchObject({ trackingNumber, state: 'in_progress', version: 1 });

    const edited = await call(B(), `/api/applications/${trackingNumber}/events`, {
      method: 'POST',
      token,
      body: { expectedVersion: 1, event: { kind: 'correctionRequested', at: '2026-11-24', items: ['请写明工程名称'], correctionDueOn: '2026-12-08' } },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2 });
    expect((await call(A(), `/api/applications/${trackingNumber}`, { token })).body).toMatchObject({ version: 2 });
  });

  it('two edits with the same version, one on each process: exactly one 200 and one 409', async () => {
    const results = await Promise.all([
      call(A(), `/api/applications/${trackingNumber}/events`, { method: 'POST', token, body: { expectedVersion: 2, event: { kind: 'correctionReceived', at: '2026-11-25' } } }),
      call(B(), `/api/applications/${trackingNumber}/events`, { method: 'POST', token, body: { expectedVersion: 2, event: { kind: 'withdrawn', at: '2026-11-25' } } }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    const conflict = results.find((result) => result.status === 409)!;
    expect(conflict.body.error).toBe('CONFLICT');
    // The winner's event is the third, on both processes.
    expect((await call(A(), `/api/applications/${trackingNumber}`, { token })).body).toMatchObject({ version: 3 });
    expect((await call(B(), `/api/applications/${trackingNumber}`, { token })).body).toMatchObject({ version: 3 });
  });

  it('an attachment uploaded through A is downloaded through B, its bytes in the shared directory', async () => {
    const draft = await call(A(), '/api/agencies/demo/publications', {
      method: 'POST',
      token,
      body: { title: '示范路改造工程示意图', bodyHtml: '<p>示意图见附件。</p>', issuer: '示范市示范局', writtenOn: '2026-11-20', kind: 'other', categoryCode: 'a20-01', channels: ['website'] },
    });
    expect(draft.status).toBe(201);
    const id = Number(draft.body.id);
    // A 20-byte GIF (its signature decides the type, not its name).
    const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0, 0xff, 0xff, 0xff, 0, 0, 0, 0x3b]);
    const form = new FormData();
    form.set('expectedVersion', '1');
    form.set('file', new Blob([gif], { type: 'image/gif' }), '示意图.gif');
    const upload = await fetch(new URL(`/api/publications/${id}/attachments`, A().url), { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(upload.status).toBe(201);
    const [attachment] = ((await upload.json()) as { attachments: { id: number; size: number }[] }).attachments;
    expect(attachment!.size).toBe(20);

    const download = await fetch(new URL(`/api/publications/${id}/attachments/${attachment!.id}`, B().url), { headers: { authorization: `Bearer ${token}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/gif');
    expect([...new Uint8Array(await download.arrayBuffer())]).toEqual([...gif]);
    // One file, under attachments/<the demo agency's id>/.
    const files = (readdirSync(storageDir, { recursive: true, withFileTypes: true }) as { isFile(): boolean; name: string; parentPath: string }[]).filter((entry) => entry.isFile());
    expect(files).toHaveLength(1);
    expect(files[0]!.parentPath).toMatch(/[/\\]attachments[/\\]\d+$/);
    expect(files[0]!.name).toMatch(/^[0-9a-f]{64}-[0-9a-f]{16}$/);
  });

  it('signing out on B ends the session on A too', async () => {
    expect((await call(B(), '/api/auth/logout', { method: 'POST', token })).status).toBeLessThan(300);
    expect((await call(A(), '/api/auth/me', { token })).status).toBe(401);
  });
});
