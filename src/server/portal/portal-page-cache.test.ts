// The page cache on SQLite: a page is rendered again after any write of this connection and after
// a commit by another connection (another process importing publications), never served stale.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../db/connect-database.ts';
import type { DatabaseConnection } from '../db/connect-database.ts';
import { migrateToLatest } from '../db/migrate-to-latest.ts';
import { createPageCache } from './portal-page-cache.ts';

describe('portal page cache (SQLite)', () => {
  let dir: string;
  let server: DatabaseConnection;
  let other: DatabaseConnection;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gk-page-cache-'));
    server = await connectDatabase(join(dir, 'cache.db'));
    await migrateToLatest(server.db);
    other = await connectDatabase(join(dir, 'cache.db'));
  });

  afterAll(async () => {
    await other.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the stored page until a write here or a commit elsewhere; keeps only 200 pages; evicts the oldest', async () => {
    const cache = createPageCache(server.db, 2);
    let renders = 0;
    const render = (status = 200) => async () => ({ status, body: `render ${(renders += 1)}`, contentType: 'text/html' });
    expect((await cache.get('/a', render())).body).toBe('render 1');
    expect((await cache.get('/a', render())).body).toBe('render 1');
    await server.db.insertInto('agencies').values({ code: 'x', name: '甲', level: 'county', parent_id: null }).execute();
    expect((await cache.get('/a', render())).body).toBe('render 2');
    expect((await cache.get('/a', render())).body).toBe('render 2');
    await other.db.insertInto('agencies').values({ code: 'y', name: '乙', level: 'county', parent_id: null }).execute();
    expect((await cache.get('/a', render())).body).toBe('render 3');
    // A 404 is not kept.
    expect((await cache.get('/missing', render(404))).body).toBe('render 4');
    expect((await cache.get('/missing', render(404))).body).toBe('render 5');
    // Capacity 2: /a, /b stored; /c evicts /a (the least recently used).
    expect((await cache.get('/b', render())).body).toBe('render 6');
    expect((await cache.get('/c', render())).body).toBe('render 7');
    expect((await cache.get('/b', render())).body).toBe('render 6');
    expect((await cache.get('/a', render())).body).toBe('render 8');
  });
});
