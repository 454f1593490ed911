import { describe, expect, it } from 'vitest';
import { INTAKE_CHANNEL_CODES, INTAKE_CHANNELS, isIntakeChannel, receiptDateRule } from './intake-channels.ts';

// Expected rules read from 条例第三十一条 (domain.md §D):
// （一）当面提交 → 提交之日; （二）邮寄 → 签收之日, 平常信函 → 当日与申请人确认, 确认之日;
// （三）互联网渠道或者工作机构的传真 → 双方确认之日.

describe('INTAKE_CHANNELS', () => {
  it('lists the 6 channels of the issue, in order', () => {
    expect(INTAKE_CHANNELS.map((c) => [c.code, c.label])).toEqual([
      ['in_person', '当面'],
      ['registered_mail', '邮寄'],
      ['ordinary_mail', '平常信函'],
      ['online', '网络'],
      ['fax', '传真'],
      ['oral', '口头代填'],
    ]);
  });
});

describe('receiptDateRule', () => {
  it.each([
    ['in_person', 'submission_date', '提交之日', '条例第三十一条第（一）项', false],
    ['registered_mail', 'agency_signing_date', '行政机关签收之日', '条例第三十一条第（二）项', false],
    ['ordinary_mail', 'applicant_confirmation_date', '与申请人确认之日', '条例第三十一条第（二）项', true],
    ['online', 'mutual_confirmation_date', '双方确认之日', '条例第三十一条第（三）项', true],
    ['fax', 'mutual_confirmation_date', '双方确认之日', '条例第三十一条第（三）项', true],
    ['oral', 'submission_date', '提交之日', '条例第二十九条第一款、第三十一条第（一）项', false],
  ] as const)('%s: %s (%s), %s', (channel, rule, ruleLabel, citation, needsConfirmation) => {
    expect(receiptDateRule(channel)).toMatchObject({ channel, rule, ruleLabel, citation, needsConfirmation });
  });

  it('explains the rule in Chinese', () => {
    expect(receiptDateRule('ordinary_mail').explanation).toContain('应当于收到申请的当日与申请人确认');
    expect(receiptDateRule('fax').explanation).toContain('以双方确认之日为收到申请之日');
    expect(receiptDateRule('registered_mail').explanation).toContain('以行政机关签收之日为收到申请之日');
  });
});

describe('isIntakeChannel', () => {
  it('knows the 6 codes and nothing else', () => {
    expect(INTAKE_CHANNEL_CODES.every(isIntakeChannel)).toBe(true);
    expect(isIntakeChannel('email')).toBe(false);
    expect(isIntakeChannel('当面')).toBe(false);
  });
});
