// The 依申请公开 pages: the form, the receipt, the status form and the status. Server-rendered, no
// script; every field has a label, hints and errors are tied to it by aria-describedby, and an
// error summary at the top links to each field. The query code is shown once, on the receipt.
import type { PublicStatus } from '../../applications/application.service.ts';
import type { CaseEventKind } from '../../../domain/application/case-events.ts';
import { CASE_EVENT_LABELS } from '../../../domain/application/case-events.ts';
import type { SafeHtml } from '../html.ts';
import { html } from '../html.ts';
import type { PortalAgency } from '../portal-layout.ts';
import { agencyPath, renderPortalPage } from '../portal-layout.ts';
import type { ApplyField, ApplyFormValues, FieldError } from './apply-form.ts';
import { DELIVERY_METHODS, DESCRIPTION_MAX_CHARS, ORGANISATION_TYPES, REQUESTED_FORMS } from './apply-form.ts';

export const APPLY_STYLESHEET_PATH = '/assets/portal-apply.css';

/** 2026-11-28 → 2026年11月28日 */
export function chineseDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (match === null) return isoDate;
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

function stylesheet(stylesheetHref: string): SafeHtml {
  // A stylesheet link is allowed in <body> (HTML "body-ok"); the layout's <head> links portal.css only.
  return html`<link rel="stylesheet" href="${stylesheetHref}">`;
}

function fieldId(field: ApplyField): string {
  return `f-${field}`;
}

function errorFor(errors: readonly FieldError[], field: ApplyField): FieldError | undefined {
  return errors.find((e) => e.field === field);
}

function describedBy(...ids: (string | null)[]): string {
  return ids.filter((id): id is string => id !== null).join(' ');
}

