import { describe, expect, it } from 'vitest';
import type { ApplyFormValues } from './apply-form.ts';
import { EMPTY_VALUES, validateApplyForm } from './apply-form.ts';

// GB 11643's own example: Σ(ai×Wi) over the first 17 digits = 167, 167 mod 11 = 2 → X.
const ID_NUMBER = '11010519491231002X';
const PNG = { present: true as const, tooLarge: false, type: 'png' as const };
const citizen: ApplyFormValues = {
  ...EMPTY_VALUES,
  applicantKind: 'citizen',
  name: '张三',
  idNumber: ID_NUMBER.toLowerCase(),
  phone: '010-12345678',
  description: '2024年示范路改造工程的招标文件',
  requestedForm: 'electronic',
  delivery: 'email',
  email: 'zhang@example.com',
  declaration: true,
};

describe('validateApplyForm', () => {
  it('turns a complete citizen form into an online application received today', () => {
    const { errors, input } = validateApplyForm(citizen, PNG, '2025-11-03');
    expect(errors).toEqual([]);
    expect(input).toEqual({
      channel: 'online',
      receivedOn: '2025-11-03',
      applicant: { type: 'natural_person', name: '张三', idNumber: ID_NUMBER, creditCode: null, phone: '010-12345678', email: 'zhang@example.com', address: null },
      requestedInformation: '2024年示范路改造工程的招标文件',
      requestedForm: '电子',
      deliveryMethod: '电子邮件',
    });
  });

  it('refuses a wrong check character: …0021 where GB 11643 gives X', () => {
    const { errors } = validateApplyForm({ ...citizen, idNumber: '110105194912310021' }, PNG, '2025-11-03');
    expect(errors).toEqual([{ field: 'idNumber', message: '身份证号码校验码（第18位）不正确，请核对号码' }]);
  });

  it('takes an organisation with its 统一社会信用代码 and type', () => {
    const values = { ...citizen, applicantKind: 'organisation', organisationType: 'legal_service_org', idNumber: '', creditCode: '91350100M000100Y43', requestedForm: 'paper', delivery: 'collect' };
    const { errors, input } = validateApplyForm(values, PNG, '2025-11-03');
    expect(errors).toEqual([]);
    expect(input?.applicant).toMatchObject({ type: 'legal_service_org', idNumber: null, creditCode: '91350100M000100Y43' });
    expect(input?.requestedForm).toBe('纸质');
    expect(input?.deliveryMethod).toBe('自行领取');
  });

  it('lists every problem of an empty form in page order', () => {
    const { errors, input } = validateApplyForm(EMPTY_VALUES, { present: false }, '2025-11-03');
    expect(input).toBeNull();
    expect(errors.map((e) => e.field)).toEqual(['applicantKind', 'name', 'phone', 'description', 'requestedForm', 'delivery', 'idProof', 'declaration']);
  });

  it('asks for the address when posting, refuses paper by e-mail, and checks the upload', () => {
    const post = validateApplyForm({ ...citizen, requestedForm: 'paper', delivery: 'post', email: '' }, PNG, '2025-11-03');
    expect(post.errors).toEqual([{ field: 'address', message: '选择邮寄的，请填写通信地址' }]);
    const paperByMail = validateApplyForm({ ...citizen, requestedForm: 'paper' }, PNG, '2025-11-03');
    expect(paperByMail.errors).toEqual([{ field: 'delivery', message: '纸质文本不能通过电子邮件提供，请改选邮寄或者自行领取' }]);
    expect(validateApplyForm(citizen, { present: true, tooLarge: true, type: undefined }, '2025-11-03').errors[0]?.message).toContain('不能超过 5 MB');
    expect(validateApplyForm(citizen, { present: true, tooLarge: false, type: undefined }, '2025-11-03').errors[0]?.message).toContain('PDF、JPEG 或者 PNG');
  });
});
