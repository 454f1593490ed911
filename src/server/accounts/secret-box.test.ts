import { describe, expect, it } from 'vitest';
import { createSecretBox, parseSecretKey } from './secret-box.ts';

const KEY = Buffer.alloc(32, 7);

describe('secret box', () => {
  it('seals to a value that does not show the secret, and opens it again', () => {
    const box = createSecretBox(KEY);
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed.startsWith('v1:')).toBe(true);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    // 12-byte iv + 16-byte tag + 16 bytes of text = 44 bytes, 60 base64 characters.
    expect(sealed.length).toBe(3 + 60);
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    // A fresh iv each time: the same secret never seals to the same text.
    expect(box.seal('JBSWY3DPEHPK3PXP')).not.toBe(sealed);
  });

  it('reads a secret stored before encryption as it is', () => {
    expect(createSecretBox(KEY).open('JBSWY3DPEHPK3PXP')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses to open under another key, and a value altered in the database', () => {
    const sealed = createSecretBox(KEY).seal('JBSWY3DPEHPK3PXP');
    expect(() => createSecretBox(Buffer.alloc(32, 8)).open(sealed)).toThrow(/SECRET_KEY/);
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(() => createSecretBox(KEY).open(`v1:${bytes.toString('base64')}`)).toThrow(/SECRET_KEY/);
  });

  it('reads SECRET_KEY as 64 hex digits or base64 of 32 bytes, and names the variable otherwise', () => {
    expect(parseSecretKey('07'.repeat(32))).toEqual(KEY);
    expect(parseSecretKey(KEY.toString('base64'))).toEqual(KEY);
    expect(() => parseSecretKey('short')).toThrow(/SECRET_KEY must be 32 bytes/);
    expect(() => createSecretBox(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
