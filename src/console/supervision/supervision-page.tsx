// The 监督汇总 of one agency's subtree for one year: counts, the agencies' list, the 汇总表, the
// downloads, the deadline and the import; or, with a child in the path, that agency's report.
// The server keeps the view's roll-up as a snapshot: cell clicks, agency pages and downloads pass
// its id, so they show the numbers of this screen (数据时间); 刷新 computes a new one.
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Select, Space, Spin, Statistic, Table, Tabs, Tooltip, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useCallback, useEffect, useState } from 'react';
import type { GridDataCell } from '../reports/report-grid.ts';
import { ReportTables } from '../reports/report-tables.tsx';
import { navigate } from '../router.ts';
import type { SupervisedAgency, SupervisionStatus, SupervisionView } from './supervision-api.ts';
import { errorText, getSupervision } from './supervision-api.ts';
import { SupervisedAgencyPage } from './supervised-agency-page.tsx';
import { SupervisionCellDrawer } from './supervision-cell-drawer.tsx';
import { DeadlineCard } from './supervision-deadline.tsx';
import { ImportPanel } from './supervision-import.tsx';
import type { SupervisionRoute } from './supervision-logic.ts';
import { chinaDateTime, filterAgencies, insideConsole, STATUS_OPTIONS, supervisionPath, withSnapshot, yearOptions } from './supervision-logic.ts';
import { LateTag, StatusTag } from './supervision-tags.tsx';

interface Props {
  route: SupervisionRoute;
  canImport: boolean;
  canSetDeadline: boolean;
}

type TabKey = 'agencies' | 'tables' | 'import';

