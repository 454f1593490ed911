// FileStorage in a directory. Writes go to a temporary file in the target's own directory, are
// flushed, then renamed over the target: a reader (another process) sees the old bytes or the
// new ones, never half a file, and a crash leaves at most a stray `.tmp-*` file.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { FileStorage } from './file-storage.ts';
import { assertStorageKey } from './file-storage.ts';

export function createFilesystemStorage(options: { root: string }): FileStorage {
  const root = resolve(options.root);

  function pathOf(key: string): string {
    assertStorageKey(key);
    const path = resolve(join(root, key));
    // The key pattern already rules out '..'; this is the belt to its braces.
    if (!path.startsWith(root + sep)) throw new Error(`Storage key ${key} resolves outside ${root}`);
    return path;
  }

  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.tmp-${randomBytes(6).toString('hex')}`;
      const handle = await open(temporary, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } catch (error) {
        await handle.close();
        await rm(temporary, { force: true });
        throw error;
      }
      await handle.close();
      try {
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },

    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
