// `npm run bench`: every benchmark of the project, printed as figures with their baselines.
import { benchCompute, benchParseAndLint, benchPdf } from './report-bench.ts';
import type { BenchLine } from './report-bench.ts';
import { benchApplications } from './application-bench.ts';
import { benchSearch } from './search-bench.ts';

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
