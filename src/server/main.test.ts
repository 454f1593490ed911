import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgenciesRepository } from './agencies/agencies.repository.ts';
import { parseConfig } from './config.ts';
import { connectDatabase } from './db/connect-database.ts';
import { createRecordsRepository } from './records/records.repository.ts';
import { startServer } from './main.ts';
import type { RunningServer } from './main.ts';

describe('startServer', () => {
  let folder: string | undefined;
  let server: RunningServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
    folder = undefined;
  });

  it('creates, migrates and fills an empty SQLite database, then serves /healthz on a real port', async () => {
    folder = mkdtempSync(join(tmpdir(), 'gongkai-start-'));
    const databaseUrl = join(folder, 'data', 'gongkai.db');
    server = await startServer(parseConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' }));
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const response = await fetch(new URL('/healthz', server.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'sqlite' });
    await server.close();
    await server.close();
    server = undefined;

    // The file holds the demo agency with its 82 applications (40 of 2024, 42 of 2025).
    const connection = await connectDatabase(databaseUrl);
    try {
      const agency = await createAgenciesRepository(connection.db).getAgencyByCode('demo');
      expect(agency.name).toBe('示范市示范局');
      expect((await createRecordsRepository(connection.db).findRecords(agency.id)).applications).toHaveLength(82);
    } finally {
      await connection.close();
    }
  });

  it('leaves the database empty when LOAD_DEMO_DATA is false', async () => {
    folder = mkdtempSync(join(tmpdir(), 'gongkai-start-'));
    const databaseUrl = join(folder, 'gongkai.db');
    server = await startServer(parseConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', LOAD_DEMO_DATA: 'false' }));
    await server.close();
    server = undefined;
    const connection = await connectDatabase(databaseUrl);
    try {
      expect(await createAgenciesRepository(connection.db).listAgencies()).toEqual([]);
    } finally {
      await connection.close();
    }
  });
});
