// The years with a report to make: each year's state and the date it is due (31 January of the
// next year, 条例第四十九条).
import { Alert, Button, Card, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import type { HTMLAttributes } from 'react';
import { useEffect, useState } from 'react';
import { ApiError } from '../api.ts';
import { navigate } from '../router.ts';
import type { ReportYear } from './report-api.ts';
import { listReportYears } from './report-api.ts';
import { ReportStateTag } from './report-state-tag.tsx';

/** Today in China, YYYY-MM-DD. */
function chinaToday(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

export function dueHint(year: number, state: ReportYear['state'], today = chinaToday()): { text: string; type: 'secondary' | 'warning' | 'danger' | undefined } {
  const due = `${year + 1}-01-31`;
  const text = `应于${year + 1}年1月31日前公布`;
  if (state === 'published') return { text, type: 'secondary' };
  if (today > due) return { text: `${text}（已逾期）`, type: 'danger' };
  if (today >= `${year + 1}-01-01`) return { text: `${text}（即将到期）`, type: 'warning' };
  return { text, type: undefined };
}

export function ReportYearsPage({ agency }: { agency: string }) {
  const [years, setYears] = useState<ReportYear[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    listReportYears(agency)
      .then((result) => live && setYears(result.years))
      .catch((caught: unknown) => live && setError(caught instanceof ApiError ? caught.message : '载入失败，请稍后重试。'));
    return () => {
      live = false;
    };
  }, [agency]);

  return (
    <Card title="政府信息公开工作年度报告">
      <Typography.Paragraph type="secondary">
        每年1月31日前公布上一年度的年度报告。报告中的表格由系统根据本年度的申请、主动公开、行政复议和行政诉讼记录自动计算，文字部分由工作人员撰写；定稿后本年度的记录将被锁定。
      </Typography.Paragraph>
      {error !== null && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
      <Table<ReportYear>
        rowKey="year"
        loading={years === null && error === null}
        dataSource={years ?? []}
        pagination={false}
        onRow={(record) => ({ 'data-testid': `report-year-${record.year}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: '年度', dataIndex: 'year', render: (year: number) => <strong>{year}年度</strong> },
          { title: '状态', dataIndex: 'state', render: (_: unknown, record) => <ReportStateTag state={record.state} label={record.stateLabel} /> },
          {
            title: '公布期限',
            key: 'due',
            render: (_: unknown, record) => {
              const hint = dueHint(record.year, record.state);
              return <Typography.Text type={hint.type}>{hint.text}</Typography.Text>;
            },
          },
          {
            title: '发布时间',
            dataIndex: 'publishedAt',
            render: (at: string | null, record) =>
              at !== null ? dayjs(at).format('YYYY-MM-DD HH:mm') : record.hasPublishedVersion ? '已发布过旧版本' : '—',
          },
          {
            title: '操作',
            key: 'open',
            render: (_: unknown, record) => (
              <Button type="primary" ghost onClick={() => navigate(`/reports/${record.year}`)}>
                打开{record.year}年度报告
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
