import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  InboxOutlined,
  LogoutOutlined,
  SendOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { Badge, Button, Dropdown, Layout, Menu, Space, Spin, Typography } from 'antd';
import { type ReactNode, Suspense, useMemo } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { forgetCachedReferenceData, usePoll } from '../api/hooks';
import type { Notification } from '../api/types';
import { clearSession, useSession } from '../auth/session.store';
import { useI18n } from '../i18n/i18n';
import { LangSwitch } from './lang-switch';
import { mayOpen, NOTIFIED_ROLES, PAGES, type PageName } from './navigation';

const ICONS: Record<PageName, ReactNode> = {
  queue: <InboxOutlined />,
  dispatch: <SendOutlined />,
  review: <AuditOutlined />,
  sla: <AlertOutlined />,
  analytics: <BarChartOutlined />,
  clusters: <ApartmentOutlined />,
  admin: <SettingOutlined />,
};

/** Logged-in pages: the side menu for the caller's role, the header, the page. */
export default function AppLayout() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const { t } = useI18n();
  if (!session) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  const { user } = session;
  const items = (Object.keys(PAGES) as PageName[])
    .filter((p) => mayOpen(user.role, p))
    .map((p) => ({
      key: PAGES[p].path,
      icon: ICONS[p],
      label: (
        <Link to={PAGES[p].path}>
          {p === 'queue' && user.role !== 'staff' && user.role !== 'lead'
            ? t('menu.allCases')
            : t(PAGES[p].label)}
        </Link>
      ),
    }));
  const selected = items.find((i) => location.pathname.startsWith(i.key))?.key;
  const logout = () => {
    clearSession();
    forgetCachedReferenceData();
    void navigate('/login');
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={176} breakpoint="lg" collapsedWidth={56} theme="dark">
        <div className="brand">
          <Link to="/">{t('app.name')}</Link>
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={selected ? [selected] : []} items={items} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Space size="middle">
            {NOTIFIED_ROLES.includes(user.role) && <NotificationBell />}
            <Typography.Text data-testid="whoami">
              {user.displayName} · {t(`role.${user.role}` as const)}
              {user.departmentCode ? ` · ${user.departmentCode}` : ''}
            </Typography.Text>
            <LangSwitch />
            <Button size="small" icon={<LogoutOutlined />} onClick={logout}>
              {t('logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Suspense fallback={<Spin style={{ margin: 48 }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** Unread notifications (SLA warnings and breaches, 督办, 催办, 重办), polled; a click opens the case. */
function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { data, reload } = usePoll(
    () => api<{ items: Notification[] }>('/api/v1/notifications', { query: { unread: true, limit: 20 } }),
    'notifications',
    15000,
  );
  const items = useMemo(
    () =>
      (data?.items ?? []).map((n) => ({
        key: String(n.id),
        label: (
          <div style={{ maxWidth: 360 }}>
            <Typography.Text strong>{n.title ?? n.caseId.slice(0, 8)}</Typography.Text>
            <br />
            <Typography.Text type="secondary">{n.text}</Typography.Text>
          </div>
        ),
        onClick: () => {
          void api(`/api/v1/notifications/${n.id}/read`, { method: 'POST' })
            .catch(() => undefined)
            .then(reload);
          void navigate(`/cases/${n.caseId}`);
        },
      })),
    [data, navigate, reload],
  );
  const count = data?.items.length ?? 0;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: items.length ? items : [{ key: 'none', label: t('notifications.empty'), disabled: true }],
      }}
    >
      <Badge count={count} size="small" overflowCount={19}>
        <Button size="small" type="text" icon={<BellOutlined />} aria-label={t('notifications.title')} />
      </Badge>
    </Dropdown>
  );
}
