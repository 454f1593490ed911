// 告知书模板 (notice.editTemplate): pick a notice, edit its title, 文号, addressee and paragraphs
// (one paragraph a line), with {{占位符}} filled from the case. The server checks the template
// before saving; its findings (422) are shown in full, in Chinese.
import { Alert, App, Button, Card, Collapse, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { agencyApiPath, api, ApiError, errorText } from '../api.ts';
import { NOTICE_PLACEHOLDERS, NOTICE_TEMPLATE_KINDS } from './settings-api.ts';
import { chinaMinute } from './settings-logic.ts';
import type { NoticeTemplate, StoredNoticeTemplate } from './settings-api.ts';


interface Values {
  title: string;
  documentNumber: string;
  addressee: string;
  paragraphs: string;
}

const toValues = (template: NoticeTemplate): Values => ({
  title: template.title,
  documentNumber: template.documentNumber ?? '',
  addressee: template.addressee,
  paragraphs: template.paragraphs.join('\n'),
});

export function NoticeTemplatesTab({ agency, canEdit }: { agency: string; canEdit: boolean }) {
  const { message } = App.useApp();
  const [kind, setKind] = useState(NOTICE_TEMPLATE_KINDS[0]!.kind);
  const [stored, setStored] = useState<StoredNoticeTemplate | null>(null);
  const [findings, setFindings] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const path = agencyApiPath(agency, `notice-templates/${encodeURIComponent(kind)}`);

  useEffect(() => {
    setStored(null);
    setFindings(null);
    api<StoredNoticeTemplate>(path)
      .then((result) => {
        setStored(result);
        form.setFieldsValue(toValues(result.template));
      })
      .catch((e: unknown) => message.error(errorText(e)));
  }, [path, form, message]);

  async function save(values: Values): Promise<void> {
    setBusy(true);
    setFindings(null);
    try {
      const body: NoticeTemplate = {
        title: values.title.trim(),
        documentNumber: values.documentNumber.trim() === '' ? null : values.documentNumber.trim(),
        addressee: values.addressee.trim(),
        paragraphs: values.paragraphs
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== ''),
      };
      const result = await api<StoredNoticeTemplate>(path, { method: 'PUT', body });
      setStored(result);
      form.setFieldsValue(toValues(result.template));
      message.success('模板已保存');
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) setFindings(e.message);
      else message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>文书类型</Typography.Text>
        <Select aria-label="文书类型" value={kind} onChange={setKind} options={NOTICE_TEMPLATE_KINDS.map((k) => ({ value: k.kind, label: k.label }))} style={{ width: 360 }} showSearch={{ optionFilterProp: 'label' }} />
        {stored !== null &&
          (stored.isDefault ? <Tag>系统默认模板</Tag> : <Tag color="blue">本机关已修改（{stored.updatedBy ?? '—'}，{chinaMinute(stored.updatedAt)}）</Tag>)}
      </Space>
      {!canEdit && <Alert type="info" showIcon title="您可以查看模板；只有科长或系统管理员可以修改。" />}
      {findings !== null && (
        <Alert type="error" showIcon title="模板有问题，未保存" description={<div style={{ whiteSpace: 'pre-line' }}>{findings}</div>} data-testid="template-findings" />
      )}
      <Card size="small" loading={stored === null}>
        <Form form={form} layout="vertical" disabled={!canEdit} onFinish={(values) => void save(values)} style={{ maxWidth: 860 }}>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="documentNumber" label="文号（可留空）" extra="如：申请编号：{{trackingNumber}}；留空则不印文号。">
            <Input />
          </Form.Item>
          <Form.Item name="addressee" label="抬头（主送）" rules={[{ required: true, message: '请填写抬头' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="paragraphs" label="正文（每行为一段）" rules={[{ required: true, message: '请填写正文' }]}>
            <Input.TextArea autoSize={{ minRows: 8, maxRows: 24 }} />
          </Form.Item>
          {canEdit && (
            <Button type="primary" htmlType="submit" loading={busy}>
              保存模板
            </Button>
          )}
        </Form>
      </Card>
      <Collapse
        items={[
          {
            key: 'placeholders',
            label: '可用的占位符（写作 {{名称}}，生成文书时由案件信息填入）',
            children: (
              <Space size={[8, 8]} wrap>
                {NOTICE_PLACEHOLDERS.map((p) => (
                  <Tag key={p.name}>
                    {`{{${p.name}}}`} {p.label}
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
