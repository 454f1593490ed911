// Where uploaded bytes live when they are not kept in the database: a directory (shared by every
// app process, e.g. on NFS) or an S3-compatible bucket. Keys are relative paths such as
// `attachments/<agency id>/<sha256>-<random>`; the database row holds the key.

export interface FileStorage {
  /** Stores the bytes under the key, replacing what was there; resolves once they are durable. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes under the key, or null when there are none. */
  get(key: string): Promise<Uint8Array | null>;
  /** Removes the key; removing a key that is not there is not an error. */
  delete(key: string): Promise<void>;
}

export const MAX_STORAGE_KEY_LENGTH = 512;

// Segments of letters, digits, '.', '_', '-', each starting with a letter or digit: no '..', no
// absolute paths, no backslashes, nothing a shell or a URL would read differently.
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Throws when the key could leave the storage root or is not one of ours. */
export function assertStorageKey(key: string): void {
  if (key.length > MAX_STORAGE_KEY_LENGTH || !KEY_PATTERN.test(key)) {
    throw new Error(`Invalid storage key ${JSON.stringify(key.slice(0, 100))}: segments of [A-Za-z0-9._-] starting with a letter or digit, at most ${MAX_STORAGE_KEY_LENGTH} characters`);
  }
}
