// 机关信息和公开指南 (settings.edit): the agency's 统一社会信用代码 and 索引号 rule, and the 政府信息
// 公开指南 (条例第十二条). Saving the guide keeps every earlier version; the versions are listed.
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { agencyApiPath, api, errorText } from '../api.ts';
import { getSettings, GUIDE_FIELDS, LEVEL_LABELS, putSettings } from './settings-api.ts';
import { chinaMinute } from './settings-logic.ts';
import type { Catalogue, DisclosureSettings, Guide, GuideFields, GuideVersion } from './settings-api.ts';


const INDEX_PLACEHOLDERS = [
  ['{creditCode}', '统一社会信用代码'],
  ['{agencyCode}', '机关代码'],
  ['{year}', '年份（必须有：序号每年从1开始）'],
  ['{category}', '目录分类代码'],
  ['{seq} 或 {seq:N}', '当年序号，N 为补足的位数，如 {seq:5} 为 00001（必须有，且只能有一个）'],
];

const emptyGuide = (): GuideFields => Object.fromEntries(GUIDE_FIELDS.map((f) => [f.key, ''])) as GuideFields;

export function AgencyGuideTab({ agency, agencyName, canEdit }: { agency: string; agencyName: string; canEdit: boolean }) {
  const { message } = App.useApp();
  const [settings, setSettings] = useState<DisclosureSettings | null>(null);
  const [level, setLevel] = useState<string | null>(null);
  const [guide, setGuide] = useState<Guide | null>(null);
  const [versions, setVersions] = useState<GuideVersion[]>([]);
  const [shown, setShown] = useState<GuideVersion | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [agencyForm] = Form.useForm<{ creditCode: string; indexNumberPattern: string }>();
  const [guideForm] = Form.useForm<GuideFields>();

  const loadGuide = useCallback(async () => {
    const [current, list] = await Promise.all([api<Guide>(agencyApiPath(agency, 'guide')), api<{ versions: GuideVersion[] }>(agencyApiPath(agency, 'guide/versions'))]);
    setGuide(current);
    setVersions([...list.versions].reverse());
    guideForm.setFieldsValue(current.fields ?? emptyGuide());
  }, [agency, guideForm]);

  useEffect(() => {
    Promise.all([getSettings(agency), api<Catalogue>(agencyApiPath(agency, 'catalogue')), loadGuide()])
      .then(([loaded, catalogue]) => {
        setSettings(loaded);
        setLevel(catalogue.level);
        agencyForm.setFieldsValue({ creditCode: loaded.creditCode ?? '', indexNumberPattern: loaded.indexNumberPattern });
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, [agency, agencyForm, loadGuide]);

  async function saveAgency(values: { creditCode: string; indexNumberPattern: string }): Promise<void> {
    setBusy(true);
    try {
      const saved = await putSettings(agency, { creditCode: values.creditCode.trim() === '' ? null : values.creditCode.trim(), indexNumberPattern: values.indexNumberPattern });
      setSettings(saved);
      agencyForm.setFieldsValue({ creditCode: saved.creditCode ?? '', indexNumberPattern: saved.indexNumberPattern });
      message.success('机关信息已保存');
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function saveGuide(fields: GuideFields): Promise<void> {
    setBusy(true);
    try {
      const saved = await api<Guide>(agencyApiPath(agency, 'guide'), { method: 'PUT', body: { fields, expectedVersion: guide?.version ?? 0 } });
      message.success(`已保存为第${saved.version ?? ''}版`);
      await loadGuide();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  if (error !== null) return <Alert type="error" showIcon title={error} />;
  if (settings === null) return <Card loading />;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {!canEdit && <Alert type="info" showIcon title="您可以查看；只有系统管理员或分管领导可以修改。" />}
      <Card size="small" title="机关信息">
        <Descriptions column={3} size="small" style={{ marginBottom: 16 }}>
          <Descriptions.Item label="机关名称">{agencyName}</Descriptions.Item>
          <Descriptions.Item label="机关层级">{level === null ? '—' : (LEVEL_LABELS[level] ?? level)}</Descriptions.Item>
          <Descriptions.Item label="机关代码">{agency}</Descriptions.Item>
        </Descriptions>
        {settings.warnings.map((warning) => (
          <Alert key={warning} type="warning" showIcon title={warning} style={{ marginBottom: 12 }} />
        ))}
        <Form form={agencyForm} layout="vertical" disabled={!canEdit} onFinish={(values) => void saveAgency(values)} style={{ maxWidth: 720 }}>
          <Form.Item name="creditCode" label="统一社会信用代码" extra="18位，按 GB 32100 校验；留空为清除。">
            <Input maxLength={18} style={{ maxWidth: 260 }} />
          </Form.Item>
          <Form.Item name="indexNumberPattern" label="索引号规则" rules={[{ required: true, message: '请填写索引号规则' }]} extra={`默认规则：{creditCode}/{year}-{seq:5}${settings.usesDefault.indexNumberPattern ? '（当前使用默认规则）' : ''}`}>
            <Input style={{ maxWidth: 420 }} />
          </Form.Item>
          <Descriptions column={1} size="small" bordered title={<Typography.Text type="secondary">索引号规则中可用的占位符</Typography.Text>} style={{ marginBottom: 16 }}>
            {INDEX_PLACEHOLDERS.map(([name, meaning]) => (
              <Descriptions.Item key={name} label={<Typography.Text code>{name}</Typography.Text>}>
                {meaning}
              </Descriptions.Item>
            ))}
          </Descriptions>
          {canEdit && (
            <Button type="primary" htmlType="submit" loading={busy}>
              保存机关信息
            </Button>
          )}
        </Form>
      </Card>

      <Card size="small" title={`政府信息公开指南${guide?.version == null ? '（尚未编写）' : `（现行第${guide.version}版）`}`} data-testid="guide-card">
        <Typography.Paragraph type="secondary">
          条例第十二条：指南包括政府信息的分类、编排体系、获取方式和政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式等。每次保存生成一个新版本，旧版本保留。
        </Typography.Paragraph>
        <Form form={guideForm} layout="vertical" disabled={!canEdit} onFinish={(values) => void saveGuide(values)} style={{ maxWidth: 860 }}>
          {GUIDE_FIELDS.map((field) => (
            <Form.Item key={field.key} name={field.key} label={field.required ? field.label : `${field.label}（没有的可以留空）`} rules={field.required ? [{ required: true, whitespace: true, message: `请填写${field.label}` }] : []}>
              {field.long ? <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} /> : <Input />}
            </Form.Item>
          ))}
          {canEdit && (
            <Button type="primary" htmlType="submit" loading={busy}>
              保存为新版本
            </Button>
          )}
        </Form>
      </Card>

      <Card size="small" title="指南的历次版本">
        <Table
          rowKey="version"
          size="small"
          pagination={false}
          dataSource={versions}
          data-testid="guide-versions"
          locale={{ emptyText: '尚无版本' }}
          columns={[
            { title: '版本', dataIndex: 'version', width: 90, render: (v: number) => `第${v}版` },
            { title: '保存人', dataIndex: 'createdBy', width: 160 },
            { title: '保存时间', dataIndex: 'createdAt', width: 180, render: (at: string) => chinaMinute(at) },
            { title: '', key: 'view', render: (_, row) => <Button type="link" onClick={() => setShown(shown?.version === row.version ? null : row)}>{shown?.version === row.version ? '收起' : '查看'}</Button> },
          ]}
        />
        {shown !== null && (
          <Descriptions column={1} bordered size="small" title={`第${shown.version}版`} style={{ marginTop: 16 }}>
            {GUIDE_FIELDS.map((field) => (
              <Descriptions.Item key={field.key} label={field.label}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{shown.fields[field.key] || '—'}</span>
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Card>
    </Space>
  );
}
