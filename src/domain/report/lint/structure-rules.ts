// Rules on what the parser saw of the printed report (domain.md §3, §4, §6, §7):
// STRUCT-6 (sections 一…六 in order), STRUCT-LABELS (official labels; 2019-format
// markers), YEAR (title year vs statistics period; the format cited).
import type { AnnualReport } from '../annual-report.ts';
import type { Finding, FindingLocation } from '../finding.ts';
import type { FoundLabel, ReportSource } from '../report-source.ts';
import type { SectionOrdinal } from '../report-format.ts';
import { parseChineseYear } from './extract-text-figures.ts';
import { createFinding, SECTION_OF_TABLE } from './lint-finding.ts';
import {
  APPLICANT_TYPES,
  DECISION_ROWS,
  DOCUMENT_COLUMNS,
  DOCUMENT_KINDS,
  FEE_HEADER,
  FEE_HEADER_HENAN,
  FEE_ROW,
  FORMAT_2019_MARKERS,
  FORMAT_CITATION,
  REVIEW_GROUPS,
  REVIEW_RESULTS,
  SECTIONS,
  SUPERSEDED_FORMAT_CITATION,
  TABLE3_ROWS,
} from '../report-format.ts';

/** The 2021 format (国办公开办函〔2021〕30号) applies to reports of 2021 and later. */
const FIRST_YEAR_OF_2021_FORMAT = 2021;

export function lintStructure(report: AnnualReport, source: ReportSource): Finding[] {
  const year = reportYear(report, source);
  const format2021 = year === null || year >= FIRST_YEAR_OF_2021_FORMAT;
  return [...lintSections(source), ...(format2021 ? lintLabels(source) : []), ...lintYear(source, year)];
}

/** The report's year: the model's, else the statistics period's, else the title's. */
function reportYear(report: AnnualReport, source: ReportSource): number | null {
  return report.year ?? source.statisticsYear ?? titleYear(source.title);
}

/** 2021年 or 二〇二一年 in the title. */
export function titleYear(title: string | null): number | null {
  if (title === null) return null;
  const text = title.normalize('NFKC').replace(/\s+/g, '');
  const digits = /(\d{4})年/.exec(text);
  if (digits) return Number(digits[1]);
  const chinese = /([零〇一二三四五六七八九]{4})年/.exec(text);
  return chinese ? parseChineseYear(chinese[1] ?? '') : null;
}

// ---------------------------------------------------------------- STRUCT-6

function lintSections(source: ReportSource): Finding[] {
  const findings: Finding[] = [];
  const firstOffset = new Map<SectionOrdinal, number>();
  for (const found of source.sections) {
    const known = firstOffset.get(found.ordinal);
    if (known === undefined || found.offset < known) firstOffset.set(found.ordinal, found.offset);
  }
  for (const section of SECTIONS) {
    if (!firstOffset.has(section.ordinal)) {
      findings.push(
        createFinding('STRUCT-6', 'error', `没有找到第${section.ordinal}部分“${section.ordinal}、${section.heading}”。年度报告应依次包括一至六部分。`, { section: section.ordinal }, { missingSection: section.ordinal }),
      );
    }
  }
  // Present sections must come in the order 一…六.
  const present = SECTIONS.filter((s) => firstOffset.has(s.ordinal));
  for (let i = 1; i < present.length; i += 1) {
    const before = present[i - 1];
    const current = present[i];
    if (!before || !current) continue;
    const beforeOffset = firstOffset.get(before.ordinal) ?? 0;
    const currentOffset = firstOffset.get(current.ordinal) ?? 0;
    if (currentOffset < beforeOffset) {
      findings.push(
        createFinding('STRUCT-6', 'error', `第${current.ordinal}部分出现在第${before.ordinal}部分之前。年度报告的一至六部分应按顺序排列。`, { section: current.ordinal }, { section: current.ordinal, expectedAfter: before.ordinal }),
      );
    }
  }
  return findings;
}

// ---------------------------------------------------------------- STRUCT-LABELS

interface OfficialLabel {
  /** Labels that are correct as printed (the 万元 header has a national and a Henan form). */
  official: readonly string[];
  variants: readonly string[];
}

