// The request bodies of intake and of a lifecycle event, shared by the HTTP routes and the
// `gongkai application` commands so the two edges cannot drift apart.
import { z } from 'zod';
import { INTAKE_CHANNEL_CODES } from '../../domain/application/intake-channels.ts';
import { isIsoDate } from '../../domain/calendar/iso-date.ts';
import { APPLICANT_TYPES, OUTCOME_CODES } from '../../domain/report/report-format.ts';

export const enumOf = <T extends string>(values: readonly T[]) => z.enum(values as [T, ...T[]]);

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isIsoDate);
export const Text = z.string().trim().min(1).max(2000);
const OptionalText = z.string().max(2000).nullish();
const ApplicantTypeSchema = enumOf(APPLICANT_TYPES.map((a) => a.code));
export const OutcomeSchema = enumOf(OUTCOME_CODES);
const ConsultationPartySchema = z.enum(['thirdParty', 'otherAgency']);

export const ApplicationBody = z.object({
  channel: enumOf(INTAKE_CHANNEL_CODES),
  receivedOn: IsoDate,
  applicant: z.object({
    type: ApplicantTypeSchema,
    name: Text,
    idNumber: z.string().max(40).nullish(),
    creditCode: z.string().max(40).nullish(),
    phone: z.string().max(50).nullish(),
    email: z.string().max(200).nullish(),
    address: OptionalText,
  }),
  requestedInformation: Text,
  requestedForm: OptionalText,
  deliveryMethod: OptionalText,
});

const at = IsoDate;
export const EventBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('correctionRequested'), at, items: z.array(Text).min(1), correctionDueOn: IsoDate }),
  z.object({ kind: z.literal('correctionReceived'), at }),
  z.object({ kind: z.literal('correctionLapsed'), at }),
  z.object({ kind: z.literal('consultationStarted'), at, party: ConsultationPartySchema, addressees: z.array(Text).min(1) }),
  z.object({ kind: z.literal('consultationAnswered'), at, party: ConsultationPartySchema, answer: z.enum(['consented', 'objected', 'noAnswer']) }),
  z.object({ kind: z.literal('extensionApproved'), at, workingDays: z.number().int(), reason: Text }),
  z.object({
    kind: z.literal('feeNoticeSent'),
    at,
    /** Optional: the system computes the fee from `basis`; a value sent must agree with it. */
    amount: z.string().max(20).optional(),
    basis: z.discriminatedUnion('method', [z.object({ method: z.literal('by_count') }), z.object({ method: z.literal('by_pages'), pages: z.number().int().min(1).max(1_000_000) })]),
    paymentDueOn: IsoDate,
  }),
  z.object({ kind: z.literal('feePaid'), at }),
  z.object({ kind: z.literal('feeLapsed'), at }),
  z.object({ kind: z.literal('article35ReasonsRequested'), at }),
  z.object({ kind: z.literal('article35Decided'), at, reasonable: z.boolean(), delayedDueOn: IsoDate.nullable() }),
  z.object({ kind: z.literal('withdrawn'), at }),
  z.object({ kind: z.literal('replied'), at, outcome: OutcomeSchema, legalBasis: Text }),
]);

/** Chinese names of the intake body's fields (the HTTP body and the CLI's file). */
export const INTAKE_FIELD_LABELS: Readonly<Record<string, string>> = {
  channel: '申请渠道',
  receivedOn: '收到申请之日',
  applicant: '申请人',
  'applicant.type': '申请人类型',
  'applicant.name': '申请人姓名或名称',
  'applicant.idNumber': '身份证号码',
  'applicant.creditCode': '统一社会信用代码',
  'applicant.phone': '联系电话',
  'applicant.email': '电子邮箱',
  'applicant.address': '通信地址',
  requestedInformation: '所需政府信息的描述',
  requestedForm: '获取信息的方式',
  deliveryMethod: '获取信息的途径',
};

/** Chinese names of a lifecycle event's fields. */
export const EVENT_FIELD_LABELS: Readonly<Record<string, string>> = {
  kind: '办理事项类型',
  at: '办理日期',
  items: '补正事项',
  correctionDueOn: '补正期限',
  party: '征求意见对象类型',
  addressees: '征求意见对象',
  answer: '意见',
  workingDays: '延长的工作日数',
  reason: '延长理由',
  amount: '收费金额',
  paymentDueOn: '缴费期限',
  reasonable: '申请理由是否合理',
  delayedDueOn: '延迟答复的合理期限',
  outcome: '办理结果',
  legalBasis: '法律依据',
};
