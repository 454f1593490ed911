// The only reader of the environment: parsed once at start-up, then frozen and passed down.
import { dirname, join } from 'node:path';
import { parseStorageConfig } from './storage/storage-config.ts';
import type { StorageConfig } from './storage/storage-config.ts';

export interface Config {
  /** PORT, default 3000. */
  readonly port: number;
  /** HOST, default '0.0.0.0' (all interfaces). */
  readonly host: string;
  /** DATABASE_URL: postgres://… for PostgreSQL, otherwise a SQLite file path; default ./data/gongkai.db. */
  readonly databaseUrl: string;
  /** LOG_LEVEL: fatal, error, warn, info, debug, trace or silent; default info. */
  readonly logLevel: string;
  /** LOAD_DEMO_DATA: put the demo agency into an empty database; default true. */
  readonly loadDemoData: boolean;
  /**
   * SECRET_KEY: 32 bytes (64 hex digits or base64) that encrypt TOTP secrets at rest. When unset,
   * the key is read from SECRET_KEY_FILE, created there on first start.
   */
  readonly secretKey: string | undefined;
  /** SECRET_KEY_FILE; default secret.key beside the SQLite file, or ./data/secret.key for PostgreSQL. */
  readonly secretKeyFile: string;
  /**
   * STORAGE: where uploaded attachments' bytes go — database (default), filesystem (STORAGE_DIR,
   * default files/ beside the SQLite file or ./data/files for PostgreSQL) or s3 (S3_ENDPOINT,
   * S3_BUCKET, S3_REGION default us-east-1, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY). docs/deployment.md.
   */
  readonly storage: StorageConfig;
  /** JOBS: on (default) or off. Off: this process runs no scheduled jobs (src/server/jobs/); each runs once per cluster anyway. */
  readonly jobs: boolean;
  /**
   * TRUST_PROXY: false (default), true (trust X-Forwarded-For from any hop), or a comma-separated
   * list of the proxies' addresses/CIDRs (e.g. 127.0.0.1,10.0.0.0/8), as Fastify takes it.
   */
  readonly trustProxy: boolean | string;
  /** PUBLIC_URL: the portal's address for absolute links (sitemap.xml, Atom feeds), e.g. https://gongkai.example.gov.cn. */
  readonly publicUrl: string | undefined;
}

export const DEFAULT_DATABASE_URL = './data/gongkai.db';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Throws an Error naming the variable and the accepted values when one is wrong. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === '' ? undefined : raw;
  };

  const portText = value('PORT') ?? '3000';
  if (!/^\d+$/.test(portText) || Number(portText) > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${portText}"`);
  }

  const logLevel = (value('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }

  const demoText = (value('LOAD_DEMO_DATA') ?? 'true').toLowerCase();
  if (!['true', 'false', '1', '0', 'yes', 'no'].includes(demoText)) {
    throw new Error(`LOAD_DEMO_DATA must be true or false, got "${demoText}"`);
  }

  const jobsText = (value('JOBS') ?? 'on').toLowerCase();
  if (!['on', 'off'].includes(jobsText)) {
    throw new Error(`JOBS must be on or off, got "${jobsText}"`);
  }

  const databaseUrl = value('DATABASE_URL') ?? DEFAULT_DATABASE_URL;
  // Beside the SQLite file, which is what gets backed up and moved; PostgreSQL has no file of ours.
  const onFile = !/^postgres(ql)?:\/\//.test(databaseUrl) && databaseUrl !== ':memory:';
  const defaultKeyFile = join(onFile ? dirname(databaseUrl) : './data', 'secret.key');
  const storage = parseStorageConfig(env, join(onFile ? dirname(databaseUrl) : './data', 'files'));

  const proxyText = value('TRUST_PROXY') ?? 'false';
  const trustProxy = /^(true|false)$/i.test(proxyText) ? proxyText.toLowerCase() === 'true' : proxyText;
  if (typeof trustProxy === 'string' && !/^[0-9a-fA-F.:/,\s]+$/.test(trustProxy)) {
    throw new Error(`TRUST_PROXY must be true, false or a comma-separated list of proxy addresses, got "${proxyText}"`);
  }

  const publicUrlText = value('PUBLIC_URL');
  if (publicUrlText !== undefined && !/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/.test(publicUrlText)) {
    throw new Error(`PUBLIC_URL must be an http(s) origin such as https://gongkai.example.gov.cn, got "${publicUrlText}"`);
  }

  return Object.freeze({
    trustProxy,
    publicUrl: publicUrlText?.replace(/\/$/, ''),
    port: Number(portText),
    host: value('HOST') ?? '0.0.0.0',
    databaseUrl,
    secretKey: value('SECRET_KEY'),
    secretKeyFile: value('SECRET_KEY_FILE') ?? defaultKeyFile,
    storage,
    logLevel,
    loadDemoData: ['true', '1', 'yes'].includes(demoText),
    jobs: jobsText === 'on',
  });
}
