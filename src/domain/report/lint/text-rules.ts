// Text-versus-table rules (domain.md §7): what the prose says must agree with the tables.
// TXT-* mismatches are errors except TXT-SUM (a warning). Patterns are narrow on purpose.
import type { AnnualReport, Cell } from '../annual-report.ts';
import type { Finding } from '../finding.ts';
import type { OutcomeCode, OutcomeGroup, ReviewGroup } from '../report-format.ts';
import type { ProseFigure, ProseSentence } from './report-prose.ts';
import { OUTCOMES, REVIEW_RESULTS } from '../report-format.ts';
import { CHINESE_NUMERAL_CHARS, CLAUSE_BREAK, clauseAt, COUNT_UNIT_SOURCE, findFigures, FIGURE_SOURCE } from './extract-text-figures.ts';
import { allCounts, createFinding, isCount, reviewGroupName, sectionName, sum } from './lint-finding.ts';
import { findProseFigures, reportSentences, speaksOfThisReport } from './report-prose.ts';

const FIGURE = FIGURE_SOURCE + COUNT_UNIT_SOURCE;
/** Gap characters that are not punctuation and not part of a number. */
const WORD_GAP = `[^,;:、()\\d${CHINESE_NUMERAL_CHARS}]`;

export function lintText(report: AnnualReport): Finding[] {
  const sentences = reportSentences(report);
  const findings = [
    ...lintApplications(report, sentences),
    ...lintNoApplications(report, sentences),
    ...lintReviews(report, sentences),
    ...lintCarry(report, sentences),
    ...lintBreakdown(report, sentences),
    ...lintDocuments(report, sentences),
    ...lintSums(report, sentences),
  ];
  return dedupe(findings);
}

/** The same statement repeated in one section is reported once. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = JSON.stringify([f.ruleId, f.location, f.numbers['textValue'] ?? null]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function quote(item: ProseFigure): string {
  return item.match[0];
}

// ---------------------------------------------------------------- TXT-APPS, TXT-ZERO-APPS

const APP_VERB = '(?:收到|受理|办理|处理|接收|接到|新收|办结|答复)';
const APP_TARGET = '(?:依申请公开|政府信息公开申请|依法申请公开|信息公开申请|申请公开政府信息)';
const APP_TARGET_THEN_FIGURE = `${APP_VERB}${WORD_GAP}{0,6}?${APP_TARGET}(?:申请|事项|案件|[共计合总累为达数量件的了])*${FIGURE}`;
const APP_FIGURE_THEN_TARGET = `${APP_VERB}(?:了|共|共计|合计|总计|累计)?${FIGURE}的?${APP_TARGET}`;

/** TXT-APPS: “收到/受理/办理…政府信息公开申请N件” equals 一 总计, 一+二, or （七）总计. */
function lintApplications(report: AnnualReport, sentences: readonly ProseSentence[]): Finding[] {
  const t3 = report.table3;
  const received = t3.received.total;
  const carriedIn = t3.carriedIn.total;
  const concluded = t3.concludedTotal.total;
  const candidates = [received, isCount(received) && isCount(carriedIn) ? received + carriedIn : null, concluded].filter(isCount);
  if (candidates.length === 0) return [];
  const items = [APP_TARGET_THEN_FIGURE, APP_FIGURE_THEN_TARGET].flatMap((source) => findProseFigures(sentences, source, report.year));
  const findings: Finding[] = [];
  for (const item of items) {
    // “未收到…” is TXT-ZERO-APPS; “正在办理…申请1件” counts open cases, not received ones.
    const before = item.sentence.text.slice(Math.max(0, item.match.index - 2), item.match.index);
    if (/[未没无]$|正在|尚在|仍在/.test(before)) continue;
    const n = item.figure.value;
    if (candidates.includes(n)) continue;
    const sumText = isCount(received) && isCount(carriedIn) ? `，加上年结转为${received + carriedIn}` : '';
    findings.push(
      createFinding(
        'TXT-APPS',
        'error',
        `${sectionName(item.sentence.section)}写有“${quote(item)}”，但表三“一、本年新收政府信息公开申请数量”总计为${received ?? '空白'}${sumText}，“（七）总计”为${concluded ?? '空白'}，都不是${n}。请核对文字和表三。`,
        { section: item.sentence.section, table: 'table3', row: 'received', column: 'total' },
        { textValue: n, received, carriedIn, concludedTotal: concluded, quote: quote(item) },
      ),
    );
  }
  return findings;
}

