import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleRecords } from '../../../test/report-records-fixture.ts';
import type { DatabaseConnection } from '../db/connect-database.ts';
import { connectDatabase } from '../db/connect-database.ts';
import { migrateToLatest } from '../db/migrate-to-latest.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { createRecordsRepository } from '../records/records.repository.ts';
import { createAnnualReportService, recordYears } from './annual-report.service.ts';

describe('recordYears', () => {
  it('lists the years of applications, cases and figures, newest first, not old document years', () => {
    // Sample: applications and cases in 2024, figures for 2023 and 2024, a document issued 2021.
    expect(recordYears(createSampleRecords('某局'))).toEqual([2024, 2023]);
  });
});

describe('createAnnualReportService', () => {
  let connection: DatabaseConnection;
  beforeAll(async () => {
    connection = await connectDatabase(':memory:');
    await migrateToLatest(connection.db);
    const agency = await createAgenciesRepository(connection.db).createAgency({ code: 'town', name: '示范管理处', level: 'township' });
    const records = createSampleRecords('示范管理处');
    records.documents.push({ id: 'R1', kind: 'rules', issuedOn: '2024-05-05', repealedOn: null });
    await createRecordsRepository(connection.db).replaceRecords(agency.id, records);
    await createRecordsRepository(connection.db).saveReportText(agency.id, 2024, { overview: '本年收到政府信息公开申请3件。', problems: '无', otherMatters: '无' });
  });
  afterAll(async () => {
    await connection.close();
  });

  it('computes the year, merges the saved text and lints it', async () => {
    const { agency, report, findings } = await createAnnualReportService({ db: connection.db }).getAnnualReport('town', 2024);
    expect(agency.name).toBe('示范管理处');
    expect(report.agencyName).toBe('示范管理处');
    expect(report.text.overview).toBe('本年收到政府信息公开申请3件。');
    // A1, A2, A3 were all received in 2024.
    expect(report.table3.received.total).toBe(3);
    // The stored level says 乡镇 (the name does not), and a 乡镇 makes no 规章 (立法法): T2-AUTH.
    expect(findings.map((f) => f.ruleId)).toContain('T2-AUTH');
  });

  it('throws NOT_FOUND for an unknown agency', async () => {
    await expect(createAnnualReportService({ db: connection.db }).getAnnualReport('nobody', 2024)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
