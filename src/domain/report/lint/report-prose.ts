// The prose of a report cut into sentences, with the guards every text-versus-table
// rule shares. Being wrong about a correct report is worse than missing an error, so a
// figure is only compared when its sentence plainly speaks of this agency and this year.
import type { AnnualReport } from '../annual-report.ts';
import type { SectionOrdinal } from '../report-format.ts';
import type { TextFigure } from './extract-text-figures.ts';
import { SECTIONS } from '../report-format.ts';
import { figureFromMatch, figurePattern, normalizeProse, splitSentences } from './extract-text-figures.ts';

export interface ProseSentence {
  section: SectionOrdinal;
  /** Normalised: NFKC, no spaces, no quotation marks. */
  text: string;
}

export function reportSentences(report: AnnualReport): ProseSentence[] {
  return SECTIONS.flatMap((section) => splitSentences(normalizeProse(report.text[section.code])).map((text) => ({ section: section.ordinal, text })));
}

// Comparisons with another period; 上年结转 is this year's 二, not another period.
const OTHER_PERIOD = /同比|环比|较上年|较去年|比上年|比去年|去年|前年|上一年(?!度?结转)|上年(?!度?结转)/;
// Figures for a whole area or system, not for the reporting agency's own tables.
const AGGREGATE_SCOPE = /全省|全市|全区|全县|全旗|全镇|全乡|各部门|各单位|各乡镇|各街道|各县|各级|全系统|系统内/;

/**
 * True when the text before (and including) a figure speaks of this agency and this
 * year: no other year, no comparison with last year, no area-wide total.
 */
export function speaksOfThisReport(prefix: string, year: number | null): boolean {
  if (OTHER_PERIOD.test(prefix) || AGGREGATE_SCOPE.test(prefix)) return false;
  for (const match of prefix.matchAll(/(\d{4})年/g)) {
    if (year === null || Number(match[1]) !== year) return false;
  }
  return true;
}

export interface ProseFigure {
  sentence: ProseSentence;
  match: RegExpExecArray;
  figure: TextFigure;
}

/**
 * Exact figures matched by `source` (built with FIGURE_SOURCE) in sentences that speak of
 * this report. Approximate figures (约, 余, 多, 左右) are left out.
 */
export function findProseFigures(sentences: readonly ProseSentence[], source: string, year: number | null): ProseFigure[] {
  const found: ProseFigure[] = [];
  const pattern = figurePattern(source, true);
  for (const sentence of sentences) {
    for (const match of sentence.text.matchAll(pattern)) {
      const figure = figureFromMatch(match, sentence.text);
      if (!figure || figure.approximate) continue;
      const prefix = sentence.text.slice(0, match.index + match[0].length);
      if (!speaksOfThisReport(prefix, year)) continue;
      found.push({ sentence, match, figure });
    }
  }
  return found;
}
