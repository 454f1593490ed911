// The real schema against the distribution plan (decision 0005), on PostgreSQL: Citus cannot be
// installed on this machine, so this checks the rules Citus would enforce, table by table, plus
// what the widened keys guarantee on a single server.
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gongkaiInProcess } from '../../../../test/capture-cli-io.ts';
import type { TestDatabase } from '../../../../test/test-database.ts';
import { openTestDatabase, testDialects, testPostgresUrl } from '../../../../test/test-database.ts';
import { connectDatabase } from '../connect-database.ts';
import { createMigrator } from '../migrate-to-latest.ts';
import { checkDistributionReadiness, citusDistributionStatements, DISTRIBUTION_PLAN } from './distribution-plan.ts';
import { readCatalogue } from './read-catalogue.ts';

describe.runIf(testDialects().includes('postgres'))('distribution readiness [postgres]', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    await database.close();
  });

  it('finds the migrated schema ready: every table placed, every key and foreign key holding its distribution column', async () => {
    const catalogue = await readCatalogue(database.db);
    expect(checkDistributionReadiness(catalogue)).toEqual([]);
    expect([...catalogue.tables].sort()).toEqual(Object.keys(DISTRIBUTION_PLAN).sort());
  });

  it('turns every table but the migrator\'s own into a Citus table, reference tables first and each referenced table before its referrers', async () => {
    const catalogue = await readCatalogue(database.db);
    const statements = citusDistributionStatements(catalogue.tables, catalogue.edges);
    const tableOf = (statement: string) => /\('([a-z_]+)'/.exec(statement)?.[1] ?? '';
    const order = statements.map(tableOf);
    expect([...order].sort()).toEqual(Object.keys(DISTRIBUTION_PLAN).filter((t) => !t.startsWith('kysely_')).sort());
    const lastReference = Math.max(...['agencies', 'users', 'user_roles', 'calendar_years', 'job_runs', 'audit_verifications'].map((t) => order.indexOf(t)));
    expect(lastReference).toBe(5);
    for (const [child, parent] of [['application_events', 'applications'], ['review_cases', 'applications'], ['publication_attachments', 'publications'], ['publication_events', 'publications']] as const) {
      expect(order.indexOf(child), child).toBeGreaterThan(order.indexOf(parent));
    }
    // One group per distribution key; the agency group's first table starts it, the rest join it.
    const starters = statements.filter((s) => s.includes("colocate_with => 'none'")).map(tableOf);
    expect(starters).toHaveLength(3);
    expect(starters).toEqual(expect.arrayContaining(['sessions', 'login_attempts']));
    const agencyStarter = starters.find((t) => t !== 'sessions' && t !== 'login_attempts') ?? '';
    expect(statements.filter((s) => s.includes(`colocate_with => '${agencyStarter}'`))).toHaveLength(Object.values(DISTRIBUTION_PLAN).filter((p) => p.kind === 'distributed' && p.group === 'agency').length - 1);
    expect(statements).toContain(`select create_distributed_table('audit_entries', 'chain_id', colocate_with => '${agencyStarter}');`);
  });

  it('keeps an event and a review case in the agency of the case they belong to, and clears only the case when it goes', async () => {
    const db = database.db;
    const agencies = await sql<{ id: number }>`insert into agencies (code, name, level) values ('dist-a', '甲区人民政府', 'county'), ('dist-b', '乙区人民政府', 'county') returning id`.execute(db);
    const [agencyA, agencyB] = agencies.rows.map((row) => row.id);
    const application = await sql<{ id: number }>`insert into applications (agency_id, received_on, version, channel, applicant_type, applicant_name, requested_information, state, tracking_number, query_code_hash)
      values (${agencyA}, '2026-11-02', 1, 'online', 'natural_person', '张三', '某文件', 'in_progress', 'DIST-A-2026-000001', ${'0'.repeat(64)}) returning id`.execute(db);
    const applicationId = application.rows[0]?.id;
    const event = (agencyId: number | undefined) => sql`insert into application_events (at, application_id, seq, agency_id, kind, actor, data)
      values ('2026-11-02', ${applicationId}, 1, ${agencyId}, 'received', 'clerk', '{}')`.execute(db);
    // Another agency's row pointing at this case: the composite key refuses it (the old key on id alone let it in).
    await expect(event(agencyB)).rejects.toThrow(/application_events_application_id_fkey/);
    await event(agencyA);
    // Numbers are unique per agency, and the number starts with the agency's code.
    const again = sql`insert into applications (agency_id, received_on, version, channel, applicant_type, applicant_name, requested_information, state, tracking_number, query_code_hash)
      values (${agencyA}, '2026-11-03', 1, 'online', 'natural_person', '李四', '另一文件', 'in_progress', 'DIST-A-2026-000001', ${'0'.repeat(64)})`.execute(db);
    await expect(again).rejects.toThrow(/applications_tracking_number_key/);
    await sql`insert into review_cases (agency_id, filed_on, kind, body, application_id) values (${agencyA}, '2026-12-01', 'adminReview', '示范市人民政府', ${applicationId})`.execute(db);
    await sql`delete from applications where id = ${applicationId}`.execute(db);
    const review = await sql<{ agency_id: number; application_id: number | null }>`select agency_id, application_id from review_cases`.execute(db);
    expect(review.rows).toEqual([{ agency_id: agencyA, application_id: null }]);
    expect((await sql<{ n: number }>`select count(*) as n from application_events`.execute(db)).rows[0]?.n).toBe(0);
  });

  it('was not ready before the keys were widened: the check names what migration 12-10 changed', async () => {
    const before = await openTestDatabase('postgres', { migrate: false });
    try {
      const { error } = await (await createMigrator(before.db)).migrateTo('2026-11-28T11-30_index-publication-search-by-agency');
      expect(error).toBeUndefined();
      const objects = checkDistributionReadiness(await readCatalogue(before.db)).map((p) => `${p.table}.${p.object ?? ''}`);
      for (const expected of [
        'applications.applications_pkey',
        'applications.applications_tracking_number_key',
        'applications.id',
        'publications.publications_index_number_key',
        'publication_search.publication_search_pkey',
        'publication_search.publication_search_search_key_key',
        'application_events.application_events_application_id_fkey',
        'review_cases.review_cases_application_id_fkey',
        'login_attempts.login_attempts_pkey',
        'audit_entries.audit_entries_pkey',
      ]) expect(objects).toContain(expected);
    } finally {
      await before.close();
    }
  });
});

