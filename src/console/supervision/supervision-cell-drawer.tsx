// One number of the 汇总表 broken down: each agency of the subtree with the figure it contributed
// and which version of its report was used, and the total the table shows. Asked with the view's
// snapshot id, so the shares add up to the number clicked; if the server no longer had it (expired,
// or another server process), it recomputed, and the drawer says the numbers may differ.
import { Alert, Drawer, Spin, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useEffect, useState } from 'react';
import type { GridDataCell } from '../reports/report-grid.ts';
import { apiColumnOf } from '../reports/report-grid.ts';
import type { CellValue, Snapshot, SupervisedAgency, SupervisionCell } from './supervision-api.ts';
import { errorText, getCell } from './supervision-api.ts';
import { chinaDateTime } from './supervision-logic.ts';
import { SOURCE_LABELS } from './supervision-tags.tsx';

interface Props {
  agency: string;
  year: number;
  cell: GridDataCell | null;
  agencies: readonly SupervisedAgency[];
  /** The view's snapshot: the drawer answers from the same roll-up as the screen. */
  snapshot: Snapshot;
  onClose: () => void;
}

const shown = (value: CellValue): string => (value === null ? '未填' : String(value));

export function SupervisionCellDrawer({ agency, year, cell, agencies, snapshot, onClose }: Props) {
  const [answer, setAnswer] = useState<SupervisionCell | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (cell === null) return;
    let live = true;
    setAnswer(null);
    setError(null);
    getCell(agency, year, cell.table, cell.row, apiColumnOf(cell), snapshot.id)
      .then((result) => live && setAnswer(result))
      .catch((caught: unknown) => live && setError(errorText(caught, '无法载入该数字的构成，请稍后重试。')));
    return () => {
      live = false;
    };
  }, [agency, year, cell, snapshot.id]);

  const rows = answer?.contributions ?? [];
  return (
    <Drawer open={cell !== null} onClose={onClose} size={640} title={answer === null ? '该数字的构成' : `该数字的构成：${answer.label}`} destroyOnHidden>
      {error !== null && <Alert type="error" showIcon title={error} />}
      {answer === null && error === null && <Spin description="正在载入……" style={{ display: 'block', margin: '40px auto' }} />}
      {answer !== null && (
        <>
          {answer.computedAt !== snapshot.computedAt && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="cell-recomputed"
              title={`页面上的汇总（数据时间 ${chinaDateTime(snapshot.computedAt)}）已失效，下列数字按 ${chinaDateTime(answer.computedAt)} 的数据重新汇总，可能与页面上的数字不同。请点击“刷新”更新页面。`}
            />
          )}
          <Typography.Paragraph>
            汇总表中的数字 <Typography.Text strong data-testid="cell-total">{shown(answer.total)}</Typography.Text> 是下列各机关年度报告中这一格数字之和。“未填”的机关不计入。
            <Typography.Text type="secondary" data-testid="cell-computed-at">
              （数据时间：{chinaDateTime(answer.computedAt)}）
            </Typography.Text>
          </Typography.Paragraph>
          <Table
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={rows}
            onRow={(record) => ({ 'data-testid': `contribution-${record.code}` }) as HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: '机关',
                key: 'name',
                render: (_, record) => <span style={{ paddingLeft: record.depth * 20 }}>{record.name}</span>,
              },
              {
                title: '所用报告',
                key: 'source',
                render: (_, record) => agencies.find((a) => a.code === record.code)?.sourceLabel ?? SOURCE_LABELS[record.source],
              },
              {
                title: '数字',
                key: 'value',
                align: 'right',
                render: (_, record) => (
                  <span data-testid="contribution-value" style={record.value === null ? { color: '#8c8c8c' } : undefined}>
                    {shown(record.value)}
                  </span>
                ),
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <Typography.Text strong>合计</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <Typography.Text strong>{shown(answer.total)}</Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </>
      )}
    </Drawer>
  );
}
