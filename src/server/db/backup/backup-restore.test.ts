// gongkai backup and restore through the CLI, on real databases: SQLite files, and (with
// TEST_DATABASE_URL) a PostgreSQL schema restored into fresh databases. Every table is compared
// (row count and a hash of its rows in primary-key order) between the source and the copy.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTextPdf } from '../../../../test/build-text-pdf.ts';
import { captureIo } from '../../../../test/capture-cli-io.ts';
import type { CliOutput } from '../../../../test/capture-cli-io.ts';
import { openTestDatabase, testDialects, testPostgresUrl } from '../../../../test/test-database.ts';
import { runCli } from '../../../cli/main.ts';
import { generateSecretKey } from '../../accounts/secret-box.ts';
import { createApplicationService } from '../../applications/application.service.ts';
import { verifyAuditTrail } from '../../audit/audit.repository.ts';
import { loadDemoData } from '../../demo/load-demo-data.ts';
import { createPublicationService } from '../../publications/publication.service.ts';
import { createPublicationSearch } from '../../search/publication-search.ts';
import { connectDatabase } from '../connect-database.ts';
import type { DatabaseConnection, DatabaseDialect } from '../connect-database.ts';
import type { Database } from '../database.ts';
import { migrateToLatest } from '../migrate-to-latest.ts';
import type { BackupManifest } from './backup-manifest.ts';
import { digestAllTables } from './table-digest.ts';

const PDF = buildTextPdf(['2025年城市绿化先进单位名单']);

async function cli(args: readonly string[], cwd: string, env: Record<string, string | undefined>): Promise<CliOutput> {
  const { io, output } = captureIo(cwd);
  io.env = env;
  const code = await runCli(args, io);
  return { ...output(), code };
}

/** Demo data, two cases, a publication with a PDF attachment (bytes in the row); audit entries come with them. */
async function loadData(db: Kysely<Database>): Promise<void> {
  expect((await loadDemoData(db)).loaded).toBe(true);
  const applications = createApplicationService({ db, today: () => '2026-11-16' });
  for (const name of ['张三', '李四']) {
    await applications.receiveApplication('demo', { channel: 'in_person', receivedOn: '2026-11-16', applicant: { type: 'natural_person', name, idNumber: '11010519491231002X' }, requestedInformation: '示范路改造工程的招标文件' }, 'demo-clerk', ['clerk']);
  }
  const publications = createPublicationService({ db, today: () => '2026-11-16', search: createPublicationSearch({ db }) });
  const draft = await publications.createDraft(
    'demo',
    { title: '示范市关于加强城市绿化管理的通知', bodyHtml: '<p>现将有关事项通知如下。</p>', issuer: '示范市人民政府办公室', writtenOn: '2026-11-16', kind: 'normativeDocuments', categoryCode: 'a20-01', channels: ['website'] },
    'demo-clerk',
    ['clerk'],
  );
  await publications.addAttachment(draft.id, undefined, { fileName: '名单.pdf', bytes: PDF }, 'demo-clerk', ['clerk']);
}

async function expectSameTables(source: Kysely<Database>, copy: Kysely<Database>): Promise<void> {
  const [expected, actual] = [await digestAllTables(source), await digestAllTables(copy)];
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  for (const table of Object.keys(expected)) expect(actual[table], table).toEqual(expected[table]);
  // Worked out from loadData: two cases, one publication with one attachment.
  expect(actual.applications?.rows).toBe(2);
  expect(actual.publications?.rows).toBe(1);
  expect(actual.publication_attachments?.rows).toBe(1);
  const attachment = await copy.selectFrom('publication_attachments').select(['file_name', 'content']).executeTakeFirstOrThrow();
  expect(attachment.file_name).toBe('名单.pdf');
  expect(Buffer.from(attachment.content).equals(Buffer.from(PDF))).toBe(true);
}

interface Source {
  connection: DatabaseConnection;
  /** What --database is given for the source. */
  url: string;
  schema: string | null;
  close(): Promise<void>;
}

async function openSource(dialect: DatabaseDialect, work: string): Promise<Source> {
  if (dialect === 'sqlite') {
    const url = join(work, 'live', 'gongkai.db');
    const connection = await connectDatabase(url);
    await migrateToLatest(connection.db);
    return { connection, url, schema: null, close: () => connection.close() };
  }
  const connection = await openTestDatabase('postgres');
  return { connection, url: testPostgresUrl()!, schema: connection.schema, close: () => connection.close() };
}

/** A new empty PostgreSQL database beside the test one, dropped by the returned function. */
async function createFreshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = testPostgresUrl()!;
  const name = `gk_restore_${randomBytes(5).toString('hex')}`;
  const admin = await connectDatabase(base);
  try {
    await sql`create database ${sql.id(name)}`.execute(admin.db);
  } finally {
    await admin.close();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = await connectDatabase(base);
      try {
        await sql`drop database if exists ${sql.id(name)} with (force)`.execute(cleanup.db);
      } finally {
        await cleanup.close();
      }
    },
  };
}

