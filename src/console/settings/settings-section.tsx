// 设置: one tab per kind of setting, shown by the permission table's actions in this agency.
// 我的账号 is everyone's; the others are read-only for those who may read but not change them,
// and 用户和角色 is hidden from all but the administrators (users.manage).
import { Card, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { navigate } from '../router.ts';
import type { SectionProps } from '../section-props.ts';
import { AgencyGuideTab } from './agency-guide-tab.tsx';
import { CalendarTab } from './calendar-tab.tsx';
import { CatalogueTab } from './catalogue-tab.tsx';
import { MyAccountTab } from './my-account-tab.tsx';
import { NoticeTemplatesTab } from './notice-templates-tab.tsx';
import { ReviewChainTab } from './review-chain-tab.tsx';
import { ScreeningTermsTab } from './screening-terms-tab.tsx';
import { UsersTab } from './users-tab.tsx';

interface TabDef {
  key: string;
  label: string;
  /** Shown only with this action; undefined: shown to everyone (read-only without the edit action). */
  only?: string;
  render: (props: SectionProps) => ReactNode;
}

const TABS: TabDef[] = [
  { key: 'users', label: '用户和角色', only: 'users.manage', render: (p) => <UsersTab agency={p.agency} me={p.me} /> },
  { key: 'account', label: '我的账号', render: (p) => <MyAccountTab me={p.me} /> },
  { key: 'review', label: '审核流程', render: (p) => <ReviewChainTab agency={p.agency} canEdit={p.actions.includes('settings.edit')} /> },
  { key: 'calendar', label: '节假日安排', render: (p) => <CalendarTab canLoad={p.actions.includes('calendar.load')} /> },
  { key: 'notices', label: '告知书模板', render: (p) => <NoticeTemplatesTab agency={p.agency} canEdit={p.actions.includes('notice.editTemplate')} /> },
  { key: 'agency', label: '机关信息和公开指南', render: (p) => <AgencyGuideTab agency={p.agency} agencyName={p.me.agencyNames[p.agency] ?? p.agency} canEdit={p.actions.includes('settings.edit')} /> },
  { key: 'catalogue', label: '公开目录', render: (p) => <CatalogueTab agency={p.agency} canEdit={p.actions.includes('settings.edit')} /> },
  { key: 'terms', label: '敏感词和错敏词', render: (p) => <ScreeningTermsTab agency={p.agency} canEdit={p.actions.includes('settings.edit')} /> },
];

export function SettingsSection(props: SectionProps) {
  const tabs = TABS.filter((tab) => tab.only === undefined || props.actions.includes(tab.only));
  const wanted = props.path.split('/')[2] ?? '';
  const active = tabs.find((tab) => tab.key === wanted) ?? tabs[0]!;
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        设置
      </Typography.Title>
      <Tabs
        activeKey={active.key}
        onChange={(key) => navigate(`/settings/${key}`)}
        items={tabs.map((tab) => ({ key: tab.key, label: tab.label, children: tab.key === active.key ? tab.render(props) : null }))}
      />
    </Card>
  );
}
