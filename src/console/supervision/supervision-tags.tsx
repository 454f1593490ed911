// The report status and 逾期 as coloured tags, and the words for the version a sum uses.
import { Tag } from 'antd';
import type { ReportSource, SupervisionStatus } from './supervision-api.ts';
import { STATUS_OPTIONS } from './supervision-logic.ts';

export const SOURCE_LABELS: Record<ReportSource, string> = {
  published: '已发布的报告',
  final: '已定稿的报告',
  live: '按平台记录计算（尚未定稿）',
  imported: '导入的报告文件',
  none: '无',
};

export function StatusTag({ status, label }: { status: SupervisionStatus; label?: string }) {
  const option = STATUS_OPTIONS.find((o) => o.value === status);
  return (
    <Tag color={option?.color ?? 'default'} data-testid="supervision-status">
      {label ?? option?.label ?? status}
    </Tag>
  );
}

/** Late: not published by the deadline (逾期), or published after it (逾期发布). */
export function LateTag({ published }: { published: boolean }) {
  return (
    <Tag color="red" data-testid="late-tag">
      {published ? '逾期发布' : '逾期'}
    </Tag>
  );
}
