// The only reader of the environment: parsed once at start-up, then frozen and passed down.
import { dirname, join } from 'node:path';

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

  const databaseUrl = value('DATABASE_URL') ?? DEFAULT_DATABASE_URL;
  // Beside the SQLite file, which is what gets backed up and moved; PostgreSQL has no file of ours.
  const onFile = !/^postgres(ql)?:\/\//.test(databaseUrl) && databaseUrl !== ':memory:';
  const defaultKeyFile = join(onFile ? dirname(databaseUrl) : './data', 'secret.key');

  return Object.freeze({
    port: Number(portText),
    host: value('HOST') ?? '0.0.0.0',
    databaseUrl,
    secretKey: value('SECRET_KEY'),
    secretKeyFile: value('SECRET_KEY_FILE') ?? defaultKeyFile,
    logLevel,
    loadDemoData: ['true', '1', 'yes'].includes(demoText),
  });
}
