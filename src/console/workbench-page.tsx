// 工作台: what needs doing first — the agency's cases whose reply period ends soon or has passed.
import { Alert, Card, Col, Row, Statistic, Table } from 'antd';
import { useEffect, useState } from 'react';
import type { ListPage } from './api.ts';
import { ApiError, listApplications } from './api.ts';
import { applicationColumns } from './application-columns.tsx';
import { navigate } from './router.ts';
import type { SectionProps } from './section-props.ts';

const PAGE = 50;

export function WorkbenchPage({ agency }: SectionProps) {
  const [dueSoon, setDueSoon] = useState<ListPage | null>(null);
  const [overdue, setOverdue] = useState<ListPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([listApplications(agency, { dueSoon: true, limit: PAGE, offset: 0 }), listApplications(agency, { overdue: true, limit: PAGE, offset: 0 })])
      .then(([soon, late]) => {
        if (!live) return;
        setDueSoon(soon);
        setOverdue(late);
      })
      .catch((caught: unknown) => live && setError(caught instanceof ApiError ? caught.message : '载入失败，请稍后重试。'));
    return () => {
      live = false;
    };
  }, [agency]);

  const columns = applicationColumns(false);
  return (
    <>
      {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} sm={12}>
          <Card hoverable onClick={() => navigate('/applications?overdue=true')} data-testid="overdue-count">
            <Statistic title="已超期的申请" value={overdue?.total ?? '—'} suffix="件" styles={{ content: { color: '#cf1322' } }} />
          </Card>
        </Col>
        <Col xs={24} sm={12}>
          <Card hoverable onClick={() => navigate('/applications?dueSoon=true')} data-testid="due-soon-count">
            <Statistic title="即将到期的申请" value={dueSoon?.total ?? '—'} suffix="件" styles={{ content: { color: '#d46b08' } }} />
          </Card>
        </Col>
      </Row>
      <Card title="已超期" style={{ marginBottom: 16 }}>
        <Table rowKey="trackingNumber" size="middle" columns={columns} dataSource={overdue?.applications ?? []} loading={overdue === null && error === null} pagination={false} locale={{ emptyText: '没有已超期的申请' }} />
      </Card>
      <Card title="即将到期（5个工作日内）">
        <Table rowKey="trackingNumber" size="middle" columns={columns} dataSource={dueSoon?.applications ?? []} loading={dueSoon === null && error === null} pagination={false} locale={{ emptyText: '没有即将到期的申请' }} />
      </Card>
    </>
  );
}