const NO_APPLICATIONS = new RegExp(
  '(?:(?:未|没有)(?:收到|受理|接到|接收)过?(?:任何)?(?:群众|公民|申请人|单位)?的?|(?:无|没有)(?:任何)?)' + '(?:政府信息公开申请|依申请公开|信息公开申请|申请公开政府信息)',
  'gu',
);
const NO_APPLICATIONS_TAIL = /^(?:申请)?(?:事项|件|案件)?的?(?:情况|情形|发生)?$/;

/** TXT-ZERO-APPS: “未收到…政府信息公开申请” ⇒ 一 总计 = 0. */
function lintNoApplications(report: AnnualReport, sentences: readonly ProseSentence[]): Finding[] {
  const received = report.table3.received.total;
  if (!isCount(received) || received === 0) return [];
  const findings: Finding[] = [];
  for (const sentence of sentences) {
    for (const match of sentence.text.matchAll(NO_APPLICATIONS)) {
      const end = match.index + match[0].length;
      const clause = clauseAt(sentence.text, match.index);
      const tail = sentence.text.slice(end, clause.start + clause.text.length);
      // “未收到…申请的投诉”, “未发生…逾期” speak of something else.
      if (!NO_APPLICATIONS_TAIL.test(tail)) continue;
      if (!speaksOfThisReport(sentence.text.slice(0, end), report.year)) continue;
      findings.push(
        createFinding(
          'TXT-ZERO-APPS',
          'error',
          `${sectionName(sentence.section)}写有“${match[0]}”，但表三“一、本年新收政府信息公开申请数量”总计为${received}。`,
          { section: sentence.section, table: 'table3', row: 'received', column: 'total' },
          { textValue: 0, received, quote: match[0] },
        ),
      );
    }
  }
  return findings;
}

// ---------------------------------------------------------------- TXT-REVIEW

const REVIEW_COUNT = `(?<kind>行政复议|行政诉讼)(?:案件|案|申请)?(?:共|共计|合计|总计|数量|数|为|达|了)*${FIGURE}`;
const NO_REVIEW = new RegExp(
  '(?:未发生|没有发生|未出现|没有出现|未有|没有|无|未)(?:因|涉及)?(?:政府信息公开工作?|信息公开工作?)?(?:而|方面)?的?被?(?:申请|提起|引发|引起|发生)?' +
    '(?<first>行政复议|行政诉讼)(?:[、和及或与/]|或者)?被?(?:申请|提起|引发|引起)?(?<second>行政复议|行政诉讼)?',
  'gu',
);
const NO_REVIEW_TAIL = /^的?(?:案件|情况|事项|情形|现象)?(?:发生|出现)?$/;
const PENDING = /尚未审结|正在审理|尚在审理|审理中|正在审查|尚未结案/g;

const LITIGATION: readonly ReviewGroup[] = ['litigationDirect', 'litigationAfterReview'];

function reviewGroupsOf(kind: string): readonly ReviewGroup[] {
  return kind === '行政复议' ? ['adminReview'] : LITIGATION;
}

