import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('uses the defaults for an empty environment', () => {
    expect(parseConfig({})).toEqual({ port: 3000, host: '0.0.0.0', databaseUrl: './data/gongkai.db', logLevel: 'info', loadDemoData: true, jobs: true, secretKey: undefined, secretKeyFile: 'data/secret.key', trustProxy: false, publicUrl: undefined, storage: { kind: 'database' } });
  });

  it('reads PORT, HOST, DATABASE_URL, LOG_LEVEL and LOAD_DEMO_DATA', () => {
    const config = parseConfig({ PORT: '8080', HOST: '127.0.0.1', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/gongkai', LOG_LEVEL: 'DEBUG', LOAD_DEMO_DATA: 'false' });
    expect(config).toEqual({ port: 8080, host: '127.0.0.1', databaseUrl: 'postgres://postgres@127.0.0.1:5432/gongkai', logLevel: 'debug', loadDemoData: false, jobs: true, secretKey: undefined, secretKeyFile: 'data/secret.key', trustProxy: false, publicUrl: undefined, storage: { kind: 'database' } });
    expect(parseConfig({ SECRET_KEY: ' k ', SECRET_KEY_FILE: '/etc/gongkai/key' })).toMatchObject({ secretKey: 'k', secretKeyFile: '/etc/gongkai/key' });
  });

  it('reads TRUST_PROXY as Fastify takes it, and refuses anything else', () => {
    expect(parseConfig({ TRUST_PROXY: 'TRUE' }).trustProxy).toBe(true);
    expect(parseConfig({ TRUST_PROXY: '127.0.0.1,10.0.0.0/8' }).trustProxy).toBe('127.0.0.1,10.0.0.0/8');
    expect(() => parseConfig({ TRUST_PROXY: 'yes please' })).toThrow('TRUST_PROXY must be');
  });

  it('reads PUBLIC_URL as an origin without the trailing slash, and refuses a path or another scheme', () => {
    expect(parseConfig({ PUBLIC_URL: 'https://gongkai.example.gov.cn/' }).publicUrl).toBe('https://gongkai.example.gov.cn');
    expect(() => parseConfig({ PUBLIC_URL: 'https://x.cn/portal' })).toThrow('PUBLIC_URL must be');
    expect(() => parseConfig({ PUBLIC_URL: 'ftp://x.cn' })).toThrow('PUBLIC_URL must be');
  });

  it('turns scheduled jobs off with JOBS=off, and refuses another value', () => {
    expect(parseConfig({ JOBS: 'OFF' }).jobs).toBe(false);
    expect(() => parseConfig({ JOBS: 'maybe' })).toThrow('JOBS must be on or off, got "maybe"');
  });

  it('reads STORAGE: the default directory beside the SQLite file, ./data/files for PostgreSQL', () => {
    expect(parseConfig({ STORAGE: 'filesystem', DATABASE_URL: '/var/lib/gongkai/gongkai.db' }).storage).toEqual({ kind: 'filesystem', directory: '/var/lib/gongkai/files' });
    expect(parseConfig({ STORAGE: 'filesystem', DATABASE_URL: 'postgres://db/gongkai' }).storage).toEqual({ kind: 'filesystem', directory: 'data/files' });
    expect(() => parseConfig({ STORAGE: 's3' })).toThrow('S3_ENDPOINT is required when STORAGE=s3');
  });

  it('treats empty values as unset', () => {
    expect(parseConfig({ PORT: '', DATABASE_URL: '  ' }).port).toBe(3000);
    expect(parseConfig({ DATABASE_URL: '  ' }).databaseUrl).toBe('./data/gongkai.db');
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(parseConfig({}))).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ PORT: '-1' }, /PORT/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ LOAD_DEMO_DATA: 'maybe' }, /LOAD_DEMO_DATA/],
  ])('rejects %o', (env, message) => {
    expect(() => parseConfig(env)).toThrow(message);
  });
});