for (const dialect of testDialects()) {
  describe(`gongkai backup and restore [${dialect}]`, () => {
    let work: string;
    let source: Source;
    let env: Record<string, string | undefined>;
    const key = generateSecretKey().toString('hex');
    const cleanups: (() => Promise<void>)[] = [];

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'gk-backup-'));
      source = await openSource(dialect, work);
      await loadData(source.connection.db);
      writeFileSync(join(work, 'secret.key'), `${key}\n`, { mode: 0o600 });
      env = { SECRET_KEY_FILE: join(work, 'secret.key') };
    });
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
      await source.close();
      rmSync(work, { recursive: true, force: true });
    });

    let firstCopy = '';
    const schemaArgs = (): string[] => (source.schema === null ? [] : ['--schema', source.schema]);

    it('backs up, restores into a fresh database, and every table is the same; audit verify passes on the copy', async () => {
      const backup = await cli(['backup', '--out', 'b1', '--database', source.url, ...schemaArgs()], work, env);
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(backup.stdout).toContain('服务器密钥已一并备份');
      const manifest = JSON.parse(readFileSync(join(work, 'b1', 'manifest.json'), 'utf8')) as BackupManifest;
      expect(manifest).toMatchObject({ format: 'gongkai-backup', version: 1, dialect, schema: source.schema, secretKeySource: 'file' });
      expect(manifest.tables.applications).toBe(2);
      expect(manifest.database.name).toBe(dialect === 'sqlite' ? 'database.sqlite' : 'database.pgdump');
      expect(readFileSync(join(work, 'b1', 'secret.key'), 'utf8')).toBe(`${key}\n`);
      expect(statSync(join(work, 'b1', 'secret.key')).mode & 0o777).toBe(0o600);

      // The restored copy: a new SQLite file, or the `public` schema of a new database, so that
      // `gongkai audit verify --database URL` reads it with the default search_path.
      let target: string;
      const restoreArgs: string[] = [];
      if (dialect === 'sqlite') target = join(work, 'restored', 'gongkai.db');
      else {
        const fresh = await createFreshPostgresDatabase();
        cleanups.push(fresh.drop);
        target = fresh.url;
        restoreArgs.push('--schema', 'public');
      }
      const restoredKey = join(work, 'restored-key', 'secret.key');
      const restore = await cli(['restore', 'b1', '--database', target, ...restoreArgs, '--secret-key-file', restoredKey], work, env);
      expect(restore.stderr).toBe('');
      expect(restore.code).toBe(0);
      expect(restore.stdout).toContain('各表行数与备份一致');
      expect(readFileSync(restoredKey, 'utf8')).toBe(`${key}\n`);

      firstCopy = target;
      const copy = await connectDatabase(target);
      try {
        await expectSameTables(source.connection.db, copy.db);
        expect((await verifyAuditTrail(copy.db)).findings).toEqual([]);
      } finally {
        await copy.close();
      }
      const verify = await cli(['audit', 'verify', '--database', target], work, {});
      expect(verify.code).toBe(0);
      expect(verify.stdout).toContain('哈希链校验通过');

      // Again into the same target: refused (exit 4, nothing touched), then done with --force.
      const again = await cli(['restore', 'b1', '--database', target, ...restoreArgs, '--secret-key-file', restoredKey], work, env);
      expect(again.code).toBe(4);
      expect(again.stderr).toContain('不是空的');
      expect(again.stderr).toContain('--force');
      const forced = await cli(['restore', 'b1', '--database', target, ...restoreArgs, '--secret-key-file', restoredKey, '--force'], work, env);
      expect(forced.stderr).toBe('');
      expect(forced.code).toBe(0);
      expect(forced.stdout).toContain('服务器密钥与备份中的相同');
    });

    it('refuses a different key file unless --force, and keeps the old one renamed', async () => {
      const backup = await cli(['backup', '--out', 'b2', '--database', source.url, ...schemaArgs()], work, env);
      expect(backup.code).toBe(0);
      const otherKey = join(work, 'other', 'secret.key');
      mkdirSync(join(work, 'other'), { recursive: true });
      writeFileSync(otherKey, `${generateSecretKey().toString('hex')}\n`);
      let target: string;
      if (dialect === 'sqlite') target = join(work, 'other', 'gongkai.db');
      else {
        const fresh = await createFreshPostgresDatabase();
        cleanups.push(fresh.drop);
        target = fresh.url;
      }
      const refused = await cli(['restore', 'b2', '--database', target, '--secret-key-file', otherKey], work, env);
      expect(refused.code).toBe(4);
      expect(refused.stderr).toContain('与备份中的密钥不同');
      // Nothing written: the target is still empty, so a forced restore is the first one.
      const forced = await cli(['restore', 'b2', '--database', target, '--secret-key-file', otherKey, '--force'], work, env);
      expect(forced.stderr).toBe('');
      expect(forced.code).toBe(0);
      expect(readFileSync(otherKey, 'utf8')).toBe(`${key}\n`);
      expect(readdirSync(join(work, 'other')).filter((name) => name.startsWith('secret.key.replaced-'))).toHaveLength(1);
      // PostgreSQL without --schema: restored under the source schema's own name.
      const copy = await connectDatabase(target, dialect === 'postgres' ? { schema: source.schema! } : {});
      try {
        await expectSameTables(source.connection.db, copy.db);
      } finally {
        await copy.close();
      }
    });

    it('refuses a backup folder that is not empty, and a damaged backup', async () => {
      const refused = await cli(['backup', '--out', 'b1', '--database', source.url, ...schemaArgs()], work, env);
      expect(refused.code).toBe(4);
      expect(refused.stderr).toContain('不是空的');
      const file = join(work, 'b2', dialect === 'sqlite' ? 'database.sqlite' : 'database.pgdump');
      const bytes = readFileSync(file);
      bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
      writeFileSync(file, bytes);
      const target = dialect === 'sqlite' ? ['--database', join(work, 'never', 'gongkai.db')] : ['--database', testPostgresUrl()!, '--schema', 'gk_never'];
      const damaged = await cli(['restore', 'b2', ...target], work, env);
      expect(damaged.code).toBe(2);
      expect(damaged.stderr).toContain('已损坏或被改动');
      expect(existsSync(join(work, 'never'))).toBe(false);
    });

    it.runIf(dialect === 'postgres')('backs up the public schema (no --schema) and restores it into the public schema of another new database', async () => {
      // The usual production case: the database of the first copy holds its data in `public`.
      const backup = await cli(['backup', '--out', 'b3', '--database', firstCopy], work, env);
      expect(backup.code).toBe(0);
      expect(JSON.parse(readFileSync(join(work, 'b3', 'manifest.json'), 'utf8'))).toMatchObject({ schema: 'public' });
      const fresh = await createFreshPostgresDatabase();
      cleanups.push(fresh.drop);
      const restore = await cli(['restore', 'b3', '--database', fresh.url, '--secret-key-file', join(work, 'b3-key', 'secret.key')], work, env);
      expect(restore.stderr).toBe('');
      expect(restore.code).toBe(0);
      const copy = await connectDatabase(fresh.url);
      try {
        await expectSameTables(source.connection.db, copy.db);
      } finally {
        await copy.close();
      }
    });

    it.runIf(dialect === 'postgres')('refuses another schema of a database where the backed-up schema holds data', async () => {
      // The test database itself: the source schema is there, full; it must never be dropped.
      const refused = await cli(['restore', 'b1', '--database', testPostgresUrl()!, '--schema', 'gk_elsewhere', '--force'], work, env);
      expect(refused.code).toBe(4);
      expect(refused.stderr).toContain(`目标数据库中已有模式 ${source.schema ?? ''}`);
      expect((await source.connection.db.selectFrom('applications').select('id').execute()).length).toBe(2);
    });

    it('refuses to restore into the other engine', async () => {
      const other = dialect === 'sqlite' ? 'postgres://nobody@127.0.0.1:1/none' : join(work, 'x.db');
      const refused = await cli(['restore', 'b1', '--database', other], work, env);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(dialect === 'sqlite' ? '该备份来自 SQLite 数据库，不能还原到 PostgreSQL 数据库' : '该备份来自 PostgreSQL 数据库，不能还原到 SQLite 数据库');
    });
  });
}