function lintReviews(report: AnnualReport, sentences: readonly ProseSentence[]): Finding[] {
  const t4 = report.table4;
  const findings: Finding[] = [];

  // “行政复议N件” ⇒ 行政复议 总计; “行政诉讼N件” ⇒ the two 行政诉讼 总计 together.
  for (const item of findProseFigures(sentences, REVIEW_COUNT, report.year)) {
    const kind = item.match.groups?.['kind'] ?? '';
    const groups = reviewGroupsOf(kind);
    const totals = groups.map((g) => t4[g].total);
    if (!allCounts(totals)) continue;
    const tableValue = sum(totals);
    const n = item.figure.value;
    if (n === tableValue) continue;
    const where = kind === '行政复议' ? '表四“行政复议”的“总计”' : '表四“行政诉讼”两栏（未经复议直接起诉、复议后起诉）的“总计”之和';
    findings.push(
      createFinding(
        'TXT-REVIEW',
        'error',
        `${sectionName(item.sentence.section)}写有“${quote(item)}”，但${where}为${tableValue}。`,
        { section: item.sentence.section, table: 'table4', row: kind === '行政复议' ? 'adminReview' : null, column: 'total' },
        { textValue: n, tableValue, quote: quote(item) },
      ),
    );
  }

  for (const sentence of sentences) {
    // “未发生…行政复议、行政诉讼” ⇒ those groups are all 0.
    for (const match of sentence.text.matchAll(NO_REVIEW)) {
      const end = match.index + match[0].length;
      const clause = clauseAt(sentence.text, match.index);
      const tail = sentence.text.slice(end, clause.start + clause.text.length);
      // “未发生行政复议被纠错的情况” denies the correction, not the review.
      if (!NO_REVIEW_TAIL.test(tail)) continue;
      if (!speaksOfThisReport(sentence.text.slice(0, end), report.year)) continue;
      const kinds = [match.groups?.['first'], match.groups?.['second']].filter((k): k is string => k !== undefined);
      const groups = [...new Set(kinds.flatMap(reviewGroupsOf))];
      for (const group of groups) {
        const cells = REVIEW_RESULTS.map((r) => t4[group][r.code]);
        const nonZero = cells.filter((c): c is number => isCount(c) && c > 0);
        if (nonZero.length === 0) continue;
        const total = t4[group].total;
        findings.push(
          createFinding(
            'TXT-REVIEW',
            'error',
            `${sectionName(sentence.section)}写有“${match[0]}”，但表四${reviewGroupName(group)}填有案件（总计${total ?? '空白'}）。`,
            { section: sentence.section, table: 'table4', row: group, column: 'total' },
            { textValue: 0, tableValue: total, quote: match[0] },
          ),
        );
      }
    }

    // “正在审理/尚未审结” ⇒ some 尚未审结 cell > 0.
    for (const match of sentence.text.matchAll(PENDING)) {
      const clause = clauseAt(sentence.text, match.index);
      const before = sentence.text.slice(clause.start, match.index);
      if (/无|没有|不存在|未有/.test(before)) continue;
      if (!speaksOfThisReport(sentence.text, report.year)) continue;
      const review = sentence.text.includes('复议');
      const litigation = sentence.text.includes('诉讼');
      if (!review && !litigation) continue;
      const groups: ReviewGroup[] = [...(review ? (['adminReview'] as const) : []), ...(litigation ? LITIGATION : [])];
      const pending = groups.map((g) => t4[g].pending);
      if (!allCounts(pending) || sum(pending) > 0) continue;
      const names = groups.map(reviewGroupName).join('、');
      findings.push(
        createFinding(
          'TXT-REVIEW',
          'error',
          `${sectionName(sentence.section)}说有案件“${match[0]}”，但表四${names}的“尚未审结”都是0。`,
          { section: sentence.section, table: 'table4', row: groups.length === 1 ? (groups[0] ?? null) : null, column: 'pending' },
          { textValue: null, tableValue: 0, quote: match[0] },
        ),
      );
    }
  }
  return findings;
}

// ---------------------------------------------------------------- TXT-CARRY

const CARRY_OVER_AFTER = `结转(?:至|到)?下一?年度?(?:继续)?(?:办理)?的?(?:政府信息公开)?(?:申请)?(?:共|共计|为|有)?${FIGURE}`;
const CARRY_OVER_BEFORE = `${FIGURE}(?:申请)?(?:需要?|将)?(?:结转|转入)(?:至|到)?下一?年度?`;
const CARRY_IN = `上一?年度?结转的?(?:政府信息公开)?(?:申请)?(?:共|共计|为|有)?${FIGURE}`;
const NO_CARRY_OVER = /(?:无|没有|未有|不存在)(?:需要?)?(?:结转(?:至|到)?下一?年度?|下一?年度?结转)/g;

