// How an application arrives, and how each channel fixes 收到申请之日 (条例第三十一条 [V]).
// The receipt date starts the 20-working-day clock of 第三十三条 and the 7-day 补正 notice of 第三十条.

/** The four rules of 第三十一条 for the date of receipt. */
export const RECEIPT_DATE_RULES = [
  { code: 'submission_date', label: '提交之日' },
  { code: 'agency_signing_date', label: '行政机关签收之日' },
  { code: 'applicant_confirmation_date', label: '与申请人确认之日' },
  { code: 'mutual_confirmation_date', label: '双方确认之日' },
] as const;
export type ReceiptDateRule = (typeof RECEIPT_DATE_RULES)[number]['code'];

export interface IntakeChannelDefinition {
  readonly code: string;
  readonly label: string;
  readonly rule: ReceiptDateRule;
  readonly citation: string;
  /** Shown to staff at intake: how the receipt date is fixed for this channel. */
  readonly explanation: string;
  /** The date is fixed only once the agency has confirmed receipt with the applicant. */
  readonly needsConfirmation: boolean;
}

/** The 6 intake channels (第二十九条: in writing, 包括信件、数据电文; orally when writing is really hard). */
export const INTAKE_CHANNELS = [
  {
    code: 'in_person',
    label: '当面',
    rule: 'submission_date',
    citation: '条例第三十一条第（一）项',
    explanation: '申请人当面提交政府信息公开申请的，以提交之日为收到申请之日。',
    needsConfirmation: false,
  },
  {
    code: 'registered_mail',
    label: '邮寄',
    rule: 'agency_signing_date',
    citation: '条例第三十一条第（二）项',
    explanation: '申请人以邮寄方式提交政府信息公开申请的，以行政机关签收之日为收到申请之日。',
    needsConfirmation: false,
  },
  {
    code: 'ordinary_mail',
    label: '平常信函',
    rule: 'applicant_confirmation_date',
    citation: '条例第三十一条第（二）项',
    explanation:
      '以平常信函等无需签收的邮寄方式提交政府信息公开申请的，政府信息公开工作机构应当于收到申请的当日与申请人确认，确认之日为收到申请之日。',
    needsConfirmation: true,
  },
  {
    code: 'online',
    label: '网络',
    rule: 'mutual_confirmation_date',
    citation: '条例第三十一条第（三）项',
    explanation: '申请人通过互联网渠道提交政府信息公开申请的，以双方确认之日为收到申请之日。',
    needsConfirmation: true,
  },
  {
    code: 'fax',
    label: '传真',
    rule: 'mutual_confirmation_date',
    citation: '条例第三十一条第（三）项',
    explanation: '申请人通过政府信息公开工作机构的传真提交政府信息公开申请的，以双方确认之日为收到申请之日。',
    needsConfirmation: true,
  },
  {
    // 第三十一条 does not name oral applications. The applicant speaks at the 工作机构 and it fills in
    // the form (第二十九条第一款), so we read it as 当面提交 [M]: confirm the reading locally.
    code: 'oral',
    label: '口头代填',
    rule: 'submission_date',
    citation: '条例第二十九条第一款、第三十一条第（一）项',
    explanation:
      '申请人采用书面形式确有困难、口头提出申请，由政府信息公开工作机构代为填写的，按当面提交处理，以代为填写的申请经申请人确认提交之日为收到申请之日。',
    needsConfirmation: false,
  },
] as const satisfies readonly IntakeChannelDefinition[];

export type IntakeChannel = (typeof INTAKE_CHANNELS)[number]['code'];
export const INTAKE_CHANNEL_CODES: readonly IntakeChannel[] = INTAKE_CHANNELS.map((c) => c.code);

export interface ReceiptDateRuleExplained {
  channel: IntakeChannel;
  rule: ReceiptDateRule;
  /** e.g. 双方确认之日 */
  ruleLabel: string;
  citation: string;
  explanation: string;
  needsConfirmation: boolean;
}

/** How 收到申请之日 is fixed for an application that came in through `channel`. */
export function receiptDateRule(channel: IntakeChannel): ReceiptDateRuleExplained {
  const definition = INTAKE_CHANNELS.find((c) => c.code === channel)!;
  const ruleLabel = RECEIPT_DATE_RULES.find((r) => r.code === definition.rule)!.label;
  return {
    channel,
    rule: definition.rule,
    ruleLabel,
    citation: definition.citation,
    explanation: definition.explanation,
    needsConfirmation: definition.needsConfirmation,
  };
}

export function isIntakeChannel(value: string): value is IntakeChannel {
  return (INTAKE_CHANNEL_CODES as readonly string[]).includes(value);
}
