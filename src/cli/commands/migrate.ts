// gongkai migrate — bring a database to the latest schema.
import { connectDatabase } from '../../server/db/connect-database.ts';
import { migrateToLatest } from '../../server/db/migrate-to-latest.ts';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { databaseUrlFor } from './database-url.ts';

export async function runMigrate(options: { database?: string }, io: CliIo): Promise<ExitCode> {
  const url = databaseUrlFor(options.database, io);
  const connection = await connectDatabase(url);
  try {
    const ran = await migrateToLatest(connection.db);
    writeLine(io.stdout, ran.length === 0 ? '数据库已是最新版本，无需迁移。' : `已执行 ${ran.length} 个迁移：\n${ran.map((name) => `  ${name}`).join('\n')}`);
  } finally {
    await connection.close();
  }
  return EXIT_OK;
}
