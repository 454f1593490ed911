// buildApp(deps) returns an unstarted Fastify app. It never reads the environment: main.ts
// (or a test) passes the config and the database in.
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { IsoDate } from '../domain/report/compute/report-records.ts';
import { accountRoutes } from './accounts/accounts.routes.ts';
import { annualReportRoutes } from './annual-reports/annual-reports.routes.ts';
import { createAnnualReportApprovalService } from './annual-reports/annual-reports.service.ts';
import { randomBytes } from 'node:crypto';
import { createAccountsService } from './accounts/accounts.service.ts';
import type { SecretBox } from './accounts/secret-box.ts';
import { createStaffAccess, requireSessionOnStaffRoutes, SECURITY_SCHEMES } from './accounts/staff-access.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { applicationRoutes } from './applications/application.routes.ts';
import { createApplicationService, todayInChina } from './applications/application.service.ts';
import { createCalendarProvider } from './calendar/calendar-provider.ts';
import { calendarRoutes } from './calendar/calendar.routes.ts';
import type { Config } from './config.ts';
import { consoleStaticRoutes } from './console/console-static.ts';
import { databaseDialectOf } from './db/connect-database.ts';
import type { Database } from './db/database.ts';
import { disclosureSettingsRoutes } from './disclosure-settings/disclosure-settings.routes.ts';
import { createDisclosureSettingsService } from './disclosure-settings/disclosure-settings.service.ts';
import { registerErrorHandlers } from './http-errors.ts';
import { supervisionPlugin } from './supervision/supervision-plugin.ts';
import { portalApplyRoutes } from './portal/apply/portal-apply.routes.ts';
import { portalRoutes, registerPortalHome } from './portal/portal.routes.ts';
import { noticeRoutes } from './notices/notice.routes.ts';
import { publicationRoutes } from './publications/publication.routes.ts';
import { createPublicationService } from './publications/publication.service.ts';
import type { FileStorage } from './storage/file-storage.ts';
import { createPublicationSearch } from './search/publication-search.ts';
import { searchRoutes } from './search/search.routes.ts';
import { createNoticeService } from './notices/notice.service.ts';
import { reportRoutes } from './reports/report.routes.ts';
import { yearlyFiguresRoutes } from './yearly-figures/yearly-figures.routes.ts';

export interface AppDeps {
  config: Config;
  db: Kysely<Database>;
  /** false (default, for tests), true, or pino options merged over ours. */
  logger?: boolean | Record<string, unknown>;
  /** Today's legal date for the case clocks; default the date in China (tests pass a fixed day). */
  today?: () => IsoDate;
  /** The built staff console served at /console/; default dist/console (tests may point elsewhere). */
  consoleDir?: string;
  /** Encrypts TOTP secrets at rest; main.ts passes the server key's box (tests may leave it out). */
  secretBox?: SecretBox;
  /** 32 bytes signing the portal's form tokens; main.ts derives it from the server key; default random. */
  signingKey?: Uint8Array;
  /** Where uploaded attachments' bytes go (STORAGE=filesystem|s3, main.ts); default in the database. */
  fileStorage?: FileStorage;
}

// Requests are logged by method and path only: no query string, headers or client address,
// which could identify an applicant (条例第十五条 个人隐私).
const SAFE_SERIALIZERS = {
  req(request: { method: string; url: string }) {
    return { method: request.method, path: request.url.split('?')[0] };
  },
  res(reply: { statusCode: number }) {
    return { statusCode: reply.statusCode };
  },
};

function loggerOptions(deps: AppDeps): FastifyServerOptions['logger'] {
  if (deps.logger === undefined || deps.logger === false) return false;
  const base = { level: deps.config.logLevel, serializers: SAFE_SERIALIZERS };
  return deps.logger === true ? base : { ...base, ...deps.logger };
}

