// The platform of a whole city on PostgreSQL (issue 7, Speed): `agencies` agencies in a tree,
// `cases` 依申请公开 cases and `publications` published items, generated in the database itself
// (INSERT … SELECT over generate_series, indexes built after the load). Then: portal search of
// one agency (floor p95 < 100 ms) and of all agencies per query class, and the supervisor's
// roll-up of one year over the whole tree (floor < 3 s), and one summed cell of it answered from the
// view's snapshot against the same cell recomputed, each against a baseline of the same run.
//
// Publications: a pool of distinct items is generated and segmented by jieba in the application
// (search-bench.ts's generator, the same words as a real index), then every row of the 5,000,000
// takes the text of pool item (id mod pool size): word frequencies are those of the generator,
// agencies and dates are drawn per row. The publications table holds the fields that listings
// and table 二 read (title, kind, dates, validity), not the body: the text lives in publication_search.
//
// BENCH_SCALE_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/gongkai_scale, create it
// with createdb). BENCH_SCALE_SCHEMA=name keeps the generated schema (and reuses it when it is
// already filled): measure again without generating again; drop it by hand afterwards.
// BENCH_SCALE_GENERATE_ONLY=1 stops after generating (with BENCH_SCALE_SCHEMA, to measure later).
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Migrator, sql } from 'kysely';
import type { Kysely } from 'kysely';
import { connectDatabase } from '../src/server/db/connect-database.ts';
import type { DatabaseConnection } from '../src/server/db/connect-database.ts';
import type { Database } from '../src/server/db/database.ts';
import { MIGRATIONS, migrateToLatest } from '../src/server/db/migrate-to-latest.ts';
import { APPLICANT_TYPES, OUTCOME_CODES } from '../src/domain/report/report-format.ts';
import { createRecordsRepository } from '../src/server/records/records.repository.ts';
import { createPublicationSearch } from '../src/server/search/publication-search.ts';
import { createSupervisionService } from '../src/server/supervision/supervision.service.ts';
import type { SearchQuery } from '../src/server/search/publication-search.ts';
import { agencyLexeme, toSearchEntry, toTsvectorLiteral } from '../src/server/search/search-entry.ts';
import { FILL_WORD_COUNTS_SQL, POSTGRES_INDEX_SQL } from '../src/server/search/postgres-search-index.ts';
import type { BenchLine } from './report-bench.ts';
import { median, percentile, random, timeOnce } from './bench-support.ts';
import { createGenerator, queryClasses } from './search-bench.ts';

const URL = process.env.BENCH_SCALE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/gongkai_scale';
const POOL = 50_000;
const POOL_BATCH = 500;
const QUERIES_PER_CLASS = 200;
const REPORT_YEAR = 2025;
/** Agencies get rows by rank^(−1/3): the city government most, a township a few hundred. */
const SKEW = 1.5;

interface Generated {
  firstAgencyId: number;
  lines: BenchLine[];
}

const step = async (lines: BenchLine[], name: string, fn: () => Promise<unknown>): Promise<number> => {
  const { ms } = await timeOnce(fn);
  lines.push({ name: `generate: ${name}`, value: ms / 1000, unit: 's' });
  console.log(`  … ${name}: ${(ms / 1000).toFixed(1)} s`);
  return ms;
};

