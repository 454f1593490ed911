// One item as it stands: its content, the automatic check with what was decided, the review
// chain; for the reviewer whose step it is, 同意 or 退回修改 with an opinion; for a published
// item, its 索引号 and (for those allowed) 更正, 变更有效性 and 撤回.
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { navigate } from '../router.ts';
import type { SectionProps } from '../section-props.ts';
import type { CatalogueNode, PublicationDetails } from './publication-api.ts';
import { approvePublication, attachmentUrl, changeValidity, correctPublication, errorText, returnPublication, withdrawPublication } from './publication-api.ts';
import { bodyToText, textToBody } from './body-text.ts';
import { fileSize, PUBLICATION_STATE_COLORS, VALIDITY_OPTIONS } from './publication-labels.ts';
import type { HitDecision } from './publication-parts.tsx';
import { acceptancesOf, allConfirmed, ChainView, ChecklistAnswers, checklistPayload, DeadlineText, HistoryCard, HitList, unresolvedGroups } from './publication-parts.tsx';

interface Props extends SectionProps {
  details: PublicationDetails;
  catalogue: readonly CatalogueNode[];
  onChanged: (next: PublicationDetails) => void;
}

/** Whether the signed-in user decides the current step (their role, not their own draft). */
export function isMyStep(details: PublicationDetails, login: string, roles: readonly string[]): boolean {
  if (details.state !== 'in_review' || details.currentStep === null || details.author === login) return false;
  const step = details.chain[details.currentStep];
  return step !== undefined && roles.includes(step.role);
}

type Acting = 'withdraw' | 'correct' | 'validity' | null;

