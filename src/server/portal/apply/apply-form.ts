// The online application form (条例第二十九条): its fields, their Chinese labels, and the check of
// what was submitted. 第二十九条第二款 asks for (一) the applicant's name, 身份证明 and contact,
// (二) a description of the information sought, (三) the form and way of getting it. The purpose
// of use is not asked: the 2019 revision dropped the 三需要 test.
import type { ApplicationInput } from '../../applications/application.service.ts';
import { validateCreditCode } from '../../../domain/application/validate-credit-code.ts';
import { validateIdentityNumber } from '../../../domain/application/validate-identity-number.ts';
import type { IsoDate } from '../../../domain/report/compute/report-records.ts';
import type { ApplicantType } from '../../../domain/report/report-format.ts';

export const ID_PROOF_MAX_BYTES = 5 * 1024 * 1024;
export const ID_PROOF_TYPES = ['pdf', 'jpeg', 'png'] as const;
export type IdProofType = (typeof ID_PROOF_TYPES)[number];
export const DESCRIPTION_MAX_CHARS = 2000;

export const ORGANISATION_TYPES: readonly (readonly [Exclude<ApplicantType, 'natural_person'>, string])[] = [
  ['business', '商业企业'],
  ['research_institution', '科研机构'],
  ['public_interest_org', '社会公益组织'],
  ['legal_service_org', '法律服务机构'],
  ['other_org', '其他组织'],
];

/** 第二十九条第二款（三）: the form of the information. Stored as the label. */
export const REQUESTED_FORMS = [
  ['paper', '纸质'],
  ['electronic', '电子'],
] as const;

/** …and the way of getting it. Stored as the label. */
export const DELIVERY_METHODS = [
  ['post', '邮寄'],
  ['email', '电子邮件'],
  ['collect', '自行领取'],
] as const;

/** The text fields a re-rendered form keeps (never the file, never the tokens). */
export interface ApplyFormValues {
  applicantKind: string;
  organisationType: string;
  name: string;
  idNumber: string;
  creditCode: string;
  phone: string;
  email: string;
  address: string;
  description: string;
  requestedForm: string;
  delivery: string;
  declaration: boolean;
}

export type ApplyField = keyof ApplyFormValues | 'idProof' | 'challengeAnswer';

export interface FieldError {
  field: ApplyField;
  message: string;
}

/** The order of the fields on the page: the error summary lists them in this order. */
export const FIELD_ORDER: readonly ApplyField[] = [
  'applicantKind',
  'organisationType',
  'name',
  'idNumber',
  'creditCode',
  'phone',
  'email',
  'address',
  'description',
  'requestedForm',
  'delivery',
  'idProof',
  'declaration',
  'challengeAnswer',
];

export const EMPTY_VALUES: ApplyFormValues = {
  applicantKind: '',
  organisationType: '',
  name: '',
  idNumber: '',
  creditCode: '',
  phone: '',
  email: '',
  address: '',
  description: '',
  requestedForm: '',
  delivery: '',
  declaration: false,
};

const TEXT_LIMITS: Partial<Record<keyof ApplyFormValues, number>> = {
  name: 100,
  idNumber: 40,
  creditCode: 40,
  phone: 30,
  email: 200,
  address: 200,
  description: DESCRIPTION_MAX_CHARS,
};

/** The text fields from a submitted form (unknown names ignored; each trimmed). */
export function toFormValues(fields: Readonly<Record<string, string>>): ApplyFormValues {
  const text = (name: string): string => (fields[name] ?? '').trim();
  return {
    applicantKind: text('applicantKind'),
    organisationType: text('organisationType'),
    name: text('name'),
    idNumber: text('idNumber'),
    creditCode: text('creditCode'),
    phone: text('phone'),
    email: text('email'),
    address: text('address'),
    description: text('description'),
    requestedForm: text('requestedForm'),
    delivery: text('delivery'),
    declaration: fields.declaration === 'yes',
  };
}

/** What was uploaded as ID proof: nothing, or its size and the type sniffed from its bytes. */
export type IdProofUpload = { present: false } | { present: true; tooLarge: boolean; type: IdProofType | undefined };

