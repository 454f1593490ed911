// Rendered portal pages kept in memory while the database has not changed. On SQLite the
// change stamp is total_changes() of the one connection (every write of this server) plus
// data_version (a commit by another process, e.g. `gongkai import publications`): one cheap query
// per request instead of the page's queries and rendering. A page is rendered only after its stamp
// is read, so a stored page is never older than its stamp. PostgreSQL has no such cheap stamp
// across connections, so there every request renders.
import { sql, SqliteAdapter } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

export interface CachedPage {
  status: number;
  body: string;
  contentType: string;
}

export interface PageCache {
  /** The cached page for `key`, or render it (only status 200 pages are kept). */
  get(key: string, render: () => Promise<CachedPage>): Promise<CachedPage>;
}

export const PAGE_CACHE_ENTRIES = 2_000;
const MAX_KEY_LENGTH = 512;

export function createPageCache(db: Kysely<Database>, maxEntries = PAGE_CACHE_ENTRIES): PageCache {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return { get: (_key, render) => render() };
  // Map keeps insertion order: re-inserting on a hit makes the first key the least recently used.
  const pages = new Map<string, { stamp: string; page: CachedPage }>();
  const stampQuery = sql<{ changes: number; version: number }>`select total_changes() as changes, (select data_version from pragma_data_version) as version`;
  return {
    async get(key, render) {
      if (key.length > MAX_KEY_LENGTH) return render();
      const { rows } = await stampQuery.execute(db);
      const stamp = `${rows[0]?.changes ?? ''}/${rows[0]?.version ?? ''}`;
      const hit = pages.get(key);
      if (hit !== undefined && hit.stamp === stamp) {
        pages.delete(key);
        pages.set(key, hit);
        return hit.page;
      }
      const page = await render();
      pages.delete(key);
      if (page.status === 200) {
        pages.set(key, { stamp, page });
        if (pages.size > maxEntries) pages.delete(pages.keys().next().value!);
      }
      return page;
    },
  };
}
