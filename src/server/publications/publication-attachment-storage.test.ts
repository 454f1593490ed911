// Attachments through the file storage (STORAGE=filesystem|s3): the bytes are put before the
// transaction and taken out again when it rolls back; a failed put leaves no row; removal deletes
// the file after the commit; rows written before the switch (bytes in `content`) still read.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { ROLE_CODES } from '../../domain/account/roles.ts';
import type { DomainError } from '../../domain/domain-error.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { createPublicationSearch } from '../search/publication-search.ts';
import type { FileStorage } from '../storage/file-storage.ts';
import { createFilesystemStorage } from '../storage/filesystem-storage.ts';
import { readAttachmentBytes } from './publication.repository.ts';
import { createPublicationService } from './publication.service.ts';

// A GIF by its signature (sniff-attachment-type.ts); images have no text to extract.
const GIF = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0, 0xff, 0xff, 0xff, 0, 0, 0, 0x3b]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 9, 9, 9, 9]);
const CLERK = 'u-clerk';

/** The filesystem storage with switches to make a put or a delete fail, as a full disk or a lost bucket would. */
function faultyStorage(root: string) {
  const inner = createFilesystemStorage({ root });
  const faults = { put: false, delete: false };
  const storage: FileStorage = {
    put: (key, bytes, type) => (faults.put ? Promise.reject(new Error('disk full')) : inner.put(key, bytes, type)),
    get: (key) => inner.get(key),
    delete: (key) => (faults.delete ? Promise.reject(new Error('bucket gone')) : inner.delete(key)),
  };
  return { storage, faults };
}

/** Every file under the root, as keys. */
function storedKeys(root: string): string[] {
  try {
    return (readdirSync(root, { recursive: true, withFileTypes: true }) as { isFile(): boolean; parentPath: string; name: string }[])
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
      .sort();
  } catch {
    return [];
  }
}