describe.runIf(testDialects().includes('postgres'))('gongkai distribution [postgres]', () => {
  const name = `gk_dist_${randomBytes(4).toString('hex')}`;
  const adminUrl = testPostgresUrl() ?? '';
  const url = adminUrl.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
  beforeAll(async () => {
    const admin = await connectDatabase(adminUrl);
    await sql`create database ${sql.id(name)}`.execute(admin.db);
    await admin.close();
  });
  afterAll(async () => {
    const admin = await connectDatabase(adminUrl);
    await sql`drop database if exists ${sql.id(name)}`.execute(admin.db);
    await admin.close();
  });
  const run = (args: string[]) => gongkaiInProcess([...args, '--database', url], tmpdir());

  it('check says the schema is ready; plan prints one statement per table; apply refuses without Citus', async () => {
    const check = await run(['distribution', 'check']);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('数据库结构符合按机关分布的要求');
    const plan = await run(['distribution', 'plan']);
    expect(plan.code).toBe(0);
    const lines = plan.stdout.trim().split('\n');
    expect(lines).toHaveLength(Object.keys(DISTRIBUTION_PLAN).length - 2);
    expect(lines[0]).toBe("select create_reference_table('agencies');");
    const apply = await run(['distribution', 'apply']);
    expect(apply.code).toBe(2);
    expect(apply.stderr).toContain('此数据库没有安装 Citus 扩展');
  });
});

describe('gongkai distribution', () => {
  it('refuses a SQLite database: it never distributes', async () => {
    const result = await gongkaiInProcess(['distribution', 'check', '--database', 'gongkai.db'], tmpdir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('分布式部署只用于 PostgreSQL');
  });
});
