// main.ts: the FileStorage that STORAGE asks for.
import type { FileStorage } from './file-storage.ts';
import { createFilesystemStorage } from './filesystem-storage.ts';
import { createS3Storage } from './s3-storage.ts';
import type { StorageConfig } from './storage-config.ts';

/** The storage for the config; undefined means the bytes stay in the database. */
export function createFileStorage(config: StorageConfig): FileStorage | undefined {
  switch (config.kind) {
    case 'database':
      return undefined;
    case 'filesystem':
      return createFilesystemStorage({ root: config.directory });
    case 's3':
      return createS3Storage(config);
  }
}
