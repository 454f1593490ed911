// The staff-written sections 一、五、六. Saved together with the report's version, so two people
// cannot overwrite each other unawares (the server answers 409 on a stale version).
import { Alert, App, Button, Form, Input, Space, Typography } from 'antd';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import type { ReportText, ReportView } from './report-api.ts';
import { saveReportText } from './report-api.ts';
import type { TextSectionCode } from './report-labels.ts';
import { SECTION_TITLES, TEXT_SECTIONS } from './report-labels.ts';

export interface TextTabHandle {
  focus: (code: TextSectionCode) => void;
}

interface Props {
  agency: string;
  view: ReportView;
  onSaved: (view: ReportView) => void;
  /** Tells the page whether there are unsaved changes. */
  onDirty: (dirty: boolean) => void;
}

export const ReportTextTab = forwardRef<TextTabHandle, Props>(function ReportTextTab({ agency, view, onSaved, onDirty }, ref) {
  const { message } = App.useApp();
  const [text, setText] = useState<ReportText>(view.text);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const areas = useRef<Partial<Record<TextSectionCode, HTMLTextAreaElement | null>>>({});
  const dirty = TEXT_SECTIONS.some((s) => text[s.code] !== view.text[s.code]);

  useEffect(() => setText(view.text), [view.text]);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  useImperativeHandle(ref, () => ({
    focus: (code) => {
      const area = areas.current[code];
      area?.scrollIntoView({ block: 'center' });
      area?.focus();
    },
  }));

  async function save(): Promise<void> {
    setSaving(true);
    setError(null);
    try {
      const next = await saveReportText(agency, view.year, text, view.version);
      onSaved(next);
      message.success('文字部分已保存');
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : '保存失败，请稍后重试。');
    } finally {
      setSaving(false);
    }
  }

  return (
    <Form layout="vertical">
      {!view.canEditText && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={view.state === 'draft' ? '您没有修改年度报告文字的权限。' : '报告已提交审核或已定稿，文字部分不能修改；如需修改，请先退回修改或解除锁定。'}
        />
      )}
      {TEXT_SECTIONS.map((section) => (
        <Form.Item
          key={section.code}
          label={<strong>{SECTION_TITLES[section.ordinal]}</strong>}
          extra={<Typography.Text type="secondary">{section.hint}</Typography.Text>}
        >
          <Input.TextArea
            ref={(node) => {
              areas.current[section.code] = node?.resizableTextArea?.textArea ?? null;
            }}
            aria-label={SECTION_TITLES[section.ordinal]}
            data-testid={`text-${section.code}`}
            value={text[section.code]}
            // Read-only rather than disabled: those who may not edit still read it in normal contrast.
            readOnly={!view.canEditText}
            style={view.canEditText ? undefined : { background: '#fafafa' }}
            onChange={(event) => setText((current) => ({ ...current, [section.code]: event.target.value }))}
            autoSize={{ minRows: 5, maxRows: 20 }}
            maxLength={50000}
          />
        </Form.Item>
      ))}
      {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="text-error" />}
      {view.canEditText && (
        <Space>
          <Button type="primary" onClick={() => void save()} loading={saving} disabled={!dirty}>
            保存文字
          </Button>
          {dirty && <Typography.Text type="warning">有尚未保存的修改</Typography.Text>}
        </Space>
      )}
    </Form>
  );
});