async function generate(db: Kysely<Database>, agencies: number, cases: number, publications: number): Promise<Generated> {
  const lines: BenchLine[] = [];
  const start = performance.now();
  let firstAgencyId = 0;
  // One connection throughout: the session settings and the seed of random() hold for all statements.
  await db.connection().execute(async (c) => {
    await sql`set maintenance_work_mem = '1GB'`.execute(c);
    await sql`set synchronous_commit = off`.execute(c);
    await sql`select setseed(0.20261128)`.execute(c);

    // The tree: 市政府; its departments (up to 59) and districts (up to 15); the rest under the districts.
    await step(lines, `${agencies.toLocaleString('en')} agencies in a tree`, async () => {
      await sql`insert into agencies (code, name, level)
        select 'city-' || lpad(g::text, 4, '0'),
               case when g = 1 then '示范市人民政府' when g <= 60 then '示范市部门' || g when g <= 75 then '示范市区县' || g else '示范市乡镇街道' || g end,
               case when g = 1 then 'municipal' when g <= 60 then 'department' when g <= 75 then 'county' else 'township' end
        from generate_series(1, ${agencies}::int) g order by g`.execute(c);
      const { rows } = await sql<{ low: number; high: number }>`select min(id) as low, max(id) as high from agencies where code like 'city-%'`.execute(c);
      firstAgencyId = Number(rows[0]!.low);
      if (Number(rows[0]!.high) - firstAgencyId !== agencies - 1) throw new Error('agency ids are not contiguous');
      await sql`update agencies set parent_id = case
          when id - ${firstAgencyId}::int + 1 <= 75 then ${firstAgencyId}::int
          else ${firstAgencyId}::int + 60 + ((id - ${firstAgencyId}::int + 1 - 76) % 15) end
        where code like 'city-%' and id <> ${firstAgencyId}::int`.execute(c);
    });

    const agencyOf = sql`(${firstAgencyId}::int + floor(${agencies}::int * power(random(), ${SKEW}::float8))::int)`;
    const applicantTypes = sql.raw(`array[${APPLICANT_TYPES.map((t) => `'${t.code}'`).join(',')}]`);
    const outcomes = sql.raw(`array[${OUTCOME_CODES.map((o) => `'${o}'`).join(',')}]`);
    await step(lines, `${cases.toLocaleString('en')} cases (3 % open) and review cases`, async () => {
      await sql`insert into applications (agency_id, tracking_number, query_code_hash, channel, applicant_type, applicant_name,
          requested_information, received_on, state, outcome, concluded_on, version)
        select a.agency_id, 'S' || a.g, repeat('0', 64), 'online', (${applicantTypes})[1 + floor(random() * ${APPLICANT_TYPES.length}::int)::int],
               '申请人' || a.g, '关于示范市有关事项的政府信息', a.received_on,
               case when a.open then 'in_progress' else 'closed' end,
               case when a.open then null else (${outcomes})[1 + floor(random() * ${OUTCOME_CODES.length}::int)::int] end,
               case when a.open then null else a.received_on + 1 + floor(random() * 40)::int end, 1
        from (select g, ${agencyOf} as agency_id, date '2016-01-01' + floor(random() * 3984)::int as received_on, random() < 0.03 as open
              from generate_series(1, ${cases}::int) g) a`.execute(c);
      await sql`insert into review_cases (agency_id, kind, body, filed_on, concluded_on, result)
        select r.agency_id, (array['adminReview','litigationDirect','litigationAfterReview'])[1 + floor(random() * 3)::int], '示范市人民政府', r.filed_on,
               case when r.open then null else r.filed_on + 30 end,
               case when r.open then null else (array['upheld','corrected','otherResult'])[1 + floor(random() * 3)::int] end
        from (select ${agencyOf} as agency_id, date '2016-01-01' + floor(random() * 3984)::int as filed_on, random() < 0.1 as open
              from generate_series(1, ${Math.max(1, Math.floor(cases / 1000))}::int)) r`.execute(c);
    });

    const poolSize = Math.min(POOL, publications);
    await step(lines, `a pool of ${poolSize.toLocaleString('en')} distinct items segmented by jieba`, async () => {
      await sql`create temporary table scale_pool (n int primary key, title text, body_text text, issuer text, category_code text, kind text,
        validity text, document_number text, words tsvector)`.execute(c);
      const generator = createGenerator([firstAgencyId]);
      for (let done = 0; done < poolSize; done += POOL_BATCH) {
        const rows = [];
        for (let n = done; n < Math.min(poolSize, done + POOL_BATCH); n += 1) {
          const entry = toSearchEntry(generator.next(n + 1));
          const d = entry.document;
          rows.push(sql`(${n}, ${d.title}, ${d.bodyText}, ${d.issuer}, ${d.categoryCode}, ${d.kind}, ${d.validity}, ${d.documentNumber}, ${toTsvectorLiteral(entry)}::tsvector)`);
        }
        await sql`insert into scale_pool values ${sql.join(rows)}`.execute(c);
      }
    });

    await step(lines, `${publications.toLocaleString('en')} publications`, async () => {
      await sql`insert into publications (id, agency_id, index_number, title, body_html, body_text, summary, document_number, issuer,
          written_on, published_on, kind, category_code, channels, validity, state, author, version)
        select g.id, g.agency_id, 'S/' || g.id, p.title, '', '', '', p.document_number, p.issuer, g.day - floor(random() * 20)::int, g.day,
               p.kind, p.category_code, '["portal"]', p.validity, 'published', 'bench', 1
        from (select id, ${agencyOf} as agency_id, date '2016-01-01' + floor(random() * 3984)::int as day from generate_series(1, ${publications}::int) id) g
        join scale_pool p on p.n = g.id % ${poolSize}::int`.execute(c);
      await sql`select setval(pg_get_serial_sequence('publications', 'id'), ${publications}::int)`.execute(c);
    });

    await step(lines, `their search index, loaded (indexes after)`, async () => {
      for (const name of POSTGRES_INDEX_SQL.map((index) => index.name)) await sql`drop index if exists ${sql.id(name)}`.execute(c);
      await sql`insert into publication_search (publication_id, search_key, agency_id, title, body_text, attachments_text, index_number,
          document_number, issuer, category_code, kind, validity, published_on, words)
        select b.id, (b.published_on - date '1970-01-01')::bigint * 4294967296 + b.id, b.agency_id, b.title, p.body_text, '', b.index_number,
               b.document_number, b.issuer, b.category_code, b.kind, b.validity, b.published_on,
               ts_delete(p.words, ${agencyLexeme(firstAgencyId)}::text) || array_to_tsvector(array['agency=' || b.agency_id])
        from publications b join scale_pool p on p.n = b.id % ${poolSize}::int`.execute(c);
    });
    for (const index of POSTGRES_INDEX_SQL) await step(lines, `index ${index.name}`, () => sql.raw(index.create).execute(c));
    await step(lines, 'word counts per agency (publication_search_word_counts)', () => sql.raw(FILL_WORD_COUNTS_SQL).execute(c));
    // The pool's agency lexeme was replaced by each row's: the GIN filter must see the row's agency.
    const { rows: check } = await sql<{ n: number }>`select count(*) as n from publication_search
      where words @@ ${`'${agencyLexeme(firstAgencyId)}'`}::tsquery and agency_id <> ${firstAgencyId}::int`.execute(c);
    if (Number(check[0]!.n) !== 0) throw new Error('agency lexemes do not match agency_id');
    await step(lines, 'VACUUM ANALYZE (as autovacuum would have)', async () => {
      await sql`drop table scale_pool`.execute(c);
      await sql`vacuum analyze`.execute(c);
    });
  });
  lines.unshift({ name: `generate all (${agencies.toLocaleString('en')} agencies, ${cases.toLocaleString('en')} cases, ${publications.toLocaleString('en')} publications)`, value: (performance.now() - start) / 1000, unit: 's' });
  return { firstAgencyId, lines };
}

