import { describe, expect, it } from 'vitest';
import { computeAnnualReport } from '../../domain/report/compute/compute-annual-report.ts';
import { lintAnnualReport } from '../../domain/report/lint/lint-annual-report.ts';
import { describeEachDatabase, openTestDatabase } from '../../../test/test-database.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { createRecordsRepository } from '../records/records.repository.ts';
import { createDemoRecords } from './demo-records.ts';
import { createAccountsService, SYSTEM_ACTOR } from '../accounts/accounts.service.ts';
import { DEMO_PASSWORD } from './demo-users.ts';
import { loadDemoData } from './load-demo-data.ts';

describe('demo records', () => {
  const records = createDemoRecords();
  const receivedIn = (year: number) => records.applications.filter((a) => a.receivedOn.startsWith(`${year}-`));
  const openOn = (day: string) => records.applications.filter((a) => a.receivedOn <= day && (a.concludedOn === null || a.concludedOn > day));
  const countByType = (year: number) => {
    const counts: Record<string, number> = {};
    for (const a of receivedIn(year)) counts[a.applicantType] = (counts[a.applicantType] ?? 0) + 1;
    return counts;
  };

  it('has 40 applications received in 2024 and 42 in 2025, across all six applicant types', () => {
    expect(receivedIn(2024)).toHaveLength(40);
    expect(receivedIn(2025)).toHaveLength(42);
    expect(countByType(2024)).toEqual({ natural_person: 26, business: 6, research_institution: 2, public_interest_org: 2, legal_service_org: 3, other_org: 1 });
    expect(countByType(2025)).toEqual({ natural_person: 28, business: 5, research_institution: 2, public_interest_org: 2, legal_service_org: 4, other_org: 1 });
  });

  it('carries 3 cases over from 2024 into 2025 and 2 out of 2025', () => {
    expect(openOn('2024-12-31').map((a) => a.id)).toEqual(['YSQ-2024-038', 'YSQ-2024-039', 'YSQ-2024-040']);
    expect(openOn('2025-12-31').map((a) => a.id)).toEqual(['YSQ-2025-041', 'YSQ-2025-042']);
  });

  it('uses every one of the 21 outcomes at least once over the two years', () => {
    expect(new Set(records.applications.map((a) => a.outcome).filter((o) => o !== null)).size).toBe(21);
  });

  it('has unique ids and review cases pending across both year ends', () => {
    expect(new Set(records.applications.map((a) => a.id)).size).toBe(82);
    expect(records.reviewCases.filter((c) => c.filedOn <= '2024-12-31' && (c.concludedOn === null || c.concludedOn > '2024-12-31'))).toHaveLength(2);
    expect(records.reviewCases.filter((c) => c.concludedOn === null)).toHaveLength(1);
  });

  it('gives the same records on every call (no randomness)', () => {
    expect(createDemoRecords()).toEqual(createDemoRecords());
  });
});

