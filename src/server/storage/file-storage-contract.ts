// The behaviour every FileStorage must have, run against each implementation by its own test file
// (filesystem-storage.test.ts, s3-storage.test.ts).
import { describe, expect, it } from 'vitest';
import type { FileStorage } from './file-storage.ts';

/** Every byte value 0–255 once, then the same again reversed: 512 bytes. */
function allByteValues(): Uint8Array {
  const bytes = new Uint8Array(512);
  for (let index = 0; index < 256; index += 1) {
    bytes[index] = index;
    bytes[511 - index] = index;
  }
  return bytes;
}

export function describeFileStorageContract(name: string, storage: () => FileStorage): void {
  describe(`FileStorage contract: ${name}`, () => {
    it('gives back exactly the bytes it was given, under a nested key', async () => {
      const bytes = allByteValues();
      await storage().put('attachments/7/abc-1', bytes, 'application/pdf');
      const read = await storage().get('attachments/7/abc-1');
      expect(read).not.toBeNull();
      expect(read!.length).toBe(512);
      expect(read![0]).toBe(0);
      expect(read![255]).toBe(255);
      expect(read![256]).toBe(255);
      expect(read![511]).toBe(0);
    });

    it('answers null for a key never written', async () => {
      expect(await storage().get('attachments/7/never-written')).toBeNull();
    });

    it('replaces the bytes when the same key is written again', async () => {
      await storage().put('attachments/7/replaced', new TextEncoder().encode('第一版'), 'text/plain');
      await storage().put('attachments/7/replaced', new TextEncoder().encode('v2'), 'text/plain');
      expect(new TextDecoder().decode((await storage().get('attachments/7/replaced'))!)).toBe('v2');
    });

    it('deletes, and deleting a missing key is not an error', async () => {
      await storage().put('attachments/8/gone', new Uint8Array([1, 2, 3]), 'application/octet-stream');
      await storage().delete('attachments/8/gone');
      expect(await storage().get('attachments/8/gone')).toBeNull();
      await expect(storage().delete('attachments/8/gone')).resolves.toBeUndefined();
      await expect(storage().delete('attachments/8/never-written')).resolves.toBeUndefined();
    });

    it('keeps keys apart (same name under two agencies)', async () => {
      await storage().put('attachments/1/same', new Uint8Array([1]), 'application/octet-stream');
      await storage().put('attachments/2/same', new Uint8Array([2]), 'application/octet-stream');
      expect([...(await storage().get('attachments/1/same'))!]).toEqual([1]);
      expect([...(await storage().get('attachments/2/same'))!]).toEqual([2]);
    });

    it('round-trips 3 MB and ten parallel writes', async () => {
      const large = new Uint8Array(3 * 1024 * 1024);
      large[0] = 0x25;
      large[large.length - 1] = 0x0a;
      await storage().put('attachments/9/large', large, 'application/pdf');
      const read = (await storage().get('attachments/9/large'))!;
      expect(read.length).toBe(3_145_728);
      expect(read[0]).toBe(0x25);
      expect(read[3_145_727]).toBe(0x0a);
      await Promise.all(Array.from({ length: 10 }, (_, index) => storage().put(`attachments/9/parallel-${index}`, new Uint8Array([index]), 'application/octet-stream')));
      for (let index = 0; index < 10; index += 1) expect([...(await storage().get(`attachments/9/parallel-${index}`))!]).toEqual([index]);
    });

    it.each([['../outside'], ['/etc/passwd'], ['attachments/../../outside'], ['attachments//double'], ['attachments/.hidden'], ['attachments\\7\\x'], [''], ['attachments/7/'], ['附件/1'], ['a b']])(
      'refuses the key %j on put, get and delete',
      async (key) => {
        await expect(storage().put(key, new Uint8Array([1]), 'application/octet-stream')).rejects.toThrow(/Invalid storage key/);
        await expect(storage().get(key)).rejects.toThrow(/Invalid storage key/);
        await expect(storage().delete(key)).rejects.toThrow(/Invalid storage key/);
      },
    );
  });
}