describeEachDatabase('publication attachments in the file storage', (database) => {
  const root = mkdtempSync(join(tmpdir(), 'gongkai-attachments-'));
  const { storage, faults } = faultyStorage(root);
  let agencyId = 0;
  const serviceWith = (fileStorage: FileStorage | undefined) =>
    createPublicationService({ db: database.db, today: () => '2026-03-02', search: createPublicationSearch({ db: database.db }), fileStorage });
  const service = () => serviceWith(storage);
  const rowsOf = (publicationId: number) =>
    database.db.selectFrom('publication_attachments').select(['id', 'sha256', 'storage_key', 'content']).where('publication_id', '=', publicationId).orderBy('id').execute();
  const draft = async (title: string) =>
    (
      await service().createDraft(
        'fs',
        { title, bodyHtml: '<p>正文</p>', issuer: '示范市文件局', writtenOn: '2026-03-01', kind: 'other', categoryCode: 'a20-01', channels: ['website'] },
        CLERK,
        ROLE_CODES,
      )
    ).id;
  const refusal = async (promise: Promise<unknown>): Promise<Error> => {
    try {
      await promise;
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected a refusal');
  };

  beforeAll(async () => {
    agencyId = (await createAgenciesRepository(database.db).createAgency({ code: 'fs', name: '示范市文件局', level: 'municipal' })).id;
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('puts the bytes under attachments/<agency>/<sha256>-<16 hex>, keeps an empty content, and reads them back', async () => {
    const id = await draft('存放在文件存储的附件');
    const details = await service().addAttachment(id, 1, { fileName: '示意图.gif', bytes: GIF }, CLERK, ROLE_CODES);
    expect(details.version).toBe(2);
    const [row] = await rowsOf(id);
    expect(row!.storage_key).toMatch(new RegExp(`^attachments/${agencyId}/${row!.sha256}-[0-9a-f]{16}$`));
    expect(row!.content.length).toBe(0);
    expect([...readFileSync(join(root, row!.storage_key!))]).toEqual([...GIF]);
    const download = await service().getAttachment(id, row!.id);
    expect(download.mediaType).toBe('image/gif');
    expect(download.size).toBe(20);
    expect([...download.bytes]).toEqual([...GIF]);
  });

  it('a transaction that fails (stale version) leaves no row and no orphan file', async () => {
    const id = await draft('版本冲突');
    const before = storedKeys(root);
    const error = (await refusal(service().addAttachment(id, 7, { fileName: '冲突.gif', bytes: GIF }, CLERK, ROLE_CODES))) as DomainError;
    expect(error.code).toBe('CONFLICT');
    expect(await rowsOf(id)).toEqual([]);
    expect(storedKeys(root)).toEqual(before);
    expect((await service().getPublication(id)).version).toBe(1);
  });

  it('a failed put leaves no row, no event and the version as it was', async () => {
    const id = await draft('存储故障');
    faults.put = true;
    try {
      const error = await refusal(service().addAttachment(id, 1, { fileName: '故障.gif', bytes: GIF }, CLERK, ROLE_CODES));
      expect(error.message).toBe('disk full');
    } finally {
      faults.put = false;
    }
    expect(await rowsOf(id)).toEqual([]);
    const details = await service().getPublication(id);
    expect(details.version).toBe(1);
    expect(details.attachments).toEqual([]);
  });

  it('removal deletes the row, then the file; the same file attached twice is two keys, and one removal leaves the other', async () => {
    const id = await draft('删除附件');
    await service().addAttachment(id, 1, { fileName: '一.gif', bytes: GIF }, CLERK, ROLE_CODES);
    await service().addAttachment(id, 2, { fileName: '二.gif', bytes: GIF }, CLERK, ROLE_CODES);
    const [first, second] = await rowsOf(id);
    expect(first!.storage_key).not.toBe(second!.storage_key);
    await service().removeAttachment(id, first!.id, 3, CLERK, ROLE_CODES);
    expect((await rowsOf(id)).map((row) => row.id)).toEqual([second!.id]);
    expect(storedKeys(root)).not.toContain(first!.storage_key);
    expect(storedKeys(root)).toContain(second!.storage_key);
    expect([...(await service().getAttachment(id, second!.id)).bytes]).toEqual([...GIF]);
  });

  it('a failed delete after the commit keeps the removal (the file stays as an orphan)', async () => {
    const id = await draft('删除时存储故障');
    await service().addAttachment(id, 1, { fileName: '孤儿.gif', bytes: GIF }, CLERK, ROLE_CODES);
    const [row] = await rowsOf(id);
    faults.delete = true;
    try {
      const details = await service().removeAttachment(id, row!.id, 2, CLERK, ROLE_CODES);
      expect(details.version).toBe(3);
      expect(details.attachments).toEqual([]);
    } finally {
      faults.delete = false;
    }
    expect(storedKeys(root)).toContain(row!.storage_key);
  });

  it('STORAGE=database keeps the bytes in the row; a row from before the switch still reads with a storage', async () => {
    const id = await draft('数据库中的附件');
    await serviceWith(undefined).addAttachment(id, 1, { fileName: '旧附件.png', bytes: PNG }, CLERK, ROLE_CODES);
    const [row] = await rowsOf(id);
    expect(row!.storage_key).toBeNull();
    expect([...new Uint8Array(row!.content)]).toEqual([...PNG]);
    expect([...(await service().getAttachment(id, row!.id)).bytes]).toEqual([...PNG]);
    // Removing it with a storage configured touches no file.
    const before = storedKeys(root);
    await service().removeAttachment(id, row!.id, 2, CLERK, ROLE_CODES);
    expect(storedKeys(root)).toEqual(before);
  });

  it('a row in the storage read without one, or whose file is gone, is a deployment fault named in the error', async () => {
    const row = { id: 41, storage_key: 'attachments/1/gone-0000000000000000', content: new Uint8Array(0) };
    await expect(readAttachmentBytes(undefined, row)).rejects.toThrow('Attachment 41 is in the file storage (attachments/1/gone-0000000000000000) but STORAGE=database');
    await expect(readAttachmentBytes(storage, row)).rejects.toThrow('Attachment 41: attachments/1/gone-0000000000000000 is missing from the file storage');
  });
});
