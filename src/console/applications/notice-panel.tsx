// 文书: the notices this case's record can fill, each downloaded as DOCX. What the case does not
// hold (联系人, 救济途径, 理由…) the server names in a 422; a small form asks for exactly those
// values and the download is tried again. Values typed once are reused for the next notice.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Radio, Space, Typography, message } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api.ts';
import type { CaseDetails } from './application-api.ts';
import { downloadNotice, missingPlaceholders } from './application-api.ts';
import type { NoticeOption } from './reply-grounds.ts';
import { availableNotices } from './reply-grounds.ts';

/** The query fields (notice.routes.ts NoticeQuery) that supply each placeholder the server may miss. */
const FIELDS_FOR_PLACEHOLDER: Record<string, readonly string[]> = {
  contact: ['contact'],
  reason: ['reason'],
  accessMethod: ['accessMethod'],
  competentAgency: ['competentAgency'],
  paymentMethod: ['paymentMethod'],
  remedies: ['reviewBody', 'court'],
  feeLines: ['feeMethod', 'pages', 'count', 'previousCountThisMonth'],
};

const FIELD_LABELS: Record<string, string> = {
  contact: '联系人及联系电话',
  reason: '理由',
  accessMethod: '获取信息的方式、途径',
  competentAgency: '负责公开该信息的行政机关及联系方式',
  paymentMethod: '缴费方式',
  reviewBody: '行政复议机关',
  court: '人民法院',
};

const TEXT_HINTS: Record<string, string> = {
  contact: '如：张三，0371-12345678',
  reviewBody: '如：示范市人民政府',
  court: '如：示范市示范区人民法院',
};

/** The fee basis recorded with the fee notice, so the 收费明细 can be filled without asking. */
function feeDefaults(details: CaseDetails): Record<string, string> {
  const fee = details.history.filter((entry) => entry.kind === 'feeNoticeSent').at(-1)?.event?.basis as { method?: string; pages?: number } | undefined;
  if (fee?.method === 'by_pages' && fee.pages !== undefined) return { feeMethod: 'by_pages', pages: String(fee.pages) };
  return {};
}

export function NoticePanel({ details, canDownload }: { details: CaseDetails; canDownload: boolean }) {
  const notices = availableNotices(details.history);
  const [values, setValues] = useState<Record<string, string>>(() => feeDefaults(details));
  const [busy, setBusy] = useState<string | null>(null);
  const [asking, setAsking] = useState<{ notice: NoticeOption; fields: string[]; message: string } | null>(null);
  const [form] = Form.useForm<Record<string, string | number | undefined>>();
  const feeMethod = Form.useWatch('feeMethod', form) as string | undefined;

  const attempt = async (notice: NoticeOption, withValues: Record<string, string>) => {
    setBusy(notice.kind);
    try {
      await downloadNotice(details.trackingNumber, notice.kind, { ...feeDefaults(details), ...withValues });
      setAsking(null);
      message.success(`已生成${notice.label}`);
    } catch (caught) {
      const text = caught instanceof ApiError ? caught.message : '生成文书失败，请稍后重试。';
      const fields = caught instanceof ApiError && caught.status === 422 ? missingPlaceholders(text).flatMap((name) => FIELDS_FOR_PLACEHOLDER[name] ?? []) : [];
      if (fields.length > 0) {
        form.setFieldsValue(Object.fromEntries(fields.map((field) => [field, withValues[field]])));
        setAsking({ notice, fields, message: text });
      } else if (asking !== null) {
        setAsking({ ...asking, message: text });
      } else {
        message.error(text);
      }
    } finally {
      setBusy(null);
    }
  };

  const retry = async () => {
    if (asking === null) return;
    const typed = await form.validateFields();
    const next = { ...values };
    for (const [key, value] of Object.entries(typed)) if (value !== undefined && value !== null && String(value).trim() !== '') next[key] = String(value);
    setValues(next);
    await attempt(asking.notice, next);
  };

  const textField = (name: string) => (
    <Form.Item key={name} label={FIELD_LABELS[name]} name={name} rules={[{ required: true, whitespace: true, message: `请填写${FIELD_LABELS[name]}` }]}>
      {name === 'reason' ? <Input.TextArea rows={3} maxLength={2000} /> : <Input maxLength={2000} placeholder={TEXT_HINTS[name]} />}
    </Form.Item>
  );
  const feeFields = (fields: string[]) =>
    fields.includes('feeMethod') && (
      <div key="fee">
        <Form.Item label="计费方式" name="feeMethod" rules={[{ required: true, message: '请选择计费方式' }]}>
          <Radio.Group
            options={[
              { value: 'by_pages', label: '按量计收' },
              { value: 'by_count', label: '按件计收' },
            ]}
          />
        </Form.Item>
        {feeMethod === 'by_pages' && (
          <Form.Item label="页数" name="pages" rules={[{ required: true, message: '请填写页数' }]}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
        )}
        {feeMethod === 'by_count' && (
          <>
            <Form.Item label="本次申请件数" name="count" rules={[{ required: true, message: '请填写本次申请件数' }]}>
              <InputNumber min={1} precision={0} />
            </Form.Item>
            <Form.Item label="本月此前已申请件数" name="previousCountThisMonth">
              <InputNumber min={0} precision={0} />
            </Form.Item>
          </>
        )}
      </div>
    );

  return (
    <Card title="文书">
      {notices.length === 0 ? (
        <Typography.Text type="secondary">暂无可生成的文书：告知补正、征求意见、延长答复期限、发出收费通知或答复后，可在此下载相应文书。</Typography.Text>
      ) : !canDownload ? (
        <Typography.Text type="secondary">当前用户没有下载文书的权限。</Typography.Text>
      ) : (
        <Space wrap data-testid="notices">
          {notices.map((notice) => (
            <Button key={notice.kind} icon={<DownloadOutlined />} loading={busy === notice.kind} onClick={() => void attempt(notice, values)}>
              {`下载${notice.label}`}
            </Button>
          ))}
        </Space>
      )}
      <Modal
        open={asking !== null}
        title={asking === null ? '' : `生成${asking.notice.label}`}
        okText="生成并下载"
        cancelText="取消"
        okButtonProps={{ disabled: busy !== null }}
        onOk={() => void retry().catch(() => undefined)}
        onCancel={() => setAsking(null)}
        destroyOnHidden
      >
        {asking !== null && (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Alert type="warning" showIcon title="还需要以下内容才能生成文书" description={<span style={{ whiteSpace: 'pre-wrap' }}>{asking.message}</span>} />
            <Form form={form} layout="vertical">
              {asking.fields.filter((field) => field in FIELD_LABELS).map(textField)}
              {feeFields(asking.fields)}
            </Form>
          </Space>
        )}
      </Modal>
    </Card>
  );
}
