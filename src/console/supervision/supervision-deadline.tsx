// The deadline of the subtree's reports: 条例第四十九条 says 1月31日; a 政务公开办 may set another
// date for its subtree (after the year), or go back to 1月31日.
import { App, Button, Card, DatePicker, Popconfirm, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorText, setDeadline } from './supervision-api.ts';

interface Props {
  agency: string;
  year: number;
  deadline: string | null;
  statutoryDeadline: string;
  canSet: boolean;
  onChanged: () => void;
}

export function DeadlineCard({ agency, year, deadline, statutoryDeadline, canSet, onChanged }: Props) {
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(dueOn: string | null): Promise<void> {
    setBusy(true);
    try {
      await setDeadline(agency, year, dueOn);
      void message.success(dueOn === null ? '报送期限已恢复为1月31日' : `报送期限已改为 ${dueOn}`);
      setEditing(false);
      onChanged();
    } catch (caught) {
      void message.error(errorText(caught, '未能修改报送期限，请稍后重试。'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small">
      <Space wrap size="middle">
        <span>
          报送期限：<Typography.Text strong data-testid="supervision-deadline">{deadline ?? statutoryDeadline}</Typography.Text>
          <Typography.Text type="secondary">
            {deadline === null ? '（《政府信息公开条例》第四十九条规定的每年1月31日）' : `（本机关设定，法定期限为 ${statutoryDeadline}）`}
          </Typography.Text>
        </span>
        {canSet && !editing && (
          <Button
            size="small"
            onClick={() => {
              setValue(dayjs(deadline ?? statutoryDeadline));
              setEditing(true);
            }}
          >
            修改期限
          </Button>
        )}
        {canSet && editing && (
          <Space wrap>
            <DatePicker aria-label="新的报送期限" value={value} onChange={(next) => setValue(next)} allowClear={false} />
            <Popconfirm
              title="修改报送期限"
              description="新的期限适用于本机关及所有下级机关的本年度报告，是否确定？"
              okText="确定"
              cancelText="取消"
              disabled={value === null}
              onConfirm={() => value !== null && save(value.format('YYYY-MM-DD'))}
            >
              <Button size="small" type="primary" loading={busy} disabled={value === null}>
                保存
              </Button>
            </Popconfirm>
            <Button size="small" onClick={() => setEditing(false)}>
              取消
            </Button>
          </Space>
        )}
        {canSet && deadline !== null && (
          <Popconfirm title="恢复为1月31日" description="恢复后，下级机关按法定的1月31日报送。是否确定？" okText="确定" cancelText="取消" onConfirm={() => save(null)}>
            <Button size="small" loading={busy}>
              恢复为1月31日
            </Button>
          </Popconfirm>
        )}
      </Space>
    </Card>
  );
}