function lintCarry(report: AnnualReport, sentences: readonly ProseSentence[]): Finding[] {
  const t3 = report.table3;
  const findings: Finding[] = [];
  const check = (items: ProseFigure[], row: 'carriedIn' | 'carriedOver', tableValue: Cell) => {
    if (!isCount(tableValue)) return;
    const label = row === 'carriedIn' ? '二、上年结转政府信息公开申请数量' : '四、结转下年度继续办理';
    for (const item of items) {
      if (item.figure.value === tableValue) continue;
      findings.push(
        createFinding(
          'TXT-CARRY',
          'error',
          `${sectionName(item.sentence.section)}写有“${quote(item)}”，但表三“${label}”总计为${tableValue}。`,
          { section: item.sentence.section, table: 'table3', row, column: 'total' },
          { textValue: item.figure.value, tableValue, quote: quote(item) },
        ),
      );
    }
  };
  check([CARRY_OVER_AFTER, CARRY_OVER_BEFORE].flatMap((s) => findProseFigures(sentences, s, report.year)), 'carriedOver', t3.carriedOver.total);
  check(findProseFigures(sentences, CARRY_IN, report.year), 'carriedIn', t3.carriedIn.total);

  // “无下年度结转” ⇒ 四 总计 = 0.
  const carriedOver = t3.carriedOver.total;
  if (isCount(carriedOver) && carriedOver > 0) {
    for (const sentence of sentences) {
      for (const match of sentence.text.matchAll(NO_CARRY_OVER)) {
        if (!speaksOfThisReport(sentence.text.slice(0, match.index + match[0].length), report.year)) continue;
        findings.push(
          createFinding(
            'TXT-CARRY',
            'error',
            `${sectionName(sentence.section)}写有“${match[0]}”，但表三“四、结转下年度继续办理”总计为${carriedOver}。`,
            { section: sentence.section, table: 'table3', row: 'carriedOver', column: 'total' },
            { textValue: 0, tableValue: carriedOver, quote: match[0] },
          ),
        );
      }
    }
  }
  return findings;
}

// ---------------------------------------------------------------- TXT-BREAKDOWN

interface OutcomeKeyword {
  target: OutcomeCode | OutcomeGroup;
  pattern: string;
  /** Group words (不予公开…) only count at the start of a clause, so “属于国家秘密不予公开1件” is read once, as 国家秘密. */
  clauseStart: boolean;
}

const OUTCOME_KEYWORDS: readonly OutcomeKeyword[] = [
  { target: 'partially_disclosed', pattern: '部分公开|部分予以公开', clauseStart: true },
  { target: 'disclosed', pattern: '(?<!部分|不)予以公开', clauseStart: true },
  { target: 'withheld_state_secret', pattern: '国家秘密', clauseStart: false },
  { target: 'withheld_prohibited_by_law', pattern: '法律行政法规禁止公开|法律法规禁止公开', clauseStart: false },
  { target: 'withheld_security_stability', pattern: '三安全一稳定', clauseStart: false },
  { target: 'withheld_third_party_rights', pattern: '第三方合法权益', clauseStart: false },
  { target: 'withheld_internal_affairs', pattern: '内部事务', clauseStart: false },
  { target: 'withheld_process_info', pattern: '过程性信息', clauseStart: false },
  { target: 'withheld_enforcement_file', pattern: '行政执法案卷', clauseStart: false },
  { target: 'withheld_inquiry_matter', pattern: '行政查询事项', clauseStart: false },
  { target: 'unavailable_not_held', pattern: '不掌握|信息不存在', clauseStart: false },
  { target: 'unavailable_needs_creation', pattern: '另行制作', clauseStart: false },
  { target: 'unavailable_unclear_after_correction', pattern: '补正后申请内容仍不明确|补正后仍不明确', clauseStart: false },
  { target: 'not_processed_petition', pattern: '信访举报投诉', clauseStart: false },
  { target: 'not_processed_duplicate', pattern: '重复申请', clauseStart: false },
  { target: 'not_processed_publication', pattern: '公开出版物', clauseStart: false },
  { target: 'not_processed_excessive', pattern: '大量反复申请', clauseStart: false },
  { target: 'not_processed_confirmation', pattern: '确认或重新出具', clauseStart: false },
  { target: 'other_no_correction', pattern: '逾期不补正', clauseStart: false },
  { target: 'other_fee_unpaid', pattern: '逾期未按收费通知|未缴纳费用|逾期未缴费', clauseStart: false },
  { target: 'withheld', pattern: '(?<!部分)不予公开', clauseStart: true },
  { target: 'unavailable', pattern: '无法提供', clauseStart: true },
  { target: 'not_processed', pattern: '不予处理', clauseStart: true },
  { target: 'other_handling', pattern: '其他处理', clauseStart: true },
];