export function PublicationView({ details, catalogue, onChanged, me, roles, actions }: Props) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [decisions, setDecisions] = useState<Record<string, HitDecision>>({});
  const [answers, setAnswers] = useState<Record<string, boolean>>({});
  const [opinion, setOpinion] = useState('');
  const [acting, setActing] = useState<Acting>(null);
  const [actForm] = Form.useForm<{ reason: string; status?: string; endedOn?: Dayjs; title?: string; bodyHtml?: string }>();

  const { fields, screening } = details;
  const category = catalogue.find((node) => node.code === fields.categoryCode)?.name ?? fields.categoryCode;
  const myStep = isMyStep(details, me.login, roles) && actions.includes('publication.approve');
  const step = details.currentStep === null ? undefined : details.chain[details.currentStep];
  const isLastStep = details.currentStep !== null && details.currentStep === details.chain.length - 1;
  const left = unresolvedGroups(screening.hits, decisions);
  const canApprove = myStep && left.length === 0 && allConfirmed(screening.checklist, answers);
  // The table and the domain both decide: the chain's last role or the administrator act on published items.
  const lastRole = details.chain[details.chain.length - 1]?.role;
  const publisher = roles.includes('admin') || (lastRole !== undefined && roles.includes(lastRole));
  const published = details.state === 'published';

  async function run(what: string, change: () => Promise<PublicationDetails>, done: string): Promise<boolean> {
    setBusy(what);
    setError(null);
    try {
      onChanged(await change());
      void message.success(done);
      return true;
    } catch (caught) {
      setError(errorText(caught));
      return false;
    } finally {
      setBusy(null);
    }
  }

  async function submitAct(): Promise<void> {
    const values = await actForm.validateFields();
    const reason = values.reason.trim();
    let ok = false;
    if (acting === 'withdraw') ok = await run('act', () => withdrawPublication(details.id, details.version, reason), '已撤回');
    if (acting === 'correct') {
      ok = await run('act', () => correctPublication(details.id, details.version, { title: values.title ?? fields.title, bodyHtml: values.bodyHtml === undefined ? fields.bodyHtml : textToBody(values.bodyHtml) }, reason), '已更正');
    }
    if (acting === 'validity') {
      const status = values.status ?? 'effective';
      const endedOn = status === 'effective' || values.endedOn === undefined ? null : values.endedOn.format('YYYY-MM-DD');
      ok = await run('act', () => changeValidity(details.id, details.version, { status, effectiveFrom: fields.validity.effectiveFrom, endedOn }, reason), '有效性已变更');
    }
    if (ok) setActing(null);
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/publications')}>
          返回列表
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {fields.title}
        </Typography.Title>
        <Tag color={PUBLICATION_STATE_COLORS[details.state]} data-testid="publication-state">
          {details.stateLabel}
        </Tag>
        {step !== undefined && details.state === 'in_review' && <Tag color="blue">等待{step.label}审核</Tag>}
      </Space>
      {error !== null && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} data-testid="view-error" />}
      {details.withdrawal !== null && (
        <Alert type="error" showIcon title={`已于${details.withdrawal.on}撤回（${details.withdrawal.actor}）`} description={`撤回理由：${details.withdrawal.reason}`} />
      )}

      <Card
        title="基本信息"
        extra={
          published &&
          publisher && (
            <Space>
              {actions.includes('publication.correct') && (
                <Button
                  onClick={() => {
                    actForm.setFieldsValue({ reason: '', title: fields.title, bodyHtml: bodyToText(fields.bodyHtml) });
                    setActing('correct');
                  }}
                >
                  更正
                </Button>
              )}
              {actions.includes('publication.changeValidity') && (
                <Button
                  onClick={() => {
                    actForm.setFieldsValue({ reason: '', status: fields.validity.status, endedOn: fields.validity.endedOn === null ? undefined : dayjs(fields.validity.endedOn) });
                    setActing('validity');
                  }}
                >
                  变更有效性
                </Button>
              )}
              {actions.includes('publication.withdraw') && (
                <Button
                  danger
                  onClick={() => {
                    actForm.setFieldsValue({ reason: '' });
                    setActing('withdraw');
                  }}
                >
                  撤回
                </Button>
              )}
            </Space>
          )
        }
      >
        <Descriptions column={{ xs: 1, sm: 2 }} bordered size="small" data-testid="publication-fields" styles={{ label: { width: 100, whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label="索引号">{details.indexNumber ?? '发布时生成'}</Descriptions.Item>
          <Descriptions.Item label="发布日期">{details.publishedOn ?? '尚未发布'}</Descriptions.Item>
          <Descriptions.Item label="目录分类">{category}</Descriptions.Item>
          <Descriptions.Item label="文件类型">{details.kindLabel}</Descriptions.Item>
          <Descriptions.Item label="文号">{fields.documentNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="成文日期">{fields.writtenOn}</Descriptions.Item>
          <Descriptions.Item label="发布机构">{fields.issuer}</Descriptions.Item>
          <Descriptions.Item label="有效性">
            {details.validityLabel}
            {fields.validity.endedOn !== null && `（${fields.validity.endedOn}起）`}
          </Descriptions.Item>
          <Descriptions.Item label="发布渠道">{details.channelLabels.join('、')}</Descriptions.Item>
          <Descriptions.Item label="起草人">{details.author}</Descriptions.Item>
          <Descriptions.Item label="公开期限" span={2}>
            <DeadlineText details={details} />
          </Descriptions.Item>
          {fields.summary !== '' && (
            <Descriptions.Item label="内容概述" span={2}>
              {fields.summary}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <Card title="正文">
        {/* The server keeps only allow-listed tags (sanitize-body-html.ts). */}
        <div data-testid="publication-body" style={{ fontSize: 15, lineHeight: 1.8, whiteSpace: 'pre-wrap' }} dangerouslySetInnerHTML={{ __html: fields.bodyHtml }} />
        {details.attachments.length > 0 && (
          <div style={{ marginTop: 16 }}>
            <Typography.Text strong>附件：</Typography.Text>
            <ul>
              {details.attachments.map((attachment) => (
                <li key={attachment.id}>
                  <a href={attachmentUrl(details.id, attachment.id)}>
                    <DownloadOutlined /> {attachment.fileName}
                  </a>{' '}
                  <Typography.Text type="secondary">（{fileSize(attachment.size)}）</Typography.Text>
                </li>
              ))}
            </ul>
          </div>
        )}
      </Card>

      <Card title="发布前检查">
        <HitList hits={screening.hits} {...(myStep ? { decisions, onDecide: (key: string, decision: HitDecision) => setDecisions((all) => ({ ...all, [key]: decision })), canFix: false } : {})} />
      </Card>

      {myStep && step !== undefined && details.currentStep !== null && (
        <Card title={`本环节审核（${step.label}）`} data-testid="review-panel" styles={{ header: { background: '#fff7e6' } }}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">请逐项回答保密审查问题，填写审核意见后选择“同意”或“退回修改”。</Typography.Text>
            <ChecklistAnswers questions={screening.checklist} answers={answers} onAnswer={(id, value) => setAnswers((all) => ({ ...all, [id]: value }))} />
            {left.length > 0 && <Alert type="warning" showIcon title={`还有 ${left.length} 处检查结果未处理：需要修改的请退回修改；不需修改的请在上方写明理由。`} />}
            <Typography.Text strong>审核意见</Typography.Text>
            <Input.TextArea aria-label="审核意见" autoSize={{ minRows: 3 }} maxLength={2000} value={opinion} onChange={(event) => setOpinion(event.target.value)} placeholder="同意时可以不填；退回修改时必须写明要改什么" />
            <Space>
              <Popconfirm
                title={isLastStep ? '同意后将立即发布并生成索引号，确定同意？' : '确定同意，送下一环节审核？'}
                okText="确定"
                cancelText="取消"
                disabled={!canApprove}
                onConfirm={() =>
                  run(
                    'approve',
                    () => approvePublication(details.id, details.version, details.currentStep!, opinion.trim(), checklistPayload(screening.checklist, answers), acceptancesOf(screening.hits, decisions)),
                    isLastStep ? '已同意并发布' : '已同意，送下一环节',
                  ).then((ok) => ok && setOpinion(''))
                }
              >
                <Button type="primary" disabled={!canApprove} loading={busy === 'approve'}>
                  同意
                </Button>
              </Popconfirm>
              <Popconfirm
                title="确定退回起草人修改？"
                okText="确定"
                cancelText="取消"
                disabled={opinion.trim() === ''}
                onConfirm={() => run('return', () => returnPublication(details.id, details.version, details.currentStep!, opinion.trim()), '已退回修改').then((ok) => ok && setOpinion(''))}
              >
                <Button danger disabled={opinion.trim() === ''} loading={busy === 'return'}>
                  退回修改
                </Button>
              </Popconfirm>
              {opinion.trim() === '' && <Typography.Text type="secondary">退回修改须先填写审核意见</Typography.Text>}
            </Space>
          </Space>
        </Card>
      )}

      <ChainView details={details} />

      {details.corrections.length > 0 && (
        <Card title="更正记录">
          <ul style={{ margin: 0 }}>
            {details.corrections.map((correction, index) => (
              <li key={index}>
                {correction.at}（{correction.actor}）：{correction.reason}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <HistoryCard details={details} />

      <Modal
        open={acting !== null}
        title={acting === 'withdraw' ? '撤回已发布的信息' : acting === 'correct' ? '更正已发布的信息' : '变更有效性'}
        okText={acting === 'withdraw' ? '确定撤回' : '确定'}
        okButtonProps={{ danger: acting === 'withdraw', loading: busy === 'act' }}
        cancelText="取消"
        onOk={() => void submitAct()}
        onCancel={() => setActing(null)}
        destroyOnHidden
        width={acting === 'correct' ? 800 : 520}
      >
        {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={actForm} layout="vertical" preserve={false}>
          {acting === 'withdraw' && <Alert type="warning" showIcon title="撤回后，该信息将从门户网站和检索中下架，办理记录仍然保留。" style={{ marginBottom: 12 }} />}
          {acting === 'correct' && (
            <>
              <Form.Item label="标题" name="title" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item label="正文" name="bodyHtml" rules={[{ required: true, whitespace: true, message: '请填写正文' }]}>
                <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} />
              </Form.Item>
            </>
          )}
          {acting === 'validity' && (
            <Space wrap size={16}>
              <Form.Item label="有效性" name="status" rules={[{ required: true, message: '请选择有效性' }]}>
                <Select options={VALIDITY_OPTIONS} style={{ width: 160 }} />
              </Form.Item>
              <Form.Item label="失效或废止日期" name="endedOn" extra="选择“失效”或“废止”时填写">
                <DatePicker />
              </Form.Item>
            </Space>
          )}
          <Form.Item
            label={acting === 'withdraw' ? '撤回理由' : acting === 'correct' ? '更正理由（将在信息上公示）' : '变更理由'}
            name="reason"
            rules={[{ required: true, whitespace: true, message: '请写明理由' }]}
          >
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
