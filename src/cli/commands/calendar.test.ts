// `gongkai calendar load|list` on a temporary SQLite file. The 2027 arrangements below are made
// up for the test (no notice for 2027 exists yet); the dates are counted by hand.
// 2026-12-21 is a Monday; 2026 has no holiday after National Day; 2027-01-01 is a Friday.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo, gongkaiInProcess } from '../../../test/capture-cli-io.ts';
import { createAgenciesRepository } from '../../server/agencies/agencies.repository.ts';
import { connectDatabase } from '../../server/db/connect-database.ts';
import { migrateToLatest } from '../../server/db/migrate-to-latest.ts';
import { runApplicationReceive } from './application-receive.ts';
import { runApplicationShow } from './application-show.ts';
import { runCalendarList, runCalendarLoad } from './calendar.ts';

const ID_NUMBER = '11010519491231002X';
const TODAY = '2026-12-21';
const deps = { today: () => TODAY };

let dir: string;
let database: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-calendar-'));
  database = join(dir, 'gongkai.db');
  const setup = await connectDatabase(database);
  await migrateToLatest(setup.db);
  await createAgenciesRepository(setup.db).createAgency({ code: 'cal', name: '日历测试局', level: 'county' });
  await setup.close();
  writeFileSync(
    join(dir, 'dec21.json'),
    JSON.stringify({ channel: 'in_person', receivedOn: TODAY, applicant: { type: 'natural_person', name: '李四', idNumber: ID_NUMBER }, requestedInformation: '示范路改造工程的招标文件' }),
  );
  // 元旦 off Friday 1 January (the weekend after it too); no make-up day.
  writeFileSync(
    join(dir, '2027.json'),
    JSON.stringify({
      year: 2027,
      holidays: [
        { date: '2027-01-01', name: '元旦' },
        { date: '2027-01-02', name: '元旦' },
        { date: '2027-01-03', name: '元旦' },
      ],
      makeupWorkdays: [],
      source: '测试用安排',
    }),
  );
  // The same days as ICS, plus Monday 4 January off: the file says nothing of its source.
  writeFileSync(
    join(dir, '2027.ics'),
    ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270101', 'DTEND;VALUE=DATE:20270105', 'SUMMARY:元旦(休)', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n'),
  );
  writeFileSync(join(dir, 'garbage.txt'), 'not a calendar');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(action: (io: ReturnType<typeof captureIo>['io']) => Promise<number>) {
  const { io, output } = captureIo(dir);
  const code = await action(io);
  return { ...output(), code };
}

describe('gongkai calendar', () => {
  it('loads a year from JSON, then from ICS, and moves the open case’s due date each time', async () => {
    const received = await run((io) => runApplicationReceive({ agency: 'cal', file: 'dec21.json', actor: 'u-clerk', json: true, database }, io, deps));
    const { trackingNumber } = JSON.parse(received.stdout) as { trackingNumber: string };

    // Without 2027: Dec 22–25 = 4, 28–31 = 8, Fri 1 Jan = 9, 4–8 = 14, 11–15 = 19, Mon 18 = 20 → 18 January, provisional.
    const before = await run((io) => runApplicationShow(trackingNumber, { json: true, database }, io, deps));
    expect(JSON.parse(before.stdout)).toMatchObject({ clock: { dueOn: '2027-01-18', provisional: true } });

    // 1 January off: 4–8 = 13, 11–15 = 18, 18, 19 = 20 → Tuesday 19 January, no longer provisional.
    const loaded = await run((io) => runCalendarLoad({ file: '2027.json', actor: 'u-admin', json: false, database }, io, deps));
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toContain('已载入2027年节假日安排（测试用安排）：放假3天，调休上班0天。');
    expect(loaded.stdout).toContain('1件未办结申请的答复期限重新计算（已记入各申请的办理记录）：');
    expect(loaded.stdout).toContain(`${trackingNumber}  2027-01-18 → 2027-01-19（不再是暂定）`);

    const after = await run((io) => runApplicationShow(trackingNumber, { json: true, database }, io, deps));
    const details = JSON.parse(after.stdout) as { clock: { dueOn: string; provisional: boolean }; audit: { actor: string; kind: string }[] };
    expect(details.clock).toMatchObject({ dueOn: '2027-01-19', provisional: false });
    expect(JSON.stringify(details)).toContain('calendar_changed');
    expect(JSON.stringify(details)).toContain('u-admin');

    // The ICS adds Monday 4 January: 5–8 = 12, 11–15 = 17, 18–20 = 20 → Wednesday 20 January.
    const ics = await run((io) => runCalendarLoad({ file: '2027.ics', source: '国办发明电〔2026〕测试号', actor: 'u-admin', json: true, database }, io, deps));
    expect(ics.code).toBe(0);
    expect(JSON.parse(ics.stdout)).toMatchObject({
      year: 2027,
      source: '国办发明电〔2026〕测试号',
      loadedBy: 'u-admin',
      changedCases: [{ trackingNumber, oldDueOn: '2027-01-19', newDueOn: '2027-01-20', oldProvisional: false, newProvisional: false }],
    });

    const listed = await run((io) => runCalendarList({ json: false, database }, io, deps));
    expect(listed.stdout).toContain('内置年份：2019、2020、2021、2022、2023、2024、2025、2026');
    expect(listed.stdout).toMatch(/管理员载入：2027年（国办发明电〔2026〕测试号），u-admin于\S+载入/);
  });

  it('refuses a file that is neither ICS nor JSON, or a --year the file contradicts, and changes nothing', async () => {
    const garbage = await gongkaiInProcess(['calendar', 'load', 'garbage.txt', '--database', database], dir);
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toContain('错误：garbage.txt：既不是 ICS 日历文件，也不是 JSON 文件');

    const contradiction = await gongkaiInProcess(['calendar', 'load', '2027.json', '--year', '2028', '--database', database], dir);
    expect(contradiction.code).toBe(2);
    expect(contradiction.stderr).toContain('文件中的年份（2027）与 --year 2028 不一致');

    const missing = await gongkaiInProcess(['calendar', 'load', 'nowhere.json', '--database', database], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('错误：无法读取文件：nowhere.json（文件不存在）');

    const listed = await run((io) => runCalendarList({ json: true, database }, io, deps));
    expect((JSON.parse(listed.stdout) as { loaded: { year: number }[] }).loaded.map((y) => y.year)).toEqual([2027]);
  });

  it('is described by --help', async () => {
    const help = await gongkaiInProcess(['calendar', 'load', '--help'], dir);
    expect(help.stdout).toContain('载入一年的节假日安排');
    expect(help.stdout).toContain('--source');
  });
});
