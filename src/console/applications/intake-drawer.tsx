// 登记申请: an application received at the counter (or by post, online…) entered by staff with
// application.receive. The server checks the 身份证号码 or 统一社会信用代码 and answers with the
// tracking number and the query code, which is shown once: the applicant needs it to follow the case.
import { Alert, Button, DatePicker, Drawer, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../api.ts';
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS, CHANNEL_RECEIPT_RULES } from '../labels.ts';
import { chinaToday, receiveApplication } from './application-api.ts';

interface IntakeValues {
  channel: string;
  receivedOn: Dayjs;
  applicantType: string;
  name: string;
  idNumber?: string;
  creditCode?: string;
  phone?: string;
  email?: string;
  address?: string;
  requestedInformation: string;
  requestedForm?: string;
  deliveryMethod?: string;
}

// The usual choices of the 申请表 (条例第二十九条第二款第（三）项); free text is allowed too.
const FORMS = ['纸质文本', '电子文本', '光盘', '其他'];
const DELIVERIES = ['邮寄', '电子邮件', '传真', '自行领取', '当场阅读、抄录'];

const optional = (value: string | undefined) => (value === undefined || value.trim() === '' ? null : value.trim());

export function IntakeDrawer({ agency, open, onClose, onReceived }: { agency: string; open: boolean; onClose: () => void; onReceived: (trackingNumber: string) => void }) {
  const [form] = Form.useForm<IntakeValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ trackingNumber: string; queryCode: string } | null>(null);
  const applicantType = Form.useWatch('applicantType', form) ?? 'natural_person';
  const channel = Form.useWatch('channel', form) ?? 'in_person';

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const person = values.applicantType === 'natural_person';
      const result = await receiveApplication(agency, {
        channel: values.channel,
        receivedOn: values.receivedOn.format('YYYY-MM-DD'),
        applicant: {
          type: values.applicantType,
          name: values.name.trim(),
          idNumber: person ? optional(values.idNumber) : null,
          creditCode: person ? null : optional(values.creditCode),
          phone: optional(values.phone),
          email: optional(values.email),
          address: optional(values.address),
        },
        requestedInformation: values.requestedInformation.trim(),
        requestedForm: optional(values.requestedForm),
        deliveryMethod: optional(values.deliveryMethod),
      });
      setCreated(result);
      onClose();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : '登记失败，请稍后重试。');
    } finally {
      setSaving(false);
    }
  };

  const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];

  return (
    <>
      <Drawer
        open={open}
        title="登记申请"
        size={640}
        onClose={onClose}
        destroyOnHidden
        extra={
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" loading={saving} onClick={() => void submit().catch(() => undefined)}>
              确认登记
            </Button>
          </Space>
        }
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ channel: 'in_person', receivedOn: dayjs(chinaToday()), applicantType: 'natural_person' }}
          onValuesChange={() => setError(null)}
        >
          {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="intake-error" />}
          <Form.Item label="申请渠道" name="channel" rules={[{ required: true, message: '请选择申请渠道' }]} extra={CHANNEL_RECEIPT_RULES[channel]}>
            <Radio.Group optionType="button" options={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="收到申请之日" name="receivedOn" rules={[{ required: true, message: '请选择收到申请之日' }]}>
            <DatePicker format="YYYY-MM-DD" allowClear={false} style={{ width: 200 }} disabledDate={(day) => day.isAfter(dayjs(chinaToday()), 'day')} />
          </Form.Item>
          <Form.Item label="申请人类型" name="applicantType" rules={[{ required: true, message: '请选择申请人类型' }]}>
            <Select style={{ width: 240 }} options={Object.entries(APPLICANT_TYPE_LABELS).map(([value, label]) => ({ value, label: value === 'other_org' ? '其他组织' : label }))} />
          </Form.Item>
          <Form.Item label={applicantType === 'natural_person' ? '申请人姓名' : '申请人名称'} name="name" rules={required(applicantType === 'natural_person' ? '申请人姓名' : '申请人名称')}>
            <Input maxLength={200} />
          </Form.Item>
          {applicantType === 'natural_person' ? (
            <Form.Item label="身份证号码" name="idNumber" rules={required('身份证号码')} extra="18位居民身份证号码，系统会校验。">
              <Input maxLength={40} style={{ width: 280 }} />
            </Form.Item>
          ) : (
            <Form.Item label="统一社会信用代码" name="creditCode" rules={required('统一社会信用代码')} extra="18位统一社会信用代码，系统会校验。">
              <Input maxLength={40} style={{ width: 280 }} />
            </Form.Item>
          )}
          <Space size={16} wrap>
            <Form.Item label="联系电话" name="phone">
              <Input maxLength={50} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item label="电子邮箱" name="email">
              <Input maxLength={200} style={{ width: 280 }} />
            </Form.Item>
          </Space>
          <Form.Item label="通信地址" name="address">
            <Input maxLength={2000} />
          </Form.Item>
          <Form.Item label="所需政府信息的描述" name="requestedInformation" rules={required('所需政府信息的描述')}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
          <Space size={16} wrap>
            <Form.Item label="获取信息的方式" name="requestedForm">
              <Select allowClear style={{ width: 220 }} options={FORMS.map((value) => ({ value, label: value }))} />
            </Form.Item>
            <Form.Item label="获取信息的途径" name="deliveryMethod">
              <Select allowClear style={{ width: 220 }} options={DELIVERIES.map((value) => ({ value, label: value }))} />
            </Form.Item>
          </Space>
        </Form>
      </Drawer>
      <Modal
        open={created !== null}
        title="申请已登记"
        closable={false}
        mask={{ closable: false }}
        okText="打开该申请"
        cancelButtonProps={{ style: { display: 'none' } }}
        onOk={() => {
          const number = created?.trackingNumber;
          setCreated(null);
          if (number !== undefined) onReceived(number);
        }}
      >
        {created !== null && (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Typography.Text>
              申请编号：
              <Typography.Text strong copyable data-testid="intake-tracking-number">
                {created.trackingNumber}
              </Typography.Text>
            </Typography.Text>
            <Typography.Text>
              查询码：
              <Typography.Text strong copyable data-testid="intake-query-code" style={{ fontSize: 18 }}>
                {created.queryCode}
              </Typography.Text>
            </Typography.Text>
            <Alert type="warning" showIcon title="查询码只显示这一次" description="请现在告知申请人或写在回执上：申请人凭申请编号和查询码查询办理进度。系统不保存查询码原文，关闭后无法再次查看。" />
          </Space>
        )}
      </Modal>
    </>
  );
}
