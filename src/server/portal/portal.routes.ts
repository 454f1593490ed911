// The public portal (issue 6): each agency's 政府信息公开专栏 under /<agency code>/, server-rendered
// HTML that works without JavaScript. Stub: filled by the portal pages.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { PublicationSearch } from '../search/publication-search.ts';

export interface PortalRoutesOptions {
  db: Kysely<Database>;
  search: PublicationSearch;
}

export async function portalRoutes(app: FastifyInstance, options: PortalRoutesOptions): Promise<void> {
  void app;
  void options;
}
