// TOTP secrets at rest (等保 2.0 8.1.4.8 数据保密性: authentication data stored encrypted):
// AES-256-GCM under the server's secret key. A stored value is "v1:" + base64(iv | tag | ciphertext);
// anything else is a secret stored before encryption and is read as it is.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SecretBox {
  seal(plain: string): string;
  /** Throws when the value was sealed under another key (SECRET_KEY changed). */
  open(stored: string): string;
}

const PREFIX = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_BYTES = 32;

export function createSecretBox(key: Uint8Array): SecretBox {
  if (key.length !== SECRET_KEY_BYTES) throw new Error(`secret key must be ${SECRET_KEY_BYTES} bytes, got ${key.length}`);
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
    },
    open(stored) {
      if (!stored.startsWith(PREFIX)) return stored;
      const bytes = Buffer.from(stored.slice(PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('stored secret cannot be decrypted with this SECRET_KEY (the key changed?)');
      }
    },
  };
}

/** SECRET_KEY as given: 64 hex digits or base64 of 32 bytes. Throws naming the variable. */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (bytes.length !== SECRET_KEY_BYTES) throw new Error(`SECRET_KEY must be 32 bytes as 64 hex digits or base64, got ${bytes.length} bytes`);
  return bytes;
}

export function generateSecretKey(): Buffer {
  return randomBytes(SECRET_KEY_BYTES);
}
