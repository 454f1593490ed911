// 信息处理费 computed by the system (国办函〔2020〕109号 第四条、第五条), over HTTP on real databases.
// Expected amounts worked out by hand from the bands: pages 1–30 free, 31–100 10元, 101–200 20元,
// 201+ 40元; by count per applicant per natural month 1–10 free, 11–30 100元 each.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginAs } from '../../../test/login-as.ts';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { buildApp } from '../app.ts';
import { parseConfig } from '../config.ts';

// Signed in per database in beforeAll (test/login-as.ts).
let CLERK: Record<string, string> = {};
// GB 11643's own example (check character X) and a second person's number, check digit worked by hand:
// 110105198001010016 → Σ = 1×7+1×9+0×10+1×5+0×8+5×4+1×2+9×1+8×6+0×3+0×7+1×9+0×10+1×5+0×8+0×4+1×2 = 116, 116 mod 11 = 6 → check character 6.
const ID_A = '11010519491231002X';
const ID_B = '110105198001010016';

const intake = (receivedOn: string, idNumber: string) => ({
  channel: 'online',
  receivedOn,
  applicant: { type: 'natural_person', name: idNumber === ID_A ? '张三' : '李四', idNumber, phone: '13800000000' },
  requestedInformation: '某项目的批复文件',
  requestedForm: '电子',
  deliveryMethod: '电子邮件',
});

describeEachDatabase('fees computed by the system', (database) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    await createAgenciesRepository(database.db).createAgency({ code: 'fee', name: '收费测试局', level: 'municipal' });
    CLERK = await loginAs(database.db, 'u-clerk', { fee: ['clerk'] });
    app = await buildApp({ config: parseConfig({ DATABASE_URL: ':memory:' }), db: database.db, today: () => '2025-04-30' });
  });
  afterAll(async () => {
    await app.close();
  });

  const receive = async (receivedOn: string, idNumber: string): Promise<string> => {
    const res = await app.inject({ method: 'POST', url: '/api/agencies/fee/applications', payload: intake(receivedOn, idNumber), headers: CLERK });
    expect(res.statusCode).toBe(201);
    return res.json<{ trackingNumber: string }>().trackingNumber;
  };
  const feeNotice = (trackingNumber: string, basis: unknown, amount?: string, at = '2025-03-20') =>
    app.inject({
      method: 'POST',
      url: `/api/applications/${trackingNumber}/events`,
      headers: CLERK,
      payload: { expectedVersion: 1, event: { kind: 'feeNoticeSent', at, basis, paymentDueOn: '2025-04-20', ...(amount === undefined ? {} : { amount }) } },
    });
  const amountOf = async (trackingNumber: string) => {
    const details = (await app.inject({ url: `/api/applications/${trackingNumber}`, headers: CLERK })).json<{ history: { kind: string; event?: { amount?: string } }[] }>();
    return details.history.find((h) => h.kind === 'feeNoticeSent')?.event?.amount;
  };

  it('by pages: 250 pages cost 0 + 70×10 + 100×20 + 50×40 = 4 700元, computed, not typed in', async () => {
    const tn = await receive('2025-03-03', ID_A);
    const res = await feeNotice(tn, { method: 'by_pages', pages: 250 });
    expect(res.statusCode).toBe(200);
    expect(await amountOf(tn)).toBe('4700');
  });

  it('by count: the 11th application of one applicant in a month costs 100元; another applicant, or the next month, starts again', async () => {
    // ID_B files 11 applications in March 2025 (on 3–13 March), and one on 1 April.
    const march: string[] = [];
    for (let day = 3; day <= 13; day++) march.push(await receive(`2025-03-${String(day).padStart(2, '0')}`, ID_B));
    const april = await receive('2025-04-01', ID_B);

    const eleventh = await feeNotice(march[10]!, { method: 'by_count' });
    expect(eleventh.statusCode).toBe(200);
    expect(await amountOf(march[10]!)).toBe('100');

    // The 10th of the month is free: no fee notice can be sent.
    const tenth = await feeNotice(march[9]!, { method: 'by_count' });
    expect(tenth.statusCode).toBe(400);
    expect(tenth.json<{ message: string }>().message).toContain('不收取信息处理费');
    // April starts a new natural month.
    const first = await feeNotice(april, { method: 'by_count' }, undefined, '2025-04-02');
    expect(first.statusCode).toBe(400);
    expect(first.json<{ message: string }>().message).toContain('不收取信息处理费');
  });

  it('refuses an amount that differs from the computed one, and a notice without a basis', async () => {
    const tn = await receive('2025-03-17', ID_A);
    const wrong = await feeNotice(tn, { method: 'by_pages', pages: 40 }, '150');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ message: string }>().message).toContain('应为100元');
    const none = await app.inject({
      method: 'POST',
      url: `/api/applications/${tn}/events`,
      headers: CLERK,
      payload: { expectedVersion: 1, event: { kind: 'feeNoticeSent', at: '2025-03-20', amount: '100', paymentDueOn: '2025-04-10' } },
    });
    expect(none.statusCode).toBe(400);
    expect((await feeNotice(tn, { method: 'by_pages', pages: 40 }, '100')).statusCode).toBe(200);
  });
});
