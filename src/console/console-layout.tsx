// The frame of every page: left menu, header with the agency being worked on and the user.
import { AppstoreOutlined, ClusterOutlined, AuditOutlined, BarChartOutlined, FileSearchOutlined, LogoutOutlined, NotificationOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Result, Select, Space, Spin, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import type { ReactNode } from 'react';
import type { Me } from './api.ts';
import { api } from './api.ts';
import { ApplicationListPage } from './application-list-page.tsx';
import { ApplicationPage } from './application-page.tsx';
import { AuditPage } from './audit-page.tsx';
import { ROLE_LABELS } from './labels.ts';
import { navigate, usePath } from './router.ts';
import type { SectionProps } from './section-props.ts';
import { WorkbenchPage } from './workbench-page.tsx';

const AGENCY_KEY = 'gongkai.console.agency';

// The larger sections load when first opened, so signing in and the 工作台 stay quick.
const PublicationsSection = lazy(() => import('./publications/publications-section.tsx').then((m) => ({ default: m.PublicationsSection })));
const ReportsSection = lazy(() => import('./reports/reports-section.tsx').then((m) => ({ default: m.ReportsSection })));
const SupervisionSection = lazy(() => import('./supervision/supervision-section.tsx').then((m) => ({ default: m.SupervisionSection })));
const SettingsSection = lazy(() => import('./settings/settings-section.tsx').then((m) => ({ default: m.SettingsSection })));

/** Each item shows for those the permission table lets in, in the current agency (`needs`: any of). */
const MENU: { key: string; icon: ReactNode; label: string; needs?: readonly string[] }[] = [
  { key: '/', icon: <AppstoreOutlined />, label: '工作台', needs: ['application.read', 'publication.read'] },
  { key: '/applications', icon: <FileSearchOutlined />, label: '依申请公开', needs: ['application.read'] },
  { key: '/publications', icon: <NotificationOutlined />, label: '主动公开', needs: ['publication.read'] },
  { key: '/reports', icon: <BarChartOutlined />, label: '年度报告', needs: ['report.read'] },
  { key: '/supervision', icon: <ClusterOutlined />, label: '监督汇总', needs: ['supervision.read'] },
  { key: '/settings', icon: <SettingOutlined />, label: '设置' },
  { key: '/audit', icon: <AuditOutlined />, label: '审计记录', needs: ['audit.read'] },
];

function menuKeyOf(path: string): string {
  const match = MENU.find((item) => item.key !== '/' && (path === item.key || path.startsWith(`${item.key}/`)));
  return match?.key ?? '/';
}

interface Props {
  me: Me;
  onSignedOut: () => void;
}

export function ConsoleLayout({ me, onSignedOut }: Props) {
  const path = usePath();
  const agencies = Object.keys(me.rolesByAgency).sort();
  const [agency, setAgencyState] = useState<string | undefined>(() => {
    const saved = window.localStorage.getItem(AGENCY_KEY);
    return saved !== null && agencies.includes(saved) ? saved : agencies[0];
  });
  const setAgency = (code: string) => {
    window.localStorage.setItem(AGENCY_KEY, code);
    setAgencyState(code);
  };

  async function logout(): Promise<void> {
    try {
      await api<void>('/api/auth/logout', { method: 'POST' });
    } finally {
      // The next person to sign in starts at the 工作台, not on the last case looked at.
      window.history.replaceState(null, '', '/console/');
      onSignedOut();
    }
  }

  const roles = agency === undefined ? [] : (me.rolesByAgency[agency] ?? []);
  const actions = agency === undefined ? [] : (me.actionsByAgency[agency] ?? []);
  const menu = MENU.filter((item) => item.needs === undefined || item.needs.some((action) => actions.includes(action)));
  // Someone with no 工作台 (a 政务公开办 supervisor) starts at the first section they may open.
  const start = menu[0]?.key ?? '/settings';
  const selectedKey = path === '/' && !menu.some((item) => item.key === '/') ? start : menuKeyOf(path);
  const title = MENU.find((item) => item.key === selectedKey)?.label ?? '';

  let content;
  const sectionPath = path === '/' && selectedKey !== '/' ? selectedKey : path;
  const section: SectionProps | undefined = agency === undefined ? undefined : { agency, path: sectionPath, me, roles, actions };
  if (agency === undefined || section === undefined) {
    content = <Result status="info" title="您的账号尚未分配到任何机关" subTitle="请联系本机关的系统管理员分配角色后再登录。" />;
  } else if (path.startsWith('/applications/') && path.length > '/applications/'.length) {
    content = <ApplicationPage key={agency} {...section} trackingNumber={decodeURIComponent(path.slice('/applications/'.length))} />;
  } else if (selectedKey === '/applications') {
    content = <ApplicationListPage key={agency} {...section} />;
  } else if (selectedKey === '/publications') {
    content = <PublicationsSection key={agency} {...section} />;
  } else if (selectedKey === '/reports') {
    content = <ReportsSection key={agency} {...section} />;
  } else if (selectedKey === '/supervision') {
    content = <SupervisionSection key={agency} {...section} />;
  } else if (selectedKey === '/settings') {
    content = <SettingsSection key={agency} {...section} />;
  } else if (selectedKey === '/audit' && actions.includes('audit.read')) {
    content = <AuditPage key={agency} agency={agency} canExport={actions.includes('audit.export')} />;
  } else if (selectedKey === '/audit') {
    content = <Result status="403" title="无权查看审计记录" subTitle="只有分管领导和审计员可以查看本机关的审计记录。" />;
  } else if (selectedKey === '/') {
    content = <WorkbenchPage key={agency} {...section} />;
  } else {
    content = <Result status="404" title="页面不存在" subTitle={title} />;
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} breakpoint="lg" collapsedWidth={0} style={{ background: '#fff', borderRight: '1px solid #f0f0f0' }}>
        <div style={{ height: 64, display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#b71c1c', color: '#fff', fontSize: 16, fontWeight: 600 }}>政府信息公开工作平台</div>
        <Menu
          mode="inline"
          selectedKeys={[selectedKey]}
          items={menu}
          onClick={({ key }) => navigate(key)}
          style={{ borderInlineEnd: 'none', fontSize: 15 }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', borderBottom: '1px solid #f0f0f0', padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16 }}>
          <Space>
            <Typography.Text type="secondary">当前机关</Typography.Text>
            <Select
              aria-label="当前机关"
              value={agency}
              onChange={setAgency}
              options={agencies.map((code) => ({ value: code, label: me.agencyNames[code] ?? code }))}
              style={{ minWidth: 200 }}
              disabled={agencies.length < 2}
            />
          </Space>
          <Space size="middle">
            <span>
              <UserOutlined /> {me.displayName}
              {roles.length > 0 && <Typography.Text type="secondary">（{roles.map((role) => ROLE_LABELS[role] ?? role).join('、')}）</Typography.Text>}
            </span>
            <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
              退出
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, background: '#f5f5f5' }}>
          <Suspense fallback={<Spin size="large" description="正在载入……" style={{ display: 'block', margin: '80px auto' }} />}>{content}</Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
