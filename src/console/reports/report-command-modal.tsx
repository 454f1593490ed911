// One approval step at a time, each with the confirmation it needs: 退回修改 asks for the opinion,
// 定稿 says the year's records will be locked, 解除锁定 asks for a reason that goes into the audit trail.
import { Alert, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api.ts';
import type { ReportCommand, ReportView } from './report-api.ts';
import { runReportCommand } from './report-api.ts';

export const COMMAND_LABELS: Record<ReportCommand, string> = {
  submit: '提交审核',
  return: '退回修改',
  finalize: '定稿',
  publish: '发布',
  unlock: '解除锁定',
};

interface CommandText {
  ok: string;
  explanation: (year: number) => string;
  warning: boolean;
  note: { label: string; placeholder: string } | null;
}

const TEXTS: Record<ReportCommand, CommandText> = {
  submit: { ok: '确认提交', explanation: () => '提交后由分管领导审核；审核期间文字部分不能修改，如需修改请领导退回。', warning: false, note: null },
  return: {
    ok: '确认退回',
    explanation: () => '报告将退回草稿，由经办人按审核意见修改后重新提交。',
    warning: false,
    note: { label: '审核意见（必填）', placeholder: '请写明需要修改的地方' },
  },
  finalize: {
    ok: '确认定稿',
    explanation: (year) =>
      `定稿后报告内容即被固定，${year}年度的申请、主动公开、复议诉讼等记录将被锁定，不能再修改。如确需修改，须由分管领导解除锁定，并记入审计记录。`,
    warning: true,
    note: null,
  },
  publish: { ok: '确认发布', explanation: () => '发布后，本报告将在政府信息公开门户网站上向社会公开。', warning: false, note: null },
  unlock: {
    ok: '确认解除锁定',
    explanation: (year) =>
      `解除锁定将记入审计记录（操作人、时间和理由）。解除后报告退回草稿，${year}年度的记录可以重新修改；已发布的报告在重新发布前仍对公众可见。`,
    warning: true,
    note: { label: '解除锁定的理由（必填，记入审计记录）', placeholder: '例如：发现一件申请的办理结果登记错误，需要更正' },
  },
};

interface Props {
  agency: string;
  view: ReportView;
  command: ReportCommand | null;
  onClose: () => void;
  onDone: (view: ReportView, command: ReportCommand) => void;
}

export function ReportCommandModal({ agency, view, command, onClose, onDone }: Props) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const text = command === null ? null : TEXTS[command];

  const close = () => {
    setNote('');
    setError(null);
    onClose();
  };

  async function run(): Promise<void> {
    if (command === null || text === null) return;
    if (text.note !== null && note.trim() === '') {
      setError(command === 'return' ? '请填写审核意见。' : '请填写解除锁定的理由。');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const next = await runReportCommand(agency, view.year, command, view.version, text.note === null ? undefined : note.trim());
      setNote('');
      onDone(next, command);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : '操作失败，请稍后重试。');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={command !== null}
      title={command === null ? '' : `${COMMAND_LABELS[command]} · ${view.year}年度报告`}
      okText={text?.ok ?? '确定'}
      cancelText="取消"
      okButtonProps={{ danger: command === 'unlock', loading: busy, ...{ 'data-testid': 'command-ok' } }}
      onOk={() => void run()}
      onCancel={close}
      destroyOnHidden
    >
      {text !== null && (
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          {text.warning ? <Alert type="warning" showIcon title={text.explanation(view.year)} /> : <Typography.Paragraph>{text.explanation(view.year)}</Typography.Paragraph>}
          {text.note !== null && (
            <label style={{ display: 'block' }}>
              <div style={{ marginBottom: 4 }}>{text.note.label}</div>
              <Input.TextArea aria-label={text.note.label} value={note} onChange={(e) => setNote(e.target.value)} placeholder={text.note.placeholder} rows={3} maxLength={2000} />
            </label>
          )}
          {error !== null && <Alert type="error" showIcon title={error} data-testid="command-error" />}
        </Space>
      )}
    </Modal>
  );
}
