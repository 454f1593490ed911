// Benchmark of publication search at scale (issue 4, Speed): `count` synthetic government
// publications (deterministic, seeded PRNG), segmented once by jieba and loaded into SQLite (a
// file under .tmp/) and PostgreSQL (a throw-away schema). For each engine: build throughput,
// size, and p50/p95/p99 latency of ≥ 200 searches per query class through createPublicationSearch,
// against the bm25 / ts_rank ranking of every match that the design avoids, in the same run.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { createAgenciesRepository } from '../src/server/agencies/agencies.repository.ts';
import { connectDatabase } from '../src/server/db/connect-database.ts';
import type { DatabaseConnection } from '../src/server/db/connect-database.ts';
import type { Database } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate-to-latest.ts';
import { createPostgresSearchIndex } from '../src/server/search/postgres-search-index.ts';
import { createPublicationSearch } from '../src/server/search/publication-search.ts';
import type { SearchDocument, SearchQuery } from '../src/server/search/publication-search.ts';
import { toSearchEntry } from '../src/server/search/search-entry.ts';
import type { SearchEntry } from '../src/server/search/search-entry.ts';
import type { SearchIndexEngine } from '../src/server/search/search-index-engine.ts';
import { segmentQueryText } from '../src/server/search/segment-text.ts';
import { createSqliteSearchIndex } from '../src/server/search/sqlite-search-index.ts';
import type { BenchLine } from './report-bench.ts';
import { percentile, random, timeOnce } from './bench-support.ts';

const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CHUNK = 5_000;
const QUERIES_PER_CLASS = 200;
const AGENCIES = 20;
const FIRST_DAY = Date.UTC(2016, 0, 1);
const DAYS = 3_984; // to 2026-11-27


// ---------------------------------------------------------------- vocabulary

/** Filler of government prose, most frequent first (drawn with Zipf weights). */
const FILLER = [
  '进一步加强', '认真贯彻落实', '有关部门', '按照要求', '切实做好', '统筹推进', '工作机制', '依法依规', '组织实施', '责任落实',
  '监督检查', '高质量发展', '各级人民政府', '政府信息公开', '深化改革', '优化营商环境', '公共服务', '社会保障', '安全生产', '生态环境保护',
  '乡村振兴', '城市更新', '基础设施建设', '财政资金', '绩效评价', '数字政府', '政务服务', '一网通办', '放管服改革', '信用体系建设',
  '应急管理', '食品安全', '市场监管', '交通运输', '教育事业', '医疗卫生', '文化旅游', '科技创新', '人才引进', '招商引资',
  '项目审批', '土地征收', '房屋征收', '社会救助', '公共卫生', '环境监测', '水利工程', '农业农村', '林业草原', '自然资源',
  '统计调查', '审计监督', '行政执法', '法治政府', '廉政建设', '档案管理', '保密工作', '信访工作', '民族宗教', '退役军人',
];
const TOPICS = ['政府信息公开', '财政资金', '安全生产', '城市更新', '社会救助', '政务服务', '行政执法', '生态环境保护', '公共服务', '乡村振兴', '市场监管', '应急管理', '人才引进', '项目审批', '土地征收'];
const DOC_TYPES = ['实施办法', '管理办法', '实施细则', '工作方案', '暂行规定', '考核办法', '行动计划'];
/** Words in ~1–5 % of items each. */
const MEDIUM = ['低保', '补贴', '行政复议', '养老金', '公积金', '棚户区', '预付卡', '医疗保险', '失业保险', '义务教育', '危房改造', '残疾人', '住房保障', '最低工资', '政府采购', '招投标', '不动产登记', '营业执照', '消防安全', '垃圾分类'];
/** Words in ~0.01 % of items each (those that occur in the other vocabulary are dropped below). */
const RARE_CANDIDATES = ['猕猴桃', '蓝莓', '枸杞', '花椒', '核桃', '板栗', '香菇', '木耳', '蚕桑', '竹笋', '茶叶', '烟叶', '甘蔗', '柑橘', '荔枝', '龙眼', '芒果', '菠萝', '椰子', '橡胶',
  '骆驼', '牦牛', '蜜蜂', '鸵鸟', '孔雀', '熊猫', '海豚', '珊瑚', '红树林', '湿地', '冰川', '溶洞', '温泉', '瀑布', '峡谷', '沙漠', '草原', '雪山', '火山', '海岛'];
