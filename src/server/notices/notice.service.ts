// Notices over storage: an agency's edited templates (the built-in default when it has none)
// and a case's notice filled from its record and rendered to 公文 DOCX. What the case does not
// hold (the 救济途径 bodies, a contact line, an access method…) comes with the request; a value
// that is still missing is refused with 422 naming it in Chinese.
import type { Kysely } from 'kysely';
import { requirePermission } from '../../domain/account/permissions.ts';
import type { CaseEvent } from '../../domain/application/case-events.ts';
import { computeProcessingFee, describeFee } from '../../domain/application/compute-processing-fee.ts';
import type { FeeInput } from '../../domain/application/compute-processing-fee.ts';
import { defaultNoticeTemplate } from '../../domain/application/notices/default-notice-templates.ts';
import { fillNoticeTemplate } from '../../domain/application/notices/fill-notice-template.ts';
import { groundOf, noticeTemplateKindLabel, parseNoticeTemplateKind } from '../../domain/application/notices/notice-kinds.ts';
import type { NoticeTemplateKind } from '../../domain/application/notices/notice-kinds.ts';
import type { NoticeData } from '../../domain/application/notices/notice-placeholders.ts';
import type { NoticeTemplate } from '../../domain/application/notices/notice-template.ts';
import { validateNoticeTemplate } from '../../domain/application/notices/validate-notice-template.ts';
import type { NoticeTemplateFinding } from '../../domain/application/notices/validate-notice-template.ts';
import { formatLegalBasis, formatRemediesClause, getReplyGround } from '../../domain/application/reply-outcomes.ts';
import { DomainError, isDomainError } from '../../domain/domain-error.ts';
import type { IsoDate } from '../../domain/report/compute/report-records.ts';
import { renderNoticeDocx } from '../../files/render-notice-docx.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { toIsoTimestamp } from '../applications/application.repository.ts';
import type { ApplicationDetails, ApplicationService } from '../applications/application.service.ts';
import type { Database } from '../db/database.ts';
import type { JsonObject } from '../../domain/audit/canonical-json.ts';
import { appendAuditEntry } from '../audit/audit.repository.ts';

/** The HTTP status for "understood, but the case or template cannot make this notice" (http-errors.ts reads it). */
export const UNPROCESSABLE = { httpStatus: 422 } as const;

export interface StoredNoticeTemplate {
  kind: NoticeTemplateKind;
  label: string;
  template: NoticeTemplate;
  /** true: the built-in default, the agency has not edited this kind. */
  isDefault: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** What the case does not hold, given by the person printing the notice. All optional. */
export interface NoticeRequestValues {
  issuedOn?: IsoDate;
  contact?: string;
  reason?: string;
  accessMethod?: string;
  competentAgency?: string;
  paymentMethod?: string;
  /** 行政复议机关 and 人民法院 for the remedies clause (第五十一条). */
  reviewBody?: string;
  court?: string;
  /** The fee basis the amount was computed on, for the 收费明细 lines. */
  fee?: FeeInput;
}

export interface RenderedNotice {
  fileName: string;
  asciiFileName: string;
  docx: Uint8Array;
}

function unprocessable(message: string, userMessage: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('BAD_INPUT', message, userMessage, { ...details, ...UNPROCESSABLE });
}

function lastEvent<K extends CaseEvent['kind']>(details: ApplicationDetails, kind: K, where: (event: Extract<CaseEvent, { kind: K }>) => boolean = () => true): Extract<CaseEvent, { kind: K }> | undefined {
  const events = details.history.flatMap((entry) => (entry.source === 'event' && entry.event.kind === kind ? [entry.event as Extract<CaseEvent, { kind: K }>] : []));
  return events.filter(where).at(-1);
}

const present = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value.trim());

