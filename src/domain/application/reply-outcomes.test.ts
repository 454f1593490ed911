import { describe, expect, it } from 'vitest';
import { OUTCOME_CODES, OUTCOMES } from '../report/report-format.ts';
import {
  REPLY_GROUNDS,
  formatLegalBasis,
  formatRemediesClause,
  getReplyGround,
  outcomeLabel,
  replyGroundsFor,
} from './reply-outcomes.ts';

describe('REPLY_GROUNDS', () => {
  it.each(OUTCOME_CODES)('has a reply ground for the outcome %s', (outcome) => {
    expect(replyGroundsFor(outcome).length).toBeGreaterThan(0);
  });

  it('names only outcomes of the report format, each ground once', () => {
    for (const ground of REPLY_GROUNDS) expect(OUTCOME_CODES).toContain(ground.outcome);
    expect(new Set(REPLY_GROUNDS.map((g) => g.code)).size).toBe(REPLY_GROUNDS.length);
  });

  it('gives each table-3 group its kind of reply', () => {
    const groupOf = (outcome: string) => OUTCOMES.find((o) => o.code === outcome)!.group;
    for (const ground of REPLY_GROUNDS) {
      const group = groupOf(ground.outcome);
      if (group === 'withheld') expect(ground.kind, ground.code).toBe('refused');
      if (group === 'not_processed') expect(ground.kind, ground.code).toBe('not_processed');
      if (group === 'other_handling') expect(ground.kind, ground.code).toBe('closed');
      if (group === 'unavailable') expect(['does_not_exist', 'not_this_agency', 'cannot_provide'], ground.code).toContain(ground.kind);
    }
  });

  it('splits 本机关不掌握 into 第三十六条（四）不存在 and （五）不属于本机关', () => {
    expect(replyGroundsFor('unavailable_not_held').map((g) => [g.code, g.kind, g.articles])).toEqual([
      ['not_exist', 'does_not_exist', ['第三十六条第（四）项']],
      ['not_this_agency', 'not_this_agency', ['第三十六条第（五）项']],
    ]);
    expect(getReplyGround('not_this_agency').letterMustState.join()).toContain('名称、联系方式');
  });

  it('requires reasons where the 条例 says 说明理由 (第三十六条（三）（五）, 第三十七条) and for 其他', () => {
    const withReasons = REPLY_GROUNDS.filter((g) => g.reasonRequired).map((g) => g.code);
    expect(withReasons).toEqual([
      'partly_disclosable',
      'state_secret',
      'prohibited_by_law',
      'security_stability',
      'third_party_rights',
      'internal_affairs',
      'process_info',
      'enforcement_file',
      'not_this_agency',
      'other',
    ]);
  });

  it('leaves the remedies clause out only when the applicant withdrew', () => {
    expect(REPLY_GROUNDS.filter((g) => !g.remedies).map((g) => g.code)).toEqual(['withdrawn']);
  });
});

describe('formatLegalBasis', () => {
  it.each([
    ['state_secret', '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项'],
    ['third_party_rights', '《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项'],
    ['process_info', '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项'],
    ['already_published', '《中华人民共和国政府信息公开条例》第三十六条第（一）项'],
    ['needs_creation', '《中华人民共和国政府信息公开条例》第三十八条'],
    ['petition', '《中华人民共和国政府信息公开条例》第三十九条第一款'],
    ['no_correction', '《中华人民共和国政府信息公开条例》第三十条'],
    ['fee_unpaid', '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）'],
  ])('%s → %s', (code, expected) => {
    expect(formatLegalBasis(getReplyGround(code))).toBe(expected);
  });

  it('gives no printed basis for a practice category', () => {
    expect(formatLegalBasis(getReplyGround('confirmation'))).toBeNull();
    expect(formatLegalBasis(getReplyGround('withdrawn'))).toBeNull();
  });
});

describe('getReplyGround and outcomeLabel', () => {
  it('throws BAD_INPUT for an unknown ground', () => {
    expect(() => getReplyGround('nonsense')).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('takes labels from the report format', () => {
    expect(outcomeLabel('withheld_security_stability')).toBe('危及“三安全一稳定”');
    expect(outcomeLabel('not_processed_duplicate')).toBe('重复申请');
  });
});

describe('formatRemediesClause', () => {
  it('fills the review body and the court', () => {
    expect(formatRemediesClause({ reviewBody: '示范市人民政府', court: '示范市示范区人民法院' })).toBe(
      '如对本答复不服，可以自收到本答复书之日起60日内向示范市人民政府申请行政复议，或者自收到本答复书之日起6个月内向示范市示范区人民法院提起行政诉讼。',
    );
  });

  it('refuses a blank body', () => {
    expect(() => formatRemediesClause({ reviewBody: ' ', court: '示范区人民法院' })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});
