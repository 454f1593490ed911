// One lifecycle action as a form in a modal: the fields the event API takes (application.schemas.ts
// EventBody), Chinese labels, dates defaulting to today in China. The server decides; its refusal is
// shown as it comes, and a version conflict (someone else recorded something) asks to reload.
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { ApiError } from '../api.ts';
import type { CaseDetails, CaseEventInput } from './application-api.ts';
import { chinaToday, isVersionConflict, recordCaseEvent } from './application-api.ts';
import type { ActionKind, ConsultationParty } from './case-rules.ts';
import { ACTION_BUTTONS, openConsultations } from './case-rules.ts';
import { groundsFor, OUTCOME_GROUPS } from './reply-grounds.ts';

const DATE_FORMAT = 'YYYY-MM-DD';
const iso = (value: Dayjs) => value.format(DATE_FORMAT);
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** The label of the date field: the legal date each event carries (case-events.ts `at`). */
const DATE_LABELS: Record<ActionKind, string> = {
  correctionRequested: '告知补正之日',
  correctionReceived: '收到补正申请之日',
  correctionLapsed: '登记日期',
  consultationStarted: '发出征求意见之日',
  consultationAnswered: '收到意见之日',
  extensionApproved: '批准日期',
  feeNoticeSent: '发出收费通知之日',
  feePaid: '缴费之日',
  feeLapsed: '登记日期',
  article35ReasonsRequested: '要求说明理由之日',
  article35Decided: '决定日期',
  withdrawn: '撤回申请之日',
  replied: '答复日期',
};

/** What each action means, in a line above the form. */
const HINTS: Record<ActionKind, string> = {
  correctionRequested: '申请内容不明确的，自收到申请之日起7个工作日内一次性告知需要补正的事项和合理的补正期限（条例第三十条）。告知补正后答复期限暂不计算。',
  correctionReceived: '答复期限自收到补正后的申请之日起重新计算（条例第三十条）。',
  correctionLapsed: '申请人无正当理由逾期不补正的，视为放弃申请，不再处理（条例第三十条）。登记后申请即办结。',
  consultationStarted: '书面征求第三方或其他机关意见，所需时间不计算在答复期限内（条例第三十二条、第三十三条第二款、第三十四条）。',
  consultationAnswered: '收到意见，或15个工作日期满未提出意见的，恢复计算答复期限。',
  extensionApproved: '需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长最长不超过20个工作日，只能延长一次（条例第三十三条第一款）。',
  feeNoticeSent: '按《政府信息公开信息处理费管理办法》计费，金额由系统按计费方式算出；发出通知至缴费期间不计算在答复期限内。',
  feePaid: '申请人缴费后恢复计算答复期限。',
  feeLapsed: '申请人逾期未缴费的，不再处理。登记后申请即办结。',
  article35ReasonsRequested: '申请数量、频次明显超过合理范围的，可以要求申请人说明理由（条例第三十五条）。其间答复期限照常计算。',
  article35Decided: '理由不合理的不予处理，申请即办结；理由合理但无法按期答复的，确定延迟答复的合理期限（条例第三十五条）。',
  withdrawn: '申请人撤回申请的，按“其他”办结。登记后申请即办结，不能撤销。',
  replied: '选择办理结果（年度报告表三的类别）和答复依据。登记后申请即办结，每件申请只有一个办理结果。',
};

const PARTY_OPTIONS = [
  { value: 'thirdParty', label: '第三方' },
  { value: 'otherAgency', label: '其他机关' },
];

interface Props {
  kind: ActionKind;
  details: CaseDetails;
  onClose: () => void;
  /** The case as the server answered after the event. */
  onDone: (details: CaseDetails) => void;
  /** Load the case again (after a version conflict). */
  onReload: () => void;
}

type Values = Record<string, unknown> & { at?: Dayjs };