describeEachDatabase('loadDemoData', (database) => {
  it('loads the demo agency, its records and both years\u2019 texts into an empty database', async () => {
    expect(await loadDemoData(database.db)).toEqual({ loaded: true });
    const agency = await createAgenciesRepository(database.db).getAgencyByCode('demo');
    expect(agency.name).toBe('示范市示范局');
    const repository = createRecordsRepository(database.db);
    expect(await repository.findRecords(agency.id)).toEqual(createDemoRecords());

    // Figures counted by hand from demo-records.ts.
    const text2024 = await repository.findReportText(agency.id, 2024);
    expect(text2024?.overview).toContain('全年共收到政府信息公开申请40件，无上年结转申请');
    expect(text2024?.overview).toContain('办结37件，其中予以公开15件、部分公开5件，其余17件');
    expect(text2024?.overview).toContain('3件结转下年度继续办理');
    expect(text2024?.overview).toContain('本年制发行政规范性文件3件、废止2件，截至年底现行有效7件');
    expect(text2024?.overview).toContain('被申请行政复议3件、被提起行政诉讼1件，截至年底有2件尚未审结');
    const text2025 = await repository.findReportText(agency.id, 2025);
    expect(text2025?.overview).toContain('全年共收到政府信息公开申请42件，上年结转3件');
    expect(text2025?.overview).toContain('办结43件，其中予以公开17件、部分公开5件，其余21件');
    expect(text2025?.overview).toContain('2件结转下年度继续办理');
    expect(text2025?.problems).toContain('上年度问题整改情况');
    expect(text2025?.otherMatters).toContain('信息处理费');
    // A credit code, so the demo's publications get their 索引号 ({creditCode}/{year}-{seq:5}).
    const settings = await database.db.selectFrom('disclosure_settings').select('credit_code').where('agency_id', '=', agency.id).executeTakeFirst();
    expect(settings?.credit_code).toBe('11350100MB0000000Y');
  });

  it('creates one demo user per role in the demo agency, signing in with the demo password without a forced change', async () => {
    const accounts = createAccountsService({ db: database.db });
    const users = await accounts.listUsers(SYSTEM_ACTOR);
    expect(users.map((user) => [user.login, user.rolesByAgency, user.mustChangePassword]).sort()).toEqual(
      [
        ['demo-admin', { demo: ['admin'] }, false],
        ['demo-auditor', { demo: ['auditor'] }, false],
        ['demo-chief', { demo: ['sectionChief'] }, false],
        ['demo-clerk', { demo: ['clerk'] }, false],
        ['demo-clerk2', { demo: ['clerk'] }, false],
        ['demo-leader', { demo: ['leader'] }, false],
      ].sort(),
    );
    const login = await accounts.login('demo-leader', DEMO_PASSWORD, new Date());
    expect(login.mustChangePassword).toBe(false);
    const session = await accounts.authenticate(login.token, new Date());
    expect(() => accounts.requireReady(session)).not.toThrow();
  });

  it('does nothing the second time', async () => {
    expect(await loadDemoData(database.db)).toEqual({ loaded: false });
    expect(await createAgenciesRepository(database.db).listAgencies()).toHaveLength(1);
  });

  it('gives reports whose text agrees with their tables (no lint error, national or henan)', async () => {
    const agency = await createAgenciesRepository(database.db).getAgencyByCode('demo');
    const repository = createRecordsRepository(database.db);
    const records = await repository.findRecords(agency.id);
    for (const year of [2024, 2025]) {
      const computed = computeAnnualReport(records, year);
      const text = await repository.findReportText(agency.id, year);
      const report = { ...computed, text: { ...computed.text, overview: text?.overview ?? '', problems: text?.problems ?? '', otherMatters: text?.otherMatters ?? '' } };
      for (const template of ['national', 'henan'] as const) {
        const findings = lintAnnualReport(report, { template, previous: computeAnnualReport(records, year - 1) });
        expect(findings, `${year} ${template}`).toEqual([]);
      }
    }
  });
  it('publishes the 2024 and 2025 reports, frozen as computed from the records and texts', async () => {
    const agency = await createAgenciesRepository(database.db).getAgencyByCode('demo');
    const rows = await database.db.selectFrom('annual_reports').selectAll().where('agency_id', '=', agency.id).orderBy('year').execute();
    expect(rows.map((r) => [r.year, r.state, r.version])).toEqual([
      [2024, 'published', 1],
      [2025, 'published', 1],
    ]);
    const repository = createRecordsRepository(database.db);
    const records = await repository.findRecords(agency.id);
    for (const row of rows) {
      expect(row.published_json).toBe(row.final_json);
      const frozen = JSON.parse(row.final_json ?? 'null') as { agencyName: string; year: number; table3: { received: { total: number } }; text: { overview: string } };
      expect(frozen.agencyName).toBe('示范市示范局');
      expect(frozen.year).toBe(row.year);
      // 40 applications received in 2024, 42 in 2025 (see 'demo records' above).
      expect(frozen.table3.received.total).toBe(row.year === 2024 ? 40 : 42);
      expect(frozen.table3.received.total).toBe(computeAnnualReport(records, row.year).table3.received.total);
      expect(frozen.text.overview).toBe((await repository.findReportText(agency.id, row.year))?.overview);
    }
    const events = await database.db.selectFrom('annual_report_events').select(['year', 'kind', 'actor']).where('agency_id', '=', agency.id).orderBy('year').orderBy('seq').execute();
    expect(events).toEqual([
      { year: 2024, kind: 'finalize', actor: 'system:demo' },
      { year: 2024, kind: 'publish', actor: 'system:demo' },
      { year: 2025, kind: 'finalize', actor: 'system:demo' },
      { year: 2025, kind: 'publish', actor: 'system:demo' },
    ]);
  });
});

describe('loadDemoData on a database already in use', () => {
  it('leaves a database that holds any agency alone', async () => {
    const database = await openTestDatabase('sqlite');
    try {
      await createAgenciesRepository(database.db).createAgency({ code: 'real', name: '某县人民政府', level: 'county' });
      expect(await loadDemoData(database.db)).toEqual({ loaded: false });
      expect(await createAgenciesRepository(database.db).findAgencyByCode('demo')).toBeUndefined();
    } finally {
      await database.close();
    }
  });
});