function officialLabel(label: FoundLabel): OfficialLabel | null {
  const code = label.code.includes('.') ? (label.code.split('.').pop() ?? label.code) : label.code;
  const one = (official: string, variants: readonly string[] = []): OfficialLabel => ({ official: [official], variants });
  if (label.table === 'table3') {
    if (label.kind === 'row') {
      const row = TABLE3_ROWS.find((r) => r.code === code);
      return row ? one(row.label, row.variants) : null;
    }
    if (code === 'total') return one('总计');
    const applicant = APPLICANT_TYPES.find((a) => a.code === code);
    return applicant ? one(applicant.label, applicant.variants) : null;
  }
  if (label.table === 'table2') {
    if (label.kind === 'row') {
      const kind = DOCUMENT_KINDS.find((k) => k.code === code);
      if (kind) return one(kind.label, kind.variants);
      const decision = DECISION_ROWS.find((d) => d.code === code);
      if (decision) return one(decision.label);
      return code === FEE_ROW.code ? one(FEE_ROW.label) : null;
    }
    const column = DOCUMENT_COLUMNS.find((c) => c.code === code);
    if (column) return one(column.label, column.variants);
    return code === FEE_ROW.code ? { official: [FEE_HEADER, FEE_HEADER_HENAN], variants: [] } : null;
  }
  const group = REVIEW_GROUPS.find((g) => g.code === code);
  if (group) return one(group.label);
  if (code === 'litigation') return one('行政诉讼');
  const result = REVIEW_RESULTS.find((r) => r.code === code);
  return result ? one(result.label) : null;
}

