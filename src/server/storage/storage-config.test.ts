import { describe, expect, it } from 'vitest';
import { createFileStorage } from './create-file-storage.ts';
import { parseStorageConfig } from './storage-config.ts';

const S3 = { STORAGE: 's3', S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'gongkai-files', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' };

describe('parseStorageConfig', () => {
  it('keeps the bytes in the database by default (and for an empty value)', () => {
    expect(parseStorageConfig({}, 'data/files')).toEqual({ kind: 'database' });
    expect(parseStorageConfig({ STORAGE: ' ' }, 'data/files')).toEqual({ kind: 'database' });
    expect(createFileStorage({ kind: 'database' })).toBeUndefined();
  });

  it('filesystem: STORAGE_DIR, or the default directory given by config.ts', () => {
    expect(parseStorageConfig({ STORAGE: 'filesystem' }, 'data/files')).toEqual({ kind: 'filesystem', directory: 'data/files' });
    expect(parseStorageConfig({ STORAGE: 'FILESYSTEM', STORAGE_DIR: '/srv/gongkai/files' }, 'data/files')).toEqual({ kind: 'filesystem', directory: '/srv/gongkai/files' });
  });

  it('s3: every variable, the region defaulting to us-east-1', () => {
    expect(parseStorageConfig(S3, 'x')).toEqual({ kind: 's3', endpoint: 'http://minio:9000', bucket: 'gongkai-files', region: 'us-east-1', accessKeyId: 'id', secretAccessKey: 'secret' });
    expect(parseStorageConfig({ ...S3, S3_REGION: 'cn-north-1' }, 'x')).toMatchObject({ region: 'cn-north-1' });
  });

  it.each([
    [{ STORAGE: 'nfs' }, 'STORAGE must be one of database, filesystem, s3, got "nfs"'],
    [{ ...S3, S3_ENDPOINT: undefined }, 'S3_ENDPOINT is required when STORAGE=s3'],
    [{ ...S3, S3_BUCKET: '' }, 'S3_BUCKET is required when STORAGE=s3'],
    [{ ...S3, S3_SECRET_ACCESS_KEY: undefined }, 'S3_SECRET_ACCESS_KEY is required when STORAGE=s3'],
    [{ ...S3, S3_ENDPOINT: 'minio:9000' }, 'S3_ENDPOINT must be an http:// or https:// URL, got "minio:9000"'],
    [{ ...S3, S3_BUCKET: 'Gongkai_Files' }, 'S3_BUCKET must be 3 to 63 lower-case letters, digits, dots or hyphens, got "Gongkai_Files"'],
  ])('refuses %j', (env, message) => {
    expect(() => parseStorageConfig(env, 'x')).toThrow(message);
  });
});
