// What lies behind one number of the report: the cases, documents or review cases counted in it.
import { Alert, Button, Drawer, Empty, List, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../api.ts';
import { navigate } from '../router.ts';
import type { ReportCellContents } from './report-api.ts';
import { getCellContents } from './report-api.ts';
import type { GridDataCell } from './report-grid.ts';
import { apiColumnOf } from './report-grid.ts';

/** The server's title may already start with the number; say it once. */
const headline = (item: { id: string; title: string }) => (item.title.includes(item.id) ? item.title : `${item.id} ${item.title}`);

const KIND_LABELS: Record<ReportCellContents['kind'], string> = { applications: '件申请', reviewCases: '件复议诉讼案件', documents: '件文件', figures: '' };

interface Props {
  agency: string;
  year: number;
  cell: GridDataCell | null;
  onClose: () => void;
  /** The button under a figures cell (行政许可…收费): 填写统计数 or 查看统计数. */
  figuresAction: string;
  onGoToFigures: () => void;
}

export function ReportCellDrawer({ agency, year, cell, onClose, figuresAction, onGoToFigures }: Props) {
  const [contents, setContents] = useState<ReportCellContents | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (cell === null) return;
    let live = true;
    setContents(null);
    setError(null);
    getCellContents(agency, year, cell.table, cell.row, apiColumnOf(cell))
      .then((result) => live && setContents(result))
      .catch((caught: unknown) => live && setError(caught instanceof ApiError ? caught.message : '载入失败，请稍后重试。'));
    return () => {
      live = false;
    };
  }, [agency, year, cell]);

  return (
    <Drawer open={cell !== null} onClose={onClose} size={560} title={contents?.label ?? '构成该数字的记录'} destroyOnHidden>
      <div data-testid="cell-drawer">
        {error !== null && <Alert type="error" showIcon title={error} />}
        {cell !== null && contents === null && error === null && <Spin style={{ display: 'block', margin: '40px auto' }} />}
        {contents !== null && (
          <>
            <Typography.Paragraph>
              表中数字：<strong data-testid="cell-drawer-value">{cell?.text === '' ? '空' : cell?.text}</strong>
              {contents.kind !== 'figures' && (
                <>
                  ；列出 <strong data-testid="cell-items-count">{contents.items.length}</strong> {KIND_LABELS[contents.kind]}
                </>
              )}
            </Typography.Paragraph>
            {contents.note !== null && <Alert type="info" showIcon title={contents.note} style={{ marginBottom: 12 }} />}
            {contents.kind === 'figures' && (
              <Button type="primary" onClick={onGoToFigures} data-testid="cell-drawer-figures">
                {figuresAction}
              </Button>
            )}
            {contents.truncated && <Alert type="warning" showIcon title="记录较多，只列出最近的一部分。" style={{ marginBottom: 12 }} />}
            {contents.kind !== 'figures' &&
              (contents.items.length === 0 ? (
                <Empty description="没有记录" />
              ) : (
                <List
                  size="small"
                  dataSource={contents.items}
                  renderItem={(item) => (
                    <List.Item data-testid="cell-item" key={item.id}>
                      <List.Item.Meta
                        title={
                          item.consolePath !== null ? (
                            <a
                              href={`/console${item.consolePath}`}
                              onClick={(event) => {
                                event.preventDefault();
                                onClose();
                                navigate(item.consolePath as string);
                              }}
                            >
                              {headline(item)}
                            </a>
                          ) : (
                            <span>{headline(item)}</span>
                          )
                        }
                        description={`${item.date} · ${item.detail}`}
                      />
                    </List.Item>
                  )}
                />
              ))}
          </>
        )}
      </div>
    </Drawer>
  );
}
