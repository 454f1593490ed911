// 登录失败处理 (GB/T 22239-2019 8.1.4.1 b): 5 failed logins within 15 minutes lock the account
// for 15 minutes. Times are epoch milliseconds passed in: the domain has no clock.

export const LOCKOUT_POLICY = Object.freeze({
  maxFailures: 5,
  windowMs: 15 * 60 * 1000,
  lockMs: 15 * 60 * 1000,
});

export function isLocked(lockedUntil: number | null, now: number): boolean {
  return lockedUntil !== null && now < lockedUntil;
}

export interface FailureHistory {
  /** Times of failed attempts, including the one just made. */
  failuresAt: readonly number[];
  /** The last successful login, if any: failures before it no longer count. */
  lastSuccessAt: number | null;
  /** The end of the previous lock, if any: failures before it (including those made while locked) no longer count. */
  lockedUntil: number | null;
}

/** The failures that count towards a lock at `now`: within the window, after the last success and the last lock. */
export function countRecentFailures(history: FailureHistory, now: number): number {
  const since = Math.max(now - LOCKOUT_POLICY.windowMs, history.lastSuccessAt ?? -Infinity);
  return history.failuresAt.filter((at) => at > since && at <= now && (history.lockedUntil === null || at >= history.lockedUntil)).length;
}

/** After a failed attempt at `now`: how many failures count, and the new lock's end if this one locks the account. */
export function decideAfterFailure(history: FailureHistory, now: number): { failures: number; lockedUntil: number | null } {
  const failures = countRecentFailures(history, now);
  return { failures, lockedUntil: failures >= LOCKOUT_POLICY.maxFailures ? now + LOCKOUT_POLICY.lockMs : null };
}

/**
 * The end of the latest lock that a series of failures (oldest first) leads to, or null. Used
 * for logins that match no user: they lock exactly as real ones do, so the answers do not tell
 * which logins exist. Failures during a lock are skipped, as they are for real users.
 */
export function replayLockout(failuresAt: readonly number[]): number | null {
  let lockedUntil: number | null = null;
  const counted: number[] = [];
  for (const at of failuresAt) {
    if (isLocked(lockedUntil, at)) continue;
    counted.push(at);
    const decision = decideAfterFailure({ failuresAt: counted, lastSuccessAt: null, lockedUntil }, at);
    if (decision.lockedUntil !== null) lockedUntil = decision.lockedUntil;
  }
  return lockedUntil;
}