/** NFKC, no whitespace, no quotation marks, no leading ordinal (一、 （三）不予公开 1.). */
export function canonicalLabel(label: string): string {
  return label
    .normalize('NFKC')
    .replace(/[\s\u3000\u00a0]+/g, '')
    .replace(/[“”‘’"'「」]/g, '')
    .replace(/^[一二三四五六]、/, '')
    .replace(/^\([一二三四五六七]\)(?:不予公开|无法提供|不予处理|其他处理)?/, '')
    .replace(/^\d+[.、]/, '');
}

const CANONICAL_2019_MARKERS = new Set(FORMAT_2019_MARKERS.map(canonicalLabel));

// The official wordings are few and fixed: normalise each once, not once per report.
const canonicalOfficialCache = new Map<string, string>();
function canonicalOfficial(label: string): string {
  let canonical = canonicalOfficialCache.get(label);
  if (canonical === undefined) {
    canonical = canonicalLabel(label);
    canonicalOfficialCache.set(label, canonical);
  }
  return canonical;
}

function labelPlace(label: FoundLabel): string {
  const table = { table2: '表二', table3: '表三', table4: '表四' }[label.table];
  return `${table}${label.kind === 'row' ? '行名' : '列名'}`;
}

/** Table 四's column codes come as group.result (adminReview.upheld): row and column of the finding. */
function labelLocation(label: FoundLabel): Partial<FindingLocation> {
  const [first = label.code, second] = label.code.split('.');
  if (second !== undefined) return { section: SECTION_OF_TABLE[label.table], table: label.table, row: first, column: second };
  return { section: SECTION_OF_TABLE[label.table], table: label.table, row: label.kind === 'row' ? label.code : null, column: label.kind === 'column' ? label.code : null };
}

function lintLabels(source: ReportSource): Finding[] {
  const findings: Finding[] = [];
  const markersSeenInLabels = new Set<string>();
  for (const label of source.labels) {
    const spec = officialLabel(label);
    if (!spec) continue;
    const printed = canonicalLabel(label.printed);
    if (spec.official.some((o) => canonicalOfficial(o) === printed)) continue;
    const official = spec.official[0] ?? '';
    const location = labelLocation(label);
    const numbers = { printed: label.printed, expected: official };
    const place = labelPlace(label);
    if (CANONICAL_2019_MARKERS.has(printed)) {
      markersSeenInLabels.add(printed);
      findings.push(createFinding('STRUCT-LABELS', 'error', `${place}印作“${label.printed}”，这是2019年旧格式的写法；2021年起应按${FORMAT_CITATION}印作“${official}”。`, location, numbers));
    } else if (spec.variants.some((v) => canonicalOfficial(v) === printed)) {
      // Known misprints (社会组织, 其他法律法规禁止公开…): the meaning is clear, the wording is not the format's.
      findings.push(createFinding('STRUCT-LABELS', 'warning', `${place}印作“${label.printed}”，国家格式为“${official}”。这是常见的错印，请按国家格式更正。`, location, numbers));
    } else {
      findings.push(createFinding('STRUCT-LABELS', 'error', `${place}印作“${label.printed}”，与国家格式“${official}”不一致。`, location, numbers));
    }
  }
  return [...findings, ...lint2019Markers(source, markersSeenInLabels)];
}

/** 2019-format table headers anywhere in the text (domain.md §6), and a single-row （六）. */
function lint2019Markers(source: ReportSource, alreadyReported: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  // fullText is already NFKC (ReportSource); compact each line once for all the markers.
  const lines = source.fullText.split(/\r?\n/).map((line) => ({ line, compact: line.replace(/[\s\u3000\u00a0]+/g, '') }));
  for (const marker of FORMAT_2019_MARKERS) {
    const canonical = canonicalOfficial(marker);
    if (alreadyReported.has(canonical)) continue;
    const found = lines.some(({ line, compact }) => {
      if (!compact.includes(canonical)) return false;
      // 政府集中采购 is also ordinary prose (主动公开 of procurement); only a table cell counts.
      return marker !== '政府集中采购' || line.includes('\t') || line.includes('|') || compact.length <= 12;
    });
    if (found) {
      findings.push(
        createFinding('STRUCT-LABELS', 'error', `报告中出现2019年旧格式的表格内容“${marker}”。2021年起应按${FORMAT_CITATION}的格式填报。`, { section: '二', table: 'table2' }, { marker }),
      );
    }
  }
  // The 2019 format has （六）其他处理 as one row; 2021 splits it into 1.–3.
  const compact = source.fullText.replace(/[\s\u3000\u00a0]+/g, '');
  const start = compact.indexOf('(六)其他处理');
  const end = start >= 0 ? compact.indexOf('(七)总计', start) : -1;
  if (start >= 0 && end > start && end - start < 400) {
    const between = compact.slice(start, end);
    if (!between.includes('逾期不补正') && !between.includes('收费通知') && !/3[.、]其他/.test(between)) {
      findings.push(
        createFinding(
          'STRUCT-LABELS',
          'error',
          `表三“（六）其他处理”只有一行，这是2019年旧格式；2021年起应分为“1.申请人无正当理由逾期不补正…”“2.申请人逾期未按收费通知要求缴纳费用…”“3.其他”三行。`,
          { section: '三', table: 'table3' },
          { marker: '（六）其他处理' },
        ),
      );
    }
  }
  return findings;
}

// ---------------------------------------------------------------- YEAR

function lintYear(source: ReportSource, year: number | null): Finding[] {
  const findings: Finding[] = [];
  const fromTitle = titleYear(source.title);
  const statistics = source.statisticsYear;
  if (fromTitle !== null && statistics !== null && fromTitle !== statistics) {
    findings.push(
      createFinding(
        'YEAR',
        'error',
        `标题写的是${fromTitle}年度报告，正文的统计期间却是${statistics}年1月1日至12月31日，两者应为同一年。`,
        {},
        { titleYear: fromTitle, statisticsYear: statistics },
      ),
    );
  }
  const compact = source.fullText.replace(/[\s\u3000\u00a0]+/g, '');
  if (year !== null && year >= FIRST_YEAR_OF_2021_FORMAT && /[〔\[(【]2019[〕\])】]60号/.test(compact)) {
    findings.push(
      createFinding(
        'YEAR',
        'error',
        `${year}年度报告引用了已被取代的${SUPERSEDED_FORMAT_CITATION}；2021年及以后的年度报告应按${FORMAT_CITATION}的格式编制。`,
        {},
        { year, cited: SUPERSEDED_FORMAT_CITATION },
      ),
    );
  }
  return findings;
}