const GROUP_LABELS: Readonly<Record<OutcomeGroup, string>> = {
  disclosed: '（一）予以公开',
  partially_disclosed: '（二）部分公开',
  withheld: '（三）不予公开',
  unavailable: '（四）无法提供',
  not_processed: '（五）不予处理',
  other_handling: '（六）其他处理',
};

/** Application counts are 件/个/项/起; 条 is for published items, so it is left out. */
const OUTCOME_FIGURE = FIGURE_SOURCE + '(?<unit>件|个|项|起|宗)(?!事)';
const CLAUSE_OPENERS = /^(?:其中|另有|另|有|包括|含|为|办理结果为|答复结果为)?$/;

function outcomeCells(report: AnnualReport, target: OutcomeCode | OutcomeGroup): { value: number | null; label: string } {
  const row = OUTCOMES.find((o) => o.code === target);
  if (row) {
    const value = report.table3[row.code].total;
    const groupLabel = GROUP_LABELS[row.group];
    const label = row.item === '' ? groupLabel : `${groupLabel} ${row.item}${row.label}`;
    return { value: isCount(value) ? value : null, label };
  }
  const cells = OUTCOMES.filter((o) => o.group === target).map((o) => report.table3[o.code].total);
  return { value: allCounts(cells) ? sum(cells) : null, label: `${GROUP_LABELS[target as OutcomeGroup]}（各小项之和）` };
}

/** TXT-BREAKDOWN: 予以公开2件、部分公开2件… equal the table-3 rows (总计 column). */
function lintBreakdown(report: AnnualReport, sentences: readonly ProseSentence[]): Finding[] {
  const statements = new Map<string, { item: ProseFigure; keyword: OutcomeKeyword }[]>();
  // Only sentences about applications, and not about 复议/诉讼 (their results have other words).
  const about = sentences.filter((s) => (s.section === '三' || s.text.includes('申请')) && !/复议|诉讼/.test(s.text));
  for (const keyword of OUTCOME_KEYWORDS) {
    const source = `(?:${keyword.pattern})${WORD_GAP}{0,8}?${OUTCOME_FIGURE}`;
    for (const item of findProseFigures(about, source, report.year)) {
      if (keyword.clauseStart) {
        const clause = clauseAt(item.sentence.text, item.match.index);
        if (!CLAUSE_OPENERS.test(item.sentence.text.slice(clause.start, item.match.index))) continue;
      }
      const list = statements.get(keyword.target) ?? [];
      list.push({ item, keyword });
      statements.set(keyword.target, list);
    }
  }
  const findings: Finding[] = [];
  for (const [target, list] of statements) {
    // Two different figures for one outcome: the prose is ambiguous, say nothing.
    const values = new Set(list.map((s) => s.item.figure.value));
    const first = list[0];
    if (values.size !== 1 || !first) continue;
    const { value: tableValue, label } = outcomeCells(report, target as OutcomeCode | OutcomeGroup);
    const n = first.item.figure.value;
    if (tableValue === null || tableValue === n) continue;
    findings.push(
      createFinding(
        'TXT-BREAKDOWN',
        'error',
        `${sectionName(first.item.sentence.section)}写有“${quote(first.item)}”，但表三“${label}”总计为${tableValue}。`,
        { section: first.item.sentence.section, table: 'table3', row: target, column: 'total' },
        { textValue: n, tableValue, quote: quote(first.item) },
      ),
    );
  }
  return findings;
}

// ---------------------------------------------------------------- TXT-DOCS

const DOCS_ISSUED = [
  `(?:制发|印发|出台)了?(?:行政)?规范性文件(?:共|共计|合计)?${FIGURE}`,
  `(?:制发|印发|出台)了?(?:共|共计)?${FIGURE}的?(?:行政)?规范性文件`,
];
const DOCS_REPEALED = [`废止了?(?:行政)?规范性文件(?:共|共计|合计)?${FIGURE}`, `废止了?(?:共|共计)?${FIGURE}的?(?:行政)?规范性文件`];

