import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain-error.ts';
import { computeFeeByCount, describeFee } from '../compute-processing-fee.ts';
import { formatLegalBasis, formatRemediesClause, getReplyGround } from '../reply-outcomes.ts';
import { defaultNoticeTemplate } from './default-notice-templates.ts';
import { fillNoticeTemplate } from './fill-notice-template.ts';
import type { NoticeData } from './notice-placeholders.ts';

const correctionData: NoticeData = {
  applicantName: '张三',
  trackingNumber: 'DEMO-2024-000123',
  receivedOn: '2024-03-01',
  requestedInformation: '2023年度本市城区道路维修工程的招标文件及中标结果',
  correctionItems: ['请写明所需信息涉及的道路名称或者工程项目名称', '请写明所需信息的形成时间范围'],
  correctionDeadline: '2024-03-22',
  agencyName: '示例市交通运输局',
  issuedOn: '2024-03-05',
  contact: '李四，0371-12345678',
};

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('fillNoticeTemplate', () => {
  it('fills the 补正告知书 word for word', () => {
    expect(fillNoticeTemplate(defaultNoticeTemplate('correction'), correctionData)).toEqual({
      title: '政府信息公开申请补正告知书',
      documentNumber: '申请编号：DEMO-2024-000123',
      addressee: '张三：',
      paragraphs: [
        '本机关于2024年3月1日收到您提出的政府信息公开申请，申请获取“2023年度本市城区道路维修工程的招标文件及中标结果”。经审查，您的申请内容不明确，本机关无法确定您所申请公开的政府信息。根据《中华人民共和国政府信息公开条例》第三十条的规定，请您对下列事项作出补正：',
        '1.请写明所需信息涉及的道路名称或者工程项目名称',
        '2.请写明所需信息的形成时间范围',
        '请您于2024年3月22日前（含当日）向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
        '特此告知。',
        '联系人及联系电话：李四，0371-12345678',
      ],
      agencyName: '示例市交通运输局',
      issuedOn: '2024-03-05',
    });
  });

  it('prints values literally, escaping nothing', () => {
    const filled = fillNoticeTemplate(defaultNoticeTemplate('correction'), { ...correctionData, applicantName: 'A&B <公司>' });
    expect(filled.addressee).toBe('A&B <公司>：');
  });

  it('fills a refusal with the ground’s legal basis and the remedies clause', () => {
    const filled = fillNoticeTemplate(defaultNoticeTemplate('reply.state_secret'), {
      ...correctionData,
      legalBasis: formatLegalBasis(getReplyGround('state_secret'))!,
      reason: '该信息已由本机关依法定为秘密级国家秘密',
      remedies: formatRemediesClause({ reviewBody: '示例市人民政府', court: '示例市中原区人民法院' }),
    });
    expect(filled.paragraphs).toEqual([
      '本机关于2024年3月1日收到您提出的政府信息公开申请，申请获取“2023年度本市城区道路维修工程的招标文件及中标结果”。经审查，现答复如下：',
      '您申请获取的政府信息依法确定为国家秘密。根据《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定，本机关决定不予公开。理由：该信息已由本机关依法定为秘密级国家秘密。',
      '如对本答复不服，可以自收到本答复书之日起60日内向示例市人民政府申请行政复议，或者自收到本答复书之日起6个月内向示例市中原区人民法院提起行政诉讼。',
      '联系人及联系电话：李四，0371-12345678',
    ]);
  });

  it('lists the fee lines unnumbered, one paragraph each (35 applications in a month: 3000元)', () => {
    const filled = fillNoticeTemplate(defaultNoticeTemplate('fee'), {
      ...correctionData,
      feeLines: describeFee(computeFeeByCount({ previousCountThisMonth: 0, count: 35 })),
      feeAmount: '3000',
      payBy: '2024-04-02',
      paymentMethod: '通过河南省政府非税收入征收管理系统缴纳',
    });
    // 109号文第四条: 1–10 free, 11–30 at 100元, 31–35 at 200元.
    expect(filled.paragraphs.slice(1, 7)).toEqual([
      '收费标准：按件计收，依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第四条，同一申请人一个自然月内累计计算，超额累进。',
      '本月此前已申请0件，本次35件。',
      '第1件至第10件：10件，免费',
      '第11件至第30件：20件 × 100元/件 = 2000元',
      '第31件至第35件：5件 × 200元/件 = 1000元',
      '合计：3000元',
    ]);
    expect(filled.paragraphs[7]).toBe('请您于2024年4月2日前（含当日）缴纳信息处理费3000元。缴费方式：通过河南省政府非税收入征收管理系统缴纳。');
  });

  it('fills a withdrawal without a legal basis or remedies', () => {
    const filled = fillNoticeTemplate(defaultNoticeTemplate('reply.withdrawn'), correctionData);
    expect(filled.paragraphs[0]).toBe(
      '本机关于2024年3月1日收到您提出的政府信息公开申请，申请获取“2023年度本市城区道路维修工程的招标文件及中标结果”。您已撤回该政府信息公开申请，本机关终止办理。',
    );
  });

  it('refuses a missing value, naming every missing field in Chinese', () => {
    const error = refusal(() => fillNoticeTemplate(defaultNoticeTemplate('correction'), { ...correctionData, correctionDeadline: undefined, contact: '  ' }));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.userMessage).toBe('缺少“补正期限”（{{correctionDeadline}}）、“联系人及联系电话”（{{contact}}），无法生成文书。');
    expect(error.details).toMatchObject({ field: 'correctionDeadline', missing: ['correctionDeadline', 'contact'] });
  });

  it('refuses an empty list, a bad date and a missing signature date', () => {
    expect(refusal(() => fillNoticeTemplate(defaultNoticeTemplate('correction'), { ...correctionData, correctionItems: [] })).userMessage).toBe(
      '缺少“补正事项”（{{correctionItems}}），无法生成文书。',
    );
    expect(refusal(() => fillNoticeTemplate(defaultNoticeTemplate('correction'), { ...correctionData, receivedOn: '2024-02-30' })).userMessage).toBe(
      '“收到申请日期”（{{receivedOn}}）应为有效日期（YYYY-MM-DD），当前为“2024-02-30”。',
    );
    expect(refusal(() => fillNoticeTemplate(defaultNoticeTemplate('correction'), { ...correctionData, issuedOn: undefined })).userMessage).toBe(
      '缺少“落款日期”（{{issuedOn}}），无法生成文书。',
    );
  });

  it('refuses a template with an unknown placeholder or braces left open', () => {
    const template = { ...defaultNoticeTemplate('correction'), addressee: '{{applicantTitle}}：', title: '补正告知书{{' };
    expect(refusal(() => fillNoticeTemplate(template, correctionData)).userMessage).toBe('标题：花括号不配对：第6个字符处的“{{”没有对应的“}}”。\n称谓：未知的占位符“{{applicantTitle}}”。');
  });
});
