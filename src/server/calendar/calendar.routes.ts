// Loading a year's 节假日安排 over HTTP (issue 3: without upgrading Gongkai): JSON in the
// YearArrangement shape, or an ICS file sent as text/calendar. The arrangement is national, so
// the roles that count are those the user holds in any agency (calendar.load: 系统管理员).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadArrangementFromIcs, parseYearArrangement } from '../../domain/calendar/parse-year-arrangement.ts';
import { requirePermission } from '../../domain/account/permissions.ts';
import type { StaffAccess } from '../accounts/staff-access.ts';
import { STAFF_SECURITY } from '../accounts/staff-access.ts';
import { ErrorResponse, IsoDate, checkRequest } from '../applications/application.routes.ts';
import type { ApplicationService } from '../applications/application.service.ts';

const Day = z.object({ date: z.string(), name: z.string() });
const YearArrangementBody = z.object({ year: z.number().int(), holidays: z.array(Day), makeupWorkdays: z.array(Day), source: z.string() });
const LoadResult = z.object({
  year: z.number().int(),
  source: z.string(),
  loadedAt: z.string(),
  loadedBy: z.string(),
  changedCases: z.array(
    z.object({ trackingNumber: z.string(), oldDueOn: IsoDate.nullable(), newDueOn: IsoDate.nullable(), oldProvisional: z.boolean(), newProvisional: z.boolean() }),
  ),
});
const YearsResponse = z.object({
  loaded: z.array(z.object({ year: z.number().int(), source: z.string(), loadedAt: z.string(), loadedBy: z.string() })),
  builtInYears: z.array(z.number().int()),
});
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export async function calendarRoutes(app: FastifyInstance, options: { service: ApplicationService; access: StaffAccess }): Promise<void> {
  const { service, access } = options;
  app.addContentTypeParser('text/calendar', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/calendar/years',
    {
      attachValidation: true,
      schema: {
        summary: '载入一年的节假日安排（JSON，或 Content-Type: text/calendar 的 ICS 文件）；重新计算未办结申请的答复期限',
        tags: ['工作日日历'],
        security: STAFF_SECURITY,
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), source: z.string().max(200).optional() }),
        body: z.union([YearArrangementBody, z.string().min(1)]),
        response: { 200: LoadResult, ...errors },
      },
    },
    async (request) => {
      // A malformed arrangement is explained by parseYearArrangement, which names the field in Chinese.
      const arrangementBody = typeof request.body === 'object' && request.body !== null;
      if (!arrangementBody || (request.validationError?.validationContext ?? 'body') !== 'body') checkRequest(request);
      const { actor, actorRoles } = await access.anyAgency(request);
      // Refused before the body is read, whatever it holds; the service checks again.
      requirePermission(actorRoles, 'calendar.load');
      const { year, source } = request.query;
      const arrangement =
        typeof request.body === 'string'
          ? loadArrangementFromIcs(request.body, { ...(year === undefined ? {} : { year }), ...(source === undefined ? {} : { source }) })
          : parseYearArrangement(request.body);
      return service.loadCalendarYear(arrangement, actor, actorRoles);
    },
  );

  api.get(
    '/api/calendar/years',
    { schema: { summary: '已载入的节假日安排年份及内置年份', tags: ['工作日日历'], response: { 200: YearsResponse } } },
    async () => service.listCalendarYears(),
  );
}