const PHONE = /^[0-9+\-() ]{7,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function labelOf(options: readonly (readonly [string, string])[], code: string): string | undefined {
  return options.find(([value]) => value === code)?.[1];
}

/**
 * Checks the form. Returns the errors in page order, or the application input for the service
 * (channel online, received today: the receipt page is the mutual confirmation of 第三十一条（三）).
 */
export function validateApplyForm(values: ApplyFormValues, upload: IdProofUpload, today: IsoDate): { errors: FieldError[]; input: ApplicationInput | null } {
  const errors: FieldError[] = [];
  const add = (field: ApplyField, message: string) => errors.push({ field, message });

  for (const [field, max] of Object.entries(TEXT_LIMITS) as [keyof ApplyFormValues, number][]) {
    const value = values[field];
    if (typeof value === 'string' && [...value].length > max) add(field, `${FIELD_LABELS[field]}不能超过${max}个字`);
  }
  const tooLong = new Set(errors.map((e) => e.field));

  const citizen = values.applicantKind === 'citizen';
  const organisation = values.applicantKind === 'organisation';
  if (!citizen && !organisation) add('applicantKind', '请选择申请人类型：公民，或者法人或者其他组织');
  if (organisation && labelOf(ORGANISATION_TYPES, values.organisationType) === undefined) add('organisationType', '申请人为法人或者其他组织的，请选择单位类别');

  if (values.name === '') add('name', citizen ? '请填写申请人姓名' : organisation ? '请填写单位名称' : '请填写申请人姓名或者单位名称');

  let idNumber: string | null = null;
  let creditCode: string | null = null;
  if (citizen && !tooLong.has('idNumber')) {
    if (values.idNumber === '') add('idNumber', '申请人为公民的，请填写身份证号码');
    else {
      const checked = validateIdentityNumber(values.idNumber, { asOf: today });
      if (checked.ok) idNumber = checked.normalized;
      else add('idNumber', checked.reason);
    }
  }
  if (organisation && !tooLong.has('creditCode')) {
    if (values.creditCode === '') add('creditCode', '申请人为法人或者其他组织的，请填写统一社会信用代码');
    else {
      const checked = validateCreditCode(values.creditCode);
      if (checked.ok) creditCode = checked.normalized;
      else add('creditCode', checked.reason);
    }
  }

  if (values.phone === '' && values.email === '' && values.address === '') add('phone', '请至少填写一种联系方式：联系电话、电子邮箱或者通信地址');
  if (values.phone !== '' && !tooLong.has('phone') && !PHONE.test(values.phone)) add('phone', '联系电话格式不正确：只能填写数字，可带区号和“-”');
  if (values.email !== '' && !tooLong.has('email') && !EMAIL.test(values.email)) add('email', '电子邮箱格式不正确，应类似 name@example.com');

  if (values.description === '') add('description', '请描述您申请公开的政府信息（名称、文号或者其他便于查找的特征）');

  const requestedForm = labelOf(REQUESTED_FORMS, values.requestedForm);
  const delivery = labelOf(DELIVERY_METHODS, values.delivery);
  if (requestedForm === undefined) add('requestedForm', '请选择获取信息的形式：纸质或者电子');
  if (delivery === undefined) add('delivery', '请选择获取信息的途径');
  else if (values.delivery === 'post' && values.address === '') add('address', '选择邮寄的，请填写通信地址');
  else if (values.delivery === 'email' && values.email === '') add('email', '选择电子邮件的，请填写电子邮箱');
  if (values.requestedForm === 'paper' && values.delivery === 'email') add('delivery', '纸质文本不能通过电子邮件提供，请改选邮寄或者自行领取');

  if (!upload.present) add('idProof', '请上传身份证明文件（公民上传身份证，法人或者其他组织上传营业执照等证照）');
  else if (upload.tooLarge) add('idProof', '身份证明文件不能超过 5 MB，请压缩或者缩小后重新上传');
  else if (upload.type === undefined) add('idProof', '身份证明文件只能是 PDF、JPEG 或者 PNG 格式（按文件内容识别，改扩展名无效）');

  if (!values.declaration) add('declaration', '请阅读声明并勾选“我已阅读并确认以上声明”');

  if (errors.length > 0) return { errors: sortErrors(errors), input: null };
  const applicantType: ApplicantType = citizen ? 'natural_person' : (values.organisationType as ApplicantType);
  return {
    errors: [],
    input: {
      channel: 'online',
      receivedOn: today,
      applicant: {
        type: applicantType,
        name: values.name,
        idNumber,
        creditCode,
        phone: values.phone === '' ? null : values.phone,
        email: values.email === '' ? null : values.email,
        address: values.address === '' ? null : values.address,
      },
      requestedInformation: values.description,
      requestedForm: requestedForm ?? null,
      deliveryMethod: delivery ?? null,
    },
  };
}

export function sortErrors(errors: readonly FieldError[]): FieldError[] {
  return [...errors].sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
}

export const FIELD_LABELS: Record<ApplyField, string> = {
  applicantKind: '申请人类型',
  organisationType: '单位类别',
  name: '申请人姓名或者单位名称',
  idNumber: '身份证号码',
  creditCode: '统一社会信用代码',
  phone: '联系电话',
  email: '电子邮箱',
  address: '通信地址',
  description: '所需政府信息的描述',
  requestedForm: '获取信息的形式',
  delivery: '获取信息的途径',
  idProof: '身份证明文件',
  declaration: '声明',
  challengeAnswer: '计算题答案',
};
