// manifest.json of a backup directory: what was backed up, from which engine and schema version,
// each file's sha256 (a damaged copy is refused before anything is overwritten) and each table's
// row count (checked again after a restore).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from '../../../domain/domain-error.ts';
import type { DatabaseDialect } from '../connect-database.ts';

export const MANIFEST_FILE = 'manifest.json';
export const SQLITE_FILE = 'database.sqlite';
export const POSTGRES_FILE = 'database.pgdump';
export const SECRET_KEY_FILE = 'secret.key';

export interface BackupFile {
  name: string;
  size: number;
  sha256: string;
}

export interface BackupManifest {
  format: 'gongkai-backup';
  version: 1;
  createdAt: string;
  dialect: DatabaseDialect;
  /** PostgreSQL: the schema that was dumped (restored under this name, then renamed if asked). */
  schema: string | null;
  /** PostgreSQL: extensions the schema may use, created before the restore. */
  extensions: string[];
  /** The migrations the database had run, in order. */
  migrations: string[];
  /** Every table's row count, read in the same snapshot as the copy. */
  tables: Record<string, number>;
  database: BackupFile;
  /** The server key file (SECRET_KEY_FILE), or null when SECRET_KEY came from the environment or no key existed. */
  secretKey: BackupFile | null;
  secretKeySource: 'file' | 'env' | 'none';
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function unreadable(dir: string, detail: string): DomainError {
  return new DomainError('UNREADABLE_FILE', `${dir}: not a Gongkai backup (${detail})`, `${dir} 不是可用的 Gongkai 备份：${detail}`, { field: 'backup' });
}

/** Reads and checks the manifest and the sha256 of every file it lists. */
export async function readBackupManifest(dir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    throw unreadable(dir, `缺少 ${MANIFEST_FILE}`);
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(text) as BackupManifest;
  } catch {
    throw unreadable(dir, `${MANIFEST_FILE} 不是有效的 JSON`);
  }
  if (manifest.format !== 'gongkai-backup' || manifest.version !== 1) throw unreadable(dir, `${MANIFEST_FILE} 的格式或版本不受支持`);
  if (manifest.dialect !== 'sqlite' && manifest.dialect !== 'postgres') throw unreadable(dir, `未知的数据库类型 ${String(manifest.dialect)}`);
  for (const file of [manifest.database, manifest.secretKey]) {
    if (file === null) continue;
    let actual: string;
    try {
      actual = await sha256OfFile(join(dir, file.name));
    } catch {
      throw unreadable(dir, `缺少文件 ${file.name}`);
    }
    if (actual !== file.sha256) throw unreadable(dir, `文件 ${file.name} 已损坏或被改动（校验值不符）`);
  }
  return manifest;
}
