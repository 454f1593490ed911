// Reads the records import file (JSON or CSV) and checks every row before anything is used:
// a file with one bad row is rejected whole, with every problem listed by line.
import type { ApplicationRecord, DocumentRecord, ReportRecords, ReviewCaseRecord, YearlyFigures } from './report-records.ts';
import { APPLICANT_TYPES, DOCUMENT_KINDS, OUTCOME_CODES, REVIEW_GROUPS } from '../report-format.ts';
import { DomainError } from '../../domain-error.ts';
import { parseCsv } from './parse-csv.ts';

export interface RecordProblem {
  /** 1-based line in a CSV file; the array index path in a JSON file. */
  where: string;
  message: string;
}

export type RecordKind = 'application' | 'reviewCase' | 'document' | 'yearlyFigures';

const APPLICANT_CODES = new Set<string>(APPLICANT_TYPES.map((a) => a.code));
const OUTCOMES = new Set<string>(OUTCOME_CODES);
const REVIEW_KINDS = new Set<string>(REVIEW_GROUPS.map((g) => g.code));
const REVIEW_RESULT_CODES = new Set<string>(['upheld', 'corrected', 'otherResult']);
const DOCUMENT_KIND_CODES = new Set<string>(DOCUMENT_KINDS.map((k) => k.code));

type Raw = Record<string, unknown>;

/** Checks one raw row field by field, collecting problems instead of stopping at the first. */
class RowReader {
  constructor(
    private readonly raw: Raw,
    private readonly where: string,
    private readonly problems: RecordProblem[],
  ) {}

  private fail(message: string): void {
    this.problems.push({ where: this.where, message });
  }

  private value(field: string): string | null {
    const v = this.raw[field];
    if (v === undefined || v === null) return null;
    const s = String(v).trim();
    return s === '' ? null : s;
  }

  text(field: string): string {
    const v = this.value(field);
    if (v === null) this.fail(`缺少“${field}”`);
    return v ?? '';
  }

  code(field: string, allowed: ReadonlySet<string>, optional = false): string | null {
    const v = this.value(field);
    if (v === null) {
      if (!optional) this.fail(`缺少“${field}”`);
      return null;
    }
    if (!allowed.has(v)) this.fail(`“${field}”的值“${v}”无效，应为以下之一：${[...allowed].join('、')}`);
    return v;
  }

  date(field: string, optional = false): string | null {
    const v = this.value(field);
    if (v === null) {
      if (!optional) this.fail(`缺少日期“${field}”`);
      return null;
    }
    if (!isCalendarDate(v)) this.fail(`“${field}”的值“${v}”不是有效日期（格式应为 YYYY-MM-DD）`);
    return v;
  }

  count(field: string): number {
    const v = this.value(field);
    const n = v === null ? NaN : Number(v);
    if (!Number.isInteger(n) || n < 0) this.fail(`“${field}”应为非负整数，实际为“${v ?? ''}”`);
    return n;
  }

  decimal(field: string): string {
    const v = this.value(field);
    if (v === null || !/^\d+(\.\d+)?$/.test(v)) this.fail(`“${field}”应为非负金额（万元），实际为“${v ?? ''}”`);
    return v ?? '0';
  }

  order(earlierField: string, earlier: string | null, laterField: string, later: string | null): void {
    if (earlier && later && later < earlier) this.fail(`“${laterField}”（${later}）早于“${earlierField}”（${earlier}）`);
  }

  /** A result exists exactly when the case is concluded. */
  pairedWithConclusion(concludedOn: string | null, resultField: string, result: string | null): void {
    if (concludedOn !== null && result === null) this.fail(`已办结（concludedOn=${concludedOn}）但缺少“${resultField}”`);
    if (concludedOn === null && result !== null) this.fail(`有“${resultField}”但没有办结日期 concludedOn`);
  }
}

export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function readApplication(r: RowReader): ApplicationRecord {
  const receivedOn = r.date('receivedOn');
  const concludedOn = r.date('concludedOn', true);
  const outcome = r.code('outcome', OUTCOMES, true);
  r.order('receivedOn', receivedOn, 'concludedOn', concludedOn);
  r.pairedWithConclusion(concludedOn, 'outcome', outcome);
  return {
    id: r.text('id'),
    applicantType: r.code('applicantType', APPLICANT_CODES) as ApplicationRecord['applicantType'],
    receivedOn: receivedOn ?? '',
    concludedOn,
    outcome: outcome as ApplicationRecord['outcome'],
  };
}

function readReviewCase(r: RowReader): ReviewCaseRecord {
  const filedOn = r.date('filedOn');
  const concludedOn = r.date('concludedOn', true);
  const result = r.code('result', REVIEW_RESULT_CODES, true);
  r.order('filedOn', filedOn, 'concludedOn', concludedOn);
  r.pairedWithConclusion(concludedOn, 'result', result);
  return {
    id: r.text('id'),
    kind: r.code('kind', REVIEW_KINDS) as ReviewCaseRecord['kind'],
    filedOn: filedOn ?? '',
    concludedOn,
    result: result as ReviewCaseRecord['result'],
  };
}

function readDocument(r: RowReader): DocumentRecord {
  const issuedOn = r.date('issuedOn');
  const repealedOn = r.date('repealedOn', true);
  r.order('issuedOn', issuedOn, 'repealedOn', repealedOn);
  return { id: r.text('id'), kind: r.code('kind', DOCUMENT_KIND_CODES) as DocumentRecord['kind'], issuedOn: issuedOn ?? '', repealedOn };
}

