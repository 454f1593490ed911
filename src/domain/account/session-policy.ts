// 登录连接超时自动退出 (GB/T 22239-2019 8.1.4.1 b): a session ends after 30 minutes without a
// request, and in any case 12 hours after login. A session still waiting for its second factor
// lives 5 minutes. Times are epoch milliseconds passed in.

export const SESSION_POLICY = Object.freeze({
  idleMs: 30 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
  secondFactorMs: 5 * 60 * 1000,
});

export interface SessionTimes {
  createdAt: number;
  lastSeenAt: number;
  secondFactorDone: boolean;
}

export type SessionExpiry = 'idle' | 'absolute' | 'secondFactor';

/** The absolute end of a session started at `createdAt`. */
export function computeSessionExpiresAt(createdAt: number): number {
  return createdAt + SESSION_POLICY.absoluteMs;
}

/** Why the session has ended at `now`, or null while it is alive. An end is reached at the exact limit. */
export function computeSessionExpiry(session: SessionTimes, now: number): SessionExpiry | null {
  if (now >= computeSessionExpiresAt(session.createdAt)) return 'absolute';
  if (!session.secondFactorDone && now >= session.createdAt + SESSION_POLICY.secondFactorMs) return 'secondFactor';
  if (now >= session.lastSeenAt + SESSION_POLICY.idleMs) return 'idle';
  return null;
}
