import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';

describe('createRateLimiter', () => {
  it('allows `limit` hits per window per key, then says when the oldest leaves the window', () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 1000 });
    expect(limiter.hit('a', 0).allowed).toBe(true);
    expect(limiter.hit('a', 100).allowed).toBe(true);
    expect(limiter.hit('a', 200).allowed).toBe(true);
    expect(limiter.hit('a', 300)).toEqual({ allowed: false, retryAt: 1000 });
    // Another address is counted apart.
    expect(limiter.hit('b', 300).allowed).toBe(true);
    // At 1000 the hit at 0 has left the window (hits kept are those after now − window).
    expect(limiter.hit('a', 1000).allowed).toBe(true);
    expect(limiter.hit('a', 1001)).toEqual({ allowed: false, retryAt: 1100 });
  });

  it('tracks at most maxKeys addresses, dropping the one seen least recently', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000, maxKeys: 2 });
    limiter.hit('a', 0);
    limiter.hit('b', 1);
    limiter.hit('c', 2);
    expect(limiter.size).toBe(2);
    // 'a' was dropped, so it starts afresh; 'c' is still counted.
    expect(limiter.hit('a', 3).allowed).toBe(true);
    expect(limiter.hit('c', 4).allowed).toBe(false);
  });
});