const TEMPLATES = ['经市政府同意，现将有关事项通知如下', '相关工作按规定执行', '关于印发《示范市》的通知', '关于做好工作的通知', '示范市情况公告'];
const RARE = RARE_CANDIDATES.filter((word) => ![...FILLER, ...TOPICS, ...DOC_TYPES, ...MEDIUM, ...TEMPLATES].some((text) => text.includes(word)));
const CATEGORIES = ['20-1', '20-2', '20-3', '20-4', '20-5', '20-6', '20-7', '20-8', '20-9', '20-10', '20-11', '20-12', '20-13', '20-14', '21-1'];
const ISSUERS = ['人民政府办公室', '发展和改革委员会', '财政局', '人力资源和社会保障局', '住房和城乡建设局', '市场监督管理局'];

function zipfPicker(items: readonly string[], next: () => number): () => string {
  const weights = items.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w / total));
  return () => {
    const r = next();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return items[lo]!;
  };
}

function isoDay(day: number): string {
  return new Date(FIRST_DAY + day * 86_400_000).toISOString().slice(0, 10);
}

interface Generator {
  next(id: number): SearchDocument;
  /** Items that got each medium and rare word. */
  frequency: Map<string, number>;
}

export function createGenerator(agencyIds: readonly number[]): Generator {
  const next = random(20261128);
  const filler = zipfPicker(FILLER, next);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const frequency = new Map<string, number>();
  // Medium words: 1–5 %, descending; rare words 0.01 %.
  const mediumRates = MEDIUM.map((word, i) => [word, 0.05 - (0.04 * i) / (MEDIUM.length - 1)] as const);
  return {
    frequency,
    next(id) {
      const sentences: string[] = [];
      // 政府 in nearly every item: the usual opening of a notice.
      if (next() < 0.97) sentences.push(`经市政府同意，现将${pick(TOPICS)}有关事项通知如下`);
      const count = 5 + Math.floor(next() * 8);
      for (let s = 0; s < count; s += 1) {
        const phrases: string[] = [];
        const length = 2 + Math.floor(next() * 4);
        for (let p = 0; p < length; p += 1) phrases.push(filler());
        sentences.push(phrases.join(next() < 0.5 ? '，' : ''));
      }
      const extra = (word: string) => {
        frequency.set(word, (frequency.get(word) ?? 0) + 1);
        sentences.splice(1 + Math.floor(next() * (sentences.length - 1)), 0, `${word}相关工作按规定执行`);
      };
      for (const [word, rate] of mediumRates) if (next() < rate) extra(word);
      for (const word of RARE) if (next() < 0.0001) extra(word);
      const day = Math.floor(next() * DAYS);
      const agencyId = pick(agencyIds);
      const topic = pick(TOPICS);
      const r = next();
      return {
        publicationId: id,
        agencyId,
        title: r < 0.6 ? `关于印发《示范市${topic}${pick(DOC_TYPES)}》的通知` : r < 0.9 ? `关于做好${topic}工作的通知` : `示范市${topic}情况公告`,
        bodyText: `${sentences.join('。')}。`,
        attachmentsText: '',
        indexNumber: `bench/${id}`,
        documentNumber: r < 0.6 ? `示政办发〔${isoDay(day).slice(0, 4)}〕${id % 500}号` : null,
        issuer: `示范市${pick(ISSUERS)}`,
        categoryCode: pick(CATEGORIES),
        kind: r < 0.05 ? 'rules' : r < 0.6 ? 'normativeDocuments' : 'other',
        validity: next() < 0.9 ? 'effective' : next() < 0.7 ? 'expired' : 'repealed',
        publishedOn: isoDay(day),
      };
    },
  };
}

// ---------------------------------------------------------------- statistics



// ---------------------------------------------------------------- engines

interface Engine {
  name: string;
  db: Kysely<Database>;
  index: SearchIndexEngine;
  insertMs: number;
  /** Bulk-load steps before and after the inserts (PostgreSQL builds its GIN index once). */
  before(): Promise<void>;
  after(): Promise<number>;
  size(): Promise<number>;
  /** What the design avoids: every match of the word ranked. */
  rankAll(word: string): Promise<unknown>;
  close(): Promise<void>;
}

async function openSqlite(): Promise<Engine> {
  const dir = join(import.meta.dirname, '..', '.tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-search-${process.pid}.sqlite`);
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  };
  remove();
  const connection = await connectDatabase(file);
  await migrateToLatest(connection.db);
  const { db } = connection;
  return {
    name: 'SQLite',
    db,
    index: createSqliteSearchIndex(db),
    insertMs: 0,
    async before() {},
    async after() {
      // Merge the FTS5 segments into one b-tree, as a rebuilt index would be.
      const { ms } = await timeOnce(() => sql`insert into publication_search_fts (publication_search_fts) values ('optimize')`.execute(db));
      await sql`analyze`.execute(db);
      await sql`pragma wal_checkpoint(truncate)`.execute(db);
      return ms;
    },
    async size() {
      return statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
    },
    rankAll: (word) => sql`select rowid from publication_search_fts where publication_search_fts match ${`{title content parts} : "${word}"`} order by bm25(publication_search_fts, 2.5, 1.0, 0.25, 0.0) limit 20`.execute(db),
    async close() {
      await connection.close();
      remove();
    },
  };
}