function errorSummary(errors: readonly FieldError[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
<h2 id="error-summary-title">提交的内容有 ${errors.length} 处需要修改</h2>
<ul>${errors.map((e) => html`<li><a href="#${fieldId(e.field)}">${e.message}</a></li>`)}</ul>
</div>`;
}

interface TextFieldOptions {
  field: ApplyField;
  name: string;
  label: string;
  value: string;
  errors: readonly FieldError[];
  hint?: string;
  required?: string;
  type?: 'text' | 'email' | 'tel';
  autocomplete?: string;
  inputmode?: string;
  maxlength?: number;
  width?: 'short' | 'medium' | 'long';
}

function requiredMark(text: string | undefined): SafeHtml {
  return text === undefined ? html`` : html` <span class="field-note">${text}</span>`;
}

function textField(options: TextFieldOptions): SafeHtml {
  const id = fieldId(options.field);
  const error = errorFor(options.errors, options.field);
  const hintId = options.hint === undefined ? null : `${id}-hint`;
  const errorId = error === undefined ? null : `${id}-error`;
  const ids = describedBy(hintId, errorId);
  return html`<div class="field${error === undefined ? '' : ' field-invalid'}">
<label for="${id}">${options.label}${requiredMark(options.required)}</label>
${options.hint === undefined ? html`` : html`<p class="hint" id="${hintId}">${options.hint}</p>`}
${error === undefined ? html`` : html`<p class="field-error" id="${errorId}"><span class="visually-hidden">错误：</span>${error.message}</p>`}
<input class="input-${options.width ?? 'long'}" type="${options.type ?? 'text'}" id="${id}" name="${options.name}" value="${options.value}"${options.autocomplete === undefined ? html`` : html` autocomplete="${options.autocomplete}"`}${options.inputmode === undefined ? html`` : html` inputmode="${options.inputmode}"`}${options.maxlength === undefined ? html`` : html` maxlength="${options.maxlength}"`}${ids === '' ? html`` : html` aria-describedby="${ids}"`}${error === undefined ? html`` : html` aria-invalid="true"`}>
</div>`;
}

function radioGroup(options: { field: ApplyField; name: string; legend: string; value: string; choices: readonly (readonly [string, string])[]; errors: readonly FieldError[]; hint?: string; required?: string }): SafeHtml {
  const id = fieldId(options.field);
  const error = errorFor(options.errors, options.field);
  const hintId = options.hint === undefined ? null : `${id}-hint`;
  const errorId = error === undefined ? null : `${id}-error`;
  const ids = describedBy(hintId, errorId);
  return html`<fieldset class="field${error === undefined ? '' : ' field-invalid'}"${ids === '' ? html`` : html` aria-describedby="${ids}"`}>
<legend>${options.legend}${requiredMark(options.required)}</legend>
${options.hint === undefined ? html`` : html`<p class="hint" id="${hintId}">${options.hint}</p>`}
${error === undefined ? html`` : html`<p class="field-error" id="${errorId}"><span class="visually-hidden">错误：</span>${error.message}</p>`}
<div class="choices">${options.choices.map(([value, label], index) => {
    // The first choice carries the field's id, so the error summary's link lands on the group.
    const choiceId = index === 0 ? id : `${id}-${value}`;
    return html`<div class="choice"><input type="radio" id="${choiceId}" name="${options.name}" value="${value}"${options.value === value ? html` checked` : html``}><label for="${choiceId}">${label}</label></div>`;
  })}</div>
</fieldset>`;
}

export interface ApplyFormPageInput {
  agency: PortalAgency;
  values: ApplyFormValues;
  errors: readonly FieldError[];
  csrfToken: string;
  challenge: { question: string; token: string };
  stylesheetHref: string;
}

export function renderApplyFormPage(input: ApplyFormPageInput): string {
  const { agency, values, errors } = input;
  const challengeError = errorFor(errors, 'challengeAnswer');
  const idProofError = errorFor(errors, 'idProof');
  const declarationError = errorFor(errors, 'declaration');
  const descriptionError = errorFor(errors, 'description');
  const body = html`${stylesheet(input.stylesheetHref)}
<h1>政府信息公开申请</h1>
${errorSummary(errors)}
<p class="lead">依据《中华人民共和国政府信息公开条例》第二十七条、第二十九条，您可以向${agency.name}在线提交政府信息公开申请。申请不需要说明用途。</p>
<div class="notice"><p><strong>办理时限：</strong>能够当场答复的当场答复；不能当场答复的，自收到申请之日起 20 个工作日内答复，需要延长的，延长期限最长不超过 20 个工作日（条例第三十三条）。提交后您会得到申请编号和查询码，凭二者可以查询办理进度。</p></div>
<form class="apply-form" method="post" action="${agencyPath(agency, 'apply')}" enctype="multipart/form-data" novalidate>
<input type="hidden" name="csrfToken" value="${input.csrfToken}">
<input type="hidden" name="challengeToken" value="${input.challenge.token}">
<p class="muted">标有“必填”的项目必须填写。</p>

<h2>申请人信息</h2>
${radioGroup({ field: 'applicantKind', name: 'applicantKind', legend: '申请人类型', required: '必填', value: values.applicantKind, choices: [['citizen', '公民'], ['organisation', '法人或者其他组织']], errors })}
${radioGroup({ field: 'organisationType', name: 'organisationType', legend: '单位类别', required: '法人或者其他组织必填', hint: '申请人为公民的，不用选择。', value: values.organisationType, choices: ORGANISATION_TYPES, errors })}
${textField({ field: 'name', name: 'name', label: '申请人姓名或者单位名称', required: '必填', value: values.name, errors, autocomplete: 'name', maxlength: 100 })}
${textField({ field: 'idNumber', name: 'idNumber', label: '身份证号码', required: '公民必填', hint: '18 位居民身份证号码，最后一位可以是 X。', value: values.idNumber, errors, autocomplete: 'off', maxlength: 18, width: 'medium' })}
${textField({ field: 'creditCode', name: 'creditCode', label: '统一社会信用代码', required: '法人或者其他组织必填', hint: '18 位，见营业执照或者登记证书。', value: values.creditCode, errors, autocomplete: 'off', maxlength: 18, width: 'medium' })}

<h2>联系方式</h2>
<p class="hint" id="contact-hint">以下三项至少填写一项，用于送达答复和联系您。</p>
${textField({ field: 'phone', name: 'phone', label: '联系电话', value: values.phone, errors, type: 'tel', autocomplete: 'tel', inputmode: 'tel', maxlength: 30, width: 'medium' })}
${textField({ field: 'email', name: 'email', label: '电子邮箱', value: values.email, errors, type: 'email', autocomplete: 'email', maxlength: 200 })}
${textField({ field: 'address', name: 'address', label: '通信地址', hint: '选择邮寄的必须填写，请写明邮政编码。', value: values.address, errors, autocomplete: 'street-address', maxlength: 200 })}

<h2>申请公开的政府信息</h2>
<div class="field${descriptionError === undefined ? '' : ' field-invalid'}">
<label for="f-description">所需政府信息的描述 <span class="field-note">必填</span></label>
<p class="hint" id="f-description-hint">请写明信息的名称、文号，或者便于查找的其他特征（条例第二十九条），例如发文机关、时间、事项。最多 ${DESCRIPTION_MAX_CHARS} 字。</p>
${descriptionError === undefined ? html`` : html`<p class="field-error" id="f-description-error"><span class="visually-hidden">错误：</span>${descriptionError.message}</p>`}
<textarea id="f-description" name="description" rows="6" maxlength="${DESCRIPTION_MAX_CHARS}" aria-describedby="${describedBy('f-description-hint', descriptionError === undefined ? null : 'f-description-error')}"${descriptionError === undefined ? html`` : html` aria-invalid="true"`}>${values.description}</textarea>
</div>
${radioGroup({ field: 'requestedForm', name: 'requestedForm', legend: '获取信息的形式', required: '必填', value: values.requestedForm, choices: REQUESTED_FORMS, errors })}
${radioGroup({ field: 'delivery', name: 'delivery', legend: '获取信息的途径', required: '必填', hint: '纸质文本可以邮寄或者自行领取；电子文本可以通过电子邮件发送。', value: values.delivery, choices: DELIVERY_METHODS, errors })}

<h2>身份证明</h2>
<div class="field${idProofError === undefined ? '' : ' field-invalid'}">
<label for="f-idProof">身份证明文件 <span class="field-note">必填</span></label>
<p class="hint" id="f-idProof-hint">公民上传身份证正反面，法人或者其他组织上传营业执照等证照。只接受 PDF、JPEG、PNG 格式，不超过 5 MB。文件仅供办理本申请使用，不会公开。</p>
${idProofError === undefined ? html`` : html`<p class="field-error" id="f-idProof-error"><span class="visually-hidden">错误：</span>${idProofError.message}</p>`}
<input type="file" id="f-idProof" name="idProof" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" aria-describedby="${describedBy('f-idProof-hint', idProofError === undefined ? null : 'f-idProof-error')}"${idProofError === undefined ? html`` : html` aria-invalid="true"`}>
</div>

<h2>声明与验证</h2>
<div class="field${declarationError === undefined ? '' : ' field-invalid'}">
<p class="declaration" id="f-declaration-text">本人（本单位）保证所填信息和提交的身份证明真实、有效，同意${agency.name}为办理本申请使用上述信息。申请人的个人信息不会公开。</p>
${declarationError === undefined ? html`` : html`<p class="field-error" id="f-declaration-error"><span class="visually-hidden">错误：</span>${declarationError.message}</p>`}
<div class="choice"><input type="checkbox" id="f-declaration" name="declaration" value="yes"${values.declaration ? html` checked` : html``} aria-describedby="${describedBy('f-declaration-text', declarationError === undefined ? null : 'f-declaration-error')}"${declarationError === undefined ? html`` : html` aria-invalid="true"`}><label for="f-declaration">我已阅读并确认以上声明 <span class="field-note">必填</span></label></div>
</div>
<div class="field${challengeError === undefined ? '' : ' field-invalid'}">
<label for="f-challengeAnswer">验证题：${input.challenge.question} <span class="field-note">必填</span></label>
<p class="hint" id="f-challengeAnswer-hint">请填写阿拉伯数字，用于确认提交的是人而不是程序。</p>
${challengeError === undefined ? html`` : html`<p class="field-error" id="f-challengeAnswer-error"><span class="visually-hidden">错误：</span>${challengeError.message}</p>`}
<input class="input-short" type="text" id="f-challengeAnswer" name="challengeAnswer" value="" inputmode="numeric" autocomplete="off" maxlength="3" aria-describedby="${describedBy('f-challengeAnswer-hint', challengeError === undefined ? null : 'f-challengeAnswer-error')}"${challengeError === undefined ? html`` : html` aria-invalid="true"`}>
</div>
<p><button class="button" type="submit">提交申请</button></p>
</form>
<p>已经提交过申请？<a href="${agencyPath(agency, 'status')}">查询办理进度</a></p>`;
  return renderPortalPage({
    title: errors.length > 0 ? '错误：政府信息公开申请' : '政府信息公开申请',
    description: `向${agency.name}在线提交政府信息公开申请，并凭申请编号和查询码查询办理进度。`,
    agency,
    current: 'apply',
    breadcrumb: [['依申请公开', null]],
    body,
    noStore: true,
  });
}

export interface ReceiptPageInput {
  agency: PortalAgency;
  trackingNumber: string;
  queryCode: string;
  receivedOn: string;
  dueOn: string | null;
  stylesheetHref: string;
}

export function renderReceiptPage(input: ReceiptPageInput): string {
  const { agency } = input;
  const body = html`${stylesheet(input.stylesheetHref)}
<h1>申请已提交</h1>
<p class="lead">${agency.name}已收到您的政府信息公开申请。</p>
<div class="code-warning" role="note" aria-labelledby="code-warning-title">
<h2 id="code-warning-title">请立即记下查询码</h2>
<p>查询码只在本页显示这一次。我们不保存查询码原文，遗失后无法找回。请抄写下来，或者打印、截图保存本页。</p>
</div>
<dl class="receipt">
<dt>申请编号</dt><dd><span class="code-text">${input.trackingNumber}</span></dd>
<dt>查询码</dt><dd><span class="code-text code-secret">${input.queryCode}</span></dd>
<dt>收到申请之日</dt><dd><time datetime="${input.receivedOn}">${chineseDate(input.receivedOn)}</time></dd>
<dt>答复期限</dt><dd>自收到申请之日起 20 个工作日内${input.dueOn === null ? html`` : html`，即 <time datetime="${input.dueOn}">${chineseDate(input.dueOn)}</time> 前`}（条例第三十三条）</dd>
</dl>
<p>需要您补正申请内容的，行政机关会在 7 个工作日内一次性告知，答复期限自收到补正后的申请之日起重新计算（条例第三十条）；征求第三方或者其他机关意见的时间不计入答复期限；经批准可以延长答复期限，最长不超过 20 个工作日。</p>
<p><a class="button" href="${agencyPath(agency, 'status')}">查询办理进度</a></p>`;
  return renderPortalPage({
    title: '申请已提交',
    description: '政府信息公开申请的回执：申请编号、查询码和答复期限。',
    agency,
    current: 'apply',
    breadcrumb: [['依申请公开', agencyPath(agency, 'apply')], ['申请回执', null]],
    body,
    noStore: true,
  });
}

export interface StatusFormPageInput {
  agency: PortalAgency;
  csrfToken: string;
  trackingNumber: string;
  /** "编号或查询码不正确" and the like: shown in the summary and on both fields. */
  error: string | null;
  /** For the example number in the hint. */
  year: number;
  stylesheetHref: string;
}

function statusForm(input: StatusFormPageInput): SafeHtml {
  const invalid = input.error === null ? html`` : html` aria-invalid="true"`;
  const errorId = input.error === null ? null : 'status-error';
  return html`<form class="apply-form" method="post" action="${agencyPath(input.agency, 'status')}" novalidate>
<input type="hidden" name="csrfToken" value="${input.csrfToken}">
<div class="field${input.error === null ? '' : ' field-invalid'}">
<label for="f-trackingNumber">申请编号</label>
<p class="hint" id="f-trackingNumber-hint">见申请回执，例如 ${input.agency.code.toUpperCase()}-${input.year}-000001。</p>
<input class="input-medium" type="text" id="f-trackingNumber" name="trackingNumber" value="${input.trackingNumber}" autocomplete="off" maxlength="80" aria-describedby="${describedBy('f-trackingNumber-hint', errorId)}"${invalid}>
</div>
<div class="field${input.error === null ? '' : ' field-invalid'}">
<label for="f-queryCode">查询码</label>
<p class="hint" id="f-queryCode-hint">提交申请时显示的 12 位查询码，不区分大小写。</p>
<input class="input-medium" type="password" id="f-queryCode" name="queryCode" value="" autocomplete="off" maxlength="40" aria-describedby="${describedBy('f-queryCode-hint', errorId)}"${invalid}>
</div>
<p><button class="button" type="submit">查询</button></p>
</form>`;
}

export function renderStatusFormPage(input: StatusFormPageInput): string {
  const body = html`${stylesheet(input.stylesheetHref)}
<h1>查询申请办理进度</h1>
<p class="lead">请输入申请回执上的申请编号和查询码。</p>
${input.error === null
    ? html``
    : html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
<h2 id="error-summary-title">无法查询</h2>
<p id="status-error"><a href="#f-trackingNumber">${input.error}</a></p>
</div>`}
${statusForm(input)}
<p>还没有提交申请？<a href="${agencyPath(input.agency, 'apply')}">在线提交政府信息公开申请</a></p>`;
  return renderPortalPage({
    title: input.error === null ? '查询办理进度' : '错误：查询办理进度',
    description: '凭申请编号和查询码查询政府信息公开申请的办理进度。',
    agency: input.agency,
    current: 'apply',
    breadcrumb: [['依申请公开', agencyPath(input.agency, 'apply')], ['查询办理进度', null]],
    body,
    noStore: true,
  });
}

/** Plain Chinese for the applicant; the staff labels (CASE_EVENT_LABELS) are terser. */
export const PUBLIC_STEP_LABELS: Record<CaseEventKind, string> = {
  received: '收到申请',
  correctionRequested: '告知补正申请内容',
  correctionReceived: '收到补正后的申请，答复期限重新计算',
  correctionLapsed: '逾期未补正，视为放弃申请',
  consultationStarted: '征求第三方或者其他机关意见（所需时间不计入答复期限）',
  consultationAnswered: '收到征求意见的答复',
  extensionApproved: '延长答复期限',
  feeNoticeSent: '发出收费通知（缴费期间不计入答复期限）',
  feePaid: '收到信息处理费',
  feeLapsed: '逾期未缴纳费用，不再处理',
  article35ReasonsRequested: '请申请人说明理由',
  article35Decided: '对申请人说明的理由作出决定',
  withdrawn: '申请已撤回',
  replied: '作出答复',
};

const KIND_BY_STAFF_LABEL = new Map<string, CaseEventKind>(Object.entries(CASE_EVENT_LABELS).map(([kind, label]) => [label, kind as CaseEventKind]));

export function publicStepLabel(staffLabel: string): string {
  const kind = KIND_BY_STAFF_LABEL.get(staffLabel);
  return kind === undefined ? staffLabel : PUBLIC_STEP_LABELS[kind];
}

export function renderStatusPage(input: { agency: PortalAgency; status: PublicStatus; csrfToken: string; stylesheetHref: string; year: number }): string {
  const { agency, status } = input;
  const closed = status.state === 'closed';
  const due = closed
    ? html``
    : status.paused
      ? html`<dt>答复期限</dt><dd>暂停计算：征求意见或者等待缴费的时间不计入答复期限，恢复后重新计算</dd>`
      : status.dueOn === null
        ? html``
        : html`<dt>答复期限</dt><dd><time datetime="${status.dueOn}">${chineseDate(status.dueOn)}</time> 前</dd>`;
  const body = html`${stylesheet(input.stylesheetHref)}
<h1>申请办理进度</h1>
<dl class="receipt">
<dt>申请编号</dt><dd><span class="code-text">${status.trackingNumber}</span></dd>
<dt>办理状态</dt><dd><strong>${status.stateLabel}</strong></dd>
<dt>收到申请之日</dt><dd><time datetime="${status.receivedOn}">${chineseDate(status.receivedOn)}</time></dd>
${due}
${status.concludedOn === null ? html`` : html`<dt>办结日期</dt><dd><time datetime="${status.concludedOn}">${chineseDate(status.concludedOn)}</time></dd>`}
${status.outcomeLabel === null ? html`` : html`<dt>办理结果</dt><dd>${status.outcomeLabel}（以书面答复为准）</dd>`}
</dl>
<h2>办理过程</h2>
<ol class="steps">${status.steps.map((step) => html`<li><time datetime="${step.at}">${chineseDate(step.at)}</time><span>${publicStepLabel(step.label)}</span></li>`)}</ol>
<p class="muted">日期为法定日期：网上提交的申请，以双方确认之日为收到申请之日（条例第三十一条）。</p>
<h2>再查询一件申请</h2>
${statusForm({ agency, csrfToken: input.csrfToken, trackingNumber: '', error: null, year: input.year, stylesheetHref: input.stylesheetHref })}`;
  return renderPortalPage({
    title: '申请办理进度',
    description: '政府信息公开申请的办理进度。',
    agency,
    current: 'apply',
    breadcrumb: [['依申请公开', agencyPath(agency, 'apply')], ['办理进度', null]],
    body,
    noStore: true,
  });
}

/** 2026-11-28T02:05:00Z → 10:05 (Beijing time), with the date when not today's. */
export function beijingTime(instant: number, now: number): string {
  const format = (ms: number, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', ...options }).format(new Date(ms));
  const time = format(instant, { hour: '2-digit', minute: '2-digit', hour12: false });
  const sameDay = format(instant, { year: 'numeric', month: 'numeric', day: 'numeric' }) === format(now, { year: 'numeric', month: 'numeric', day: 'numeric' });
  return sameDay ? time : `${format(instant, { month: 'long', day: 'numeric' })} ${time}`;
}

export function renderMessagePage(input: { agency: PortalAgency; title: string; heading: string; paragraphs: readonly string[]; link: readonly [string, string]; stylesheetHref: string }): string {
  const body = html`${stylesheet(input.stylesheetHref)}
<h1>${input.heading}</h1>
${input.paragraphs.map((p) => html`<p>${p}</p>`)}
<p><a href="${input.link[1]}">${input.link[0]}</a></p>`;
  return renderPortalPage({
    title: input.title,
    description: input.heading,
    agency: input.agency,
    current: 'apply',
    breadcrumb: [['依申请公开', agencyPath(input.agency, 'apply')], [input.title, null]],
    body,
    noStore: true,
  });
}
