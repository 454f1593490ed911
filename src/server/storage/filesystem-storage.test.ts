import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeFileStorageContract } from './file-storage-contract.ts';
import { createFilesystemStorage } from './filesystem-storage.ts';

const parent = mkdtempSync(join(tmpdir(), 'gongkai-storage-'));
// A root that does not exist yet: the storage creates what it needs.
const root = join(parent, 'files');
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describeFileStorageContract('filesystem', () => createFilesystemStorage({ root }));

describe('filesystem storage', () => {
  it('writes the file at <root>/<key> and leaves no temporary file behind', async () => {
    const storage = createFilesystemStorage({ root });
    await storage.put('attachments/3/abc-def', new TextEncoder().encode('%PDF-1.7'), 'application/pdf');
    expect(readdirSync(join(root, 'attachments', '3'))).toEqual(['abc-def']);
  });

  it('another instance on the same root (another process) reads what one wrote', async () => {
    await createFilesystemStorage({ root }).put('attachments/4/shared', new Uint8Array([4, 2]), 'application/octet-stream');
    expect([...(await createFilesystemStorage({ root }).get('attachments/4/shared'))!]).toEqual([4, 2]);
  });

  it('does not read a file beside the root even when one is there', async () => {
    writeFileSync(join(parent, 'secret.key'), 'key');
    const storage = createFilesystemStorage({ root });
    await expect(storage.get('../secret.key')).rejects.toThrow(/Invalid storage key/);
  });

  it('reports a failed write and leaves nothing behind (a file where a directory must go)', async () => {
    const storage = createFilesystemStorage({ root });
    await storage.put('attachments/5', new Uint8Array([5]), 'application/octet-stream');
    await expect(storage.put('attachments/5/under-a-file', new Uint8Array([1]), 'application/octet-stream')).rejects.toThrow(/ENOTDIR|EEXIST/);
    expect([...(await storage.get('attachments/5'))!]).toEqual([5]);
  });
});
