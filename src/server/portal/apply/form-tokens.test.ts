import { describe, expect, it } from 'vitest';
import { challengeQuestion, createUsedIds, csrfCookieHeader, issueChallenge, issueCsrfToken, normalizeAnswer, readCookie, TOKEN_LIFETIME_MS, verifyChallenge, verifyCsrfToken } from './form-tokens.ts';

const KEY = new Uint8Array(32).fill(1);
const OTHER_KEY = new Uint8Array(32).fill(2);
const COOKIE = 'a'.repeat(43);
const T0 = 1_800_000_000_000;

describe('CSRF tokens', () => {
  it('accepts the token with its own cookie within the hour, and nothing else', () => {
    const token = issueCsrfToken(KEY, COOKIE, T0);
    expect(token.startsWith(`${T0 + 3_600_000}.`)).toBe(true);
    expect(verifyCsrfToken(KEY, COOKIE, token, T0 + 59 * 60 * 1000)).toBe(true);
    // Expired one millisecond after the hour.
    expect(verifyCsrfToken(KEY, COOKIE, token, T0 + TOKEN_LIFETIME_MS + 1)).toBe(false);
    expect(verifyCsrfToken(KEY, 'b'.repeat(43), token, T0)).toBe(false);
    expect(verifyCsrfToken(OTHER_KEY, COOKIE, token, T0)).toBe(false);
    expect(verifyCsrfToken(KEY, undefined, token, T0)).toBe(false);
    expect(verifyCsrfToken(KEY, COOKIE, undefined, T0)).toBe(false);
    // A later expiry with the old signature is refused.
    const [, signature] = token.split('.');
    expect(verifyCsrfToken(KEY, COOKIE, `${T0 + 3_600_001}.${signature}`, T0)).toBe(false);
  });

  it('writes an HttpOnly SameSite=Strict cookie, Secure unless asked not to', () => {
    expect(csrfCookieHeader(COOKIE, true)).toBe(`gk_apply_csrf=${COOKIE}; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600; Secure`);
    expect(csrfCookieHeader(COOKIE, false)).toBe(`gk_apply_csrf=${COOKIE}; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600`);
  });

  it('reads one cookie out of the header', () => {
    expect(readCookie('x=1; gk_apply_csrf=abc; y=2', 'gk_apply_csrf')).toBe('abc');
    expect(readCookie(undefined, 'gk_apply_csrf')).toBeUndefined();
  });
});

describe('challenge', () => {
  // pick(min, max) gives: operation 0 → add, then 7, then 5.
  const picks = (...values: number[]) => {
    const queue = [...values];
    return () => queue.shift()!;
  };

  it('asks a sum in Chinese text and accepts its answer once', () => {
    const challenge = issueChallenge(KEY, T0, picks(0, 7, 5));
    expect(challenge.question).toBe('请计算：7 加 5 等于几？');
    const used = createUsedIds();
    expect(verifyChallenge(KEY, challenge.token, '12', T0 + 1000, used)).toMatchObject({ ok: true });
    expect(verifyChallenge(KEY, challenge.token, '12', T0 + 2000, used)).toEqual({ ok: false, problem: 'used' });
  });

  it('puts the larger number first in a subtraction', () => {
    const challenge = issueChallenge(KEY, T0, picks(1, 3, 8));
    expect(challenge.question).toBe('请计算：8 减 3 等于几？');
    expect(verifyChallenge(KEY, challenge.token, '５', T0, createUsedIds())).toMatchObject({ ok: true });
  });

  it('refuses a wrong answer (and uses the challenge up), an expired one, and a forged one', () => {
    const used = createUsedIds();
    const a = issueChallenge(KEY, T0, picks(0, 2, 2));
    expect(verifyChallenge(KEY, a.token, '5', T0, used)).toEqual({ ok: false, problem: 'wrong' });
    expect(verifyChallenge(KEY, a.token, '4', T0, used)).toEqual({ ok: false, problem: 'used' });
    const b = issueChallenge(KEY, T0, picks(0, 2, 2));
    expect(verifyChallenge(KEY, b.token, '4', T0 + TOKEN_LIFETIME_MS + 1, used)).toEqual({ ok: false, problem: 'expired' });
    // The operands changed in the token: 2 + 2 made 9 + 2 without a new signature.
    const c = issueChallenge(KEY, T0, picks(0, 2, 2));
    const forged = c.token.replace(/\.2\.add\./, '.9.add.');
    expect(verifyChallenge(KEY, forged, '11', T0, used)).toEqual({ ok: false, problem: 'invalid' });
    expect(verifyChallenge(OTHER_KEY, c.token, '4', T0, used)).toEqual({ ok: false, problem: 'invalid' });
    expect(verifyChallenge(KEY, undefined, '4', T0, used)).toEqual({ ok: false, problem: 'invalid' });
  });

  it('normalises full-width digits and spaces', () => {
    expect(normalizeAnswer(' １２ ')).toBe('12');
    expect(challengeQuestion(9, 'subtract', 4)).toBe('请计算：9 减 4 等于几？');
  });
});

describe('used ids', () => {
  it('forgets an id once its token has expired, and holds at most maxEntries', () => {
    const used = createUsedIds(2);
    expect(used.claim('a', T0 + 10, T0)).toBe(true);
    expect(used.claim('a', T0 + 10, T0 + 5)).toBe(false);
    // At T0 + 11, 'a' has expired and is dropped.
    expect(used.claim('b', T0 + 100, T0 + 11)).toBe(true);
    expect(used.size).toBe(1);
    expect(used.claim('c', T0 + 100, T0 + 12)).toBe(true);
    expect(used.claim('d', T0 + 100, T0 + 13)).toBe(true);
    // Three live ids over a cap of two: the oldest ('b') went.
    expect(used.size).toBe(2);
    expect(used.claim('c', T0 + 100, T0 + 14)).toBe(false);
  });
});
