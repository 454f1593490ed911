// Benchmarks of the report engine. Each figure comes with a baseline measured in the same
// run on the same input, so the ratio survives a slower or busier machine.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAnnualReport } from '../src/domain/report/parse/parse-annual-report.ts';
import { lintAnnualReport } from '../src/domain/report/lint/lint-annual-report.ts';
import { computeAnnualReport } from '../src/domain/report/compute/compute-annual-report.ts';
import type { ApplicationRecord, ReportRecords } from '../src/domain/report/compute/report-records.ts';
import { APPLICANT_TYPES, OUTCOME_CODES } from '../src/domain/report/report-format.ts';
import { htmlToText } from '../src/files/html-to-text.ts';
import { extractPdfText } from '../src/files/extract-pdf-text.ts';
import { decodeText } from '../src/files/decode-text.ts';

export interface BenchLine {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number; unit: string };
  /** value relative to the baseline (how many times slower, or what share of its throughput). */
  ratio?: number;
  floor?: string;
}

function timeLoop(minMs: number, fn: () => void): { iterations: number; ms: number } {
  // Warm up the JIT so the first iterations do not skew the mean.
  for (let i = 0; i < 5; i++) fn();
  let iterations = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    fn();
    iterations++;
    elapsed = performance.now() - start;
  }
  return { iterations, ms: elapsed };
}

export function fixturesDir(): string {
  return join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'reports');
}

/** Parse + lint of the text and HTML fixtures, reports per second on one core. */
export function benchParseAndLint(dir = fixturesDir()): BenchLine[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt') || f.endsWith('.html'));
  const inputs = files.map((f) => ({ name: f, text: decodeText(readFileSync(join(dir, f))) }));
  let lineCount = 0; // kept so the baseline's work cannot be optimised away
  const baseline = timeLoop(1500, () => {
    for (const input of inputs) lineCount += input.text.normalize('NFKC').split('\n').length;
  });
  if (lineCount === 0) throw new Error('the fixtures are empty');
  const full = timeLoop(3000, () => {
    for (const input of inputs) {
      const isHtml = input.name.endsWith('.html');
      const parsed = parseAnnualReport(isHtml ? htmlToText(input.text) : input.text, isHtml ? 'html' : 'txt');
      lintAnnualReport(parsed.report, { source: parsed.source });
    }
  });
  const reportsPerSecond = (full.iterations * inputs.length) / (full.ms / 1000);
  const baselinePerSecond = (baseline.iterations * inputs.length) / (baseline.ms / 1000);
  return [
    {
      name: `parse + lint, ${inputs.length} text/HTML fixtures (decode excluded)`,
      value: reportsPerSecond,
      unit: 'reports/s',
      baseline: { name: 'NFKC-normalise and split the same files into lines', value: baselinePerSecond, unit: 'reports/s' },
      ratio: baselinePerSecond / reportsPerSecond,
      floor: '≥ 200 reports/s',
    },
  ];
}

export async function benchPdf(dir = fixturesDir()): Promise<BenchLine[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.pdf'));
  const lines: BenchLine[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(join(dir, file)));
    await extractPdfText(bytes.slice()); // warm-up: pdfjs loads its worker code and cmaps once
    const runs = 5;
    const start = performance.now();
    for (let i = 0; i < runs; i++) {
      const parsed = parseAnnualReport(await extractPdfText(bytes.slice()), 'pdf');
      lintAnnualReport(parsed.report, { source: parsed.source });
    }
    const ms = (performance.now() - start) / runs;
    lines.push({ name: `PDF extract + parse + lint, ${file} (${Math.round(bytes.length / 1024)} KB)`, value: ms, unit: 'ms/PDF' });
  }
  return lines;
}

/** A deterministic year of records: a linear congruential generator, no Math.random. */
export function generateApplications(count: number, year: number): ApplicationRecord[] {
  let seed = 20261128;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const pad = (n: number) => String(n).padStart(2, '0');
  const records: ApplicationRecord[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const receivedYear = next(10) === 0 ? year - 1 : year;
    const month = 1 + next(12);
    const day = 1 + next(28);
    const open = next(20) === 0;
    records[i] = {
      id: `A${i}`,
      applicantType: APPLICANT_TYPES[next(APPLICANT_TYPES.length)]!.code,
      receivedOn: `${receivedYear}-${pad(month)}-${pad(day)}`,
      concludedOn: open ? null : `${year}-${pad(month)}-${pad(Math.min(28, day))}`,
      outcome: open ? null : OUTCOME_CODES[next(OUTCOME_CODES.length)]!,
    };
  }
  return records;
}

export function benchCompute(count = 1_000_000): BenchLine[] {
  const year = 2025;
  const records: ReportRecords = { agencyName: '基准测试局', applications: generateApplications(count, year), reviewCases: [], documents: [], yearlyFigures: [] };
  // Baseline: one pass over the same array counting by applicant type — the least any computation must do.
  const baseline = timeLoop(1000, () => {
    const counts: Record<string, number> = {};
    for (const a of records.applications) counts[a.applicantType] = (counts[a.applicantType] ?? 0) + 1;
  });
  const compute = timeLoop(2000, () => computeAnnualReport(records, year));
  const msPerRun = compute.ms / compute.iterations;
  const baselineMs = baseline.ms / baseline.iterations;
  return [
    {
      name: `computeAnnualReport over ${count.toLocaleString('en')} application records in memory`,
      value: msPerRun,
      unit: 'ms',
      baseline: { name: 'one counting pass over the same array', value: baselineMs, unit: 'ms' },
      ratio: msPerRun / baselineMs,
    },
    { name: '… as throughput', value: count / (msPerRun / 1000), unit: 'records/s' },
  ];
}
