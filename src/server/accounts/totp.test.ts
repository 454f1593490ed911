import { describe, expect, it } from 'vitest';
import { computeTotp, decodeBase32, encodeBase32, totpUri, verifyTotp } from './totp.ts';

// RFC 6238 Appendix B, SHA1 rows: the ASCII key "12345678901234567890", 8-digit codes.
const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
// RFC 4648 base32 of that key (each 5-byte group "12345" → GEZDGNBV, "67890" → GY3TQOJQ).
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const VECTORS: [seconds: number, eightDigits: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('T=%i gives %s with 8 digits, and its last 6 with 6', (seconds, eight) => {
    expect(computeTotp(RFC_KEY, seconds * 1000, 8)).toBe(eight);
    expect(computeTotp(RFC_KEY, seconds * 1000)).toBe(eight.slice(2));
  });

  it('encodes and decodes base32 (RFC 4648 §10)', () => {
    expect(encodeBase32(RFC_KEY)).toBe(RFC_SECRET);
    expect(decodeBase32(RFC_SECRET)?.equals(RFC_KEY)).toBe(true);
    expect(encodeBase32(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(decodeBase32('mzxw 6ytb oi======')?.toString()).toBe('foobar');
    expect(decodeBase32('MZXW1')).toBeUndefined();
  });

  it('accepts the code of the step before and after, not two steps away', () => {
    // T=59 is step 1 (30–59 s); its code 287082.
    expect(verifyTotp(RFC_SECRET, '287082', 59_000)).toBe(1);
    expect(verifyTotp(RFC_SECRET, '287082', 89_000)).toBe(1); // step 2: one step late
    expect(verifyTotp(RFC_SECRET, '287082', 0)).toBe(1); // step 0: one step early
    expect(verifyTotp(RFC_SECRET, '287082', 90_000)).toBeUndefined(); // step 3
    expect(verifyTotp(RFC_SECRET, '287083', 59_000)).toBeUndefined();
    expect(verifyTotp(RFC_SECRET, '28708', 59_000)).toBeUndefined();
  });

  it('refuses a code of a step already used', () => {
    expect(verifyTotp(RFC_SECRET, '287082', 59_000, 1)).toBeUndefined();
    expect(verifyTotp(RFC_SECRET, '287082', 59_000, 0)).toBe(1);
  });

  it('builds the otpauth URI for authenticator apps', () => {
    expect(totpUri('ABC', 'zhang san', '政务公开')).toBe(
      'otpauth://totp/%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80:zhang%20san?secret=ABC&issuer=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80&algorithm=SHA1&digits=6&period=30',
    );
  });
});
