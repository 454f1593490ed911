// The portal form's two guards, both signed with the server's key (HMAC-SHA256) so they need no
// storage and no outside service:
// - CSRF: a random value in an HttpOnly, SameSite=Strict cookie, and a token in the form that is
//   the HMAC of that value with its expiry; a POST must carry both and they must match.
// - Challenge: a small sum asked in Chinese text; the token carries the operands, an id and the expiry
//   under an HMAC, and each id is accepted once while it lives (ids kept in memory until expiry).
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const CSRF_COOKIE = 'gk_apply_csrf';
export const TOKEN_LIFETIME_MS = 60 * 60 * 1000;

const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

function mac(key: Uint8Array, purpose: string, payload: string): string {
  return createHmac('sha256', key).update(`${purpose}|${payload}`).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

// ---------------------------------------------------------------- CSRF

export function newCsrfCookieValue(): string {
  return randomBytes(32).toString('base64url');
}

export function isCsrfCookieValue(value: string | undefined): value is string {
  return value !== undefined && COOKIE_VALUE.test(value);
}

/** The form's token for this cookie value: "<expires ms>.<hmac>". */
export function issueCsrfToken(key: Uint8Array, cookieValue: string, now: number): string {
  const expires = now + TOKEN_LIFETIME_MS;
  return `${expires}.${mac(key, 'csrf', `${cookieValue}|${expires}`)}`;
}

export function verifyCsrfToken(key: Uint8Array, cookieValue: string | undefined, token: string | undefined, now: number): boolean {
  if (!isCsrfCookieValue(cookieValue) || token === undefined) return false;
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (match === null) return false;
  const expires = Number(match[1]);
  if (expires < now || expires > now + TOKEN_LIFETIME_MS) return false;
  return sameText(match[2]!, mac(key, 'csrf', `${cookieValue}|${expires}`));
}

/** The cookie header: Secure except over plain http to this machine (tests, local use). */
export function csrfCookieHeader(value: string, secure: boolean): string {
  const attributes = [`${CSRF_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${TOKEN_LIFETIME_MS / 1000}`];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of String(header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

// ---------------------------------------------------------------- challenge

export type ChallengeOperation = 'add' | 'subtract';

export interface Challenge {
  /** Shown to the applicant as text (a screen reader reads it too), e.g. 请计算：7 加 5 等于几？ */
  question: string;
  /** Goes back with the form in a hidden field. */
  token: string;
}

export function challengeQuestion(a: number, operation: ChallengeOperation, b: number): string {
  return `请计算：${a} ${operation === 'add' ? '加' : '减'} ${b} 等于几？`;
}

function answerOf(a: number, operation: ChallengeOperation, b: number): number {
  return operation === 'add' ? a + b : a - b;
}

/** A new challenge; `pick` (default crypto randomInt) is injectable so tests know the question. */
export function issueChallenge(key: Uint8Array, now: number, pick: (min: number, max: number) => number = randomInt): Challenge {
  const operation: ChallengeOperation = pick(0, 2) === 0 ? 'add' : 'subtract';
  let a = pick(1, 10);
  let b = pick(1, 10);
  // No negative answers: the larger number first.
  if (operation === 'subtract' && b > a) [a, b] = [b, a];
  const id = randomBytes(12).toString('base64url');
  const expires = now + TOKEN_LIFETIME_MS;
  const payload = `${id}.${expires}.${a}.${operation}.${b}`;
  return { question: challengeQuestion(a, operation, b), token: `${payload}.${mac(key, 'challenge', payload)}` };
}

export type ChallengeCheck = { ok: true; id: string; expires: number } | { ok: false; problem: 'invalid' | 'expired' | 'used' | 'wrong' };

/** Full-width digits typed by a Chinese IME count as digits. */
export function normalizeAnswer(text: string): string {
  return text.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
}

/** Checks a challenge answer; `used` records each id that was tried, right or wrong, so none is answered twice. */
export function verifyChallenge(key: Uint8Array, token: string | undefined, answer: string | undefined, now: number, used: UsedIds): ChallengeCheck {
  const match = token === undefined ? null : /^([A-Za-z0-9_-]{16})\.(\d{1,15})\.(\d{1,2})\.(add|subtract)\.(\d{1,2})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (match === null) return { ok: false, problem: 'invalid' };
  const [, id, expiresText, aText, operation, bText, signature] = match as unknown as [string, string, string, string, ChallengeOperation, string, string];
  if (!sameText(signature, mac(key, 'challenge', `${id}.${expiresText}.${aText}.${operation}.${bText}`))) return { ok: false, problem: 'invalid' };
  const expires = Number(expiresText);
  if (expires < now) return { ok: false, problem: 'expired' };
  if (!used.claim(id, expires, now)) return { ok: false, problem: 'used' };
  const given = normalizeAnswer(answer ?? '');
  if (!/^\d{1,3}$/.test(given) || Number(given) !== answerOf(Number(aText), operation, Number(bText))) return { ok: false, problem: 'wrong' };
  return { ok: true, id, expires };
}

/** Ids already used, each kept until its token expires; at most `maxEntries` (oldest dropped first). */
export interface UsedIds {
  /** False when the id was already claimed. */
  claim(id: string, expires: number, now: number): boolean;
  readonly size: number;
}

export function createUsedIds(maxEntries = 100_000): UsedIds {
  // Insertion order is claim order; expiries are claim time + lifetime, so the oldest expire first.
  const ids = new Map<string, number>();
  function prune(now: number): void {
    for (const [id, expires] of ids) {
      if (expires >= now && ids.size <= maxEntries) break;
      ids.delete(id);
    }
  }
  return {
    claim(id, expires, now) {
      prune(now);
      if (ids.has(id)) return false;
      ids.set(id, expires);
      if (ids.size > maxEntries) prune(now);
      return true;
    },
    get size() {
      return ids.size;
    },
  };
}
