// One application: the applicant and the request, the reply deadline with how it was worked
// out (clock.explanation), what may be done now (each action a form), the notices to download,
// and the history of what was done, by whom and when.
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Result, Space, Spin, Tag, Timeline, Typography, message } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './api.ts';
import type { CaseDetails, CaseHistoryEntry } from './applications/application-api.ts';
import { getCase } from './applications/application-api.ts';
import { CaseActionModal } from './applications/case-action-modal.tsx';
import type { ActionKind } from './applications/case-rules.ts';
import { ACTION_BUTTONS, availableActions, extensionNeedsApprover } from './applications/case-rules.ts';
import { NoticePanel } from './applications/notice-panel.tsx';
import { outcomeLabelOf } from './applications/reply-grounds.ts';
import { daysLeftText, DueTag } from './due-tag.tsx';
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS, CONSULTATION_ANSWER_LABELS, CONSULTATION_PARTY_LABELS, labelOf } from './labels.ts';
import { navigate } from './router.ts';
import type { SectionProps } from './section-props.ts';

const orDash = (value: string | null) => (value === null || value === '' ? '—' : value);

/** The facts an event carried, in a line under its label in 办理记录. */
function eventDetail(entry: CaseHistoryEntry): string | null {
  const event = entry.event;
  if (entry.source !== 'event' || event === undefined) return null;
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String).join('；') : '');
  switch (entry.kind) {
    case 'received':
      return `申请渠道：${labelOf(CHANNEL_LABELS, String(event.channel))}`;
    case 'correctionRequested':
      return `补正事项：${list(event.items)}；补正期限：${String(event.correctionDueOn)}`;
    case 'consultationStarted':
      return `${labelOf(CONSULTATION_PARTY_LABELS, String(event.party))}：${list(event.addressees)}`;
    case 'consultationAnswered':
      return `${labelOf(CONSULTATION_PARTY_LABELS, String(event.party))}意见：${labelOf(CONSULTATION_ANSWER_LABELS, String(event.answer))}`;
    case 'extensionApproved':
      return `延长${String(event.workingDays)}个工作日；理由：${String(event.reason)}`;
    case 'feeNoticeSent':
      return `收费金额：${String(event.amount)}元；缴费期限：${String(event.paymentDueOn)}`;
    case 'article35Decided':
      return event.reasonable === true ? `申请理由合理${event.delayedDueOn ? `；延迟答复的合理期限：${String(event.delayedDueOn)}` : ''}` : '申请理由不合理，不予处理';
    case 'replied':
      return `办理结果：${outcomeLabelOf(String(event.outcome))}；法律依据：${String(event.legalBasis)}`;
    default:
      return null;
  }
}

