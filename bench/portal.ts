// `npm run bench portal [N]`: the public portal under load. The real app (buildApp, as startServer
// builds it) on a SQLite file with the demo data and N generated publications (default 10 000,
// through the publication import, so the search index and summaries are the real ones), plus a bare
// `/bench-baseline` route in the same process. A second process (portal-load.ts, autocannon, 50
// connections, 10 s each) loads the baseline, a publication page and a catalogue page over
// loopback; we print req/s, p99 and the ratio to the baseline. Floors (issue 6): ≥ 30 %, p99 < 50 ms.
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROLE_CODES } from '../src/domain/account/roles.ts';
import type { PublicationImportRow } from '../src/domain/publication/parse-publication-import.ts';
import { buildApp } from '../src/server/app.ts';
import { parseConfig } from '../src/server/config.ts';
import { connectDatabase } from '../src/server/db/connect-database.ts';
import { migrateToLatest } from '../src/server/db/migrate-to-latest.ts';
import { DEMO_AGENCY, DEMO_CREDIT_CODE } from '../src/server/demo/demo-records.ts';
import { loadDemoData } from '../src/server/demo/load-demo-data.ts';
import { createPublicationService } from '../src/server/publications/publication.service.ts';
import { createPublicationSearch } from '../src/server/search/publication-search.ts';
import { random } from './bench-support.ts';
import type { BenchLine } from './report-bench.ts';

const run = promisify(execFile);
const SECONDS = 10;
const CONNECTIONS = 50;
const TOPICS = ['政府信息公开', '财政资金', '安全生产', '城市更新', '社会救助', '政务服务', '行政执法', '生态环境保护', '公共服务', '乡村振兴'];
const DOC_TYPES = ['实施办法', '管理办法', '实施细则', '工作方案', '暂行规定', '通知', '公告'];

interface LoadResult {
  url: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function load(url: string): Promise<LoadResult> {
  const script = join(import.meta.dirname, 'portal-load.ts');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, url, String(SECONDS), String(CONNECTIONS)], { maxBuffer: 1 << 20 });
  const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as LoadResult;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`bench portal: ${url} answered ${result.non2xx} non-2xx and ${result.errors} errors`);
  return result;
}

/** N deterministic items spread over the 15 items of 第二十条, published 2016–2026. */
function generateRows(count: number): PublicationImportRow[] {
  const next = random(6);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const rows: PublicationImportRow[] = [];
  for (let i = 0; i < count; i += 1) {
    const day = new Date(Date.UTC(2016, 0, 1) + Math.floor(next() * 3_980) * 86_400_000).toISOString().slice(0, 10);
    const topic = pick(TOPICS);
    const paragraphs = Array.from({ length: 6 }, (_, k) => `<p>为${topic}，按照有关规定，现就第${k + 1}项事项说明如下：各有关部门要认真贯彻落实，切实做好${pick(TOPICS)}相关工作。</p>`);
    rows.push({
      line: i + 2,
      fields: {
        title: `示范市示范局关于${topic}的${pick(DOC_TYPES)}（第${i + 1}号）`,
        bodyHtml: paragraphs.join(''),
        summary: `关于${topic}的说明。`,
        documentNumber: next() < 0.5 ? `示政办发〔${day.slice(0, 4)}〕${i + 1}号` : null,
        issuer: DEMO_AGENCY.name,
        writtenOn: day,
        kind: 'other',
        categoryCode: `a20-${String((i % 15) + 1).padStart(2, '0')}`,
        channels: ['website'],
        validity: next() < 0.1 ? { status: 'repealed', effectiveFrom: null, endedOn: day } : { status: 'effective', effectiveFrom: null, endedOn: null },
      },
      indexNumber: null,
      publishedOn: day,
    });
  }
  return rows;
}

export async function benchPortal(count = 10_000): Promise<BenchLine[]> {
  const dir = join(import.meta.dirname, '..', '.tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-portal-${process.pid}.db`);
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: file, LOG_LEVEL: 'silent' });
  const connection = await connectDatabase(file);
  try {
    // As startServer: migrate, demo data, then the app.
    await migrateToLatest(connection.db);
    await loadDemoData(connection.db);
    const agency = await connection.db.selectFrom('agencies').select('id').where('code', '=', DEMO_AGENCY.code).executeTakeFirstOrThrow();
    await connection.db
      .insertInto('disclosure_settings')
      .values({ agency_id: agency.id, credit_code: DEMO_CREDIT_CODE, index_number_pattern: null, review_chain: null, checklist: null, updated_by: 'bench' })
      .onConflict((oc) => oc.column('agency_id').doNothing())
      .execute();
    const started = performance.now();
    const service = createPublicationService({ db: connection.db, today: () => '2026-11-28', search: createPublicationSearch({ db: connection.db }) });
    const rows = generateRows(count);
    for (let i = 0; i < rows.length; i += 2_000) await service.importPublications(DEMO_AGENCY.code, rows.slice(i, i + 2_000), 'bench', { dryRun: false, actorRoles: ROLE_CODES });
    console.error(`bench portal: ${count} publications imported in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const app = await buildApp({ config, db: connection.db, logger: true });
    app.get('/bench-baseline', async () => 'ok');
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const address = app.server.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
      // A middle item and a middle page of the largest category (count / 15 items, 20 a page).
      const middle = await connection.db.selectFrom('publications').select('id').where('agency_id', '=', agency.id).orderBy('id').offset(Math.floor(count / 2)).limit(1).executeTakeFirstOrThrow();
      const publicationUrl = `${base}/${DEMO_AGENCY.code}/publications/${middle.id}`;
      const catalogueUrl = `${base}/${DEMO_AGENCY.code}/catalogue/a20-01?page=${Math.max(1, Math.floor(count / 15 / 20 / 2))}`;
      for (const url of [publicationUrl, catalogueUrl]) {
        const res = await fetch(url);
        if (res.status !== 200) throw new Error(`bench portal: ${url} answered ${res.status}`);
      }
      const baseline = await load(`${base}/bench-baseline`);
      const lines: BenchLine[] = [
        { name: 'bare Fastify route (/bench-baseline), 50 connections, 10 s', value: baseline.requestsPerSecond, unit: 'req/s' },
        { name: 'bare Fastify route p99', value: baseline.p99, unit: 'ms' },
      ];
      for (const [name, url] of [
        ['publication page', publicationUrl],
        ['catalogue page', catalogueUrl],
      ] as const) {
        const result = await load(url);
        const ratio = result.requestsPerSecond / baseline.requestsPerSecond;
        lines.push({
          name: `${name} (${url.slice(base.length)})`,
          value: result.requestsPerSecond,
          unit: 'req/s',
          baseline: { name: 'bare Fastify route', value: baseline.requestsPerSecond, unit: 'req/s' },
          ratio,
          floor: `ratio ≥ 0.30: ${ratio >= 0.3 ? 'met' : 'MISSED'}`,
        });
        lines.push({ name: `${name} p99 latency`, value: result.p99, unit: 'ms', floor: `< 50 ms: ${result.p99 < 50 ? 'met' : 'MISSED'}` });
      }
      return lines;
    } finally {
      await app.close();
    }
  } finally {
    await connection.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
}
