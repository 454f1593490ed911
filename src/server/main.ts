// Composition root: config -> database -> migrations -> demo data -> app -> listen.
// `npm start` runs this file; the CLI's `gongkai serve` calls startServer().
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { hkdfSync } from 'node:crypto';
import { loadSecretKey } from './accounts/load-secret-key.ts';
import { createSecretBox } from './accounts/secret-box.ts';
import { buildApp } from './app.ts';
import type { JobRunner } from './jobs/job-runner.ts';
import { startJobs } from './jobs/start-jobs.ts';
import type { Config } from './config.ts';
import { parseConfig } from './config.ts';
import { connectDatabase } from './db/connect-database.ts';
import { migrateToLatest } from './db/migrate-to-latest.ts';
import { DEMO_AGENCY } from './demo/demo-records.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/demo-users.ts';
import { loadDemoData } from './demo/load-demo-data.ts';
import { createFileStorage } from './storage/create-file-storage.ts';

export interface RunningServer {
  app: FastifyInstance;
  /** Where a browser on this machine reaches the server, e.g. http://localhost:3000/. */
  url: string;
  /** Stops listening, then closes the database. Safe to call twice. */
  close(): Promise<void>;
}

function browserUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}/`;
}

/** Starts the server and stops it gracefully on SIGINT or SIGTERM. */
export async function startServer(config: Config, options: { consoleDir?: string } = {}): Promise<RunningServer> {
  const secret = loadSecretKey(config);
  const connection = await connectDatabase(config.databaseUrl);
  let app: FastifyInstance;
  let jobs: JobRunner | undefined;
  try {
    app = await buildApp({
      config,
      db: connection.db,
      logger: true,
      secretBox: createSecretBox(secret.key),
      signingKey: new Uint8Array(hkdfSync('sha256', secret.key, new Uint8Array(0), 'gongkai portal form tokens', 32)),
      fileStorage: createFileStorage(config.storage),
      ...(options.consoleDir === undefined ? {} : { consoleDir: options.consoleDir }),
    });
    if (secret.source === 'created') app.log.info({ file: config.secretKeyFile }, 'server secret key created; back it up with the database');
    const ran = await migrateToLatest(connection.db);
    app.log.info({ database: connection.dialect, migrations: ran }, ran.length === 0 ? 'database schema is up to date' : 'database migrated');
    if (config.loadDemoData) {
      const { loaded } = await loadDemoData(connection.db);
      if (loaded) {
        app.log.info('demo agency and its 2024-2025 records loaded into the empty database');
        // Demo only: one shared password, no forced change (demo-users.ts).
        const logins = DEMO_USERS.map((user) => `${user.login} (${user.roles.join(',')})`).join(', ');
        app.log.info({ demoLogins: DEMO_USERS.map((user) => user.login) }, `demo users for agency ${DEMO_AGENCY.code}: ${logins}; password ${DEMO_PASSWORD} (demo only)`);
      }
    }
    await app.listen({ port: config.port, host: config.host });
    // Deadline reminders and the nightly audit verification, once per cluster (JOBS=off: not here).
    jobs = startJobs({ db: connection.db, log: app.log, enabled: config.jobs });
  } catch (error) {
    await connection.close();
    throw error;
  }

  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const url = browserUrl(config.host, port);
  app.log.info({ url }, `Gongkai is ready: open ${url}`);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await jobs?.stop();
      await app.close();
      await connection.close();
    })();
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    app.log.info({ signal }, 'shutting down');
    close().then(
      () => {
        process.exitCode = 0;
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  return { app, url, close };
}

const runDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (runDirectly) {
  try {
    await startServer(parseConfig(process.env));
  } catch (error) {
    console.error(JSON.stringify({ level: 'fatal', msg: 'Gongkai failed to start', error: error instanceof Error ? error.message : String(error) }));
    process.exitCode = 1;
  }
}
