// STORAGE and its variables, parsed by config.ts (the only reader of the environment) through
// parseStorageConfig; main.ts turns the result into a FileStorage (create-file-storage.ts).

export const STORAGE_KINDS = ['database', 'filesystem', 's3'] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

export type StorageConfig =
  /** Bytes in the database row (the default): one SQLite file or one PostgreSQL holds everything. */
  | { readonly kind: 'database' }
  | { readonly kind: 'filesystem'; readonly directory: string }
  | {
      readonly kind: 's3';
      readonly endpoint: string;
      readonly bucket: string;
      readonly region: string;
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
    };

/**
 * STORAGE=database|filesystem|s3 (default database); STORAGE_DIR (filesystem; default
 * `defaultDirectory`); S3_ENDPOINT, S3_BUCKET, S3_REGION (default us-east-1), S3_ACCESS_KEY_ID,
 * S3_SECRET_ACCESS_KEY (s3, all required but the region). Throws an Error naming the variable.
 */
export function parseStorageConfig(env: Record<string, string | undefined>, defaultDirectory: string): StorageConfig {
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === '' ? undefined : raw;
  };
  const required = (name: string): string => {
    const found = value(name);
    if (found === undefined) throw new Error(`${name} is required when STORAGE=s3`);
    return found;
  };
  const kind = (value('STORAGE') ?? 'database').toLowerCase();
  switch (kind) {
    case 'database':
      return Object.freeze({ kind });
    case 'filesystem':
      return Object.freeze({ kind, directory: value('STORAGE_DIR') ?? defaultDirectory });
    case 's3': {
      const endpoint = required('S3_ENDPOINT');
      if (!/^https?:\/\/[^/\s]+/i.test(endpoint)) throw new Error(`S3_ENDPOINT must be an http:// or https:// URL, got "${endpoint}"`);
      const bucket = required('S3_BUCKET');
      // S3's bucket naming rules (3–63 lower-case letters, digits, '.', '-').
      if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new Error(`S3_BUCKET must be 3 to 63 lower-case letters, digits, dots or hyphens, got "${bucket}"`);
      return Object.freeze({
        kind,
        endpoint,
        bucket,
        region: value('S3_REGION') ?? 'us-east-1',
        accessKeyId: required('S3_ACCESS_KEY_ID'),
        secretAccessKey: required('S3_SECRET_ACCESS_KEY'),
      });
    }
    default:
      throw new Error(`STORAGE must be one of ${STORAGE_KINDS.join(', ')}, got "${kind}"`);
  }
}
