import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './hash-password.ts';

describe('scrypt password hashes', () => {
  it('encodes scrypt$32768$8$1$salt$hash with a 16-byte salt and verifies only the right password', async () => {
    const encoded = await hashPassword('Gongkai#2026x');
    const parts = encoded.split('$');
    expect(parts.slice(0, 4)).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(parts[4] ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(parts[5] ?? '', 'base64')).toHaveLength(32);
    expect(await verifyPassword('Gongkai#2026x', encoded)).toBe(true);
    expect(await verifyPassword('Gongkai#2026X', encoded)).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('Gongkai#2026x')).not.toBe(await hashPassword('Gongkai#2026x'));
  });

  it('refuses hashes it cannot read or that ask for too much work', async () => {
    expect(await verifyPassword('x', 'bcrypt$10$abc')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1073741824$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1000$8$1$AAAA$AAAA')).toBe(false); // N not a power of 2
  });
});
