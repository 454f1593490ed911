// The deadline rules of disclosure on application, as data with their articles (domain.md §E).
// A case keeps the version in force on its receipt date (architecture.md convention 1), so a
// later revision of the 条例 never moves the dates of a case already running.
import type { IsoDate } from '../report/compute/report-records.ts';

export interface DeadlineRules {
  readonly version: string;
  readonly title: string;
  readonly inForceFrom: IsoDate;
  /** 条例第三十三条第一款: 自收到申请之日起20个工作日内予以答复. */
  readonly replyWorkingDays: number;
  /** 条例第三十条: 自收到申请之日起7个工作日内一次性告知补正. */
  readonly correctionNoticeWorkingDays: number;
  /** 条例第三十三条第一款: 延长的期限最长不得超过20个工作日. */
  readonly maxExtensionWorkingDays: number;
  /** 条例第三十二条、第三十四条: 第三方、其他机关 answer within 15个工作日. */
  readonly consultationAnswerWorkingDays: number;
  /**
   * 国办函〔2020〕109号: the time from the fee notice to payment is believed not to count
   * (domain.md §G: NOT VERIFIED against the gov.cn text), hence a rule, not a constant.
   */
  readonly feeNoticeStopsClock: boolean;
}

export const DEADLINE_RULES = [
  {
    version: '2019-05-15',
    title: '《中华人民共和国政府信息公开条例》（国务院令第711号，2019年5月15日起施行）',
    inForceFrom: '2019-05-15',
    replyWorkingDays: 20,
    correctionNoticeWorkingDays: 7,
    maxExtensionWorkingDays: 20,
    consultationAnswerWorkingDays: 15,
    feeNoticeStopsClock: true,
  },
] as const satisfies readonly DeadlineRules[];

export type DeadlineRulesVersion = (typeof DEADLINE_RULES)[number]['version'];

export function findDeadlineRules(version: string): DeadlineRules | undefined {
  return DEADLINE_RULES.find((rules) => rules.version === version);
}

/** The latest version in force on `date`, undefined before the 2019 条例 took effect. */
export function findDeadlineRulesInForceOn(date: IsoDate): DeadlineRules | undefined {
  let found: DeadlineRules | undefined;
  for (const rules of DEADLINE_RULES) if (rules.inForceFrom <= date && (found === undefined || rules.inForceFrom > found.inForceFrom)) found = rules;
  return found;
}

/** Not law: the threshold at which staff lists flag a case (issue 3: 5 working days or fewer). */
export const DUE_SOON_WORKING_DAYS = 5;

/** 工作机构负责人 (条例第三十三条) in the usual review chain; an agency may configure others. */
export const DEFAULT_EXTENSION_APPROVER_ROLES: readonly string[] = ['leader', 'sectionChief'];
