// The only reader of the environment: parsed once at start-up, then frozen and passed down.

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

  return Object.freeze({
    port: Number(portText),
    host: value('HOST') ?? '0.0.0.0',
    databaseUrl: value('DATABASE_URL') ?? DEFAULT_DATABASE_URL,
    logLevel,
    loadDemoData: ['true', '1', 'yes'].includes(demoText),
  });
}
