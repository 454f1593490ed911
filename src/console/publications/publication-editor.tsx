// The author's page for a new item, a draft or one returned for changes: the fields, the
// attachments, the automatic check with each finding in context, the 保密审查 questions and
// 提交审核. Every save is checked against the version seen (someone else's change is a 409).
import { ArrowLeftOutlined, DeleteOutlined, DownloadOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Popconfirm, Select, Space, Table, Tag, TreeSelect, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { navigate } from '../router.ts';
import type { SectionProps } from '../section-props.ts';
import type { CatalogueNode, FieldsInput, PublicationDetails } from './publication-api.ts';
import { attachmentUrl, createPublication, errorText, getPublication, removeAttachment, savePublication, submitPublication, uploadAttachment } from './publication-api.ts';
import { bodyToText, textToBody } from './body-text.ts';
import { ATTACHMENT_RULES, CHANNEL_OPTIONS, fileSize, KIND_OPTIONS, PUBLICATION_STATE_COLORS } from './publication-labels.ts';
import type { HitDecision } from './publication-parts.tsx';
import { acceptancesOf, allConfirmed, ChainView, ChecklistAnswers, checklistPayload, DeadlineText, HistoryCard, HitList, unresolvedGroups } from './publication-parts.tsx';

interface FormValues {
  title: string;
  categoryCode: string;
  documentNumber: string;
  writtenOn: Dayjs;
  kind: string;
  issuer: string;
  summary: string;
  bodyHtml: string;
  channels: string[];
}

interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}

/** The active catalogue as a tree for the select. */
export function catalogueTree(nodes: readonly CatalogueNode[]): TreeNode[] {
  const active = nodes.filter((node) => node.active).sort((a, b) => a.position - b.position);
  const build = (parent: string | null): TreeNode[] =>
    active.filter((node) => node.parentCode === parent).map((node) => ({ value: node.code, title: node.name, children: build(node.code) }));
  return build(null);
}

function toValues(details: PublicationDetails): FormValues {
  const { fields } = details;
  return {
    title: fields.title,
    categoryCode: fields.categoryCode,
    documentNumber: fields.documentNumber ?? '',
    writtenOn: dayjs(fields.writtenOn),
    kind: fields.kind,
    issuer: fields.issuer,
    summary: fields.summary,
    bodyHtml: bodyToText(fields.bodyHtml),
    channels: fields.channels,
  };
}

function toFields(values: FormValues, previous: PublicationDetails | null): FieldsInput {
  return {
    title: values.title.trim(),
    categoryCode: values.categoryCode,
    documentNumber: values.documentNumber.trim() === '' ? null : values.documentNumber.trim(),
    writtenOn: values.writtenOn.format('YYYY-MM-DD'),
    kind: values.kind,
    issuer: values.issuer.trim(),
    summary: values.summary.trim(),
    bodyHtml: textToBody(values.bodyHtml),
    channels: values.channels,
    ...(previous === null ? {} : { validity: previous.fields.validity }),
  };
}

interface Props extends SectionProps {
  /** Null: a new item. */
  initial: PublicationDetails | null;
  catalogue: readonly CatalogueNode[];
  /** After 提交审核: the page shows the details instead. */
  onSubmitted?: (next: PublicationDetails) => void;
}

