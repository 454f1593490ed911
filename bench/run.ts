// `npm run bench`: every benchmark of the project, printed as figures with their baselines.
import { benchCompute, benchParseAndLint, benchPdf } from './report-bench.ts';
import type { BenchLine } from './report-bench.ts';

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