/** TXT-DOCS: “制发行政规范性文件N件” ⇒ 表二 行政规范性文件 本年制发件数 (and 废止 likewise). */
function lintDocuments(report: AnnualReport, sentences: readonly ProseSentence[]): Finding[] {
  const counts = report.table2.normativeDocuments;
  const findings: Finding[] = [];
  const check = (sources: string[], column: 'issued' | 'repealed', columnLabel: string) => {
    const tableValue = counts[column];
    if (!isCount(tableValue)) return;
    for (const item of sources.flatMap((s) => findProseFigures(sentences, s, report.year))) {
      if (item.figure.value === tableValue) continue;
      findings.push(
        createFinding(
          'TXT-DOCS',
          'error',
          `${sectionName(item.sentence.section)}写有“${quote(item)}”，但表二“行政规范性文件”的“${columnLabel}”为${tableValue}。`,
          { section: item.sentence.section, table: 'table2', row: 'normativeDocuments', column },
          { textValue: item.figure.value, tableValue, quote: quote(item) },
        ),
      );
    }
  };
  check(DOCS_ISSUED, 'issued', '本年制发件数');
  check(DOCS_REPEALED, 'repealed', '本年废止件数');
  return findings;
}

// ---------------------------------------------------------------- TXT-SUM

const STATED_TOTAL = /(?:共|共计|合计|总计|累计)/;
const CATCH_ALL = /其他|其余|另有/;

/**
 * TXT-SUM (warning): “共…N条，其中A条、B条…”. The list after 其中 ends where its running
 * sum reaches N (later figures belong to another statement). It is flagged when the parts
 * overshoot N, or fall short of N although the list ends with a catch-all (其他/其余) item.
 */
function lintSums(report: AnnualReport, sentences: readonly ProseSentence[]): Finding[] {
  const findings: Finding[] = [];
  for (const sentence of sentences) {
    const text = sentence.text;
    let from = 0;
    for (;;) {
      const at = text.indexOf('其中', from);
      if (at < 0) break;
      from = at + 2;
      const breakBefore = at > 0 && CLAUSE_BREAK.test(text.charAt(at - 1));
      const headEnd = breakBefore ? at - 1 : at;
      if (headEnd <= 0) continue;
      const head = text.slice(clauseAt(text, headEnd - 1).start, headEnd);
      if (!STATED_TOTAL.test(head)) continue;
      const totals = findFigures(head);
      const total = totals[totals.length - 1];
      if (!total || total.approximate || totals.length !== 1) continue;
      if (!speaksOfThisReport(text.slice(0, headEnd), report.year)) continue;
      const parts = listAfter(text, at + 2, total.unit);
      if (parts === null || parts.values.length < 2) continue;
      let running = 0;
      let reached = false;
      for (const v of parts.values) {
        running += v;
        if (running === total.value) {
          reached = true;
          break;
        }
      }
      if (reached) continue;
      const partSum = sum(parts.values);
      if (partSum > total.value || parts.endsWithCatchAll) {
        findings.push(
          createFinding(
            'TXT-SUM',
            'warning',
            `${sectionName(sentence.section)}写有“${head}其中…”，共${total.value}${total.unit}，但其中各项相加为${parts.values.join('+')}=${partSum}${total.unit}，对不上。`,
            { section: sentence.section },
            { stated: total.value, partSum, parts: parts.values.join('+') },
          ),
        );
      }
    }
  }
  return findings;
}

/** The figures listed after 其中, one per clause, in the unit of the total. Null when a clause is ambiguous. */
function listAfter(text: string, start: number, unit: string): { values: number[]; endsWithCatchAll: boolean } | null {
  const values: number[] = [];
  let endsWithCatchAll = false;
  const clauses = text.slice(start).split(/[,;:、]/);
  for (const clause of clauses) {
    if (clause.length === 0) continue;
    if (STATED_TOTAL.test(clause) || clause.includes('其中')) break;
    const figures = findFigures(clause);
    if (figures.length === 0) break;
    const figure = figures[0];
    if (figures.length > 1 || !figure || figure.unit !== unit) break;
    if (figure.approximate) return null;
    values.push(figure.value);
    endsWithCatchAll = CATCH_ALL.test(clause);
  }
  return { values, endsWithCatchAll };
}