export function ApplicationPage({ trackingNumber, actions }: SectionProps & { trackingNumber: string }) {
  const [details, setDetails] = useState<CaseDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [acting, setActing] = useState<ActionKind | null>(null);

  const load = useCallback(
    (live: () => boolean = () => true) =>
      getCase(trackingNumber)
        .then((result) => live() && setDetails(result))
        .catch((caught: unknown) => live() && setError(caught instanceof ApiError ? caught.message : '载入失败，请稍后重试。')),
    [trackingNumber],
  );

  useEffect(() => {
    let live = true;
    void load(() => live);
    return () => {
      live = false;
    };
  }, [load]);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/applications')}>
      返回列表
    </Button>
  );
  if (error !== null) return <Result status="warning" title={error} extra={back} />;
  if (details === null) return <Spin size="large" style={{ display: 'block', margin: '80px auto' }} />;

  const { applicant, clock } = details;
  const closed = details.state === 'closed';
  const possible = availableActions(details, actions);
  const approverNeeded = extensionNeedsApprover(details, actions);
  const reload = () => {
    setActing(null);
    void load().then(() => message.info('已重新载入该申请'));
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        {back}
        <Typography.Title level={4} style={{ margin: 0 }}>
          申请 {details.trackingNumber}
        </Typography.Title>
        <Tag color={closed ? 'default' : 'blue'} data-testid="case-state">
          {details.stateLabel}
        </Tag>
        <DueTag due={clock} />
        <Button icon={<ReloadOutlined />} onClick={reload}>
          刷新
        </Button>
      </Space>
      <Card title="答复期限">
        <Descriptions column={{ xs: 1, sm: 2, lg: 4 }} size="small">
          <Descriptions.Item label="收到申请之日">{details.receivedOn}</Descriptions.Item>
          <Descriptions.Item label="答复期限">
            <span data-testid="due-on">{clock.dueOn ?? (details.state === 'awaiting_correction' ? '等待补正，暂不计算' : '—')}</span>
            {clock.provisional && <Typography.Text type="secondary">（暂按现有节假日安排推算）</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label="剩余工作日">{closed ? '已办结' : daysLeftText(clock)}</Descriptions.Item>
          {possible.includes('correctionRequested') && <Descriptions.Item label="告知补正截止">{clock.correctionNoticeDueOn}（第三十条：7个工作日内一次性告知）</Descriptions.Item>}
          {closed && (
            <Descriptions.Item label="办结日期">
              <span data-testid="concluded-on">{orDash(details.concludedOn)}</span>
              {clock.concludedLate === true && <Tag color="red" style={{ marginLeft: 8 }}>逾期办结</Tag>}
            </Descriptions.Item>
          )}
        </Descriptions>
        {clock.explanation.length > 0 && (
          <Alert
            type={clock.overdue ? 'error' : clock.dueSoon ? 'warning' : 'info'}
            title="期限是这样推算的"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="clock-explanation">
                {clock.explanation.map((line, index) => (
                  <li key={index}>{line}</li>
                ))}
              </ul>
            }
            style={{ marginTop: 12 }}
          />
        )}
      </Card>
      {!closed && (possible.length > 0 || approverNeeded) && (
        <Card title="办理">
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Space wrap data-testid="case-actions">
              {possible.map((kind) => (
                <Button key={kind} type={kind === 'replied' ? 'primary' : 'default'} danger={kind === 'withdrawn'} onClick={() => setActing(kind)}>
                  {ACTION_BUTTONS[kind]}
                </Button>
              ))}
            </Space>
            {approverNeeded && (
              <Alert
                type="info"
                showIcon
                data-testid="extension-needs-approver"
                title="需要延长答复期限的，请报科长或分管领导批准"
                description="延长答复期限须经政府信息公开工作机构负责人同意（条例第三十三条），由批准人登录后在本页点击“批准延长答复期限”登记，并在期限届满前告知申请人。"
              />
            )}
          </Space>
        </Card>
      )}
      <NoticePanel details={details} canDownload={actions.includes('notice.download')} />
      <Card title="申请人及申请内容">
        <Descriptions column={{ xs: 1, sm: 2 }} bordered size="small">
          <Descriptions.Item label="申请人">{applicant.name}</Descriptions.Item>
          <Descriptions.Item label="申请人类型">{labelOf(APPLICANT_TYPE_LABELS, applicant.type)}</Descriptions.Item>
          {applicant.idNumber !== null && <Descriptions.Item label="身份证号码">{applicant.idNumber}</Descriptions.Item>}
          {applicant.creditCode !== null && <Descriptions.Item label="统一社会信用代码">{applicant.creditCode}</Descriptions.Item>}
          <Descriptions.Item label="联系电话">{orDash(applicant.phone)}</Descriptions.Item>
          <Descriptions.Item label="电子邮箱">{orDash(applicant.email)}</Descriptions.Item>
          <Descriptions.Item label="通信地址" span={2}>
            {orDash(applicant.address)}
          </Descriptions.Item>
          <Descriptions.Item label="申请渠道">{labelOf(CHANNEL_LABELS, details.channel)}</Descriptions.Item>
          <Descriptions.Item label="办理结果">{orDash(details.outcomeLabel)}</Descriptions.Item>
          <Descriptions.Item label="所需信息" span={2}>
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{details.requestedInformation}</Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label="获取方式">{orDash(details.requestedForm)}</Descriptions.Item>
          <Descriptions.Item label="获取途径">{orDash(details.deliveryMethod)}</Descriptions.Item>
          {details.idProof !== null && (
            <Descriptions.Item label="身份证明" span={2}>
              {/* Each download is written to the audit trail (application.idProofRead). */}
              <a href={`/api/applications/${encodeURIComponent(details.trackingNumber)}/id-proof`} data-testid="id-proof-link">
                下载申请人上传的身份证明
              </a>
              <Typography.Text type="secondary">（{Math.max(1, Math.round(details.idProof.size / 1024))} KB，每次下载均记入审计记录）</Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title="办理记录">
        {details.history.length === 0 ? (
          <Typography.Text type="secondary">暂无办理记录</Typography.Text>
        ) : (
          <Timeline
            data-testid="history"
            items={details.history.map((entry) => {
              const detail = eventDetail(entry);
              return {
                color: entry.source === 'audit' ? 'gray' : 'blue',
                content: (
                  <div data-testid={`history-${entry.kind}`}>
                    <Typography.Text strong>
                      {entry.at} {entry.label}
                    </Typography.Text>
                    {detail !== null && <div>{detail}</div>}
                    <div>
                      <Typography.Text type="secondary">
                        经办人：{entry.actor} · 记录于 {dayjs(entry.recordedAt).format('YYYY年M月D日 HH:mm')}
                      </Typography.Text>
                    </div>
                  </div>
                ),
              };
            })}
          />
        )}
      </Card>
      {acting !== null && (
        <CaseActionModal
          kind={acting}
          details={details}
          onClose={() => setActing(null)}
          onReload={reload}
          onDone={(next) => {
            setActing(null);
            setDetails(next);
            message.success(`已登记：${ACTION_BUTTONS[acting]}`);
          }}
        />
      )}
    </Space>
  );
}
