// gongkai agency create|list|move|rename: the trusted local operator (who holds the database)
// builds the tree, e.g. the first root before any administrator exists; same rules as the API.
import { connectDatabase } from '../../server/db/connect-database.ts';
import { migrateToLatest } from '../../server/db/migrate-to-latest.ts';
import type { AgenciesService, AgencyTreeEntry } from '../../server/agencies/agencies.service.ts';
import { createAgenciesService, SYSTEM_AGENCY_ACTOR } from '../../server/agencies/agencies.service.ts';
import type { CliIo } from '../cli-io.ts';
import { writeLine } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { databaseUrlFor } from './database-url.ts';

async function withAgencies<T>(database: string | undefined, io: CliIo, work: (service: AgenciesService) => Promise<T>): Promise<T> {
  const connection = await connectDatabase(databaseUrlFor(database, io));
  try {
    await migrateToLatest(connection.db);
    return await work(createAgenciesService({ db: connection.db }));
  } finally {
    await connection.close();
  }
}

const line = (a: AgencyTreeEntry): string => `${'  '.repeat(a.depth)}${a.code}  ${a.name}（${a.levelLabel}${a.external ? '，未上平台' : ''}）`;

function print(io: CliIo, json: boolean | undefined, entry: AgencyTreeEntry, verb: string): ExitCode {
  if (json === true) writeLine(io.stdout, JSON.stringify(entry));
  else writeLine(io.stdout, `${verb}：${entry.code}  ${entry.name}（${entry.levelLabel}），上级：${entry.parentCode ?? '无（最上级机关）'}`);
  return EXIT_OK;
}

export async function runAgencyCreate(options: { code: string; name: string; level: string; parent?: string; external?: boolean; json?: boolean; database?: string }, io: CliIo): Promise<ExitCode> {
  const entry = await withAgencies(options.database, io, (service) =>
    service.create({ code: options.code, name: options.name, level: options.level, parentCode: options.parent ?? null, external: options.external === true }, SYSTEM_AGENCY_ACTOR),
  );
  return print(io, options.json, entry, '已新建机关');
}

export async function runAgencyList(options: { json?: boolean; database?: string }, io: CliIo): Promise<ExitCode> {
  const entries = await withAgencies(options.database, io, (service) => service.list(SYSTEM_AGENCY_ACTOR));
  if (options.json === true) writeLine(io.stdout, JSON.stringify(entries));
  else if (entries.length === 0) writeLine(io.stdout, '还没有机关。用 gongkai agency create 新建。');
  else for (const entry of entries) writeLine(io.stdout, line(entry));
  return EXIT_OK;
}

export async function runAgencyMove(options: { code: string; parent?: string; json?: boolean; database?: string }, io: CliIo): Promise<ExitCode> {
  const entry = await withAgencies(options.database, io, (service) => service.move(options.code, options.parent ?? null, SYSTEM_AGENCY_ACTOR));
  return print(io, options.json, entry, '已调整机关');
}

export async function runAgencyRename(options: { code: string; name?: string; level?: string; json?: boolean; database?: string }, io: CliIo): Promise<ExitCode> {
  const change = { ...(options.name === undefined ? {} : { name: options.name }), ...(options.level === undefined ? {} : { level: options.level }) };
  const entry = await withAgencies(options.database, io, (service) => service.update(options.code, change, SYSTEM_AGENCY_ACTOR));
  return print(io, options.json, entry, '已修改机关');
}
