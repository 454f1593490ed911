// 我的账号 (everyone): change one's own password, and turn the authenticator app's 6-digit
// code (TOTP) on or off. Enrolling shows the otpauth address as a QR code and as text.
import { Alert, App, Button, Card, Descriptions, Form, Input, QRCode, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Me } from '../api.ts';
import { api, errorText } from '../api.ts';
import { PASSWORD_RULES } from './settings-api.ts';


interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

export function MyAccountTab({ me }: { me: Me }) {
  const { message } = App.useApp();
  const [totpEnabled, setTotpEnabled] = useState(me.totpEnabled);
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [passwordForm] = Form.useForm<PasswordValues>();
  const [confirmForm] = Form.useForm<{ code: string }>();
  const [disableForm] = Form.useForm<{ password: string }>();

  async function run<T>(action: () => Promise<T>, done: string): Promise<T | undefined> {
    setBusy(true);
    try {
      const result = await action();
      message.success(done);
      return result;
    } catch (error) {
      message.error(errorText(error));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  async function changePassword(values: PasswordValues): Promise<void> {
    const result = await run(() => api<Me>('/api/auth/password', { method: 'POST', body: { currentPassword: values.currentPassword, newPassword: values.newPassword } }), '密码已修改');
    if (result !== undefined) passwordForm.resetFields();
  }

  async function enrol(): Promise<void> {
    const result = await run(() => api<{ secret: string; uri: string }>('/api/auth/totp/enrol', { method: 'POST' }), '请用身份验证器扫描二维码或输入密钥');
    if (result !== undefined) setEnrolment(result);
  }

  async function confirm({ code }: { code: string }): Promise<void> {
    const result = await run(() => api<Me>('/api/auth/totp/confirm', { method: 'POST', body: { code } }), '已启用动态验证码，下次登录时须输入');
    if (result !== undefined) {
      setTotpEnabled(result.totpEnabled);
      setEnrolment(null);
      confirmForm.resetFields();
    }
  }

  async function disable({ password }: { password: string }): Promise<void> {
    const result = await run(() => api<Me>('/api/auth/totp/disable', { method: 'POST', body: { password } }), '已停用动态验证码');
    if (result !== undefined) {
      setTotpEnabled(result.totpEnabled);
      disableForm.resetFields();
    }
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 720 }}>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label="登录名">{me.login}</Descriptions.Item>
        <Descriptions.Item label="姓名">{me.displayName}</Descriptions.Item>
      </Descriptions>

      <Card title="修改密码" size="small">
        <Form form={passwordForm} layout="vertical" onFinish={(values) => void changePassword(values)} style={{ maxWidth: 420 }}>
          <Form.Item name="currentPassword" label="原密码" rules={[{ required: true, message: '请填写原密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label="新密码" rules={[{ required: true, message: '请填写新密码' }]} extra={PASSWORD_RULES}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label="再次输入新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({ validator: (_, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))) }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            修改密码
          </Button>
        </Form>
      </Card>

      <Card title="动态验证码（身份验证器）" size="small">
        {totpEnabled ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert type="success" showIcon title="已启用：登录时除密码外还须输入身份验证器上的6位动态验证码。" />
            <Form form={disableForm} layout="inline" onFinish={(values) => void disable(values)}>
              <Form.Item name="password" label="输入密码以停用" rules={[{ required: true, message: '请填写密码' }]}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Form.Item>
                <Button danger htmlType="submit" loading={busy}>
                  停用动态验证码
                </Button>
              </Form.Item>
            </Form>
          </Space>
        ) : enrolment === null ? (
          <Space orientation="vertical">
            <Typography.Text>未启用。启用后，登录时除密码外还须输入手机身份验证器（如微信小程序“腾讯身份验证器”）上的6位动态验证码，更加安全。</Typography.Text>
            <Button onClick={() => void enrol()} loading={busy}>
              启用动态验证码
            </Button>
          </Space>
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text>第一步：用身份验证器扫描下面的二维码；不能扫码的，在验证器中手工输入密钥。</Typography.Text>
            <Space align="start" size="large" wrap>
              <QRCode value={enrolment.uri} size={168} />
              <Descriptions column={1} size="small" style={{ maxWidth: 460 }}>
                <Descriptions.Item label="密钥">
                  <Typography.Text code copyable data-testid="totp-secret">
                    {enrolment.secret}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label="地址">
                  <Typography.Text copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
                    {enrolment.uri}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
            </Space>
            <Typography.Text>第二步：输入验证器上显示的6位数字，确认绑定。</Typography.Text>
            <Form form={confirmForm} layout="inline" onFinish={(values) => void confirm(values)}>
              <Form.Item name="code" label="动态验证码" rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入6位数字' }]}>
                <Input inputMode="numeric" maxLength={6} style={{ width: 120 }} autoComplete="one-time-code" />
              </Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" loading={busy}>
                  确认启用
                </Button>
                <Button onClick={() => setEnrolment(null)}>取消</Button>
              </Space>
            </Form>
          </Space>
        )}
      </Card>
    </Space>
  );
}
