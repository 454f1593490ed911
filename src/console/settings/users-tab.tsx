// 用户和角色 (users.manage): the users holding a role in this agency (and those with none yet),
// create one with an initial password, change roles here, disable/enable, reset the password.
// An initial or reset password must be changed at the next sign-in (the server enforces it).
import { Alert, App, Button, Checkbox, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Me } from '../api.ts';
import { api, errorText } from '../api.ts';
import { PASSWORD_RULES, ROLE_OPTIONS } from './settings-api.ts';
import { chinaMinute, usersOfAgency } from './settings-logic.ts';
import type { UserRow } from './settings-api.ts';

const roleLabel = (role: string) => ROLE_OPTIONS.find((option) => option.value === role)?.label ?? role;

interface CreateValues {
  login: string;
  displayName: string;
  initialPassword: string;
  roles: string[];
}

export function UsersTab({ agency, me }: { agency: string; me: Me }) {
  const { message, modal } = App.useApp();
  const [users, setUsers] = useState<UserRow[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [editingRoles, setEditingRoles] = useState<UserRow | null>(null);
  const [roles, setRoles] = useState<string[]>([]);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const [busy, setBusy] = useState(false);
  /** The server's refusal inside the open dialog (password reasons are long; a toast fades too soon). */
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [createForm] = Form.useForm<CreateValues>();
  const [resetForm] = Form.useForm<{ initialPassword: string }>();

  const load = useCallback(() => {
    api<{ users: UserRow[] }>('/api/users')
      .then((result) => setUsers(usersOfAgency(result.users, agency)))
      .catch((error: unknown) => message.error(errorText(error)));
  }, [agency, message]);
  useEffect(load, [load]);

  async function run(action: () => Promise<unknown>, done: string, inDialog = false): Promise<boolean> {
    setBusy(true);
    setDialogError(null);
    try {
      await action();
      message.success(done);
      load();
      return true;
    } catch (error) {
      if (inDialog) setDialogError(errorText(error));
      else message.error(errorText(error));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function create(values: CreateValues): Promise<void> {
    const ok = await run(
      () => api('/api/users', { method: 'POST', body: { login: values.login, displayName: values.displayName, initialPassword: values.initialPassword, roles: [{ agencyCode: agency, roles: values.roles ?? [] }] } }),
      `已新建用户“${values.displayName}”，请将初始密码告知本人，首次登录须修改密码。`,
      true,
    );
    if (ok) {
      setCreating(false);
      createForm.resetFields();
    }
  }

  function toggleDisabled(user: UserRow): void {
    const disabling = !user.disabled;
    modal.confirm({
      title: disabling ? `停用用户“${user.displayName}”？` : `启用用户“${user.displayName}”？`,
      content: disabling ? '停用后该用户立即退出登录，不能再登录，其办理记录保留。' : '启用后该用户可以再次登录。',
      okText: disabling ? '停用' : '启用',
      okButtonProps: { danger: disabling },
      cancelText: '取消',
      onOk: () => run(() => api(`/api/users/${user.id}/disabled`, { method: 'PUT', body: { disabled: disabling } }), disabling ? '已停用' : '已启用'),
    });
  }

  const columns: TableColumnsType<UserRow> = [
    { title: '登录名', dataIndex: 'login', width: 150 },
    { title: '姓名', dataIndex: 'displayName', width: 140 },
    {
      title: '本机关角色',
      key: 'roles',
      render: (_, user) => {
        const held = user.rolesByAgency[agency] ?? [];
        return held.length === 0 ? <Typography.Text type="secondary">无</Typography.Text> : held.map((role) => <Tag key={role}>{roleLabel(role)}</Tag>);
      },
    },
    {
      title: '状态',
      key: 'state',
      width: 190,
      render: (_, user) => (
        <Space size={4} wrap>
          {user.disabled ? <Tag color="red">已停用</Tag> : <Tag color="green">正常</Tag>}
          {user.mustChangePassword && <Tag color="orange">待修改初始密码</Tag>}
          {user.totpEnabled && <Tag color="blue">动态验证码</Tag>}
          {user.lockedUntil !== null && Date.parse(user.lockedUntil) > Date.now() && <Tag color="red">已锁定</Tag>}
        </Space>
      ),
    },
    { title: '最近登录', dataIndex: 'lastLoginAt', width: 150, render: (at: string | null) => chinaMinute(at) },
    {
      title: '操作',
      key: 'actions',
      width: 260,
      render: (_, user) => (
        <Space size={0} wrap>
          <Button
            type="link"
            onClick={() => {
              setDialogError(null);
              setRoles(user.rolesByAgency[agency] ?? []);
              setEditingRoles(user);
            }}
          >
            修改角色
          </Button>
          <Button
            type="link"
            onClick={() => {
              setDialogError(null);
              setResetting(user);
            }}
          >
            重置密码
          </Button>
          <Button type="link" danger={!user.disabled} disabled={user.id === me.id} onClick={() => toggleDisabled(user)}>
            {user.disabled ? '启用' : '停用'}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">列出在本机关有角色的用户，以及尚未分配角色的用户。</Typography.Text>
        <Button type="primary" onClick={() => {
            setDialogError(null);
            setCreating(true);
          }}>
          新建用户
        </Button>
      </Space>
      <Table rowKey="id" size="middle" columns={columns} dataSource={users ?? []} loading={users === null} pagination={false} data-testid="users-table" />

      {/* Disabled while busy rather than confirmLoading: antd's loading state can stay on when the server answers
          a refusal within the same frame, and the button then takes no second click. */}
      <Modal title="新建用户" open={creating} onCancel={() => setCreating(false)} okText="新建" cancelText="取消" okButtonProps={{ disabled: busy }} onOk={() => createForm.submit()} destroyOnHidden>
        {dialogError !== null && <Alert type="error" showIcon title={dialogError} style={{ marginBottom: 16 }} data-testid="users-dialog-error" />}
        <Form form={createForm} layout="vertical" onFinish={(values) => void create(values)} initialValues={{ roles: ['clerk'] }}>
          <Form.Item name="login" label="登录名" rules={[{ required: true, message: '请填写登录名' }]} extra="2至64位字母、数字或 . _ @ -，以字母或数字开头。">
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="initialPassword" label="初始密码" rules={[{ required: true, message: '请填写初始密码' }]} extra={`${PASSWORD_RULES}首次登录时须修改。`}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="roles" label="本机关角色">
            <Checkbox.Group options={ROLE_OPTIONS} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        title={editingRoles === null ? '' : `修改“${editingRoles.displayName}”在本机关的角色`}
        open={editingRoles !== null}
        onCancel={() => setEditingRoles(null)}
        okText="保存"
        cancelText="取消"
        okButtonProps={{ disabled: busy }}
        onOk={async () => {
          if (editingRoles === null) return;
          if (await run(() => api(`/api/users/${editingRoles.id}/roles`, { method: 'PUT', body: { agencyCode: agency, roles } }), '角色已保存', true)) setEditingRoles(null);
        }}
      >
        {dialogError !== null && <Alert type="error" showIcon title={dialogError} style={{ marginBottom: 16 }} data-testid="users-dialog-error" />}
        <Checkbox.Group options={ROLE_OPTIONS} value={roles} onChange={(value) => setRoles(value)} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          不勾选任何角色即取消其在本机关的全部权限。按“三员分立”，系统管理员不宜同时担任审计员。
        </Typography.Paragraph>
      </Modal>

      <Modal
        title={resetting === null ? '' : `重置“${resetting.displayName}”的密码`}
        open={resetting !== null}
        onCancel={() => setResetting(null)}
        okText="重置"
        cancelText="取消"
        okButtonProps={{ danger: true, disabled: busy }}
        onOk={() => resetForm.submit()}
        destroyOnHidden
      >
        {dialogError !== null && <Alert type="error" showIcon title={dialogError} style={{ marginBottom: 16 }} data-testid="users-dialog-error" />}
        <Form
          form={resetForm}
          layout="vertical"
          onFinish={async ({ initialPassword }) => {
            if (resetting === null) return;
            if (await run(() => api(`/api/users/${resetting.id}/password`, { method: 'POST', body: { initialPassword } }), '密码已重置，该用户下次登录须修改密码', true)) setResetting(null);
          }}
        >
          <Form.Item name="initialPassword" label="新的初始密码" rules={[{ required: true, message: '请填写新的初始密码' }]} extra={`${PASSWORD_RULES}重置后该用户立即退出登录，下次登录须修改密码。`}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
