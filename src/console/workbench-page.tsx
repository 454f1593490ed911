// 工作台: what needs doing first — the agency's cases whose reply period ends soon or has passed,
// and the 主动公开 items waiting for the user's review step — then the year's counts so far.
import { Alert, Card, Col, Row, Statistic, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { ListPage } from './api.ts';
import { ApiError, listApplications } from './api.ts';
import { applicationColumns } from './application-columns.tsx';
import type { PublicationListItem, PublicationListPage } from './publications/publication-api.ts';
import { listPublications } from './publications/publication-api.ts';
import { navigate } from './router.ts';
import type { SectionProps } from './section-props.ts';

const PAGE = 50;

/** The year in China, as the server counts it. */
const thisYear = (): number => Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));

interface YearCounts {
  received: number | null;
  concluded: number | null;
  published: number | null;
}

const reviewColumns = [
  {
    title: '标题',
    dataIndex: 'title',
    render: (title: string, item: PublicationListItem) => (
      <a
        href={`/console/publications/${item.id}`}
        onClick={(event) => {
          event.preventDefault();
          navigate(`/publications/${item.id}`);
        }}
      >
        {title}
      </a>
    ),
  },
  { title: '起草人', dataIndex: 'author', width: 140 },
  { title: '成文日期', dataIndex: 'writtenOn', width: 120 },
  {
    title: '公开期限',
    dataIndex: 'dueOn',
    width: 170,
    render: (dueOn: string, item: PublicationListItem) => (
      <>
        {dueOn} 前{item.late && <Tag color="red" style={{ marginLeft: 8 }}>超期</Tag>}
      </>
    ),
  },
];

export function WorkbenchPage({ agency, actions }: SectionProps) {
  const [dueSoon, setDueSoon] = useState<ListPage | null>(null);
  const [overdue, setOverdue] = useState<ListPage | null>(null);
  const [reviews, setReviews] = useState<PublicationListPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [year] = useState(thisYear);
  const [counts, setCounts] = useState<YearCounts>({ received: null, concluded: null, published: null });
  const reviewer = actions.includes('publication.approve');
  const readsCases = actions.includes('application.read');
  const readsPublications = actions.includes('publication.read');

  useEffect(() => {
    let live = true;
    // 系统管理员 reads no applicants' cases (三员分立): no case lists for them.
    if (readsCases) {
      Promise.all([listApplications(agency, { dueSoon: true, limit: PAGE, offset: 0 }), listApplications(agency, { overdue: true, limit: PAGE, offset: 0 })])
        .then(([soon, late]) => {
          if (!live) return;
          setDueSoon(soon);
          setOverdue(late);
        })
        .catch((caught: unknown) => live && setError(caught instanceof ApiError ? caught.message : '载入失败，请稍后重试。'));
    }
    if (reviewer) {
      listPublications(agency, { awaitingMe: true, limit: PAGE, offset: 0 })
        .then((page) => live && setReviews(page))
        .catch((caught: unknown) => live && setError(caught instanceof ApiError ? caught.message : '载入失败，请稍后重试。'));
    }
    // Totals only (limit 1): the lists themselves are in 依申请公开 and 主动公开.
    const total = (promise: Promise<{ total: number }>) => promise.then((page) => page.total).catch(() => null);
    void Promise.all([
      readsCases ? total(listApplications(agency, { year, limit: 1, offset: 0 })) : null,
      readsCases ? total(listApplications(agency, { year, state: 'closed', limit: 1, offset: 0 })) : null,
      readsPublications ? total(listPublications(agency, { year, state: 'published', limit: 1, offset: 0 })) : null,
    ]).then(([received, concluded, published]) => live && setCounts({ received, concluded, published }));
    return () => {
      live = false;
    };
  }, [agency, reviewer, readsCases, readsPublications, year]);

  const columns = applicationColumns(false);
  const cards = (readsCases ? 2 : 0) + (reviewer ? 1 : 0);
  const span = cards === 0 ? 24 : 24 / cards;
  return (
    <>
      {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {readsCases && (
          <Col xs={24} sm={span}>
            <Card hoverable onClick={() => navigate('/applications?overdue=true')} data-testid="overdue-count">
              <Statistic title="已超期的申请" value={overdue?.total ?? '—'} suffix="件" styles={{ content: { color: '#cf1322' } }} />
            </Card>
          </Col>
        )}
        {readsCases && (
          <Col xs={24} sm={span}>
            <Card hoverable onClick={() => navigate('/applications?dueSoon=true')} data-testid="due-soon-count">
              <Statistic title="即将到期的申请" value={dueSoon?.total ?? '—'} suffix="件" styles={{ content: { color: '#d46b08' } }} />
            </Card>
          </Col>
        )}
        {reviewer && (
          <Col xs={24} sm={span}>
            <Card hoverable onClick={() => navigate('/publications?tab=awaiting')} data-testid="awaiting-review-count">
              <Statistic title="待我审核的主动公开信息" value={reviews?.total ?? '—'} suffix="件" styles={{ content: { color: '#1677ff' } }} />
            </Card>
          </Col>
        )}
      </Row>
      {reviewer && (
        <Card title="待我审核（主动公开）" style={{ marginBottom: 16 }}>
          <Table
            rowKey="id"
            size="middle"
            data-testid="awaiting-review"
            columns={reviewColumns}
            dataSource={reviews?.publications ?? []}
            loading={reviews === null && error === null}
            pagination={false}
            locale={{ emptyText: '没有等待您审核的信息' }}
          />
        </Card>
      )}
      {readsCases && (
        <>
      <Card title="已超期" style={{ marginBottom: 16 }}>
        <Table rowKey="trackingNumber" size="middle" columns={columns} dataSource={overdue?.applications ?? []} loading={overdue === null && error === null} pagination={false} locale={{ emptyText: '没有已超期的申请' }} />
      </Card>
      <Card title="即将到期（5个工作日内）" style={{ marginBottom: 16 }}>
        <Table rowKey="trackingNumber" size="middle" columns={columns} dataSource={dueSoon?.applications ?? []} loading={dueSoon === null && error === null} pagination={false} locale={{ emptyText: '没有即将到期的申请' }} />
      </Card>
        </>
      )}
      <Card title={`${year}年工作量`} data-testid="year-counts">
        <Row gutter={[16, 16]}>
          {readsCases && (
            <Col xs={24} sm={8}>
              <Statistic title="本年收到的申请" value={counts.received ?? '—'} suffix="件" data-testid="year-received" />
            </Col>
          )}
          {readsCases && (
            <Col xs={24} sm={8}>
              <Statistic title="其中已办结" value={counts.concluded ?? '—'} suffix="件" data-testid="year-concluded" />
            </Col>
          )}
          {readsPublications && (
            <Col xs={24} sm={8}>
              <Statistic title="本年发布的主动公开信息" value={counts.published ?? '—'} suffix="条" data-testid="year-published" />
            </Col>
          )}
        </Row>
      </Card>
    </>
  );
}
