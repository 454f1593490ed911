import { describe, expect, it } from 'vitest';
import type { Catalogue, CatalogueColumn, CatalogueConstraint, TablePlacement } from './distribution-plan.ts';
import { checkDistributionReadiness, citusDistributionStatements } from './distribution-plan.ts';

const PLAN: Record<string, TablePlacement> = {
  agencies: { kind: 'reference' },
  users: { kind: 'reference' },
  cases: { kind: 'distributed', column: 'agency_id', group: 'agency' },
  events: { kind: 'distributed', column: 'agency_id', group: 'agency' },
  sessions: { kind: 'distributed', column: 'id', group: 'session' },
  migrations: { kind: 'local' },
};

const col = (table: string, column: string, type = 'integer', extra: Partial<CatalogueColumn> = {}): CatalogueColumn => ({ table, column, type, notNull: true, generated: false, ...extra });

/** A schema that follows every rule. */
function readyCatalogue(): { tables: string[]; columns: CatalogueColumn[]; constraints: CatalogueConstraint[] } {
  return {
    tables: ['agencies', 'users', 'cases', 'events', 'sessions', 'migrations'],
    columns: [
      col('agencies', 'id', 'integer', { generated: true }),
      col('users', 'id', 'bigint', { generated: true }),
      col('cases', 'id', 'bigint', { generated: true }),
      col('cases', 'agency_id'),
      col('events', 'id', 'bigint', { generated: true }),
      col('events', 'agency_id'),
      col('events', 'case_id', 'bigint'),
      col('sessions', 'id', 'text'),
      col('sessions', 'user_id', 'bigint'),
      col('migrations', 'name', 'text'),
    ],
    constraints: [
      { table: 'agencies', name: 'agencies_pkey', kind: 'primary', columns: ['id'] },
      { table: 'cases', name: 'cases_pkey', kind: 'primary', columns: ['id', 'agency_id'] },
      { table: 'cases', name: 'cases_agency_fkey', kind: 'foreign', columns: ['agency_id'], references: { table: 'agencies', columns: ['id'] } },
      { table: 'events', name: 'events_pkey', kind: 'primary', columns: ['id', 'agency_id'] },
      { table: 'events', name: 'events_case_fkey', kind: 'foreign', columns: ['agency_id', 'case_id'], references: { table: 'cases', columns: ['agency_id', 'id'] } },
      { table: 'sessions', name: 'sessions_pkey', kind: 'primary', columns: ['id'] },
      { table: 'sessions', name: 'sessions_user_fkey', kind: 'foreign', columns: ['user_id'], references: { table: 'users', columns: ['id'] } },
      // Local tables are not checked.
      { table: 'migrations', name: 'migrations_pkey', kind: 'primary', columns: ['name'] },
    ],
  };
}

const objects = (catalogue: Catalogue) => checkDistributionReadiness(catalogue, PLAN).map((p) => `${p.table}:${p.object ?? ''}`);

