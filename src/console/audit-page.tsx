// 审计记录: the agency's audit trail, newest first, filtered by 操作人, 操作 and dates (days in
// China), a page at a time; 导出 CSV for 审计员 (audit.export), and 校验 of the hash chains (one per
// agency and one for the platform), reported chain by chain. An entry's 序号 counts within its 链.
import { Alert, Button, Card, DatePicker, Form, Input, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import type { AuditChainVerifyReport, AuditEntry, AuditFilters, AuditPage as AuditPageData, AuditVerifyReport } from './api.ts';
import { api, ApiError, auditExportUrl, listAuditEntries } from './api.ts';

/** "2026-11-28 08:30:00": the stored UTC instant shown in China time (UTC+8). */
export function chinaTime(at: string): string {
  return new Date(Date.parse(at) + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Chain 0 is the platform's (it also holds the entries written before the trail was split by agency). */
function chainLabel(chainId: number, agencyCode: string | null): string {
  return chainId === 0 ? '全平台' : (agencyCode ?? `#${chainId}`);
}

const COLUMNS: TableColumnsType<AuditEntry> = [
  { title: '链', dataIndex: 'chainId', width: 100, render: (chainId: number, entry) => chainLabel(chainId, entry.agencyCode) },
  { title: '序号', dataIndex: 'seq', width: 80 },
  { title: '时间', dataIndex: 'at', width: 180, render: (at: string) => chinaTime(at) },
  { title: '操作人', dataIndex: 'actor', width: 140 },
  { title: '操作', dataIndex: 'actionLabel', width: 160, render: (label: string, entry) => <span title={entry.action}>{label}</span> },
  { title: '对象', dataIndex: 'subject', width: 220 },
  {
    title: '详情',
    dataIndex: 'detail',
    render: (detail: AuditEntry['detail']) =>
      detail === null || Object.keys(detail).length === 0 ? (
        <Typography.Text type="secondary">无</Typography.Text>
      ) : (
        <details>
          <summary style={{ cursor: 'pointer' }}>展开</summary>
          <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify(detail, null, 2)}</pre>
        </details>
      ),
  },
];

const CHAIN_COLUMNS: TableColumnsType<AuditChainVerifyReport> = [
  { title: '链', dataIndex: 'chainId', render: (_: number, chain) => (chain.chainId === 0 ? '全平台链' : `${chain.agencyName ?? ''}（${chain.agencyCode ?? `#${chain.chainId}`}）`) },
  { title: '条数', dataIndex: 'count', width: 90 },
  { title: '最后一条', dataIndex: 'lastSeq', width: 90, render: (lastSeq: number | null) => lastSeq ?? '无' },
  {
    title: '最后一条的哈希',
    dataIndex: 'lastHash',
    render: (hash: string | null) => (hash === null ? '无' : <Typography.Text code copyable={{ text: hash }} title={hash}>{`${hash.slice(0, 16)}…`}</Typography.Text>),
  },
  { title: '问题', dataIndex: 'findings', width: 80, render: (findings: AuditChainVerifyReport['findings']) => (findings.length === 0 ? '无' : <Typography.Text type="danger">{findings.length} 处</Typography.Text>) },
];

function ChainTable({ chains }: { chains: AuditChainVerifyReport[] }) {
  if (chains.length === 0) return null;
  return <Table size="small" rowKey="chainId" columns={CHAIN_COLUMNS} dataSource={chains} pagination={chains.length > 10 ? { pageSize: 10, showSizeChanger: false } : false} style={{ marginTop: 8 }} />;
}

interface FormValues {
  actor?: string;
  action?: string;
}

export function AuditPage({ agency, canExport }: { agency: string; canExport: boolean }) {
  const [filters, setFilters] = useState<AuditFilters>({});
  const [range, setRange] = useState<[string, string] | null>(null);
  const [pageNumber, setPageNumber] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [page, setPage] = useState<AuditPageData | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [report, setReport] = useState<AuditVerifyReport | null>(null);
  const [form] = Form.useForm<FormValues>();

  useEffect(() => {
    let live = true;
    setLoading(true);
    listAuditEntries(agency, filters, pageSize, (pageNumber - 1) * pageSize)
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
  }, [agency, filters, pageNumber, pageSize]);

  const search = (values: FormValues) => {
    setFilters({
      ...(values.actor === undefined ? {} : { actor: values.actor }),
      ...(values.action === undefined ? {} : { action: values.action }),
      ...(range === null || range[0] === '' ? {} : { from: range[0], to: range[1] }),
    });
    setPageNumber(1);
  };

  async function verify(): Promise<void> {
    setVerifying(true);
    try {
      setReport(await api<AuditVerifyReport>('/api/audit/verify'));
    } catch (caught) {
      setReport({ count: 0, chains: [], findings: [{ chainId: 0, kind: 'error', seq: 0, message: caught instanceof ApiError ? caught.message : '校验失败，请稍后重试。' }] });
    } finally {
      setVerifying(false);
    }
  }

  return (
    <Card
      title="审计记录"
      extra={
        <Space>
          <Button loading={verifying} onClick={() => void verify()}>
            校验
          </Button>
          {canExport && (
            <Button type="primary" href={auditExportUrl(agency, filters)}>
              导出 CSV
            </Button>
          )}
        </Space>
      }
    >
      {report !== null &&
        (report.findings.length === 0 ? (
          <Alert
            type="success"
            showIcon
            data-testid="audit-verify"
            title={`哈希链完整：${report.chains.length} 条链共 ${report.count} 条`}
            description={<ChainTable chains={report.chains} />}
            style={{ marginBottom: 16 }}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            data-testid="audit-verify"
            title={`哈希链校验发现 ${report.findings.length} 处问题`}
            description={
              <>
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {report.findings.map((finding) => (
                    <li key={`${finding.chainId}-${finding.kind}-${finding.seq}`}>{finding.message}</li>
                  ))}
                </ul>
                <ChainTable chains={report.chains} />
              </>
            }
            style={{ marginBottom: 16 }}
          />
        ))}
      <Form form={form} layout="inline" onFinish={search} style={{ marginBottom: 16, rowGap: 12 }}>
        <Form.Item label="操作人" name="actor">
          <Input allowClear placeholder="登录名" style={{ width: 160 }} maxLength={64} />
        </Form.Item>
        <Form.Item label="操作" name="action">
          <Input allowClear placeholder="操作代码，如 settings.changed" style={{ width: 240 }} maxLength={100} />
        </Form.Item>
        <Form.Item label="日期">
          <DatePicker.RangePicker aria-label="日期" onChange={(_, strings) => setRange(strings[0] === '' ? null : strings)} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
        </Form.Item>
      </Form>
      {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table
        rowKey={(entry) => `${entry.chainId}:${entry.seq}`}
        columns={COLUMNS}
        dataSource={page?.entries ?? []}
        loading={loading}
        locale={{ emptyText: '没有符合条件的审计记录' }}
        pagination={{
          current: pageNumber,
          pageSize,
          total: page?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => `共 ${total} 条`,
          onChange: (next, size) => {
            setPageNumber(size === pageSize ? next : 1);
            setPageSize(size);
          },
        }}
      />
    </Card>
  );
}
