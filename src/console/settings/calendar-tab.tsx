// 节假日安排 (calendar.load): the years loaded and built in, and loading a year from the State
// Council's notice as a JSON or ICS file. The server recomputes the open cases' reply periods
// and answers which ones moved; that list is shown as it comes.
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, InputNumber, Space, Table, Tag, Typography, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, errorText } from '../api.ts';
import { calendarRows, chinaMinute } from './settings-logic.ts';
import type { CalendarLoadResult, CalendarYears } from './settings-api.ts';


/** POSTs an ICS file as text/calendar (api() sends JSON only); errors as ApiError with the server's Chinese message. */
async function postIcs(text: string, query: URLSearchParams): Promise<CalendarLoadResult> {
  const response = await fetch(`/api/calendar/years?${query.toString()}`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'text/calendar' }, body: text });
  const data = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
  if (!response.ok) throw new ApiError(response.status, data.error ?? 'HTTP', data.message ?? `服务器出错（${response.status}），请稍后重试。`);
  return data as unknown as CalendarLoadResult;
}

const dueText = (due: string | null, provisional: boolean) => (due === null ? '—' : provisional ? `${due}（暂定）` : due);

export function CalendarTab({ canLoad }: { canLoad: boolean }) {
  const { message } = App.useApp();
  const [years, setYears] = useState<CalendarYears | null>(null);
  const [icsYear, setIcsYear] = useState<number | null>(null);
  const [result, setResult] = useState<CalendarLoadResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api<CalendarYears>('/api/calendar/years')
      .then(setYears)
      .catch((e: unknown) => message.error(errorText(e)));
  }, [message]);
  useEffect(load, [load]);

  async function upload(file: File): Promise<void> {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const text = await file.text();
      const isIcs = /\.ics$/i.test(file.name) || text.trimStart().startsWith('BEGIN:VCALENDAR');
      let loaded: CalendarLoadResult;
      if (isIcs) {
        const query = new URLSearchParams({ source: file.name.slice(0, 200) });
        if (icsYear !== null) query.set('year', String(icsYear));
        loaded = await postIcs(text, query);
      } else {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          throw new ApiError(400, 'BAD_INPUT', '文件既不是 ICS 日历，也不是有效的 JSON。');
        }
        loaded = await api<CalendarLoadResult>('/api/calendar/years', { method: 'POST', body });
      }
      setResult(loaded);
      message.success(`已载入${loaded.year}年节假日安排`);
      load();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const rows = years === null ? [] : calendarRows(years);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card size="small" title="已有的节假日安排">
        <Typography.Paragraph type="secondary">答复期限按工作日计算（条例第三十三条），须有当年的放假和调休上班安排。没有安排的年份，期限标为“暂定”（只扣除周末）。</Typography.Paragraph>
        <Table
          rowKey="year"
          size="small"
          loading={years === null}
          pagination={false}
          dataSource={rows}
          data-testid="calendar-years"
          columns={[
            { title: '年份', dataIndex: 'year', width: 100 },
            { title: '来源', dataIndex: 'source', render: (source: string, row) => (row.builtIn ? <Tag>系统内置</Tag> : source) },
            { title: '载入时间', dataIndex: 'loadedAt', width: 170, render: (at: string) => (at === '' ? '—' : chinaMinute(at)) },
            { title: '载入人', dataIndex: 'loadedBy', width: 140, render: (by: string) => (by === '' ? '—' : by) },
          ]}
        />
      </Card>

      {canLoad ? (
        <Card size="small" title="载入一年的节假日安排">
          <Typography.Paragraph>
            国务院办公厅每年年底发布次年部分节假日安排的通知。可上传两种文件：
          </Typography.Paragraph>
          <ul style={{ marginTop: 0 }}>
            <li>
              JSON 文件，格式为：
              <Typography.Text code>{'{"year":2027,"holidays":[{"date":"2027-01-01","name":"元旦"}],"makeupWorkdays":[{"date":"2027-02-06","name":"春节"}],"source":"国办发明电〔2026〕X号"}'}</Typography.Text>
            </li>
            <li>ICS 日历文件：全天日程，标题如“春节(休)”表示放假、“春节(班)”表示调休上班。</li>
          </ul>
          <Space wrap>
            <Typography.Text>ICS 文件含多个年份时，载入年份：</Typography.Text>
            <InputNumber aria-label="载入年份" min={2000} max={2100} value={icsYear} onChange={(value) => setIcsYear(value)} placeholder="如 2027" />
            <Upload
              accept=".json,.ics,application/json,text/calendar"
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button type="primary" icon={<UploadOutlined />} loading={busy}>
                选择文件并载入
              </Button>
            </Upload>
          </Space>
          {error !== null && <Alert type="error" showIcon title="未能载入" description={error} style={{ marginTop: 16 }} data-testid="calendar-error" />}
          {result !== null && (
            <div style={{ marginTop: 16 }} data-testid="calendar-result">
              <Alert
                type="success"
                showIcon
                title={`已载入${result.year}年节假日安排（${result.source}）`}
                description={result.changedCases.length === 0 ? '没有未办结申请的答复期限因此改变。' : `以下${result.changedCases.length}件未办结申请的答复期限已重新计算：`}
              />
              {result.changedCases.length > 0 && (
                <Table
                  rowKey="trackingNumber"
                  size="small"
                  pagination={false}
                  style={{ marginTop: 8 }}
                  dataSource={result.changedCases}
                  columns={[
                    { title: '申请编号', dataIndex: 'trackingNumber' },
                    { title: '原答复期限', key: 'old', render: (_, row) => dueText(row.oldDueOn, row.oldProvisional) },
                    { title: '新答复期限', key: 'new', render: (_, row) => dueText(row.newDueOn, row.newProvisional) },
                  ]}
                />
              )}
            </div>
          )}
        </Card>
      ) : (
        <Alert type="info" showIcon title="只有系统管理员可以载入节假日安排。" />
      )}
    </Space>
  );
}
