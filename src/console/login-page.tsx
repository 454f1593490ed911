// Sign in: login name and password; then the 6-digit code when the account uses an
// authenticator (secondFactorRequired); then a new password when the account still holds
// an initial one (mustChangePassword). The server's Chinese messages are shown as they come.
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { LoginResult, Me } from './api.ts';
import { api, ApiError } from './api.ts';

type Step = 'password' | 'totp' | 'change';

interface Props {
  /** Set when already signed in but the password must still be changed. */
  me: Me | null;
  /** Why the user is back here (the session ended), shown above the form. */
  notice?: string | null;
  onSignedIn: () => Promise<void>;
}

const messageOf = (error: unknown): string => (error instanceof ApiError ? error.message : '操作没有成功，请稍后重试。');

export function LoginPage({ me, notice = null, onSignedIn }: Props) {
  const [step, setStep] = useState<Step>(me?.mustChangePassword === true ? 'change' : 'password');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Kept only in memory, for the forced change right after signing in.
  const [password, setPassword] = useState<string | null>(null);

  async function after(result: LoginResult): Promise<void> {
    if (result.secondFactorRequired) setStep('totp');
    else if (result.mustChangePassword) setStep('change');
    else await onSignedIn();
  }

  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }

  const onPassword = (values: { login: string; password: string }) =>
    run(async () => {
      const result = await api<LoginResult>('/api/auth/login', { method: 'POST', body: values });
      setPassword(values.password);
      await after(result);
    });

  const onTotp = (values: { code: string }) =>
    run(async () => {
      await after(await api<LoginResult>('/api/auth/totp', { method: 'POST', body: { code: values.code.trim() } }));
    });

  const onChange = (values: { currentPassword?: string; newPassword: string; confirm: string }) =>
    run(async () => {
      if (values.newPassword !== values.confirm) throw new ApiError(400, 'BAD_INPUT', '两次输入的新密码不一致，请重新输入。');
      await api<Me>('/api/auth/password', { method: 'POST', body: { currentPassword: values.currentPassword ?? password ?? '', newPassword: values.newPassword } });
      setPassword(null);
      await onSignedIn();
    });

  return (
    <div style={{ minHeight: '100vh', background: 'linear-gradient(180deg, #b71c1c 0, #b71c1c 220px, #f0f2f5 220px)', padding: '64px 16px' }}>
      <div style={{ textAlign: 'center', color: '#fff', marginBottom: 32 }}>
        <Typography.Title level={2} style={{ color: '#fff', margin: 0 }}>
          政府信息公开工作平台
        </Typography.Title>
        <div style={{ marginTop: 8, fontSize: 16, opacity: 0.9 }}>工作人员登录</div>
      </div>
      <Card style={{ maxWidth: 420, margin: '0 auto' }} title={step === 'password' ? '账号登录' : step === 'totp' ? '输入动态验证码' : '修改初始密码'}>
        {error === null && notice !== null && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} data-testid="session-ended" />}
        {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        {step === 'password' && (
          <Form layout="vertical" onFinish={onPassword} requiredMark={false}>
            <Form.Item label="登录名" name="login" rules={[{ required: true, message: '请输入登录名' }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" size="large" autoFocus />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              登录
            </Button>
          </Form>
        )}
        {step === 'totp' && (
          <Form layout="vertical" onFinish={onTotp} requiredMark={false}>
            <Typography.Paragraph>请打开手机上的身份验证器，输入显示的6位数字。</Typography.Paragraph>
            <Form.Item label="动态验证码" name="code" rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: '请输入6位数字' }]}>
              <Input prefix={<SafetyOutlined />} inputMode="numeric" maxLength={6} autoComplete="one-time-code" size="large" autoFocus />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              确认
            </Button>
          </Form>
        )}
        {step === 'change' && (
          <Form layout="vertical" onFinish={onChange} requiredMark={false}>
            <Typography.Paragraph>您的账号使用的是初始密码。为保障安全，请先设置新密码（至少10位，含大写字母、小写字母、数字、符号中的至少三类）。</Typography.Paragraph>
            {password === null && (
              <Form.Item label="原密码" name="currentPassword" rules={[{ required: true, message: '请输入原密码' }]}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
            )}
            <Form.Item label="新密码" name="newPassword" rules={[{ required: true, message: '请输入新密码' }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item label="再次输入新密码" name="confirm" rules={[{ required: true, message: '请再次输入新密码' }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              保存新密码并进入
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