async function openPostgres(): Promise<Engine | undefined> {
  let admin: DatabaseConnection;
  try {
    admin = await connectDatabase(POSTGRES_URL);
    await sql`select 1`.execute(admin.db);
  } catch (error) {
    console.log(`(PostgreSQL skipped: ${POSTGRES_URL} is not reachable — ${(error as Error).message})`);
    return undefined;
  }
  const schema = `gk_bench_${randomBytes(6).toString('hex')}`;
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  const connection = await connectDatabase(POSTGRES_URL, { schema });
  try {
    await migrateToLatest(connection.db);
  } catch (error) {
    await connection.close();
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
    await admin.close();
    throw error;
  }
  const { db } = connection;
  return {
    name: 'PostgreSQL',
    db,
    index: createPostgresSearchIndex(db),
    insertMs: 0,
    async before() {
      await sql`drop index publication_search_words_idx`.execute(db);
    },
    async after() {
      const { ms } = await timeOnce(async () => {
        await sql`create index publication_search_words_idx on publication_search using gin (words)`.execute(db);
        await sql`analyze publication_search`.execute(db);
      });
      return ms;
    },
    async size() {
      const { rows } = await sql<{ n: number }>`select pg_total_relation_size('publication_search') as n`.execute(db);
      return Number(rows[0]?.n ?? 0);
    },
    rankAll: (word) =>
      sql`select search_key from publication_search where words @@ ${`'${word}'`}::tsquery order by ts_rank(words, ${`'${word}'`}::tsquery) desc limit 20`.execute(db),
    async close() {
      await connection.close();
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
      await admin.close();
    },
  };
}

// ---------------------------------------------------------------- queries

interface QueryClass {
  name: string;
  texts: string[];
  floor: boolean;
}

