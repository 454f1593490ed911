import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config.ts';
import { loadSecretKey } from './load-secret-key.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the server secret key', () => {
  it('is created once beside the SQLite file, owner-only, and read back the same', () => {
    const config = parseConfig({ DATABASE_URL: join(dir, 'db', 'gongkai.db') });
    expect(config.secretKeyFile).toBe(join(dir, 'db', 'secret.key'));
    const created = loadSecretKey(config);
    expect(created.source).toBe('created');
    expect(statSync(config.secretKeyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(config.secretKeyFile, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    const again = loadSecretKey(config);
    expect(again).toEqual({ key: created.key, source: 'file' });
  });

  it('takes SECRET_KEY over the file, and names a bad file', () => {
    const config = parseConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/db', SECRET_KEY: 'ab'.repeat(32) });
    expect(config.secretKeyFile).toBe(join('data', 'secret.key'));
    expect(loadSecretKey(config)).toEqual({ key: Buffer.alloc(32, 0xab), source: 'env' });
    const bad = join(dir, 'bad.key');
    writeFileSync(bad, 'not a key');
    expect(() => loadSecretKey({ secretKey: undefined, secretKeyFile: bad })).toThrow(`SECRET_KEY_FILE ${bad}: SECRET_KEY must be 32 bytes`);
  });
});
