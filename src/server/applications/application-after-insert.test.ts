// receiveApplication's afterInsert runs in the case's own transaction: what the portal stores with
// a case (the applicant's ID proof) is written with it, or the case is not written either.
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { HOLIDAY_ARRANGEMENTS } from '../../domain/calendar/holiday-arrangements.ts';
import { createWorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import type { ApplicationService } from './application.service.ts';
import { createApplicationService } from './application.service.ts';

const INPUT = {
  channel: 'online' as const,
  receivedOn: '2026-02-02',
  applicant: { type: 'natural_person' as const, name: '张三', idNumber: '11010519491231002X' },
  requestedInformation: '某项目的批复文件',
};

describeEachDatabase('receiving with afterInsert', (database) => {
  let service: ApplicationService;
  let agencyId = 0;
  const count = async (table: string): Promise<number> => {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where agency_id = ${agencyId}`.execute(database.db);
    return Number(rows[0]?.n ?? 0);
  };

  beforeAll(async () => {
    agencyId = (await createAgenciesRepository(database.db).createAgency({ code: 'ai', name: '示范局', level: 'municipal' })).id;
    service = createApplicationService({ db: database.db, calendar: createWorkingDayCalendar(HOLIDAY_ARRANGEMENTS), today: () => '2026-02-02' });
  });

  it('gives the hook the new case inside the transaction', async () => {
    let seen: { applicationId: number; trackingNumber: string } | null = null;
    const received = await service.receiveApplication('ai', INPUT, 'system:portal', ['clerk'], {
      afterInsert: async (trx, ref) => {
        // The case is visible to the transaction that inserted it.
        const row = await trx.selectFrom('applications').select('tracking_number').where('id', '=', ref.applicationId).executeTakeFirstOrThrow();
        seen = { applicationId: ref.applicationId, trackingNumber: row.tracking_number };
        expect(ref.agencyId).toBe(agencyId);
      },
    });
    expect(seen).toMatchObject({ trackingNumber: received.trackingNumber });
    expect(received.trackingNumber).toBe('AI-2026-000001');
  });

  it('writes nothing — no case, event, number or audit entry — when the hook fails', async () => {
    const before = [await count('applications'), await count('application_events'), await count('audit_entries'), await count('tracking_sequences')];
    await expect(
      service.receiveApplication('ai', INPUT, 'system:portal', ['clerk'], {
        afterInsert: () => Promise.reject(new Error('disk full')),
      }),
    ).rejects.toThrow('disk full');
    expect([await count('applications'), await count('application_events'), await count('audit_entries'), await count('tracking_sequences')]).toEqual(before);
    // The number was not used up: the next case takes 000002.
    expect((await service.receiveApplication('ai', INPUT, 'system:portal', ['clerk'])).trackingNumber).toBe('AI-2026-000002');
  });
});
