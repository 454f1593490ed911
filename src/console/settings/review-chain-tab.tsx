// 审核流程 (settings.edit): the roles that approve a 主动公开 item, in order (1 to 6 steps, a role
// at most once), and the 保密审查 checklist every item is reviewed against before it is published.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Select, Space, Steps, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorText } from '../api.ts';
import { getSettings, putSettings, ROLE_OPTIONS } from './settings-api.ts';

// A review step is taken by a role of the agency's own staff: not the 审计员 (reads only) nor the
// 政务公开办 (supervises other agencies' reports).
const STEP_ROLE_OPTIONS = ROLE_OPTIONS.filter((option) => option.value !== 'auditor' && option.value !== 'supervisor');
import type { ChecklistQuestion, DisclosureSettings, ReviewStep } from './settings-api.ts';
import { move, newQuestionId } from './settings-logic.ts';

const MAX_STEPS = 6;

export function ReviewChainTab({ agency, canEdit }: { agency: string; canEdit: boolean }) {
  const { message, modal } = App.useApp();
  const [settings, setSettings] = useState<DisclosureSettings | null>(null);
  const [chain, setChain] = useState<ReviewStep[]>([]);
  const [checklist, setChecklist] = useState<ChecklistQuestion[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function show(result: DisclosureSettings): void {
    setSettings(result);
    setChain(result.reviewChain);
    setChecklist(result.checklist);
  }

  useEffect(() => {
    getSettings(agency)
      .then(show)
      .catch((e: unknown) => setError(errorText(e)));
  }, [agency]);

  async function save(body: Parameters<typeof putSettings>[1], done: string): Promise<void> {
    setBusy(true);
    try {
      show(await putSettings(agency, body));
      message.success(done);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  if (error !== null) return <Alert type="error" showIcon title={error} />;
  if (settings === null) return <Card loading />;

  const readOnly = !canEdit;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {readOnly && <Alert type="info" showIcon title="您可以查看本机关的审核流程和保密审查清单；只有系统管理员或分管领导可以修改。" />}
      <Card
        size="small"
        title={
          <Space>
            主动公开信息的审核流程
            {settings.usesDefault.reviewChain && <Tag>默认</Tag>}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">信息提交后按以下顺序逐级审核，每一步由担任该角色的人员审核通过后进入下一步；最后一步通过即可发布。同一角色只能出现一次。</Typography.Paragraph>
        <Steps size="small" current={-1} items={settings.reviewChain.map((step) => ({ title: step.label }))} style={{ marginBottom: 16, maxWidth: 720 }} data-testid="review-chain-steps" />
        {!readOnly && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {chain.map((step, index) => (
              <Space key={index} wrap>
                <Typography.Text style={{ width: 56, display: 'inline-block' }}>第{index + 1}步</Typography.Text>
                <Select
                  aria-label={`第${index + 1}步的角色`}
                  style={{ width: 160 }}
                  value={step.role}
                  options={STEP_ROLE_OPTIONS}
                  onChange={(role: string) => setChain(chain.map((s, i) => (i === index ? { role, label: STEP_ROLE_OPTIONS.find((o) => o.value === role)?.label ?? s.label } : s)))}
                />
                <Input aria-label={`第${index + 1}步的名称`} style={{ width: 200 }} value={step.label} maxLength={20} onChange={(e) => setChain(chain.map((s, i) => (i === index ? { ...s, label: e.target.value } : s)))} />
                <Button aria-label="上移" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => setChain(move(chain, index, -1))} />
                <Button aria-label="下移" icon={<ArrowDownOutlined />} disabled={index === chain.length - 1} onClick={() => setChain(move(chain, index, 1))} />
                <Button aria-label="删除此步" icon={<DeleteOutlined />} danger disabled={chain.length <= 1} onClick={() => setChain(chain.filter((_, i) => i !== index))} />
              </Space>
            ))}
            <Space wrap>
              <Button icon={<PlusOutlined />} disabled={chain.length >= MAX_STEPS} onClick={() => setChain([...chain, { role: 'leader', label: '分管领导' }])}>
                增加一步
              </Button>
              <Button type="primary" loading={busy} onClick={() => void save({ reviewChain: chain }, '审核流程已保存')}>
                保存审核流程
              </Button>
              <Button
                disabled={settings.usesDefault.reviewChain}
                onClick={() =>
                  modal.confirm({
                    title: '恢复默认审核流程？',
                    content: '默认为：信息员 → 科长 → 分管领导。',
                    okText: '恢复默认',
                    cancelText: '取消',
                    onOk: () => save({ reviewChain: null }, '已恢复默认审核流程'),
                  })
                }
              >
                恢复默认
              </Button>
            </Space>
          </Space>
        )}
      </Card>

      <Card
        size="small"
        title={
          <Space>
            保密审查清单
            {settings.usesDefault.checklist && <Tag>默认</Tag>}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">审核人员在通过每一条信息前，须逐项确认以下问题（条例第十七条：公开前依法进行保密审查）。</Typography.Paragraph>
        {readOnly ? (
          <ol style={{ paddingInlineStart: 20, margin: 0 }}>
            {settings.checklist.map((item) => (
              <li key={item.id}>{item.question}</li>
            ))}
          </ol>
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {checklist.map((item, index) => (
              <Space key={item.id} align="start" style={{ width: '100%' }}>
                <Typography.Text style={{ width: 28, display: 'inline-block', paddingTop: 5 }}>{index + 1}.</Typography.Text>
                <Input.TextArea
                  aria-label={`第${index + 1}个问题`}
                  autoSize
                  value={item.question}
                  style={{ width: 640 }}
                  onChange={(e) => setChecklist(checklist.map((q, i) => (i === index ? { ...q, question: e.target.value } : q)))}
                />
                <Button aria-label="删除此问题" icon={<DeleteOutlined />} danger disabled={checklist.length <= 1} onClick={() => setChecklist(checklist.filter((_, i) => i !== index))} />
              </Space>
            ))}
            <Space wrap>
              <Button icon={<PlusOutlined />} onClick={() => setChecklist([...checklist, { id: newQuestionId(checklist), question: '' }])}>
                增加问题
              </Button>
              <Button type="primary" loading={busy} onClick={() => void save({ checklist }, '保密审查清单已保存')}>
                保存清单
              </Button>
              <Button
                disabled={settings.usesDefault.checklist}
                onClick={() =>
                  modal.confirm({ title: '恢复默认的保密审查清单？', okText: '恢复默认', cancelText: '取消', onOk: () => save({ checklist: null }, '已恢复默认清单') })
                }
              >
                恢复默认
              </Button>
            </Space>
          </Space>
        )}
      </Card>
    </Space>
  );
}
