// Import of the published annual reports of agencies not on the platform (PDF, Word, Excel, web
// page or text): the server reads the tables, checks them, and adds the agency under this one when
// it is new. Each file's result is listed; 查看 opens what was read and what the check found.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { navigate } from '../router.ts';
import type { ImportResult, SupervisedAgency } from './supervision-api.ts';
import { errorText, importReports } from './supervision-api.ts';
import { supervisionPath } from './supervision-logic.ts';

interface Props {
  agency: string;
  year: number;
  agencies: readonly SupervisedAgency[];
  onImported: () => void;
}

export function ImportPanel({ agency, year, agencies, onImported }: Props) {
  const { message } = App.useApp();
  const [files, setFiles] = useState<File[]>([]);
  const [childCode, setChildCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<ImportResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const externals = agencies.filter((a) => a.external);

  async function start(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const answer = await importReports(agency, year, files, childCode);
      setResults(answer);
      setFiles([]);
      const done = answer.filter((r) => r.imported).length;
      if (done > 0) void message.success(`已导入 ${done} 份报告`);
      else void message.warning('没有导入任何报告，请查看每个文件的说明。');
      onImported();
    } catch (caught) {
      setError(errorText(caught, '导入失败，请稍后重试。'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        对于不在本平台编制年度报告的下级机关，可以把它们已经发布的{year}年度报告文件（PDF、Word、Excel、网页或文本）导入，计入汇总。
        系统会读出报告中的表二、表三、表四并进行检查；按报告中的机关名称对应到已有机关，找不到时在本机关之下新建一个“未上平台”的机关。
      </Typography.Paragraph>
      <Upload.Dragger
        multiple
        fileList={files.map((file, index) => ({ uid: `${index}-${file.name}`, name: file.name, status: 'done' as const }))}
        beforeUpload={(file) => {
          setFiles((current) => [...current, file]);
          return false;
        }}
        onRemove={(removed) => setFiles((current) => current.filter((file, index) => `${index}-${file.name}` !== removed.uid))}
        accept=".pdf,.doc,.docx,.xls,.xlsx,.htm,.html,.txt"
        data-testid="import-files"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或把报告文件拖到这里（可一次选多个）</p>
        <p className="ant-upload-hint">每个文件不超过 20 MB，一次最多 100 个</p>
      </Upload.Dragger>
      <Space wrap>
        <span>导入为</span>
        <Select
          aria-label="导入为哪个机关的报告"
          style={{ minWidth: 300 }}
          value={childCode ?? ''}
          onChange={(value: string) => setChildCode(value === '' ? null : value)}
          options={[{ value: '', label: '按报告中的机关名称自动对应' }, ...externals.map((a) => ({ value: a.code, label: a.name }))]}
        />
        <Button type="primary" loading={busy} disabled={files.length === 0} onClick={() => void start()}>
          开始导入
        </Button>
      </Space>
      {error !== null && <Alert type="error" showIcon title={error} />}
      {results !== null && (
        <Table
          rowKey={(r) => r.fileName}
          size="small"
          pagination={false}
          dataSource={results}
          data-testid="import-results"
          columns={[
            { title: '文件', dataIndex: 'fileName', width: 200 },
            { title: '结果', key: 'imported', width: 90, render: (_, r) => (r.imported ? <Tag color="green">已导入</Tag> : <Tag color="red">未导入</Tag>) },
            {
              title: '机关',
              key: 'agency',
              render: (_, r) =>
                r.agencyName === null ? (
                  '—'
                ) : (
                  <span>
                    {r.agencyName}
                    {r.createdAgency && <Tag style={{ marginLeft: 8 }}>新建</Tag>}
                  </span>
                ),
            },
            {
              title: '检查结果',
              key: 'findings',
              width: 150,
              render: (_, r) =>
                !r.imported ? (
                  '—'
                ) : r.errors === 0 && r.warnings === 0 ? (
                  <Typography.Text type="success">未发现问题</Typography.Text>
                ) : (
                  <Space size={4} wrap>
                    {r.errors > 0 && <Typography.Text type="danger">{r.errors} 处错误</Typography.Text>}
                    {r.warnings > 0 && <Typography.Text type="warning">{r.warnings} 处提示</Typography.Text>}
                  </Space>
                ),
            },
            { title: '说明', dataIndex: 'message' },
            {
              title: '',
              key: 'open',
              width: 130,
              render: (_, r) =>
                r.imported && r.agencyCode !== null ? (
                  <a
                    onClick={(event) => {
                      event.preventDefault();
                      navigate(supervisionPath({ agency, year, child: r.agencyCode }));
                    }}
                    href="#"
                  >
                    查看读出的报告
                  </a>
                ) : null,
            },
          ]}
        />
      )}
    </Space>
  );
}
