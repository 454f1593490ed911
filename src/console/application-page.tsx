// One application: the applicant and the request, the reply deadline with how it was worked
// out (clock.explanation), and the history of what was done, by whom and when.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Result, Space, Spin, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { ApplicationDetails } from './api.ts';
import { api, ApiError } from './api.ts';
import { daysLeftText, DueTag } from './due-tag.tsx';
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS, labelOf } from './labels.ts';
import { navigate } from './router.ts';
import type { SectionProps } from './section-props.ts';

const orDash = (value: string | null) => (value === null || value === '' ? '—' : value);

export function ApplicationPage({ trackingNumber }: SectionProps & { trackingNumber: string }) {
  const [details, setDetails] = useState<ApplicationDetails | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api<ApplicationDetails>(`/api/applications/${encodeURIComponent(trackingNumber)}`)
      .then((result) => live && setDetails(result))
      .catch((caught: unknown) => live && setError(caught instanceof ApiError ? caught.message : '载入失败，请稍后重试。'));
    return () => {
      live = false;
    };
  }, [trackingNumber]);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/applications')}>
      返回列表
    </Button>
  );
  if (error !== null) return <Result status="warning" title={error} extra={back} />;
  if (details === null) return <Spin size="large" style={{ display: 'block', margin: '80px auto' }} />;

  const { applicant, clock } = details;
  const closed = details.state === 'closed';
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space>
        {back}
        <Typography.Title level={4} style={{ margin: 0 }}>
          申请 {details.trackingNumber}
        </Typography.Title>
        <Tag color={closed ? 'default' : 'blue'}>{details.stateLabel}</Tag>
        <DueTag due={clock} />
      </Space>
      <Card title="答复期限">
        <Descriptions column={{ xs: 1, sm: 2, lg: 4 }} size="small">
          <Descriptions.Item label="收到申请之日">{details.receivedOn}</Descriptions.Item>
          <Descriptions.Item label="答复期限">
            {orDash(clock.dueOn)}
            {clock.provisional && <Typography.Text type="secondary">（暂按现有节假日安排推算）</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label="剩余工作日">{closed ? '已办结' : daysLeftText(clock)}</Descriptions.Item>
          <Descriptions.Item label="办结日期">
            {orDash(details.concludedOn)}
            {clock.concludedLate === true && <Tag color="red" style={{ marginLeft: 8 }}>逾期办结</Tag>}
          </Descriptions.Item>
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
        </Descriptions>
      </Card>
      <Card title="办理记录">
        {details.history.length === 0 ? (
          <Typography.Text type="secondary">暂无办理记录</Typography.Text>
        ) : (
          <Timeline
            data-testid="history"
            items={details.history.map((entry) => ({
              color: entry.source === 'audit' ? 'gray' : 'blue',
              content: (
                <div>
                  <Typography.Text strong>{entry.label}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary">
                      {entry.at} · 经办人：{entry.actor} · 记录于 {dayjs(entry.recordedAt).format('YYYY年M月D日 HH:mm')}
                    </Typography.Text>
                  </div>
                </div>
              ),
            }))}
          />
        )}
      </Card>
    </Space>
  );
}
