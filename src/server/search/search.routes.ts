// 信息检索 over published 主动公开 items (条例第二十四条: the platform must offer search).
// GET /api/search?q=&category=&year=&issuer=&validity=&kind=&agency=&limit=&offset=
// Public: only published, not withdrawn, items are in the index.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { PUBLICATION_KINDS, VALIDITY_STATUSES } from '../../domain/publication/publication.ts';
import { DomainError } from '../../domain/domain-error.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import type { Database } from '../db/database.ts';
import { MAX_QUERY_LENGTH } from './parse-search-query.ts';
import { COUNT_LIMIT, MAX_LIMIT } from './publication-search.ts';
import type { PublicationSearch } from './publication-search.ts';

export interface SearchRoutesOptions {
  search: PublicationSearch;
  db: Kysely<Database>;
}

const codesOf = <T extends string>(items: readonly { code: T }[]) => items.map((item) => item.code) as [T, ...T[]];

const SearchQuerystring = z.object({
  q: z.string().max(MAX_QUERY_LENGTH),
  category: z.string().trim().min(1).max(64).optional(),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  issuer: z.string().trim().min(1).max(200).optional(),
  validity: z.enum(codesOf(VALIDITY_STATUSES)).optional(),
  kind: z.enum(codesOf(PUBLICATION_KINDS)).optional(),
  agency: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(20),
  offset: z.coerce.number().int().min(0).max(COUNT_LIMIT - 1).default(0),
});

const SearchHitSchema = z.object({
  publicationId: z.number().int(),
  agencyId: z.number().int(),
  title: z.string(),
  titleHtml: z.string(),
  snippetHtml: z.string(),
  indexNumber: z.string(),
  documentNumber: z.string().nullable(),
  issuer: z.string(),
  publishedOn: z.string(),
  categoryCode: z.string(),
  kind: z.string(),
  validity: z.string(),
});

const SearchPageSchema = z.object({
  items: z.array(SearchHitSchema),
  total: z.number().int(),
  totalIsLowerBound: z.boolean(),
  order: z.enum(['relevance', 'newest']),
  limit: z.number().int(),
  offset: z.number().int(),
});

const ErrorResponse = z.object({ error: z.string(), message: z.string() });

const FIELD_LABELS: Record<string, string> = {
  q: '检索词（q）',
  category: '目录类别（category）',
  year: '发布年度（year）',
  issuer: '发布机构（issuer）',
  validity: '有效性（validity）',
  kind: '文件类型（kind）',
  agency: '机关代码（agency）',
  limit: '每页条数（limit）',
  offset: '起始位置（offset）',
};

const REASONS: Record<string, string> = {
  invalid_type: '缺少或类型不正确',
  invalid_value: '取值不在允许的范围内',
  too_small: '为空或过小',
  too_big: '过长或过大',
};

/** A failed schema check (attachValidation) becomes a Chinese 400 naming the field. */
function checkRequest(request: FastifyRequest): void {
  const error = request.validationError as (Error & { validation?: { instancePath?: string; keyword?: string }[] }) | undefined;
  if (error === undefined || error === null) return;
  const issue = error.validation?.[0];
  const field = (issue?.instancePath ?? '').replace(/^\//, '');
  const label = FIELD_LABELS[field] ?? '检索条件';
  throw new DomainError('BAD_INPUT', `querystring ${field}: ${error.message}`, `${label}${REASONS[issue?.keyword ?? ''] ?? '不符合要求'}。`, { field });
}

export async function searchRoutes(app: FastifyInstance, options: SearchRoutesOptions): Promise<void> {
  const { search, db } = options;
  const agencies = createAgenciesRepository(db);

  /** The agency and every agency under it: a city's search covers its departments and counties. */
  async function agencyTree(code: string): Promise<number[]> {
    const root = await agencies.getAgencyByCode(code);
    const all = await agencies.listAgencies();
    const ids = [root.id];
    for (let i = 0; i < ids.length; i += 1) for (const agency of all) if (agency.parentId === ids[i] && !ids.includes(agency.id)) ids.push(agency.id);
    return ids;
  }

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/search',
    {
      attachValidation: true,
      schema: {
        summary: '检索已公开的政府信息（标题、正文和附件全文，可按类别、年度、发布机构、有效性、文件类型、机关筛选，分页）',
        description: [
          'q 为检索词：多个词以空格分隔，须同时出现；用引号（"" 或 “”）括起的为短语，须连续出现且不跨越标点。',
          `匹配不超过 1000 条时按相关度排序（order=relevance）；更多时按发布日期从新到旧排列（order=newest）。total 最多计到 ${COUNT_LIMIT} 条，超过时 totalIsLowerBound=true，只能翻看前 ${COUNT_LIMIT} 条。`,
          'agency 为机关代码，包括其下属机关。titleHtml 和 snippetHtml 中命中的词以 <mark> 标出，其余内容已转义。',
        ].join(''),
        tags: ['主动公开'],
        querystring: SearchQuerystring,
        response: { 200: SearchPageSchema, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      checkRequest(request);
      const query = request.query;
      return search.search({
        text: query.q,
        ...(query.agency === undefined ? {} : { agencyIds: await agencyTree(query.agency) }),
        ...(query.category === undefined ? {} : { categoryCode: query.category }),
        ...(query.year === undefined ? {} : { year: query.year }),
        ...(query.issuer === undefined ? {} : { issuer: query.issuer }),
        ...(query.validity === undefined ? {} : { validity: query.validity }),
        ...(query.kind === undefined ? {} : { kind: query.kind }),
        limit: query.limit,
        offset: query.offset,
      });
    },
  );
}
