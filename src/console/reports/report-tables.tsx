// Tables 二 三 四 as in the printed report (merged headers, 宋体-like plain grid). Every value cell
// is a button: a click lists the cases or publications behind it. Cells a lint finding points at
// are shaded red (error) or yellow (warning).
import { Tooltip, Typography } from 'antd';
import type { CSSProperties } from 'react';
import type { Finding, ReportJson } from './report-api.ts';
import type { GridCell, GridDataCell, ReportGrid } from './report-grid.ts';
import { buildTable2, buildTable3, buildTable4, cellTestId, findingCovers } from './report-grid.ts';
import { SECTION_TITLES, TABLE_SECTIONS } from './report-labels.ts';

const border = '1px solid #595959';
const baseCell: CSSProperties = { border, padding: '4px 6px', fontSize: 13, lineHeight: 1.5, verticalAlign: 'middle' };
// Table 三: wide enough that 自然人、科研机构 stay on one line; the label columns take the rest.
const TABLE3_VALUE_WIDTH: CSSProperties = { width: 64, minWidth: 56 };
const STYLES: Record<GridCell['kind'], CSSProperties> = {
  caption: { ...baseCell, textAlign: 'center', fontWeight: 600, background: '#fafafa' },
  note: { ...baseCell, textAlign: 'center', fontSize: 12 },
  header: { ...baseCell, textAlign: 'center' },
  data: { ...baseCell, textAlign: 'center', padding: 0 },
};

interface Props {
  report: ReportJson;
  findings: readonly Finding[];
  /** data-testid of the cell to flash (after a click in the 检查 list). */
  focused: string | null;
  onOpenCell: (cell: GridDataCell) => void;
  /** The line above the tables; by default it speaks of the cases behind a number (年度报告). */
  hint?: string;
}

function TableView({ grid, findings, focused, onOpenCell }: { grid: ReportGrid } & Omit<Props, 'report'>) {
  const renderCell = (cell: GridCell, index: number) => {
    if (cell.data === null) {
      return (
        <td key={index} rowSpan={cell.rowSpan} colSpan={cell.colSpan} style={STYLES[cell.kind]}>
          {cell.text}
        </td>
      );
    }
    const data = cell.data;
    const testId = cellTestId(data);
    const hits = findings.filter((f) => findingCovers(f.location, data));
    const severity = hits.some((f) => f.severity === 'error') ? 'error' : hits.length > 0 ? 'warning' : null;
    const background = severity === 'error' ? '#fff1f0' : severity === 'warning' ? '#fffbe6' : undefined;
    const outline = focused === testId ? '3px solid #1677ff' : severity === 'error' ? '2px solid #ff4d4f' : severity === 'warning' ? '2px solid #faad14' : undefined;
    const button = (
      <button
        type="button"
        data-testid={testId}
        data-finding={severity ?? undefined}
        aria-label={`查看构成该数字的记录：${cell.text === '' ? '空' : cell.text}`}
        onClick={() => onOpenCell(data)}
        style={{ all: 'unset', display: 'block', boxSizing: 'border-box', width: '100%', padding: '4px 6px', cursor: 'pointer', color: '#0958d9', textDecoration: 'underline', outline, outlineOffset: -3 }}
      >
        {cell.text === '' ? '—' : cell.text}
      </button>
    );
    return (
      <td key={index} rowSpan={cell.rowSpan} colSpan={cell.colSpan} style={{ ...STYLES.data, ...(grid.table === 'table3' ? TABLE3_VALUE_WIDTH : {}), background }}>
        {hits.length > 0 ? <Tooltip title={hits.map((f) => f.message).join('；')}>{button}</Tooltip> : button}
      </td>
    );
  };
  return (
    <table data-testid={`report-${grid.table}`} style={{ borderCollapse: 'collapse', width: '100%', background: '#fff', tableLayout: 'auto' }}>
      {grid.table !== 'table3' && (
        // Tables 二 and 四 print with columns of equal width.
        <colgroup>
          {Array.from({ length: grid.columnCount }, (_, index) => (
            <col key={index} style={{ width: `${100 / grid.columnCount}%` }} />
          ))}
        </colgroup>
      )}
      {grid.head.length > 0 && (
        <thead>
          {grid.head.map((row, r) => (
            <tr key={r}>{row.map(renderCell)}</tr>
          ))}
        </thead>
      )}
      <tbody>
        {grid.body.map((row, r) => (
          <tr key={r}>{row.map(renderCell)}</tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReportTables({ report, findings, focused, onOpenCell, hint }: Props) {
  const grids = [buildTable2(report), buildTable3(report), buildTable4(report)];
  return (
    <div>
      <Typography.Paragraph type="secondary">{hint ?? '点击表格中的数字，可查看构成该数字的申请、文件或复议诉讼案件。红色底纹表示检查发现错误，黄色表示提示。'}</Typography.Paragraph>
      {grids.map((grid) => (
        <section key={grid.table} style={{ marginBottom: 24 }}>
          <Typography.Title level={5}>{SECTION_TITLES[TABLE_SECTIONS[grid.table]]}</Typography.Title>
          <div style={{ overflowX: 'auto' }}>
            <TableView grid={grid} findings={findings} focused={focused} onOpenCell={onOpenCell} />
          </div>
        </section>
      ))}
    </div>
  );
}
