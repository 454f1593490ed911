import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../report/report-format.ts';
import { replyGroundsFor } from '../reply-outcomes.ts';
import { DEFAULT_NOTICE_TEMPLATES, defaultNoticeTemplate } from './default-notice-templates.ts';
import { NOTICE_TEMPLATE_KINDS, replyTemplateKind } from './notice-kinds.ts';
import { fillNoticeTemplate } from './fill-notice-template.ts';
import { validateNoticeTemplate } from './validate-notice-template.ts';

/** A value for every placeholder, so any template can be filled. */
const EVERYTHING = {
  applicantName: '张三',
  trackingNumber: 'DEMO-2024-000123',
  receivedOn: '2024-03-01',
  requestedInformation: '2023年度城区道路维修工程的招标文件',
  correctionItems: ['请写明工程名称'],
  correctionDeadline: '2024-03-22',
  extensionDays: 20,
  newDueOn: '2024-04-29',
  reason: '所需信息数量较多',
  consultedParty: '某某建设有限公司',
  feeLines: ['合计：3000元'],
  feeAmount: '3000',
  payBy: '2024-04-02',
  paymentMethod: '通过非税收入缴款系统缴纳',
  accessMethod: '本机关门户网站“政府信息公开”栏目',
  competentAgency: '示例市住房和城乡建设局（电话：0371-00000000）',
  legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（四）项',
  remedies: '如对本答复不服，可以依法申请行政复议或者提起行政诉讼。',
  agencyName: '示例市交通运输局',
  issuedOn: '2024-03-05',
  contact: '李四，0371-12345678',
} as const;

describe('default notice templates', () => {
  it('has one template per notice and per reply ground: 5 notices and 24 grounds', () => {
    expect(NOTICE_TEMPLATE_KINDS).toHaveLength(5 + 24);
    expect(DEFAULT_NOTICE_TEMPLATES.size).toBe(29);
  });

  it.each(NOTICE_TEMPLATE_KINDS)('%s validates and fills without leftover braces', (kind) => {
    const template = defaultNoticeTemplate(kind);
    expect(validateNoticeTemplate(template, kind)).toEqual([]);
    const filled = fillNoticeTemplate(template, EVERYTHING);
    for (const text of [filled.title, filled.addressee, filled.documentNumber, ...filled.paragraphs]) expect(text).not.toMatch(/[{}]/);
  });

  it('gives every one of the 21 outcomes a 答复书', () => {
    expect(OUTCOMES).toHaveLength(21);
    for (const outcome of OUTCOMES) {
      const [ground] = replyGroundsFor(outcome.code);
      expect(ground, outcome.code).toBeDefined();
      expect(DEFAULT_NOTICE_TEMPLATES.has(replyTemplateKind(ground!.code as never)), outcome.code).toBe(true);
    }
  });

  it('puts the legal basis and the remedies clause in every reply but a withdrawal', () => {
    for (const kind of NOTICE_TEMPLATE_KINDS.filter((k) => k.startsWith('reply.'))) {
      const text = defaultNoticeTemplate(kind).paragraphs.join('\n');
      const withdrawal = kind === 'reply.withdrawn';
      expect(text.includes('{{legalBasis}}'), kind).toBe(!withdrawal);
      expect(text.includes('{{remedies}}'), kind).toBe(!withdrawal);
    }
    expect(defaultNoticeTemplate('reply.withdrawn').title).toBe('政府信息公开申请终止办理告知书');
    expect(defaultNoticeTemplate('reply.not_exist').title).toBe('政府信息公开申请答复书');
  });

  it('addresses consultations to the party consulted, not the applicant', () => {
    for (const kind of ['third_party_consultation', 'agency_consultation'] as const) {
      const template = defaultNoticeTemplate(kind);
      expect(template.addressee).toBe('{{consultedParty}}：');
      expect(template.paragraphs.join('')).not.toContain('{{applicantName}}');
      // 条例第三十二条、第三十四条: 15 working days to answer.
      expect(template.paragraphs.join('')).toContain('15个工作日内');
    }
  });
});