// ---------------------------------------------------------------- search

async function measureSearch(db: Kysely<Database>, firstAgencyId: number, agencies: number): Promise<BenchLine[]> {
  const search = createPublicationSearch({ db });
  const lines: BenchLine[] = [];
  const pickAgency = random(11);
  const agencyOf = () => firstAgencyId + Math.floor(pickAgency() * agencies);
  // Baselines: a round trip, and the least a per-agency query reads (its rows counted by the agency index).
  const roundTrips: number[] = [];
  const agencyCounts: number[] = [];
  for (let i = 0; i < QUERIES_PER_CLASS; i += 1) {
    roundTrips.push((await timeOnce(() => sql`select 1`.execute(db))).ms);
    const agencyId = agencyOf();
    agencyCounts.push((await timeOnce(() => sql`select count(*) from publication_search where agency_id = ${agencyId}`.execute(db))).ms);
  }
  const roundTrip = median(roundTrips);
  const agencyCount = median(agencyCounts);
  lines.push({ name: 'baseline: select 1 round trip, p50', value: roundTrip, unit: 'ms' });
  lines.push({ name: "baseline: count(*) of one agency's publication_search rows (a random agency), p50", value: agencyCount, unit: 'ms' });
  for (const text of ['政府', '低保', '"政府信息 公开"']) await search.search({ text, limit: 20, offset: 0, agencyIds: [firstAgencyId] });
  const allP95: { name: string; p95: number }[] = [];
  for (const scope of ['one agency (portal /<code>/search)', 'all agencies (platform search)'] as const) {
    const perAgency = scope.startsWith('one');
    for (const queryClass of queryClasses()) {
      const times: number[] = [];
      let totals = 0;
      let newest = 0;
      for (const text of queryClass.texts.slice(0, QUERIES_PER_CLASS)) {
        const query: SearchQuery = { text, limit: 20, offset: 0, ...(perAgency ? { agencyIds: [agencyOf()] } : {}) };
        const { ms, value } = await timeOnce(() => search.search(query));
        times.push(ms);
        totals += value.total;
        if (value.order === 'newest') newest += 1;
      }
      const n = times.length;
      const [p50, p95, p99] = [0.5, 0.95, 0.99].map((p) => percentile(times, p)) as [number, number, number];
      const floor = perAgency && queryClass.floor ? ' (floor p95 < 100 ms)' : '';
      lines.push({
        name: `${scope}: ${queryClass.name} — p50 / p95 / p99 = ${p50.toFixed(1)} / ${p95.toFixed(1)} / ${p99.toFixed(1)} ms; p95${floor} (${n} queries, mean total ${Math.round(totals / n).toLocaleString('en')}, ${newest} newest-first)`,
        value: p95,
        unit: 'ms',
        baseline: perAgency ? { name: "count(*) of one agency's rows, p50", value: agencyCount, unit: 'ms' } : { name: 'select 1 round trip, p50', value: roundTrip, unit: 'ms' },
        ratio: p95 / (perAgency ? agencyCount : roundTrip),
      });
      if (perAgency && queryClass.floor) allP95.push({ name: queryClass.name, p95 });
      console.log(`  … ${lines.at(-1)!.name}`);
    }
  }
  const worst = allP95.reduce((a, b) => (b.p95 > a.p95 ? b : a), { name: '', p95: 0 });
  lines.push({ name: `portal search (one agency), worst p95 of the floored classes: ${worst.name}`, value: worst.p95, unit: 'ms', floor: '< 100 ms' });
  return lines;
}

