/** Center administration: catalog, departments, working calendar, users and roles, SMS outbox, settings. Role admin only. */
import { useEffect, type ReactNode } from 'react';
import { Button, Grid, Layout, Menu, Result, Space } from 'antd';
import { OrderedListOutlined, TagsOutlined } from '@ant-design/icons';
import { AppstoreOutlined, ApartmentOutlined, ClusterOutlined, CalendarOutlined, LogoutOutlined, MessageOutlined, ScheduleOutlined, SettingOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import type { Me } from '#contract/auth.js';
import { useAppT } from '../../shared/i18n';
import { useAdminT } from './admin-t';
import { LangSwitch } from '../../shared/LangSwitch';
import { Link, navigate, useLocation } from '../../shared/router';
import { ItemsPage } from './ItemsPage';
import { ItemEditor } from './ItemEditor';
import { DepartmentsPage } from './DepartmentsPage';
import { CalendarPage } from './CalendarPage';
import { SettingsPage } from './SettingsPage';
import { AppointmentsPage } from './AppointmentsPage';
import { UsersPage } from './UsersPage';
import { SmsPage } from './SmsPage';
import { EventsPage } from './EventsPage';
import { QueuePage } from './QueuePage';
import { NetworkPage } from './NetworkPage';
import * as networkMessages from './network-messages';
import * as hallMessages from './hall-messages';
import * as eventMessages from './catalog-files-messages';
import { signOut, StaffLoading, useStaffMe } from '../../shared/staff-session';

const { Header, Sider, Content } = Layout;

type Section = 'events' | 'items' | 'departments' | 'calendar' | 'appointments' | 'queue' | 'network' | 'users' | 'sms' | 'settings';

function route(pathname: string, me: Me): { section: Section | null; page: ReactNode } {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean); // ['admin', ...]
  const [, section, arg] = parts;
  if (!section) return { section: 'items', page: null }; // redirected below
  switch (section) {
    case 'items':
      if (!arg) return { section, page: <ItemsPage /> };
      if (arg === 'new') return { section, page: <ItemEditor key="new" code={null} /> };
      return { section, page: <ItemEditor key={arg} code={decodeURIComponent(arg)} /> };
    case 'departments':
      return { section, page: <DepartmentsPage /> };
    case 'events':
      return { section, page: <EventsPage /> };
    case 'calendar':
      return { section, page: <CalendarPage /> };
    case 'appointments':
      return { section, page: <AppointmentsPage /> };
    case 'queue':
      return { section, page: <QueuePage /> };
    case 'network':
      return { section, page: <NetworkPage /> };
    case 'users':
      return { section, page: <UsersPage me={me} /> };
    case 'sms':
      return { section, page: <SmsPage /> };
    case 'settings':
      return { section, page: <SettingsPage /> };
    default:
      return { section: null, page: null };
  }
}

export function AdminApp() {
  const t = useAdminT();
  const et = useAppT(eventMessages);
  const ht = useAppT(hallMessages);
  const nt = useAppT(networkMessages);
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  const { me, loadError } = useStaffMe(t);

  useEffect(() => {
    document.title = t('app.adminTitle');
  }, [t]);

  useEffect(() => {
    if (pathname === '/admin' || pathname === '/admin/') navigate('/admin/items', { replace: true });
  }, [pathname]);

  if (!me) return <StaffLoading error={loadError} t={t} />;

  if (me.user.role !== 'admin') {
    return (
      <Result
        status="403"
        title={t('admin.forbidden')}
        extra={
          <Space>
            <Button href="/">{t('admin.toPortal')}</Button>
            <Button type="primary" onClick={signOut}>
              {t('admin.logout')}
            </Button>
          </Space>
        }
      />
    );
  }

  const { section, page } = route(pathname, me);
  const menuItems = [
    { key: 'items', icon: <AppstoreOutlined />, label: <Link href="/admin/items" data-testid="menu-items">{t('admin.menu.items')}</Link> },
    { key: 'departments', icon: <ApartmentOutlined />, label: <Link href="/admin/departments" data-testid="menu-departments">{t('admin.menu.departments')}</Link> },
    { key: 'events', icon: <TagsOutlined />, label: <Link href="/admin/events" data-testid="menu-events">{et('events.menu')}</Link> },
    { key: 'calendar', icon: <CalendarOutlined />, label: <Link href="/admin/calendar" data-testid="menu-calendar">{t('admin.menu.calendar')}</Link> },
    { key: 'appointments', icon: <ScheduleOutlined />, label: <Link href="/admin/appointments" data-testid="menu-appointments">{t('admin.menu.appointments')}</Link> },
    { key: 'queue', icon: <OrderedListOutlined />, label: <Link href="/admin/queue" data-testid="menu-queue">{ht('hall.menu')}</Link> },
    { key: 'network', icon: <ClusterOutlined />, label: <Link href="/admin/network" data-testid="menu-network">{nt('network.menu')}</Link> },
    { key: 'users', icon: <TeamOutlined />, label: <Link href="/admin/users" data-testid="menu-users">{t('admin.menu.users')}</Link> },
    { key: 'sms', icon: <MessageOutlined />, label: <Link href="/admin/sms" data-testid="menu-sms">{t('admin.menu.sms')}</Link> },
    { key: 'settings', icon: <SettingOutlined />, label: <Link href="/admin/settings" data-testid="menu-settings">{t('admin.menu.settings')}</Link> },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ background: '#0f3c78', padding: '0 16px' }}>
        <div className="ow-header" style={{ height: '100%', flexWrap: 'nowrap' }}>
          <a href="/admin/items" className="ow-brand">
            {screens.sm ? t('app.adminTitle') : t('app.name')}
          </a>
          <Space size="middle" style={{ color: '#fff' }}>
            <LangSwitch />
            {screens.md && (
              <a href="/" style={{ color: '#fff' }} target="_blank" rel="noopener">
                {t('admin.toPortal')}
              </a>
            )}
            <span data-testid="current-user" style={{ whiteSpace: 'nowrap' }} title={me.user.displayName || me.user.username}>
              <UserOutlined /> {screens.sm ? me.user.displayName || me.user.username : null}
            </span>
            <Button size="small" icon={<LogoutOutlined />} onClick={signOut} data-testid="logout" aria-label={t('admin.logout')}>
              {screens.sm ? t('admin.logout') : null}
            </Button>
          </Space>
        </div>
      </Header>
      <Layout>
        <Sider breakpoint="lg" collapsedWidth={56} width={200} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
          <Menu mode="inline" selectedKeys={section ? [section] : []} items={menuItems} style={{ borderInlineEnd: 0 }} />
        </Sider>
        <Content style={{ padding: screens.md ? 24 : 8, minWidth: 0 }}>
          {page ?? <Result status="404" title={t('common.notFound')} extra={<Link href="/admin/items">{t('admin.menu.items')}</Link>} />}
        </Content>
      </Layout>
    </Layout>
  );
}
