import { describe, expect, it } from 'vitest';
import { countRecentFailures, decideAfterFailure, isLocked, replayLockout } from './lockout-policy.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 28, 0, 0, 0);
const at = (minutes: number) => T0 + minutes * MINUTE;

describe('lockout policy', () => {
  it('locks on the fifth failure within 15 minutes, for 15 minutes', () => {
    const four = [at(0), at(1), at(2), at(3)];
    expect(decideAfterFailure({ failuresAt: four, lastSuccessAt: null, lockedUntil: null }, at(3))).toEqual({ failures: 4, lockedUntil: null });
    expect(decideAfterFailure({ failuresAt: [...four, at(4)], lastSuccessAt: null, lockedUntil: null }, at(4))).toEqual({ failures: 5, lockedUntil: at(19) });
  });

  it('does not count a failure exactly 15 minutes old, counts one 14:59 old', () => {
    const history = (first: number) => ({ failuresAt: [first, at(12), at(13), at(14), at(15)], lastSuccessAt: null, lockedUntil: null });
    expect(decideAfterFailure(history(at(0)), at(15))).toEqual({ failures: 4, lockedUntil: null });
    expect(decideAfterFailure(history(at(0) + 1000), at(15))).toEqual({ failures: 5, lockedUntil: at(30) });
  });

  it('forgets failures before a successful login', () => {
    expect(countRecentFailures({ failuresAt: [at(0), at(1), at(2), at(3), at(5)], lastSuccessAt: at(4), lockedUntil: null }, at(5))).toBe(1);
  });

  it('forgets failures made before or during the previous lock', () => {
    // Locked at 4 until 19; tries at 10 (while locked) and at 19, 20 after it.
    const history = { failuresAt: [at(0), at(1), at(2), at(3), at(4), at(10), at(19), at(20)], lastSuccessAt: null, lockedUntil: at(19) };
    expect(countRecentFailures(history, at(20))).toBe(2);
  });

  it('is locked until the end, not at it', () => {
    expect(isLocked(at(19), at(18))).toBe(true);
    expect(isLocked(at(19), at(19) - 1)).toBe(true);
    expect(isLocked(at(19), at(19))).toBe(false);
    expect(isLocked(null, at(19))).toBe(false);
  });

  it('replays a series of failures to the end of its latest lock', () => {
    expect(replayLockout([])).toBeNull();
    expect(replayLockout([at(0), at(1), at(2), at(3)])).toBeNull();
    expect(replayLockout([at(0), at(1), at(2), at(3), at(4)])).toBe(at(19));
    // Spread over more than 15 minutes: the first has left the window when the fifth comes.
    expect(replayLockout([at(0), at(5), at(10), at(12), at(15)])).toBeNull();
    // Tries while locked (10, 18) do not count; after the lock, five more lock again from 23.
    expect(replayLockout([at(0), at(1), at(2), at(3), at(4), at(10), at(18), at(19), at(20), at(21), at(22)])).toBe(at(19));
    expect(replayLockout([at(0), at(1), at(2), at(3), at(4), at(10), at(18), at(19), at(20), at(21), at(22), at(23)])).toBe(at(38));
  });
});
