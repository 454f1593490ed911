// The yearly figures of table 二 as the clerk types them (第二十条第（五）（六）（八）项): what each field
// means, and the check before the PUT. The server checks again (check-yearly-figures.ts); this
// check only says the same things earlier, in the words of the form.
import type { YearlyFigures, YearlyFiguresBody } from './report-api.ts';

export type FiguresCode = 'licensing' | 'penalty' | 'enforcement' | 'administrativeFees';

export interface FiguresFieldInfo {
  code: FiguresCode;
  /** The sub-table of table 二 the row belongs to. */
  caption: string;
  /** The official row name. */
  row: string;
  /** The official column head of the value. */
  header: string;
  /** What the clerk counts, in plain words. */
  help: string;
}

export const FIGURES_FIELDS: readonly FiguresFieldInfo[] = [
  {
    code: 'licensing',
    caption: '第二十条第（五）项',
    row: '行政许可',
    header: '本年处理决定数量',
    help: '本年度作出的行政许可处理决定的件数，填整数，单位：件。没有的填 0。',
  },
  {
    code: 'penalty',
    caption: '第二十条第（六）项',
    row: '行政处罚',
    header: '本年处理决定数量',
    help: '本年度作出的行政处罚决定的件数，填整数，单位：件。没有的填 0。',
  },
  {
    code: 'enforcement',
    caption: '第二十条第（六）项',
    row: '行政强制',
    header: '本年处理决定数量',
    help: '本年度作出的行政强制决定（行政强制措施和行政强制执行）的件数，填整数，单位：件。没有的填 0。',
  },
  {
    code: 'administrativeFees',
    caption: '第二十条第（八）项',
    row: '行政事业性收费',
    header: '本年收费金额（单位：万元）',
    help: '本年度收取的行政事业性收费总金额，单位：万元，最多保留 4 位小数（例如 3 万 2 千 5 百元填 3.25）。报告中按 4 位小数显示。没有的填 0。',
  },
];

export type FiguresForm = Record<FiguresCode, string>;

export const EMPTY_FIGURES_FORM: FiguresForm = { licensing: '', penalty: '', enforcement: '', administrativeFees: '' };

/** PostgreSQL `integer`, as the server allows. */
const MAX_COUNT = 2_147_483_647;
/** Same as the server's FEE_AMOUNT: 万元, at most 12 integer digits and 4 decimals. */
const FEE_AMOUNT = /^\d{1,12}(?:\.\d{1,4})?$/;

/** The form's values for a year's saved figures, or blank when the year has none yet. */
export function formOfFigures(figures: YearlyFigures | null): FiguresForm {
  if (figures === null) return { ...EMPTY_FIGURES_FORM };
  return {
    licensing: String(figures.licensing),
    penalty: String(figures.penalty),
    enforcement: String(figures.enforcement),
    administrativeFees: figures.administrativeFees,
  };
}

/** Full-width digits and point (typed with a Chinese input method) as ASCII; spaces trimmed. */
export function normaliseNumberText(text: string): string {
  return text
    .trim()
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.');
}

/** The request body, or a Chinese problem per field. */
export function checkFiguresForm(form: FiguresForm): { body: YearlyFiguresBody; problems: null } | { body: null; problems: Partial<Record<FiguresCode, string>> } {
  const problems: Partial<Record<FiguresCode, string>> = {};
  const counts: Partial<Record<'licensing' | 'penalty' | 'enforcement', number>> = {};
  for (const code of ['licensing', 'penalty', 'enforcement'] as const) {
    const row = FIGURES_FIELDS.find((f) => f.code === code)?.row ?? code;
    const text = normaliseNumberText(form[code]);
    if (text === '') problems[code] = `请填写${row}的本年处理决定数量（没有的填 0）`;
    else if (!/^\d+$/.test(text) || Number(text) > MAX_COUNT) problems[code] = `${row}的决定数量应为 0 或正整数`;
    else counts[code] = Number(text);
  }
  const fee = normaliseNumberText(form.administrativeFees);
  if (fee === '') problems.administrativeFees = '请填写行政事业性收费金额（没有的填 0）';
  else if (!FEE_AMOUNT.test(fee)) problems.administrativeFees = '行政事业性收费金额应为不小于 0 的数，单位万元，最多 4 位小数，不要写“万元”或逗号';
  const { licensing, penalty, enforcement } = counts;
  if (Object.keys(problems).length > 0 || licensing === undefined || penalty === undefined || enforcement === undefined) return { body: null, problems };
  return { body: { licensing, penalty, enforcement, administrativeFees: fee }, problems: null };
}

/** Whether the form differs from what is saved (blank saved figures differ from any typed value). */
export function figuresFormDirty(form: FiguresForm, saved: FiguresForm): boolean {
  return FIGURES_FIELDS.some((f) => normaliseNumberText(form[f.code]) !== normaliseNumberText(saved[f.code]));
}
