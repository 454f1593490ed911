// One agency of the subtree: its report as the 汇总 uses it (published, final, live or imported)
// with what the check found. No cases or drafts: the 政务公开办 sees the report's numbers only.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Finding } from '../reports/report-api.ts';
import type { GridDataCell } from '../reports/report-grid.ts';
import { findingCovers } from '../reports/report-grid.ts';
import { describeLocation } from '../reports/report-labels.ts';
import { ReportTables } from '../reports/report-tables.tsx';
import type { Snapshot, SupervisedAgency, SupervisedReport } from './supervision-api.ts';
import { errorText, getSupervisedReport } from './supervision-api.ts';
import { chinaDateTime } from './supervision-logic.ts';
import { LateTag, StatusTag } from './supervision-tags.tsx';

interface Props {
  root: { code: string; name: string };
  year: number;
  child: string;
  /** The agency's line of the overview; null when it is not in the subtree's list. */
  entry: SupervisedAgency | null;
  /** The overview's snapshot: the report as the 汇总 on screen used it. */
  snapshot: Snapshot;
  onBack: () => void;
}

export function SupervisedAgencyPage({ root, year, child, entry, snapshot, onBack }: Props) {
  const { message } = App.useApp();
  const [report, setReport] = useState<SupervisedReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setReport(null);
    setError(null);
    getSupervisedReport(root.code, year, child, snapshot.id)
      .then((answer) => live && setReport(answer))
      .catch((caught: unknown) => live && setError(errorText(caught, '无法载入该机关的年度报告，请稍后重试。')));
    return () => {
      live = false;
    };
  }, [root.code, year, child, snapshot.id]);

  const openCell = (cell: GridDataCell) => {
    const hits = (report?.findings ?? []).filter((f) => findingCovers(f.location, cell));
    void message.info(hits.length === 0 ? '这一格检查未发现问题。' : hits.map((f) => f.message).join('；'));
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
        返回{root.name}的监督汇总
      </Button>
      {error !== null && <Alert type="error" showIcon title={error} />}
      {report === null && error === null && <Spin size="large" description="正在载入……" style={{ display: 'block', margin: '60px auto' }} />}
      {report !== null && (
        <>
          <Card>
            <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="supervised-agency-title">
              {report.agency.name} {year}年度政府信息公开工作年度报告
            </Typography.Title>
            <Descriptions
              column={{ xs: 1, md: 2 }}
              size="small"
              items={[
                {
                  key: 'status',
                  label: '报告状态',
                  children: (
                    <Space size={4}>
                      <StatusTag status={report.status} label={report.statusLabel} />
                      {entry?.late === true && <LateTag published={entry.publishedAt !== null} />}
                    </Space>
                  ),
                },
                { key: 'source', label: '汇总所用报告', children: report.sourceLabel },
                { key: 'computedAt', label: '数据时间', children: <span data-testid="supervised-computed-at">{chinaDateTime(report.computedAt)}</span> },
                ...(entry === null
                  ? []
                  : [
                      { key: 'level', label: '层级', children: `${entry.levelLabel}${entry.external ? '（未上平台）' : ''}` },
                      { key: 'deadline', label: '报送期限', children: entry.deadline },
                      { key: 'published', label: '发布时间', children: entry.publishedAt === null ? '尚未发布' : entry.publishedAt.slice(0, 10) },
                      ...(entry.imported === null
                        ? []
                        : [{ key: 'imported', label: '导入的文件', children: `${entry.imported.fileName}（${entry.imported.importedAt.slice(0, 10)} 由 ${entry.imported.importedBy} 导入）` }]),
                      ...(entry.links.portal === null
                        ? []
                        : [
                            {
                              key: 'portal',
                              label: '公开的报告',
                              children: (
                                <a href={entry.links.portal} target="_blank" rel="noreferrer">
                                  在门户网站上查看
                                </a>
                              ),
                            },
                          ]),
                    ]),
              ]}
            />
          </Card>
          <Card title="检查结果">
            <FindingList findings={report.findings} />
          </Card>
          <Card title="表二、三、四">
            {report.report === null ? (
              <Empty description="该机关本年度还没有可用的报告" />
            ) : (
              <ReportTables report={report.report} findings={report.findings} focused={null} onOpenCell={openCell} hint="红色底纹表示检查发现错误，黄色表示提示；点击数字可看该格的检查说明。" />
            )}
          </Card>
        </>
      )}
    </Space>
  );
}

function FindingList({ findings }: { findings: readonly Finding[] }) {
  if (findings.length === 0) return <Empty description="检查未发现问题" />;
  const ordered = [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity === 'warning')];
  return (
    <List
      size="small"
      dataSource={ordered}
      renderItem={(finding, index) => (
        <List.Item key={index} data-testid="supervised-finding">
          <Space orientation="vertical" size={0}>
            <Space wrap>
              <Tag color={finding.severity === 'error' ? 'red' : 'gold'}>{finding.severity === 'error' ? '错误' : '提示'}</Tag>
              <span>{finding.message}</span>
            </Space>
            <Typography.Text type="secondary">位置：{describeLocation(finding.location)}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}
