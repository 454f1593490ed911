// report_yearly_figures, one row per agency and year, written here by the figures API and
// `gongkai import figures` (and wholesale by `gongkai import records`, records.repository.ts).
// Each change leaves an entry in disclosure_settings_history (kind 'yearly_figures'): who, when,
// the year, the figures before and after.
import type { Kysely } from 'kysely';
import type { YearlyFigures } from '../../domain/report/compute/report-records.ts';
import type { Database } from '../db/database.ts';
import type { JsonObject } from '../../domain/audit/canonical-json.ts';
import { appendAuditEntry } from '../audit/audit.repository.ts';

export const YEARLY_FIGURES_HISTORY_KIND = 'yearly_figures';

export interface YearlyFiguresChange {
  year: number;
  before: YearlyFigures | null;
  after: YearlyFigures;
}

export async function findYearlyFigures(db: Kysely<Database>, agencyId: number): Promise<YearlyFigures[]> {
  const rows = await db.selectFrom('report_yearly_figures').selectAll().where('agency_id', '=', agencyId).orderBy('year').execute();
  return rows.map((row) => ({ year: row.year, licensing: row.licensing, penalty: row.penalty, enforcement: row.enforcement, administrativeFees: row.administrative_fees }));
}

/**
 * Writes each year's figures (insert or replace) and its history entry. Call inside a
 * transaction: the years of one request or one file are saved together or not at all.
 */
export async function saveYearlyFigures(trx: Kysely<Database>, agencyId: number, figures: readonly YearlyFigures[], actor: string, via: 'api' | 'import'): Promise<YearlyFiguresChange[]> {
  const existing = new Map((await findYearlyFigures(trx, agencyId)).map((f) => [f.year, f]));
  const changes: YearlyFiguresChange[] = [];
  for (const f of figures) {
    const values = { licensing: f.licensing, penalty: f.penalty, enforcement: f.enforcement, administrative_fees: f.administrativeFees };
    await trx
      .insertInto('report_yearly_figures')
      .values({ agency_id: agencyId, year: f.year, ...values })
      .onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet(values))
      .execute();
    const change: YearlyFiguresChange = { year: f.year, before: existing.get(f.year) ?? null, after: { ...f } };
    const detail = JSON.stringify({ ...change, via });
    await trx.insertInto('disclosure_settings_history').values({ agency_id: agencyId, actor, kind: YEARLY_FIGURES_HISTORY_KIND, detail }).execute();
    await appendAuditEntry(trx, { at: new Date().toISOString(), actor, agencyId, action: 'figures.changed', subject: `figures:${f.year}`, detail: JSON.parse(detail) as JsonObject });
    changes.push(change);
  }
  return changes;
}
