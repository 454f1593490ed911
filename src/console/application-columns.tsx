// The columns shared by the 工作台 lists and the 依申请公开 list.
import { Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ListItem } from './api.ts';
import { daysLeftText, DueTag } from './due-tag.tsx';
import { navigate } from './router.ts';

export function applicationColumns(withApplicant: boolean): TableColumnsType<ListItem> {
  const columns: TableColumnsType<ListItem> = [
    {
      title: '申请编号',
      dataIndex: 'trackingNumber',
      width: 190,
      render: (value: string) => (
        <Typography.Link
          onClick={(event) => {
            event.preventDefault();
            navigate(`/applications/${encodeURIComponent(value)}`);
          }}
          href={`/console/applications/${encodeURIComponent(value)}`}
          style={{ whiteSpace: 'nowrap' }}
        >
          {value}
        </Typography.Link>
      ),
    },
    { title: '收到日期', dataIndex: 'receivedOn', width: 120 },
    { title: '状态', dataIndex: 'stateLabel', width: 170 },
    {
      title: '答复期限',
      key: 'dueOn',
      width: 200,
      render: (_: unknown, item: ListItem) => (
        <Space size={4}>
          <span>{item.dueOn ?? '—'}</span>
          <DueTag due={item} />
        </Space>
      ),
    },
    {
      title: '剩余工作日',
      key: 'workingDaysLeft',
      width: 150,
      render: (_: unknown, item: ListItem) => <Typography.Text type={item.overdue ? 'danger' : item.dueSoon ? 'warning' : undefined}>{item.state === 'closed' ? '已办结' : daysLeftText(item)}</Typography.Text>,
    },
  ];
  if (withApplicant) columns.splice(1, 0, { title: '申请人', dataIndex: 'applicantName', ellipsis: true });
  return columns;
}
