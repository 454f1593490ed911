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