export function CaseActionModal({ kind, details, onClose, onDone, onReload }: Props) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ message: string; conflict: boolean } | null>(null);
  const open = useMemo(() => openConsultations(details), [details]);
  const outcome = Form.useWatch('outcome', form) as string | undefined;
  const ground = Form.useWatch('ground', form) as string | undefined;
  const reasonable = Form.useWatch('reasonable', form) as boolean | undefined;
  const feeMethod = Form.useWatch('feeMethod', form) as string | undefined;
  const correctionReceived = details.history.some((entry) => entry.kind === 'correctionReceived');

  const initialValues: Values = {
    at: dayjs(chinaToday()),
    ...(kind === 'extensionApproved' ? { workingDays: 20 } : {}),
    ...(kind === 'consultationStarted' ? { party: open.includes('thirdParty') ? 'otherAgency' : 'thirdParty' } : {}),
    ...(kind === 'consultationAnswered' ? { party: open[0] } : {}),
    ...(kind === 'feeNoticeSent' ? { feeMethod: 'by_pages' } : {}),
  };

  const toEvent = (values: Values): CaseEventInput => {
    const at = iso(values.at ?? dayjs(chinaToday()));
    switch (kind) {
      case 'correctionRequested':
        return { kind, at, items: lines(String(values.items ?? '')), correctionDueOn: iso(values.correctionDueOn as Dayjs) };
      case 'consultationStarted':
        return { kind, at, party: values.party, addressees: lines(String(values.addressees ?? '')) };
      case 'consultationAnswered':
        return { kind, at, party: values.party, answer: values.answer };
      case 'extensionApproved':
        return { kind, at, workingDays: values.workingDays, reason: String(values.reason ?? '').trim() };
      case 'feeNoticeSent':
        return {
          kind,
          at,
          basis: values.feeMethod === 'by_pages' ? { method: 'by_pages', pages: values.pages } : { method: 'by_count' },
          paymentDueOn: iso(values.paymentDueOn as Dayjs),
        };
      case 'article35Decided':
        return { kind, at, reasonable: values.reasonable === true, delayedDueOn: values.reasonable === true && values.delayedDueOn ? iso(values.delayedDueOn as Dayjs) : null };
      case 'replied':
        return { kind, at, outcome: values.outcome, legalBasis: String(values.legalBasis ?? '').trim() };
      default:
        return { kind, at };
    }
  };

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      onDone(await recordCaseEvent(details.trackingNumber, details.version, toEvent(values)));
    } catch (caught) {
      const conflict = isVersionConflict(caught);
      setError({ message: caught instanceof ApiError ? caught.message : '保存失败，请稍后重试。', conflict });
    } finally {
      setSaving(false);
    }
  };

  const chooseGround = (code: string) => {
    const chosen = groundsFor(outcome ?? '').find((g) => g.code === code);
    form.setFieldValue('legalBasis', chosen?.legalBasis ?? '');
  };
  const chooseOutcome = (code: string) => {
    const first = groundsFor(code)[0];
    form.setFieldValue('ground', first?.code);
    form.setFieldValue('legalBasis', first?.legalBasis ?? '');
  };
  const chosenGround = groundsFor(outcome ?? '').find((g) => g.code === ground);
  const required = (label: string) => [{ required: true, message: `请填写${label}` }];
  const requiredChoice = (label: string) => [{ required: true, message: `请选择${label}` }];

  return (
    <Modal
      open
      title={ACTION_BUTTONS[kind]}
      okText="确认登记"
      cancelText="取消"
      okButtonProps={{ disabled: saving }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      width={620}
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {HINTS[kind]}
        </Typography.Paragraph>
        {error !== null && (
          <Alert
            type="error"
            showIcon
            title={error.message}
            data-testid="action-error"
            action={
              error.conflict ? (
                <Button size="small" onClick={onReload}>
                  重新载入
                </Button>
              ) : undefined
            }
          />
        )}
        <Form form={form} layout="vertical" initialValues={initialValues} requiredMark>
          <Form.Item label={DATE_LABELS[kind]} name="at" rules={requiredChoice(DATE_LABELS[kind])}>
            <DatePicker format={DATE_FORMAT} allowClear={false} style={{ width: 200 }} />
          </Form.Item>

          {kind === 'correctionRequested' && (
            <>
              <Form.Item label="补正事项" name="items" rules={required('补正事项')} extra="每行一项，须一次性列明全部需要补正的事项。">
                <Input.TextArea rows={4} maxLength={2000} />
              </Form.Item>
              <Form.Item label="补正期限" name="correctionDueOn" rules={requiredChoice('补正期限')} extra="申请人须在此日期前提交补正后的申请。">
                <DatePicker format={DATE_FORMAT} style={{ width: 200 }} />
              </Form.Item>
            </>
          )}

          {kind === 'consultationStarted' && (
            <>
              <Form.Item label="征求意见对象类型" name="party" rules={requiredChoice('征求意见对象类型')}>
                <Radio.Group options={PARTY_OPTIONS.filter((option) => !open.includes(option.value as ConsultationParty))} />
              </Form.Item>
              <Form.Item label="征求意见对象" name="addressees" rules={required('征求意见对象')} extra="第三方或机关的名称，每行一个。">
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          )}

          {kind === 'consultationAnswered' && (
            <>
              <Form.Item label="征求意见对象类型" name="party" rules={requiredChoice('征求意见对象类型')}>
                <Radio.Group options={PARTY_OPTIONS.filter((option) => open.includes(option.value as ConsultationParty))} />
              </Form.Item>
              <Form.Item label="意见" name="answer" rules={requiredChoice('意见')}>
                <Radio.Group
                  options={[
                    { value: 'consented', label: '同意公开' },
                    { value: 'objected', label: '不同意公开' },
                    { value: 'noAnswer', label: '期满未提出意见' },
                  ]}
                />
              </Form.Item>
            </>
          )}

          {kind === 'extensionApproved' && (
            <>
              <Form.Item label="延长的工作日数" name="workingDays" rules={required('延长的工作日数')} extra="最长20个工作日，只能延长一次。">
                <InputNumber min={1} max={20} precision={0} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item label="延长理由" name="reason" rules={required('延长理由')}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          )}

          {kind === 'feeNoticeSent' && (
            <>
              <Form.Item label="计费方式" name="feeMethod" rules={requiredChoice('计费方式')}>
                <Radio.Group
                  options={[
                    { value: 'by_pages', label: '按量计收（按页数）' },
                    { value: 'by_count', label: '按件计收' },
                  ]}
                />
              </Form.Item>
              {feeMethod === 'by_pages' && (
                <Form.Item label="页数" name="pages" rules={required('页数')}>
                  <InputNumber min={1} precision={0} style={{ width: 160 }} />
                </Form.Item>
              )}
              <Form.Item label="缴费期限" name="paymentDueOn" rules={requiredChoice('缴费期限')}>
                <DatePicker format={DATE_FORMAT} style={{ width: 200 }} />
              </Form.Item>
            </>
          )}

          {kind === 'article35Decided' && (
            <>
              <Form.Item label="申请理由是否合理" name="reasonable" rules={requiredChoice('申请理由是否合理')}>
                <Radio.Group
                  options={[
                    { value: true, label: '合理' },
                    { value: false, label: '不合理（不予处理，申请办结）' },
                  ]}
                />
              </Form.Item>
              {reasonable === true && (
                <Form.Item label="延迟答复的合理期限" name="delayedDueOn" extra="能在法定期限内答复的，不填。">
                  <DatePicker format={DATE_FORMAT} style={{ width: 200 }} />
                </Form.Item>
              )}
            </>
          )}

          {kind === 'replied' && (
            <>
              <Form.Item label="办理结果" name="outcome" rules={requiredChoice('办理结果')}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="选择年度报告表三的办理结果"
                  onChange={chooseOutcome}
                  options={OUTCOME_GROUPS.map((group) => ({
                    label: group.label,
                    title: group.label,
                    options: group.outcomes
                      .filter((o) => o.code !== 'unavailable_unclear_after_correction' || correctionReceived)
                      .map((o) => ({ value: o.code, label: o.label })),
                  }))}
                />
              </Form.Item>
              {outcome !== undefined && (
                <Form.Item label="答复依据" name="ground" rules={requiredChoice('答复依据')}>
                  <Radio.Group onChange={(event) => chooseGround(String(event.target.value))}>
                    <Space orientation="vertical">
                      {groundsFor(outcome).map((g) => (
                        <Radio key={g.code} value={g.code}>
                          {g.ground}
                        </Radio>
                      ))}
                    </Space>
                  </Radio.Group>
                </Form.Item>
              )}
              <Form.Item label="法律依据" name="legalBasis" rules={required('法律依据')} extra="答复书中引用的条款；选择答复依据后自动填入，可修改。">
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              {chosenGround !== undefined && (chosenGround.reasonRequired || chosenGround.mustState.length > 0) && (
                <Alert
                  type="info"
                  showIcon
                  title="答复书还须写明"
                  description={
                    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                      {chosenGround.reasonRequired && <li>不予公开或处理的理由（下载答复书时填写“理由”）</li>}
                      {chosenGround.mustState.map((item) => (
                        <li key={item}>{item}</li>
                      ))}
                    </ul>
                  }
                />
              )}
            </>
          )}
        </Form>
      </Space>
    </Modal>
  );
}
