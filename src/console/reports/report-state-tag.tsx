// The report's state in words and colour.
import { Tag } from 'antd';
import type { ReportState } from './report-api.ts';

const COLORS: Record<ReportState, string> = { draft: 'default', inReview: 'processing', finalized: 'orange', published: 'green' };

export function ReportStateTag({ state, label }: { state: ReportState; label: string }) {
  return (
    <Tag color={COLORS[state]} data-testid="report-state">
      {label}
    </Tag>
  );
}
