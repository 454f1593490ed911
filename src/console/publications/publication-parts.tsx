// Pieces shared by the editor and the details view: a hit shown in its context, the list of
// hits with what was decided for each, the 保密审查 questions, the review chain and the history.
import { Alert, Card, Input, List, Radio, Space, Steps, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ChainStep, ChecklistAnswer, ChecklistQuestion, PublicationDetails, ScreeningHit } from './publication-api.ts';
import { HIT_KIND_LABELS, sourceLabel } from './publication-labels.ts';

/** The hit's text marked inside the words around it. */
export function HitContext({ hit }: { hit: ScreeningHit }) {
  const at = hit.context.indexOf(hit.text);
  if (at < 0) {
    return (
      <span>
        {hit.context} <mark>{hit.text}</mark>
      </span>
    );
  }
  return (
    <span data-testid="hit-context">
      …{hit.context.slice(0, at)}
      <mark style={{ background: '#ffccc7', color: '#a8071a', padding: '0 2px', fontWeight: 600 }}>{hit.text}</mark>
      {hit.context.slice(at + hit.text.length)}…
    </span>
  );
}

/** Hits are decided by kind and text (an acceptance covers every place with the same text). */
export const hitKey = (hit: { kind: string; text: string }) => `${hit.kind}\u0000${hit.text}`;

export interface HitDecision {
  choice: 'fixed' | 'keep';
  reason: string;
}

export interface HitGroup {
  key: string;
  kind: string;
  text: string;
  hits: ScreeningHit[];
  accepted: boolean;
  acceptanceReason: string | null;
}

export function groupHits(hits: readonly ScreeningHit[]): HitGroup[] {
  const groups = new Map<string, HitGroup>();
  for (const hit of hits) {
    const key = hitKey(hit);
    const group = groups.get(key) ?? { key, kind: hit.kind, text: hit.text, hits: [], accepted: hit.accepted, acceptanceReason: hit.acceptanceReason };
    group.hits.push(hit);
    groups.set(key, group);
  }
  return [...groups.values()];
}

interface HitListProps {
  hits: readonly ScreeningHit[];
  /** Absent: read-only (what was decided is shown). */
  decisions?: Record<string, HitDecision>;
  onDecide?: (key: string, decision: HitDecision) => void;
  /** Whether "已修改" may be chosen (only who can edit the text). */
  canFix?: boolean;
}

/** Each finding of the automatic check, in context, with the suggestion and the decision. */
export function HitList({ hits, decisions, onDecide, canFix = true }: HitListProps) {
  const groups = groupHits(hits);
  if (groups.length === 0) {
    return <Alert type="success" showIcon title="自动检查未发现身份证号码、手机号码、密级标志、敏感词等问题。" data-testid="screening-clean" />;
  }
  return (
    <List
      data-testid="screening-hits"
      bordered
      dataSource={groups}
      renderItem={(group) => {
        const decision = decisions?.[group.key];
        return (
          <List.Item data-testid="screening-hit">
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Tag color="red">{HIT_KIND_LABELS[group.kind] ?? group.kind}</Tag>
                <Typography.Text strong>“{group.text}”</Typography.Text>
                {group.hits.length > 1 && <Typography.Text type="secondary">共 {group.hits.length} 处</Typography.Text>}
                {group.accepted && <Tag color="green">已确认不需修改</Tag>}
              </Space>
              {group.hits.map((hit, index) => (
                <div key={index}>
                  <Typography.Text type="secondary">{sourceLabel(hit.source)}：</Typography.Text>
                  <HitContext hit={hit} />
                </div>
              ))}
              <Typography.Text type="secondary">修改建议：{group.hits[0]?.suggestion}</Typography.Text>
              {group.accepted && group.acceptanceReason !== null && <Typography.Text>不需修改的理由：{group.acceptanceReason}</Typography.Text>}
              {!group.accepted && decisions !== undefined && onDecide !== undefined && (
                <>
                  <Radio.Group
                    value={decision?.choice}
                    onChange={(event) => onDecide(group.key, { choice: event.target.value as HitDecision['choice'], reason: decision?.reason ?? '' })}
                    options={[...(canFix ? [{ value: 'fixed', label: '已修改' }] : []), { value: 'keep', label: '不需修改' }]}
                  />
                  {decision?.choice === 'fixed' && (
                    <Alert type="warning" showIcon title="请在上方修改正文或附件，然后点“保存并重新检查”：改好后这一处将不再出现。" />
                  )}
                  {decision?.choice === 'keep' && (
                    <Input.TextArea
                      aria-label={`“${group.text}”不需修改的理由`}
                      placeholder="请写明不需修改的理由（必填），如：这是本机关对外公布的办公电话"
                      autoSize={{ minRows: 2 }}
                      maxLength={2000}
                      value={decision.reason}
                      onChange={(event) => onDecide(group.key, { choice: 'keep', reason: event.target.value })}
                    />
                  )}
                </>
              )}
            </Space>
          </List.Item>
        );
      }}
    />
  );
}

