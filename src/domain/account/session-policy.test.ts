import { describe, expect, it } from 'vitest';
import { computeSessionExpiresAt, computeSessionExpiry } from './session-policy.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 28, 0, 0, 0);
const at = (minutes: number) => T0 + minutes * MINUTE;

describe('session policy', () => {
  it('ends after 30 minutes without a request, exactly at 30', () => {
    const session = { createdAt: at(0), lastSeenAt: at(10), secondFactorDone: true };
    expect(computeSessionExpiry(session, at(39))).toBeNull();
    expect(computeSessionExpiry(session, at(40) - 1)).toBeNull();
    expect(computeSessionExpiry(session, at(40))).toBe('idle');
  });

  it('ends 12 hours after login even when used all along', () => {
    expect(computeSessionExpiresAt(at(0))).toBe(at(720));
    expect(computeSessionExpiry({ createdAt: at(0), lastSeenAt: at(719), secondFactorDone: true }, at(720) - 1)).toBeNull();
    expect(computeSessionExpiry({ createdAt: at(0), lastSeenAt: at(719), secondFactorDone: true }, at(720))).toBe('absolute');
  });

  it('gives 5 minutes to enter the second factor', () => {
    const pending = { createdAt: at(0), lastSeenAt: at(0), secondFactorDone: false };
    expect(computeSessionExpiry(pending, at(4))).toBeNull();
    expect(computeSessionExpiry(pending, at(5))).toBe('secondFactor');
  });
});
