// The server's secret key (secret-box.ts): SECRET_KEY when given, else the key file, created with
// owner-only permissions on first start. Several servers on one PostgreSQL must share SECRET_KEY.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../config.ts';
import { generateSecretKey, parseSecretKey } from './secret-box.ts';

export function loadSecretKey(config: Pick<Config, 'secretKey' | 'secretKeyFile'>): { key: Buffer; source: 'env' | 'file' | 'created' } {
  if (config.secretKey !== undefined) return { key: parseSecretKey(config.secretKey), source: 'env' };
  if (existsSync(config.secretKeyFile)) {
    try {
      return { key: parseSecretKey(readFileSync(config.secretKeyFile, 'utf8')), source: 'file' };
    } catch (error) {
      throw new Error(`SECRET_KEY_FILE ${config.secretKeyFile}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const key = generateSecretKey();
  mkdirSync(dirname(config.secretKeyFile), { recursive: true });
  // 'wx': never overwrite a key another process wrote in the meantime.
  writeFileSync(config.secretKeyFile, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, source: 'created' };
}
