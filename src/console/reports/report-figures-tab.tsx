// 统计数: the four numbers of table 二 no case record gives (行政许可、行政处罚、行政强制 decisions,
// 行政事业性收费 in 万元), typed by 信息员/科长 (figures.edit). After a save the report is read
// again so table 二 and the 检查 list show the new numbers.
import { Alert, App, Button, Form, Input, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../api.ts';
import type { ReportView } from './report-api.ts';
import { getReport, listYearlyFigures, saveYearlyFigures } from './report-api.ts';
import type { FiguresCode, FiguresForm } from './report-figures.ts';
import { checkFiguresForm, EMPTY_FIGURES_FORM, FIGURES_FIELDS, figuresFormDirty, formOfFigures } from './report-figures.ts';

interface Props {
  agency: string;
  view: ReportView;
  /** The user has figures.edit in the agency. */
  mayEdit: boolean;
  onSaved: (view: ReportView) => void;
  /** Tells the page whether there are unsaved changes. */
  onDirty: (dirty: boolean) => void;
}

export function ReportFiguresTab({ agency, view, mayEdit, onSaved, onDirty }: Props) {
  const { message } = App.useApp();
  const year = view.year;
  const [saved, setSaved] = useState<FiguresForm | null>(null);
  const [form, setForm] = useState<FiguresForm>(EMPTY_FIGURES_FORM);
  const [problems, setProblems] = useState<Partial<Record<FiguresCode, string>>>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const editable = mayEdit && !view.locked;
  const dirty = saved !== null && figuresFormDirty(form, saved);

  useEffect(() => {
    let live = true;
    listYearlyFigures(agency)
      .then((result) => {
        if (!live) return;
        const current = formOfFigures(result.figures.find((f) => f.year === year) ?? null);
        setSaved(current);
        setForm(current);
      })
      .catch((caught: unknown) => live && setLoadError(caught instanceof ApiError ? caught.message : '载入统计数失败，请稍后重试。'));
    return () => {
      live = false;
    };
  }, [agency, year]);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  async function save(): Promise<void> {
    setSaveError(null);
    const checked = checkFiguresForm(form);
    setProblems(checked.problems ?? {});
    if (checked.body === null) return;
    setSaving(true);
    try {
      const result = await saveYearlyFigures(agency, year, checked.body);
      const current = formOfFigures(result);
      setSaved(current);
      setForm(current);
      message.success('统计数已保存，表二已更新');
      onSaved(await getReport(agency, year));
    } catch (caught) {
      // 409 once the year is 定稿 (the lock message), 403 without the permission, 400 naming the field.
      setSaveError(caught instanceof ApiError ? caught.message : '保存失败，请稍后重试。');
    } finally {
      setSaving(false);
    }
  }

  if (loadError !== null) return <Alert type="error" showIcon title={loadError} data-testid="figures-load-error" />;
  if (saved === null) return <Spin style={{ display: 'block', margin: '40px auto' }} />;

  return (
    <Form layout="vertical" style={{ maxWidth: 640 }} data-testid="figures-form" onFinish={() => void save()}>
      <Typography.Paragraph type="secondary">
        表二（主动公开政府信息情况）中下面四个数字不能从申请和文件记录中算出，须按本机关{year}年度的业务统计填写。保存后表二和检查结果随即更新。
      </Typography.Paragraph>
      {view.locked && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="figures-locked"
          title={`${year}年度报告${view.stateLabel}，该年度的数据已锁定。如确需修改，请由分管领导在“年度报告”中解除锁定（须填写理由）。`}
        />
      )}
      {!view.locked && !mayEdit && <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="figures-readonly" title="您没有填报统计数的权限，只能查看（信息员、科长可以填报）。" />}
      {editable && view.state === 'inReview' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="报告正在审核中，修改统计数会改变审核中的报告，请告知审核人。" />
      )}
      {FIGURES_FIELDS.map((field) => (
        <Form.Item
          key={field.code}
          label={
            <span>
              <strong>{field.row}</strong>
              <Typography.Text type="secondary">
                {' '}
                （{field.caption} · {field.header}）
              </Typography.Text>
            </span>
          }
          htmlFor={`figures-${field.code}`}
          validateStatus={problems[field.code] === undefined ? undefined : 'error'}
          help={problems[field.code]}
          extra={field.help}
        >
          <Input
            id={`figures-${field.code}`}
            data-testid={`figures-${field.code}`}
            value={form[field.code]}
            inputMode={field.code === 'administrativeFees' ? 'decimal' : 'numeric'}
            suffix={field.code === 'administrativeFees' ? '万元' : '件'}
            placeholder={editable ? (field.code === 'administrativeFees' ? '如 12.5，没有的填 0' : '没有的填 0') : '未填写'}
            // Read-only rather than disabled: those who may not edit still read it in normal contrast.
            readOnly={!editable}
            style={{ maxWidth: 260, ...(editable ? {} : { background: '#fafafa' }) }}
            maxLength={20}
            onChange={(event) => {
              const value = event.target.value;
              setForm((current) => ({ ...current, [field.code]: value }));
              setProblems((current) => ({ ...current, [field.code]: undefined }));
            }}
          />
        </Form.Item>
      ))}
      {saveError !== null && <Alert type="error" showIcon title={saveError} style={{ marginBottom: 16 }} data-testid="figures-error" />}
      {editable && (
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} disabled={!dirty} data-testid="figures-save">
            保存统计数
          </Button>
          {dirty && <Typography.Text type="warning">有尚未保存的修改</Typography.Text>}
        </Space>
      )}
    </Form>
  );
}