export function createNoticeService(deps: { db: Kysely<Database>; applications: ApplicationService; today: () => IsoDate }) {
  const { db, applications, today } = deps;
  const agencies = createAgenciesRepository(db);

  async function templateFor(agencyId: number, kind: NoticeTemplateKind): Promise<StoredNoticeTemplate> {
    const row = await db.selectFrom('notice_templates').selectAll().where('agency_id', '=', agencyId).where('kind', '=', kind).executeTakeFirst();
    if (row === undefined) return { kind, label: noticeTemplateKindLabel(kind), template: defaultNoticeTemplate(kind), isDefault: true, updatedAt: null, updatedBy: null };
    return {
      kind,
      label: noticeTemplateKindLabel(kind),
      template: JSON.parse(row.template) as NoticeTemplate,
      isDefault: false,
      updatedAt: toIsoTimestamp(String(row.updated_at)),
      updatedBy: row.updated_by,
    };
  }

  /** The placeholders' values from the case and the request; kinds that rest on an event need it. */
  function noticeData(kind: NoticeTemplateKind, details: ApplicationDetails, agencyName: string, values: NoticeRequestValues): NoticeData {
    const label = noticeTemplateKindLabel(kind);
    const missingEvent = (what: string) =>
      unprocessable(`${details.trackingNumber}: no ${what} event for ${kind}`, `申请${details.trackingNumber}没有“${what}”的办理记录，无法生成${label}。`, { field: kind });
    const data: Record<string, unknown> = {
      applicantName: details.applicant.name,
      trackingNumber: details.trackingNumber,
      receivedOn: details.receivedOn,
      requestedInformation: details.requestedInformation,
      agencyName,
      issuedOn: values.issuedOn ?? today(),
      contact: present(values.contact),
      reason: present(values.reason),
      accessMethod: present(values.accessMethod),
      competentAgency: present(values.competentAgency),
      paymentMethod: present(values.paymentMethod),
    };
    const correction = lastEvent(details, 'correctionRequested');
    if (correction !== undefined) Object.assign(data, { correctionItems: correction.items, correctionDeadline: correction.correctionDueOn });
    const fee = lastEvent(details, 'feeNoticeSent');
    if (fee !== undefined) Object.assign(data, { feeAmount: `${fee.amount}元`, payBy: fee.paymentDueOn });

    const ground = groundOf(kind);
    switch (kind) {
      case 'correction':
        if (correction === undefined) throw missingEvent('告知补正');
        break;
      case 'extension': {
        const extension = lastEvent(details, 'extensionApproved');
        if (extension === undefined) throw missingEvent('延长答复期限');
        Object.assign(data, { extensionDays: extension.workingDays, newDueOn: details.clock.statutoryDueOn ?? undefined, reason: present(values.reason) ?? extension.reason });
        break;
      }
      case 'third_party_consultation':
      case 'agency_consultation': {
        const party = kind === 'third_party_consultation' ? 'thirdParty' : 'otherAgency';
        const started = lastEvent(details, 'consultationStarted', (event) => event.party === party);
        if (started === undefined) throw missingEvent(party === 'thirdParty' ? '征求第三方意见' : '征求其他机关意见');
        data.consultedParty = started.addressees.join('、');
        break;
      }
      case 'fee': {
        if (fee === undefined) throw missingEvent('发出收费通知');
        if (values.fee !== undefined) {
          const computed = computeProcessingFee(values.fee);
          // The lines must add up to the amount the notice event recorded.
          if (String(computed.amount) !== String(Number(fee.amount))) {
            throw unprocessable(`fee lines total ${computed.amount}, event says ${fee.amount}`, `按所给收费依据计算的金额为${computed.amount}元，与已登记的收费金额${fee.amount}元不一致。`, { field: 'fee' });
          }
          data.feeLines = describeFee(computed);
        }
        break;
      }
      default: {
        if (ground === null) break;
        const replied = lastEvent(details, 'replied');
        if (replied === undefined) throw missingEvent('答复');
        const replyGround = getReplyGround(ground);
        if (replyGround.outcome !== replied.outcome) {
          throw unprocessable(
            `${details.trackingNumber}: outcome ${replied.outcome} is not ground ${ground}'s`,
            `申请${details.trackingNumber}的办理结果是“${details.outcomeLabel ?? replied.outcome}”，不能使用${label}。`,
            { field: 'kind' },
          );
        }
        data.legalBasis = formatLegalBasis(replyGround) ?? replied.legalBasis;
        const reviewBody = present(values.reviewBody);
        const court = present(values.court);
        if (replyGround.remedies && reviewBody !== undefined && court !== undefined) data.remedies = formatRemediesClause({ reviewBody, court });
      }
    }
    return data as NoticeData;
  }

  return {
    async getTemplate(agencyCode: string, kindCode: string): Promise<StoredNoticeTemplate> {
      const agency = await agencies.getAgencyByCode(agencyCode);
      return templateFor(agency.id, parseNoticeTemplateKind(kindCode));
    },

    /** Saves an edited template after validateNoticeTemplate; findings → 422 listing them in Chinese. */
    async putTemplate(agencyCode: string, kindCode: string, template: NoticeTemplate, actor: string, actorRoles: readonly string[]): Promise<StoredNoticeTemplate> {
      requirePermission(actorRoles, 'notice.editTemplate');
      const agency = await agencies.getAgencyByCode(agencyCode);
      const kind = parseNoticeTemplateKind(kindCode);
      const findings: NoticeTemplateFinding[] = validateNoticeTemplate(template, kind);
      if (findings.length > 0) {
        throw unprocessable(`template ${kind}: ${findings.length} finding(s)`, `${noticeTemplateKindLabel(kind)}模板有以下问题，未保存：\n${findings.map((f) => f.message).join('\n')}`, {
          field: 'template',
          findings,
        });
      }
      const json = JSON.stringify({ title: template.title, documentNumber: template.documentNumber, addressee: template.addressee, paragraphs: [...template.paragraphs] });
      const updatedAt = new Date().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('notice_templates')
          .values({ agency_id: agency.id, kind, template: json, updated_at: updatedAt, updated_by: actor })
          .onConflict((oc) => oc.columns(['agency_id', 'kind']).doUpdateSet({ template: json, updated_at: updatedAt, updated_by: actor }))
          .execute();
        await appendAuditEntry(trx, { at: updatedAt, actor, agencyId: agency.id, action: 'notice.templateChanged', subject: `notice-template:${kind}`, detail: JSON.parse(json) as JsonObject });
      });
      return templateFor(agency.id, kind);
    },

    /** The case's notice of `kind` as DOCX, from the agency's template. */
    async renderNotice(trackingNumber: string, kindCode: string, values: NoticeRequestValues = {}): Promise<RenderedNotice> {
      const kind = parseNoticeTemplateKind(kindCode);
      const details = await applications.getApplication(trackingNumber);
      const agency = await db.selectFrom('agencies').select(['id', 'name']).where('id', '=', details.agencyId).executeTakeFirstOrThrow();
      const { template } = await templateFor(agency.id, kind);
      let filled;
      try {
        filled = fillNoticeTemplate(template, noticeData(kind, details, agency.name, values));
      } catch (error) {
        // fillNoticeTemplate names every missing value in Chinese; that is a 422, not a bad request.
        if (isDomainError(error) && error.code === 'BAD_INPUT' && error.details.httpStatus === undefined) {
          throw unprocessable(error.message, error.userMessage, { ...error.details });
        }
        throw error;
      }
      const docx = await renderNoticeDocx(filled);
      const label = noticeTemplateKindLabel(kind);
      return { fileName: `${label}-${details.trackingNumber}.docx`, asciiFileName: `${kind}-${details.trackingNumber}.docx`, docx };
    },
  };
}

export type NoticeService = ReturnType<typeof createNoticeService>;
