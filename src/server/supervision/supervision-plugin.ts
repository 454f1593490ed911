// Issue 7's routes in one registration: the agency tree (/api/agencies) and the 政务公开办's
// supervision (/api/supervision/…).
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { StaffAccess } from '../accounts/staff-access.ts';
import { agencyRoutes } from '../agencies/agencies.routes.ts';
import { createAgenciesService } from '../agencies/agencies.service.ts';
import type { Database } from '../db/database.ts';
import { supervisionRoutes } from './supervision.routes.ts';
import { createSupervisionService } from './supervision.service.ts';

export interface SupervisionPluginOptions {
  db: Kysely<Database>;
  access: StaffAccess;
  /** Today's date in China (YYYY-MM-DD), for the late flag. */
  today: () => string;
}

export async function supervisionPlugin(app: FastifyInstance, options: SupervisionPluginOptions): Promise<void> {
  await app.register(agencyRoutes, { service: createAgenciesService({ db: options.db }), access: options.access });
  await app.register(supervisionRoutes, { service: createSupervisionService({ db: options.db, today: options.today }), access: options.access });
}