export function SupervisionPage({ route, canImport, canSetDeadline }: Props) {
  const { agency, year } = route;
  const [view, setView] = useState<SupervisionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tab, setTab] = useState<TabKey>('agencies');
  const [status, setStatus] = useState<SupervisionStatus | null>(null);
  const [lateOnly, setLateOnly] = useState(false);
  const [cell, setCell] = useState<GridDataCell | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setView(await getSupervision(agency, year));
    } catch (caught) {
      setView(null);
      setError(errorText(caught, '无法载入监督汇总，请稍后重试。'));
    } finally {
      setLoading(false);
    }
  }, [agency, year]);

  // The view is loaded per subtree and year; opening an agency's details keeps it.
  useEffect(() => {
    void load();
  }, [load]);

  if (view === null || view.agency.code !== agency || view.year !== year) {
    return error !== null ? (
      <Alert type="error" showIcon title={error} action={<Button onClick={() => void load()}>重试</Button>} />
    ) : (
      <Spin size="large" description="正在汇总下级机关的年度报告……" style={{ display: 'block', margin: '80px auto' }} />
    );
  }

  if (route.child !== null) {
    const entry = view.agencies.find((a) => a.code === route.child) ?? null;
    return (
      <SupervisedAgencyPage
        root={view.agency}
        year={year}
        child={route.child}
        entry={entry}
        snapshot={view.snapshot}
        onBack={() => navigate(supervisionPath({ agency, year, child: null }))}
      />
    );
  }

  const shown = filterAgencies(view.agencies, { status, lateOnly });
  const { counts } = view;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="supervision-title">
              {view.agency.name}及下级机关 {year}年度政府信息公开工作年度报告
            </Typography.Title>
            <Space wrap>
              <span>年度</span>
              <Select
                aria-label="年度"
                value={year}
                style={{ width: 120 }}
                onChange={(value: number) => navigate(supervisionPath({ agency, year: value, child: null }))}
                options={yearOptions(new Date()).map((y) => ({ value: y, label: `${y}年度` }))}
              />
              <Typography.Text type="secondary" data-testid="supervision-computed-at">
                数据时间：{chinaDateTime(view.snapshot.computedAt)}
              </Typography.Text>
              <Tooltip title="重新汇总（各机关的报告可能刚刚更新）">
                <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()}>
                  刷新
                </Button>
              </Tooltip>
            </Space>
          </Space>
          <Space wrap size="large" data-testid="supervision-counts">
            <Statistic title="机关总数" value={counts.agencies} />
            <Statistic title="已发布" value={counts.published} styles={{ content: { color: '#389e0d' } }} />
            <Statistic title="已定稿" value={counts.finalized} />
            <Statistic title="审核中" value={counts.inReview} />
            <Statistic title="草稿" value={counts.draft} />
            <Statistic title="未开始" value={counts.notStarted} />
            <Statistic title="逾期" value={counts.late} styles={{ content: { color: counts.late > 0 ? '#cf1322' : undefined } }} />
          </Space>
        </Space>
      </Card>

      <DeadlineCard agency={agency} year={year} deadline={view.deadline} statutoryDeadline={view.statutoryDeadline} canSet={canSetDeadline} onChanged={() => void load()} />

      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as TabKey)}
          items={[
            {
              key: 'agencies',
              label: '各机关报送情况',
              children: (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Space wrap>
                    <span>报告状态</span>
                    <Select
                      aria-label="按报告状态筛选"
                      value={status ?? ''}
                      onChange={(value: SupervisionStatus | '') => setStatus(value === '' ? null : value)}
                      style={{ width: 140 }}
                      options={[{ value: '', label: '全部状态' }, ...STATUS_OPTIONS.map((o) => ({ value: o.value, label: o.label }))]}
                    />
                    <Checkbox checked={lateOnly} onChange={(event) => setLateOnly(event.target.checked)}>
                      只看逾期的
                    </Checkbox>
                    <Typography.Text type="secondary">
                      显示 {shown.length} / {view.agencies.length} 个机关
                    </Typography.Text>
                  </Space>
                  <AgencyTable agencies={shown} />
                </Space>
              ),
            },
            {
              key: 'tables',
              label: '汇总表（表二、三、四）',
              children: (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Space wrap>
                    <Button type="primary" icon={<DownloadOutlined />} href={withSnapshot(view.exports.xlsx, view.snapshot.id)} download data-testid="supervision-export-xlsx">
                      下载汇总表（Excel）
                    </Button>
                    <Button icon={<DownloadOutlined />} href={withSnapshot(view.exports.docx, view.snapshot.id)} download data-testid="supervision-export-docx">
                      下载汇总表（Word）
                    </Button>
                  </Space>
                  <Alert
                    type="info"
                    showIcon
                    title="汇总表是下列各机关年度报告中表二、表三、表四相应数字之和。已发布的机关用其发布的报告；已定稿未发布的用定稿版本；其余按平台上的记录实时计算，会随记录变化。"
                  />
                  <ReportTables
                    report={view.aggregate}
                    findings={[]}
                    focused={null}
                    onOpenCell={setCell}
                    hint="点击表格中的数字，可查看每个机关为这个数字贡献了多少。"
                  />
                </Space>
              ),
            },
            ...(canImport
              ? [
                  {
                    key: 'import' as const,
                    label: '导入未上平台机关的报告',
                    children: <ImportPanel agency={agency} year={year} agencies={view.agencies} onImported={() => void load()} />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <SupervisionCellDrawer agency={agency} year={year} cell={cell} agencies={view.agencies} snapshot={view.snapshot} onClose={() => setCell(null)} />
    </Space>
  );
}

function AgencyTable({ agencies }: { agencies: readonly SupervisedAgency[] }) {
  return (
    <Table
      rowKey="code"
      size="middle"
      scroll={{ x: 920 }}
      dataSource={agencies as SupervisedAgency[]}
      pagination={agencies.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      locale={{ emptyText: '没有符合条件的机关' }}
      onRow={(record) => ({ 'data-testid': `agency-row-${record.code}` }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: '机关',
          key: 'name',
          render: (_, a) => (
            <div style={{ paddingLeft: a.depth * 24, minWidth: 180 + a.depth * 24 }}>
              <a
                href={a.links.console}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(insideConsole(a.links.console));
                }}
              >
                {a.depth > 0 && <Typography.Text type="secondary">└ </Typography.Text>}
                {a.name}
              </a>
              <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                {a.levelLabel}
              </Typography.Text>
              {a.external && (
                <Tooltip title="该机关不在平台上编制报告，其报告由政务公开办导入">
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    （未上平台）
                  </Typography.Text>
                </Tooltip>
              )}
            </div>
          ),
        },
                {
          title: '报告状态',
          key: 'status',
          width: 150,
          render: (_, a) => (
            <Space size={4} wrap>
              <StatusTag status={a.status} label={a.statusLabel} />
              {a.late && <LateTag published={a.publishedAt !== null} />}
            </Space>
          ),
        },
        {
          title: '报送期限',
          key: 'deadline',
          width: 110,
          render: (_, a) => (
            <div>
              <div>{a.deadline}</div>
              {a.publishedAt !== null && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {a.publishedAt.slice(0, 10)} 发布
                </Typography.Text>
              )}
            </div>
          ),
        },
        {
          title: '检查结果',
          key: 'findings',
          width: 110,
          render: (_, a) =>
            a.errors === 0 && a.warnings === 0 ? (
              <Typography.Text type="success">未发现问题</Typography.Text>
            ) : (
              <Space size={4} wrap>
                {a.errors > 0 && <Typography.Text type="danger">{a.errors} 处错误</Typography.Text>}
                {a.warnings > 0 && <Typography.Text type="warning">{a.warnings} 处提示</Typography.Text>}
              </Space>
            ),
        },
        { title: '汇总所用报告', dataIndex: 'sourceLabel', width: 140 },
        {
          title: '操作',
          key: 'actions',
          width: 140,
          render: (_, a) => (
            <Space size="small" wrap>
              <a
                href={a.links.console}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(insideConsole(a.links.console));
                }}
              >
                查看详情
              </a>
              {a.links.portal !== null && (
                <a href={a.links.portal} target="_blank" rel="noreferrer">
                  公开的报告
                </a>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