export function PublicationEditor({ agency, me, actions, initial, catalogue, onSubmitted }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [details, setDetails] = useState<PublicationDetails | null>(initial);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [decisions, setDecisions] = useState<Record<string, HitDecision>>({});
  const [answers, setAnswers] = useState<Record<string, boolean>>({});
  const [confirmed, setConfirmed] = useState(false);
  const tree = useMemo(() => catalogueTree(catalogue), [catalogue]);

  useEffect(() => {
    if (initial !== null) form.setFieldsValue(toValues(initial));
  }, [form, initial]);

  const initialValues: Partial<FormValues> =
    initial === null ? { writtenOn: dayjs(), kind: 'other', issuer: me.agencyNames[agency] ?? '', channels: ['website'], documentNumber: '', summary: '', bodyHtml: '' } : toValues(initial);

  /** Runs one change; a refusal is shown as the server words it. */
  async function run(what: string, change: () => Promise<PublicationDetails | void>, done?: string): Promise<boolean> {
    setBusy(what);
    setError(null);
    try {
      const next = await change();
      if (next !== undefined) setDetails(next);
      if (done !== undefined) void message.success(done);
      return true;
    } catch (caught) {
      setError(errorText(caught));
      return false;
    } finally {
      setBusy(null);
    }
  }

  async function save(done = '已保存'): Promise<boolean> {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      setError('请先把标有红色提示的内容填写完整。');
      return false;
    }
    if (details === null) {
      return run(
        'save',
        async () => {
          const created = await createPublication(agency, toFields(values, null));
          setDirty(false);
          navigate(`/publications/${created.id}`);
          return created;
        },
        '草稿已保存',
      );
    }
    return run(
      'save',
      async () => {
        const saved = await savePublication(details.id, details.version, toFields(values, details));
        setDirty(false);
        return saved;
      },
      done,
    );
  }

  async function rescan(): Promise<void> {
    if (details === null) return;
    if (dirty) {
      await save('已保存并重新检查');
      return;
    }
    await run('scan', () => getPublication(details.id), '已重新检查');
  }

  const canEdit = actions.includes('publication.edit');
  const screening = details?.screening;
  const left = screening === undefined ? [] : unresolvedGroups(screening.hits, decisions);
  const questions = screening?.checklist ?? [];
  const readyToSubmit = details !== null && !dirty && left.length === 0 && allConfirmed(questions, answers) && confirmed;
  const lastReturn = details?.state === 'returned' ? [...details.reviews].reverse().find((review) => review.decision === 'returned') : undefined;

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/publications')}>
      返回列表
    </Button>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        {back}
        <Typography.Title level={4} style={{ margin: 0 }}>
          {details === null ? '新建主动公开信息' : `编辑：${details.fields.title}`}
        </Typography.Title>
        {details !== null && <Tag color={PUBLICATION_STATE_COLORS[details.state]}>{details.stateLabel}</Tag>}
      </Space>
      {lastReturn !== undefined && (
        <Alert type="warning" showIcon title={`${lastReturn.label}（${lastReturn.actor}）于 ${lastReturn.at} 退回修改`} description={`审核意见：${lastReturn.opinion}`} data-testid="return-opinion" />
      )}
      {error !== null && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} data-testid="editor-error" />}

      <Card title="一、信息内容">
        <Form
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onValuesChange={() => setDirty(true)}
          disabled={!canEdit}
          style={{ maxWidth: 900 }}
        >
          <Form.Item label="标题" name="title" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
            <Input maxLength={200} showCount placeholder="如：示范市关于加强城市绿化管理的通知" />
          </Form.Item>
          <Space wrap size={16} align="start" style={{ width: '100%' }}>
            <Form.Item label="目录分类" name="categoryCode" rules={[{ required: true, message: '请选择目录分类' }]} style={{ minWidth: 360 }}>
              <TreeSelect
                treeData={tree}
                showSearch={{ treeNodeFilterProp: 'title' }}
                placeholder="请从本机关的政府信息公开目录中选择"
                treeDefaultExpandAll
                style={{ width: 360 }}
                popupMatchSelectWidth={480}
              />
            </Form.Item>
            <Form.Item label="文件类型" name="kind" rules={[{ required: true, message: '请选择文件类型' }]}>
              <Select options={KIND_OPTIONS} style={{ width: 180 }} />
            </Form.Item>
          </Space>
          <Space wrap size={16} align="start">
            <Form.Item label="文号" name="documentNumber" extra="没有文号的可以不填">
              <Input maxLength={100} placeholder="如：示政办发〔2025〕3号" style={{ width: 260 }} />
            </Form.Item>
            <Form.Item label="成文日期" name="writtenOn" rules={[{ required: true, message: '请选择成文日期' }]} extra="自成文日期起20个工作日内须公开（条例第二十六条）">
              <DatePicker style={{ width: 180 }} />
            </Form.Item>
            <Form.Item label="发布机构" name="issuer" rules={[{ required: true, whitespace: true, message: '请填写发布机构' }]}>
              <Input maxLength={100} style={{ width: 260 }} />
            </Form.Item>
          </Space>
          <Form.Item label="内容概述" name="summary" extra="用于公开目录，可以不填">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
          </Form.Item>
          <Form.Item label="正文" name="bodyHtml" rules={[{ required: true, whitespace: true, message: '请填写正文' }]} extra="直接输入或粘贴文字，每段一行；也可以粘贴网页格式（HTML），保存时会去掉不安全的代码。">
            <Input.TextArea autoSize={{ minRows: 8, maxRows: 24 }} />
          </Form.Item>
          <Form.Item label="发布渠道" name="channels" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个发布渠道' }]}>
            <Checkbox.Group options={CHANNEL_OPTIONS} />
          </Form.Item>
          <Space>
            <Button type="primary" loading={busy === 'save'} onClick={() => void save()} disabled={!canEdit}>
              {details === null ? '保存草稿' : '保存'}
            </Button>
            {details !== null && dirty && <Typography.Text type="warning">有尚未保存的修改</Typography.Text>}
          </Space>
        </Form>
      </Card>

      {details === null ? (
        <Alert type="info" showIcon title="保存草稿后，可以上传附件、进行发布前检查并提交审核。" />
      ) : (
        <>
          <Card title="二、附件">
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">{ATTACHMENT_RULES}</Typography.Text>
              <Upload
                showUploadList={false}
                disabled={!canEdit || busy !== null}
                beforeUpload={(file) => {
                  void run('upload', () => uploadAttachment(details.id, details.version, file), `已上传“${file.name}”`);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={busy === 'upload'} disabled={!canEdit}>
                  上传附件
                </Button>
              </Upload>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={details.attachments}
                locale={{ emptyText: '还没有附件' }}
                data-testid="attachments"
                columns={[
                  { title: '文件名', dataIndex: 'fileName' },
                  { title: '大小', dataIndex: 'size', width: 120, render: (size: number) => fileSize(size) },
                  { title: '上传人', dataIndex: 'createdBy', width: 140 },
                  {
                    title: '操作',
                    width: 200,
                    render: (_, attachment) => (
                      <Space>
                        <Button size="small" icon={<DownloadOutlined />} href={attachmentUrl(details.id, attachment.id)}>
                          下载
                        </Button>
                        <Popconfirm title={`删除附件“${attachment.fileName}”？`} okText="删除" cancelText="取消" onConfirm={() => run('remove', () => removeAttachment(details.id, attachment.id, details.version), '附件已删除')}>
                          <Button size="small" danger icon={<DeleteOutlined />} disabled={!canEdit}>
                            删除
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]}
              />
            </Space>
          </Card>

          <Card
            title="三、发布前检查"
            extra={
              <Button icon={<ReloadOutlined />} loading={busy === 'scan' || (busy === 'save' && dirty)} onClick={() => void rescan()}>
                {dirty ? '保存并重新检查' : '重新检查'}
              </Button>
            }
          >
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">
                系统自动检查标题、内容概述、正文和附件中的身份证号码、手机号码、银行卡号、电子邮箱、密级标志、敏感词和错敏词。每一处都要处理：修改后重新检查，或者选择“不需修改”并写明理由。
              </Typography.Text>
              <HitList hits={details.screening.hits} decisions={decisions} onDecide={(key, decision) => setDecisions((all) => ({ ...all, [key]: decision }))} />
            </Space>
          </Card>

          <Card title="四、保密审查并提交审核">
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">请逐项回答以下保密审查问题（条例第十七条）。</Typography.Text>
              <ChecklistAnswers questions={questions} answers={answers} onAnswer={(id, value) => setAnswers((all) => ({ ...all, [id]: value }))} />
              <Checkbox checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)}>
                我已逐项审查，确认以上回答属实，同意提交审核
              </Checkbox>
              {dirty && <Alert type="warning" showIcon title="有尚未保存的修改，请先保存并重新检查。" />}
              {left.length > 0 && <Alert type="warning" showIcon title={`还有 ${left.length} 处检查结果未处理：请修改后重新检查，或选择“不需修改”并写明理由。`} />}
              <Alert type="info" showIcon title={<DeadlineText details={details} />} />
              <Space>
                <Button
                  type="primary"
                  disabled={!readyToSubmit || !actions.includes('publication.submit')}
                  loading={busy === 'submit'}
                  onClick={() =>
                    void run(
                      'submit',
                      async () => {
                        const next = await submitPublication(details.id, details.version, checklistPayload(questions, answers), acceptancesOf(details.screening.hits, decisions));
                        onSubmitted?.(next);
                        return next;
                      },
                      '已提交审核',
                    )
                  }
                >
                  提交审核
                </Button>
                {!readyToSubmit && !dirty && left.length === 0 && <Typography.Text type="secondary">请回答全部保密审查问题并勾选确认后提交</Typography.Text>}
              </Space>
            </Space>
          </Card>
          <ChainView details={details} />
          <HistoryCard details={details} />
        </>
      )}
    </Space>
  );
}