/** Hits neither accepted before nor kept now with a reason. */
export function unresolvedGroups(hits: readonly ScreeningHit[], decisions: Record<string, HitDecision>): HitGroup[] {
  return groupHits(hits).filter((group) => {
    if (group.accepted) return false;
    const decision = decisions[group.key];
    return decision?.choice !== 'keep' || decision.reason.trim() === '';
  });
}

export function acceptancesOf(hits: readonly ScreeningHit[], decisions: Record<string, HitDecision>) {
  return groupHits(hits)
    .filter((group) => !group.accepted && decisions[group.key]?.choice === 'keep' && decisions[group.key]!.reason.trim() !== '')
    .map((group) => ({ kind: group.kind, text: group.text, reason: decisions[group.key]!.reason.trim() }));
}

/** The 保密审查 questions, each answered 是 or 否. */
export function ChecklistAnswers({ questions, answers, onAnswer }: { questions: readonly ChecklistQuestion[]; answers: Record<string, boolean>; onAnswer: (id: string, value: boolean) => void }) {
  const refused = questions.some((question) => answers[question.id] === false);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="checklist">
      {questions.map((question, index) => (
        <div key={question.id} style={{ display: 'flex', justifyContent: 'space-between', gap: 16, padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
          <Typography.Text>
            {index + 1}. {question.question}
          </Typography.Text>
          <Radio.Group
            aria-label={question.question}
            value={answers[question.id]}
            onChange={(event) => onAnswer(question.id, event.target.value as boolean)}
            options={[
              { value: true, label: '是' },
              { value: false, label: '否' },
            ]}
            style={{ flexShrink: 0 }}
          />
        </div>
      ))}
      {refused && (
        <Alert
          type="error"
          showIcon
          title="有问题回答为“否”，不能提交或通过。"
          description="不能确定是否可以公开的，应报有关主管部门或者保密行政管理部门确定（条例第十七条）。"
        />
      )}
    </Space>
  );
}

export const checklistPayload = (questions: readonly ChecklistQuestion[], answers: Record<string, boolean>): ChecklistAnswer[] =>
  questions.map((question) => ({ questionId: question.id, confirmed: answers[question.id] === true }));

export const allConfirmed = (questions: readonly ChecklistQuestion[], answers: Record<string, boolean>) => questions.every((question) => answers[question.id] === true);

const STEP_STATUS: Record<ChainStep['status'], 'wait' | 'process' | 'finish' | 'error'> = { pending: 'wait', current: 'process', approved: 'finish', returned: 'error' };
const STEP_WORDS: Record<ChainStep['status'], string> = { pending: '未开始', current: '待审核', approved: '已同意', returned: '已退回' };

/** 信息员 → 科长 → 分管领导, with who decided when and their opinion. */
export function ChainView({ details }: { details: PublicationDetails }) {
  const started = details.state !== 'draft';
  return (
    <Card title="审核流程" data-testid="review-chain">
      <Steps
        items={[
          { title: '起草', status: started ? 'finish' : 'process', content: <Typography.Text type="secondary">{details.author}</Typography.Text> },
          ...details.chain.map((step) => ({
            title: step.label,
            status: STEP_STATUS[step.status],
            content: (
              <Space orientation="vertical" size={0}>
                <Typography.Text type={step.status === 'returned' ? 'danger' : 'secondary'}>{STEP_WORDS[step.status]}</Typography.Text>
                {step.actor !== null && (
                  <Typography.Text type="secondary">
                    {step.actor} · {step.at}
                  </Typography.Text>
                )}
                {step.opinion !== null && step.opinion !== '' && <Typography.Text>意见：{step.opinion}</Typography.Text>}
              </Space>
            ),
          })),
          { title: '发布', status: details.state === 'published' || details.state === 'withdrawn' ? 'finish' : 'wait', content: <Typography.Text type="secondary">{details.publishedOn ?? ''}</Typography.Text> },
        ]}
      />
    </Card>
  );
}

export function HistoryCard({ details }: { details: PublicationDetails }) {
  return (
    <Card title="办理记录">
      <Timeline
        data-testid="history"
        items={details.history.map((entry) => ({
          content: (
            <div>
              <Typography.Text strong>{entry.label}</Typography.Text> <Typography.Text>{entry.detail}</Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {entry.at} · 经办人：{entry.actor} · 记录于 {dayjs(entry.recordedAt).format('YYYY年M月D日 HH:mm')}
                </Typography.Text>
              </div>
            </div>
          ),
        }))}
      />
    </Card>
  );
}

/** The 第二十六条 deadline in words. */
export function DeadlineText({ details }: { details: PublicationDetails }) {
  const { deadline } = details;
  return (
    <Space orientation="vertical" size={0}>
      <Space wrap>
        <Typography.Text strong>{details.publishedOn === null ? `应于 ${deadline.dueOn} 前发布` : `公开期限为 ${deadline.dueOn}`}</Typography.Text>
        {deadline.provisional && <Typography.Text type="secondary">（暂按现有节假日安排推算）</Typography.Text>}
        {deadline.late && <Tag color="red">超期</Tag>}
      </Space>
      <Typography.Text type="secondary">{deadline.explanation}</Typography.Text>
    </Space>
  );
}
