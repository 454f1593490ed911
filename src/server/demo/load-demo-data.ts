// Puts the demo agency, its 2024–2025 records and report texts into an EMPTY database, so
// that `npm start` on a fresh clone has a report to show. A database that already holds
// any agency is left alone. With the agency come its demo users, one per role (demo-users.ts).
// The 2024 and 2025 reports are loaded published (issue 5: the portal shows published reports only).
import type { Kysely } from 'kysely';
import { computeAnnualReport } from '../../domain/report/compute/compute-annual-report.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import type { Database } from '../db/database.ts';
import { createRecordsRepository } from '../records/records.repository.ts';
import { saveSettingsRow } from '../disclosure-settings/disclosure-settings.repository.ts';
import { createDemoRecords, DEMO_AGENCY, DEMO_CREDIT_CODE, DEMO_YEARS } from './demo-records.ts';
import { createDemoUsers } from './demo-users.ts';
import { writeDemoReportText } from './write-demo-report-text.ts';
import { renderReportJson } from '../../domain/report/render/render-report-json.ts';
import { appendReportEvent, writeAnnualReportRow } from '../annual-reports/annual-reports.repository.ts';
import { createAnnualReportService } from '../reports/annual-report.service.ts';

/** Who the demo's approval history names. */
export const DEMO_ACTOR = 'system:demo';

export async function loadDemoData(db: Kysely<Database>, now: Date = new Date()): Promise<{ loaded: boolean }> {
  const result = await db.transaction().execute(async (trx) => {
    const anyAgency = await trx.selectFrom('agencies').select('id').limit(1).executeTakeFirst();
    if (anyAgency !== undefined) return { loaded: false };

    const agency = await createAgenciesRepository(trx).createAgency({ ...DEMO_AGENCY });
    // Published items get their 索引号 from the credit code ({creditCode}/{year}-{seq:5}).
    await saveSettingsRow(trx, agency.id, { creditCode: DEMO_CREDIT_CODE }, DEMO_ACTOR);
    const records = createDemoRecords();
    const repository = createRecordsRepository(trx);
    await repository.replaceRecords(agency.id, records);
    for (const year of DEMO_YEARS) {
      await repository.saveReportText(agency.id, year, writeDemoReportText(computeAnnualReport(records, year), year));
    }
    // Both years published, so the demo portal has reports to show: frozen exactly as the
    // console computes them, then published (state published, final_json = published_json).
    const reports = createAnnualReportService({ db: trx });
    const at = now.toISOString();
    for (const year of DEMO_YEARS) {
      const frozen = renderReportJson((await reports.computeReport(agency, year)).report);
      await writeAnnualReportRow(trx, agency.id, year, 0, { state: 'published', finalJson: frozen, publishedJson: frozen, publishedAt: at }, at);
      await appendReportEvent(trx, agency.id, year, { kind: 'finalize', actor: DEMO_ACTOR, note: null, at });
      await appendReportEvent(trx, agency.id, year, { kind: 'publish', actor: DEMO_ACTOR, note: null, at });
    }
    return { loaded: true };
  });
  // The accounts service runs its own transactions, so the users follow the agency's.
  if (result.loaded) await createDemoUsers(db, now);
  return result;
}