// ---------------------------------------------------------------- roll-up

type Rollup = (db: Kysely<Database>, agencyId: number, year: number, options: { today: string }) => Promise<unknown>;

/** computeSubtreeRollup from src/server/supervision/ (issue 7, being written alongside), if it is there. */
async function findRollup(): Promise<Rollup | undefined> {
  const dir = join(import.meta.dirname, '..', 'src', 'server', 'supervision');
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  } catch {
    return undefined;
  }
  for (const file of files) {
    const module = (await import(join(dir, file))) as { computeSubtreeRollup?: Rollup };
    if (typeof module.computeSubtreeRollup === 'function') return module.computeSubtreeRollup;
  }
  return undefined;
}

async function measureRollup(db: Kysely<Database>, firstAgencyId: number, agencies: number): Promise<BenchLine[]> {
  const start = `${REPORT_YEAR}-01-01`;
  const end = `${REPORT_YEAR}-12-31`;
  // Baseline: the year's cases of every agency grouped in one statement, as the tables 三 need them.
  const bare = () => sql`select agency_id, applicant_type, outcome, count(*) from applications
      where received_on <= ${end} and (received_on >= ${start} or concluded_on is null or concluded_on >= ${start})
      group by agency_id, applicant_type, outcome`.execute(db);
  const rollup = await findRollup();
  const records = createRecordsRepository(db);
  const ids = Array.from({ length: agencies }, (_, i) => firstAgencyId + i);
  // Until computeSubtreeRollup exists: every agency's tables 二, 三 and 四 from the records repository.
  const interim = async () => {
    for (const agencyId of ids) await Promise.all([records.findReportCounts(agencyId, REPORT_YEAR), records.findRecordsWithoutCases(agencyId)]);
  };
  const run: () => Promise<unknown> = rollup === undefined ? interim : () => rollup(db, firstAgencyId, REPORT_YEAR, { today: '2026-11-28' });
  const name =
    rollup === undefined
      ? `roll-up ${REPORT_YEAR} (interim: records repository findReportCounts + findRecordsWithoutCases for each of ${agencies.toLocaleString('en')} agencies, one after another)`
      : `roll-up ${REPORT_YEAR}: computeSubtreeRollup from the root over ${agencies.toLocaleString('en')} agencies`;
  await run(); // warm up
  const runs: number[] = [];
  const bareRuns: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    runs.push((await timeOnce(run)).ms);
    bareRuns.push((await timeOnce(bare)).ms);
  }
  const value = median(runs);
  const baseline = median(bareRuns);
  // The drawer of one summed cell: answered from the view's snapshot vs the whole roll-up recomputed.
  const { rows: roots } = await sql<{ code: string }>`select code from agencies where id = ${firstAgencyId}::int`.execute(db);
  const rootCode = roots[0]!.code;
  const service = createSupervisionService({ db, today: () => '2026-11-28' });
  const { snapshot } = await service.view(rootCode, REPORT_YEAR);
  const address = { table: 'table3', row: 'received', column: 'total' } as const;
  const fromSnapshot: number[] = [];
  const recomputed: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    fromSnapshot.push((await timeOnce(() => service.cell(rootCode, REPORT_YEAR, address, { snapshot: snapshot.id }))).ms);
    recomputed.push((await timeOnce(() => service.cell(rootCode, REPORT_YEAR, address))).ms);
  }
  return [
    {
      name: `${name}, median of 3`,
      value,
      unit: 'ms',
      baseline: { name: 'one bare GROUP BY agency, applicant type, outcome over the year', value: baseline, unit: 'ms' },
      ratio: value / baseline,
      floor: '< 3,000 ms',
    },
    {
      name: `drawer of one summed cell (table 三 received, total) from the view's snapshot over ${agencies.toLocaleString('en')} agencies, median of 3`,
      value: median(fromSnapshot),
      unit: 'ms',
      baseline: { name: 'the same cell with the roll-up recomputed (no snapshot)', value: median(recomputed), unit: 'ms' },
      ratio: median(fromSnapshot) / median(recomputed),
      floor: '< 100 ms',
    },
  ];
}

