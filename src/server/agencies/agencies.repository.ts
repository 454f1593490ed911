// 机关: the agencies hosted on the platform. SQL only; rows mapped to camelCase.
import type { Kysely, Selectable } from 'kysely';
import { DomainError } from '../../domain/domain-error.ts';
import type { AgenciesTable, Database } from '../db/database.ts';

export interface Agency {
  id: number;
  /** Stable short code used in URLs and the CLI, e.g. 'demo'. */
  code: string;
  name: string;
  /** 'national' | 'provincial' | 'municipal' | 'county' | 'township'. */
  level: string;
  parentId: number | null;
}

export interface CreateAgencyInput {
  code: string;
  name: string;
  level: string;
  parentId?: number | null;
}

export interface AgenciesRepository {
  listAgencies(): Promise<Agency[]>;
  findAgencyByCode(code: string): Promise<Agency | undefined>;
  /** Throws DomainError NOT_FOUND. */
  getAgencyByCode(code: string): Promise<Agency>;
  /** Throws DomainError CONFLICT when the code is taken. */
  createAgency(input: CreateAgencyInput): Promise<Agency>;
}

function toAgency(row: Selectable<AgenciesTable>): Agency {
  return { id: row.id, code: row.code, name: row.name, level: row.level, parentId: row.parent_id };
}

export function createAgenciesRepository(db: Kysely<Database>): AgenciesRepository {
  async function findAgencyByCode(code: string): Promise<Agency | undefined> {
    const row = await db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst();
    return row === undefined ? undefined : toAgency(row);
  }

  return {
    async listAgencies() {
      const rows = await db.selectFrom('agencies').selectAll().orderBy('id').execute();
      return rows.map(toAgency);
    },

    findAgencyByCode,

    async getAgencyByCode(code) {
      const agency = await findAgencyByCode(code);
      if (agency === undefined) {
        throw new DomainError('NOT_FOUND', `No agency with code ${code}`, `找不到代码为“${code}”的机关。`, { code });
      }
      return agency;
    },

    async createAgency(input) {
      // Checked first so the caller gets a plain CONFLICT instead of an engine-specific error.
      if ((await findAgencyByCode(input.code)) !== undefined) {
        throw new DomainError('CONFLICT', `Agency code ${input.code} is taken`, `机关代码“${input.code}”已被使用。`, { code: input.code });
      }
      const row = await db
        .insertInto('agencies')
        .values({ code: input.code, name: input.name, level: input.level, parent_id: input.parentId ?? null })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toAgency(row);
    },
  };
}