const HealthResponse = z.object({
  status: z.enum(['ok', 'error']),
  database: z.enum(['sqlite', 'postgres']),
});

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps),
    // Behind nginx (docs/deployment.md) the client's address comes from X-Forwarded-For; the portal's
    // rate limits count per address, so without this every visitor would share the proxy's.
    trustProxy: deps.config.trustProxy,
    // Report uploads are checked by the routes that take them; this is the ceiling for everything else.
    bodyLimit: 20 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandlers(app);
  // Registered before the routes: it collects each route's zod schemas as they are added.
  await app.register(swagger, {
    openapi: { info: { title: 'Gongkai 政府信息公开平台 API', version: '0.1.0' }, components: { securitySchemes: SECURITY_SCHEMES } },
    transform: jsonSchemaTransform,
  });

  const database = databaseDialectOf(deps.config.databaseUrl);
  app.withTypeProvider<ZodTypeProvider>().get(
    '/healthz',
    { schema: { response: { 200: HealthResponse, 503: HealthResponse } } },
    async (request, reply) => {
      try {
        await sql`select 1`.execute(deps.db);
        return { status: 'ok' as const, database };
      } catch (error) {
        request.log.error({ err: error }, 'health check: database query failed');
        return reply.code(503).send({ status: 'error' as const, database });
      }
    },
  );

  // Accounts (issue 5): one service for sign-in and for every staff route's session check.
  const accounts = createAccountsService({ db: deps.db, ...(deps.secretBox === undefined ? {} : { secretBox: deps.secretBox }) });
  await app.register(accountRoutes, { service: accounts, db: deps.db });
  const access = createStaffAccess({ accounts, db: deps.db });
  requireSessionOnStaffRoutes(app, access);

  await app.register(reportRoutes, { db: deps.db });
  await app.register(yearlyFiguresRoutes, { db: deps.db, access });
  // The approval of each year's report (草稿 → 审核 → 定稿 → 发布); the portal shows the published version.
  await app.register(annualReportRoutes, { service: createAnnualReportApprovalService({ db: deps.db }), access });
  // Counts with the built-in years plus those loaded into calendar_years (calendar-provider.ts).
  const applicationService = createApplicationService({ db: deps.db, calendars: createCalendarProvider(deps.db), today: deps.today ?? todayInChina });
  await app.register(applicationRoutes, { service: applicationService, access });
  await app.register(calendarRoutes, { service: applicationService, access });
  const noticeService = createNoticeService({ db: deps.db, applications: applicationService, today: deps.today ?? todayInChina });
  await app.register(noticeRoutes, { service: noticeService, applications: applicationService, access });
  await app.register(disclosureSettingsRoutes, { service: createDisclosureSettingsService({ db: deps.db }), access });
  // 主动公开: the search index is kept in step by the publication service, inside each change's transaction.
  const publicationSearch = createPublicationSearch({ db: deps.db });
  await app.register(publicationRoutes, { service: createPublicationService({ db: deps.db, calendars: createCalendarProvider(deps.db), today: deps.today ?? todayInChina, search: publicationSearch, fileStorage: deps.fileStorage }), access });
  await app.register(searchRoutes, { search: publicationSearch, db: deps.db });
  await app.register(auditRoutes, { db: deps.db, access });
  // 政务公开办's view of its subtree (issue 7), and the agency tree.
  await app.register(supervisionPlugin, { db: deps.db, access, today: deps.today ?? todayInChina });
  // The public portal (issue 6): /<agency code>/…; parametric, so every fixed path above wins.
  await app.register(portalRoutes, { db: deps.db, search: publicationSearch, fileStorage: deps.fileStorage, ...(deps.config.publicUrl === undefined ? {} : { publicUrl: deps.config.publicUrl }) });
  await registerPortalHome(app, { db: deps.db });
  await app.register(portalApplyRoutes, { db: deps.db, applications: applicationService, signingKey: deps.signingKey ?? randomBytes(32), access, ...(deps.today === undefined ? {} : { today: deps.today }) });
  // The staff console (issue 5): static files of the Vite build.
  await app.register(consoleStaticRoutes, deps.consoleDir === undefined ? {} : { dir: deps.consoleDir });
  app.get('/api/docs', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
