import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

export interface ReportRoutesOptions {
  db: Kysely<Database>;
}

/** Report pages (/reports/…, /tools/lint) and the report JSON API. STUB — being written. */
export async function reportRoutes(_app: FastifyInstance, _options: ReportRoutesOptions): Promise<void> {}