describe.runIf(testDialects().includes('sqlite'))('SQLite backup while the server writes', () => {
  it('copies one consistent state while another connection keeps writing', async () => {
    const work = mkdtempSync(join(tmpdir(), 'gk-backup-live-'));
    const file = join(work, 'gongkai.db');
    const writer = await connectDatabase(file);
    try {
      await migrateToLatest(writer.db);
      let writing = true;
      let written = 0;
      const loop = (async () => {
        while (writing) {
          await writer.db.insertInto('job_runs').values({ job: 'w', period: String(written), claimed_by: 'w', claimed_at: '2026-01-01T00:00:00.000Z', finished_at: null, outcome: null, detail: null }).execute();
          written += 1;
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const backup = await cli(['backup', '--out', 'b', '--database', file], work, { SECRET_KEY_FILE: join(work, 'none.key') });
      writing = false;
      await loop;
      expect(backup.code).toBe(0);
      expect(backup.stdout).toContain('没有找到服务器密钥文件');
      const manifest = JSON.parse(readFileSync(join(work, 'b', 'manifest.json'), 'utf8')) as BackupManifest;
      // Some rows were written before the copy and some after: the manifest counts the copy's.
      expect(manifest.tables.job_runs).toBeGreaterThan(0);
      expect(manifest.tables.job_runs).toBeLessThan(written);
      const restore = await cli(['restore', 'b', '--database', join(work, 'copy.db')], work, { SECRET_KEY_FILE: join(work, 'copy.key') });
      expect(restore.code).toBe(0);
      expect(restore.stdout).toContain('备份中没有服务器密钥');
    } finally {
      await writer.close();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
