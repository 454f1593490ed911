// After 定稿 of a year's annual report its cases are locked (issue 5): intake, case events and
// review cases that would change a locked year are refused (CONFLICT), and nothing is written.
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { HOLIDAY_ARRANGEMENTS } from '../../domain/calendar/holiday-arrangements.ts';
import { createWorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import type { DomainError } from '../../domain/domain-error.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import type { ApplicationService, CaseEventInput } from './application.service.ts';
import { createApplicationService } from './application.service.ts';

// GB 11643's own example: check character X.
const ID_NUMBER = '11010519491231002X';
const BASIS = '《中华人民共和国政府信息公开条例》第三十六条';
const LOCKED_2025 = '2025年度报告已定稿，该年度的数据已锁定。如确需修改，请由分管领导在“年度报告”中解除锁定（须填写理由）。';

describeEachDatabase('report lock on cases', (database) => {
  let service: ApplicationService;
  let agencyId = 0;
  const open: Record<string, string> = {};
  const reviews: Record<string, number> = {};

  const setState = async (year: number, state: string | null): Promise<void> => {
    await database.db.deleteFrom('annual_reports').where('agency_id', '=', agencyId).where('year', '=', year).execute();
    if (state !== null) {
      await database.db.insertInto('annual_reports').values({ agency_id: agencyId, year, state, version: 1, final_json: null, published_json: null, published_at: null }).execute();
    }
  };
  const receive = (receivedOn: string) =>
    service.receiveApplication(
      'lk',
      { channel: 'online', receivedOn, applicant: { type: 'natural_person', name: '张三', idNumber: ID_NUMBER }, requestedInformation: '某项目的批复文件' },
      'u-clerk',
      ['clerk'],
    );
  const record = (trackingNumber: string, event: CaseEventInput, expectedVersion = 1) => service.recordEvent(trackingNumber, event, { actor: 'u-clerk', actorRoles: ['clerk'], expectedVersion });
  const replied = (at: string): CaseEventInput => ({ kind: 'replied', at, outcome: 'disclosed', legalBasis: BASIS }) as CaseEventInput;
  const count = async (table: 'applications' | 'application_events' | 'review_cases' | 'audit_entries' | 'tracking_sequences'): Promise<number> => {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where agency_id = ${agencyId}`.execute(database.db);
    return Number(rows[0]?.n ?? 0);
  };
  const snapshot = async () => ({
    applications: await count('applications'),
    events: await count('application_events'),
    reviews: await count('review_cases'),
    audit: await count('audit_entries'),
    sequences: await count('tracking_sequences'),
  });
  const refusal = async (promise: Promise<unknown>): Promise<DomainError> => {
    try {
      await promise;
    } catch (error) {
      return error as DomainError;
    }
    throw new Error('expected a refusal');
  };

  beforeAll(async () => {
    service = createApplicationService({ db: database.db, calendar: createWorkingDayCalendar(HOLIDAY_ARRANGEMENTS), today: () => '2026-02-02' });
    agencyId = (await createAgenciesRepository(database.db).createAgency({ code: 'lk', name: '锁定测试局', level: 'municipal' })).id;
    // Cases and review cases of late 2025, entered while the 2025 report was a draft.
    await setState(2025, 'draft');
    for (const [label, receivedOn] of [
      ['B', '2025-12-22'],
      ['C', '2025-12-23'],
      ['D', '2025-12-24'],
    ] as const) {
      open[label] = (await receive(receivedOn)).trackingNumber;
    }
    reviews.R1 = (await service.createReviewCase('lk', { kind: 'adminReview', body: '示范市人民政府', filedOn: '2025-10-01' }, 'u-clerk', ['clerk'])).id;
    reviews.R2 = (await service.createReviewCase('lk', { kind: 'adminReview', body: '示范市人民政府', filedOn: '2025-10-02' }, 'u-clerk', ['clerk'])).id;
    await setState(2025, 'finalized');
  });

  it('refuses a case received 2025-12-30 once 2025 is 定稿, and writes nothing (no case, no number, no event, no audit entry)', async () => {
    const before = await snapshot();
    const error = await refusal(receive('2025-12-30'));
    expect(error.code).toBe('CONFLICT');
    expect(error.userMessage).toBe(LOCKED_2025);
    expect(await snapshot()).toEqual(before);
  });

  it('accepts a case received 2026-01-05 (2026 has no report yet)', async () => {
    const { trackingNumber } = await receive('2026-01-05');
    expect(trackingNumber).toMatch(/^LK-2026-/);
  });

  it('accepts a reply dated 2026-01-15 on a case received in 2025: 2025 keeps it in 四 结转下年度 either way', async () => {
    const details = await record(open.B!, replied('2026-01-15'));
    expect(details.state).toBe('closed');
  });

  it('refuses a late-entered reply dated 2025-12-31 (it would move the case from 四 to （一） of 2025); the case stays as it was', async () => {
    const before = await snapshot();
    const error = await refusal(record(open.C!, replied('2025-12-31')));
    expect(error.code).toBe('CONFLICT');
    expect(error.userMessage).toBe(LOCKED_2025);
    expect(await snapshot()).toEqual(before);
    const stored = await service.getApplication(open.C!);
    expect([stored.state, stored.version, stored.concludedOn]).toEqual(['in_progress', 1, null]);
  });

  it('refuses any event dated in 2025 even when no number moves (a consultation started 2025-12-29)', async () => {
    const before = await snapshot();
    const event = { kind: 'consultationStarted', at: '2025-12-29', party: 'otherAgency', addressees: ['示范市财政局'] } as CaseEventInput;
    expect((await refusal(record(open.D!, event))).code).toBe('CONFLICT');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses the same in a 发布 year, and allows it while the report is 审核中 or has no row', async () => {
    await setState(2025, 'published');
    const published = await refusal(record(open.C!, replied('2025-12-31')));
    expect(published.userMessage.startsWith('2025年度报告已发布')).toBe(true);
    await setState(2025, 'inReview');
    expect((await record(open.C!, replied('2025-12-31'))).state).toBe('closed');
    await setState(2025, null);
    const event = { kind: 'consultationStarted', at: '2025-12-29', party: 'otherAgency', addressees: ['示范市财政局'] } as CaseEventInput;
    expect((await record(open.D!, event)).state).toBe('consulting');
    await setState(2025, 'finalized');
  });

  it('refuses a review case filed 2025-11-01 and accepts one filed 2026-01-03', async () => {
    const before = await snapshot();
    const error = await refusal(service.createReviewCase('lk', { kind: 'litigationDirect', body: '示范区人民法院', filedOn: '2025-11-01' }, 'u-clerk', ['clerk']));
    expect(error.code).toBe('CONFLICT');
    expect(await snapshot()).toEqual(before);
    expect((await service.createReviewCase('lk', { kind: 'litigationDirect', body: '示范区人民法院', filedOn: '2026-01-03' }, 'u-clerk', ['clerk'])).filedOn).toBe('2026-01-03');
  });

  it('accepts the conclusion on 2026-01-12 of a review filed in 2025 (尚未审结 in 2025 either way), refuses one concluded 2025-12-20', async () => {
    expect((await service.concludeReviewCase('lk', reviews.R1!, { concludedOn: '2026-01-12', result: 'upheld' }, 'u-clerk', ['clerk'])).result).toBe('upheld');
    const before = await snapshot();
    const error = await refusal(service.concludeReviewCase('lk', reviews.R2!, { concludedOn: '2025-12-20', result: 'corrected' }, 'u-clerk', ['clerk']));
    expect(error.code).toBe('CONFLICT');
    expect(await snapshot()).toEqual(before);
    const r2 = await database.db.selectFrom('review_cases').select(['result', 'concluded_on']).where('id', '=', reviews.R2!).executeTakeFirstOrThrow();
    expect(r2).toEqual({ result: null, concluded_on: null });
  });
});
