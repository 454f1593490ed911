// `npm run bench`: every benchmark of the project, printed as figures with their baselines.
import { benchCompute, benchParseAndLint, benchPdf } from './report-bench.ts';
import type { BenchLine } from './report-bench.ts';
import { benchApplications } from './application-bench.ts';
import { benchSearch } from './search-bench.ts';
import { benchPortal } from './portal.ts';
import { benchScale } from './scale-bench.ts';

const format = (n: number): string => (n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(2));

function print(title: string, lines: BenchLine[]): void {
  console.log(`\n## ${title}`);
  for (const line of lines) {
    console.log(`- ${line.name}: ${format(line.value)} ${line.unit}${line.floor ? `  (floor ${line.floor})` : ''}`);
    if (line.baseline && line.ratio !== undefined) {
      console.log(`    baseline, ${line.baseline.name}: ${format(line.baseline.value)} ${line.baseline.unit} — ratio ${line.ratio.toFixed(2)}×`);
    }
  }
}

const only = process.argv[2];
console.log(`gongkai bench — node ${process.version}, ${new Date().toISOString()}`);
if (!only || only === 'report') {
  print('Annual report: parse + lint (one core)', benchParseAndLint());
  print('Annual report: PDF', await benchPdf());
  print('Annual report: compute', benchCompute());
}
if (!only || only === 'application') {
  // `npm run bench application 100000`: the case count (default 1,000,000).
  const count = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
  if (count !== undefined && !(Number.isInteger(count) && count > 0)) throw new Error(`bench application: the case count must be a positive integer, not ${process.argv[3]}`);
  print('Applications: tables 三 and 四, due-soon and overdue lists', await benchApplications(count));
}
if (!only || only === 'search') {
  // `npm run bench search 20000`: the publication count (default 1,000,000).
  const count = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
  if (count !== undefined && !(Number.isInteger(count) && count > 0)) throw new Error(`bench search: the publication count must be a positive integer, not ${process.argv[3]}`);
  print('Publication search: build, size, latency per query class', await benchSearch(count));
}
if (!only || only === 'portal') {
  // `npm run bench portal 20000`: the publication count (default 10,000).
  const count = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
  if (count !== undefined && !(Number.isInteger(count) && count > 0)) throw new Error(`bench portal: the publication count must be a positive integer, not ${process.argv[3]}`);
  print('Public portal: pages under load from a second process (autocannon)', await benchPortal(count));
}
if (only === 'scale') {
  // `npm run bench scale [agencies cases publications]` (default 1,000 2,000,000 5,000,000): PostgreSQL
  // only, and long (the data is generated first), so not part of a bare `npm run bench`.
  const [agencies, cases, publications] = [3, 4, 5].map((i) => (process.argv[i] === undefined ? undefined : Number(process.argv[i])));
  for (const [i, value] of [agencies, cases, publications].entries()) {
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) throw new Error(`bench scale: counts must be positive integers, not ${process.argv[3 + i]}`);
  }
  print('City scale on PostgreSQL: generation, portal search, supervisor roll-up', await benchScale(agencies, cases, publications));
}
