// A sliding-window count per client address, in memory (one process serves the portal). Bounded:
// at most `maxKeys` addresses are tracked; past that the address seen least recently is dropped,
// and each address keeps at most `limit` timestamps.

export interface RateLimitDecision {
  allowed: boolean;
  /** When refused: the instant (ms) the oldest counted attempt leaves the window. */
  retryAt: number | null;
}

export interface RateLimiter {
  /** Counts one attempt by `key` at `now` when allowed; refused attempts are not counted. */
  hit(key: string, now: number): RateLimitDecision;
  readonly size: number;
}

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  maxKeys?: number;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { limit, windowMs } = options;
  const maxKeys = options.maxKeys ?? 10_000;
  const hits = new Map<string, number[]>();
  return {
    hit(key, now) {
      const recent = (hits.get(key) ?? []).filter((at) => at > now - windowMs);
      // Re-inserted on every hit, so the Map's first key is the one seen least recently.
      hits.delete(key);
      if (recent.length >= limit) {
        hits.set(key, recent);
        return { allowed: false, retryAt: recent[0]! + windowMs };
      }
      recent.push(now);
      hits.set(key, recent);
      while (hits.size > maxKeys) {
        const oldest = hits.keys().next().value;
        if (oldest === undefined) break;
        hits.delete(oldest);
      }
      return { allowed: true, retryAt: null };
    },
    get size() {
      return hits.size;
    },
  };
}