function readYearlyFigures(r: RowReader): YearlyFigures {
  return {
    year: r.count('year'),
    licensing: r.count('licensing'),
    penalty: r.count('penalty'),
    enforcement: r.count('enforcement'),
    administrativeFees: r.decimal('administrativeFees'),
  };
}

const READERS = {
  application: readApplication,
  reviewCase: readReviewCase,
  document: readDocument,
  yearlyFigures: readYearlyFigures,
} as const;

function checkUnique(records: ReportRecords, problems: RecordProblem[]): void {
  const lists: [string, { id: string }[]][] = [
    ['application', records.applications],
    ['reviewCase', records.reviewCases],
    ['document', records.documents],
  ];
  for (const [kind, list] of lists) {
    const seen = new Set<string>();
    for (const item of list) {
      if (item.id === '') continue;
      if (seen.has(item.id)) problems.push({ where: `${kind} ${item.id}`, message: `编号“${item.id}”重复` });
      seen.add(item.id);
    }
  }
  const years = new Set<number>();
  for (const f of records.yearlyFigures) {
    if (years.has(f.year)) problems.push({ where: `yearlyFigures ${f.year}`, message: `${f.year}年的数据重复` });
    years.add(f.year);
  }
}

function rejectIfProblems(problems: RecordProblem[]): void {
  if (problems.length === 0) return;
  const shown = problems.slice(0, 50);
  const lines = shown.map((p) => `${p.where}：${p.message}`);
  if (problems.length > shown.length) lines.push(`……另有 ${problems.length - shown.length} 处问题`);
  throw new DomainError(
    'BAD_INPUT',
    `Records file rejected: ${problems.length} problem(s); first: ${problems[0]?.where}: ${problems[0]?.message}`,
    `导入文件有 ${problems.length} 处问题，未导入任何数据：\n${lines.join('\n')}`,
    { problems },
  );
}

function parseJsonRecords(text: string, agencyName: string | undefined): ReportRecords {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DomainError('BAD_INPUT', `Records file is not valid JSON: ${(error as Error).message}`, '导入文件不是有效的 JSON。');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new DomainError('BAD_INPUT', 'Records JSON must be an object', '导入文件的 JSON 顶层应为对象，包含 agencyName、applications 等字段。');
  }
  const root = data as Raw;
  const problems: RecordProblem[] = [];
  const list = (key: string): Raw[] => {
    const v = root[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      problems.push({ where: key, message: `“${key}”应为数组` });
      return [];
    }
    return v.map((item) => (typeof item === 'object' && item !== null ? (item as Raw) : {}));
  };
  const read = <K extends RecordKind>(key: string, kind: K) =>
    list(key).map((raw, i) => READERS[kind](new RowReader(raw, `${key}[${i}]`, problems)) as ReturnType<(typeof READERS)[K]>);

  const records: ReportRecords = {
    agencyName: typeof root.agencyName === 'string' && root.agencyName.trim() ? root.agencyName.trim() : (agencyName ?? ''),
    applications: read('applications', 'application'),
    reviewCases: read('reviewCases', 'reviewCase'),
    documents: read('documents', 'document'),
    yearlyFigures: read('yearlyFigures', 'yearlyFigures'),
  };
  if (!records.agencyName) problems.push({ where: 'agencyName', message: '缺少机关名称 agencyName' });
  checkUnique(records, problems);
  rejectIfProblems(problems);
  return records;
}

/** CSV: one file, a `record` column naming the kind, the union of the kinds' columns. Agency name from `agencyName` column or the option. */
function parseCsvRecords(text: string, agencyName: string | undefined): ReportRecords {
  const rows = parseCsv(text);
  const header = rows[0]?.map((h) => h.trim().replace(/^\uFEFF/, ''));
  if (!header || !header.includes('record')) {
    throw new DomainError('BAD_INPUT', 'Records CSV needs a header row with a "record" column', '导入的 CSV 文件第一行应为表头，并包含 record 列。');
  }
  const problems: RecordProblem[] = [];
  const records: ReportRecords = { agencyName: agencyName ?? '', applications: [], reviewCases: [], documents: [], yearlyFigures: [] };
  rows.slice(1).forEach((cells, index) => {
    const line = index + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const raw: Raw = Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
    const kind = String(raw.record ?? '').trim();
    const reader = new RowReader(raw, `第${line}行`, problems);
    if (!records.agencyName && typeof raw.agencyName === 'string' && raw.agencyName.trim()) records.agencyName = raw.agencyName.trim();
    switch (kind) {
      case 'application':
        records.applications.push(readApplication(reader));
        break;
      case 'reviewCase':
        records.reviewCases.push(readReviewCase(reader));
        break;
      case 'document':
        records.documents.push(readDocument(reader));
        break;
      case 'yearlyFigures':
        records.yearlyFigures.push(readYearlyFigures(reader));
        break;
      default:
        problems.push({ where: `第${line}行`, message: `record 列的值“${kind}”无效，应为 application、reviewCase、document 或 yearlyFigures` });
    }
  });
  if (!records.agencyName) problems.push({ where: 'agencyName', message: '缺少机关名称（在 agencyName 列或命令参数中给出）' });
  checkUnique(records, problems);
  rejectIfProblems(problems);
  return records;
}

export function parseReportRecords(text: string, format: 'json' | 'csv', options: { agencyName?: string } = {}): ReportRecords {
  return format === 'json' ? parseJsonRecords(text, options.agencyName) : parseCsvRecords(text, options.agencyName);
}
