// Roll-up snapshots (issue 7): the supervisor's view computes the year's roll-up of up to 1 000
// agencies (1–3 s); the drawer of one summed cell, one agency's report and the exports then answer
// from that same roll-up by its snapshot id, so they are fast and add up to the numbers on screen
// even if records changed in between. A snapshot is found only under the root agency and year it
// was computed for: an id used on another subtree or year is simply not there.
//
// Per process: each process (docs/deployment.md runs several behind nginx) has its own cache; a
// request that lands on a process without the snapshot recomputes, which is correct, only slower.
// Memory: one snapshot of 1 000 agencies holds their reports and findings (a few MB), hence the
// small bound.
import { randomBytes } from 'node:crypto';
import type { SubtreeRollup } from './subtree-rollup.ts';

export const SNAPSHOT_LIMIT = 16;
export const SNAPSHOT_TTL_MS = 10 * 60_000;

export interface RollupSnapshot {
  /** Opaque, random, URL-safe. */
  id: string;
  rootId: number;
  year: number;
  /** ISO instant the roll-up was computed. */
  computedAt: string;
  rollup: SubtreeRollup;
}

export interface RollupSnapshotsOptions {
  /** At most this many snapshots, least recently used dropped first (default 16). */
  limit?: number;
  /** Snapshots older than this are not used (default 10 minutes). */
  ttlMs?: number;
  /** The clock, injectable for tests. */
  now?: () => Date;
}

export type RollupSnapshots = ReturnType<typeof createRollupSnapshots>;

/** A valid id as created by put(): 22 base64url characters (128 random bits). */
export const SNAPSHOT_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function createRollupSnapshots(options: RollupSnapshotsOptions = {}) {
  const limit = options.limit ?? SNAPSHOT_LIMIT;
  const ttlMs = options.ttlMs ?? SNAPSHOT_TTL_MS;
  const now = options.now ?? (() => new Date());
  // Map keeps insertion order: the first key is the least recently used.
  const entries = new Map<string, RollupSnapshot>();
  const keyOf = (rootId: number, year: number, id: string): string => `${rootId}/${year}/${id}`;
  const expired = (snapshot: RollupSnapshot, at: number): boolean => at - Date.parse(snapshot.computedAt) >= ttlMs;

  function dropExpired(at: number): void {
    for (const [key, snapshot] of entries) if (expired(snapshot, at)) entries.delete(key);
  }

  return {
    /** Keeps a roll-up just computed (at `computedAt`) and returns its snapshot. */
    put(rollup: SubtreeRollup, computedAt: Date): RollupSnapshot {
      const snapshot: RollupSnapshot = { id: randomBytes(16).toString('base64url'), rootId: rollup.root.id, year: rollup.year, computedAt: computedAt.toISOString(), rollup };
      dropExpired(now().getTime());
      entries.set(keyOf(snapshot.rootId, snapshot.year, snapshot.id), snapshot);
      while (entries.size > limit) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return snapshot;
    },

    /** The snapshot of that root agency and year, if still kept and not expired; else undefined. */
    get(rootId: number, year: number, id: string): RollupSnapshot | undefined {
      if (!SNAPSHOT_ID_PATTERN.test(id)) return undefined;
      const key = keyOf(rootId, year, id);
      const snapshot = entries.get(key);
      if (snapshot === undefined) return undefined;
      if (expired(snapshot, now().getTime())) {
        entries.delete(key);
        return undefined;
      }
      entries.delete(key);
      entries.set(key, snapshot);
      return snapshot;
    },

    get size(): number {
      return entries.size;
    },
  };
}
