// 敏感词和错敏词 (settings.edit): the agency's own words that stop a 主动公开 item for a second
// look (敏感词) and wrong wordings with their correct form (错敏词), beside the built-in list.
import { Alert, App, Button, Card, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { agencyApiPath, api, errorText } from '../api.ts';
import { } from './settings-api.ts';
import type { ScreeningTerm, ScreeningTerms } from './settings-api.ts';

const KIND_LABELS = { sensitive_word: '敏感词', wrong_term: '错敏词' } as const;

interface AddValues {
  kind: 'sensitive_word' | 'wrong_term';
  term: string;
  correction?: string;
  note?: string;
}

export function ScreeningTermsTab({ agency, canEdit }: { agency: string; canEdit: boolean }) {
  const { message, modal } = App.useApp();
  const [terms, setTerms] = useState<ScreeningTerms | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<AddValues>();
  const kind = Form.useWatch('kind', form) ?? 'sensitive_word';

  const load = useCallback(() => {
    api<ScreeningTerms>(agencyApiPath(agency, 'screening-terms'))
      .then(setTerms)
      .catch((e: unknown) => setError(errorText(e)));
  }, [agency]);
  useEffect(load, [load]);

  async function add(values: AddValues): Promise<void> {
    setBusy(true);
    try {
      const body = {
        kind: values.kind,
        term: values.term.trim(),
        correction: values.kind === 'wrong_term' ? (values.correction ?? '').trim() : null,
        note: (values.note ?? '').trim() === '' ? null : (values.note ?? '').trim(),
      };
      await api(agencyApiPath(agency, 'screening-terms'), { method: 'POST', body });
      message.success(`已添加${KIND_LABELS[values.kind]}“${body.term}”`);
      form.resetFields(['term', 'correction', 'note']);
      load();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  function remove(term: ScreeningTerm): void {
    modal.confirm({
      title: `删除${KIND_LABELS[term.kind]}“${term.term}”？`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api(agencyApiPath(agency, `screening-terms/${term.id}`), { method: 'DELETE' });
          message.success('已删除');
          load();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  }

  if (error !== null) return <Alert type="error" showIcon title={error} />;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        提交审核和发布前，系统检查信息中的敏感词（提示审核人员重点核对）和错敏词（如领导人姓名、机构名称的错误写法，提示改为正确写法）。
      </Typography.Paragraph>
      {canEdit ? (
        <Card size="small" title="添加词条">
          <Form form={form} layout="inline" initialValues={{ kind: 'sensitive_word' }} onFinish={(values) => void add(values)}>
            <Form.Item name="kind">
              <Radio.Group optionType="button" options={[{ value: 'sensitive_word', label: '敏感词' }, { value: 'wrong_term', label: '错敏词' }]} />
            </Form.Item>
            <Form.Item name="term" rules={[{ required: true, whitespace: true, message: '请填写词语' }]}>
              <Input placeholder={kind === 'wrong_term' ? '错误写法' : '词语'} aria-label="词语" />
            </Form.Item>
            {kind === 'wrong_term' && (
              <Form.Item name="correction" rules={[{ required: true, whitespace: true, message: '请填写正确写法' }]}>
                <Input placeholder="正确写法" aria-label="正确写法" />
              </Form.Item>
            )}
            <Form.Item name="note">
              <Input placeholder="备注（可留空）" aria-label="备注" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              添加
            </Button>
          </Form>
        </Card>
      ) : (
        <Alert type="info" showIcon title="您可以查看；只有系统管理员或分管领导可以修改词库。" />
      )}
      <Card size="small" title="本机关的词条">
        <Table
          rowKey="id"
          size="small"
          loading={terms === null}
          dataSource={terms?.terms ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '尚未添加' }}
          data-testid="screening-terms"
          columns={[
            { title: '类型', dataIndex: 'kind', width: 90, render: (k: ScreeningTerm['kind']) => <Tag color={k === 'wrong_term' ? 'orange' : 'red'}>{KIND_LABELS[k]}</Tag> },
            { title: '词语', dataIndex: 'term' },
            { title: '正确写法', dataIndex: 'correction', render: (c: string | null) => c ?? '—' },
            { title: '备注', dataIndex: 'note' },
            ...(canEdit
              ? [{ title: '操作', key: 'actions', width: 90, render: (_: unknown, row: ScreeningTerm) => <Button type="link" danger onClick={() => remove(row)}>删除</Button> }]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={`平台内置的错敏词（${terms?.builtInTerms.length ?? 0}条，不能修改）`}>
        <Space size={[8, 8]} wrap>
          {(terms?.builtInTerms ?? []).map((t) => (
            <Tag key={`${t.kind}-${t.term}`}>
              {t.term}
              {t.correction !== null && ` → ${t.correction}`}
            </Tag>
          ))}
        </Space>
      </Card>
    </Space>
  );
}