export function queryClasses(): QueryClass[] {
  const next = random(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const many = (make: () => string) => Array.from({ length: QUERIES_PER_CLASS }, make);
  // The words the index holds for a filler phrase, e.g. 政府信息公开 → 政府信息 公开.
  const multiWord = FILLER.filter((phrase) => segmentQueryText(phrase).length >= 2);
  return [
    { name: 'common word (政府)', texts: many(() => '政府'), floor: true },
    { name: 'medium word (1–5 %)', texts: many(() => pick(MEDIUM)), floor: true },
    { name: 'rare word (0.01 %)', texts: many(() => pick(RARE)), floor: true },
    { name: 'two words (medium + filler)', texts: many(() => `${pick(MEDIUM)} ${segmentQueryText(pick(FILLER))[0]!}`), floor: true },
    { name: 'phrase (a filler phrase, quoted)', texts: many(() => `"${pick(multiWord)}"`), floor: true },
    // Not classes of the issue: a very common word with a rare one (few matches, ranked), and
    // phrases of common words, bounded by the window.
    { name: 'two words (政府 + a rare word)', texts: many(() => `政府 ${pick(RARE)}`), floor: false },
    { name: 'phrase of common words rarely adjacent (reversed)', texts: many(() => `"${segmentQueryText(pick(multiWord)).reverse().join(' ')}"`), floor: false },
  ];
}

async function measureQueries(engine: Engine): Promise<BenchLine[]> {
  const search = createPublicationSearch({ db: engine.db });
  const lines: BenchLine[] = [];
  const classes = queryClasses();
  for (const text of ['政府', '低保', '"政府信息 公开"']) await search.search({ text, limit: 20, offset: 0 }); // warm up
  let commonP50 = 0;
  for (const queryClass of classes) {
    const times: number[] = [];
    let newest = 0;
    let lowerBound = 0;
    let totals = 0;
    for (const text of queryClass.texts) {
      const query: SearchQuery = { text, limit: 20, offset: 0 };
      const { ms, value } = await timeOnce(() => search.search(query));
      times.push(ms);
      if (value.order === 'newest') newest += 1;
      if (value.totalIsLowerBound) lowerBound += 1;
      totals += value.total;
    }
    const n = queryClass.texts.length;
    const how = `${n} queries, mean total ${Math.round(totals / n).toLocaleString('en')}${lowerBound > 0 ? ` (${lowerBound} capped)` : ''}, ${newest} newest-first`;
    const p50 = percentile(times, 0.5);
    if (queryClass.name.startsWith('common')) commonP50 = p50;
    lines.push({ name: `${engine.name}: ${queryClass.name} — p50 (${how})`, value: p50, unit: 'ms' });
    lines.push({ name: `${engine.name}: ${queryClass.name} — p95`, value: percentile(times, 0.95), unit: 'ms', ...(queryClass.floor && engine.name === 'SQLite' ? { floor: '< 50 ms' } : {}) });
    lines.push({ name: `${engine.name}: ${queryClass.name} — p99`, value: percentile(times, 0.99), unit: 'ms', ...(queryClass.floor && engine.name === 'SQLite' ? { floor: '< 100 ms' } : {}) });
  }
  // The baseline: the common word with every match ranked, as the design does not.
  const runs: number[] = [];
  for (let run = 0; run < 3; run += 1) runs.push((await timeOnce(() => engine.rankAll('政府'))).ms);
  const baseline = percentile(runs, 0.5);
  lines.push({
    name: `${engine.name}: what the design avoids — every match of 政府 ranked (${engine.name === 'SQLite' ? 'FTS5 bm25' : 'ts_rank'}, LIMIT 20), median of 3`,
    value: baseline,
    unit: 'ms',
    baseline: { name: 'the common word through search (newest first, bounded), p50', value: commonP50, unit: 'ms' },
    ratio: baseline / commonP50,
  });
  return lines;
}

// ---------------------------------------------------------------- run

/** `count` publications (default 1,000,000) in SQLite and PostgreSQL. */
export async function benchSearch(count = 1_000_000): Promise<BenchLine[]> {
  const engines: Engine[] = [await openSqlite()];
  try {
    const postgres = await openPostgres();
    if (postgres !== undefined) engines.push(postgres);
    const agencyIds: number[][] = [];
    for (const engine of engines) {
      const repository = createAgenciesRepository(engine.db);
      const ids: number[] = [];
      for (let i = 1; i <= AGENCIES; i += 1) ids.push((await repository.createAgency({ code: `bench-${i}`, name: `示范市机关${i}`, level: 'municipal' })).id);
      agencyIds.push(ids);
      await engine.before();
    }
    if (agencyIds.some((ids) => ids.join() !== agencyIds[0]!.join())) throw new Error('agency ids differ between engines');
    const generator = createGenerator(agencyIds[0]!);
    let segmentMs = 0;
    let generateMs = 0;
    let characters = 0;
    for (let done = 0; done < count; done += CHUNK) {
      const start = performance.now();
      const documents: SearchDocument[] = [];
      for (let id = done + 1; id <= Math.min(count, done + CHUNK); id += 1) documents.push(generator.next(id));
      const generated = performance.now();
      const entries: SearchEntry[] = documents.map(toSearchEntry);
      for (const d of documents) characters += d.title.length + d.bodyText.length;
      segmentMs += performance.now() - generated;
      generateMs += generated - start;
      for (const engine of engines) {
        engine.insertMs += (await timeOnce(() => engine.db.transaction().execute((trx) => engine.index.upsert(trx, entries)))).ms;
      }
      if ((done / CHUNK) % 20 === 19) console.log(`  … ${(done + CHUNK).toLocaleString('en')} items loaded`);
    }
    const lines: BenchLine[] = [
      { name: `generate ${count.toLocaleString('en')} items (${Math.round(characters / count)} characters each on average)`, value: generateMs / 1000, unit: 's' },
      { name: 'segmenting alone (jieba cut + cutForSearch, title and body)', value: count / (segmentMs / 1000), unit: 'items/s' },
      { name: 'segmenting alone, text', value: (characters * 3) / 1e6 / (segmentMs / 1000), unit: 'MB/s (UTF-8)' },
    ];
    const share = (words: readonly string[]) => words.map((w) => generator.frequency.get(w) ?? 0).reduce((a, b) => a + b, 0) / words.length / count;
    lines.push({ name: `medium words: mean share of items holding one`, value: share(MEDIUM) * 100, unit: '%' });
    lines.push({ name: `rare words: mean share of items holding one`, value: share(RARE) * 100, unit: '%' });
    for (const engine of engines) {
      const finishMs = await engine.after();
      const buildMs = segmentMs + engine.insertMs + finishMs;
      lines.push({
        name: `${engine.name}: index build, segmenting + inserts + ${engine.name === 'SQLite' ? 'FTS5 optimize' : 'GIN index and ANALYZE'} (${(finishMs / 1000).toFixed(1)} s of it)`,
        value: count / (buildMs / 1000),
        unit: 'items/s',
      });
      lines.push({ name: `${engine.name}: inserts alone`, value: count / (engine.insertMs / 1000), unit: 'items/s' });
      lines.push({ name: `${engine.name}: database size (${engine.name === 'SQLite' ? 'file' : 'pg_total_relation_size of publication_search'})`, value: (await engine.size()) / 1e6, unit: 'MB' });
      lines.push(...(await measureQueries(engine)));
    }
    return lines;
  } finally {
    for (const engine of engines) await engine.close();
  }
}
