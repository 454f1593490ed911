// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) with HMAC-SHA1, 30-second steps and
// 6 digits: what 身份验证器 apps (Google Authenticator, 微信小程序 authenticators…) accept. Secrets are
// base32 (RFC 4648) as those apps expect. A code of the step before or after is accepted (clock drift).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOTP_PARAMETERS = Object.freeze({ stepSeconds: 30, digits: 6, window: 1, secretBytes: 20 });

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function encodeBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let output = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return output;
}

/** Decodes base32, ignoring case, spaces and padding; undefined if a character is not base32. */
export function decodeBase32(text: string): Buffer | undefined {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of clean) {
    const index = BASE32_ALPHABET.indexOf(char);
    if (index < 0) return undefined;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

export function generateTotpSecret(): string {
  return encodeBase32(randomBytes(TOTP_PARAMETERS.secretBytes));
}

/** RFC 4226 §5.3: HMAC-SHA1 of the 8-byte counter, dynamic truncation, modulo 10^digits. */
export function computeHotp(key: Uint8Array, counter: number, digits: number = TOTP_PARAMETERS.digits): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const hmac = createHmac('sha1', key).update(message).digest();
  const offset = (hmac[hmac.length - 1] ?? 0) & 0x0f;
  const binary = (hmac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

/** The 30-second step of a moment (RFC 6238 §4.2, T0 = 0). */
export function totpStepOf(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PARAMETERS.stepSeconds);
}

export function computeTotp(key: Uint8Array, nowMs: number, digits: number = TOTP_PARAMETERS.digits): string {
  return computeHotp(key, totpStepOf(nowMs), digits);
}

/**
 * The step whose code matches, within one step either side of now, or undefined. Steps at or
 * before `lastUsedStep` are refused, so a code seen over a shoulder cannot be used again.
 */
export function verifyTotp(secret: string, code: string, nowMs: number, lastUsedStep: number | null = null): number | undefined {
  const key = decodeBase32(secret);
  const digits = code.trim();
  if (key === undefined || key.length === 0 || !/^\d{6}$/.test(digits)) return undefined;
  const now = totpStepOf(nowMs);
  for (let step = Math.max(0, now - TOTP_PARAMETERS.window); step <= now + TOTP_PARAMETERS.window; step += 1) {
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    // Both are 6 ASCII digits, so the lengths agree as timingSafeEqual requires.
    if (timingSafeEqual(Buffer.from(computeHotp(key, step)), Buffer.from(digits))) return step;
  }
  return undefined;
}

/** The otpauth:// URI an authenticator app reads from a QR code (Key Uri Format). */
export function totpUri(secret: string, account: string, issuer: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=${TOTP_PARAMETERS.digits}&period=${TOTP_PARAMETERS.stepSeconds}`;
}