// ---------------------------------------------------------------- run

export async function benchScale(agencies = 1_000, cases = 2_000_000, publications = 5_000_000): Promise<BenchLine[]> {
  let admin: DatabaseConnection;
  try {
    admin = await connectDatabase(URL);
    await sql`select 1`.execute(admin.db);
  } catch (error) {
    console.log(`(scale skipped: ${URL} is not reachable — ${(error as Error).message}; createdb gongkai_scale, or set BENCH_SCALE_DATABASE_URL)`);
    return [];
  }
  const kept = process.env.BENCH_SCALE_SCHEMA;
  const schema = kept ?? `gk_scale_${randomBytes(6).toString('hex')}`;
  const lines: BenchLine[] = [];
  try {
    const { rows } = await sql<{ n: number }>`select count(*) as n from pg_namespace where nspname = ${schema}`.execute(admin.db);
    const exists = Number(rows[0]!.n) > 0;
    if (!exists) await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    const connection = await connectDatabase(URL, { schema });
    try {
      const { db } = connection;
      if (exists) {
        // A kept schema may predate a migration named before its last one (parallel work): run it anyway.
        const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) }, allowUnorderedMigrations: true, migrationTableSchema: schema });
        const { error } = await migrator.migrateToLatest();
        if (error !== undefined) throw error;
      } else {
        await migrateToLatest(db);
      }
      let firstAgencyId: number;
      const found = exists ? await sql<{ low: number | null; n: number }>`select min(id) as low, count(*) as n from agencies where code like 'city-%'`.execute(db) : undefined;
      if (found !== undefined && found.rows[0]!.low !== null) {
        firstAgencyId = Number(found.rows[0]!.low);
        agencies = Number(found.rows[0]!.n);
        console.log(`  (reusing schema ${schema}: ${agencies} agencies, generation not measured)`);
      } else {
        const generated = await generate(db, agencies, cases, publications);
        firstAgencyId = generated.firstAgencyId;
        lines.push(...generated.lines);
      }
      if (process.env.BENCH_SCALE_GENERATE_ONLY === '1') return lines;
      const { rows: sizes } = await sql<{ name: string; bytes: number }>`
        select relname as name, pg_total_relation_size(c.oid) as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind = 'r' order by 2 desc limit 4`.execute(db);
      for (const size of sizes) lines.push({ name: `size: ${size.name} (with indexes and TOAST)`, value: Number(size.bytes) / 1e6, unit: 'MB' });
      lines.push(...(await measureSearch(db, firstAgencyId, agencies)));
      lines.push(...(await measureRollup(db, firstAgencyId, agencies)));
    } finally {
      await connection.close();
    }
    return lines;
  } finally {
    if (kept === undefined) await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
    await admin.close();
  }
}
