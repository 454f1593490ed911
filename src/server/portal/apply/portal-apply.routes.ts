// The portal's 依申请公开 pages (issue 6): the online application form, the receipt, and the status
// page found by tracking number plus query code. Stub: filled by the application pages.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { ApplicationService } from '../../applications/application.service.ts';

export interface PortalApplyRoutesOptions {
  db: Kysely<Database>;
  applications: ApplicationService;
  /** 32 bytes: signs the forms' CSRF tokens and challenges (derived from the server key in main.ts). */
  signingKey: Uint8Array;
}

export async function portalApplyRoutes(app: FastifyInstance, options: PortalApplyRoutesOptions): Promise<void> {
  void app;
  void options;
}
