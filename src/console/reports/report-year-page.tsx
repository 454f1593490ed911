// One year's annual report: its state and approval steps, the buttons the user may press, the
// history, and the tabs 表格 / 统计数 / 文字 / 检查 / 导出.
import { ArrowLeftOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Result, Space, Spin, Steps, Tabs, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import { navigate } from '../router.ts';
import type { Finding, ReportCommand, ReportState, ReportView } from './report-api.ts';
import { getReport } from './report-api.ts';
import { COMMAND_LABELS, ReportCommandModal } from './report-command-modal.tsx';
import { ReportCellDrawer } from './report-cell-drawer.tsx';
import { ReportFiguresTab } from './report-figures-tab.tsx';
import { ReportFindings } from './report-findings.tsx';
import type { GridDataCell } from './report-grid.ts';
import { buildTable2, buildTable3, buildTable4, cellTestId, findingCovers } from './report-grid.ts';
import type { TextSectionCode } from './report-labels.ts';
import { TEXT_SECTIONS } from './report-labels.ts';
import { ReportStateTag } from './report-state-tag.tsx';
import type { TextTabHandle } from './report-text-tab.tsx';
import { ReportTextTab } from './report-text-tab.tsx';
import { ReportTables } from './report-tables.tsx';

const STEP_OF: Record<ReportState, number> = { draft: 0, inReview: 1, finalized: 2, published: 3 };
const COMMAND_ORDER: ReportCommand[] = ['submit', 'return', 'finalize', 'publish', 'unlock'];
const DONE_MESSAGES: Record<ReportCommand, string> = {
  submit: '已提交审核',
  return: '已退回修改',
  finalize: '已定稿，本年度记录已锁定',
  publish: '已发布，公众现在可以看到本报告',
  unlock: '已解除锁定，报告退回草稿',
};

type TabKey = 'tables' | 'figures' | 'text' | 'findings' | 'exports';

/** The first value cell a finding points at, or null when it names a whole table or a text section. */
function firstCellOf(view: ReportView, finding: Finding): GridDataCell | null {
  const grids = [buildTable2(view.report), buildTable3(view.report), buildTable4(view.report)];
  for (const grid of grids) {
    for (const cell of [...grid.head, ...grid.body].flat()) {
      if (cell.data !== null && findingCovers(finding.location, cell.data)) return cell.data;
    }
  }
  return null;
}

export function ReportYearPage({ agency, year, mayEditFigures }: { agency: string; year: number; mayEditFigures: boolean }) {
  const { message } = App.useApp();
  const [view, setView] = useState<ReportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<TabKey>('tables');
  const [command, setCommand] = useState<ReportCommand | null>(null);
  const [openCell, setOpenCell] = useState<GridDataCell | null>(null);
  const [focused, setFocused] = useState<string | null>(null);
  const [textDirty, setTextDirty] = useState(false);
  const [figuresDirty, setFiguresDirty] = useState(false);
  const textTab = useRef<TextTabHandle>(null);

  useEffect(() => {
    let live = true;
    getReport(agency, year)
      .then((result) => live && setView(result))
      .catch((caught: unknown) => live && setError(caught instanceof ApiError ? caught.message : '载入失败，请稍后重试。'));
    return () => {
      live = false;
    };
  }, [agency, year]);

  // After a click in 检查, bring the pointed cell into view once the 表格 tab is drawn.
  useEffect(() => {
    if (tab !== 'tables' || focused === null) return;
    const timer = window.setTimeout(() => document.querySelector(`[data-testid="${focused}"]`)?.scrollIntoView({ block: 'center' }), 50);
    return () => window.clearTimeout(timer);
  }, [tab, focused]);

  const goTo = useCallback(
    (finding: Finding) => {
      if (view === null) return;
      // A finding in 一/五/六 is about what the text says (it may name the table cell it disagrees with too).
      const section = TEXT_SECTIONS.find((s) => s.ordinal === finding.location.section);
      if (section !== undefined) {
        setTab('text');
        window.setTimeout(() => textTab.current?.focus(section.code as TextSectionCode), 50);
        return;
      }
      const cell = firstCellOf(view, finding);
      setTab('tables');
      if (cell !== null) setFocused(cellTestId(cell));
      else if (finding.location.table !== null) {
        setFocused(null);
        window.setTimeout(() => document.querySelector(`[data-testid="report-${finding.location.table}"]`)?.scrollIntoView({ block: 'start' }), 50);
      }
    },
    [view],
  );

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/reports')}>
      返回年度列表
    </Button>
  );
  if (error !== null) return <Result status="warning" title={error} extra={back} />;
  if (view === null) return <Spin size="large" style={{ display: 'block', margin: '80px auto' }} />;

  const errors = view.findings.filter((f) => f.severity === 'error').length;
  const warnings = view.findings.length - errors;
  const commands = COMMAND_ORDER.filter((c) => view.allowedCommands.includes(c));
  const finalText = view.state === 'finalized' || view.state === 'published';
  const t2 = view.report.table2;
  const figuresMissing = [t2.licensing, t2.penalty, t2.enforcement, t2.administrativeFees].some((value) => value === null);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        {back}
        <Typography.Title level={4} style={{ margin: 0 }}>
          {view.report.agencyName ?? ''}
          {year}年政府信息公开工作年度报告
        </Typography.Title>
        <ReportStateTag state={view.state} label={view.stateLabel} />
      </Space>
      {view.locked && (
        <Alert
          type="warning"
          showIcon
          icon={<LockOutlined />}
          data-testid="report-locked-banner"
          title={`本年度报告${view.state === 'published' ? '已发布' : '已定稿'}，${year}年度的记录已锁定`}
          description={`${year}年度的申请、主动公开、复议诉讼记录和报告文字都不能修改。如确需修改，须由分管领导“解除锁定”并填写理由，解除锁定记入审计记录。`}
        />
      )}
      <Card>
        <Steps
          current={STEP_OF[view.state]}
          status={view.state === 'published' ? 'finish' : 'process'}
          items={[{ title: '草稿' }, { title: '审核' }, { title: '定稿' }, { title: '发布' }]}
          data-testid="report-steps"
        />
        <Space wrap style={{ marginTop: 16 }}>
          {commands.map((c) => (
            <Button key={c} type={c === 'unlock' || c === 'return' ? 'default' : 'primary'} danger={c === 'unlock'} onClick={() => setCommand(c)} data-testid={`command-${c}`}>
              {COMMAND_LABELS[c]}
            </Button>
          ))}
          {commands.length === 0 && <Typography.Text type="secondary">当前没有您可以办理的审批操作。</Typography.Text>}
          {view.publishedAt !== null && (
            <Typography.Text type="secondary" data-testid="report-published-at">
              {view.state === 'published'
                ? `发布时间：${dayjs(view.publishedAt).format('YYYY-MM-DD HH:mm')}`
                : `公众目前看到的是 ${dayjs(view.publishedAt).format('YYYY-MM-DD HH:mm')} 发布的版本，重新发布后才会更新。`}
            </Typography.Text>
          )}
        </Space>
        {errors > 0 && view.state === 'draft' && commands.includes('submit') && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title={`检查发现 ${errors} 处错误，改正后才能提交审核。`}
            action={
              <Button size="small" onClick={() => setTab('findings')}>
                查看检查结果
              </Button>
            }
          />
        )}
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as TabKey)}
          items={[
            {
              key: 'tables',
              label: '表格',
              children: (
                <>
                  {figuresMissing && (
                    <Alert
                      type="info"
                      showIcon
                      style={{ marginBottom: 12 }}
                      data-testid="figures-missing"
                      title={`表二中行政许可、行政处罚、行政强制的决定数量和行政事业性收费金额不能从记录中算出，${year}年度的还没有填写。`}
                      action={
                        <Button size="small" onClick={() => setTab('figures')} data-testid="go-figures">
                          {mayEditFigures && !view.locked ? '填写统计数' : '查看统计数'}
                        </Button>
                      }
                    />
                  )}
                  <ReportTables
                    report={view.report}
                    findings={view.findings}
                    focused={focused}
                    onOpenCell={(cell) => {
                      setFocused(null);
                      setOpenCell(cell);
                    }}
                  />
                </>
              ),
            },
            {
              key: 'figures',
              label: figuresDirty ? '统计数（未保存）' : '统计数',
              children: <ReportFiguresTab agency={agency} view={view} mayEdit={mayEditFigures} onSaved={setView} onDirty={setFiguresDirty} />,
            },
            {
              key: 'text',
              label: textDirty ? '文字（未保存）' : '文字',
              forceRender: true,
              children: <ReportTextTab ref={textTab} agency={agency} view={view} onSaved={setView} onDirty={setTextDirty} />,
            },
            {
              key: 'findings',
              label: (
                <Space size={4}>
                  检查
                  {errors > 0 && <Badge count={errors} title={`${errors} 处错误`} />}
                  {warnings > 0 && <Badge count={warnings} color="gold" title={`${warnings} 处提示`} />}
                </Space>
              ),
              children: <ReportFindings findings={view.findings} onGo={goTo} />,
            },
            {
              key: 'exports',
              label: '导出',
              children: (
                <Space orientation="vertical">
                  <Typography.Text type="secondary">
                    {finalText ? '导出的是定稿版本。' : '报告尚未定稿，导出的是按目前记录计算的草稿，仅供内部核对。'}
                  </Typography.Text>
                  <Space wrap>
                    <Button href={view.exports.docx} download data-testid="export-docx">
                      下载 Word 文档（DOCX）
                    </Button>
                    <Button href={view.exports.xlsx} download data-testid="export-xlsx">
                      下载 Excel 表格（XLSX）
                    </Button>
                    <Button href={view.exports.html} download data-testid="export-html">
                      下载网页（HTML）
                    </Button>
                    {view.exports.pdf !== null && (
                      <Button href={view.exports.pdf} download data-testid="export-pdf">
                        下载 PDF
                      </Button>
                    )}
                  </Space>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title="办理记录" size="small">
        {view.history.length === 0 ? (
          <Typography.Text type="secondary">暂无记录</Typography.Text>
        ) : (
          <Timeline
            data-testid="report-history"
            items={view.history.map((entry) => ({
              color: entry.kind === 'unlock' || entry.kind === 'return' ? 'red' : entry.kind === 'editText' ? 'gray' : entry.kind === 'submit' ? 'blue' : 'green',
              content: (
                <div>
                  <strong>{entry.label}</strong>
                  <Typography.Text type="secondary">
                    {' '}
                    {entry.actor} · {dayjs(entry.at).format('YYYY-MM-DD HH:mm')}
                  </Typography.Text>
                  {entry.note !== null && entry.note !== '' && <div>{entry.note}</div>}
                </div>
              ),
            }))}
          />
        )}
      </Card>
      <ReportCommandModal
        agency={agency}
        view={view}
        command={command}
        onClose={() => setCommand(null)}
        onDone={(next, done) => {
          setCommand(null);
          setView(next);
          message.success(DONE_MESSAGES[done]);
        }}
      />
      <ReportCellDrawer
        agency={agency}
        year={year}
        cell={openCell}
        onClose={() => setOpenCell(null)}
        figuresAction={mayEditFigures && !view.locked ? '填写统计数' : '查看统计数'}
        onGoToFigures={() => {
          setOpenCell(null);
          setTab('figures');
        }}
      />
    </Space>
  );
}
