// 依申请公开: the agency's applications, filtered by 状态, 年度 and urgency, searched by
// 申请编号 or the applicant's name (q), a page at a time (limit/offset/total).
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Select, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import type { ListFilters, ListPage } from './api.ts';
import { ApiError, listApplications } from './api.ts';
import { applicationColumns } from './application-columns.tsx';
import { IntakeDrawer } from './applications/intake-drawer.tsx';
import { navigate } from './router.ts';
import { STATE_LABELS } from './labels.ts';
import type { SectionProps } from './section-props.ts';

type Urgency = 'all' | 'dueSoon' | 'overdue' | 'both';

interface Criteria {
  state?: string;
  year?: number;
  urgency: Urgency;
  q: string;
}

function criteriaFromUrl(): Criteria {
  const query = new URLSearchParams(window.location.search);
  const soon = query.get('dueSoon') === 'true';
  const late = query.get('overdue') === 'true';
  return { urgency: soon && late ? 'both' : soon ? 'dueSoon' : late ? 'overdue' : 'all', q: '' };
}

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: thisYear - 2019 + 1 }, (_, index) => thisYear - index);

export function ApplicationListPage({ agency, actions }: SectionProps) {
  const [criteria, setCriteria] = useState<Criteria>(criteriaFromUrl);
  const [pageNumber, setPageNumber] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [page, setPage] = useState<ListPage | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Criteria>();
  const mayReceive = actions.includes('application.receive');
  const [intakeOpen, setIntakeOpen] = useState(false);

  useEffect(() => {
    let live = true;
    const filters: ListFilters = {
      limit: pageSize,
      offset: (pageNumber - 1) * pageSize,
      ...(criteria.state === undefined ? {} : { state: criteria.state }),
      ...(criteria.year === undefined ? {} : { year: criteria.year }),
      ...(criteria.urgency === 'dueSoon' || criteria.urgency === 'both' ? { dueSoon: true } : {}),
      ...(criteria.urgency === 'overdue' || criteria.urgency === 'both' ? { overdue: true } : {}),
      q: criteria.q,
    };
    setLoading(true);
    listApplications(agency, filters)
      .then((result) => {
        if (!live) return;
        setPage(result);
        setError(null);
      })
      .catch((caught: unknown) => live && setError(caught instanceof ApiError ? caught.message : '载入失败，请稍后重试。'))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [agency, criteria, pageNumber, pageSize]);

  const search = (values: Criteria) => {
    setCriteria({ ...values, q: values.q ?? '' });
    setPageNumber(1);
  };
  const reset = () => {
    const empty: Criteria = { urgency: 'all', q: '' };
    form.setFieldsValue({ state: undefined, year: undefined, urgency: 'all', q: '' });
    window.history.replaceState(null, '', '/console/applications');
    setCriteria(empty);
    setPageNumber(1);
  };

  return (
    <Card
      title="依申请公开 · 申请列表"
      extra={
        mayReceive && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setIntakeOpen(true)}>
            登记申请
          </Button>
        )
      }
    >
      <IntakeDrawer agency={agency} open={intakeOpen} onClose={() => setIntakeOpen(false)} onReceived={(number) => navigate(`/applications/${encodeURIComponent(number)}`)} />
      <Form form={form} layout="inline" initialValues={criteria} onFinish={search} style={{ marginBottom: 16, rowGap: 12 }}>
        <Form.Item label="状态" name="state">
          <Select allowClear placeholder="全部状态" style={{ width: 190 }} options={Object.entries(STATE_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="年度" name="year">
          <Select allowClear placeholder="全部年度" style={{ width: 120 }} options={YEARS.map((year) => ({ value: year, label: `${year}年` }))} />
        </Form.Item>
        <Form.Item label="期限" name="urgency">
          <Select
            style={{ width: 180 }}
            options={[
              { value: 'all', label: '全部' },
              { value: 'dueSoon', label: '即将到期' },
              { value: 'overdue', label: '已超期' },
              { value: 'both', label: '即将到期或已超期' },
            ]}
          />
        </Form.Item>
        <Form.Item label="查找" name="q">
          <Input allowClear placeholder="申请编号或申请人姓名" style={{ width: 220 }} maxLength={100} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button onClick={reset}>重置</Button>
          </Space>
        </Form.Item>
      </Form>
      {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table
        rowKey="trackingNumber"
        columns={applicationColumns(true)}
        dataSource={page?.applications ?? []}
        loading={loading}
        locale={{ emptyText: '没有符合条件的申请' }}
        pagination={{
          current: pageNumber,
          pageSize,
          total: page?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => `共 ${total} 件`,
          onChange: (next, size) => {
            setPageNumber(size === pageSize ? next : 1);
            setPageSize(size);
          },
        }}
      />
    </Card>
  );
}