describe('checkDistributionReadiness', () => {
  it('finds nothing in a schema that keeps every rule', () => {
    expect(checkDistributionReadiness(readyCatalogue(), PLAN)).toEqual([]);
  });

  it('names a table the plan does not place, and a planned table that does not exist', () => {
    const catalogue = readyCatalogue();
    catalogue.tables = [...catalogue.tables.filter((t) => t !== 'users'), 'orphans'];
    expect(objects(catalogue)).toEqual(['orphans:', 'users:']);
  });

  it('refuses a primary key or unique key without the distribution column', () => {
    const catalogue = readyCatalogue();
    catalogue.constraints.push({ table: 'cases', name: 'cases_number_key', kind: 'unique', columns: ['number'] });
    catalogue.constraints[1] = { table: 'cases', name: 'cases_pkey', kind: 'primary', columns: ['id'] };
    const problems = checkDistributionReadiness(catalogue, PLAN);
    expect(problems.map((p) => p.object)).toEqual(['cases_pkey', 'cases_number_key']);
    expect(problems[0]?.message).toContain('主键');
    expect(problems[1]?.message).toContain('唯一约束');
  });

  it('refuses a foreign key between distributed tables that does not pair the distribution columns', () => {
    const catalogue = readyCatalogue();
    catalogue.constraints[4] = { table: 'events', name: 'events_case_fkey', kind: 'foreign', columns: ['case_id'], references: { table: 'cases', columns: ['id'] } };
    expect(objects(catalogue)).toEqual(['events:events_case_fkey']);
    // Both sides named, but crossed: agency_id would point at cases.id.
    catalogue.constraints[4] = { table: 'events', name: 'events_case_fkey', kind: 'foreign', columns: ['agency_id', 'case_id'], references: { table: 'cases', columns: ['id', 'agency_id'] } };
    expect(objects(catalogue)).toEqual(['events:events_case_fkey']);
  });

  it('refuses foreign keys across groups, from a reference table to a distributed one, and to a local table', () => {
    const catalogue = readyCatalogue();
    catalogue.columns.push(col('sessions', 'case_id', 'bigint'), col('agencies', 'first_case', 'bigint', { notNull: false }), col('cases', 'migration', 'text'));
    catalogue.constraints.push(
      { table: 'sessions', name: 'sessions_case_fkey', kind: 'foreign', columns: ['id', 'case_id'], references: { table: 'cases', columns: ['agency_id', 'id'] } },
      { table: 'agencies', name: 'agencies_case_fkey', kind: 'foreign', columns: ['first_case'], references: { table: 'cases', columns: ['id'] } },
      { table: 'cases', name: 'cases_migration_fkey', kind: 'foreign', columns: ['migration'], references: { table: 'migrations', columns: ['name'] } },
    );
    const problems = checkDistributionReadiness(catalogue, PLAN);
    expect(problems.map((p) => p.object)).toEqual(['sessions_case_fkey', 'agencies_case_fkey', 'cases_migration_fkey']);
    expect(problems[0]?.message).toContain('不同节点组');
    expect(problems[1]?.message).toContain('参照表只能指向参照表');
    expect(problems[2]?.message).toContain('协调节点');
  });

  it('refuses a nullable or missing distribution column, an integer identity, and mixed column types in one group', () => {
    const catalogue = readyCatalogue();
    catalogue.columns = catalogue.columns.map((c) => {
      if (c.table === 'cases' && c.column === 'agency_id') return { ...c, notNull: false };
      if (c.table === 'cases' && c.column === 'id') return { ...c, type: 'integer' };
      if (c.table === 'events' && c.column === 'agency_id') return { ...c, type: 'bigint' };
      return c;
    });
    catalogue.columns = catalogue.columns.filter((c) => !(c.table === 'sessions' && c.column === 'id'));
    // A reference table may keep an integer identity (agencies above).
    expect(objects(catalogue)).toEqual(['cases:agency_id', 'cases:id', 'events:agency_id', 'sessions:id']);
  });

  it('refuses an exclusion constraint on a distributed table', () => {
    const catalogue = readyCatalogue();
    catalogue.constraints.push({ table: 'events', name: 'events_no_overlap', kind: 'exclusion', columns: ['agency_id', 'case_id'] });
    expect(objects(catalogue)).toEqual(['events:events_no_overlap']);
  });
});

describe('citusDistributionStatements', () => {
  const edges = [
    { table: 'events', references: 'cases' },
    { table: 'cases', references: 'agencies' },
    { table: 'sessions', references: 'users' },
  ];

  it('makes reference tables first, then distributes each group from its first table, referenced tables before their referrers', () => {
    expect(citusDistributionStatements(['events', 'sessions', 'cases', 'users', 'agencies', 'migrations'], edges, new Set(), PLAN)).toEqual([
      "select create_reference_table('agencies');",
      "select create_reference_table('users');",
      "select create_distributed_table('cases', 'agency_id', colocate_with => 'none');",
      "select create_distributed_table('sessions', 'id', colocate_with => 'none');",
      "select create_distributed_table('events', 'agency_id', colocate_with => 'cases');",
    ]);
  });

  it('leaves out the tables Citus already has, and still places the rest of a group with its first table', () => {
    expect(citusDistributionStatements(['events', 'sessions', 'cases', 'users', 'agencies'], edges, new Set(['agencies', 'users', 'cases', 'sessions']), PLAN)).toEqual([
      "select create_distributed_table('events', 'agency_id', colocate_with => 'cases');",
    ]);
  });
});
