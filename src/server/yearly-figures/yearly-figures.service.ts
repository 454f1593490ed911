// Table 二 第二十条第（五）（六）（八）项: the yearly counts of 行政许可、行政处罚、行政强制 decisions
// and the 行政事业性收费 amount, entered per year (PUT) or imported from CSV. The annual report
// reads them through records.repository.ts (findRecordsWithoutCases) like imported figures.
//
// Beside `gongkai import records`: that command replaces ALL of an agency's report records,
// yearly figures included (replaceRecords), so it deletes figures entered here for years its
// file does not hold. The figures API and `import figures` change only the years they name.
import type { Kysely } from 'kysely';
import { requirePermission } from '../../domain/account/permissions.ts';
import { DomainError } from '../../domain/domain-error.ts';
import type { YearlyFigures } from '../../domain/report/compute/report-records.ts';
import type { Agency } from '../agencies/agencies.repository.ts';
import { assertRecordsChangeAllowed, assertReportYearsOpen } from '../annual-reports/report-locks.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import type { Database } from '../db/database.ts';
import type { FiguresField } from './check-yearly-figures.ts';
import { checkYearlyFigures } from './check-yearly-figures.ts';
import type { YearlyFiguresChange } from './yearly-figures.repository.ts';
import { findYearlyFigures, saveYearlyFigures } from './yearly-figures.repository.ts';

export interface YearlyFiguresService {
  /** Every year entered for the agency, oldest first. */
  listYearlyFigures(agencyCode: string): Promise<{ agency: Agency; figures: YearlyFigures[] }>;
  /** Sets one year's figures; BAD_INPUT naming the first wrong field in Chinese (details.field). */
  putYearlyFigures(agencyCode: string, year: number, input: Omit<Record<FiguresField, unknown>, 'year'>, actor: string, actorRoles: readonly string[]): Promise<YearlyFigures>;
  /** Several years at once, all or nothing; with dryRun nothing is written. */
  importYearlyFigures(agencyCode: string, figures: readonly YearlyFigures[], actor: string, options: { dryRun: boolean; actorRoles: readonly string[] }): Promise<{ agency: Agency; changes: YearlyFiguresChange[] }>;
}

export function createYearlyFiguresService({ db }: { db: Kysely<Database> }): YearlyFiguresService {
  const agencies = createAgenciesRepository(db);

  return {
    async listYearlyFigures(agencyCode) {
      const agency = await agencies.getAgencyByCode(agencyCode);
      return { agency, figures: await findYearlyFigures(db, agency.id) };
    },

    async putYearlyFigures(agencyCode, year, input, actor, actorRoles) {
      requirePermission(actorRoles, 'figures.edit');
      const agency = await agencies.getAgencyByCode(agencyCode);
      const checked = checkYearlyFigures({ ...input, year });
      if (checked.figures === undefined) {
        const first = checked.problems[0];
        throw new DomainError('BAD_INPUT', `yearly figures ${year}: ${checked.problems.map((p) => p.field).join(', ')}`, checked.problems.map((p) => p.message).join('；'), {
          field: first?.field,
          problems: checked.problems,
        });
      }
      const figures = checked.figures;
      await db.transaction().execute(async (trx) => {
        // After 定稿 the year's figures are locked.
        await assertReportYearsOpen(trx, agency.id, [figures.year]);
        return saveYearlyFigures(trx, agency.id, [figures], actor, 'api');
      });
      return figures;
    },

    async importYearlyFigures(agencyCode, figures, actor, options) {
      requirePermission(options.actorRoles, 'figures.edit');
      const agency = await agencies.getAgencyByCode(agencyCode);
      // Checked again here: the service is the last gate whatever parsed the file.
      for (const f of figures) {
        const checked = checkYearlyFigures({ ...f });
        if (checked.figures === undefined) throw new DomainError('BAD_INPUT', `yearly figures ${f.year}: invalid`, checked.problems.map((p) => p.message).join('；'), { field: checked.problems[0]?.field });
      }
      // A file may repeat a locked year's figures unchanged (a whole history re-imported); a
      // locked year whose numbers would change refuses the file. Checked on a dry run too.
      const assertLockedYearsUnchanged = async (trx: Kysely<Database>): Promise<void> => {
        const years = new Set(figures.map((f) => f.year));
        const before = (await findYearlyFigures(trx, agency.id)).filter((f) => years.has(f.year));
        await assertRecordsChangeAllowed(trx, agency.id, { before: { yearlyFigures: before }, after: { yearlyFigures: figures } });
      };
      if (options.dryRun) {
        await assertLockedYearsUnchanged(db);
        const existing = new Map((await findYearlyFigures(db, agency.id)).map((f) => [f.year, f]));
        return { agency, changes: figures.map((f) => ({ year: f.year, before: existing.get(f.year) ?? null, after: { ...f } })) };
      }
      const changes = await db.transaction().execute(async (trx) => {
        await assertLockedYearsUnchanged(trx);
        return saveYearlyFigures(trx, agency.id, figures, actor, 'import');
      });
      return { agency, changes };
    },
  };
}
